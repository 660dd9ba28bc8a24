"""Module specs and loaders: what `import` records on the modules it loads from files
(`__spec__`, `__loader__`, `__package__`, `__file__`, `__path__`), with importlib's names.

hpymove's import system is its own (runtime/src/interp/eval.rs `import_module`); these
objects describe what it did, for code that reads them as it would on CPython."""


class ModuleSpec:
    """importlib.machinery.ModuleSpec: a module's name, loader and origin."""

    def __init__(self, name, loader, *, origin=None, loader_state=None, is_package=None):
        self.name = name
        self.loader = loader
        self.origin = origin
        self.loader_state = loader_state
        self.submodule_search_locations = [] if is_package else None
        self.cached = None
        self._set_fileattr = False

    @property
    def parent(self):
        """The package the module belongs to (itself for a package)."""
        if self.submodule_search_locations is None:
            return self.name.rpartition(".")[0]
        return self.name

    @property
    def has_location(self):
        return self._set_fileattr

    @has_location.setter
    def has_location(self, value):
        self._set_fileattr = bool(value)

    def __repr__(self):
        args = ["name=%r" % (self.name,), "loader=%r" % (self.loader,)]
        if self.origin is not None:
            args.append("origin=%r" % (self.origin,))
        if self.submodule_search_locations is not None:
            args.append("submodule_search_locations=%r" % (self.submodule_search_locations,))
        return "%s(%s)" % (type(self).__name__, ", ".join(args))

    def __eq__(self, other):
        if not isinstance(other, ModuleSpec):
            return NotImplemented
        return (self.name == other.name and self.loader == other.loader
                and self.origin == other.origin
                and self.submodule_search_locations == other.submodule_search_locations
                and self.cached == other.cached and self.has_location == other.has_location)


class _FileLoader:
    """A loader of module `name` from the file `path`."""

    def __init__(self, name, path):
        self.name = name
        self.path = path

    def __eq__(self, other):
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self):
        return hash(self.name) ^ hash(self.path)

    def get_filename(self, name=None):
        return self.path


class SourceFileLoader(_FileLoader):
    """Loads a `.py` file."""


class ExtensionFileLoader(_FileLoader):
    """Loads an HPy universal extension (`name.hpy0.so`)."""


def spec_from_file(name, path, extension=False, package_dir=None):
    """The spec of module `name` found at `path` (a package when `package_dir` is given)."""
    loader = (ExtensionFileLoader if extension else SourceFileLoader)(name, path)
    spec = ModuleSpec(name, loader, origin=path, is_package=package_dir is not None)
    if package_dir is not None:
        spec.submodule_search_locations.append(package_dir)
    spec.has_location = True
    return spec


def init_module_attrs(module, spec):
    """Records `spec` on `module` as importlib does (an object that refuses an attribute
    keeps going without it)."""
    values = [("__spec__", spec), ("__loader__", spec.loader), ("__package__", spec.parent)]
    if spec.submodule_search_locations is not None:
        values.append(("__path__", spec.submodule_search_locations))
    if spec.has_location:
        values.append(("__file__", spec.origin))
    for attr, value in values:
        try:
            setattr(module, attr, value)
        except AttributeError:
            pass


def load_from_meta_path(name, path):
    """The module `name` from the first finder of `sys.meta_path` whose `find_spec(name,
    path, None)` gives a spec (`path`: the parent package's `__path__`, or None), loaded
    as importlib does: `create_module` (or a new module), the spec's attributes, the
    import table, then `exec_module`; None when no finder knows it."""
    import sys

    for finder in list(sys.meta_path):
        find_spec = getattr(finder, "find_spec", None)
        if find_spec is None:
            continue
        spec = find_spec(name, path, None)
        if spec is None:
            continue
        loader = spec.loader
        if loader is None:
            raise ImportError("missing loader")
        module = None
        create = getattr(loader, "create_module", None)
        if create is not None:
            module = create(spec)
        if module is None:
            module = type(sys)(spec.name)
        init_module_attrs(module, spec)
        sys.modules[spec.name] = module
        try:
            loader.exec_module(module)
        except BaseException:
            sys.modules.pop(spec.name, None)
            raise
        return sys.modules[spec.name]
    return None
