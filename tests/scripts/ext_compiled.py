# Source compiled and run through HPy_Compile_s and HPy_EvalCode (the `compiled` sample).
import gc
import compiled

g = {"x": 20, "y": 22}
e = compiled.compile("x + y", "<expr>", 0)
print(type(e).__name__, compiled.run(e, g), compiled.run(e, g, g))
g["x"] = 100
gc.collect()
print(compiled.run(e, g))

f = compiled.compile("def double(v):\n    return 2 * v\nresult = [double(i) for i in range(4)]\n", "<file>", 1)
print(compiled.run(f, g), g["result"], g["double"](21))

s = compiled.compile("x * 2", "<single>", 2)
print(compiled.run(s, g))
s2 = compiled.compile("z = x - 1", "<single>", 2)
print(compiled.run(s2, g), g["z"])

for src, kind in [("x = ", 1), ("x = 1", 0), ("1 +", 0)]:
    try:
        compiled.compile(src, "<bad>", kind)
    except SyntaxError as err:
        print("SyntaxError:", err.msg, err.lineno)

boom = compiled.compile("1 / 0", "<boom>", 0)
try:
    compiled.run(boom, {})
except ZeroDivisionError as err:
    print("ZeroDivisionError:", err)
try:
    compiled.run(e, {})
except NameError as err:
    print("NameError:", err)

# Separate locals, as HPy's own test_eval_code passes them.
c0 = compile("a + b", "hello.py", "eval")
print(compiled.run(c0, dict(), dict(a=2, b=3)))
locals1 = dict(a=10, b=20)
c1 = compile("x = a + b", "hello.py", "exec")
print(compiled.run(c1, dict(), locals1), sorted(locals1.items()))
c2 = compiled.compile("y = 7", "<file>", 1)
g2, l2 = {}, {}
print(compiled.run(c2, g2, l2), l2, "y" in g2)
try:
    compiled.run(compile("raise ValueError", "hello.py", "exec"), dict(__builtins__=__builtins__), dict())
except ValueError:
    print("ValueError")
