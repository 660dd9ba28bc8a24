# The class of an instance of a builtin type cannot be assigned or deleted (TypeError);
# shared constants keep their type.
class MyInt(int):
    pass


class MyStr(str):
    pass


for v in (10000, "abc", 2.5, [1], (1,), b"x"):
    try:
        v.__class__ = MyInt if isinstance(v, int) else MyStr
        print("assigned", type(v).__name__)
    except TypeError as e:
        print("TypeError:", e)
    try:
        del v.__class__
    except TypeError as e:
        print("TypeError:", e)
print(type(10000).__name__, type("abc").__name__, type(2.5).__name__)
try:
    (1).foo = 2
except AttributeError as e:
    print("AttributeError:", e)
