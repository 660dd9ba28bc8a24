# Binary operators whose right operand is a local, None or an int constant (the evaluator
# reads those without rooting the left operand and computes exact ints without making the
# constant's object): every left operand type, the 64-bit edges, errors and overrides.
def consts(x):
    out = []
    for f in (
        lambda: x + 1,
        lambda: x - 1,
        lambda: x * 2,
        lambda: x // 3,
        lambda: x % 10000,
        lambda: x % -7,
        lambda: x & 255,
        lambda: x | 4096,
        lambda: x ^ 1000000,
        lambda: x << 3,
        lambda: x >> 1,
        lambda: x / 4,
        lambda: x ** 2,
        lambda: x % 0,
        lambda: x // 0,
        lambda: x * 9223372036854775807,
        lambda: x - -9223372036854775808,
        lambda: x + None,
    ):
        try:
            r = f()
            out.append((type(r).__name__, r))
        except Exception as e:
            out.append((type(e).__name__, str(e)))
    return out


class MyInt(int):
    def __add__(self, other):
        return ("MyInt.add", int(self), other)

    def __mod__(self, other):
        return ("MyInt.mod", int(self), other)


class Other:
    def __rmul__(self, other):
        return ("Other.rmul", other)


for x in [0, 1, -1, 7, -7, 2**62, 2**63 - 1, -(2**63), 2**64, -(2**70), True, False,
          2.5, -0.0, 3j, MyInt(5), "ab", [1], (2,), None]:
    print(repr(x), consts(x))


def locals_right(a, b):
    out = []
    for f in (lambda: a + b, lambda: a * b, lambda: a % b, lambda: a - b, lambda: a @ b):
        try:
            out.append(f())
        except Exception as e:
            out.append((type(e).__name__, str(e)))
    return out


print(locals_right(6, 4))
print(locals_right(2**63 - 1, 2))
print(locals_right(-(2**63), -1))
print(locals_right(3, Other()))
print(locals_right("x", 3))
print(locals_right([1, 2], [3]))
print(locals_right(MyInt(9), 4))
print(locals_right(1.5, None))


def unbound_right():
    a = 1
    try:
        return a + b  # noqa: F821
    except NameError as e:
        return type(e).__name__, str(e)
    b = 2


print(unbound_right())


def loop(n):
    total = 0
    window = [None] * 100
    for i in range(n):
        total += i * 2 - 1
        window[i % 100] = [i, (i, i)]
    return total, window[7], sum(w[0] for w in window)


print(loop(1000))
print(loop(100000))


# Augmented assignment to a name, with the same kinds of right operand.
def aug(x, y):
    out = []
    for step in range(9):
        t = x
        try:
            if step == 0:
                t += 1
            elif step == 1:
                t -= y
            elif step == 2:
                t *= 3
            elif step == 3:
                t %= 0
            elif step == 4:
                t //= y
            elif step == 5:
                t += None
            elif step == 6:
                t <<= 2
            elif step == 7:
                t += (t := 5)
            else:
                t -= x * 2 - 1
            out.append(t)
        except Exception as e:
            out.append((type(e).__name__, str(e)))
    return out


print(aug(10, 3))
print(aug(2**63 - 1, -1))
print(aug(-(2**63), 1))
print(aug(True, True))
print(aug(1.5, 2))
print(aug([1], [2]))
print(aug("s", 2))
print(aug(MyInt(4), 1))
lst = [0]
alias = lst
alias += [1]
alias *= 2
print(lst, alias is lst)


def unbound_aug():
    try:
        u += 1  # noqa: F821
    except NameError as e:
        return type(e).__name__, str(e)


print(unbound_aug())
g = 7
g += 1
g -= g
print(g)
