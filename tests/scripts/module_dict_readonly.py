# A module's __dict__ can be neither replaced nor deleted; the namespace keeps working.
import builtins
import types

m = types.ModuleType("m")
m.x = 1
for target in (m, builtins):
    try:
        target.__dict__ = {}
    except AttributeError as e:
        print("set:", e)
    try:
        del target.__dict__
    except AttributeError as e:
        print("del:", e)
print(m.x, m.__dict__["x"], len([1, 2]))
setattr(m, "y", 2)
print(sorted(k for k in vars(m) if not k.startswith("__")))
try:
    setattr(m, "__dict__", None)
except AttributeError as e:
    print("setattr:", e)
