# Context variables made and used through the HPy API (the `ctxvars` sample).
import gc
import ctxvars

v = ctxvars.new("color")
w = ctxvars.new("size", 10)
print(v.name, w.name, type(v).__name__)
print(ctxvars.get(v), ctxvars.get(v, "fallback"), ctxvars.get(w), ctxvars.get(w, 5))
token = ctxvars.set(v, ["red"])
gc.collect()
print(type(token).__name__, ctxvars.get(v), ctxvars.get(v, "fallback"))
ctxvars.set(w, {"big": True})
gc.collect()
print(ctxvars.get(w), ctxvars.get(w, 5))
try:
    ctxvars.get(42)
except TypeError as e:
    print("TypeError:", e)
try:
    ctxvars.set("not a var", 1)
except TypeError as e:
    print("TypeError:", e)
