# The attributes of code objects made by compile() (what HPy_Compile_s also makes).
import re

c = compile("1 + 2", "hello0.py", "eval")
print(c.co_name, c.co_qualname, c.co_filename, c.co_firstlineno)
print(c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount, c.co_nlocals, c.co_flags)
print(c.co_varnames, c.co_cellvars, c.co_freevars)
print(re.sub("0x[0-9a-f]+", "ADDR", repr(c)))
print(eval(c))

c = compile("\n\nx = 1\ndef f(a):\n    return a\n", "mod.py", "exec")
print(c.co_name, c.co_filename, c.co_firstlineno)
ns = {}
exec(c, ns)
print(ns["x"], ns["f"](4), ns["f"].__code__.co_filename, ns["f"].__code__.co_name)

c = compile("7", "<stdin>", "single")
print(c.co_filename, type(c).__name__)
try:
    c.co_nothing
except AttributeError as e:
    print("AttributeError:", e)
