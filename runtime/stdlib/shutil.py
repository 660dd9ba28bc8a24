"""High-level file operations (hpymove's own, small `shutil`: copying, moving and removing
files and trees, what test suites use). Metadata (permissions, times) is not copied."""

import os

__all__ = ["copyfileobj", "copyfile", "copy", "copy2", "move", "rmtree", "Error"]


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
