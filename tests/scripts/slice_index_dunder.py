# Slice bounds given as objects with __index__ (CPython's _PyEval_SliceIndex): each
# bound may run Python code, which under --gc=always collects and moves the sequence.
class I:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        junk = [str(i) * 3 for i in range(40)]
        return self.v


class Bad:
    pass


l = [1, 2, 3, 4, 5]
print(l[I(1):I(4)])
print(l[I(-2):])
print(l[::I(-1)])
print("abcdef"[I(1):I(5):I(2)])
print(b"abcdef"[I(0):I(3)])
print((10, 20, 30)[I(0):I(2)])
print(range(10)[I(2):I(8):I(3)])
l[I(0):I(2)] = [9, 8, 7]
print(l)
l[I(0):I(4):I(2)] = "xy"
print(l)
del l[I(0):I(1)]
print(l)
del l[::I(2)]
print(l)
print(l[I(10**30):])
for bad in [Bad(), "1", 1.5]:
    try:
        l[bad:]
    except TypeError as e:
        print("TypeError:", e)
try:
    l[::I(0)]
except ValueError as e:
    print("ValueError:", e)
