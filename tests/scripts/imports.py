# Imports: packages, submodules, aliases, from-imports, modules imported once.
import pkgdemo
import pkgdemo.helpers
import pkgdemo.helpers as h
from pkgdemo.helpers import describe
from pkgdemo import helpers

print(pkgdemo.VERSION, h.describe(), describe(), helpers is h)
import basics as b, basics
print(b is basics, b.ANSWER)
try:
    import no_such_module
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
try:
    from basics import nope
except ImportError as e:
    # The location in parentheses depends on how the host loads extensions.
    print("ImportError:", str(e)[:39])
