# `obj[key] = value` where obj may be an exact list and key an exact int (stored without
# rooting the key): negative and out-of-range indexes, bool and big-int keys, subclasses,
# other containers, and a key whose evaluation runs code.
class L(list):
    def __setitem__(self, k, v):
        print("L.__setitem__", k, v)
        super().__setitem__(k, v)


class Key:
    def __index__(self):
        return 1

    def __repr__(self):
        return "Key()"


def store(c, k, v):
    try:
        c[k] = v
        return c
    except Exception as e:
        return type(e).__name__, str(e)


for k in [0, 2, -1, -3, 3, -4, True, False, 2**64, -(2**70), 1.0, "a", None, Key(), slice(0, 2)]:
    print(repr(k), store([1, 2, 3], k, "v"), store(L([1, 2, 3]), k, "w"))
print(store({}, 5, 6), store(bytearray(b"ab"), 0, 65), store(bytearray(b"ab"), 0, 300))

window = [None] * 10
for i in range(25):
    window[i % 10] = [i, (i, i)]
    window[-1] = window[i % 10]
print(window)


def key_calls():
    lst = [0] * 4

    def k():
        lst.append(9)
        return 4

    lst[k()] = "late"
    return lst


print(key_calls())
