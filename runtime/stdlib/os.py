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


def mkdir(p, mode=0o777):
    # The mode is not applied: the process umask decides.
    _posix.mkdir(fspath(p))


def rmdir(p):
    _posix.rmdir(fspath(p))


def rename(src, dst):
    _posix.rename(fspath(src), fspath(dst))


replace = rename


def chdir(p):
    _posix.chdir(fspath(p))


def makedirs(name, mode=0o777, exist_ok=False):
    name = fspath(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        makedirs(head, mode, exist_ok=True)
    if exist_ok and path.isdir(name):
        return
    mkdir(name, mode)
