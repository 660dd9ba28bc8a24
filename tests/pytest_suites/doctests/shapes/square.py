"""A square.

>>> Square(2)
Square(2)
"""


class Square:
    """A square of side `side`.

    >>> s = Square(4)
    >>> s.side
    4
    >>> [Square(n).area() for n in range(20)]
    [0, 1, 4, ..., 361]
    """

    def __init__(self, side):
        self.side = side

    def __repr__(self):
        return "Square(%d)" % self.side

    def area(self):
        """The area.

        >>> Square(5).area()
        25
        """
        return self.side * self.side

    def perimeter(self):
        """The perimeter (this example is wrong on purpose, the next is not run).

        >>> Square(5).perimeter()
        21
        >>> Square(1).perimeter()
        4
        """
        return 4 * self.side

    @property
    def diagonal(self):
        """The diagonal.

        >>> round(Square(1).diagonal, 3)
        1.414
        """
        return self.side * 2 ** 0.5

    @staticmethod
    def unit():
        """>>> Square.unit()
        Square(1)
        """
        return Square(1)


def grow(square, by):
    """A new square, larger by `by`; a negative `by` is refused.

    >>> grow(Square(2), 3)
    Square(5)
    >>> grow(Square(2), -1)
    Traceback (most recent call last):
        ...
    ValueError: cannot shrink
    """
    if by < 0:
        raise ValueError("cannot shrink")
    return Square(square.side + by)


def broken():
    """An example that raises where none was expected.

    >>> broken()
    'fine'
    """
    return {}["missing"]


def skipped():
    """Every example skipped.

    >>> skipped()  # doctest: +SKIP
    'never run'
    """


def fixture_seen():
    """The conftest's autouse fixture ran before the examples.

    >>> import shapes.conftest_state as s
    >>> s.calls > 0
    True
    """


def no_examples():
    """A docstring without examples is no test."""
