# Source encodings (PEP 263): coding declarations on the first or second line, a UTF-8
# BOM, and CPython's errors, for imported modules, compile() of bytes and main scripts.
import subprocess
import sys

sys.path.insert(0, "srcenc")

for name in ["enc_latin1", "enc_cp1252", "enc_bom", "enc_second", "enc_utf8"]:
    m = __import__(name)
    print(name, ascii(m.s), len(m.s))
import enc_latin1
print(ascii(enc_latin1.__doc__))

for name in ["enc_bad", "enc_unknown", "enc_bomlatin", "enc_ascii"]:
    try:
        __import__(name)
    except SyntaxError as e:
        # The position CPython gives in a UTF-8 error is within a token: not compared.
        print(name, type(e).__name__, e.msg.split(" in position")[0])
try:
    import enc_raises
except ValueError as e:
    print("ValueError", ascii(str(e)))

sources = [
    b"# -*- coding: latin-1 -*-\ns = '\xe9'",
    b"#!python\n# coding: cp1252\ns = '\x80'",
    b"\xef\xbb\xbfs = '\xc3\xa9'",
    b"s = '\xc3\xa9'",
    b"x = 1 # coding: latin-1\ns = '\xe9'",
    b"# coding: nope\ns = 1",
    b"\xef\xbb\xbf# coding: latin-1\ns = 1",
    b"# coding: ascii\ns = '\xe9'",
]
for src in sources:
    ns = {}
    try:
        exec(compile(src, "<bytes>", "exec"), ns)
        print("ok", ascii(ns["s"]))
    except SyntaxError as e:
        print("SyntaxError", e.msg.split(" in position")[0])
ns = {}
exec(b"# coding: latin-1\nt = '\xe0'", ns)
print(ascii(ns["t"]), ascii(eval(b"# coding: latin-1\n'\xe8'")))
# A str source is already text: its declaration changes nothing.
print(ascii(eval("# coding: latin-1\n'\xe9'")))

for name in ["enc_latin1", "enc_cp1252", "enc_bad", "enc_unknown", "enc_bomlatin", "enc_ascii"]:
    r = subprocess.run([sys.executable, "srcenc/%s.py" % name], capture_output=True, text=True)
    err = r.stderr.strip().splitlines()
    last = err[-1] if err else ""
    # The file's absolute path differs between checkouts: its name is kept.
    if " in file " in last:
        head, _, rest = last.partition(" in file ")
        path, _, tail = rest.partition(" on line ")
        last = head + " in file <dir>/" + path.split("/")[-1] + " on line " + tail
    print(name, r.returncode, last)
