# The report of an uncaught exception group: CPython's boxed format, with nested groups,
# members that were raised (their tracebacks) and members that never were.


def leaf():
    raise ValueError("leaf raised")


def collect():
    errors = []
    for f in [leaf]:
        try:
            f()
        except ValueError as e:
            errors.append(e)
    inner = ExceptionGroup("inner", [TypeError("t"), KeyError("k")])
    errors += [inner, OSError(2, "no such thing")]
    raise ExceptionGroup("outer", errors)


print("start")
collect()
