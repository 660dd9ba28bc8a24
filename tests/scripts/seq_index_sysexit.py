# list.index / tuple.index with start and stop (clamped like slices), and SystemExit.code.
for seq in ([1, 2, 3, 2], (1, 2, 3, 2)):
    print(seq.index(2), seq.index(2, 2), seq.index(2, 2, 4), seq.index(3, -2))
    for a in [(2, 0, 1), (9,), (1, 3), (2, 1, -3), (1, -100, 100), (2, 10)]:
        try:
            print(a, seq.index(*a))
        except ValueError as e:
            print(a, "ValueError", e)
try:
    [1].index(1, 2, 3, 4)
except TypeError as e:
    print("TypeError", e)

for args in [(), (3,), ("bye",), (1, 2), (None,)]:
    try:
        raise SystemExit(*args)
    except SystemExit as e:
        print(args, repr(e.code), e.args)


class Quit(SystemExit):
    pass


try:
    raise Quit(7)
except SystemExit as e:
    print(type(e).__name__, e.code)
