# Methods of the builtin types and the builtins sorted/min/max/sum/abs/enumerate/zip.
l = [3, 1, 2]
l.append(5); l.extend((7, 0)); l.insert(1, 9)
print(l, l.pop(), l.pop(0), l.index(2), l.count(1))
l.sort(); print(l); l.sort(reverse=True); print(l); l.reverse(); print(l)
words = "b cc a ddd".split()
print(sorted(words, key=len), sorted(words), min(words), max(words, key=len), sum([1, 2, 3]), sum([0.5], 1))
print(" x ".strip(), "a,b,,c".split(","), "-".join(["a", "b"]), "abc".upper(), "Hi".lower(), "hello".find("l"))
print("abc".startswith(("x", "a")), "abc".endswith("bc"), "aaa".replace("a", "b", 2), "12".isdigit(), "é".encode(), b"\xc3\xa9".decode())
d = {"a": 1}
print(d.get("a"), d.get("z", 0), d.setdefault("b", 2), d, d.pop("a"), d)
d.update({"x": 1}, y=2); print(d, d.copy())
for i, (a, b) in enumerate(zip("ab", [1, 2]), 1):
    print(i, a, b)
print(abs(-3), abs(-2.5), [].append.__name__)
l2 = []; list.append(l2, 1); print(l2)
try:
    [].pop()
except IndexError as e:
    print(e)
print(issubclass(bool, int), issubclass(KeyError, (ValueError, LookupError)), issubclass(int, str))
print(KeyError.__mro__, bool.__base__, object.__base__)
print(b'abcabc'.find(b'c', 3), b'abcabc'.find(b'c', -2), b'abc'.find(b'c', 0, 2), b'abc'.find(b'', 5))
print("abc".find("", 5), "abc".find("", 3), "abc".rfind("", 5), "abc".count("", 5), "abc".index("", 3))
print("abcdef".startswith("cd", 2), "abcdef".startswith("cd", 2, 3), "abc".startswith("", 5), "abc".startswith("", 3), "abcdef".endswith("de", 0, -1), "abcdef".endswith(("x", "f"), -2), "héllo".startswith("llo", 2))
