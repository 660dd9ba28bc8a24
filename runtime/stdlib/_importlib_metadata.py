"""importlib.metadata (hpymove's own, the part test suites use): the metadata of
installed distributions found on `sys.path`, from `*.dist-info/METADATA` (wheels, pip) or
`*.egg-info/PKG-INFO` (setuptools, source checkouts): `version`, `metadata`,
`distribution`, `requires`, `PackageNotFoundError`. No entry points or file lists."""

import os
import sys

__all__ = ["Distribution", "PackageNotFoundError", "distribution", "metadata", "requires",
           "version"]


class PackageNotFoundError(ModuleNotFoundError):
    def __str__(self):
        return "No package metadata was found for %s" % (self.args[0],)

    @property
    def name(self):
        return self.args[0]


def _normalize(name):
    out = ""
    for c in name.lower():
        out += "_" if c in "-." else c
    while "__" in out:
        out = out.replace("__", "_")
    return out


class _Message(dict):
    """The headers of a METADATA/PKG-INFO file: `msg["Version"]`, `get_all(...)`."""

    def __init__(self, text):
        super().__init__()
        self._all = []
        key = None
        for line in text.split("\n"):
            if not line.strip():
                break
            if line[0] in " \t" and key is not None:
                self._all[-1] = (key, self._all[-1][1] + "\n" + line.strip())
                continue
            if ":" in line:
                key, value = line.split(":", 1)
                self._all.append((key.strip(), value.strip()))
        for k, v in self._all:
            if k.lower() not in {x.lower() for x in dict.keys(self)}:
                dict.__setitem__(self, k, v)

    def __getitem__(self, key):
        for k, v in self._all:
            if k.lower() == key.lower():
                return v
        return None

    def get_all(self, key, failobj=None):
        found = [v for k, v in self._all if k.lower() == key.lower()]
        return found or failobj

    @property
    def json(self):
        return {k.lower().replace("-", "_"): v for k, v in self._all}


class Distribution:
    def __init__(self, path, meta_file):
        self._path = path
        self._meta_file = meta_file

    def read_text(self, filename):
        try:
            with open(os.path.join(self._path, filename)) as f:
                return f.read()
        except OSError:
            return None

    @property
    def metadata(self):
        return _Message(self.read_text(self._meta_file) or "")

    @property
    def name(self):
        return self.metadata["Name"]

    @property
    def version(self):
        return self.metadata["Version"]

    @property
    def requires(self):
        reqs = self.metadata.get_all("Requires-Dist")
        if reqs is not None:
            return reqs
        text = self.read_text("requires.txt")
        return None if text is None else [ln for ln in text.split("\n") if ln.strip()]

    @classmethod
    def from_name(cls, name):
        if not name:
            raise ValueError("A distribution name is required.")
        want = _normalize(name)
        for entry in sys.path:
            entry = entry or "."
            try:
                names = sorted(os.listdir(entry))
            except OSError:
                continue
            for n in names:
                for suffix, meta in ((".dist-info", "METADATA"), (".egg-info", "PKG-INFO")):
                    if not n.endswith(suffix):
                        continue
                    base = n[: -len(suffix)]
                    project = base.split("-")[0] if suffix == ".dist-info" else base.split("-")[0]
                    if _normalize(project) == want:
                        path = os.path.join(entry, n)
                        if os.path.isfile(os.path.join(path, meta)):
                            return cls(path, meta)
        raise PackageNotFoundError(name)


def distribution(distribution_name):
    return Distribution.from_name(distribution_name)


def metadata(distribution_name):
    return Distribution.from_name(distribution_name).metadata


def version(distribution_name):
    return Distribution.from_name(distribution_name).version


def requires(distribution_name):
    return Distribution.from_name(distribution_name).requires
