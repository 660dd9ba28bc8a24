# The loops of the HPy microbenchmark comparison (runtime/benches/microbench.rs): each case is
# a function whose loop runs n times with its variables local (module-level loops measure
# global-variable access, where CPython is slow, and hide the gap).
# Usage: loops.py CASE N   (prints the loop's own time in nanoseconds, measured inside the
# process so that start-up does not count)
import sys
import time

import hpy_simple as simple


def empty(n):
    for i in range(n):
        pass


def noargs(n):
    f = simple.noargs
    for i in range(n):
        f()


def onearg(n):
    f = simple.onearg
    for i in range(n):
        f(i)


def varargs(n):
    f = simple.varargs
    for i in range(n):
        f(None, None)


def call_with_tuple(n):
    f = simple.call_with_tuple

    def g(a, b):
        return a

    t = (1, 2)
    for i in range(n):
        f(g, t)


def allocate_int(n):
    f = simple.allocate_int
    for i in range(n):
        f()


def allocate_tuple(n):
    f = simple.allocate_tuple
    for i in range(n):
        f()


def foo_new(n):
    Foo = simple.Foo
    for i in range(n):
        Foo()


def foo_len(n):
    o = simple.Foo()
    for i in range(n):
        len(o)


def foo_getitem(n):
    o = simple.Foo()
    for i in range(n):
        o[0]


def arithmetic(n):
    total = 0
    for i in range(n):
        total += i * 2 - 1
    return total


def py_call(n):
    def f(x):
        return x

    for i in range(n):
        f(i)


def keep_alive(n):
    # Allocation-heavy with survivors: a sliding window of 10,000 small lists stays alive.
    window = [None] * 10000
    for i in range(n):
        window[i % 10000] = [i, (i, i)]
    return len(window)


case, n = sys.argv[1], int(sys.argv[2])
run = globals()[case]
run(n // 100)  # warm-up: first-call costs (imports, lazy caches) out of the measure
t0 = time.perf_counter_ns()
run(n)
print(time.perf_counter_ns() - t0)
