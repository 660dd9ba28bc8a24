"""BaseExceptionGroup and ExceptionGroup (PEP 654) with CPython 3.11's behaviour, and
the steps of `except*` that the evaluator runs (runtime/src/interp/eval.rs, `handle_star`):
matching splits the group, and what the clauses did not handle or raised is raised again
as CPython's `_PyExc_PrepReraiseStar` combines it. The builtins `BaseExceptionGroup` and
`ExceptionGroup` are these classes (installed on first use)."""


def _predicate(condition):
    """`split`/`subgroup`'s condition as a predicate on exceptions."""
    if isinstance(condition, type) and issubclass(condition, BaseException):
        return lambda e: isinstance(e, condition)
    if isinstance(condition, tuple) and all(
            isinstance(c, type) and issubclass(c, BaseException) for c in condition):
        return lambda e: isinstance(e, condition)
    if callable(condition) and not isinstance(condition, type):
        return condition
    raise TypeError("expected a function, exception type or tuple of exception types")


class BaseExceptionGroup(BaseException):
    """A group of exceptions raised together."""

    # A builtin, as CPython names it (reports show it without a module).
    __module__ = "builtins"

    def __new__(cls, message, exceptions):
        if not isinstance(message, str):
            raise TypeError("BaseExceptionGroup.__new__() argument 1 must be str, not %s"
                            % type(message).__name__)
        if not hasattr(type(exceptions), "__getitem__") or isinstance(exceptions, (str, dict)):
            raise TypeError("second argument (exceptions) must be a sequence")
        excs = tuple(exceptions)
        if not excs:
            raise ValueError("second argument (exceptions) must be a non-empty sequence")
        for i, e in enumerate(excs):
            if not isinstance(e, BaseException):
                raise ValueError(
                    "Item %d of second argument (exceptions) is not an exception" % i)
        if cls is BaseExceptionGroup:
            if all(isinstance(e, Exception) for e in excs):
                cls = ExceptionGroup
        elif issubclass(cls, Exception):
            for e in excs:
                if not isinstance(e, Exception):
                    if cls is ExceptionGroup:
                        raise TypeError("Cannot nest BaseExceptions in an ExceptionGroup")
                    raise TypeError(
                        "Cannot nest BaseExceptions in '%s'" % cls.__name__)
        self = BaseException.__new__(cls, message, exceptions)
        self._message = message
        self._exceptions = excs
        return self

    def __init__(self, *args, **kwargs):
        if kwargs:
            raise TypeError("%s() takes no keyword arguments" % type(self).__name__)
        BaseException.__init__(self, *args)

    @property
    def message(self):
        return self._message

    @property
    def exceptions(self):
        return self._exceptions

    def __str__(self):
        n = len(self._exceptions)
        return "%s (%d sub-exception%s)" % (self._message, n, "" if n == 1 else "s")

    def derive(self, excs):
        return BaseExceptionGroup(self._message, excs)

    def _derive_like(self, excs):
        """`derive(excs)` with this group's traceback, cause, context and notes."""
        eg = self.derive(excs)
        for attr in ("__cause__", "__context__", "__traceback__"):
            try:
                setattr(eg, attr, getattr(self, attr))
            except (AttributeError, TypeError):
                pass
        if hasattr(self, "__notes__"):
            eg.__notes__ = list(self.__notes__)
        return eg

    def _split(self, pred):
        if pred(self):
            return self, None
        match, rest = [], []
        for e in self._exceptions:
            if isinstance(e, BaseExceptionGroup):
                m, r = e._split(pred)
                if m is not None:
                    match.append(m)
                if r is not None:
                    rest.append(r)
            elif pred(e):
                match.append(e)
            else:
                rest.append(e)
        return (self._derive_like(match) if match else None,
                self._derive_like(rest) if rest else None)

    def split(self, condition):
        return self._split(_predicate(condition))

    def subgroup(self, condition):
        return self._split(_predicate(condition))[0]

    def __class_getitem__(cls, item):
        return cls


class ExceptionGroup(BaseExceptionGroup, Exception):
    """A group of exceptions that are all `Exception`s."""

    __module__ = "builtins"


# ------------------------------------------------------------------ except*

def _leaf_ids(exc, out):
    if isinstance(exc, BaseExceptionGroup):
        for e in exc.exceptions:
            _leaf_ids(e, out)
    else:
        out.add(id(exc))
    return out


def _same_metadata(a, b):
    """Was `a` split off `b` (it carries `b`'s notes, traceback, cause and context)?"""
    return all(getattr(a, attr, None) is getattr(b, attr, None)
               for attr in ("__notes__", "__traceback__", "__cause__", "__context__"))


class _StarState:
    """What one `try`/`except*` statement has left to handle and what its clauses
    raised."""

    def __init__(self, exc):
        self.orig = exc
        self.rest = exc
        self.results = []

    def match(self, cls):
        """The part of the unhandled exception that clause type `cls` matches (a group),
        or None; the rest stays unhandled."""
        if isinstance(cls, tuple):
            types = cls
        else:
            types = (cls,)
        for t in types:
            if isinstance(t, type) and issubclass(t, BaseExceptionGroup):
                raise TypeError("catching ExceptionGroup with except* is not allowed. "
                                "Use except instead.")
        for t in types:
            if not (isinstance(t, type) and issubclass(t, BaseException)):
                raise TypeError("catching classes that do not inherit from BaseException "
                                "is not allowed")
        rest = self.rest
        if rest is None:
            return None
        if isinstance(rest, cls):
            if isinstance(rest, BaseExceptionGroup):
                matched = rest
            else:
                # A naked exception is wrapped in a group for its handler.
                group = ExceptionGroup if isinstance(rest, Exception) else BaseExceptionGroup
                matched = group("", (rest,))
                try:
                    matched.__traceback__ = rest.__traceback__
                except (AttributeError, TypeError):
                    pass
            self.rest = None
            return matched
        if isinstance(rest, BaseExceptionGroup):
            matched, self.rest = rest.split(cls)
            return matched
        return None

    def handled(self, raised):
        """A clause ran; it raised `raised` (None if it completed)."""
        self.results.append(raised)

    def finish(self):
        """What the statement raises when its clauses are done: None, or one exception."""
        excs = [e for e in self.results if e is not None]
        if self.rest is not None:
            excs.append(self.rest)
        if not excs:
            return None
        orig = self.orig
        if not isinstance(orig, BaseExceptionGroup):
            # A naked exception: at most one clause ran.
            return excs[0]
        raised, reraised_ids = [], set()
        for e in excs:
            if _same_metadata(e, orig):
                _leaf_ids(e, reraised_ids)
            else:
                raised.append(e)
        if reraised_ids:
            kept = orig._split(lambda e: not isinstance(e, BaseExceptionGroup)
                               and id(e) in reraised_ids)[0]
            if kept is not None:
                raised.append(kept)
        if len(raised) == 1:
            return raised[0]
        return BaseExceptionGroup("", raised)


def star_start(exc):
    return _StarState(exc)
