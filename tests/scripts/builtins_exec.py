# compile, exec and eval.
g = {}
exec("x = 1\ny = x + 1", g)
print(sorted(k for k in g if k != "__builtins__"), g["y"], "__builtins__" in g)
print(eval("y * 10", g))
print(eval("1 + 2"), eval(" 3 * 4"))
c = compile("a + b", "hello.py", "eval")
print(eval(c, {"a": 2, "b": 3}))
c1 = compile("a = 1\nb = 2\ndef add(x, y):\n    return x + y\nres = add(a, b)\n", "h1.py", "exec")
g1, l1 = {}, {}
print(eval(c1, g1, l1))
print(sorted(l1), l1["res"], sorted(k for k in g1 if k != "__builtins__"))
l2 = {"a": 10, "b": 20}
exec(compile("x = a + b", "h.py", "exec"), {}, l2)
print(sorted(l2.items()))
print(exec("z = 5"), z)


def f():
    exec("q = 1", globals())
    return eval("q + 1")


print(f())
try:
    eval(compile("raise ValueError('v')", "r.py", "exec"), {})
except ValueError as e:
    print("ValueError", e)
for args in [("1 +", "s.py", "eval"), ("x = 1", "s.py", "eval"), ("1", "s.py", "bad")]:
    try:
        compile(*args)
    except (SyntaxError, ValueError) as e:
        print(type(e).__name__)
try:
    exec("1", [])
except TypeError as e:
    print(e)
exec(compile("1 + 1", "<s>", "single"))
print(type(c).__name__)
