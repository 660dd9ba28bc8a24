# slice.indices(length): bounds clamped as sequences clamp them, arbitrary precision, and
# the argument checks; range(*s.indices(n)) selects what s selects.
for s in [slice(None), slice(None, None, -1), slice(2, -3), slice(-100, 100, 3), slice(5, 1, -2),
          slice(-1, None, -1), slice(None, -20), slice(10 ** 20, None), slice(3, 3)]:
    for n in [0, 1, 7, 10]:
        got = s.indices(n)
        assert list(range(*got)) == list(range(n))[s], (s, n)
        print(s, n, got)
print(slice(None).indices(10 ** 30), slice(-(10 ** 40), 10 ** 40, 10 ** 25).indices(10 ** 30))

class Four:
    def __index__(self):
        print("index called")
        return 4

print(slice(Four(), None, Four()).indices(Four()))
print(type(slice(1, 2).indices(5)[0]).__name__, slice(True, None).indices(3))

for s, n in [(slice(None), -1), (slice(None, None, 0), 5), (slice(None), 2.5), (slice("a"), 3),
             (slice(None, 1.5), 3), (slice(None), "3")]:
    try:
        s.indices(n)
    except Exception as e:
        print(type(e).__name__, e)
for bad in [lambda: slice.indices(3, 4), lambda: slice(1).indices(), lambda: slice(1).indices(1, 2)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
