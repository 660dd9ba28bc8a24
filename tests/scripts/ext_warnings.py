# HPyErr_WarnEx goes through the `warnings` module once it is imported: its filters,
# catch_warnings(record=True), the stack level naming the Python caller.
import warnings

import exceptions


def trampoline(category, message, level):
    return exceptions.warn(category, message, level)


def check(category, message, level):
    with warnings.catch_warnings(record=True) as log:
        warnings.simplefilter("always")
        trampoline(category, message, level)
    for w in log:
        print(w.category.__name__, str(w.message), w.filename.endswith("ext_warnings.py"),
              w.lineno)


check(RuntimeWarning, "warn qzp", 1)
check(FutureWarning, "warn rtq", 2)
check(None, "warn null", 1)
check(UserWarning, "two", 3)
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        exceptions.warn(UserWarning, "as error", 1)
    except UserWarning as e:
        print("raised", e)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    print(exceptions.warn(UserWarning, "ignored", 1))
