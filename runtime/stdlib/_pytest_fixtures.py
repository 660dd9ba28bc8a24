"""hpymove's pytest: fixtures. Where a test finds a fixture (its class, its module, the
`conftest.py` files from its directory up to the rootdir, the builtins), how a fixture's
value is made, cached for its scope and torn down (yield fixtures, finalizers, in reverse
order), and `request`."""

import sys

from _pytest_api import Skipped, Failed, FixtureInfo, marks_of

SCOPE_RANK = {"session": 0, "package": 0, "module": 1, "class": 2, "function": 3}


class FixtureLookupError(LookupError):
    pass


def argnames_of(func, is_method=False):
    """The names of the parameters a call must fill (those without a default value)."""
    code = func.__code__
    names = list(code.co_varnames[:code.co_argcount])
    defaults = getattr(func, "__defaults__", None) or ()
    if defaults:
        names = names[:len(names) - len(defaults)]
    kwonly = code.co_varnames[code.co_argcount:code.co_argcount + code.co_kwonlyargcount]
    kwdefaults = getattr(func, "__kwdefaults__", None) or {}
    names.extend(n for n in kwonly if n not in kwdefaults)
    if is_method and names:
        names = names[1:]
    return names


def is_generator_function(func):
    return bool(func.__code__.co_flags & 0x20)


class FixtureDef:
    def __init__(self, name, func, info, cls=None, where=""):
        self.name = name
        self.func = func
        self.scope = "session" if info.scope == "package" else info.scope
        self.params = info.params
        self.ids = info.ids
        self.autouse = info.autouse
        self.cls = cls
        self.where = where
        self.argnames = argnames_of(func, cls is not None)

    def __repr__(self):
        return "<FixtureDef %s %s>" % (self.name, self.where)


def fixtures_in_namespace(items, cls=None, where=""):
    """{name: FixtureDef} of the fixture functions among (attribute name, value) pairs."""
    out = {}
    for attr, value in items:
        info = getattr(value, "_pytestfixturefunction", None) if callable(value) else None
        if not isinstance(info, FixtureInfo):
            continue
        name = info.name or attr
        if name not in out:
            out[name] = FixtureDef(name, value, info, cls, where)
    return out


_module_tables = {}
_class_tables = {}


def module_fixtures(module):
    key = id(module)
    t = _module_tables.get(key)
    if t is None:
        t = fixtures_in_namespace(list(vars(module).items()), None, module.__name__)
        _module_tables[key] = (module, t)
        return t
    return t[1]


def class_fixtures(cls):
    key = id(cls)
    t = _class_tables.get(key)
    if t is None:
        pairs = []
        for klass in cls.__mro__:
            pairs.extend(klass.__dict__.items())
        t = fixtures_in_namespace(pairs, cls, cls.__name__)
        _class_tables[key] = (cls, t)
        return t
    return t[1]


def visible_defs(item, name):
    """The definitions of fixture `name` a test sees, the nearest first."""
    out = []
    if item.cls is not None:
        d = class_fixtures(item.cls).get(name)
        if d is not None:
            out.append(d)
    d = module_fixtures(item.module).get(name)
    if d is not None:
        out.append(d)
    for conftest in reversed(item.conftests):
        d = module_fixtures(conftest).get(name)
        if d is not None:
            out.append(d)
    d = BUILTINS.get(name)
    if d is not None:
        out.append(d)
    return out


def autouse_names(item):
    names = []
    tables = [module_fixtures(c) for c in item.conftests]
    tables.append(module_fixtures(item.module))
    if item.cls is not None:
        tables.append(class_fixtures(item.cls))
    for t in tables:
        for name, d in t.items():
            if d.autouse and name not in names:
                names.append(name)
    return names


def fixture_closure(item, initial):
    """Every fixture a test needs, in pytest's order: breadth first from `initial`, then
    sorted by scope (wider scopes first)."""
    names = []
    for n in initial:
        if n not in names:
            names.append(n)
    i = 0
    while i < len(names):
        name = names[i]
        i += 1
        defs = visible_defs(item, name)
        for d in defs:
            for arg in d.argnames:
                if arg not in names and arg != "request":
                    names.append(arg)
            if name not in d.argnames:
                break  # an override that requests its parent also needs the parent's args

    def rank(n):
        defs = visible_defs(item, n)
        if not defs:
            return SCOPE_RANK["function"]
        return SCOPE_RANK[defs[0].scope]

    indexed = [(rank(n), k, n) for k, n in enumerate(names)]
    indexed.sort()
    return [n for _, _, n in indexed]


class Execution:
    """One made value of a fixture, with the finalizers to run when it is torn down."""

    def __init__(self, fdef, param_index):
        self.fdef = fdef
        self.param_index = param_index
        self.value = None
        self.error = None
        self.finalizers = []

    def finish(self, errors):
        while self.finalizers:
            fin = self.finalizers.pop()
            try:
                fin()
            except BaseException as e:  # noqa: the runner reports teardown errors
                errors.append(e)


class FixtureRequest:
    def __init__(self, manager, item, fdef=None, param=None, param_index=None, depth=0):
        self._manager = manager
        self._item = item
        self._fdef = fdef
        self._depth = depth
        self.node = item
        self.config = item.config
        self.fixturename = fdef.name if fdef is not None else None
        self.scope = fdef.scope if fdef is not None else "function"
        self.param_index = param_index if param_index is not None else 0
        if param_index is not None:
            self.param = param
        self._execution = None

    @property
    def function(self):
        return self._item.function

    @property
    def cls(self):
        return self._item.cls

    @property
    def instance(self):
        return self._item.instance

    @property
    def module(self):
        return self._item.module

    @property
    def keywords(self):
        return self._item.keywords

    @property
    def fixturenames(self):
        return list(self._item.fixturenames)

    @property
    def session(self):
        return self._item.session

    def applymarker(self, marker):
        self._item.add_marker(marker)

    def getfixturevalue(self, name):
        return self._manager.value(self._item, name, 0)

    def addfinalizer(self, fn):
        if self._execution is not None:
            self._execution.finalizers.append(fn)
        else:
            self._manager.scope_finalizers["function"].append(fn)

    def __repr__(self):
        return "<FixtureRequest for %r>" % (self._item.nodeid,)


class FixtureManager:
    def __init__(self):
        # scope -> {id(fdef): Execution}, and the executions in setup order.
        self.cache = {s: {} for s in ("session", "module", "class", "function")}
        self.order = {s: [] for s in ("session", "module", "class", "function")}
        self.scope_finalizers = {s: [] for s in ("session", "module", "class", "function")}

    def finish_scope(self, scope, errors):
        for ex in reversed(self.order[scope]):
            ex.finish(errors)
        fins = self.scope_finalizers[scope]
        while fins:
            fin = fins.pop()
            try:
                fin()
            except BaseException as e:
                errors.append(e)
        self.order[scope] = []
        self.cache[scope] = {}

    def value(self, item, name, depth):
        if name == "request" and depth == 0:
            return FixtureRequest(self, item)
        cs = item.callspec.get(name)
        if cs is not None and cs[2]:
            return cs[0]  # parametrized directly by the test: no fixture involved
        defs = visible_defs(item, name)
        if depth >= len(defs):
            raise FixtureLookupError(self.lookup_message(item, name))
        fdef = defs[depth]
        if cs is not None and (fdef.params is not None or depth == 0):
            # the fixture's own params, or an indirect parametrization of its name
            param, param_index = cs[0], cs[1]
        else:
            param, param_index = None, None
        scope = fdef.scope
        key = id(fdef)
        ex = self.cache[scope].get(key)
        if ex is not None:
            if ex.param_index == param_index:
                if ex.error is not None:
                    raise ex.error
                return ex.value
            # The same fixture with another param: tear the old value down first.
            errors = []
            ex.finish(errors)
            self.order[scope].remove(ex)
            del self.cache[scope][key]
            if errors:
                raise errors[0]
        request = FixtureRequest(self, item, fdef, param, param_index, depth)
        kwargs = {}
        for arg in fdef.argnames:
            if arg == "request":
                kwargs[arg] = request
            elif arg == name:
                kwargs[arg] = self.value(item, name, depth + 1)
            else:
                kwargs[arg] = self.value(item, arg, 0)
        ex = Execution(fdef, param_index)
        request._execution = ex
        self.cache[scope][key] = ex
        self.order[scope].append(ex)
        try:
            if fdef.cls is not None:
                instance = item.instance
                if instance is None or not isinstance(instance, fdef.cls):
                    instance = item.cls()
                result = fdef.func(instance, **kwargs)
            else:
                result = fdef.func(**kwargs)
            if is_generator_function(fdef.func):
                gen = result
                result = next(gen)
                ex.finalizers.append(lambda: _finish_generator(gen, fdef.name))
        except BaseException as e:
            if scope != "function" and not isinstance(e, Skipped):
                ex.error = e
            else:
                self.order[scope].remove(ex)
                del self.cache[scope][key]
            raise
        ex.value = result
        return result

    def lookup_message(self, item, name):
        available = set(BUILTINS)
        for c in item.conftests:
            available.update(module_fixtures(c))
        available.update(module_fixtures(item.module))
        if item.cls is not None:
            available.update(class_fixtures(item.cls))
        return ("fixture '%s' not found\n>       available fixtures: %s\n>       use 'pytest "
                "--fixtures [testpath]' for help on them." % (name, ", ".join(sorted(available))))


def _finish_generator(gen, name):
    try:
        next(gen)
    except StopIteration:
        return
    raise Failed("fixture function %s has more than one 'yield'" % (name,))


# ---------------------------------------------------------------------------- builtins

BUILTINS = {}


def builtin(scope="function", name=None):
    def decorate(fn):
        n = name or fn.__name__.lstrip("_")
        BUILTINS[n] = FixtureDef(n, fn, FixtureInfo(scope, None, False, None, n), None,
                                 "builtin")
        return fn
    return decorate


_tmp_state = {"root": None, "counts": {}}


def _tmp_root():
    import os
    if _tmp_state["root"] is None:
        base = os.environ.get("PYTEST_DEBUG_TEMPROOT") or os.environ.get("TMPDIR") or "/tmp"
        root = os.path.join(base, "hpymove-pytest-%d" % os.getpid())
        n = 0
        while os.path.exists(root if n == 0 else "%s-%d" % (root, n)):
            n += 1
        if n:
            root = "%s-%d" % (root, n)
        os.makedirs(root)
        _tmp_state["root"] = root
    return _tmp_state["root"]


def _make_tmp_dir(name):
    import os
    safe = "".join(c if c.isalnum() or c in "_-." else "_" for c in name)[:30]
    count = _tmp_state["counts"].get(safe, 0)
    _tmp_state["counts"][safe] = count + 1
    path = os.path.join(_tmp_root(), "%s%d" % (safe, count))
    os.makedirs(path)
    return path


@builtin()
def tmp_path(request):
    import pathlib
    return pathlib.Path(_make_tmp_dir(request.node.name))


@builtin(scope="session")
def tmp_path_factory():
    return TempPathFactory()


class TempPathFactory:
    def mktemp(self, basename, numbered=True):
        import pathlib
        return pathlib.Path(_make_tmp_dir(basename))

    def getbasetemp(self):
        import pathlib
        return pathlib.Path(_tmp_root())


@builtin()
def tmpdir(request):
    return LocalPath(_make_tmp_dir(request.node.name))


class LocalPath:
    """The part of `py.path.local` that `tmpdir` users call."""

    def __init__(self, path):
        import os
        self.strpath = os.path.abspath(str(path))

    def __str__(self):
        return self.strpath

    def __repr__(self):
        return "local(%r)" % (self.strpath,)

    def __fspath__(self):
        return self.strpath

    def __eq__(self, other):
        return isinstance(other, LocalPath) and other.strpath == self.strpath

    def __hash__(self):
        return hash(self.strpath)

    def __truediv__(self, other):
        return self.join(other)

    @property
    def basename(self):
        import os
        return os.path.basename(self.strpath)

    def join(self, *parts):
        import os
        return LocalPath(os.path.join(self.strpath, *[str(p) for p in parts]))

    def dirpath(self):
        import os
        return LocalPath(os.path.dirname(self.strpath))

    def write(self, data, mode="w"):
        if isinstance(data, bytes) and "b" not in mode:
            mode += "b"
        with open(self.strpath, mode) as f:
            f.write(data)

    def read(self, mode="r"):
        with open(self.strpath, mode) as f:
            return f.read()

    def read_text(self, encoding="utf-8"):
        return self.read()

    def write_text(self, data, encoding="utf-8"):
        self.write(data)

    def exists(self):
        import os
        return os.path.exists(self.strpath)

    def check(self, exists=True, dir=None, file=None):
        import os
        if dir is not None:
            return os.path.isdir(self.strpath) == bool(dir)
        if file is not None:
            return os.path.isfile(self.strpath) == bool(file)
        return os.path.exists(self.strpath) == bool(exists)

    def isdir(self):
        import os
        return os.path.isdir(self.strpath)

    def isfile(self):
        import os
        return os.path.isfile(self.strpath)

    def mkdir(self, *parts):
        import os
        p = self.join(*parts) if parts else self
        os.mkdir(p.strpath)
        return p

    def ensure(self, *parts, dir=False):
        import os
        p = self.join(*parts) if parts else self
        if dir:
            os.makedirs(p.strpath, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(p.strpath), exist_ok=True)
            if not os.path.exists(p.strpath):
                p.write("")
        return p

    def listdir(self):
        import os
        return [self.join(n) for n in sorted(os.listdir(self.strpath))]


class CaptureResult:
    def __init__(self, out, err):
        self.out = out
        self.err = err

    def __iter__(self):
        return iter((self.out, self.err))

    def __getitem__(self, i):
        return (self.out, self.err)[i]

    def __eq__(self, other):
        return tuple(self) == tuple(other)

    def __repr__(self):
        return "CaptureResult(out=%r, err=%r)" % (self.out, self.err)


class TextSink:
    """A text stream that keeps what is written to it."""

    def __init__(self, name):
        self.parts = []
        self.name = name
        self.encoding = "utf-8"

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        self.parts.append(s)
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):
        raise OSError("a captured stream has no file descriptor")

    def take(self):
        text = "".join(self.parts)
        self.parts = []
        return text


# capsys/capfd fixtures in use: the runner points sys.stdout at theirs in every phase.
ACTIVE_CAPTURES = []


class CaptureFixture:
    """capsys/capfd: while the test runs, sys.stdout and sys.stderr are its own sinks
    (capfd does the same at the level of sys.stdout: hpymove does not capture file
    descriptors, so what C code writes with printf is not seen)."""

    def __init__(self):
        self.out = TextSink("<stdout>")
        self.err = TextSink("<stderr>")
        self.saved = None
        self.disabled_depth = 0

    def start(self):
        self.saved = (sys.stdout, sys.stderr)
        sys.stdout = self.out
        sys.stderr = self.err
        ACTIVE_CAPTURES.append(self)

    def stop(self):
        if self in ACTIVE_CAPTURES:
            ACTIVE_CAPTURES.remove(self)
        if self.saved is not None:
            sys.stdout, sys.stderr = self.saved
            self.saved = None

    def readouterr(self):
        return CaptureResult(self.out.take(), self.err.take())

    def disabled(self):
        return _CaptureDisabled(self)


class _CaptureDisabled:
    def __init__(self, cap):
        self.cap = cap

    def __enter__(self):
        self.inner = (sys.stdout, sys.stderr)
        if self.cap.saved is not None:
            sys.stdout, sys.stderr = self.cap.saved
        return None

    def __exit__(self, *exc):
        sys.stdout, sys.stderr = self.inner
        return False


@builtin()
def capsys():
    cap = CaptureFixture()
    cap.start()
    try:
        yield cap
    finally:
        cap.stop()


@builtin()
def capfd():
    cap = CaptureFixture()
    cap.start()
    try:
        yield cap
    finally:
        cap.stop()


@builtin()
def recwarn():
    from _pytest_api import WarningsRecorder
    with WarningsRecorder() as rec:
        yield rec


_NOTSET = object()


class MonkeyPatch:
    def __init__(self):
        self._setattr = []
        self._setitem = []
        self._cwd = None
        self._syspath = None

    @classmethod
    def context(cls):
        return _MonkeyContext()

    def setattr(self, target, name, value=_NOTSET, raising=True):
        if value is _NOTSET:
            if not isinstance(target, str):
                raise TypeError("use setattr(target, name, value) or setattr(target, value) "
                                "with target being a dotted import string")
            value = name
            target, name = _resolve_dotted(target)
        old = getattr(target, name, _NOTSET)
        if raising and old is _NOTSET:
            raise AttributeError("%r has no attribute %r" % (target, name))
        if isinstance(target, type) and name in target.__dict__:
            old = target.__dict__[name]
        self._setattr.append((target, name, old))
        setattr(target, name, value)

    def delattr(self, target, name=_NOTSET, raising=True):
        if name is _NOTSET:
            target, name = _resolve_dotted(target)
        if not hasattr(target, name):
            if raising:
                raise AttributeError(name)
            return
        old = getattr(target, name)
        if isinstance(target, type) and name in target.__dict__:
            old = target.__dict__[name]
        self._setattr.append((target, name, old))
        delattr(target, name)

    def setitem(self, dic, name, value):
        self._setitem.append((dic, name, dic.get(name, _NOTSET)))
        dic[name] = value

    def delitem(self, dic, name, raising=True):
        if name not in dic:
            if raising:
                raise KeyError(name)
            return
        self._setitem.append((dic, name, dic.get(name, _NOTSET)))
        del dic[name]

    def setenv(self, name, value, prepend=None):
        import os
        value = str(value)
        if prepend and name in os.environ:
            value = value + prepend + os.environ[name]
        self.setitem(os.environ, name, value)

    def delenv(self, name, raising=True):
        import os
        self.delitem(os.environ, name, raising)

    def syspath_prepend(self, path):
        if self._syspath is None:
            self._syspath = list(sys.path)
        sys.path.insert(0, str(path))

    def chdir(self, path):
        import os
        if self._cwd is None:
            self._cwd = os.getcwd()
        os.chdir(str(path))

    def undo(self):
        import os
        while self._setattr:
            target, name, old = self._setattr.pop()
            if old is _NOTSET:
                delattr(target, name)
            else:
                setattr(target, name, old)
        while self._setitem:
            dic, name, old = self._setitem.pop()
            if old is _NOTSET:
                if name in dic:
                    del dic[name]
            else:
                dic[name] = old
        if self._syspath is not None:
            sys.path[:] = self._syspath
            self._syspath = None
        if self._cwd is not None:
            os.chdir(self._cwd)
            self._cwd = None


class _MonkeyContext:
    def __enter__(self):
        self.mp = MonkeyPatch()
        return self.mp

    def __exit__(self, *exc):
        self.mp.undo()
        return False


def _resolve_dotted(text):
    if "." not in text:
        raise ValueError("must be absolute import path string, not %r" % (text,))
    modname, attr = text.rsplit(".", 1)
    parts = modname.split(".")
    obj = __import__(parts[0])
    for i in range(1, len(parts)):
        try:
            obj = getattr(obj, parts[i])
        except AttributeError:
            obj = __import__(".".join(parts[:i + 1]))
            for p in parts[1:i + 1]:
                obj = getattr(obj, p)
    return obj, attr


@builtin()
def monkeypatch():
    mp = MonkeyPatch()
    try:
        yield mp
    finally:
        mp.undo()


@builtin(scope="session")
def pytestconfig(request):
    return request.config


@builtin()
def record_property(request):
    return lambda name, value: request.node.user_properties.append((name, value))
