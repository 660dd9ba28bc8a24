# warnings: categories, filters, catch_warnings(record=True), the default output on
# stderr, once per location.
import sys
import warnings


def f(n):
    warnings.warn("careful %d" % n)


with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.warn("one")
    warnings.warn("two", RuntimeWarning)
    warnings.warn(DeprecationWarning("three"))
    f(1)
    f(2)
for w in log:
    print(w.category.__name__, str(w.message), w.filename.endswith("stdlib_warnings.py"), w.lineno)

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("ignore")
    warnings.warn("hidden")
print(len(log))

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("once")
    for i in range(3):
        warnings.warn("again")
    warnings.simplefilter("default")
    for i in range(3):
        f(0)
print(len(log), [str(w.message) for w in log])

with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        warnings.warn("as error", UserWarning)
    except UserWarning as e:
        print("raised", type(e).__name__, e)
    warnings.filterwarnings("ignore", category=RuntimeWarning)
    warnings.warn("ignored", RuntimeWarning)
    warnings.filterwarnings("ignore", message="skip me")
    warnings.warn("skip me please")
    try:
        warnings.warn("not skipped")
    except UserWarning as e:
        print("raised", e)

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.warn("deep", stacklevel=1)
    f(5)
print([(w.lineno, str(w.message)) for w in log])

try:
    warnings.warn("x", int)
except TypeError as e:
    print(e)
print(issubclass(DeprecationWarning, Warning), issubclass(Warning, Exception))

# The default filters: shown once per location on stderr (checked by the .err file);
# DeprecationWarning is shown in __main__ only.
for i in range(3):
    warnings.warn("shown once")
warnings.warn("shown too", UserWarning)
warnings.warn("deprecated here", DeprecationWarning)
warnings.warn("pending", PendingDeprecationWarning)
sys.stderr.flush()
print("end")
