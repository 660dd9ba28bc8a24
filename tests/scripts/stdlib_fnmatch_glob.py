# fnmatch (fnmatch, fnmatchcase, filter, translate) and glob (glob, iglob, escape,
# has_magic, recursive `**`, hidden files, root_dir, trailing `/`).
import fnmatch
import glob
import os
import shutil

for pat in ["*.py", "a?c", "[abc]*", "[!abc]x", "*a*b*", "[a-c-e]", "[z-a]", "[!]", "[",
            "**/x", "[]]", "[!]]", "[^a]", "[a&&b]", "\\*", "[\\]x]"]:
    print(repr(pat), fnmatch.translate(pat))
names = ["a.py", "b.txt", "abc", "A.PY", ".hidden.py", "xa", "]", "^", "dx", "a\nb.py"]
for pat in ["*.py", "*.PY", "?bc", "[!a]*", "[^a]*", "[]]", "*", ".*", "a*py", "[a-c]*"]:
    print(pat, fnmatch.filter(names, pat), fnmatch.fnmatch("A.PY", pat),
          fnmatch.fnmatchcase("abc", pat))
print(fnmatch.fnmatch(b"x.py", b"*.py"), fnmatch.filter([b"a.c", b"b.h"], b"*.c"))
try:
    fnmatch.fnmatch("x", 3)
except TypeError as e:
    print("TypeError")

top = "globtree_%d" % os.getpid()
for d in ["a/b/c", "a/x", "b", ".hid/sub", "s[1]"]:
    os.makedirs(os.path.join(top, d))
for f in ["a/1.py", "a/b/2.py", "a/b/c/3.py", "a/x/4.txt", "b/5.py", ".hid/6.py",
          ".hid/sub/7.py", "a/.dot.py", "top.py", "s[1]/8.py", "q?.txt"]:
    with open(os.path.join(top, f), "w") as fh:
        fh.write("x")


def show(label, paths):
    print(label, sorted(p.replace(top, "TOP") for p in paths))


show("*", glob.glob(top + "/*"))
show("*/", glob.glob(top + "/*/"))
show("*/*.py", glob.glob(top + "/*/*.py"))
show("**", glob.glob(top + "/**"))
show("** rec", glob.glob(top + "/**", recursive=True))
show("**/ rec", glob.glob(top + "/**/", recursive=True))
show("**/*.py rec", glob.glob(top + "/**/*.py", recursive=True))
show("**/*.py rec hidden", glob.glob(top + "/**/*.py", recursive=True, include_hidden=True))
show("a/**/c rec", glob.glob(top + "/a/**/c", recursive=True))
show(".*", glob.glob(top + "/.*"))
show("*/.*", glob.glob(top + "/*/.*"))
show("literal", glob.glob(top + "/a/1.py"))
show("literal missing", glob.glob(top + "/a/nope.py"))
show("literal dir/", glob.glob(top + "/a/"))
show("s[1] magic", glob.glob(top + "/s[1]/*"))
show("s[1] escaped", glob.glob(glob.escape(top + "/s[1]") + "/*"))
show("q? escaped", glob.glob(glob.escape(top + "/q?.txt")))
print(glob.escape("a*b?c[d]"), glob.has_magic("a[b"), glob.has_magic("ab"),
      glob.has_magic(b"a*"))
print(sorted(glob.glob("**/*.py", root_dir=top, recursive=True)))
print(sorted(glob.glob("*", root_dir=top)))
it = glob.iglob(top + "/a/*.py")
print(type(it).__name__ != "list", sorted(p.replace(top, "TOP") for p in it))
print([p.replace(top.encode(), b"TOP") for p in glob.glob(top.encode() + b"/b/*")])
print(glob.glob(""), glob.glob("nonexistent_dir_xyz/*"))
shutil.rmtree(top)
print(os.path.exists(top))
