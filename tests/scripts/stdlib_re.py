# re: the syntax test suites use, the module functions, match objects, flags, errors.
import re


def show(f, *a, **k):
    try:
        r = f(*a, **k)
    except re.error as e:
        print("re.error", e, e.pos)
        return
    except Exception as e:
        print(type(e).__name__, e)
        return
    if isinstance(r, re.Match):
        print("match", r.span(), repr(r.group()), r.groups())
    else:
        print(repr(r))


show(re.match, r"prefix-0x[0]{,60}[bB][eE][eE][fF]-suffix", "prefix-0x0000beef-suffix")
show(re.search, "<DebugHandle 0x[\\da-h]* for 42>", "x <DebugHandle 0x7f3a for 42> y")
show(re.escape, "character argument not in range(0x110000)")
show(re.escape, "a.b*c[d]{e}|f\\g^h$ i-j&k~l#m\tn")
show(re.search, r"(\d+)-(\d+)", "tel 555-1234 x")
show(re.match, r"a|ab|abc", "abc")
show(re.fullmatch, r"a|ab|abc", "abc")
show(re.fullmatch, r"a+", "aab")
# The groups differ: CPython keeps the empty last iteration (a documented difference).
print(re.match(r"(a*)*b", "aaab").span())
show(re.match, r"(a|b)*?c", "ababc")
show(re.match, r"(?P<first>\w+) (?P<last>\w+)", "Jane Doe rest")
m = re.match(r"(?P<first>\w+) (?P<last>\w+)(?P<opt>!)?", "Jane Doe rest")
print(m.groupdict(), m.group("last"), m["first"], m.start(2), m.end("last"), m.span(3))
print(m.group(0, 1, 2), m.groups("-"), m.lastindex, m.lastgroup, m.re.groupindex)
print(m)
show(re.search, r"(\w)\1", "abccd")
show(re.search, r"(?P<x>[ab])(?P=x)", "xabbay")
show(re.search, r"foo(?=bar)", "foobaz foobar")
show(re.search, r"foo(?!bar)", "foobar foobaz")
show(re.search, r"(?<=\$)\d+", "cost: $42")
show(re.search, r"(?<!\$)\b\d+", "$42 or 17")
show(re.findall, r"\d+", "a1b22c333")
show(re.findall, r"(\w)=(\d)", "a=1, b=2, c=x")
show(re.findall, r"(\w)=\d", "a=1, b=2")
show(re.findall, r"x*", "abxd")
show(lambda: [m.span() for m in re.finditer(r"\b", "ab cd")])
show(re.sub, r"(\w+)@(\w+)", r"\2 at \1", "joe@home, ann@work")
show(re.sub, r"(?P<w>\w+)", r"<\g<w>>", "a bc")
show(re.sub, r"\d", lambda m: str(int(m.group()) * 2), "a1b2c3")
show(re.sub, "x*", "-", "abxd")
show(re.subn, "a", "b", "aaa", count=2)
show(re.split, r"[,;]\s*", "a, b;c,  d")
show(re.split, r"(,)", "a,b,c")
show(re.split, r",", "a,b,c", maxsplit=1)
show(re.split, r"\b", "ab cd")
show(re.match, "abc", "ABC", re.I)
show(re.match, "[a-c]+", "ABCd", re.IGNORECASE)
show(re.findall, "^x", "x\nx\nx", re.M)
show(re.findall, "x$", "x\nx\nx", re.MULTILINE)
show(re.match, "a.b", "a\nb")
show(re.match, "a.b", "a\nb", re.S)
show(re.match, r"""
    (\d+)   # number
    \s*
    ([a-z]+)  # unit
""", "12 kg", re.X)
show(re.match, r"\w+", "héllo")
show(re.match, r"\w+", "héllo", re.A)
show(re.match, r"(?i)hello", "HeLLo")
show(re.match, r"(?s).+", "a\nb")
show(re.search, r"\Aab\Z", "ab")
show(re.search, r"[^a-z ]+", "abc DEF ghi")
show(re.search, r"[\s\d]+", "ab 12 c")
show(re.search, r"[-a]+", "x-a-y")
show(re.search, r"[]a]+", "x]a]y")
show(re.match, r"a{2}b{1,2}c{2,}", "aabbccc")
show(re.match, r"a{2,3}?", "aaaa")
show(re.match, r"a{,2}", "aaaa")
show(re.match, r"x{a}", "x{a}")
show(re.match, r"\x41\u0042\n?", "AB")
show(re.search, "$", "ab\n")
show(re.search, r"(?:ab)+", "xababy")
p = re.compile(r"(\d)(\d)?")
print(p.pattern, p.groups, p.groupindex, p.search("a1").groups(), p.search("a1").group(2))
print(p.match("12", 1), p.search("x1y", 0, 1), p.fullmatch("12"))
print(re.compile("a", re.I | re.M))
print(re.compile("a") is re.compile("a"), re.I, re.M, re.S, re.X, re.A)

for bad in ["a(", "a)", "*a", "a**", "[a", "(?P<1>a)", r"\1(a)", "a{3,2}", "(?<=a+)b",
            "(?P=nope)", r"\q"]:
    show(re.compile, bad)
print(issubclass(re.error, Exception))
show(re.match, "a", 3)
