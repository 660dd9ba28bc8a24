"""hpymove's pytest, the API test files use: outcomes (`skip`, `fail`, `xfail`,
`importorskip`), marks, `param`, `fixture`, `raises`, `approx`, `hookimpl`."""

import sys


# ---------------------------------------------------------------------------- outcomes

class OutcomeException(BaseException):
    def __init__(self, msg=None, pytrace=True):
        BaseException.__init__(self, msg)
        self.msg = msg
        self.pytrace = pytrace

    def __str__(self):
        return self.msg if self.msg is not None else ""


class Skipped(OutcomeException):
    def __init__(self, msg=None, pytrace=True, allow_module_level=False):
        OutcomeException.__init__(self, msg, pytrace)
        self.allow_module_level = allow_module_level


class Failed(OutcomeException):
    pass


class XFailed(Failed):
    pass


class Exit(Exception):
    def __init__(self, msg="unknown reason", returncode=None):
        Exception.__init__(self, msg)
        self.msg = msg
        self.returncode = returncode


class UsageError(Exception):
    pass


def skip(reason="", *, allow_module_level=False, msg=None):
    if msg is not None:
        reason = msg
    raise Skipped(reason, allow_module_level=allow_module_level)


def fail(reason="", pytrace=True, msg=None):
    if msg is not None:
        reason = msg
    raise Failed(reason, pytrace)


def xfail(reason=""):
    raise XFailed(reason)


def exit(reason="", returncode=None, msg=None):
    raise Exit(msg if msg is not None else reason, returncode)


skip.Exception = Skipped
fail.Exception = Failed
xfail.Exception = XFailed
exit.Exception = Exit


def importorskip(modname, minversion=None, reason=None, *, exc_type=None):
    try:
        mod = __import__(modname)
        for part in modname.split(".")[1:]:
            mod = getattr(mod, part)
    except ImportError as e:
        if reason is None:
            reason = "could not import %r: %s" % (modname, e)
        raise Skipped(reason, allow_module_level=True)
    if minversion is not None:
        have = getattr(mod, "__version__", None)
        if have is None or _version_tuple(have) < _version_tuple(minversion):
            raise Skipped("module %r has __version__ %r, required is: %r"
                          % (modname, have, minversion), allow_module_level=True)
    return mod


def _version_tuple(v):
    out = []
    for part in str(v).split("."):
        digits = ""
        for c in part:
            if not c.isdigit():
                break
            digits += c
        out.append(int(digits) if digits else 0)
    return tuple(out)


# ---------------------------------------------------------------------------- marks

class Mark:
    def __init__(self, name, args, kwargs):
        self.name = name
        self.args = args
        self.kwargs = kwargs

    def __repr__(self):
        return "Mark(name=%r, args=%r, kwargs=%r)" % (self.name, self.args, self.kwargs)


def _is_decoratable(obj):
    return isinstance(obj, type) or callable(obj)


def store_mark(obj, mark):
    """Adds `mark` to `obj.pytestmark` (a class's own list: its bases keep theirs)."""
    if isinstance(obj, type):
        own = obj.__dict__.get("pytestmark", [])
    else:
        own = getattr(obj, "pytestmark", [])
    if not isinstance(own, list):
        own = [own]
    obj.pytestmark = own + [mark]


class MarkDecorator:
    def __init__(self, mark):
        self.mark = mark

    @property
    def name(self):
        return self.mark.name

    @property
    def args(self):
        return self.mark.args

    @property
    def kwargs(self):
        return self.mark.kwargs

    def with_args(self, *args, **kwargs):
        kw = dict(self.mark.kwargs)
        kw.update(kwargs)
        return MarkDecorator(Mark(self.mark.name, self.mark.args + args, kw))

    def __call__(self, *args, **kwargs):
        if len(args) == 1 and not kwargs and _is_decoratable(args[0]) and not isinstance(
                args[0], MarkDecorator):
            store_mark(args[0], self.mark)
            return args[0]
        return self.with_args(*args, **kwargs)

    def __repr__(self):
        return "<MarkDecorator %r>" % (self.mark,)


class MarkGenerator:
    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return MarkDecorator(Mark(name, (), {}))


mark = MarkGenerator()


def marks_of(obj):
    """The marks stored on `obj` (for a class: its own and its bases', as pytest 8)."""
    out = []
    if isinstance(obj, type):
        for klass in obj.__mro__:
            own = klass.__dict__.get("pytestmark", [])
            if not isinstance(own, list):
                own = [own]
            out.extend(own)
        return out
    own = getattr(obj, "pytestmark", [])
    if not isinstance(own, list):
        own = [own]
    return list(own)


class ParameterSet:
    def __init__(self, values, marks, id):
        self.values = values
        self.marks = marks
        self.id = id


def param(*values, marks=(), id=None):
    if isinstance(marks, MarkDecorator):
        marks = (marks,)
    if id is not None and not isinstance(id, str):
        raise TypeError("Expected id to be a string, got %s: %r" % (type(id), id))
    return ParameterSet(values, [m.mark if isinstance(m, MarkDecorator) else m for m in marks],
                        id)


# ---------------------------------------------------------------------------- fixtures

class FixtureInfo:
    def __init__(self, scope, params, autouse, ids, name):
        self.scope = scope
        self.params = params
        self.autouse = autouse
        self.ids = ids
        self.name = name


_SCOPES = ("session", "package", "module", "class", "function")


def fixture(fixture_function=None, *, scope="function", params=None, autouse=False, ids=None,
            name=None):
    if scope not in _SCOPES:
        raise ValueError("fixture scope %r is not one of %s" % (scope, ", ".join(_SCOPES)))

    def decorate(fn):
        fn._pytestfixturefunction = FixtureInfo(
            scope, list(params) if params is not None else None, autouse, ids, name)
        return fn

    if fixture_function is not None:
        return decorate(fixture_function)
    return decorate


def yield_fixture(*args, **kwargs):
    return fixture(*args, **kwargs)


def hookimpl(*args, **kwargs):
    if len(args) == 1 and callable(args[0]) and not kwargs:
        return args[0]
    return lambda fn: fn


hookspec = hookimpl


# ---------------------------------------------------------------------------- raises

def _search(pattern, text):
    import re
    return re.search(pattern, text)


class ExceptionInfo:
    def __init__(self):
        self.type = None
        self.value = None
        self.tb = None

    @property
    def typename(self):
        return self.type.__name__

    def _fill(self, exc):
        self.type = type(exc)
        self.value = exc

    def match(self, regexp):
        text = str(self.value)
        if _search(regexp, text) is None:
            msg = "Regex pattern did not match.\n Regex: %r\n Input: %r" % (regexp, text)
            if regexp == text:
                msg += "\n Did you mean to `re.escape()` the regex?"
            raise AssertionError(msg)
        return True

    def errisinstance(self, exc):
        return isinstance(self.value, exc)

    def exconly(self, tryshort=False):
        name = self.type.__name__
        mod = getattr(self.type, "__module__", "builtins")
        if mod not in ("builtins", "__main__") and not tryshort:
            name = mod + "." + name
        text = str(self.value)
        return "%s: %s" % (name, text) if text else name

    def __repr__(self):
        if self.type is None:
            return "<ExceptionInfo for raises contextmanager>"
        return "<ExceptionInfo %s tblen=1>" % (self.exconly(),)


def _exc_names(expected):
    if isinstance(expected, tuple):
        return "(" + ", ".join(_exc_names(e) for e in expected) + ")"
    return "<class '%s'>" % _qualified(expected)


def _qualified(cls):
    mod = getattr(cls, "__module__", "builtins")
    if mod == "builtins":
        return cls.__name__
    return mod + "." + cls.__name__


class RaisesContext:
    def __init__(self, expected, match):
        self.expected = expected
        self.match_expr = match
        self.excinfo = ExceptionInfo()

    def __enter__(self):
        return self.excinfo

    def __exit__(self, exc_type, exc_value, tb):
        if exc_type is None:
            raise Failed("DID NOT RAISE " + _exc_names(self.expected))
        if not issubclass(exc_type, self.expected):
            return False
        self.excinfo._fill(exc_value)
        if self.match_expr is not None:
            self.excinfo.match(self.match_expr)
        return True


def _check_expected(expected):
    items = expected if isinstance(expected, tuple) else (expected,)
    for e in items:
        if not (isinstance(e, type) and issubclass(e, BaseException)):
            raise TypeError("expected exception must be a BaseException type, not %s"
                            % type(e).__name__)


def raises(expected_exception, *args, match=None, **kwargs):
    _check_expected(expected_exception)
    if not args:
        if kwargs:
            raise TypeError("Unexpected keyword arguments passed to pytest.raises: "
                            + ", ".join(sorted(kwargs)))
        return RaisesContext(expected_exception, match)
    func = args[0]
    if not callable(func):
        raise TypeError("%r object (type: %s) must be callable" % (func, type(func)))
    info = ExceptionInfo()
    try:
        func(*args[1:], **kwargs)
    except expected_exception as e:
        info._fill(e)
        return info
    raise Failed("DID NOT RAISE " + _exc_names(expected_exception))


raises.Exception = Failed


# ---------------------------------------------------------------------------- approx

class ApproxBase:
    def __init__(self, expected, rel=None, abs=None, nan_ok=False):
        self.expected = expected
        self.rel = rel
        self.abs = abs
        self.nan_ok = nan_ok

    def __ne__(self, other):
        return not (self == other)


class ApproxScalar(ApproxBase):
    def tolerance(self):
        absolute = 1e-12 if self.abs is None else self.abs
        rel = 1e-6 if self.rel is None else self.rel
        if self.rel is None and self.abs is not None:
            return absolute
        return max(rel * _fabs(self.expected), absolute)

    def __eq__(self, actual):
        if isinstance(actual, (list, tuple)):
            return all(self == a for a in actual)
        if actual == self.expected:
            return True
        if not isinstance(actual, (int, float)) or isinstance(actual, bool):
            return False
        if actual != actual or self.expected != self.expected:
            return self.nan_ok and actual != actual and self.expected != self.expected
        return _fabs(self.expected - actual) <= self.tolerance()

    def __repr__(self):
        if not isinstance(self.expected, (int, float)) or isinstance(self.expected, bool):
            return repr(self.expected)
        return "%r ± %.1e" % (self.expected, self.tolerance())


def _fabs(x):
    return -x if x < 0 else x


class ApproxSequence(ApproxBase):
    def __eq__(self, actual):
        if type(actual) is not type(self.expected) or len(actual) != len(self.expected):
            return False
        for e, a in zip(self.expected, actual):
            if ApproxScalar(e, self.rel, self.abs, self.nan_ok) != a:
                return False
        return True

    def __repr__(self):
        return "approx(%r)" % (self.expected,)


class ApproxMapping(ApproxBase):
    def __eq__(self, actual):
        if not isinstance(actual, dict) or set(actual) != set(self.expected):
            return False
        for k in self.expected:
            if ApproxScalar(self.expected[k], self.rel, self.abs, self.nan_ok) != actual[k]:
                return False
        return True

    def __repr__(self):
        return "approx(%r)" % (self.expected,)


def approx(expected, rel=None, abs=None, nan_ok=False):
    if isinstance(expected, dict):
        return ApproxMapping(expected, rel, abs, nan_ok)
    if isinstance(expected, (list, tuple)):
        return ApproxSequence(expected, rel, abs, nan_ok)
    return ApproxScalar(expected, rel, abs, nan_ok)


class WarningsRecorder:
    """The warnings recorded in a `with` block (`recwarn`, `pytest.warns`): every
    warning is shown once to the recorder, whatever the filters say."""

    def __init__(self):
        import warnings
        self._cm = warnings.catch_warnings(record=True)
        self._list = []

    def __enter__(self):
        import warnings
        self._list = self._cm.__enter__()
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc):
        self._cm.__exit__(*exc)
        return False

    @property
    def list(self):
        return self._list

    def __getitem__(self, i):
        return self._list[i]

    def __iter__(self):
        return iter(self._list)

    def __len__(self):
        return len(self._list)

    def pop(self, cls=Warning):
        for i, w in enumerate(self._list):
            if issubclass(w.category, cls):
                return self._list.pop(i)
        raise AssertionError("%r not found in warning list" % (cls,))

    def clear(self):
        self._list[:] = []


class WarningsChecker(WarningsRecorder):
    def __init__(self, expected_warning=Warning, match_expr=None):
        super().__init__()
        if not isinstance(expected_warning, tuple):
            expected_warning = (expected_warning,)
        self.expected_warning = expected_warning
        self.match_expr = match_expr

    def _matches(self, w):
        if not issubclass(w.category, self.expected_warning):
            return False
        return self.match_expr is None or _search(self.match_expr, str(w.message))

    def __exit__(self, exc_type, exc, tb):
        super().__exit__(exc_type, exc, tb)
        if exc_type is not None:
            return False
        if not any(self._matches(w) for w in self._list):
            # pytest's text: the expected classes as a tuple, the messages as a list.
            found = repr([w.message for w in self._list])
            if self.match_expr is None:
                fail("DID NOT WARN. No warnings of type %s were emitted.\n"
                     " Emitted warnings: %s." % (self.expected_warning, found))
            fail("DID NOT WARN. No warnings of type %s matching the regex were emitted.\n"
                 " Regex: %s\n Emitted warnings: %s." % (self.expected_warning,
                                                         self.match_expr, found))
        # Warnings that did not match are shown again, as pytest 8 does.
        import warnings
        for w in self._list:
            if not self._matches(w):
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        return False


def warns(expected_warning=Warning, *args, match=None, **kwargs):
    """`with pytest.warns(W, match=...)`, or `pytest.warns(W, f, *args, **kwargs)`."""
    if not args:
        return WarningsChecker(expected_warning, match)
    func = args[0]
    if not callable(func):
        raise TypeError("%r object (type: %s) must be callable" % (func, type(func)))
    with WarningsChecker(expected_warning, match):
        return func(*args[1:], **kwargs)


def deprecated_call(func=None, *args, **kwargs):
    if func is not None:
        return warns((DeprecationWarning, PendingDeprecationWarning), func, *args, **kwargs)
    return warns((DeprecationWarning, PendingDeprecationWarning), *args, **kwargs)
