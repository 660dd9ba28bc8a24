"""Not collected: a __main__.py never is.

>>> 1 + 1
3
"""
