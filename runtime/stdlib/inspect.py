"""inspect (hpymove's own): what test helpers and libraries use of CPython's module:
`signature` (with `Signature`, `Parameter`, `BoundArguments`) for Python functions,
methods, classes, callable objects and `functools.partial`, `getfullargspec`, the `is*`
predicates, `getmembers`, `unwrap`, `get_annotations`, `getdoc`/`cleandoc`. Builtin
functions carry no signature here: `signature` raises ValueError for them, as CPython does
for builtins without `__text_signature__`. No source access (`getsource`)."""

import functools
import sys
import types

__all__ = ["BoundArguments", "FullArgSpec", "Parameter", "Signature", "cleandoc",
           "currentframe", "get_annotations", "getdoc", "getfullargspec", "getmembers",
           "getmodule", "isabstract", "isbuiltin", "isclass", "iscoroutinefunction",
           "isfunction", "isgenerator", "isgeneratorfunction", "ismethod", "ismodule",
           "isroutine", "signature", "unwrap"]

CO_VARARGS = 0x04
CO_VARKEYWORDS = 0x08
CO_GENERATOR = 0x20
CO_COROUTINE = 0x80
CO_ASYNC_GENERATOR = 0x200


# ---------------------------------------------------------------- predicates

def ismodule(obj):
    return isinstance(obj, types.ModuleType)


def isclass(obj):
    return isinstance(obj, type)


def ismethod(obj):
    return isinstance(obj, types.MethodType)


def isfunction(obj):
    return isinstance(obj, types.FunctionType)


def isbuiltin(obj):
    return isinstance(obj, types.BuiltinFunctionType)


def isroutine(obj):
    return isbuiltin(obj) or isfunction(obj) or ismethod(obj)


def _code_flags(obj):
    obj = functools._unwrap_partial(obj) if hasattr(functools, "_unwrap_partial") else obj
    while ismethod(obj):
        obj = obj.__func__
    while isinstance(obj, functools.partial):
        obj = obj.func
    if not isfunction(obj):
        return 0
    return obj.__code__.co_flags


def isgeneratorfunction(obj):
    return bool(_code_flags(obj) & CO_GENERATOR)


def iscoroutinefunction(obj):
    return bool(_code_flags(obj) & CO_COROUTINE)


def isasyncgenfunction(obj):
    return bool(_code_flags(obj) & CO_ASYNC_GENERATOR)


def isgenerator(obj):
    return isinstance(obj, types.GeneratorType)


def isabstract(obj):
    return bool(isinstance(obj, type) and getattr(obj, "__abstractmethods__", None))


def getmembers(obj, predicate=None):
    """(name, value) of every attribute `dir(obj)` lists, sorted by name."""
    results = []
    for name in dir(obj):
        try:
            value = getattr(obj, name)
        except AttributeError:
            continue
        if predicate is None or predicate(value):
            results.append((name, value))
    results.sort(key=lambda pair: pair[0])
    return results


def getmodule(obj):
    if ismodule(obj):
        return obj
    name = getattr(obj, "__module__", None)
    return sys.modules.get(name) if isinstance(name, str) else None


def currentframe():
    return sys._getframe(1)


def unwrap(func, *, stop=None):
    """Follows the `__wrapped__` chain (functools.wraps) to its end."""
    seen = {id(func)}
    f = func
    while hasattr(f, "__wrapped__"):
        if stop is not None and stop(f):
            break
        f = f.__wrapped__
        if id(f) in seen:
            raise ValueError("wrapper loop when unwrapping {!r}".format(func))
        seen.add(id(f))
    return f


def get_annotations(obj, *, globals=None, locals=None, eval_str=False):
    if isinstance(obj, type):
        ann = obj.__dict__.get("__annotations__", None)
    elif ismodule(obj) or callable(obj):
        ann = getattr(obj, "__annotations__", None)
    else:
        raise TypeError("{!r} is not a module, class, or callable.".format(obj))
    if ann is None:
        return {}
    if not isinstance(ann, dict):
        raise ValueError("{!r}.__annotations__ is neither a dict nor None".format(obj))
    ann = dict(ann)
    if eval_str:
        g = globals if globals is not None else getattr(getmodule(obj), "__dict__", {})
        ann = {k: eval(v, g, locals) if isinstance(v, str) else v for k, v in ann.items()}
    return ann


def cleandoc(doc):
    """A docstring without the indentation of its lines after the first, and without
    leading and trailing blank lines."""
    lines = [_expand_tabs(line) for line in doc.split("\n")]
    margin = None
    for line in lines[1:]:
        content = len(line.lstrip())
        if content:
            indent = len(line) - content
            margin = indent if margin is None else min(margin, indent)
    lines[0] = lines[0].lstrip()
    if margin is not None:
        lines[1:] = [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def _expand_tabs(line, size=8):
    out = ""
    for c in line:
        out += " " * (size - len(out) % size) if c == "\t" else c
    return out


def getdoc(obj):
    doc = getattr(obj, "__doc__", None)
    if not isinstance(doc, str):
        return None
    return cleandoc(doc)


# ---------------------------------------------------------------- signatures

class _empty:
    """Marker: no default value, or no annotation."""


class _void:
    """Marker for `replace()`: the argument was not given."""


class _ParameterKind(int):
    def __new__(cls, value, name, description):
        self = int.__new__(cls, value)
        self._name = name
        self.description = description
        return self

    @property
    def name(self):
        return self._name

    def __repr__(self):
        return "<_ParameterKind.%s: %d>" % (self._name, int(self))

    def __str__(self):
        return self._name


_POSITIONAL_ONLY = _ParameterKind(0, "POSITIONAL_ONLY", "positional-only")
_POSITIONAL_OR_KEYWORD = _ParameterKind(1, "POSITIONAL_OR_KEYWORD", "positional or keyword")
_VAR_POSITIONAL = _ParameterKind(2, "VAR_POSITIONAL", "variadic positional")
_KEYWORD_ONLY = _ParameterKind(3, "KEYWORD_ONLY", "keyword-only")
_VAR_KEYWORD = _ParameterKind(4, "VAR_KEYWORD", "variadic keyword")
_KINDS = [_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD, _VAR_POSITIONAL, _KEYWORD_ONLY,
          _VAR_KEYWORD]


class Parameter:
    POSITIONAL_ONLY = _POSITIONAL_ONLY
    POSITIONAL_OR_KEYWORD = _POSITIONAL_OR_KEYWORD
    VAR_POSITIONAL = _VAR_POSITIONAL
    KEYWORD_ONLY = _KEYWORD_ONLY
    VAR_KEYWORD = _VAR_KEYWORD
    empty = _empty

    def __init__(self, name, kind, *, default=_empty, annotation=_empty):
        if kind not in _KINDS:
            raise ValueError("value %r is not a valid Parameter.kind" % (kind,))
        kind = _KINDS[kind]
        if default is not _empty and kind in (_VAR_POSITIONAL, _VAR_KEYWORD):
            raise ValueError("%s parameters cannot have default values" % kind.description)
        if not isinstance(name, str):
            raise TypeError("name must be a str, not a %s" % type(name).__name__)
        if not name.isidentifier():
            raise ValueError("%r is not a valid parameter name" % name)
        self._name = name
        self._kind = kind
        self._default = default
        self._annotation = annotation

    name = property(lambda self: self._name)
    kind = property(lambda self: self._kind)
    default = property(lambda self: self._default)
    annotation = property(lambda self: self._annotation)

    def replace(self, *, name=_void, kind=_void, annotation=_void, default=_void):
        return type(self)(
            self._name if name is _void else name,
            self._kind if kind is _void else kind,
            default=self._default if default is _void else default,
            annotation=self._annotation if annotation is _void else annotation)

    def __str__(self):
        text = self._name
        if self._annotation is not _empty:
            text = "%s: %s" % (text, _annotation_text(self._annotation))
        if self._default is not _empty:
            sep = " = " if self._annotation is not _empty else "="
            text = "%s%s%r" % (text, sep, self._default)
        if self._kind == _VAR_POSITIONAL:
            text = "*" + text
        elif self._kind == _VAR_KEYWORD:
            text = "**" + text
        return text

    def __repr__(self):
        return '<%s "%s">' % (type(self).__name__, self)

    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, Parameter):
            return NotImplemented
        return (self._name == other._name and self._kind == other._kind
                and self._default == other._default
                and self._annotation == other._annotation)

    def __hash__(self):
        return hash((self._name, int(self._kind), self._annotation, self._default))


def _annotation_text(a):
    if isinstance(a, type):
        if a.__module__ == "builtins":
            return a.__qualname__
        return "%s.%s" % (a.__module__, a.__qualname__)
    return repr(a)


class BoundArguments:
    def __init__(self, signature, arguments):
        self.arguments = arguments
        self._signature = signature

    signature = property(lambda self: self._signature)

    @property
    def args(self):
        out = []
        for name, p in self._signature.parameters.items():
            if p.kind in (_VAR_KEYWORD, _KEYWORD_ONLY):
                break
            try:
                arg = self.arguments[name]
            except KeyError:
                break
            if p.kind == _VAR_POSITIONAL:
                out.extend(arg)
            else:
                out.append(arg)
        return tuple(out)

    @property
    def kwargs(self):
        out = {}
        started = False
        for name, p in self._signature.parameters.items():
            if not started:
                if p.kind in (_VAR_KEYWORD, _KEYWORD_ONLY):
                    started = True
                elif name not in self.arguments:
                    started = True
                    continue
            if not started:
                continue
            try:
                arg = self.arguments[name]
            except KeyError:
                continue
            if p.kind == _VAR_KEYWORD:
                out.update(arg)
            else:
                out[name] = arg
        return out

    def apply_defaults(self):
        new = {}
        for name, p in self._signature.parameters.items():
            if name in self.arguments:
                new[name] = self.arguments[name]
            elif p.default is not _empty:
                new[name] = p.default
            elif p.kind == _VAR_POSITIONAL:
                new[name] = ()
            elif p.kind == _VAR_KEYWORD:
                new[name] = {}
        self.arguments = new

    def __eq__(self, other):
        if not isinstance(other, BoundArguments):
            return NotImplemented
        return self.signature == other.signature and self.arguments == other.arguments

    def __repr__(self):
        return "<BoundArguments (%s)>" % ", ".join(
            "%s=%r" % (k, v) for k, v in self.arguments.items())


class Signature:
    empty = _empty

    def __init__(self, parameters=None, *, return_annotation=_empty,
                 __validate_parameters__=True):
        params = {}
        if parameters is not None:
            kind = _POSITIONAL_ONLY
            seen_default = False
            for p in parameters:
                if __validate_parameters__:
                    if p.kind < kind:
                        raise ValueError("wrong parameter order: %s parameter before %s "
                                         "parameter" % (kind.description, p.kind.description))
                    kind = p.kind
                    if p.kind in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD):
                        if p.default is _empty:
                            if seen_default:
                                raise ValueError("non-default argument follows default "
                                                 "argument")
                        else:
                            seen_default = True
                    if p.name in params:
                        raise ValueError("duplicate parameter name: %r" % p.name)
                params[p.name] = p
        self._parameters = types.MappingProxyType(params) if hasattr(
            types, "MappingProxyType") else params
        self._return_annotation = return_annotation

    parameters = property(lambda self: self._parameters)
    return_annotation = property(lambda self: self._return_annotation)

    @classmethod
    def from_callable(cls, obj, *, follow_wrapped=True):
        return _signature_of(obj, follow_wrapped)

    def replace(self, *, parameters=_void, return_annotation=_void):
        return type(self)(
            list(self._parameters.values()) if parameters is _void else parameters,
            return_annotation=(self._return_annotation if return_annotation is _void
                               else return_annotation))

    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, Signature):
            return NotImplemented
        return (self._return_annotation == other._return_annotation
                and list(self._parameters.items()) == list(other._parameters.items()))

    def __hash__(self):
        return hash((tuple(self._parameters.values()), self._return_annotation))

    def __str__(self):
        parts = []
        slash_due = False
        star_due = True
        for p in self._parameters.values():
            if p.kind == _POSITIONAL_ONLY:
                slash_due = True
            elif slash_due:
                parts.append("/")
                slash_due = False
            if p.kind == _VAR_POSITIONAL:
                star_due = False
            elif p.kind == _KEYWORD_ONLY and star_due:
                parts.append("*")
                star_due = False
            parts.append(str(p))
        if slash_due:
            parts.append("/")
        text = "(%s)" % ", ".join(parts)
        if self._return_annotation is not _empty:
            text += " -> %s" % _annotation_text(self._return_annotation)
        return text

    def __repr__(self):
        return "<%s %s>" % (type(self).__name__, self)

    def _bind(self, args, kwargs, partial):
        arguments = {}
        params = iter(self._parameters.values())
        args = list(args)
        kwargs = dict(kwargs)
        pending = None
        # positional arguments
        i = 0
        while True:
            if i >= len(args):
                # the rest come from keywords or defaults
                for p in params:
                    if p.kind == _VAR_POSITIONAL:
                        continue
                    if p.kind == _VAR_KEYWORD:
                        pending = p
                        continue
                    if p.name in kwargs:
                        if p.kind == _POSITIONAL_ONLY:
                            raise TypeError("%r parameter is positional only, but was "
                                            "passed as a keyword" % p.name)
                        arguments[p.name] = kwargs.pop(p.name)
                    elif not partial and p.default is _empty:
                        if p.kind == _KEYWORD_ONLY:
                            raise TypeError("missing a required keyword-only argument: %r"
                                            % p.name)
                        raise TypeError("missing a required argument: %r" % p.name)
                break
            try:
                p = next(params)
            except StopIteration:
                raise TypeError("too many positional arguments") from None
            if p.kind in (_VAR_KEYWORD, _KEYWORD_ONLY):
                raise TypeError("too many positional arguments")
            if p.kind == _VAR_POSITIONAL:
                arguments[p.name] = tuple(args[i:])
                i = len(args)
                continue
            if p.name in kwargs and p.kind != _POSITIONAL_ONLY:
                raise TypeError("multiple values for argument %r" % p.name)
            arguments[p.name] = args[i]
            i += 1
        if kwargs:
            if pending is None:
                for p in self._parameters.values():
                    if p.kind == _VAR_KEYWORD:
                        pending = p
            if pending is None:
                raise TypeError("got an unexpected keyword argument %r" % next(iter(kwargs)))
            arguments[pending.name] = kwargs
        return BoundArguments(self, arguments)

    def bind(self, *args, **kwargs):
        return self._bind(args, kwargs, False)

    def bind_partial(self, *args, **kwargs):
        return self._bind(args, kwargs, True)


def _function_signature(f, skip_first=False):
    code = f.__code__
    pos = code.co_argcount
    posonly = code.co_posonlyargcount
    kwonly = code.co_kwonlyargcount
    names = code.co_varnames
    defaults = f.__defaults__ or ()
    kwdefaults = f.__kwdefaults__ or {}
    annotations = getattr(f, "__annotations__", None) or {}
    params = []
    first_default = pos - len(defaults)
    for i in range(pos):
        name = names[i]
        kind = _POSITIONAL_ONLY if i < posonly else _POSITIONAL_OR_KEYWORD
        default = defaults[i - first_default] if i >= first_default else _empty
        params.append(Parameter(name, kind, default=default,
                                annotation=annotations.get(name, _empty)))
    n = pos
    star = None
    if code.co_flags & CO_VARARGS:
        star = names[pos + kwonly]
    if star is not None:
        params.append(Parameter(star, _VAR_POSITIONAL, annotation=annotations.get(star, _empty)))
    for i in range(n, n + kwonly):
        name = names[i]
        params.append(Parameter(name, _KEYWORD_ONLY, default=kwdefaults.get(name, _empty),
                                annotation=annotations.get(name, _empty)))
    if code.co_flags & CO_VARKEYWORDS:
        name = names[pos + kwonly + (1 if star is not None else 0)]
        params.append(Parameter(name, _VAR_KEYWORD, annotation=annotations.get(name, _empty)))
    if skip_first:
        params = _skip_first(params, f)
    return Signature(params, return_annotation=annotations.get("return", _empty),
                     __validate_parameters__=False)


def _skip_first(params, obj):
    if not params:
        raise ValueError("invalid method signature")
    if params[0].kind in (_VAR_KEYWORD, _KEYWORD_ONLY):
        raise ValueError("invalid method signature")
    if params[0].kind == _VAR_POSITIONAL:
        return params
    return params[1:]


def _partial_signature(wrapped_sig, partial_obj):
    """The signature left after `partial(f, *args, **keywords)` (CPython's rules: bound
    positionals go; a keyword sets a default and makes later parameters keyword-only)."""
    params = list(wrapped_sig.parameters.values())
    try:
        ba = wrapped_sig.bind_partial(*partial_obj.args, **partial_obj.keywords)
    except TypeError as e:
        raise ValueError("partial object {!r} has incorrect arguments".format(partial_obj)) \
            from e
    out = []
    transform_to_kwonly = False
    for p in params:
        name = p.name
        if name in ba.arguments and p.kind in (_POSITIONAL_ONLY,):
            continue
        if name in ba.arguments and p.kind == _POSITIONAL_OR_KEYWORD:
            if name in partial_obj.keywords:
                transform_to_kwonly = True
                out.append(p.replace(default=ba.arguments[name], kind=_KEYWORD_ONLY))
                continue
            continue
        if p.kind == _VAR_POSITIONAL and name in ba.arguments:
            out.append(p)
            continue
        if p.kind == _KEYWORD_ONLY and name in ba.arguments:
            out.append(p.replace(default=ba.arguments[name]))
            continue
        if p.kind == _VAR_KEYWORD:
            out.append(p)
            continue
        if transform_to_kwonly:
            if p.kind == _POSITIONAL_OR_KEYWORD:
                p = p.replace(kind=_KEYWORD_ONLY)
            elif p.kind in (_POSITIONAL_ONLY, _VAR_POSITIONAL):
                if p.kind == _VAR_POSITIONAL:
                    continue
        out.append(p)
    return wrapped_sig.replace(parameters=out)


def _signature_of(obj, follow_wrapped=True, skip_bound=False):
    if not callable(obj):
        raise TypeError("{!r} is not a callable object".format(obj))
    if ismethod(obj):
        sig = _signature_of(obj.__func__, follow_wrapped)
        params = list(sig.parameters.values())
        return sig.replace(parameters=_skip_first(params, obj))
    if follow_wrapped:
        obj = unwrap(obj, stop=lambda f: hasattr(f, "__signature__"))
        if ismethod(obj):
            return _signature_of(obj, follow_wrapped)
    try:
        sig = obj.__signature__
    except AttributeError:
        pass
    else:
        if sig is not None:
            if not isinstance(sig, Signature):
                raise TypeError("unexpected object {!r} in __signature__ attribute"
                                .format(sig))
            return sig
    if isfunction(obj):
        return _function_signature(obj)
    if isinstance(obj, functools.partial):
        return _partial_signature(_signature_of(obj.func, follow_wrapped), obj)
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            # hpymove writes some builtin types in Python (bytearray): builtins all the same.
            raise ValueError("no signature found for builtin type {!r}".format(obj))
        for name in ("__call__",):
            meta_call = _lookup_in_mro(type(obj), name)
            if meta_call is not None and isfunction(meta_call):
                return _function_signature(meta_call, skip_first=True)
        new = _lookup_in_mro(obj, "__new__")
        init = _lookup_in_mro(obj, "__init__")
        if init is not None and isfunction(init):
            return _function_signature(init, skip_first=True)
        if isinstance(new, staticmethod):
            new = new.__func__
        if new is not None and isfunction(new):
            return _function_signature(new, skip_first=True)
        if obj.__module__ != "builtins" and all(
                _lookup_in_mro(obj, n) is None for n in ("__init__", "__new__")):
            # A Python class with object's constructor: no arguments.
            return Signature([])
        raise ValueError("no signature found for builtin type {!r}".format(obj))
    if isbuiltin(obj) or type(obj).__module__ == "builtins" and not hasattr(
            type(obj), "__call__"):
        raise ValueError("no signature found for builtin {!r}".format(obj))
    call = _lookup_in_mro(type(obj), "__call__")
    if call is not None and isfunction(call):
        return _function_signature(call, skip_first=True)
    raise ValueError("callable {!r} is not supported by signature".format(obj))


def _lookup_in_mro(cls, name):
    """`name` as defined in a Python class along cls's MRO (None for builtin slots)."""
    for c in cls.__mro__:
        d = getattr(c, "__dict__", {})
        if name in d:
            v = d[name]
            if c.__module__ == "builtins" and not isfunction(v):
                return None
            return v
    return None


def signature(obj, *, follow_wrapped=True, globals=None, locals=None, eval_str=False):
    return _signature_of(obj, follow_wrapped)


class FullArgSpec(tuple):
    _fields = ("args", "varargs", "varkw", "defaults", "kwonlyargs", "kwonlydefaults",
               "annotations")

    def __new__(cls, args, varargs, varkw, defaults, kwonlyargs, kwonlydefaults,
                annotations):
        return tuple.__new__(cls, (args, varargs, varkw, defaults, kwonlyargs,
                                   kwonlydefaults, annotations))

    args = property(lambda self: self[0])
    varargs = property(lambda self: self[1])
    varkw = property(lambda self: self[2])
    defaults = property(lambda self: self[3])
    kwonlyargs = property(lambda self: self[4])
    kwonlydefaults = property(lambda self: self[5])
    annotations = property(lambda self: self[6])

    def __repr__(self):
        return "FullArgSpec(%s)" % ", ".join(
            "%s=%r" % (f, v) for f, v in zip(self._fields, self))


def getfullargspec(func):
    try:
        sig = _signature_of(func, follow_wrapped=False)
    except Exception as e:
        raise TypeError("unsupported callable") from e
    args, kwonly, defaults, kwdefaults, annotations = [], [], [], {}, {}
    varargs = varkw = None
    for p in sig.parameters.values():
        if p.annotation is not _empty:
            annotations[p.name] = p.annotation
        if p.kind in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD):
            args.append(p.name)
            if p.default is not _empty:
                defaults.append(p.default)
        elif p.kind == _VAR_POSITIONAL:
            varargs = p.name
        elif p.kind == _KEYWORD_ONLY:
            kwonly.append(p.name)
            if p.default is not _empty:
                kwdefaults[p.name] = p.default
        else:
            varkw = p.name
    if sig.return_annotation is not _empty:
        annotations["return"] = sig.return_annotation
    if ismethod(func):
        args.insert(0, "self")
    return FullArgSpec(args, varargs, varkw, tuple(defaults) or None, kwonly,
                       kwdefaults or None, annotations)
