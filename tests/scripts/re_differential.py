# re against CPython: a table of patterns x subjects (search, match, fullmatch, findall,
# finditer spans, sub, split), flags, bytes, positions, templates, and the error cases.
# Not here, being documented differences (re.py's docstring): `\N{name}`, `\b` next to
# numbers such as `²`, a repeat's empty last iteration (`(a*)+b` on "aab").
import re

# Each subject packs several cases, so that the table stays small enough for --gc=always.
SUBJECTS = ["", "aaab abab\nab\ncd\n", "Hello World x1y22z333 a_b-c d 12:34:56",
            "héllo wörld ÀÉÎõü tab\there a.b*c", "foo bar  baz\naAbB İstanbul ıi",
            "Straße STRASSE 日本語テキスト 123 ｆｕｌｌ", "x²½y ab  \u00a0\u2003cd\x1c\x1f"]

PATTERNS = [
    "a", "abc", "a|b", "a|ab|abc", "(a)(b)?", "(a|b)*", "(a|b)+?", "a*", "a*?", "a+", "a?",
    "a{2}", "a{1,2}", "a{,2}", "a{2,}", "a{1,2}?", ".", ".*", ".+?", "^", "$", "^a", "c$",
    "^$", r"\Aa", r"c\Z", r"\b", r"\B", r"\bab", r"ab\b", r"\d", r"\d+", r"\D+", r"\w+",
    r"\W+", r"\s+", r"\S+", "[abc]", "[^abc]", "[a-c]+", "[^a-c]+", r"[\d\s]+", r"[\w.]+",
    r"[^\W\d]+", "[-a]", "[a-]", "[]a]", r"[\]]", r"[\\]", "(?:ab)+", "(ab)+", "(?P<x>a)(?P=x)",
    r"(a)\1", r"(\w)\1", r"(?<=a)b", r"(?<!a)b", r"a(?=b)", r"a(?!b)", r"(?<=\d{2})\D",
    r"(?>a+)b", r"a++b", r"a*+", r"(?:a|ab)c", r"(a)?(?(1)b|c)", r"(?P<q>')?\w+(?(q)')",
    r"\x41", r"\u00e9", r"\101", r"\0", r"\t", r"\n", r"[\n\t]", r"a.c", r"(?s)a.c",
    r"(?i)hello", r"(?i)straße", r"(?i)[a-z]+", r"(?i)i", r"(?i)[h-j]", r"(?m)^\w+$",
    r"(?m)$", r"(?x) a b c  # comment", r"(?a)\w+", r"(?a)\b\w+\b", r"(?a)\s+", r"(?i:A)b",
    r"a(?i:B)c", r"(?i)a(?-i:b)", r"(?s:.)+", r"(?m:^)\w", r"(?a:\w+)", r"(?u)\w+", r"[éè]",
    r"\W", r"(?i)É", r"(?i)[à-ÿ]+", r"(ab|c)*", r"x*", r"\b|a", r"(?:)", r"()",
    r"(a)|(b)", r"(a)|b", r"((a)(b))", r"(?P<first>\w+)\s(?P<last>\w+)", r"(\d+):(\d+)",
    r"[^\n]+", r"\S+?\s", r"(?i)ıi", r"(?i)İ", r"\d{2,3}", r"[²½]", r"(?i)ＦＵＬＬ",
    r"(?#comment)a", r"a{3,2}x|a", r"[a-z]{2}(?=\d)",
]

FLAGGED = [
    ("abc", re.I), ("a.c", re.S), ("^\\w", re.M), ("\\w+$", re.M), ("\\w+", re.A),
    ("[A-Z]+", re.I), ("[a-z]+", re.I | re.A), ("É", re.I | re.A), ("é", re.I), ("k", re.I),
    ("s", re.I), (r"a b # c", re.X), (r"[ ]x", re.X), (r"(?-x:a b)c", re.X),
    (r"\d+ \s", re.A | re.X), ("(a)\\1", re.I), ("İ", re.I), ("ß", re.I),
]


def spans(it):
    return [m.span() for m in it]


def run(label, f):
    try:
        r = f()
    except re.error as e:
        r = "re.error: %s (pos %r)" % (e.msg, e.pos)
    except Exception as e:
        r = "%s: %s" % (type(e).__name__, e)
    print(label, repr(r))


def describe(m):
    if m is None:
        return None
    return (m.span(), m.groups(), m.lastindex, m.lastgroup)


def table(p, flags=0):
    try:
        c = re.compile(p, flags)
    except re.error as e:
        print(repr(p), "error:", e.msg, e.pos)
        return
    print("pattern", repr(p), c.groups, c.groupindex, c.flags)
    for s in SUBJECTS:
        if "\\b" in p.lower() and "²" in s:
            continue  # \b at `²`: a documented difference (re.py's docstring)
        m, f = c.match(s), c.fullmatch(s)
        print(" ", repr(s), describe(c.search(s)), m and m.span(), f and f.span(),
              c.findall(s), c.sub("<\\g<0>>", s), c.split(s))


for p in PATTERNS:
    table(p)
for p, f in FLAGGED:
    table(p, f)
# finditer and a callable replacement, on every fourth pattern
for p in PATTERNS[::4]:
    c = re.compile(p)
    run("iter %r" % p, lambda: [(spans(c.finditer(s)), c.subn(lambda m: "[%d]" % len(m[0]), s, 2))
                                for s in SUBJECTS[1:4]])

# bytes patterns and subjects
for p in [rb"\w+", rb"[\x80-\xff]+", rb"(?i)\xe9", rb"(?i)a", rb"\s", rb"\d+", rb".", rb"(?s).",
          rb"\bb", rb"[^a]+", rb"(a)(?P<n>b)?", rb"\xff$"]:
    c = re.compile(p)
    for s in [b"", b"abc", b"\xe9\xc9ab", b"a b\n", b"12 \xff", b"ab\xff\n", b"aAb"]:
        run("bytes %r %r" % (p, s), lambda: (describe(c.search(s)), c.findall(s),
                                              c.sub(rb"<\g<0>>", s), c.split(s)))
run("bytes escape", lambda: re.escape(b"a.b\xff*"))
run("bytes I flag", lambda: re.findall(b"\xe9", b"\xe9\xc9", re.I))
run("bytes L flag", lambda: re.findall(b"\\w+", b"ab\xe9 cd", re.L))
run("bytearray subject", lambda: re.findall(rb"\w", bytearray(b"a b")))
run("bytes on str", lambda: re.search(b"a", "a"))
run("str on bytes", lambda: re.search("a", b"a"))
run("U on bytes", lambda: re.compile(b"a", re.U))
run("L on str", lambda: re.compile("a", re.L))
run("A and U", lambda: re.compile("a", re.A | re.U))
run("int subject", lambda: re.search("a", 5))

# positions: pos, endpos and anchors
c = re.compile(r"^\w|\w$|(?<=a)b")
for pos, endpos in [(0, None), (1, None), (1, 3), (2, 2), (-5, 100), (4, 2), (10, None)]:
    run("pos %r %r" % (pos, endpos), lambda: (describe(c.search("abcab", pos, endpos)),
                                             describe(c.match("abcab", pos, endpos)),
                                             c.findall("abcab", pos, endpos),
                                             spans(c.finditer("abcab", pos, endpos))))
run("fullmatch endpos", lambda: describe(re.compile("a|ab").fullmatch("abc", 0, 2)))
run("match pos non-ascii", lambda: describe(re.compile("ö+").match("wöörld", 1)))
run("search endpos non-ascii", lambda: describe(re.compile("d$").search("wörld!", 0, 5)))
run("lookbehind before pos", lambda: describe(re.compile("(?<=ö)r").search("wörld", 2)))
run("many matches", lambda: len(re.findall("é", "é" * 5000 + "a" + "é" * 5000)))
run("finditer long", lambda: spans(re.finditer(r"\d", "ü1" * 40))[-3:])

# templates and callables
m = re.match(r"(?P<a>\w)(\w)?(x)?", "ab")
for t in [r"\1-\2", r"\g<a>\g<2>", r"\g<0>", r"[\3]", r"\n\t\\", r"\101", r"\08", r"\x",
          r"\g<a", r"\g<>", r"\g<1a>", r"\g<9>", r"\9", r"\g<zz>", "\\", r"\400", r"\q", r"\.",
          r"\11"]:
    run("expand %r" % t, lambda: m.expand(t))
run("sub callable", lambda: re.sub(r"\d+", lambda m: str(int(m.group()) * 2), "a1b22c333"))
run("sub callable int", lambda: re.sub("a", lambda m: 1, "a"))
run("sub count", lambda: re.subn("a", "b", "aaaa", count=3))
run("sub empty", lambda: re.sub("", "-", "abc"))
run("sub x*", lambda: re.sub("x*", "-", "abxd"))
run("sub bytes", lambda: re.sub(b"a", b"\\g<0>\\g<0>", b"cat"))
run("sub template bytes on str", lambda: re.sub("a", b"b", "a"))
run("split maxsplit", lambda: re.split(r"(,)|;", "a,b;c,d", maxsplit=2))
run("split empty", lambda: re.split(r"x*", "axbc"))
run("split negative", lambda: re.split(",", "a,b", maxsplit=-1))
run("findall groups", lambda: re.findall(r"(a)(b)?", "ab a"))
run("escape", lambda: re.escape("a.b*c\n ~#&-"))
m = re.search(r"(a)(b)?", "xa")
run("match api", lambda: (m.regs, m.span(2), m.start(1), m.end(2), m.pos, m.endpos, m.string,
                          m.re.pattern, m[0], m[1], m.group(1, 2), m.groups("-")))
run("match bad group", lambda: m.group(3))
run("match bad name", lambda: m.group("nope"))
run("match repr", lambda: repr(m))
run("pattern repr", lambda: (repr(re.compile("a", re.I | re.M)), repr(re.compile(b"x", re.S))))
run("pattern eq", lambda: (re.compile("a") == re.compile("a"), re.compile("a") is re.compile("a")))
run("flags", lambda: (re.I | re.M, int(re.A), re.compile("(?i)a").flags, re.compile(b"a").flags))
sc = re.compile(r"\d").scanner("1a23")
run("scanner", lambda: [sc.match() and sc.match().group(), sc.search().group(), sc.search()])

# errors: message and position as CPython's
for bad in ["a(", "a)", "*a", "a**", "a++?", "[a", "[z-a]", "(?P<1>a)", "(?P<a>x)(?P<a>y)",
            r"\1(a)", r"(a\1)", "a{3,2}", "(?<=a+)b", "(?<=a|bc)d", "(?P=nope)", r"\q", "\\",
            r"\x4", r"\u12", r"\U00110000", r"\N", r"\N{", r"\N{}", r"\400", "(?", "(?z)",
            "(?i", "a(?i)b", "(?(1)a|b)", "(a)(?(1)b|c|d)", "(?(x)a)", "(?(1a)a)", "(?L)a",
            "(?au)a", "(?<", "(?P", "(?Px)", "x{2}{3}", "(?#unterminated", "[\\d-z]",
            "a\n(", "abc\n  )def"]:
    try:
        re.compile(bad)
        print(repr(bad), "compiles")
    except re.error as e:
        print(repr(bad), "error:", e, "|", e.msg, e.pos, e.lineno, e.colno)
try:
    re.compile(b"(?u)a")
except re.error as e:
    print("bytes error:", e, e.pattern)
