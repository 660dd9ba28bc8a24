"""Files (hpymove's own, small `io`: what `open()` returns). A file read is read whole
when opened; a file written is written when flushed or closed (and at each write in
append mode). Text is UTF-8 (or ASCII/Latin-1) with universal newlines on reading.
A file opened on a descriptor (`open(fd)`, `os.fdopen`) is read whole from its start and
written whole through the descriptor at each flush; closing it closes the descriptor
unless `closefd=False`."""

import posix as _posix

__all__ = ["open", "StringIO", "BytesIO", "UnsupportedOperation"]

SEEK_SET, SEEK_CUR, SEEK_END = 0, 1, 2


class UnsupportedOperation(OSError, ValueError):
    pass


def _check_mode(mode):
    if not isinstance(mode, str):
        raise TypeError("open() argument 'mode' must be str, not %s" % type(mode).__name__)
    kinds = [c for c in mode if c in "rwax"]
    if any(c not in "rwaxbt+" for c in mode) or len(set(mode)) != len(mode):
        raise ValueError("invalid mode: '%s'" % mode)
    if len(kinds) != 1:
        raise ValueError("must have exactly one of create/read/write/append mode")
    if "b" in mode and "t" in mode:
        raise ValueError("can't have text and binary mode at once")
    return kinds[0], "b" in mode, "+" in mode


class _Buffer:
    """What the file classes share: the data, a position, closing."""

    closed = False

    def _check_open(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def __enter__(self):
        self._check_open()
        return self

    def __exit__(self, *exc):
        self.close()

    def __iter__(self):
        self._check_open()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readable(self):
        return self._readable

    def writable(self):
        return self._writable

    def seekable(self):
        return True

    def tell(self):
        self._check_open()
        return self._pos

    def seek(self, pos, whence=SEEK_SET):
        self._check_open()
        if whence == SEEK_SET:
            self._pos = pos
        elif whence == SEEK_CUR:
            self._pos += pos
        else:
            self._pos = len(self._data) + pos
        self._pos = max(self._pos, 0)
        return self._pos

    def read(self, size=-1):
        if self.closed and getattr(self, "_binary", False):
            raise ValueError("read of closed file")
        self._check_open()
        if not self._readable:
            raise UnsupportedOperation("not readable")
        if size is None or size < 0:
            end = len(self._data)
        else:
            end = min(len(self._data), self._pos + size)
        chunk = self._data[self._pos:end]
        self._pos = max(self._pos, end)
        return chunk

    def readline(self, size=-1):
        self._check_open()
        if not self._readable:
            raise UnsupportedOperation("not readable")
        nl = self._data.find(self._newline, self._pos)
        end = len(self._data) if nl < 0 else nl + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        chunk = self._data[self._pos:end]
        self._pos = max(self._pos, end)
        return chunk

    def readlines(self, hint=-1):
        return list(self)

    def write(self, s):
        self._check_open()
        if not self._writable:
            raise UnsupportedOperation("not writable")
        if not isinstance(s, type(self._data)):
            raise TypeError(self._type_error % type(s).__name__)
        before = self._data[:self._pos]
        if len(before) < self._pos:
            before = before + self._fill * (self._pos - len(before))
        self._data = before + s + self._data[self._pos + len(s):]
        self._pos += len(s)
        self._dirty = True
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        self._check_open()

    def close(self):
        if not self.closed:
            self.flush()
            self.closed = True


class StringIO(_Buffer):
    _newline = "\n"
    _fill = "\0"
    _type_error = "string argument expected, got '%s'"

    def __init__(self, initial_value="", newline="\n"):
        self._data = initial_value or ""
        self._pos = 0
        self._readable = self._writable = True

    def getvalue(self):
        self._check_open()
        return self._data


class BytesIO(_Buffer):
    _newline = b"\n"
    _fill = b"\0"
    _type_error = "a bytes-like object is required, not '%s'"

    def __init__(self, initial_bytes=b""):
        self._data = bytes(initial_bytes)
        self._pos = 0
        self._readable = self._writable = True

    def getvalue(self):
        self._check_open()
        return self._data


class _File(_Buffer):
    def __init__(self, file, mode, binary, encoding, errors, closefd=True):
        self.name = file
        self.mode = mode
        self._binary = binary
        self._encoding = encoding
        self._errors = errors
        kind, binary, plus = _check_mode(mode)
        self._kind = kind
        self._readable = kind == "r" or plus
        self._writable = kind != "r" or plus
        self._newline = b"\n" if binary else "\n"
        self._fill = b"\0" if binary else "\0"
        self._type_error = (
            "a bytes-like object is required, not '%s'" if binary
            else "write() argument must be str, not %s"
        )
        self._dirty = False
        self._fd = None
        if isinstance(file, int):
            self._fd = file
            self._closefd = closefd
            self._data = self._decode(_read_fd(file))
            self._kind = "w" if kind == "x" else kind
        elif kind == "r":
            self._data = self._decode(_posix._read_bytes(file))
        elif kind == "a":
            self._data = self._decode(_posix._read_bytes(file)) if _posix._exists(file) else (
                b"" if binary else "")
        else:
            _posix._write_bytes(file, b"", "x" if kind == "x" else "w")
            self._data = b"" if binary else ""
        self._pos = len(self._data) if kind == "a" else 0
        if kind == "x" and self._fd is None:
            self._kind = "w"

    def _decode(self, raw):
        if self._binary:
            return raw
        text = raw.decode(self._encoding, self._errors)
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def _encode(self):
        if self._binary:
            return self._data
        return self._data.encode(self._encoding, self._errors)

    def write(self, s):
        if self._kind == "a":
            self._pos = len(self._data)
        return _Buffer.write(self, s)

    def flush(self):
        self._check_open()
        if self._dirty:
            if self._fd is not None:
                _write_fd(self._fd, self._encode())
            else:
                _posix._write_bytes(self.name, self._encode(), "w")
            self._dirty = False

    def close(self):
        if not self.closed:
            try:
                self.flush()
            finally:
                self.closed = True
                if self._fd is not None and self._closefd:
                    _posix.close(self._fd)

    def fileno(self):
        if self._fd is None:
            raise UnsupportedOperation("fileno")
        self._check_open()
        return self._fd

    def __repr__(self):
        if self._binary:
            return "<_io.BufferedReader name=%r>" % self.name
        return "<_io.TextIOWrapper name=%r mode=%r encoding=%r>" % (
            self.name, self.mode, self._encoding)


def _read_fd(fd):
    """The whole content of the file open on `fd`."""
    _posix.lseek(fd, 0, SEEK_SET)
    chunks = []
    while True:
        chunk = _posix.read(fd, 65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _write_fd(fd, data):
    """Makes `data` the whole content of the file open on `fd`."""
    _posix.lseek(fd, 0, SEEK_SET)
    done = 0
    while done < len(data):
        done += _posix.write(fd, data[done:done + 1048576])
    _posix.ftruncate(fd, len(data))


def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None,
         closefd=True, opener=None):
    if isinstance(file, int) and not isinstance(file, bool):
        if file < 0:
            raise ValueError("negative file descriptor")
        kind, binary, plus = _check_mode(mode)
        if binary and encoding is not None:
            raise ValueError("binary mode doesn't take an encoding argument")
        return _File(file, mode, binary, encoding or "utf-8", errors or "strict", closefd)
    if not closefd:
        raise ValueError("Cannot use closefd=False with file name")
    if not isinstance(file, str):
        raise TypeError(
            "expected str, bytes or os.PathLike object, not %s" % type(file).__name__
        )
    kind, binary, plus = _check_mode(mode)
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    return _File(file, mode, binary, encoding or "utf-8", errors or "strict")
