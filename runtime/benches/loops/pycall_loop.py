# Calls a Python function n times (for comparison with the extension-call loop).
import sys

n = int(sys.argv[1])


def f(x):
    return x


for i in range(n):
    f(i)
