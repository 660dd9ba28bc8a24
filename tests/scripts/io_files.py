# open() and io (written in Python for hpymove): text and binary files, modes, errors,
# StringIO/BytesIO; print(file=...) to any object with write().
import os, io
p = os.path.join(os.path.dirname(os.path.abspath(__file__)), "io_files_%d.tmp" % os.getpid())
with open(p, "w") as f:
    print(f.write("héllo\n"), f.writable(), f.readable(), f.name == p, f.mode, f.closed)
    f.write("second line\nthird")
    print("x", 1, file=f)
print(f.closed)
with open(p) as f:
    print(repr(f.read()))
with open(p) as f:
    print(f.readline(), end="")
    print([line for line in f])
with open(p, "a") as f:
    f.write("appended\n")
with open(p, "rb") as f:
    data = f.read()
    print(type(data).__name__, len(data), data[:6], f.tell())
    f.seek(0)
    print(f.read(3), f.readline())
print(open(p).readlines()[-1], len(open(p).read().splitlines()))
with open(p, "wb") as f:
    f.write(b"\x00\x01bin")
print(open(p, "rb").read())
try:
    open(p, "x")
except FileExistsError as e:
    print("FileExistsError", e.errno)
try:
    open(p + ".missing")
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.strerror)
for bad in ["rw", "z", "rbt", 3]:
    try:
        open(p, bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
f = open(p, "rb")
f.close()
try:
    f.read()
except ValueError as e:
    print("ValueError", e)
try:
    with open(p, "w") as f:
        f.write(b"bytes")
except TypeError as e:
    print("TypeError", e)
s = io.StringIO()
s.write("a\nb\n"); print("c", file=s)
print(repr(s.getvalue()))
s.seek(0); print(s.readline(), s.read())
b = io.BytesIO(b"xy\nz"); print(b.readline(), b.read(), b.getvalue())
with open(p, "w", encoding="latin-1") as f:
    f.write("é")
print(open(p, "rb").read(), open(p, encoding="latin-1").read())
os.remove(p)
print(os.path.exists(p))
