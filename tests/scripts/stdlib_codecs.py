# codecs: lookup and CodecInfo, encode/decode, error handlers (builtin and registered),
# BOMs, incremental encoders and decoders fed in pieces, iterencode/iterdecode, open.
import codecs
import os

for name in ["utf-8", "UTF8", "utf_8", "U8", "latin-1", "latin1", "iso-8859-1", "ascii",
             "us-ascii", "utf-16", "utf-16-le", "UTF-16BE", "utf-32", "utf_32_le",
             "utf-8-sig"]:
    info = codecs.lookup(name)
    print(name, info.name, isinstance(info, tuple), len(info), info[0] is info.encode)
print(codecs.lookup("utf-8") is codecs.lookup("utf-8"))

print(codecs.encode("héllo"), codecs.encode("héllo", "latin-1"), codecs.decode(b"h\xc3\xa9"))
print(codecs.decode(b"h\xe9", "latin-1"), codecs.encode("x", "utf-16"), codecs.encode("x", "utf-32-be"))
print(codecs.lookup("utf-8").encode("abc"), codecs.lookup("utf-8").decode(b"abc\xff", "replace"))
print(codecs.getencoder("ascii")("ab"), codecs.getdecoder("latin-1")(b"\xff"))
print(codecs.encode("é", "ascii", "xmlcharrefreplace"), codecs.encode("é€", "ascii", "backslashreplace"))
print(codecs.decode(b"a\xffb", "ascii", "ignore"), codecs.decode(b"a\xffb", "utf-8", "backslashreplace"))

print(codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE,
      codecs.BOM_UTF32_BE, codecs.BOM_LE, codecs.BOM_BE, codecs.BOM == codecs.BOM_UTF16)
print(codecs.encode("a", "utf-8-sig"), codecs.decode(codecs.BOM_UTF8 + b"a", "utf-8-sig"))

# Registered error handlers.
def dashes(exc):
    if isinstance(exc, UnicodeEncodeError):
        return ("-" * (exc.end - exc.start), exc.end)
    return ("<%d:%d>" % (exc.start, exc.end), exc.end)

codecs.register_error("dashes", dashes)
print(codecs.lookup_error("dashes") is dashes, codecs.lookup_error("strict") is codecs.strict_errors)
print(codecs.encode("aéb€c", "ascii", "dashes"), codecs.decode(b"a\xff\xfeb", "ascii", "dashes"))
print(codecs.decode(b"ok\xc3(x", "utf-8", "dashes"))
def skip_two(exc):
    return ("?", exc.start + 2)
codecs.register_error("skip_two", skip_two)
print(codecs.encode("aébcd", "latin-1", "skip_two"), codecs.encode("a€bcd", "latin-1", "skip_two"))
print(codecs.replace_errors(UnicodeEncodeError("ascii", "aéé", 1, 3, "bad")))
print(codecs.ignore_errors(UnicodeDecodeError("ascii", b"a\xff", 1, 2, "bad")))
print(codecs.backslashreplace_errors(UnicodeDecodeError("ascii", b"a\xff", 1, 2, "bad")))
print(codecs.xmlcharrefreplace_errors(UnicodeEncodeError("ascii", "aé€", 1, 3, "bad")))
e = UnicodeDecodeError("utf-8", b"ab\xff", 2, 3, "invalid start byte")
print(e.encoding, e.object, e.start, e.end, e.reason)

# Incremental decoding, one byte at a time.
data = "añ€😀z".encode("utf-8")
dec = codecs.getincrementaldecoder("utf-8")()
print([dec.decode(data[i:i + 1]) for i in range(len(data))], repr(dec.decode(b"", True)))
for enc in ["utf-16", "utf-16-be", "utf-32", "utf-8-sig", "latin-1"]:
    raw = codecs.encode("añ€z" if enc == "latin-1" else "añ€😀z", enc) if enc != "latin-1" else "añz".encode("latin-1")
    d = codecs.getincrementaldecoder(enc)()
    parts = [d.decode(raw[i:i + 1]) for i in range(len(raw))]
    print(enc, "".join(parts) + d.decode(b"", True), len([p for p in parts if p]))
d = codecs.getincrementaldecoder("utf-8")()
print(repr(d.decode(b"\xe2\x82")), d.getstate())
try:
    d.decode(b"", final=True)
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e.reason)
d.reset()
print(repr(d.decode(b"ok")))
enc = codecs.getincrementalencoder("utf-16")()
print(enc.encode("a"), enc.encode("b"), enc.encode("", True))
enc.reset()
print(enc.encode("c"))
enc8 = codecs.getincrementalencoder("utf-8-sig")()
print(enc8.encode("x"), enc8.encode("y"))
print(list(codecs.iterdecode([b"\xc3", b"\xa9t", b"\xc3\xa9"], "utf-8")))
print(list(codecs.iterencode(["a", "é", ""], "utf-16-le")))

# codecs.open: text in an encoding, no newline translation.
path = "codecs_open_test_%d.txt" % os.getpid()
with codecs.open(path, "w", encoding="utf-16") as f:
    f.write("line one\r\nligne deux é\n")
with open(path, "rb") as f:
    print(f.read()[:6])
with codecs.open(path, "r", encoding="utf-16") as f:
    print(repr(f.readline()), repr(f.read()))
with codecs.open(path, "r", encoding="utf-16") as f:
    print(list(f))
os.remove(path)

def error(f, *a):
    try:
        f(*a)
    except Exception as e:
        print(type(e).__name__ + ":", e)

error(codecs.lookup, "no-such-codec")
error(codecs.encode, "é", "ascii")
error(codecs.decode, b"\xff", "utf-8")
error(codecs.decode, "text")
error(codecs.encode, "x", "ascii", "no-such-handler")
error(codecs.lookup_error, "no-such-handler")
error(codecs.register_error, "x", 5)
error(codecs.strict_errors, UnicodeEncodeError("ascii", "é", 0, 1, "ordinal not in range(128)"))
