# iter(callable, sentinel): calls until the sentinel comes back, then stays exhausted.
import io

items = [1, 2, 3, 0, 4]
it = iter(lambda: items.pop(0), 0)
print(type(it).__name__, iter(it) is it, list(it), items, list(it))

stream = io.StringIO("a\nb\n\nc\n")
print([line for line in iter(stream.readline, "")])

calls = []


def counter():
    calls.append(1)
    return len(calls)


print(list(iter(counter, 4)), next(iter(counter, 99)))
for bad in [(1, 2), ()]:
    try:
        iter(*bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    iter([], 1, 2)
except TypeError as e:
    print("TypeError:", e)
