# shutil.which, copytree (with ignore_patterns and dirs_exist_ok), get_terminal_size, and
# os.access / os.terminal_size.
import os
import shutil
import tempfile

print(shutil.which("sh") is not None, shutil.which("surely-no-such-command-xyz"))
print(os.access("/", os.F_OK), os.access("/surely/missing", os.F_OK), os.X_OK, os.R_OK)
with tempfile.TemporaryDirectory() as d:
    exe = os.path.join(d, "tool")
    with open(exe, "w") as f:
        f.write("#!/bin/sh\n")
    print(shutil.which("tool", path=d))
    os.chmod(exe, 0o755)
    print(shutil.which("tool", path=d) == exe, os.access(exe, os.X_OK))
    try:
        os.chmod(os.path.join(d, "missing"), 0o644)
    except FileNotFoundError as e:
        print("FileNotFoundError", e.errno)
    src = os.path.join(d, "src")
    os.makedirs(os.path.join(src, "sub"))
    for name, text in [("a.txt", "A"), ("b.pyc", "B"), ("sub/c.txt", "C")]:
        with open(os.path.join(src, name), "w") as f:
            f.write(text)
    dst = shutil.copytree(src, os.path.join(d, "dst"), ignore=shutil.ignore_patterns("*.pyc"))
    print(os.path.basename(dst), sorted(os.listdir(dst)), sorted(os.listdir(os.path.join(dst, "sub"))))
    with open(os.path.join(dst, "sub", "c.txt")) as f:
        print(f.read())
    try:
        shutil.copytree(src, dst)
    except FileExistsError as e:
        print("FileExistsError")
    shutil.copytree(src, dst, dirs_exist_ok=True)
    print(sorted(os.listdir(dst)))
os.environ["COLUMNS"] = "100"
os.environ["LINES"] = "30"
size = shutil.get_terminal_size()
print(size.columns, size.lines, tuple(size))
print(os.terminal_size((3, 4)))
