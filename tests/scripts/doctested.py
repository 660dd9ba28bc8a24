# Docstring examples for stdlib_doctest.py (some fail on purpose).
"""A module docstring.

>>> 1 + 1
2
"""


def add(a, b):
    """Adds.

    >>> add(2, 3)
    5
    >>> add("a", "b")
    'ab'
    >>> print(add(1, 1))
    2
    >>> [add(i, i) for i in range(3)]
    [0, 2, 4]
    """
    return a + b


def wrong():
    """
    >>> wrong()
    'right'
    >>> None
    >>> x = 5
    >>> x * 2
    10
    """
    return "wrong"


def raises():
    """
    >>> raises()
    Traceback (most recent call last):
        ...
    ValueError: bad value
    >>> {}["k"]
    Traceback (most recent call last):
    KeyError: 'k'
    >>> int("x")  # doctest: +SKIP
    never checked
    """
    raise ValueError("bad value")


class Thing:
    r"""
    >>> Thing().name
    'thing'
    >>> print("a   b\nc")  # doctest: +NORMALIZE_WHITESPACE
    a b c
    >>> list(range(20))  # doctest: +ELLIPSIS
    [0, 1, ..., 19]
    >>> print("x\n\ny")
    x
    <BLANKLINE>
    y
    """
    name = "thing"

    def method(self):
        """
        >>> Thing().method()
        42
        """
        return 42
