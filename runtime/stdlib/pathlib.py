"""Filesystem paths (hpymove's own, small `pathlib`: the POSIX `Path` operations test
suites use: joining with `/`, the name parts, reading and writing files, `exists`,
`mkdir`, `iterdir`, `glob` of one directory level). No Windows paths, no `stat()`."""

import os


class PurePath:
    def __init__(self, *parts):
        texts = []
        for p in parts:
            if isinstance(p, PurePath):
                texts.append(p._path)
            else:
                texts.append(os.fspath(p))
        if not texts:
            texts = ["."]
        joined = os.path.join(*texts) if texts else "."
        self._path = _normalize(joined)

    def __str__(self):
        return self._path

    def __fspath__(self):
        return self._path

    def __repr__(self):
        return "PurePosixPath(%r)" % (self._path,)

    def __eq__(self, other):
        return isinstance(other, PurePath) and self._path == other._path

    def __hash__(self):
        return hash(self._path)

    def __lt__(self, other):
        return self._path < other._path

    def __truediv__(self, other):
        return type(self)(self._path, other)

    def __rtruediv__(self, other):
        return type(self)(other, self._path)

    @property
    def parts(self):
        if self._path.startswith("/"):
            return tuple(["/"] + [p for p in self._path.split("/") if p])
        return tuple(p for p in self._path.split("/") if p and p != ".")

    @property
    def name(self):
        return "" if self._path in ("/", ".") else os.path.basename(self._path)

    @property
    def suffix(self):
        name = self.name
        i = name.rfind(".")
        return name[i:] if 0 < i < len(name) - 1 else ""

    @property
    def suffixes(self):
        name = self.name
        if name.endswith("."):
            return []
        name = name.lstrip(".")
        return ["." + s for s in name.split(".")[1:]]

    @property
    def stem(self):
        name = self.name
        suffix = self.suffix
        return name[:len(name) - len(suffix)] if suffix else name

    @property
    def parent(self):
        if self._path in ("/", "."):
            return self
        d = os.path.dirname(self._path)
        return type(self)(d if d else ".")

    @property
    def parents(self):
        out = []
        p = self
        while True:
            q = p.parent
            if q == p:
                break
            out.append(q)
            p = q
        return tuple(out)

    @property
    def anchor(self):
        return "/" if self._path.startswith("/") else ""

    def is_absolute(self):
        return self._path.startswith("/")

    def joinpath(self, *parts):
        return type(self)(self._path, *parts)

    def with_name(self, name):
        return self.parent / name

    def with_suffix(self, suffix):
        return self.parent / (self.stem + suffix)

    def with_stem(self, stem):
        return self.parent / (stem + self.suffix)

    def relative_to(self, other):
        other = PurePath(other)
        base = other._path.rstrip("/") + "/"
        if self._path == other._path:
            return type(self)(".")
        if not self._path.startswith(base) and other._path != "/":
            raise ValueError("%r is not in the subpath of %r" % (self._path, other._path))
        return type(self)(self._path[len(base):] if other._path != "/" else self._path[1:])

    def as_posix(self):
        return self._path

    def match(self, pattern):
        return _fnmatch(self.name, pattern.split("/")[-1])


class Path(PurePath):
    def __repr__(self):
        return "PosixPath(%r)" % (self._path,)

    @classmethod
    def cwd(cls):
        return cls(os.getcwd())

    @classmethod
    def home(cls):
        return cls(os.path.expanduser("~"))

    def absolute(self):
        return self if self.is_absolute() else Path(os.getcwd(), self._path)

    def resolve(self, strict=False):
        return Path(os.path.realpath(self.absolute()._path))

    def exists(self):
        return os.path.exists(self._path)

    def is_dir(self):
        return os.path.isdir(self._path)

    def is_file(self):
        return os.path.isfile(self._path)

    def read_text(self, encoding=None, errors=None):
        with open(self._path) as f:
            return f.read()

    def read_bytes(self):
        with open(self._path, "rb") as f:
            return f.read()

    def write_text(self, data, encoding=None, errors=None, newline=None):
        if not isinstance(data, str):
            raise TypeError("data must be str, not %s" % type(data).__name__)
        with open(self._path, "w") as f:
            return f.write(data)

    def write_bytes(self, data):
        with open(self._path, "wb") as f:
            return f.write(data)

    def open(self, mode="r", buffering=-1, encoding=None, errors=None, newline=None):
        return open(self._path, mode)

    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        if exist_ok and self.is_dir():
            return
        if parents:
            os.makedirs(self._path, mode, exist_ok=exist_ok)
        else:
            os.mkdir(self._path, mode)

    def rmdir(self):
        os.rmdir(self._path)

    def unlink(self, missing_ok=False):
        if missing_ok and not self.exists():
            return
        os.remove(self._path)

    def touch(self, mode=0o666, exist_ok=True):
        if self.exists():
            if not exist_ok:
                raise FileExistsError("[Errno 17] File exists: %r" % self._path)
            return
        with open(self._path, "w"):
            pass

    def iterdir(self):
        for name in sorted(os.listdir(self._path)):
            yield self / name

    def glob(self, pattern):
        if "/" in pattern:
            head, rest = pattern.split("/", 1)
            for p in self.glob(head):
                if p.is_dir():
                    for q in p.glob(rest):
                        yield q
            return
        for p in self.iterdir():
            if _fnmatch(p.name, pattern):
                yield p


PosixPath = Path
PurePosixPath = PurePath


def _normalize(path):
    if path == "":
        return "."
    absolute = path.startswith("/")
    parts = [p for p in path.split("/") if p and p != "."]
    text = "/".join(parts)
    if absolute:
        return "/" + text
    return text or "."


def _fnmatch(name, pattern):
    """Shell wildcards `*`, `?` and `[...]`."""
    return _fnmatch_at(name, 0, pattern, 0)


def _fnmatch_at(name, i, pattern, j):
    while j < len(pattern):
        c = pattern[j]
        if c == "*":
            for k in range(len(name), i - 1, -1):
                if _fnmatch_at(name, k, pattern, j + 1):
                    return True
            return False
        if i >= len(name):
            return False
        if c == "?":
            i += 1
            j += 1
            continue
        if c == "[":
            end = pattern.find("]", j + 2)
            if end > 0:
                body = pattern[j + 1:end]
                neg = body.startswith("!")
                if neg:
                    body = body[1:]
                hit = False
                k = 0
                while k < len(body):
                    if k + 2 < len(body) and body[k + 1] == "-":
                        hit = hit or body[k] <= name[i] <= body[k + 2]
                        k += 3
                    else:
                        hit = hit or body[k] == name[i]
                        k += 1
                if hit == neg:
                    return False
                i += 1
                j = end + 1
                continue
        if name[i] != c:
            return False
        i += 1
        j += 1
    return i == len(name)
