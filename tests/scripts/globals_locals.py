# globals(), locals() (module, function, class body) and vars().
x = 1
print(sorted(k for k in globals() if not k.startswith("__")), globals() is locals(), "x" in vars())
def f(a, b=2):
    c = a + b
    def g():
        return c
    return sorted(locals().items(), key=lambda kv: kv[0]) if False else sorted(locals())
print(f(1))
class K:
    y = 5
    names = sorted(k for k in locals() if not k.startswith("__"))
print(K.names, vars(K)["y"], sorted(vars(type("O", (), {"z": 1})())))
o = type("O", (), {})()
o.q = 3
print(vars(o))
try:
    vars(1)
except TypeError as e:
    print("TypeError:", e)
globals()["made"] = 42
print(made)
