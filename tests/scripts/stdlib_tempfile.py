# tempfile (with os.open/close/read/write/fdopen under it): the temporary directory from
# TMPDIR, mkstemp/mkdtemp, NamedTemporaryFile (delete=), TemporaryFile,
# SpooledTemporaryFile, TemporaryDirectory; names, modes and clean-up.
import os
import tempfile

base = os.path.abspath("tempfile_test_base_%d" % os.getpid())
os.mkdir(base)
os.environ["TMPDIR"] = base
print(tempfile.tempdir)
# TMPDIR is read once, the first time (the parent's environ is a snapshot: set it here).
tempfile.tempdir = None
os.environ["TMPDIR"] = base
import posix
posix.environ["TMPDIR"] = base
print(tempfile.gettempdir() == base, tempfile.tempdir == base)
print(tempfile.gettempprefix(), tempfile.gettempprefixb(), tempfile.TMP_MAX)


def short(path):
    """The name without its random part: in base, its prefix, its length."""
    name = os.path.basename(path)
    return os.path.dirname(path) == base, name[:3], len(name)


fd, path = tempfile.mkstemp()
print(type(fd).__name__, os.path.isabs(path), short(path), os.path.exists(path))
print(os.write(fd, b"hello "), os.write(fd, b"world"))
os.lseek(fd, 0, os.SEEK_SET)
print(os.read(fd, 5), os.read(fd, 100), os.read(fd, 100))
os.close(fd)
with open(path, "rb") as f:
    print(f.read())
os.remove(path)

fd, path = tempfile.mkstemp(suffix=".txt", prefix="pre_", dir=base)
name = os.path.basename(path)
print(name.startswith("pre_"), name.endswith(".txt"), len(name))
with os.fdopen(fd, "w") as f:
    print(f.fileno() == fd)
    f.write("via fdopen\n")
with open(path) as f:
    print(repr(f.read()))
os.remove(path)

d = tempfile.mkdtemp(prefix="dir_", suffix="_x")
print(os.path.isdir(d), os.path.basename(d)[:4], os.path.basename(d)[-2:], os.listdir(d))
os.rmdir(d)

with tempfile.NamedTemporaryFile() as f:
    print(short(f.name), os.path.exists(f.name))
    f.write(b"named")
    f.flush()
    with open(f.name, "rb") as g:
        print(g.read())
    f.seek(0)
    print(f.read())
    kept = f.name
print(os.path.exists(kept), f.closed)

f = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
f.write("line 1\nline 2\n")
f.seek(0)
print(f.readline(), list(f), f.name.endswith(".log"))
f.close()
print(os.path.exists(f.name))
with open(f.name) as g:
    print(g.read().splitlines())
os.remove(f.name)

with tempfile.TemporaryFile() as t:
    print(type(t.name).__name__, sorted(os.listdir(base)))
    t.write(b"anonymous data")
    t.seek(0)
    print(t.read(9), t.read())
with tempfile.TemporaryFile("w+", encoding="utf-8") as t:
    t.write("texte é")
    t.seek(0)
    print(t.read())

s = tempfile.SpooledTemporaryFile(max_size=10)
s.write(b"12345")
print(s._rolled, s.name, s.tell())
s.write(b"6789012")
print(s._rolled, type(s.name).__name__, s.tell())
s.seek(0)
print(s.read())
s.close()
with tempfile.SpooledTemporaryFile(mode="w+") as s:
    s.write("in memory")
    s.seek(3)
    print(s.read(), s._rolled)

with tempfile.TemporaryDirectory(prefix="td_") as td:
    print(os.path.isdir(td), os.path.basename(td)[:3], os.path.dirname(td) == base)
    os.mkdir(os.path.join(td, "sub"))
    with open(os.path.join(td, "sub", "f.txt"), "w") as f:
        f.write("x")
    kept = td
print(os.path.exists(kept))
t = tempfile.TemporaryDirectory()
print(repr(t).startswith("<TemporaryDirectory '" + base), os.path.isdir(t.name))
t.cleanup()
t.cleanup()
print(os.path.exists(t.name))
print(tempfile.mktemp(dir=base).startswith(base + "/tmp"))

try:
    os.close(987654)
except OSError as e:
    print(type(e).__name__, e.errno, e)
try:
    os.open(os.path.join(base, "missing", "x"), os.O_RDONLY)
except FileNotFoundError as e:
    print(type(e).__name__, e.errno)
print(sorted(os.listdir(base)))
os.rmdir(base)
