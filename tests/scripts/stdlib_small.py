# errno, textwrap, types, importlib, operator's in-place functions, EnvironmentError.
import errno
import importlib
import operator
import sys
import textwrap
import types

print(errno.EINVAL, errno.ENOENT, errno.EAGAIN, errno.EWOULDBLOCK, errno.EPERM)
print(errno.errorcode[errno.EINVAL], errno.errorcode[11], len(errno.errorcode) > 100)

print(repr(textwrap.dedent("""
    a = 1
      b = 2
    \t
    c
""")))
print(repr(textwrap.dedent("  x\n\ty\n")))
print(repr(textwrap.indent("a\n\nb\n", "> ")))
print(repr(textwrap.indent("a\nb", "+", lambda line: True)))
text = "The quick brown fox jumps over the lazy dog " * 3
print(textwrap.wrap(text, 20))
print(textwrap.fill(text, 30, initial_indent="* ", subsequent_indent="  "))
print(textwrap.wrap("supercalifragilisticexpialidocious word", 10))
print(textwrap.shorten("Hello  world and everyone else", width=16))

ns = types.SimpleNamespace(a=1, b="x")
ns.c = 3
print(ns, ns.a, isinstance(ns, types.SimpleNamespace))
print(ns == types.SimpleNamespace(a=1, b="x", c=3))
print(isinstance(sys, types.ModuleType), isinstance(len, types.BuiltinFunctionType))
print(isinstance(lambda: 0, types.FunctionType), types.FunctionType is types.LambdaType)


def gen():
    yield 1


class K:
    def m(self):
        pass


print(isinstance(gen(), types.GeneratorType), isinstance(K().m, types.MethodType))
C = types.new_class("C", (K,), None, lambda ns: ns.update({"z": 5}))
print(C.__name__, C.z, issubclass(C, K))

m = importlib.import_module("textwrap")
print(m is textwrap, importlib.import_module("os.path").join("a", "b"))
importlib.invalidate_caches()
try:
    importlib.import_module("no_such_module_xyz")
except ImportError as e:
    print(type(e).__name__, e)


class M:
    def __init__(self, v):
        self.v = v

    def __matmul__(self, o):
        return M(self.v * o.v)

    def __imatmul__(self, o):
        self.v += o.v
        return self


x = M(2)
y = operator.imatmul(x, M(3))
print(y is x, x.v, operator.matmul(M(2), M(5)).v)
print(operator.iadd([1], [2]), operator.iadd(1, 2), operator.isub(5, 2), operator.imul("a", 3))
print(operator.ifloordiv(7, 2), operator.itruediv(7, 2), operator.imod(7, 3), operator.ipow(2, 5))
print(operator.ilshift(1, 4), operator.irshift(32, 2), operator.iand(6, 3), operator.ior(4, 1),
      operator.ixor(6, 3), operator.iconcat([1], (2,)))
print(operator.index(5), operator.index(True), operator.index(-2**70))
try:
    operator.index(1.5)
except TypeError as e:
    print(e)

print(EnvironmentError is OSError, IOError is OSError)
try:
    raise EnvironmentError(errno.ENOENT, "nope")
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror, e)
