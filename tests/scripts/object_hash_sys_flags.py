# object.__hash__ (an identity hash, whatever the object's own hash), __hash__ = None,
# and sys.flags with a plain run's values.
import sys


class A:
    pass


a = A()
print(hash(a) == object.__hash__(a), A.__hash__(a) == hash(a), a.__hash__() == hash(a))
n = 12345
print(object.__hash__(n) == object.__hash__(n), object.__hash__(n) != n)
print(hash(5) == (5).__hash__() == int.__hash__(5) == 5)


class Unhashable:
    __hash__ = None


class EqOnly:
    def __eq__(self, other):
        return True


for cls in (Unhashable, EqOnly):
    print(cls.__name__, cls.__hash__)
    try:
        hash(cls())
    except TypeError as e:
        print("TypeError:", e)
    try:
        {cls(): 1}
    except TypeError as e:
        print("TypeError:", e)
    # object.__hash__ still hashes it by identity.
    x = cls()
    print(object.__hash__(x) == object.__hash__(x))


class Custom:
    def __init__(self, key):
        self.key = key

    def __hash__(self):
        return hash(self.key) ^ (object.__hash__(self) & 0)

    def __eq__(self, other):
        return self.key == other.key


print(hash(Custom(3)) == hash(3), len({Custom(1), Custom(1), Custom(2)}))


class Sub(A):
    def __hash__(self):
        return super().__hash__() + 0


s = Sub()
print(hash(s) == object.__hash__(s))
try:
    object.__hash__()
except TypeError as e:
    print("TypeError:", e)
print(list.__hash__, dict.__hash__, set.__hash__, frozenset.__hash__(frozenset()) == hash(frozenset()))

f = sys.flags
print(type(f).__name__, isinstance(f, tuple), len(f), f.n_fields if hasattr(f, "n_fields") else 18)
names = ["debug", "inspect", "interactive", "optimize", "no_user_site", "no_site",
         "ignore_environment", "verbose", "bytes_warning", "quiet", "hash_randomization",
         "isolated", "dev_mode", "utf8_mode", "warn_default_encoding", "safe_path",
         "int_max_str_digits"]
print([(n, getattr(f, n)) for n in names])
print(f[0], f[11], f.dont_write_bytecode in (0, 1), repr(f).startswith("sys.flags(debug=0, inspect=0"))
