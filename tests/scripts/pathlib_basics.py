# hpymove's small pathlib: the POSIX Path operations test suites use.
import os
from pathlib import Path, PurePath

p = Path("/tmp") / "a" / "b.tar.gz"
print(str(p), p.name, p.suffix, p.suffixes, p.stem, str(p.parent), p.parts)
print(str(Path("x/./y//z")), str(Path("rel") / "x"), str(Path()), Path("a") == Path("a"))
print(p.is_absolute(), Path("a/b").is_absolute(), str(p.relative_to("/tmp")))
print(str(p.with_suffix(".zip")), str(p.with_name("c.txt")), str("/root" / Path("f")))
print([str(q) for q in Path("/a/b/c").parents])
print(os.fspath(p), repr(Path("/x")))
base = Path("/tmp") / ("hpymove-pathlib-%d" % os.getpid())
base.mkdir()
(base / "d" / "e").mkdir(parents=True)
(base / "d" / "e").mkdir(parents=True, exist_ok=True)
f = base / "f.txt"
print(f.exists(), f.write_text("hello"), f.read_text(), f.exists(), f.is_file(), base.is_dir())
(base / "g.py").write_text("")
print(sorted(q.name for q in base.iterdir()))
print(sorted(q.name for q in base.glob("*.py")), sorted(q.name for q in base.glob("*")))
f.unlink()
(base / "g.py").unlink()
(base / "d" / "e").rmdir()
(base / "d").rmdir()
base.rmdir()
print(base.exists())
