"""The class of `function.__code__` (hpymove builds one from the function's definition
on each read: the attributes CPython's code objects have that runners and decorators use)."""


class code:
    def __init__(self, name, qualname, filename, firstlineno, argcount, posonlyargcount,
                 kwonlyargcount, flags, varnames):
        self.co_name = name
        self.co_qualname = qualname
        self.co_filename = filename
        self.co_firstlineno = firstlineno
        self.co_argcount = argcount
        self.co_posonlyargcount = posonlyargcount
        self.co_kwonlyargcount = kwonlyargcount
        self.co_flags = flags
        self.co_varnames = varnames
        self.co_nlocals = len(varnames)

    def __repr__(self):
        return '<code object %s, file "%s", line %d>' % (
            self.co_name, self.co_filename, self.co_firstlineno)
