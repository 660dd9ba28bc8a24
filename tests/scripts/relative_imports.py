# Relative imports in packages (`from .x import y`, `from .. import m`), and `__import__`.
import relpkg
import relpkg.sub.leaf as leaf

print(relpkg.NAME, relpkg.base_module.NAME)
print(leaf.NAME, leaf.base.NAME, leaf.HERE, leaf.WHO, leaf.sibling.WHO)
print(leaf.base is relpkg.base_module)

top = __import__("relpkg.sub.sibling")
print(top.__name__, top.sub.sibling.WHO)
mod = __import__("relpkg.sub.sibling", fromlist=["WHO"])
print(mod.__name__)
print(__import__("relpkg", globals(), locals(), [], 0).__name__)
try:
    __import__("relpkg.nothing_here")
except ImportError as e:
    print(type(e).__name__, e)
try:
    from . import nothing
except ImportError as e:
    print(type(e).__name__, e)
