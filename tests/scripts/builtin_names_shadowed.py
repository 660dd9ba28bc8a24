# User classes named like the builtin types: behaviour is found by type identity (or the
# type's slots), never by the type's name, so these are ordinary instances.

NAMES = [
    "NoneType", "bool", "NotImplementedType", "ellipsis", "ContextVar", "generator",
    "builtin_function_or_method", "member_descriptor", "getset_descriptor", "int", "float",
    "str", "bytes", "tuple", "list", "dict", "set", "frozenset", "slice", "range", "type",
    "module", "function", "cell", "capsule", "PyCapsule", "KeyError", "UnicodeEncodeError",
    "dict_keys", "dict_items", "dict_values", "object", "property", "super", "code",
]


def shown(o):
    r = repr(o)
    return r.split(" at 0x")[0] + (">" if " at 0x" in r else "")


for name in NAMES:
    cls = type(name, (), {})
    o = cls()
    print(name, "->", shown(o), "|", str(o).split(" at 0x")[0], "|", bool(o), "|",
          o == o, "|", type(o).__name__)
    try:
        len(o)
    except TypeError as e:
        print("   len:", e)
    try:
        iter(o)
    except TypeError as e:
        print("   iter:", e)
    try:
        hash(o) == hash(o)
    except TypeError as e:
        print("   hash:", e)


class KeyError(Exception):
    pass


print(str(KeyError("k")), repr(KeyError("k")))


class NoneType:
    pass


print(shown(NoneType()), NoneType() is None, shown([NoneType()]))
