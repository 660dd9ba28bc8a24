# `-m NAME` as CPython's runpy runs it: a package's `__main__`, a submodule with relative
# imports, and the errors for what cannot run. Each case runs a child interpreter in
# dashm/ (the current directory is sys.path[0] under -m).
import os
import subprocess
import sys

here = os.path.join(os.getcwd(), "dashm")


def run(*args):
    r = subprocess.run([sys.executable, "-m", *args], cwd=here, capture_output=True, text=True)
    print("-m", " ".join(args), "->", r.returncode)
    for line in r.stdout.splitlines():
        print("  out:", line)
    err = r.stderr.splitlines()
    if err and err[0].startswith("Traceback"):
        err = err[-1:]  # runpy's own frames differ; the exception line does not
    for line in err:
        # "<program>: No module named x": the program's name differs.
        prog, sep, rest = line.partition(": ")
        if sep and (prog == "hpymove" or prog.startswith("/")):
            line = "<program>: " + rest
        print("  err:", line)


run("pkg")
run("pkg", "a", "b")
run("pkg.sub.run")
run("ns")
run("nomain")
run("pkg.sub")
run("nosuch")
run("pkg.nosuch")
run("pkg.helper.x")
run("nosuch.x")
run("imperr.x")
run(".x")
run("bad")
run("bad.y")
