import math

X = 1
_private = 2


def k():
    return X
