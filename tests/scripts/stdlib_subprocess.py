# subprocess: run (capture, input, text, env, cwd, timeout, check, DEVNULL, STDOUT, a
# file), check_output, check_call, call, getstatusoutput, Popen (communicate, wait, poll,
# kill, pipes read and written as files, context manager) and the errors. Children are
# sys.executable (so hpymove runs hpymove) and the shell.
import os
import shutil
import subprocess
import sys

PY = sys.executable


def child(code, **kw):
    return subprocess.run([PY, "-c", code], **kw)


r = child("import sys; print('out'); print('err', file=sys.stderr); sys.exit(3)",
          capture_output=True)
print(r.returncode, r.stdout, r.stderr, r.args[1:])
print(repr(subprocess.CompletedProcess(["x"], 0)), repr(subprocess.CompletedProcess("y", 1, b"o", "e")))
r = child("import sys; sys.stdout.write(sys.stdin.read().upper())", input=b"abc\n",
          stdout=subprocess.PIPE)
print(r.stdout, r.stderr)
r = child("print('a\\r\\nb')", capture_output=True, text=True)
print(repr(r.stdout))
r = child("print('caf\\u00e9')", capture_output=True, encoding="utf-8")
print(repr(r.stdout))
r = child("import os; print(os.environ.get('SUBPROCESS_DEMO'), 'PATH' in os.environ)",
          capture_output=True, text=True, env={"SUBPROCESS_DEMO": "42"})
print(r.stdout.strip())
r = subprocess.run(["pwd"], cwd="/", capture_output=True, text=True)
print(r.stdout.strip())
r = subprocess.run(["sh", "-c", "echo one; echo two 1>&2"], stdout=subprocess.PIPE,
                   stderr=subprocess.STDOUT)
print(r.stdout, r.stderr)
r = subprocess.run(["sh", "-c", "echo hidden; echo shown 1>&2"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE)
print(r.stdout, r.stderr)
try:
    child("import sys; print('partial'); sys.exit(2)", capture_output=True, check=True)
except subprocess.CalledProcessError as e:
    print(type(e).__name__, e.cmd[2:], e.returncode, e.output, e.stdout, e.stderr)
try:
    subprocess.run(["sleep", "10"], capture_output=True, timeout=0.3)
except subprocess.TimeoutExpired as e:
    print(type(e).__name__, e, e.timeout, e.stdout, e.stderr)
try:
    subprocess.run(["sh", "-c", "kill -9 $$"], check=True)
except subprocess.CalledProcessError as e:
    print(e, e.returncode)
for bad in [["no_such_command_hpymove_x"], ["./no_such_file_x"]]:
    try:
        subprocess.run(bad)
    except OSError as e:
        print(type(e).__name__, e.errno, e.filename)
try:
    subprocess.run(["true"], cwd="no_such_dir_x")
except OSError as e:
    print(type(e).__name__, e.errno, e.filename)
for kw in [dict(input=b"x", stdin=subprocess.PIPE), dict(capture_output=True, stdout=subprocess.PIPE)]:
    try:
        subprocess.run(["true"], **kw)
    except ValueError as e:
        print("ValueError:", e)

print(subprocess.check_output(["echo", "hello"]))
print(subprocess.check_output("echo $((6*7))", shell=True, text=True))
print(subprocess.check_output(["cat"], input=b"fed in"))
print(subprocess.call(["true"]), subprocess.call(["false"]), subprocess.check_call(["true"]))
try:
    subprocess.check_call(["sh", "-c", "exit 5"])
except subprocess.CalledProcessError as e:
    print(e)
print(subprocess.getstatusoutput("echo a; echo b 1>&2; exit 4"))
print(subprocess.getoutput("echo x"))

# Popen
p = subprocess.Popen([PY, "-c", "import sys; data = sys.stdin.read(); print(len(data)); "
                      "sys.stderr.write('e'); sys.exit(7)"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
print(p.returncode, p.pid > 0, p.args[2][:10])
out, err = p.communicate(b"x" * 100000)
print(out, err, p.returncode, p.poll(), p.wait())
with subprocess.Popen(["sleep", "10"]) as p:
    print(p.poll())
    try:
        p.wait(timeout=0.2)
    except subprocess.TimeoutExpired as e:
        print(e)
    p.terminate()
print(p.returncode)
p = subprocess.Popen(["sleep", "10"])
p.kill()
print(p.wait())
p = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
p.stdin.write("line 1\nline 2\n")
p.stdin.write("line 3\n")
p.stdin.close()
print(repr(p.stdout.readline()), list(p.stdout), p.wait())
p.stdout.close()
p = subprocess.Popen(["sh", "-c", "printf 'abc'; sleep 0.1; printf 'def'"],
                     stdout=subprocess.PIPE)
print(p.stdout.read(2), p.stdout.read(), p.wait())
p = subprocess.Popen(["sleep", "10"], stdout=subprocess.PIPE)
try:
    p.communicate(timeout=0.2)
except subprocess.TimeoutExpired as e:
    print("communicate:", e)
p.kill()
print(p.communicate(), p.returncode)
with subprocess.Popen(["echo", "ctx"], stdout=subprocess.PIPE) as p:
    print(p.stdout.read())
print(p.returncode, p.stdout.closed)

# Output to a file, input from a file.
name = "subprocess_demo_%d.txt" % os.getpid()
with open(name, "w") as f:
    subprocess.run(["echo", "into a file"], stdout=f)
with open(name) as f:
    print(repr(f.read()))
with open(name) as f:
    print(subprocess.run(["tr", "a-z", "A-Z"], stdin=f, capture_output=True).stdout)
os.remove(name)
print(subprocess.PIPE, subprocess.STDOUT, subprocess.DEVNULL)
print(issubclass(subprocess.CalledProcessError, subprocess.SubprocessError),
      issubclass(subprocess.TimeoutExpired, subprocess.SubprocessError))
# sys.stdin in a child.
r = child("import sys; print(repr(sys.stdin.readline())); print([l for l in sys.stdin])",
          input="first\nsecond\r\nthird", capture_output=True, text=True)
print(r.stdout, r.stderr)
