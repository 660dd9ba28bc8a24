"""Operating-system interfaces (hpymove's own, small `os`: what test scripts use)."""

import posix as _posix
import posixpath as path
from posix import environ, getcwd, getpid, listdir, remove
from posix import close, read, write, lseek, ftruncate
from posix import (O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND,
                   O_CLOEXEC, O_NOFOLLOW, O_DIRECTORY, SEEK_SET, SEEK_CUR, SEEK_END,
                   F_OK, R_OK, W_OK, X_OK)

unlink = remove

name = "posix"
sep = "/"
altsep = None
curdir = "."
pardir = ".."
extsep = "."
pathsep = ":"
defpath = "/bin:/usr/bin"
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
    _posix._mkdir_mode(fspath(p), mode)


def open(p, flags, mode=0o777):
    """A new file descriptor on `p` (the descriptor is not inheritable, as CPython's)."""
    return _posix.open(fspath(p), flags, mode)


def fdopen(fd, mode="r", buffering=-1, encoding=None, errors=None, newline=None,
           closefd=True):
    """A file object on the descriptor `fd`."""
    if not isinstance(fd, int):
        raise TypeError("invalid fd type (%s, expected integer)" % type(fd).__name__)
    import io
    return io.open(fd, mode, buffering, encoding, errors, newline, closefd)


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


def chmod(p, mode):
    """Sets the permission bits of `p` (OSError when the system refuses)."""
    _posix.chmod(fspath(p), mode)


def access(p, mode):
    """Whether the calling process may reach `p` as `mode` asks (F_OK, R_OK|W_OK|X_OK)."""
    return _posix.access(fspath(p), mode)


class terminal_size(tuple):
    """The size of a terminal window: (columns, lines)."""

    def __new__(cls, seq):
        seq = tuple(seq)
        if len(seq) != 2:
            raise TypeError("os.terminal_size takes a 2-sequence (%d-sequence given)"
                            % len(seq))
        return tuple.__new__(cls, seq)

    @property
    def columns(self):
        return self[0]

    @property
    def lines(self):
        return self[1]

    def __repr__(self):
        return "os.terminal_size(columns=%d, lines=%d)" % (self[0], self[1])


def get_terminal_size(fd=1):
    """The window size of the terminal on `fd` (OSError when it is not a terminal)."""
    return terminal_size(_posix.get_terminal_size(fd))
