# traceback (written in Python for hpymove over the runtime's own report).
import traceback, io
def inner():
    raise ValueError("bad value")
def outer():
    inner()
try:
    outer()
except ValueError:
    text = traceback.format_exc()
    lines = text.splitlines()
    print(lines[0], lines[-1], sum(1 for l in lines if l.strip().startswith("File")))
    print([l.strip() for l in lines if l.strip().startswith(("inner()", "raise", "outer()"))])
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise KeyError("k") from e
except KeyError as e:
    out = "".join(traceback.format_exception(e))
    print("direct cause" in out, out.splitlines()[-1], traceback.format_exception_only(e))
    buf = io.StringIO()
    traceback.print_exception(e, file=buf)
    print(buf.getvalue() == out)
print(traceback.format_exc(), end="")
print(traceback.format_exception_only(ValueError("x")), traceback.format_exception_only(ValueError()))
