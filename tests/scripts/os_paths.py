# os and os.path (written in Python for hpymove over a small native posix module), and
# __file__ of the main script.
import os, os.path, sys
from os import path as p2
import posixpath

print(os.path is p2, os.path is posixpath, os.sep, os.name, os.curdir, os.pardir)
here = os.path.dirname(os.path.abspath(__file__))
print(os.path.basename(__file__), os.path.basename(here), "os_paths.py" in os.listdir(here))
print(os.path.isdir(here), os.path.isfile(__file__), os.path.isfile(here), os.path.exists("/nonexistent/x"))
for j in [("a", "b"), ("a/", "b"), ("/a", "/b"), ("", "x"), ("a", ""), ("a", "b", "/c", "d")]:
    print(repr(os.path.join(*j)), end=" ")
print()
for s in ["/a/b/c.txt", "a/b/", "c", "/", "//x", "a.tar.gz", ".bashrc", "a/.hidden", "x/y.z/w", "..."]:
    print(os.path.split(s), os.path.splitext(s), os.path.dirname(s), os.path.basename(s))
for n in ["a//b/./c/..", "/../x", "../../y", ".", "", "//a//b", "///a", "a/../../b"]:
    print(repr(os.path.normpath(n)), end=" ")
print()
print(os.path.relpath("/a/b/c", "/a/x"), os.path.relpath("/a", "/a"), os.path.commonprefix(["/usr/lib", "/usr/local"]))
print(os.getenv("HPYMOVE_SURELY_UNSET", "dflt"), os.environ.get("HPYMOVE_SURELY_UNSET") is None, type(os.getpid()).__name__)
print(os.getcwd() == os.path.abspath("."), os.path.isabs("/x"), os.path.isabs("x"))
print(os.path.realpath(here) == os.path.realpath(os.path.join(here, "..", os.path.basename(here))))
if "HOME" in os.environ:
    print(os.path.expanduser("~/x") == os.environ["HOME"].rstrip("/") + "/x", os.path.expanduser("~nobody_x/y"))
try:
    os.listdir("/nonexistent_dir_xyz")
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.filename, e)
try:
    os.path.join("a", 1)
except TypeError as e:
    print("TypeError")
sys.path.insert(0, os.path.join(here, "pkgdemo"))
print(sys.path[0].endswith("pkgdemo"), os.fspath("p"))
