# Text formatting: f-strings with format specs, % formatting, str.format; the
# methods of str and bytes added with this issue.
print('{} {:>5} {name}'.format(1, 'ab', name=3), '{0}{1}{0}'.format('a', 'b'), '{:{w}.{p}f}'.format(3.14159, w=8, p=2), '{x[0]} {y[k]}'.format(x=[5], y={'k': 2}), '{!r:>6}'.format('q'), '{{}}'.format())
print('abc'.center(7, '*'), 'ab'.center(5), 'x'.ljust(3, '-'), 'x'.rjust(3), '-42'.zfill(6), 'hello world'.title(), 'hELLO'.capitalize(), 'aB'.swapcase())
print('abc'.isalpha(), 'a1'.isalnum(), '  '.isspace(), 'AB'.isupper(), 'ab'.islower(), '12'.isdecimal(), 'x_1'.isidentifier(), '1x'.isidentifier())
print('a=b=c'.partition('='), 'a=b=c'.rpartition('='), 'abc'.partition('x'), 'abcabc'.rfind('b'), 'abc'.index('c'), 'a\nb\r\nc'.splitlines(), 'a\nb'.splitlines(True))
print('a b  c'.rsplit(), 'a,b,c'.rsplit(',', 1), 'prefix_x'.removeprefix('prefix_'), 'x.py'.removesuffix('.py'))
print(b'abc'.hex(), bytes.fromhex('ff 00'), b'a b'.split(), b'a,b'.split(b','), b' x '.strip(), b'-'.join([b'a', b'b']), b'abc'.startswith(b'ab'), b'abc'.find(b'c'), b'aaa'.count(b'a'), b'abc'.replace(b'b', b'X'), b'Ab'.upper())
d = {'a': 1, 'b': 2}
print(list(d.keys()), list(d.values()), [k + str(v) for k, v in d.items()], d.popitem(), d, dict.fromkeys('xy', 0))
print((255).to_bytes(2, 'big'), (1).to_bytes(2, 'little'), (-1).to_bytes(2, 'big', signed=True), int.from_bytes(b'\x01\x00', 'little'), int.from_bytes(b'\xff', 'big', signed=True), (10).bit_length(), True.bit_length())
print(1.5.is_integer(), 2.0.is_integer(), (0.5).as_integer_ratio(), (-2.75).as_integer_ratio(), (3.0).as_integer_ratio())
try:
    '{}'.format()
except IndexError as e:
    print('IndexError', e)
try:
    '{x}'.format()
except KeyError as e:
    print('KeyError', e)
x, name, pi = 42, "hpy", 3.14159265
print(f"{x:5d}|{x:<5}|{x:^7}|{x:+}|{x:x}|{x:#o}|{x:08.2f}|{x:,}|{1234567:_}|{x:e}")
print(f"{pi:.3f} {pi:10.4f} {pi:<10.2f}| {pi:%} {pi:g} {1e20:g} {0.5:.0%}")
print(f"{name!r} {name!s:>6} {name:*^9} {name.upper()} {len(name)} {'nested ' + name}")
width, prec = 10, 3
print(f"[{pi:{width}.{prec}f}] [{name:>{width}}] {{literal}} {x * 2 if x else 0}")
print("%s|%r|%d|%5d|%-5d|%05d|%x|%X|%o|%e|%.2f|%10.3f|%c|%%" % ("s", "r", 7, 7, 7, 7, 255, 255, 8, 12345.678, 2.5, pi, 65))
print("%(a)s and %(b)05.1f" % {"a": "A", "b": 2.25}, "%s" % (1,), "%s %s" % ("a", [1]), b"%s-%d" % (b"x", 5))
print("a-b-c".split("-", 1), "  pad  ".lstrip(), "x".join("abc"), "abc".replace("b", "B"), "aXbX".count("X"), "ABC".lower())
print("Hello"[1:4], "Hello"[::-1], "a,b,,c".split(","))
try:
    "%d" % "x"
except TypeError as e:
    print("TypeError", e)
try:
    f"{x:q}"
except ValueError as e:
    print("ValueError", e)

# %-formatting calls __str__/__repr__ of the items (also inside containers).
class A:
    def __str__(self): return "S"
    def __repr__(self): return "R"
print("%s %r %a" % (A(), A(), A()), "%s" % A())
print("%r" % ([A()],), "%s" % [A()])
