# Global and builtin names are looked up through a per-name cache (keyed on the dicts'
# key sets): every way of shadowing, unshadowing or replacing a name must be seen at the
# very next lookup, in functions, at module level, in class bodies and under exec.
import builtins

real_len = builtins.len


def use_len(o):
    return len(o)


def loop(n, o):
    out = []
    for i in range(n):
        out.append(len(o))
    return out


print("builtin:", use_len([1, 2, 3]), loop(3, "ab"))

# A module-level assignment shadows the builtin at once, `del` unshadows it.
len = lambda o: "shadow"
print("shadowed:", use_len([1]), loop(2, "ab"))
del len
print("unshadowed:", use_len([1]), loop(2, "ab"))

# The same through globals().
globals()["len"] = lambda o: "via globals()"
print("globals() set:", use_len([1]))
globals()["len"] = lambda o: "replaced value"
print("globals() replaced:", use_len([1]))
del globals()["len"]
print("globals() del:", use_len([1]))
globals().setdefault("len", lambda o: "setdefault")
print("setdefault:", use_len([1]))
print("pop:", globals().pop("len")("x"), use_len([1]))
globals().update(len=lambda o: "update")
print("update:", use_len([1]))
del globals()["len"]

# Replacing or deleting the builtin itself.
builtins.len = lambda o: "builtins.len replaced"
print("builtins replaced:", use_len([1]), loop(1, "a"))
builtins.len = real_len
print("builtins restored:", use_len([1]))
del builtins.len
try:
    use_len([1])
except NameError as e:
    print("builtins deleted:", e)
builtins.len = real_len
print("builtins back:", use_len([1, 2]))

# A new builtin appears after a miss.
def use_new():
    return new_builtin_name


try:
    use_new()
except NameError as e:
    print("missing:", e)
builtins.new_builtin_name = "now a builtin"
print("appeared:", use_new())
new_builtin_name = "now a global"
print("global wins:", use_new())
del new_builtin_name
print("builtin again:", use_new())
del builtins.new_builtin_name
try:
    use_new()
except NameError as e:
    print("gone:", e)

# Globals found at an index that shifts when an earlier key is removed.
aa = "aa"
bb = "bb"
cc = "cc"


def read_cc():
    return cc


print("index:", read_cc())
del aa
print("index after del:", read_cc())
aa = "aa again"
cc = "cc new"
print("index after re-add:", read_cc())

# Shadowing inside a running loop: the next iteration sees it.
def shadow_midway(n):
    out = []
    for i in range(n):
        out.append(len("abc"))
        if i == 1:
            globals()["len"] = lambda o: -1
        if i == 3:
            del globals()["len"]
    return out


print("midway:", shadow_midway(6))

# Module-level lookups (not in a function).
acc = []
for i in range(4):
    acc.append(len("xy"))
    if i == 1:
        len = str
    if i == 2:
        del len
print("module level:", acc)

# One code object run under different globals dicts.
code = compile("r = len(x)", "<cache>", "exec")
g1 = {"x": [1, 2, 3]}
g2 = {"x": [1], "len": lambda o: "g2's len"}
for g in (g1, g2, g1, g2):
    exec(code, g)
    print("exec:", g["r"])

# A function defined under exec, its globals changed afterwards.
ns = {}
exec("def f(o):\n    return len(o), sorted(o)\n", ns)
print("exec f:", ns["f"]("ba"))
ns["len"] = lambda o: "ns len"
print("exec f shadowed:", ns["f"]("ba"))
ns["sorted"] = lambda o: "ns sorted"
print("exec f both:", ns["f"]("ba"))
saved = ns["f"]
ns.clear()
ns["__builtins__"] = builtins
print("exec f cleared:", saved("ba"))
ns.update({"len": lambda o: "back"})
print("exec f updated:", saved("ba"))
ns.popitem()
print("exec f popitem:", saved("ba"))

# eval with a locals mapping and globals.
print("eval:", eval("len(y)", {"y": "abcd"}), eval("len(y)", {"y": "ab", "len": lambda o: "eval len"}))

# Class bodies: the class namespace, then the globals, then the builtins.
class C:
    a = len("abc")
    len = lambda o: "class len"
    b = len("abc")
    del len
    c = len("abc")


print("class:", C.a, C.b, C.c)

# Many globals added (the dict grows) between two lookups.
def read_bb():
    return bb


print("before growth:", read_bb())
for i in range(200):
    globals()["g%d" % i] = i
print("after growth:", read_bb(), g199)
for i in range(0, 200, 2):
    del globals()["g%d" % i]
print("after deletions:", read_bb(), g199, use_len("abcde"))
