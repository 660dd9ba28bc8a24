"""Path names matching shell wildcards (hpymove's own `glob`): `glob`, `iglob`, `escape`,
`has_magic`, with CPython 3.11's rules: each path component is matched with `fnmatch`;
names starting with `.` match only a pattern that starts with `.` (unless
include_hidden); with recursive=True, a component `**` matches any number of
directories (none included); a pattern ending in `/` matches directories only; results
come in the directory's listing order, not sorted.
"""

import fnmatch
import os
import posixpath

__all__ = ["glob", "iglob", "escape", "has_magic"]

_MAGIC = "*?["


def glob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    """The list of paths matching `pathname` (relative to root_dir when given)."""
    return list(iglob(pathname, root_dir=root_dir, dir_fd=dir_fd, recursive=recursive,
                      include_hidden=include_hidden))


def iglob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    """An iterator over the paths matching `pathname`, as glob() returns them."""
    if dir_fd is not None:
        raise NotImplementedError("glob: dir_fd is not supported on hpymove (it has no "
                                  "directory file descriptors); pass root_dir instead")
    pathname = os.fspath(pathname)
    if isinstance(pathname, bytes):
        # Matched as text (each byte one character) and given back as bytes.
        root = None if root_dir is None else os.fspath(root_dir)
        if isinstance(root, bytes):
            root = root.decode("latin-1")
        text = iglob(pathname.decode("latin-1"), root_dir=root, recursive=recursive,
                     include_hidden=include_hidden)
        return (p.encode("latin-1") for p in text)
    root = "" if root_dir is None else os.fspath(root_dir)
    found = _iglob(pathname, root, recursive, False, include_hidden)
    if not pathname or (recursive and pathname[:2] == "**"):
        # `**` at the start also yields "" (the root itself): not a result.
        return (p for p in found if p)
    return found


def escape(pathname):
    """`pathname` with its wildcard characters made literal (`[*]`, `[?]`, `[[]`)."""
    if isinstance(pathname, bytes):
        return escape(pathname.decode("latin-1")).encode("latin-1")
    pathname = os.fspath(pathname)
    return "".join("[%s]" % c if c in _MAGIC else c for c in pathname)


def has_magic(s):
    """Whether `s` holds a wildcard."""
    if isinstance(s, bytes):
        s = s.decode("latin-1")
    return any(c in _MAGIC for c in s)


def _iglob(pathname, root, recursive, dironly, include_hidden):
    head, tail = posixpath.split(pathname)
    if not has_magic(pathname):
        # A literal path: it exists or not (a trailing `/` asks for a directory).
        if tail:
            if posixpath.lexists(_join(root, pathname)):
                yield pathname
        elif posixpath.isdir(_join(root, head)):
            yield pathname
        return
    if recursive and tail == "**":
        in_dir = _recursive
    elif has_magic(tail):
        in_dir = _matching
    else:
        in_dir = _literal
    if not head:
        yield from in_dir(root, tail, dironly, include_hidden)
        return
    if head != pathname and has_magic(head):
        # The directories the head matches: only directories can hold the tail.
        dirs = _iglob(head, root, recursive, True, include_hidden)
    else:
        dirs = [head]
    for d in dirs:
        for name in in_dir(_join(root, d), tail, dironly, include_hidden):
            yield posixpath.join(d, name)


def _join(a, b):
    if not a or not b:
        return a or b
    return posixpath.join(a, b)


def _names(dirname, dironly):
    """The names in a directory (only its subdirectories with dironly); none if it cannot
    be listed."""
    d = dirname or os.curdir
    try:
        names = os.listdir(d)
    except OSError:
        return []
    if dironly:
        names = [n for n in names if posixpath.isdir(posixpath.join(d, n))]
    return names


def _hidden(name):
    return name[:1] == "."


def _matching(dirname, pattern, dironly, include_hidden):
    names = _names(dirname, dironly)
    if not include_hidden and not _hidden(pattern):
        names = [n for n in names if not _hidden(n)]
    return fnmatch.filter(names, pattern)


def _literal(dirname, name, dironly, include_hidden):
    if name:
        return [name] if posixpath.lexists(_join(dirname, name)) else []
    return [name] if posixpath.isdir(dirname) else []


def _recursive(dirname, pattern, dironly, include_hidden):
    """`**`: "" (the directory itself), then everything below it, depth first."""
    yield ""
    yield from _below(dirname, dironly, include_hidden)


def _below(dirname, dironly, include_hidden):
    for name in _names(dirname, dironly):
        if include_hidden or not _hidden(name):
            yield name
            sub = _join(dirname, name)
            for rest in _below(sub, dironly, include_hidden):
                yield posixpath.join(name, rest)
