"""unittest.mock, the basics (hpymove's own): Mock and MagicMock recording their calls
(`called`, `call_count`, `call_args`, `call_args_list`, `method_calls`, `mock_calls`),
`return_value`, `side_effect`, `spec`/`spec_set` as lists of names or objects, child
mocks named as CPython names them, the assert_* methods with CPython's messages, `call`,
`ANY`, `DEFAULT`, `sentinel`, and `patch` / `patch.object` / `patch.dict` as decorators
and context managers (`start`/`stop`).

Size: about 960 lines, one API: the mock classes, the calls they record and compare, the
magic methods, and patch, which makes the mocks it installs."""

import functools
import importlib
import sys

__all__ = ["Mock", "MagicMock", "NonCallableMock", "NonCallableMagicMock", "patch", "call",
           "ANY", "DEFAULT", "sentinel", "create_autospec", "PropertyMock", "seal"]

__unittest = True


class _SentinelObject:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "sentinel.%s" % self.name


class _Sentinel:
    """Unique named objects: `sentinel.name` is always the same object."""

    def __init__(self):
        self._sentinels = {}

    def __getattr__(self, name):
        if name == "__bases__":
            raise AttributeError
        return self._sentinels.setdefault(name, _SentinelObject(name))


sentinel = _Sentinel()
DEFAULT = sentinel.DEFAULT
_deleted = sentinel.DELETED


class _ANY:
    """Equal to everything (in expected calls)."""

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __hash__(self):
        return id(self) // 16

    def __repr__(self):
        return "<ANY>"


ANY = _ANY()


def _format_call_signature(name, args, kwargs):
    parts = [repr(a) for a in args]
    parts.extend("%s=%r" % (k, v) for k, v in kwargs.items())
    return "%s(%s)" % (name, ", ".join(parts))


class _Call(tuple):
    """A recorded or expected call: (name, args, kwargs), or (args, kwargs) for
    `call_args`; `call(1, a=2)`, `call.method(3)`."""

    def __new__(cls, value=(), name="", parent=None, two=False, from_kall=True):
        if len(value) == 3:
            name_, args, kwargs = value
        elif len(value) == 2:
            name_, (args, kwargs) = name, value
        else:
            name_, args, kwargs = name, (), {}
        obj = tuple.__new__(cls, (args, kwargs) if two else (name_, args, kwargs))
        obj._mock_name = name_ if len(value) == 3 else name
        obj._mock_parent = parent
        obj._mock_from_kall = from_kall
        return obj

    def __init__(self, value=(), name="", parent=None, two=False, from_kall=True):
        pass

    def _parts(self):
        if len(self) == 2:
            args, kwargs = tuple.__getitem__(self, 0), tuple.__getitem__(self, 1)
            return "", args, kwargs
        return (tuple.__getitem__(self, 0), tuple.__getitem__(self, 1),
                tuple.__getitem__(self, 2))

    def __eq__(self, other):
        if other is ANY:
            return True
        try:
            n = len(other)
        except TypeError:
            return NotImplemented
        name, args, kwargs = self._parts()
        if isinstance(other, _Call):
            oname, oargs, okwargs = other._parts()
        elif n == 3:
            oname, oargs, okwargs = other
        elif n == 2:
            first, second = other
            if isinstance(first, str):
                oname, oargs, okwargs = first, second, {}
                if isinstance(second, dict):
                    oargs, okwargs = (), second
            else:
                oname, oargs, okwargs = "", first, second
        elif n == 1:
            (only,) = other
            if isinstance(only, str):
                oname, oargs, okwargs = only, (), {}
            elif isinstance(only, dict):
                oname, oargs, okwargs = "", (), only
            else:
                oname, oargs, okwargs = "", only, {}
        elif n == 0:
            oname, oargs, okwargs = "", (), {}
        else:
            return False
        if name and oname and name != oname:
            return False
        return (tuple(args), kwargs) == (tuple(oargs), okwargs)

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    __hash__ = None

    def __call__(self, *args, **kwargs):
        if self._mock_name is None or self._mock_name == "":
            return _Call(("", args, kwargs), name="()")
        return _Call((self._mock_name, args, kwargs), name=self._mock_name, parent=self)

    def __getattr__(self, attr):
        if self._mock_name is None or self._mock_name == "":
            return _Call(name=attr, from_kall=False)
        return _Call(name="%s.%s" % (self._mock_name, attr), parent=self, from_kall=False)

    @property
    def args(self):
        return self._parts()[1]

    @property
    def kwargs(self):
        return self._parts()[2]

    def __repr__(self):
        if not self._mock_from_kall:
            name = self._mock_name or "call"
            if name.startswith("()"):
                name = "call%s" % name
            return name
        name, args, kwargs = self._parts()
        if not name:
            name = "call"
        elif not name.startswith("()"):
            name = "call.%s" % name
        else:
            name = "call%s" % name
        return _format_call_signature(name, args, kwargs)

    def call_list(self):
        return _CallList([self])


call = _Call(from_kall=False)


class _CallList(list):
    """A list of calls; `[c1, c2] in call_list` looks for them in a row."""

    def __contains__(self, value):
        if not isinstance(value, list):
            return list.__contains__(self, value)
        n = len(value)
        for i in range(len(self) - n + 1):
            if list(self[i:i + n]) == value:
                return True
        return False

    def __repr__(self):
        import pprint
        return pprint.pformat(list(self))


def _is_exception(obj):
    return isinstance(obj, BaseException) or (
        isinstance(obj, type) and issubclass(obj, BaseException))


def _is_magic(name):
    return len(name) > 4 and name[:2] == "__" and name[-2:] == "__"


def _spec_names(spec):
    if spec is None:
        return None
    if isinstance(spec, (list, tuple)) and all(isinstance(n, str) for n in spec):
        return list(spec)
    return dir(spec)


class NonCallableMock:
    """A mock object: any attribute is a child mock, created on first access."""

    def __new__(cls, *args, **kw):
        # Each mock has a class of its own, so that its magic methods are its own.
        own = type(cls.__name__, (cls,), {"__doc__": cls.__doc__})
        return object.__new__(own)

    def __init__(self, spec=None, wraps=None, name=None, spec_set=None, parent=None,
                 _spec_state=None, _new_name="", _new_parent=None, return_value=DEFAULT,
                 side_effect=None, unsafe=False, **kwargs):
        setattr_ = object.__setattr__
        setattr_(self, "_mock_parent", parent)
        setattr_(self, "_mock_name", name)
        setattr_(self, "_mock_new_name", _new_name)
        setattr_(self, "_mock_new_parent", _new_parent)
        setattr_(self, "_mock_children", {})
        setattr_(self, "_mock_wraps", wraps)
        setattr_(self, "_mock_return_value", return_value)
        setattr_(self, "_mock_side_effect", None)
        setattr_(self, "_mock_unsafe", unsafe)
        setattr_(self, "_mock_sealed", False)
        if spec_set is not None:
            spec = spec_set
        setattr_(self, "_spec_set", spec_set is not None)
        setattr_(self, "_mock_methods", _spec_names(spec))
        setattr_(self, "_spec_class", spec if isinstance(spec, type) else (
            type(spec) if spec is not None and not isinstance(spec, (list, tuple)) else None))
        setattr_(self, "called", False)
        setattr_(self, "call_count", 0)
        setattr_(self, "call_args", None)
        setattr_(self, "call_args_list", _CallList())
        setattr_(self, "method_calls", _CallList())
        setattr_(self, "mock_calls", _CallList())
        self.side_effect = side_effect
        self.configure_mock(**kwargs)

    @property
    def __class__(self):
        if self._spec_class is None:
            return type(self)
        return self._spec_class

    def attach_mock(self, mock, attribute):
        object.__setattr__(mock, "_mock_parent", self)
        object.__setattr__(mock, "_mock_new_parent", self)
        object.__setattr__(mock, "_mock_name", attribute)
        object.__setattr__(mock, "_mock_new_name", attribute)
        setattr(self, attribute, mock)

    def configure_mock(self, **kwargs):
        """Sets attributes, dotted names on children (`**{"method.return_value": 3}`)."""
        for arg, val in sorted(kwargs.items(), key=lambda entry: entry[0].count(".")):
            parts = arg.split(".")
            final = parts.pop()
            obj = self
            for entry in parts:
                obj = getattr(obj, entry)
            setattr(obj, final, val)

    def _get_return_value(self):
        ret = self._mock_return_value
        if ret is DEFAULT:
            ret = self._get_child_mock(_new_parent=self, _new_name="()")
            object.__setattr__(self, "_mock_return_value", ret)
        return ret

    def _set_return_value(self, value):
        object.__setattr__(self, "_mock_return_value", value)
        if isinstance(value, NonCallableMock) and value._mock_new_parent is None:
            object.__setattr__(value, "_mock_new_parent", self)
            object.__setattr__(value, "_mock_new_name", "()")

    return_value = property(_get_return_value, _set_return_value)

    def _get_side_effect(self):
        return self._mock_side_effect

    def _set_side_effect(self, value):
        if value is not None and not callable(value) and not _is_exception(value):
            try:
                value = iter(value)
            except TypeError:
                pass
        object.__setattr__(self, "_mock_side_effect", value)

    side_effect = property(_get_side_effect, _set_side_effect)

    def reset_mock(self, visited=None, *, return_value=False, side_effect=False):
        if visited is None:
            visited = []
        if id(self) in visited:
            return
        visited.append(id(self))
        object.__setattr__(self, "called", False)
        object.__setattr__(self, "call_args", None)
        object.__setattr__(self, "call_count", 0)
        object.__setattr__(self, "mock_calls", _CallList())
        object.__setattr__(self, "call_args_list", _CallList())
        object.__setattr__(self, "method_calls", _CallList())
        if return_value:
            object.__setattr__(self, "_mock_return_value", DEFAULT)
        if side_effect:
            object.__setattr__(self, "_mock_side_effect", None)
        for child in self._mock_children.values():
            if isinstance(child, NonCallableMock):
                child.reset_mock(visited, return_value=return_value, side_effect=side_effect)
        ret = self._mock_return_value
        if isinstance(ret, NonCallableMock) and ret is not self:
            ret.reset_mock(visited)

    def __getattr__(self, name):
        if name in ("_mock_methods", "_mock_unsafe", "_mock_children", "_spec_class"):
            raise AttributeError(name)
        methods = self._mock_methods
        if methods is not None:
            if name not in methods:
                raise AttributeError("Mock object has no attribute %r" % name)
        elif _is_magic(name):
            raise AttributeError(name)
        if not self._mock_unsafe and methods is None and name.startswith(
                ("assert", "assret", "asert", "aseert", "assrt")):
            raise AttributeError(
                f"{name!r} is not a valid assertion. Use a spec for the mock if {name!r} "
                f"is meant to be an attribute.")
        children = self._mock_children
        result = children.get(name)
        if result is _deleted:
            raise AttributeError(name)
        if result is None:
            result = self._get_child_mock(parent=self, name=name, _new_name=name,
                                          _new_parent=self)
            children[name] = result
        return result

    def __setattr__(self, name, value):
        if name in ("return_value", "side_effect") or name.startswith("_mock_"):
            return object.__setattr__(self, name, value)
        if (self._spec_set and self._mock_methods is not None
                and name not in self._mock_methods and name not in self.__dict__):
            raise AttributeError("Mock object has no attribute '%s'" % name)
        if _is_magic(name) and name in _all_magics:
            # A magic method set on a mock: on its own class.
            self._mock_children[name] = value
            setattr(type(self), name, _MagicSlot(name))
            return None
        if isinstance(value, NonCallableMock) and value._mock_new_parent is None and \
                value._mock_parent is None and value._mock_name is None:
            object.__setattr__(value, "_mock_parent", self)
            object.__setattr__(value, "_mock_new_parent", self)
            object.__setattr__(value, "_mock_name", name)
            object.__setattr__(value, "_mock_new_name", name)
            self._mock_children[name] = value
            return None
        if name in self._mock_children:
            del self._mock_children[name]
        return object.__setattr__(self, name, value)

    def __delattr__(self, name):
        if name in self.__dict__:
            object.__delattr__(self, name)
        if self._mock_children.get(name) is _deleted:
            raise AttributeError(name)
        self._mock_children[name] = _deleted

    def _extract_mock_name(self):
        names = [self._mock_new_name]
        parent = self._mock_new_parent
        last = self
        dot = "" if names == ["()"] else "."
        while parent is not None:
            last = parent
            names.append(parent._mock_new_name + dot)
            dot = "" if parent._mock_new_name == "()" else "."
            parent = parent._mock_new_parent
        names = list(reversed(names))
        first = last._mock_name or "mock"
        if len(names) > 1 and names[1] not in ("()", "()."):
            first += "."
        names[0] = first
        return "".join(names)

    def __repr__(self):
        name = self._extract_mock_name()
        name_string = "" if name in ("mock", "mock.") else " name=%r" % name
        spec_string = ""
        if self._spec_class is not None:
            spec_string = " spec_set=%r" if self._spec_set else " spec=%r"
            spec_string = spec_string % self._spec_class.__name__
        return "<%s%s%s id='%s'>" % (type(self).__name__, name_string, spec_string, id(self))

    def __dir__(self):
        extras = self._mock_methods or []
        own = [n for n, v in self._mock_children.items() if v is not _deleted]
        return sorted(set(extras + own + list(type(self).__dict__) + list(self.__dict__)))

    def _get_child_mock(self, **kw):
        kind = type(self)
        base = kind.__mro__[1]
        if issubclass(base, MagicMixin):
            klass = MagicMock
        elif not issubclass(base, CallableMixin):
            klass = Mock
        else:
            klass = base
        return klass(**kw)

    # ---------------------------------------------------------------- asserts

    def _format_mock_call_signature(self, args, kwargs):
        return _format_call_signature(self._mock_name or "mock", args, kwargs)

    def _format_mock_failure_message(self, args, kwargs, action="call"):
        expected = self._format_mock_call_signature(args, kwargs)
        actual = self.call_args
        actual = "not called." if actual is None else self._format_mock_call_signature(
            actual.args, actual.kwargs)
        return "expected %s not found.\nExpected: %s\n  Actual: %s" % (action, expected,
                                                                      actual)

    def _calls_repr(self, prefix="Calls"):
        if not self.mock_calls:
            return ""
        return "\n%s: %r." % (prefix, self.mock_calls)

    def assert_not_called(self):
        if self.call_count != 0:
            raise AssertionError("Expected '%s' to not have been called. Called %s times.%s"
                                 % (self._mock_name or "mock", self.call_count,
                                    self._calls_repr()))

    def assert_called(self):
        if self.call_count == 0:
            raise AssertionError("Expected '%s' to have been called."
                                 % (self._mock_name or "mock"))

    def assert_called_once(self):
        if not self.call_count == 1:
            raise AssertionError("Expected '%s' to have been called once. Called %s times.%s"
                                 % (self._mock_name or "mock", self.call_count,
                                    self._calls_repr()))

    def assert_called_with(self, /, *args, **kwargs):
        if self.call_args is None:
            raise AssertionError(self._format_mock_failure_message(args, kwargs))
        if _Call((args, kwargs), two=True) != self.call_args:
            raise AssertionError(self._format_mock_failure_message(args, kwargs))

    def assert_called_once_with(self, /, *args, **kwargs):
        if not self.call_count == 1:
            raise AssertionError("Expected '%s' to be called once. Called %s times.%s"
                                 % (self._mock_name or "mock", self.call_count,
                                    self._calls_repr()))
        return self.assert_called_with(*args, **kwargs)

    def assert_has_calls(self, calls, any_order=False):
        expected = list(calls)
        all_calls = _CallList(self.mock_calls)
        if not any_order:
            if expected not in all_calls:
                raise AssertionError("Calls not found.\nExpected: %r%s" % (
                    _CallList(calls), self._calls_repr(prefix="  Actual").rstrip(".")))
            return
        remaining = list(all_calls)
        not_found = []
        for kall in expected:
            try:
                remaining.remove(kall)
            except ValueError:
                not_found.append(kall)
        if not_found:
            raise AssertionError("%r does not contain all of %r in its call list, found %r "
                                 "instead" % (self._mock_name or "mock", tuple(not_found),
                                              remaining))

    def assert_any_call(self, /, *args, **kwargs):
        expected = _Call((args, kwargs), two=True)
        if expected not in list(self.call_args_list):
            raise AssertionError("%s call not found"
                                 % self._format_mock_call_signature(args, kwargs))


class CallableMixin:
    """Calling a mock records the call and returns `side_effect`'s or `return_value`."""

    def __call__(self, /, *args, **kwargs):
        self._increment_mock_call(args, kwargs)
        return self._execute_mock_call(args, kwargs)

    def _increment_mock_call(self, args, kwargs):
        object.__setattr__(self, "called", True)
        object.__setattr__(self, "call_count", self.call_count + 1)
        this = _Call((args, kwargs), two=True)
        object.__setattr__(self, "call_args", this)
        self.call_args_list.append(this)
        # The call as the parents record it: `method_calls` by attribute names,
        # `mock_calls` by the whole path (return values included).
        do_method_calls = self._mock_parent is not None
        method_call_name = self._mock_name
        mock_call_name = self._mock_new_name
        is_a_call = mock_call_name == "()"
        self.mock_calls.append(_Call(("", args, kwargs)))
        parent = self._mock_new_parent
        while parent is not None:
            if do_method_calls:
                parent.method_calls.append(_Call((method_call_name, args, kwargs)))
                do_method_calls = parent._mock_parent is not None
                if do_method_calls:
                    method_call_name = parent._mock_name + "." + method_call_name
            parent.mock_calls.append(_Call((mock_call_name, args, kwargs)))
            if parent._mock_new_name:
                dot = "" if is_a_call else "."
                is_a_call = parent._mock_new_name == "()"
                mock_call_name = parent._mock_new_name + dot + mock_call_name
            parent = parent._mock_new_parent

    def _execute_mock_call(self, args, kwargs):
        effect = self.side_effect
        if effect is not None:
            if _is_exception(effect):
                raise effect
            if not callable(effect):
                result = next(effect)
                if _is_exception(result):
                    raise result
            else:
                result = effect(*args, **kwargs)
            if result is not DEFAULT:
                return result
        if self._mock_return_value is not DEFAULT:
            return self.return_value
        if self._mock_wraps is not None:
            return self._mock_wraps(*args, **kwargs)
        return self.return_value


class Mock(CallableMixin, NonCallableMock):
    """A callable mock."""


# ---------------------------------------------------------------- magic methods

_magic_defaults = {
    "__len__": 0, "__contains__": False, "__int__": 1, "__float__": 1.0,
    "__bool__": True, "__index__": 1,
    "__exit__": False, "__sizeof__": 0,
}

_magics = (
    "__len__ __contains__ __int__ __float__ __bool__ __index__ __exit__ __sizeof__ "
    "__iter__ __enter__ __getitem__ __setitem__ __delitem__ __lt__ __gt__ __le__ __ge__ "
    "__eq__ __ne__ __hash__ __str__ __add__ __sub__ __mul__ __truediv__ __floordiv__ "
    "__mod__ __and__ __or__ __xor__ __neg__ __pos__ __abs__ __invert__ __round__ "
    "__fspath__ __reversed__ __missing__ __format__ __getstate__ __setstate__ "
    "__radd__ __rsub__ __rmul__ __iadd__ __isub__ __imul__ __next__").split()
_all_magics = set(_magics) | {"__repr__", "__call__", "__dir__", "__get__", "__set__"}


class _MagicSlot:
    """A magic method of one mock's class: the mock's child of that name (a function
    set in its place is bound to the mock, as a method)."""

    def __init__(self, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj._mock_children.get(self.name)
        if value is None:
            value = obj._make_magic(self.name)
        if value is _deleted:
            raise AttributeError(self.name)
        if isinstance(value, NonCallableMock) or not callable(value):
            return value
        return functools.partial(value, obj)


def _default_eq(mock):
    def __eq__(other):
        ret = mock.__eq__._mock_return_value
        if ret is not DEFAULT:
            return ret
        return True if mock is other else NotImplemented
    return __eq__


def _default_ne(mock):
    def __ne__(other):
        ret = mock.__ne__._mock_return_value
        if ret is not DEFAULT:
            return ret
        return False if mock is other else NotImplemented
    return __ne__


class MagicMixin:
    """Mocks with the magic methods configured (`len(m)` is 0, `with m:` works...)."""

    def _mock_set_magics(self):
        for name in _magics:
            setattr(type(self), name, _MagicSlot(name))

    def _make_magic(self, name):
        m = self._get_child_mock(name=name, _new_name=name, _new_parent=self)
        self._mock_children[name] = m
        if name in _magic_defaults:
            m.return_value = _magic_defaults[name]
        elif name == "__iter__":
            m.return_value = iter([])
        elif name == "__hash__":
            m.side_effect = lambda: id(self) // 16
        elif name == "__str__":
            m.side_effect = lambda: NonCallableMock.__repr__(self)
        elif name == "__eq__":
            m.side_effect = _default_eq(self)
        elif name == "__ne__":
            m.side_effect = _default_ne(self)
        elif name in ("__lt__", "__gt__", "__le__", "__ge__"):
            m.return_value = NotImplemented
        elif name == "__fspath__":
            m.side_effect = lambda: "%s/%s" % (type(self).__name__, id(self))
        return m


class NonCallableMagicMock(MagicMixin, NonCallableMock):
    def __init__(self, *args, **kw):
        NonCallableMock.__init__(self, *args, **kw)
        self._mock_set_magics()


class MagicMock(MagicMixin, Mock):
    """A callable mock with the magic methods configured."""

    def __init__(self, *args, **kw):
        Mock.__init__(self, *args, **kw)
        self._mock_set_magics()


class PropertyMock(Mock):
    """A mock to put on a class as a property: getting calls it, setting calls it with
    the value."""

    def _get_child_mock(self, **kwargs):
        return MagicMock(**kwargs)

    def __get__(self, obj, obj_type=None):
        return self()

    def __set__(self, obj, val):
        self(val)


def create_autospec(spec, spec_set=False, instance=False, **kwargs):
    """A mock with `spec` as its spec (attributes limited to the spec's)."""
    if spec_set:
        kwargs["spec_set"] = spec
    else:
        kwargs["spec"] = spec
    return MagicMock(**kwargs)


def seal(mock):
    object.__setattr__(mock, "_mock_sealed", True)


# ---------------------------------------------------------------- patch

def _importer(target):
    parts = target.split(".")
    name = parts.pop(0)
    thing = importlib.import_module(name)
    for part in parts:
        name += "." + part
        try:
            thing = getattr(thing, part)
        except AttributeError:
            thing = importlib.import_module(name)
    return thing


def _get_target(target):
    try:
        target, attribute = target.rsplit(".", 1)
    except (TypeError, ValueError, AttributeError):
        raise TypeError("Need a valid target to patch. You supplied: %r" % (target,))
    return (lambda: _importer(target)), attribute


class _patch:
    """Replaces an attribute for the duration of a block, a call or start()..stop()."""

    def __init__(self, getter, attribute, new, spec, create, spec_set, autospec,
                 new_callable, kwargs):
        if new is not DEFAULT and new_callable is not None:
            raise ValueError("Cannot use 'new' and 'new_callable' together")
        self.getter = getter
        self.attribute = attribute
        self.new = new
        self.new_callable = new_callable
        self.spec = spec
        self.create = create
        self.spec_set = spec_set
        self.autospec = autospec
        self.kwargs = kwargs
        self.attribute_name = None
        self.additional_patchers = []
        self.is_started = False

    def copy(self):
        p = _patch(self.getter, self.attribute, self.new, self.spec, self.create,
                   self.spec_set, self.autospec, self.new_callable, self.kwargs)
        p.attribute_name = self.attribute_name
        p.additional_patchers = [q.copy() for q in self.additional_patchers]
        return p

    def __call__(self, func):
        if isinstance(func, type):
            return self.decorate_class(func)
        return self.decorate_callable(func)

    def decorate_class(self, klass):
        for attr in dir(klass):
            if not attr.startswith(patch.TEST_PREFIX):
                continue
            value = getattr(klass, attr)
            if not callable(value):
                continue
            setattr(klass, attr, self.copy()(value))
        return klass

    def decorate_callable(self, func):
        if hasattr(func, "patchings"):
            func.patchings.append(self)
            return func

        @functools.wraps(func)
        def patched(*args, **keywargs):
            extra_args = []
            entered = []
            try:
                for patching in patched.patchings:
                    arg = patching.__enter__()
                    entered.append(patching)
                    if patching.attribute_name is not None:
                        keywargs[patching.attribute_name] = arg
                    elif patching.new is DEFAULT:
                        extra_args.append(arg)
                return func(*(tuple(args) + tuple(extra_args)), **keywargs)
            finally:
                for patching in reversed(entered):
                    patching.__exit__(None, None, None)

        patched.patchings = [self]
        return patched

    def get_original(self):
        target = self.getter()
        name = self.attribute
        original = DEFAULT
        local = False
        try:
            original = target.__dict__[name]
        except (AttributeError, KeyError):
            original = getattr(target, name, DEFAULT)
        else:
            local = True
        if name in ("__builtins__",) and not self.create:
            self.create = True
        if not self.create and original is DEFAULT:
            raise AttributeError("%s does not have the attribute %r" % (target, name))
        return original, local

    def __enter__(self):
        new, spec, spec_set = self.new, self.spec, self.spec_set
        original, local = self.get_original()
        if new is DEFAULT:
            if spec is True:
                spec = original
            if spec_set is True:
                spec_set = original
            if self.autospec not in (None, False):
                spec = original if self.autospec is True else self.autospec
            factory = self.new_callable or MagicMock
            kw = dict(self.kwargs)
            if spec is not None:
                kw["spec"] = spec
            if spec_set is not None:
                kw["spec_set"] = spec_set
            if isinstance(factory, type) and issubclass(factory, NonCallableMock):
                # The mock is named after what it replaces.
                kw.setdefault("name", self.attribute)
            new = factory(**kw)
        elif self.kwargs:
            raise TypeError("Can't pass kwargs to a mock we aren't creating")
        self.temp_original = original
        self.is_local = local
        self.target = self.getter()
        setattr(self.target, self.attribute, new)
        self.is_started = True
        extra = {}
        if self.attribute_name is not None:
            extra[self.attribute_name] = new
        for patching in self.additional_patchers:
            arg = patching.__enter__()
            if patching.new is DEFAULT:
                extra[patching.attribute_name] = arg
        if extra and self.attribute_name is not None:
            return extra
        return new

    def __exit__(self, *exc_info):
        if not self.is_started:
            return None
        if self.is_local and self.temp_original is not DEFAULT:
            setattr(self.target, self.attribute, self.temp_original)
        else:
            delattr(self.target, self.attribute)
            if not self.create and (not hasattr(self.target, self.attribute) or
                                    self.attribute in ("__doc__", "__module__")):
                setattr(self.target, self.attribute, self.temp_original)
        del self.temp_original
        del self.is_local
        del self.target
        self.is_started = False
        for patcher in reversed(self.additional_patchers):
            patcher.__exit__(*exc_info)
        return None

    def start(self):
        result = self.__enter__()
        _patch._active_patches.append(self)
        return result

    def stop(self):
        try:
            _patch._active_patches.remove(self)
        except ValueError:
            pass
        return self.__exit__(None, None, None)

    _active_patches = []


def patch(target, new=DEFAULT, spec=None, create=False, spec_set=None, autospec=None,
          new_callable=None, **kwargs):
    """`patch("package.module.Name")`: the name is a MagicMock (or `new`) inside."""
    getter, attribute = _get_target(target)
    return _patch(getter, attribute, new, spec, create, spec_set, autospec, new_callable,
                  kwargs)


def _patch_object(target, attribute, new=DEFAULT, spec=None, create=False, spec_set=None,
                  autospec=None, new_callable=None, **kwargs):
    if type(target) is str:
        raise TypeError(f"{target!r} must be the actual object to be patched, not a str")
    return _patch(lambda: target, attribute, new, spec, create, spec_set, autospec,
                  new_callable, kwargs)


def _patch_multiple(target, spec=None, create=False, spec_set=None, autospec=None,
                    new_callable=None, **kwargs):
    if type(target) is str:
        getter = (lambda: _importer(target))
    else:
        getter = (lambda: target)
    if not kwargs:
        raise ValueError("Must supply at least one keyword argument with patch.multiple")
    items = list(kwargs.items())
    attribute, new = items[0]
    patcher = _patch(getter, attribute, new, spec, create, spec_set, autospec,
                     new_callable, {})
    patcher.attribute_name = attribute
    for attribute, new in items[1:]:
        this = _patch(getter, attribute, new, spec, create, spec_set, autospec,
                      new_callable, {})
        this.attribute_name = attribute
        patcher.additional_patchers.append(this)
    return patcher


class _patch_dict:
    """Sets keys of a dict (or clears it) for a block; the old contents come back."""

    def __init__(self, in_dict, values=(), clear=False, **kwargs):
        self.in_dict = in_dict
        self.values = dict(values)
        self.values.update(kwargs)
        self.clear = clear
        self._original = None

    def __call__(self, f):
        if isinstance(f, type):
            for attr in dir(f):
                value = getattr(f, attr)
                if attr.startswith(patch.TEST_PREFIX) and callable(value):
                    setattr(f, attr, _patch_dict(self.in_dict, self.values, self.clear)(value))
            return f

        @functools.wraps(f)
        def inner(*args, **kw):
            self._patch_dict()
            try:
                return f(*args, **kw)
            finally:
                self._unpatch_dict()
        return inner

    def __enter__(self):
        self._patch_dict()
        return self.in_dict

    def _patch_dict(self):
        if isinstance(self.in_dict, str):
            self.in_dict = _importer(self.in_dict)
        self._original = dict(self.in_dict)
        if self.clear:
            self.in_dict.clear()
        self.in_dict.update(self.values)

    def _unpatch_dict(self):
        self.in_dict.clear()
        self.in_dict.update(self._original)

    def __exit__(self, *args):
        if self._original is not None:
            self._unpatch_dict()
        return False

    def start(self):
        result = self.__enter__()
        _patch._active_patches.append(self)
        return result

    def stop(self):
        try:
            _patch._active_patches.remove(self)
        except ValueError:
            pass
        return self.__exit__(None, None, None)


def _patch_stopall():
    for patcher in reversed(_patch._active_patches):
        patcher.stop()


patch.object = _patch_object
patch.dict = _patch_dict
patch.multiple = _patch_multiple
patch.stopall = _patch_stopall
patch.TEST_PREFIX = "test"
