"""`iter(callable, sentinel)`: calls `callable` with no arguments until it returns a value
equal to `sentinel` (CPython's `callable_iterator`; once exhausted it stays exhausted)."""


class callable_iterator:
    __slots__ = ("_call", "_sentinel")

    def __init__(self, call, sentinel):
        self._call = call
        self._sentinel = sentinel

    def __iter__(self):
        return self

    def __next__(self):
        call = self._call
        if call is None:
            raise StopIteration
        value = call()
        if value == self._sentinel:
            self._call = None
            self._sentinel = None
            raise StopIteration
        return value


callable_iterator.__module__ = "builtins"
