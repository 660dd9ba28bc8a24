# An extension type with neither tp_new nor tp_init (apimisuse.Crashing: sq_length and
# tp_repr only): made without arguments, and refused with any, named by its full tp_name.
import apimisuse

T = type(apimisuse.crashing())
print(T.__name__, T.__module__)
for args, kw in [((1,), {}), ((), {"x": 1}), ((1, 2), {"y": 3})]:
    try:
        T(*args, **kw)
    except TypeError as e:
        print("TypeError:", e)
print(type(T()).__name__)
