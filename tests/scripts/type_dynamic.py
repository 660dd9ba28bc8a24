# type(name, bases, dict): classes made at run time, with CPython's checks.
T = type('T', (object,), {'x': 5, 'f': lambda self: self.x * 2, '__qualname__': 'Outer.T'})
print(T, T.x, type(T), T().f(), T.__name__, T.__qualname__, T.__module__)
class B:
    def hi(self): return "B.hi"
U = type('U', (B,), {})
print(U().hi(), U.__mro__, U.__bases__)
E = type('E', (ValueError,), {})
try:
    raise E("boom")
except ValueError as e:
    print("caught", type(e).__name__, e)
for bad in [(1, (), {}), ('X', [], {}), ('X', (), []), ('X', (1,), {}), ('X', (), {'__qualname__': 3})]:
    try:
        type(*bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    type('X', (), {}, 1)
except TypeError as e:
    print("TypeError:", e)
print(type(3), type('Y', (), {})().__class__.__name__)
