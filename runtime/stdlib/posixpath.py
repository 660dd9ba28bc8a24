"""Path names (hpymove's own `posixpath`, which `os.path` is): string operations on
POSIX paths, and what the file system says about them."""

import posix as _posix

sep = "/"
curdir = "."
pardir = ".."


def _str(p, fname):
    if not isinstance(p, str):
        raise TypeError(
            "%s() argument must be str, not '%s'" % (fname, type(p).__name__)
        )
    return p


def isabs(s):
    return _str(s, "isabs").startswith("/")


def join(a, *p):
    path = _str(a, "join")
    for b in p:
        _str(b, "join")
        if b.startswith("/"):
            path = b
        elif not path or path.endswith("/"):
            path += b
        else:
            path += "/" + b
    return path


def split(p):
    i = _str(p, "split").rfind("/") + 1
    head, tail = p[:i], p[i:]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head, tail


def dirname(p):
    return split(p)[0]


def basename(p):
    return split(p)[1]


def splitext(p):
    _str(p, "splitext")
    sep_index = p.rfind("/")
    dot_index = p.rfind(".")
    if dot_index > sep_index:
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index] != ".":
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, ""


def normpath(path):
    _str(path, "normpath")
    if not path:
        return "."
    initial_slashes = 1 if path.startswith("/") else 0
    if initial_slashes and path.startswith("//") and not path.startswith("///"):
        initial_slashes = 2
    new_comps = []
    for comp in path.split("/"):
        if comp in ("", "."):
            continue
        if comp != ".." or (not initial_slashes and not new_comps) or (
                new_comps and new_comps[-1] == ".."):
            new_comps.append(comp)
        elif new_comps:
            new_comps.pop()
    path = "/".join(new_comps)
    if initial_slashes:
        path = "/" * initial_slashes + path
    return path or "."


def abspath(path):
    _str(path, "abspath")
    if not isabs(path):
        path = join(_posix.getcwd(), path)
    return normpath(path)


def realpath(path):
    return normpath(_posix._realpath(abspath(path)))


def relpath(path, start=None):
    if not path:
        raise ValueError("no path specified")
    start = curdir if start is None else start
    start_list = [x for x in abspath(start).split("/") if x]
    path_list = [x for x in abspath(path).split("/") if x]
    i = len(commonprefix([start_list, path_list]))
    rel_list = [pardir] * (len(start_list) - i) + path_list[i:]
    if not rel_list:
        return curdir
    return join(*rel_list)


def commonprefix(m):
    if not m:
        return ""
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def exists(path):
    return isinstance(path, str) and _posix._exists(path)


def lexists(path):
    """Whether the path exists, a broken symbolic link included."""
    return isinstance(path, str) and _posix._lexists(path)


def islink(path):
    return isinstance(path, str) and _posix._islink(path)


def normcase(s):
    """Case normalization: none on POSIX (names are case-sensitive)."""
    if not isinstance(s, (str, bytes)):
        raise TypeError("expected str, bytes or os.PathLike object, not %s"
                        % type(s).__name__)
    return s


def isdir(s):
    return isinstance(s, str) and _posix._isdir(s)


def isfile(path):
    return isinstance(path, str) and _posix._isfile(path)


def expanduser(path):
    _str(path, "expanduser")
    if not path.startswith("~"):
        return path
    i = path.find("/", 1)
    if i < 0:
        i = len(path)
    if i == 1:
        home = _posix.environ.get("HOME")
        if home is None:
            return path
    else:
        return path
    return (home.rstrip("/") or "/") + path[i:]
