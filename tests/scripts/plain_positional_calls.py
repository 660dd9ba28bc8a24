# Calls of Python functions with only positional parameters (the interpreter binds such a
# call in place, interp/fastcall.rs), next to the calls that must take the general binding.


def ident(x):
    return x


def add3(a, b, c):
    total = a + b
    total = total + c
    return total


def no_return(a):
    a + 1


def with_default(a, b=10):
    return a + b


def uses_later_local(a):
    if a:
        z = a
    return z


def outer(k):
    def inner(y):
        return y + k

    return inner


def outer2(k):
    m = k * 2

    def mid(a):
        def leaf(b):
            return a + b + k + m

        return leaf

    return mid


def captured_param(x):
    def read():
        return x

    return read()


def gen(a, b):
    yield a
    yield b


def count_down(n):
    return 0 if n == 0 else 1 + count_down(n - 1)


def boom(x):
    return 1 // x


print(ident(1), add3(1, 2, 3), no_return(5))
print(with_default(1), with_default(1, 2))
print(outer(10)(5), outer2(1)(2)(3), captured_param(7))
print(list(gen(1, 2)), count_down(200))
print(list(map(ident, ["a", "b"])), sorted([3, 1, 2], key=ident))
print([ident(i) * 2 for i in range(4)], (lambda p, q: p * q)(6, 7))

# Arity errors come from the general path.
for call in (lambda: ident(), lambda: ident(1, 2), lambda: add3(1, 2), lambda: ident(x=1, y=2)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)

# Unbound locals and errors inside a plain frame, then the frame is gone.
try:
    uses_later_local(0)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
print(uses_later_local(4))
try:
    boom(0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)

# An argument that raises: nothing of the half-built frame is left behind.
def raises():
    raise ValueError("in argument")


try:
    add3(1, raises(), 3)
except ValueError as e:
    print("ValueError:", e)
print(add3(4, 5, 6))

# The callee is evaluated first; rebinding its name or its defaults while the arguments are
# evaluated does not change the call.
def rebinding():
    global ident
    old = ident
    ident = lambda x: ("new", x)
    return old


f = ident
print(ident(rebinding()) is f, ident(3))
ident = f


def set_defaults():
    with_default.__defaults__ = (100,)
    return 1


print(with_default(set_defaults()), with_default(2))

# The frame sees its arguments and its unbound locals as CPython does.
def show_locals(a, b):
    c = a + b
    return sorted(locals().items())


print(show_locals(1, 2))

# Deep recursion still stops at the limit.
def forever(n):
    return forever(n + 1)


try:
    forever(0)
except RecursionError as e:
    print("RecursionError:", e)

# Many calls that allocate, so that collections run while frames are live.
def pair(a, b):
    return [a, (b, str(a))]


acc = []
for i in range(3000):
    acc.append(pair(i, [i] * 3))
print(len(acc), acc[-1], sum(p[0] for p in acc))
