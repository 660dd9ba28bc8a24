# function.__code__ (what test runners read), module __dict__, print() to a replaced
# sys.stdout, and the os directory functions.
import sys
import os


def f(a, b=2, *args, c, d=4, **kw):
    x = 1
    return x


def g(self, request):
    yield request


def h(p, /, q):
    return lambda: p


for fn in (f, g, h):
    c = fn.__code__
    print(c.co_name, c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount,
          c.co_varnames[:c.co_argcount + c.co_kwonlyargcount], c.co_flags & 0x2C,
          os.path.basename(c.co_filename), c.co_firstlineno - f.__code__.co_firstlineno)
print(f.__code__.co_varnames)


class K:
    def method(self, x, y=3):
        pass


print(K.method.__code__.co_varnames, K.method.__defaults__)
print(K().method.__func__.__code__.co_argcount if hasattr(K().method, "__func__") else 3)

d = vars(os)
print(type(d).__name__, "getcwd" in d, os.__dict__ is d)


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        pass


saved = sys.stdout
sink = Sink()
sys.stdout = sink
print("captured", 1)
print("to stderr", file=sys.stderr is not None and saved)
sys.stdout = saved
print(sink.parts)

base = "/tmp/hpymove-introspection-%d" % os.getpid()
os.makedirs(base + "/a/b", exist_ok=True)
os.makedirs(base + "/a/b", exist_ok=True)
print(os.path.isdir(base + "/a/b"))
try:
    os.mkdir(base + "/a")
except FileExistsError as e:
    print("FileExistsError", e.errno)
here = os.getcwd()
os.chdir(base + "/a")
print(os.path.basename(os.getcwd()))
os.chdir(here)
os.rmdir(base + "/a/b")
os.rmdir(base + "/a")
os.rmdir(base)
print(os.path.exists(base))
