# re's native matcher (_regex) on every path, few patterns (it runs under --gc=always too):
# str subjects ASCII and not (code-point positions, groups before the match through
# look-behind), bytes and bytearray subjects, pos/endpos, anchored match and fullmatch,
# scans longer than finditer's first chunk, empty matches, findall's three shapes, sub
# with a callable that allocates, errors raised from the native side.
import re

text = "naïve café, 12 crème brûlée; déjà vu 345 ok"
words = re.compile(r"(\w)(\w*)")
print(words.findall(text))
print([m.span() for m in words.finditer(text)])
print([(m.span(), m.span(1)) for m in re.finditer(r"(?<=(é))[,\s]", text)])
print(re.search(r"(?<=(û)l)ée", text).regs)
print(words.sub(lambda m: m.group(2).upper() + m.group(1), text))
print(words.match(text, 3), words.match(text, 3, 4), words.fullmatch(text, 6, 10))
print(words.search(text, 12, 14), words.search(text, 40))
print(re.split(r"[,;]\s*", text))

# More matches than finditer's first chunk, with non-ASCII positions.
many = "é1" * 100
spans = [m.span() for m in re.finditer(r"\d", many)]
print(len(spans), spans[:3], spans[-2:])
print(re.subn(r"\d", lambda m: "<%s>" % m.group(), many)[1])

# Empty matches: CPython's rule after an empty match.
print(re.findall(r"x*?", "xx"), re.findall(r"\b|é", "é"), re.sub(r"x*", "-", "éxd"))
sc = re.compile(r"(?:)").scanner("ab")
print([sc.search().span() for _ in range(3)], sc.search())

# bytes and bytearray
print(re.findall(rb"(\w+)=(\d+)", b"a=1 \xff=2 bc=34"))
print(re.search(rb"[\x80-\xff]+", bytearray(b"ab\xe9\xc9c")).span())
print(re.sub(rb"\d", rb"<\g<0>>", b"a1\xff2"))
print(re.findall(rb"(?i)\xe9|a", b"\xc9\xe9A"))

# Errors from the native side and from the API around it.
for f in [lambda: re.search("a", b"a"), lambda: re.search(b"a", "a"),
          lambda: re.search("a", 3), lambda: re.match("a", "a", 0).span(2)]:
    try:
        print(f())
    except (TypeError, IndexError) as e:
        print(type(e).__name__, e)
