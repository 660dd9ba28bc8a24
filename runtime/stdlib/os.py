"""Operating-system interfaces (hpymove's own, small `os`: what test scripts use)."""

import posix as _posix
import posixpath as path
from posix import environ, getcwd, getpid, listdir, remove

unlink = remove

name = "posix"
sep = "/"
altsep = None
curdir = "."
pardir = ".."
extsep = "."
pathsep = ":"
linesep = "\n"
devnull = "/dev/null"


def getenv(key, default=None):
    return environ.get(key, default)


def fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    f = getattr(type(p), "__fspath__", None)
    if f is None:
        raise TypeError(
            "expected str, bytes or os.PathLike object, not %s" % type(p).__name__
        )
    return f(p)
