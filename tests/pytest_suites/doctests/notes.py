"""Any module of the tree is collected, not only test files.

>>> sorted({3, 1, 2})
[1, 2, 3]
>>> print("a\\n\\nb")
a
<BLANKLINE>
b
"""
