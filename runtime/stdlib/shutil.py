"""High-level file operations (hpymove's own, small `shutil`: copying, moving and removing
files and trees, what test suites use). Metadata (permissions, times) is not copied."""

import os

__all__ = ["copyfileobj", "copyfile", "copy", "copy2", "copytree", "ignore_patterns",
           "move", "rmtree", "which", "get_terminal_size", "Error"]


class Error(OSError):
    pass


def copyfileobj(fsrc, fdst, length=0):
    while True:
        buf = fsrc.read(length or 65536)
        if not buf:
            break
        fdst.write(buf)


def copyfile(src, dst, *, follow_symlinks=True):
    src, dst = os.fspath(src), os.fspath(dst)
    if os.path.abspath(src) == os.path.abspath(dst):
        raise SameFileError("{!r} and {!r} are the same file".format(src, dst))
    with open(src, "rb") as f:
        data = f.read()
    with open(dst, "wb") as f:
        f.write(data)
    return dst


class SameFileError(Error):
    pass


def copy(src, dst, *, follow_symlinks=True):
    dst = os.fspath(dst)
    if os.path.isdir(dst):
        dst = os.path.join(dst, os.path.basename(os.fspath(src)))
    copyfile(src, dst)
    return dst


copy2 = copy


def move(src, dst, copy_function=copy2):
    src, dst = os.fspath(src), os.fspath(dst)
    real_dst = dst
    if os.path.isdir(dst):
        real_dst = os.path.join(dst, os.path.basename(src.rstrip("/")))
        if os.path.exists(real_dst):
            raise Error("Destination path '%s' already exists" % real_dst)
    try:
        os.rename(src, real_dst)
    except OSError:
        if os.path.isdir(src):
            raise
        copy_function(src, real_dst)
        os.unlink(src)
    return real_dst


def rmtree(path, ignore_errors=False, onerror=None):
    path = os.fspath(path)
    try:
        for name in os.listdir(path):
            full = os.path.join(path, name)
            if os.path.isdir(full):
                rmtree(full, ignore_errors, onerror)
            else:
                os.unlink(full)
        os.rmdir(path)
    except OSError:
        if ignore_errors:
            return
        if onerror is None:
            raise
        onerror(os.rmdir, path, None)


def ignore_patterns(*patterns):
    """An `ignore` for copytree: the names matching any of the glob patterns."""
    import fnmatch

    def ignored(_dir, names):
        out = set()
        for pat in patterns:
            out.update(fnmatch.filter(names, pat))
        return out

    return ignored


def copytree(src, dst, symlinks=False, ignore=None, copy_function=copy2,
             ignore_dangling_symlinks=False, dirs_exist_ok=False):
    """Copies the directory tree `src` to `dst` (created; it may exist only with
    `dirs_exist_ok`); returns `dst`."""
    src, dst = os.fspath(src), os.fspath(dst)
    names = os.listdir(src)
    skip = ignore(src, names) if ignore is not None else set()
    os.makedirs(dst, exist_ok=dirs_exist_ok)
    errors = []
    for name in names:
        if name in skip:
            continue
        s, d = os.path.join(src, name), os.path.join(dst, name)
        try:
            if os.path.isdir(s):
                copytree(s, d, symlinks, ignore, copy_function,
                         ignore_dangling_symlinks, dirs_exist_ok)
            else:
                copy_function(s, d)
        except Error as e:
            errors.extend(e.args[0])
        except OSError as e:
            errors.append((s, d, str(e)))
    if errors:
        raise Error(errors)
    return dst


def which(cmd, mode=os.F_OK | os.X_OK, path=None):
    """The path of the executable `cmd` found along `path` (default: $PATH), or None."""
    cmd = os.fspath(cmd)
    def usable(p):
        return os.path.exists(p) and os.access(p, mode) and not os.path.isdir(p)
    if os.path.dirname(cmd):
        return cmd if usable(cmd) else None
    if path is None:
        path = os.environ.get("PATH", None)
        if path is None:
            path = os.defpath
    if not path:
        return None
    seen = set()
    for d in os.fspath(path).split(os.pathsep):
        if d in seen:
            continue
        seen.add(d)
        full = os.path.join(d, cmd)
        if usable(full):
            return full
    return None


def get_terminal_size(fallback=(80, 24)):
    """The terminal's size: $COLUMNS and $LINES first, then the window of stdout, else
    `fallback`."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    try:
        lines = int(os.environ["LINES"])
    except (KeyError, ValueError):
        lines = 0
    if columns <= 0 or lines <= 0:
        try:
            size = os.get_terminal_size(1)
        except (AttributeError, ValueError, OSError):
            size = os.terminal_size(fallback)
        if columns <= 0:
            columns = size.columns or fallback[0]
        if lines <= 0:
            lines = size.lines or fallback[1]
    return os.terminal_size((columns, lines))
