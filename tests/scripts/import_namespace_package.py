# PEP 420 namespace packages: a directory without __init__.py on the path is a package
# whose portions may lie in several path entries; submodules are .py files or extension
# modules (.hpy0.so); a regular module or package anywhere on the path wins over them.
import os
import shutil
import sys

here = os.path.abspath(os.path.dirname(__file__))
top = os.path.join(here, "nsdemo_%d" % os.getpid())
p1 = os.path.join(top, "p1")
p2 = os.path.join(top, "p2")
for d in ["p1/nspkg", "p2/nspkg/sub", "p1/shadow", "p1/regular/inner"]:
    os.makedirs(os.path.join(top, d))
files = {
    "p1/nspkg/mod_a.py": "VALUE = 'a from p1'\n",
    "p2/nspkg/mod_b.py": "from nspkg import mod_a\nVALUE = 'b sees ' + mod_a.VALUE\n",
    "p2/nspkg/sub/leaf.py": "NAME = __name__\n",
    "p2/shadow.py": "KIND = 'module in p2'\n",
    "p1/regular/__init__.py": "KIND = 'regular package'\n",
}
for rel, text in files.items():
    with open(os.path.join(top, rel), "w") as f:
        f.write(text)
# An extension module as a namespace package's submodule.
ext = [d for d in sys.path if os.path.exists(os.path.join(d, "basics.hpy0.so"))][0]
shutil.copyfile(os.path.join(ext, "basics.hpy0.so"), os.path.join(p1, "nspkg", "basics.hpy0.so"))
sys.path[:0] = [p1, p2]


def rel(paths):
    return [os.path.relpath(p, top) for p in paths]


import nspkg
print(nspkg.__name__, nspkg.__file__, rel(nspkg.__path__))
import nspkg.mod_a
import nspkg.mod_b
print(nspkg.mod_a.VALUE, "|", nspkg.mod_b.VALUE)
from nspkg.sub import leaf
print(leaf.NAME, rel(nspkg.sub.__path__), nspkg.sub.__file__)
import nspkg.basics
print(nspkg.basics.__name__, nspkg.basics.get_small_int(), nspkg.basics.get_true())
print(sys.modules.get("nspkg.basics") is nspkg.basics or "hpymove" in sys.version)
import shadow
print(shadow.KIND)
import regular
print(regular.KIND)
for name in ["nspkg.missing", "regular.inner.deeper", "shadow.x", "nspkg.mod_a.x"]:
    try:
        __import__(name)
    except ImportError as e:
        print(type(e).__name__, e)
import regular.inner
print(regular.inner.__file__, rel(regular.inner.__path__))
shutil.rmtree(top)
