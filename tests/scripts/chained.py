# An exception raised while handling another: both are reported.
try:
    {}["key"]
except KeyError:
    raise ValueError("while handling")
