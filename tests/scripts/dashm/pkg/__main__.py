import sys
print("main", __name__, __package__, __spec__.name, __spec__.parent, __file__.endswith("pkg/__main__.py"))
print(sys.argv[0].endswith("pkg/__main__.py"), sys.argv[1:])
print(sys.path[0] == __import__("os").getcwd())
print("pkg.__main__" in sys.modules, "pkg" in sys.modules, sys.modules["__main__"].__name__)
from . import helper
print(helper.X)
