__all__ = ["f", "g"]


def f():
    return "f"


def g():
    return "g"


def not_listed():
    return "h"
