"""unittest's helpers for failure messages: reprs that cannot fail, long reprs shortened
around where they differ, and element counts for assertCountEqual."""

import collections

_MAX_LENGTH = 80
_PLACEHOLDER_LEN = 12
_MIN_BEGIN_LEN = 5
_MIN_END_LEN = 5
_MIN_COMMON_LEN = 5
_MIN_DIFF_LEN = _MAX_LENGTH - (_MIN_BEGIN_LEN + _PLACEHOLDER_LEN + _MIN_COMMON_LEN
                               + _PLACEHOLDER_LEN + _MIN_END_LEN)


def safe_repr(obj, short=False):
    try:
        text = repr(obj)
    except Exception:
        text = object.__repr__(obj)
    if not short or len(text) < _MAX_LENGTH:
        return text
    return text[:_MAX_LENGTH] + " [truncated]..."


def strclass(cls):
    return "%s.%s" % (cls.__module__, cls.__qualname__)


def _shorten(text, keep_start, keep_end):
    # Keep both ends, name how many characters are left out between them.
    dropped = len(text) - keep_start - keep_end
    if dropped > _PLACEHOLDER_LEN:
        return "%s[%d chars]%s" % (text[:keep_start], dropped, text[len(text) - keep_end:])
    return text


def _common_prefix(texts):
    first = min(texts)
    last = max(texts)
    n = 0
    while n < len(first) and first[n] == last[n]:
        n += 1
    return first[:n]


def _common_shorten_repr(*objs):
    """The reprs of `objs`, each at most about _MAX_LENGTH long: a long common prefix is
    shortened first, then what differs."""
    texts = tuple(safe_repr(o) for o in objs)
    longest = max(len(t) for t in texts)
    if longest <= _MAX_LENGTH:
        return texts
    prefix = _common_prefix(texts)
    n = len(prefix)
    room = _MAX_LENGTH - (longest - n + _MIN_BEGIN_LEN + _PLACEHOLDER_LEN)
    if room > _MIN_COMMON_LEN:
        prefix = _shorten(prefix, _MIN_BEGIN_LEN, room)
        return tuple(prefix + t[n:] for t in texts)
    prefix = _shorten(prefix, _MIN_BEGIN_LEN, _MIN_COMMON_LEN)
    return tuple(prefix + _shorten(t[n:], _MIN_DIFF_LEN, _MIN_END_LEN) for t in texts)


def _count_diff_all_purpose(actual, expected):
    """[(count in actual, count in expected, element)] for the elements whose counts
    differ, by equality only (for unhashable elements), in order of first appearance."""
    first = list(actual)
    second = list(expected)
    done = object()
    out = []
    for i, elem in enumerate(first):
        if elem is done:
            continue
        n1 = 0
        for j in range(i, len(first)):
            if first[j] == elem:
                n1 += 1
                first[j] = done
        n2 = 0
        for j, other in enumerate(second):
            if other is not done and other == elem:
                n2 += 1
                second[j] = done
        if n1 != n2:
            out.append((n1, n2, elem))
    for i, elem in enumerate(second):
        if elem is done:
            continue
        n2 = 0
        for j in range(i, len(second)):
            if second[j] == elem:
                n2 += 1
                second[j] = done
        out.append((0, n2, elem))
    return out


def _count_diff_hashable(actual, expected):
    """The same as _count_diff_all_purpose for hashable elements."""
    c1 = collections.Counter(actual)
    c2 = collections.Counter(expected)
    out = []
    for elem, n1 in c1.items():
        n2 = c2.get(elem, 0)
        if n1 != n2:
            out.append((n1, n2, elem))
    for elem, n2 in c2.items():
        if elem not in c1:
            out.append((0, n2, elem))
    return out
