# A module with a module-level __getattr__ (PEP 562), used by module_getattr_reload.py.
counter = 0
counter += 1


def __getattr__(name):
    if name == "computed":
        return "computed:%d" % counter
    raise AttributeError("module %r has no attribute %r" % (__name__, name))
