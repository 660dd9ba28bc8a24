"""hpymove's pytest: collection. Test files under the given paths, imported as pytest's
default "prepend" import mode does; `conftest.py` files from the rootdir down; `Test*`
classes and `test*` functions (inherited methods too, bases' first); parametrization by
`mark.parametrize` and by fixtures with `params`, with pytest's ids."""

import sys
import os

from _pytest_api import Mark, ParameterSet, Skipped, marks_of
import _pytest_fixtures as fx
import _pytest_doctest as dt

FUNCTION_TYPE = type(lambda: None)
NORECURSE = ("*.egg", ".*", "_darcs", "build", "CVS", "dist", "node_modules", "venv", "{arch}",
             "__pycache__")


def _fnmatch(name, pattern):
    if pattern.startswith("*"):
        return name.endswith(pattern[1:])
    if pattern.endswith("*"):
        return name.startswith(pattern[:-1])
    return name == pattern


def relpath(path, start):
    path = os.path.abspath(path)
    start = os.path.abspath(start)
    if path == start:
        return "."
    if path.startswith(start.rstrip("/") + "/"):
        return path[len(start.rstrip("/")) + 1:]
    return os.path.relpath(path, start)


class ConftestImportFailure(Exception):
    def __init__(self, path, cause):
        Exception.__init__(self, path, cause)
        self.path = path
        self.cause = cause


class CollectError:
    """A file that could not be collected (import error, syntax error...)."""

    def __init__(self, nodeid, longrepr, short):
        self.nodeid = nodeid
        self.longrepr = longrepr
        self.short = short


class ModuleSkip:
    """A file skipped as a whole (`pytest.skip(..., allow_module_level=True)` or
    `importorskip` at module level)."""

    def __init__(self, nodeid, reason, location):
        self.nodeid = nodeid
        self.reason = reason
        self.location = location


class Item:
    def __init__(self, session, nodeid, name, originalname, module, cls, function, conftests,
                 path, marks, callspec, lineno):
        self.session = session
        self.config = session.config
        self.nodeid = nodeid
        self.name = name
        self.originalname = originalname
        self.module = module
        self.cls = cls
        self.function = function
        self.obj = function
        self.conftests = conftests
        self.path = path
        self.fspath = path
        self.own_markers = marks
        self.callspec = callspec
        self.lineno = lineno
        self.instance = None
        self.fixturenames = []
        self.argnames = []
        self.keywords = {}
        self.user_properties = []

    @property
    def location(self):
        return (relpath(self.path, self.session.rootdir), self.lineno, self.name)

    def iter_markers(self, name=None):
        for m in self.own_markers:
            if name is None or m.name == name:
                yield m

    def get_closest_marker(self, name, default=None):
        for m in self.own_markers:
            if m.name == name:
                return m
        return default

    def add_marker(self, marker, append=True):
        m = getattr(marker, "mark", marker)
        if append:
            self.own_markers.append(m)
        else:
            self.own_markers.insert(0, m)
        self.keywords[m.name] = m

    def listextrakeywords(self):
        return set()

    def __repr__(self):
        return "<Function %s>" % (self.name,)


def package_root(path):
    """(directory to put on sys.path, dotted module name) of a .py file: its package
    chain goes up while directories have an __init__.py."""
    d = os.path.dirname(os.path.abspath(path))
    base = os.path.basename(path)[:-3]
    names = [base]
    if base == "__init__":
        names = []
    while os.path.isfile(os.path.join(d, "__init__.py")):
        names.insert(0, os.path.basename(d))
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent
    return d, ".".join(names)


def import_file(path, forget_first=False):
    root, name = package_root(path)
    if root not in sys.path:
        sys.path.insert(0, root)
    if forget_first:
        sys._forget_module(name)
    mod = __import__(name)
    for part in name.split(".")[1:]:
        mod = getattr(mod, part)
    got = getattr(mod, "__file__", None)
    if got is not None and os.path.abspath(got) != os.path.abspath(path):
        raise ImportError(
            "import file mismatch:\nimported module %r has this __file__ attribute:\n  %s\n"
            "which is not the same as the test file we want to collect:\n  %s\n"
            "HINT: remove __pycache__ / .pyc files and/or use a unique basename for your "
            "test file modules" % (name, got, path))
    return mod


def format_exception(e, path=None):
    """A collection error as pytest shows it (the runner's frames left out)."""
    import _pytest_report
    text = _pytest_report.format_failure(e, "short", None)
    if isinstance(e, ImportError) and path is not None:
        return ("ImportError while importing test module '%s'.\nHint: make sure your test "
                "modules/packages have valid Python names.\nTraceback:\n%s" % (path, text))
    return text


class Collector:
    def __init__(self, session):
        self.session = session
        self.rootdir = session.rootdir
        self.conftest_modules = {}

    # ------------------------------------------------------------------ conftests

    def load_conftest(self, path):
        path = os.path.abspath(path)
        if path in self.conftest_modules:
            return self.conftest_modules[path]
        in_package = os.path.isfile(os.path.join(os.path.dirname(path), "__init__.py"))
        try:
            mod = import_file(path, forget_first=not in_package)
        except Skipped:
            raise
        except Exception as e:
            raise ConftestImportFailure(path, e)
        self.conftest_modules[path] = mod
        self.session.register_conftest(mod)
        return mod

    def conftests_for(self, directory):
        """The conftest modules that apply in `directory`, the rootdir's first."""
        directory = os.path.abspath(directory)
        chain = []
        d = directory
        while True:
            chain.insert(0, d)
            if d == self.rootdir or os.path.dirname(d) == d:
                break
            if not (d + "/").startswith(self.rootdir.rstrip("/") + "/"):
                chain = [directory]
                break
            d = os.path.dirname(d)
        out = []
        for d in chain:
            c = os.path.join(d, "conftest.py")
            if os.path.isfile(c):
                out.append(self.load_conftest(c))
        return out

    # ------------------------------------------------------------------ files

    def is_test_file(self, name):
        for pattern in self.session.python_files:
            if pattern.startswith("*") and name.endswith(pattern[1:]):
                return True
            if pattern.endswith("*.py") and name.startswith(pattern[:-4]) and name.endswith(
                    ".py"):
                return True
            if name == pattern:
                return True
        return False

    def walk(self, directory, out):
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            return
        for name in names:
            full = os.path.join(directory, name)
            if os.path.isdir(full):
                if any(_fnmatch(name, p) for p in NORECURSE):
                    continue
                if os.path.isfile(os.path.join(full, "bin", "activate")):
                    continue  # a virtual environment
                self.walk(full, out)
            elif self.is_test_file(name) or (self.session.config.option.doctestmodules
                                             and dt.is_doctest_module(full)):
                out.append(full)

    def collect_file(self, path, initial=False):
        """Items (or a CollectError / ModuleSkip) of one file: its tests when it is a test
        file or was named on the command line, its docstrings' examples under
        --doctest-modules."""
        nodeid = relpath(path, self.rootdir)
        python = initial or self.is_test_file(os.path.basename(path))
        doctests = self.session.config.option.doctestmodules and dt.is_doctest_module(path)
        try:
            conftests = self.conftests_for(os.path.dirname(path))
            if os.path.basename(path) == "conftest.py":
                module = self.load_conftest(path)  # imported once, as a conftest
            else:
                module = import_file(path)
        except Skipped as e:
            return [ModuleSkip(nodeid, e.msg or "", _skip_location(e, nodeid))]
        except BaseException as e:
            if isinstance(e, KeyboardInterrupt):
                raise
            if isinstance(e, ConftestImportFailure):
                text = "ImportError while loading conftest '%s'.\n%s" % (
                    e.path, format_exception(e.cause))
                return [CollectError(nodeid, text, _exc_line(e.cause))]
            return [CollectError(nodeid, format_exception(e, path), _exc_line(e))]
        try:
            # A file's doctests come before its tests, as in pytest.
            items = []
            if doctests:
                items.extend(dt.collect_doctests(self, path, nodeid, module, conftests, Item))
            if python:
                items.extend(self.collect_module(module, path, nodeid, conftests))
            return items
        except Skipped as e:
            return [ModuleSkip(nodeid, e.msg or "", _skip_location(e, nodeid))]
        except BaseException as e:
            if isinstance(e, KeyboardInterrupt):
                raise
            return [CollectError(nodeid, format_exception(e), _exc_line(e))]

    def collect_module(self, module, path, nodeid, conftests):
        module_marks = marks_of_module(module)
        items = []
        for name, obj in list(vars(module).items()):
            if _is_unittest_class(obj):
                # Any TestCase subclass, whatever its name (pytest's unittest plugin).
                if getattr(obj, "__test__", True):
                    items.extend(self.collect_unittest_class(module, obj, name, path, nodeid,
                                                             conftests, module_marks))
            elif self.is_test_class(name, obj):
                items.extend(self.collect_class(module, obj, name, path, nodeid, conftests,
                                                module_marks))
            elif self.is_test_function(name, obj):
                items.extend(self.items_for_function(module, None, name, obj, path,
                                                     nodeid + "::" + name, conftests,
                                                     module_marks))
        return items

    def is_test_function(self, name, obj):
        return (isinstance(obj, FUNCTION_TYPE) and _matches(name, self.session.python_functions)
                and getattr(obj, "__test__", True)
                and not hasattr(obj, "_pytestfixturefunction"))

    def is_test_class(self, name, obj):
        if not isinstance(obj, type) or not _matches(name, self.session.python_classes):
            return False
        if not obj.__dict__.get("__test__", getattr(obj, "__test__", True)):
            return False
        init = getattr(obj, "__init__", None)
        return init is object.__init__ or "__init__" not in _all_dict_keys(obj)

    def collect_class(self, module, cls, name, path, nodeid, conftests, module_marks):
        class_marks = marks_of(cls)
        per_class = []
        seen = set()
        for klass in cls.__mro__:
            values = []
            for attr, obj in list(klass.__dict__.items()):
                if attr in seen:
                    continue
                seen.add(attr)
                if self.is_test_function(attr, obj):
                    values.append((attr, obj))
            per_class.append(values)
        items = []
        for values in reversed(per_class):
            for attr, obj in values:
                items.extend(self.items_for_function(
                    module, cls, attr, obj, path, "%s::%s::%s" % (nodeid, name, attr),
                    conftests, class_marks + module_marks))
        return items

    def collect_unittest_class(self, module, cls, name, path, nodeid, conftests,
                               module_marks):
        """The tests of a unittest.TestCase class: the names its TestLoader finds (or
        runTest), each run by the TestCase itself (Runner.run_unittest)."""
        import unittest
        names = [n for n in unittest.TestLoader().getTestCaseNames(cls)
                 if getattr(getattr(cls, n), "__test__", True)]
        if not names and getattr(cls, "runTest", None) is not None:
            names = ["runTest"]
        class_marks = marks_of(cls)
        items = []
        for attr in names:
            func = getattr(cls, attr)
            marks = marks_of(func) + class_marks + module_marks
            item = Item(self.session, "%s::%s::%s" % (nodeid, name, attr), attr, attr, module,
                        cls, func, conftests, path, list(marks), {}, _first_line(func))
            item.unittest = True
            usefixtures = []
            for m in marks:
                if m.name == "usefixtures":
                    usefixtures.extend(m.args)
            item.fixturenames = fx.fixture_closure(item, fx.autouse_names(item) + usefixtures)
            item.keywords = self.keywords_of(item, path)
            items.append(item)
        return items

    # ------------------------------------------------------------------ parametrization

    def items_for_function(self, module, cls, name, func, path, base_nodeid, conftests,
                           parent_marks):
        marks = marks_of(func) + parent_marks
        lineno = func.__code__.co_firstlineno
        proto = Item(self.session, base_nodeid, name, name, module, cls, func, conftests, path,
                     list(marks), {}, lineno)
        argnames = fx.argnames_of(func, cls is not None)
        usefixtures = []
        for m in marks:
            if m.name == "usefixtures":
                usefixtures.extend(m.args)
        initial = fx.autouse_names(proto) + usefixtures + argnames
        closure = fx.fixture_closure(proto, initial)
        # pytest_generate_tests hooks (the conftests', the module's, the class's) may
        # parametrize through metafunc.parametrize, as the marks do.
        metafunc = Metafunc(proto, closure)
        for hook in self.generate_tests_hooks(module, cls, conftests):
            hook(metafunc)
        direct = set()
        param_marks = [m for m in marks if m.name == "parametrize"] + metafunc.marks
        for m in param_marks:
            names, _ = parse_parametrize_args(m)
            indirect = m.kwargs.get("indirect", False)
            for n in names:
                if indirect is True or (isinstance(indirect, (list, tuple)) and n in indirect):
                    continue
                direct.add(n)
        for n in direct:
            if n not in closure:
                closure.append(n)
        # (callspec {name: (value, index, direct)}, ids, marks)
        calls = [({}, [], [])]
        parametrized = False
        for n in closure:
            if n in direct or any(n in parse_parametrize_args(m)[0] for m in param_marks):
                continue
            defs = fx.visible_defs(proto, n)
            if not defs or defs[0].params is None:
                continue
            d = defs[0]
            params = d.params
            ids = resolve_ids([n], [ParameterSet((p,), [], None) if not isinstance(
                p, ParameterSet) else p for p in params], d.ids)
            new = []
            for spec, idl, extra in calls:
                for i, p in enumerate(params):
                    ps = p if isinstance(p, ParameterSet) else None
                    value = ps.values[0] if ps is not None else p
                    s = dict(spec)
                    s[n] = (value, i, False)
                    new.append((s, idl + [ids[i]], extra + (ps.marks if ps else [])))
            calls = new
            parametrized = True
        for m in param_marks:
            names, values = parse_parametrize_args(m)
            indirect = m.kwargs.get("indirect", False)
            sets = []
            for v in values:
                if isinstance(v, ParameterSet):
                    sets.append(v)
                elif len(names) == 1 and _names_given_as_text(m):
                    sets.append(ParameterSet((v,), [], None))
                else:
                    sets.append(ParameterSet(tuple(v), [], None))
            if not sets:
                reason = "got empty parameter set %r, function %s at %s:%d" % (
                    names, name, path, lineno - 1)
                sets = [ParameterSet(tuple(None for _ in names),
                                     [Mark("skip", (), {"reason": reason})],
                                     "-".join(n + "0" for n in names))]
            for s in sets:
                if len(s.values) != len(names):
                    raise ValueError(
                        "%s: in \"parametrize\" the number of names (%d):\n  %r\nmust be equal"
                        " to the number of values (%d):\n  %r"
                        % (name, len(names), names, len(s.values), s.values))
            ids = resolve_ids(names, sets, m.kwargs.get("ids"))
            new = []
            for spec, idl, extra in calls:
                for i, s in enumerate(sets):
                    sp = dict(spec)
                    for n, v in zip(names, s.values):
                        is_direct = not (indirect is True or (
                            isinstance(indirect, (list, tuple)) and n in indirect))
                        sp[n] = (v, i, is_direct)
                    new.append((sp, idl + [ids[i]], extra + list(s.marks)))
            calls = new
            parametrized = True
        items = []
        for spec, idl, extra in calls:
            suffix = "[" + "-".join(idl) + "]" if parametrized else ""
            item = Item(self.session, base_nodeid + suffix, name + suffix, name, module, cls,
                        func, conftests, path, list(extra) + list(marks), spec, lineno)
            item.fixturenames = closure
            item.argnames = argnames
            item.keywords = self.keywords_of(item, path)
            items.append(item)
        return items

    def generate_tests_hooks(self, module, cls, conftests):
        hooks = [getattr(c, "pytest_generate_tests", None) for c in conftests]
        hooks.append(vars(module).get("pytest_generate_tests"))
        if cls is not None:
            h = getattr(cls, "pytest_generate_tests", None)
            if h is not None:
                hooks.append(lambda metafunc: h(cls(), metafunc))
        return [h for h in hooks if h is not None]

    def keywords_of(self, item, path):
        kw = {item.name: True}
        if item.cls is not None:
            kw[item.cls.__name__] = True
        kw[os.path.basename(path)] = True
        rel = relpath(os.path.dirname(path), self.rootdir)
        if rel != ".":
            for part in rel.split("/"):
                kw[part] = True
        fdict = getattr(item.function, "__dict__", None)
        if isinstance(fdict, dict):
            for k in fdict:
                kw[k] = True
        for m in item.own_markers:
            kw[m.name] = True
        return kw


class Metafunc:
    """What pytest_generate_tests hooks get: the test's function, fixture names, config,
    and `parametrize`, recorded as a parametrize mark."""

    def __init__(self, item, fixturenames):
        self.definition = item
        self.function = item.function
        self.cls = item.cls
        self.module = item.module
        self.config = item.config
        self.fixturenames = list(fixturenames)
        self.marks = []

    def parametrize(self, argnames, argvalues, indirect=False, ids=None, scope=None):
        kwargs = {"indirect": indirect}
        if ids is not None:
            kwargs["ids"] = ids
        self.marks.append(Mark("parametrize", (argnames, list(argvalues)), kwargs))


def _is_unittest_class(obj):
    """Whether `obj` is a subclass of unittest.TestCase (once unittest is imported)."""
    ut = sys.modules.get("unittest")
    if ut is None or not isinstance(obj, type):
        return False
    try:
        return issubclass(obj, ut.TestCase)
    except TypeError:
        return False


def _first_line(func):
    """The first line of a test's function, decorators included (through the wrappers
    that functools.wraps made, as the skip decorators do)."""
    seen = 0
    while getattr(func, "__wrapped__", None) is not None and seen < 100:
        func = func.__wrapped__
        seen += 1
    code = getattr(func, "__code__", None)
    return code.co_firstlineno if code is not None else 0


def _all_dict_keys(cls):
    keys = set()
    for klass in cls.__mro__:
        if klass is object:
            continue
        keys.update(klass.__dict__)
    return keys


def _matches(name, patterns):
    for p in patterns:
        if p.endswith("*"):
            if name.startswith(p[:-1]):
                return True
        elif p.startswith("*"):
            if name.endswith(p[1:]):
                return True
        elif name.startswith(p):
            return True
    return False


def marks_of_module(module):
    marks = vars(module).get("pytestmark", [])
    if not isinstance(marks, list):
        marks = [marks]
    return [getattr(m, "mark", m) for m in marks]


def _names_given_as_text(mark):
    names = mark.args[0] if mark.args else mark.kwargs.get("argnames")
    return isinstance(names, str)


def parse_parametrize_args(mark):
    args = mark.args
    kwargs = mark.kwargs
    names = args[0] if args else kwargs.get("argnames")
    values = args[1] if len(args) > 1 else kwargs.get("argvalues")
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    else:
        names = list(names)
    return names, list(values)


def _ascii_escaped(text):
    out = []
    for c in text:
        o = ord(c)
        if c == "\\":
            out.append("\\\\")
        elif 32 <= o < 127:
            out.append(c)
        elif c == "\t":
            out.append("\\t")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif o < 256:
            out.append("\\x%02x" % o)
        elif o < 0x10000:
            out.append("\\u%04x" % o)
        else:
            out.append("\\U%08x" % o)
    return "".join(out)


def idval(value, argname, index):
    if isinstance(value, str):
        return _ascii_escaped(value)
    if isinstance(value, bytes):
        return _ascii_escaped("".join(chr(b) for b in value))
    if value is None or isinstance(value, (int, float, bool, complex)):
        return str(value)
    if isinstance(value, type) or isinstance(value, FUNCTION_TYPE):
        name = getattr(value, "__name__", None)
        if isinstance(name, str):
            return name
    return argname + str(index)


def resolve_ids(names, sets, ids):
    out = []
    for i, s in enumerate(sets):
        given = None
        if s.id is not None:
            given = s.id
        elif ids is not None and not callable(ids):
            if i < len(ids) and ids[i] is not None:
                given = ids[i] if isinstance(ids[i], str) else idval(ids[i], names[0], i)
        if given is None:
            parts = []
            for n, v in zip(names, s.values):
                part = None
                if callable(ids) and ids is not None:
                    part = ids(v)
                    if part is not None and not isinstance(part, str):
                        part = idval(part, n, i)
                parts.append(part if part is not None else idval(v, n, i))
            given = "-".join(parts)
        out.append(given)
    if len(set(out)) != len(out):
        counts = {}
        for x in out:
            counts[x] = counts.get(x, 0) + 1
        suffixes = {}
        taken = set(out)
        for i, x in enumerate(out):
            if counts[x] > 1:
                sep = "_" if x and x[-1].isdigit() else ""
                n = suffixes.get(x, 0)
                new = "%s%s%d" % (x, sep, n)
                while new in taken:
                    n += 1
                    new = "%s%s%d" % (x, sep, n)
                suffixes[x] = n + 1
                taken.add(new)
                out[i] = new
    return out


def _skip_location(e, nodeid):
    import _pytest_report
    return _pytest_report.raise_location(e, None) or nodeid


def _exc_line(e):
    name = type(e).__name__
    msg = str(e)
    return "%s: %s" % (name, msg) if msg else name
