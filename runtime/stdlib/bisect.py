"""bisect: binary search in a sorted sequence and insertion that keeps it sorted, with
CPython's signatures (lo, hi, key=) and errors. `key` is applied to the sequence's items,
never to `x` (as in CPython; insort applies it to `x` itself before searching)."""

from operator import index as _index

__all__ = ["bisect_left", "bisect_right", "bisect", "insort_left", "insort_right",
           "insort"]


def _bounds(a, lo, hi):
    # lo must be a non-negative index; hi defaults to len(a) (None or -1, as in CPython).
    lo = _index(lo)
    if lo < 0:
        raise ValueError("lo must be non-negative")
    if hi is not None:
        try:
            hi = _index(hi)
        except TypeError:
            raise TypeError("argument should be integer or None, not '%s'"
                            % type(hi).__name__) from None
    if hi is None or hi == -1:
        hi = len(a)
    return lo, hi


def bisect_left(a, x, lo=0, hi=None, *, key=None):
    """The first index i in a[lo:hi] such that every item before it is < x."""
    lo, hi = _bounds(a, lo, hi)
    while lo < hi:
        mid = (lo + hi) // 2
        item = a[mid] if key is None else key(a[mid])
        if item < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def bisect_right(a, x, lo=0, hi=None, *, key=None):
    """The first index i in a[lo:hi] such that every item from it on is > x."""
    lo, hi = _bounds(a, lo, hi)
    while lo < hi:
        mid = (lo + hi) // 2
        item = a[mid] if key is None else key(a[mid])
        if x < item:
            hi = mid
        else:
            lo = mid + 1
    return lo


def insort_left(a, x, lo=0, hi=None, *, key=None):
    """Inserts x into a before any items equal to it (a.insert, so subclasses see it)."""
    at = bisect_left(a, x if key is None else key(x), lo, hi, key=key)
    a.insert(at, x)


def insort_right(a, x, lo=0, hi=None, *, key=None):
    """Inserts x into a after any items equal to it."""
    at = bisect_right(a, x if key is None else key(x), lo, hi, key=key)
    a.insert(at, x)


bisect = bisect_right
insort = insort_right
