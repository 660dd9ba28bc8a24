"""Shapes, with examples in their docstrings (pytest --doctest-modules collects them).

>>> from shapes.square import Square
>>> Square(3).area()
9
"""
