# shutil's file basics and os.rename: copy, copyfile, move (rename, into a directory),
# rmtree; the results checked through the file system.
import os
import shutil

base = "/tmp/hpymove_shutil_%d" % os.getpid()
os.makedirs(base + "/sub/deeper")
with open(base + "/a.txt", "w") as f:
    f.write("alpha\n")
print(shutil.copyfile(base + "/a.txt", base + "/b.txt") == base + "/b.txt")
print(open(base + "/b.txt").read(), end="")
print(shutil.copy(base + "/a.txt", base + "/sub") == base + "/sub/a.txt")
print(sorted(os.listdir(base + "/sub")))
os.rename(base + "/b.txt", base + "/c.txt")
print(sorted(os.listdir(base)))
print(shutil.move(base + "/c.txt", base + "/sub/deeper") == base + "/sub/deeper/c.txt")
print(shutil.move(base + "/a.txt", base + "/d.txt") == base + "/d.txt")
print(sorted(os.listdir(base)), sorted(os.listdir(base + "/sub/deeper")))
try:
    shutil.copyfile(base + "/d.txt", base + "/d.txt")
except shutil.SameFileError as e:
    print("SameFileError", isinstance(e, OSError))
try:
    os.rename(base + "/missing", base + "/x")
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno)
shutil.rmtree(base)
print(os.path.exists(base))
shutil.rmtree(base, ignore_errors=True)
try:
    shutil.rmtree(base)
except FileNotFoundError:
    print("FileNotFoundError again")
