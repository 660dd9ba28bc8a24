"""sys.version_info and sys.implementation (hpymove fills `sys` with these)."""


class _VersionInfo(tuple):
    def __new__(cls, major, minor, micro, releaselevel, serial):
        return tuple.__new__(cls, (major, minor, micro, releaselevel, serial))

    major = property(lambda self: self[0])
    minor = property(lambda self: self[1])
    micro = property(lambda self: self[2])
    releaselevel = property(lambda self: self[3])
    serial = property(lambda self: self[4])

    def __repr__(self):
        return ("sys.version_info(major=%d, minor=%d, micro=%d, releaselevel=%r, serial=%d)"
                % tuple(self))


version_info = _VersionInfo(3, 11, 7, "final", 0)


class _IntInfo(tuple):
    """sys.int_info: CPython's layout of ints (hpymove's own differs; these are the values
    code checks against) and the limits of int-to-text conversions."""

    def __new__(cls, *values):
        return tuple.__new__(cls, values)

    bits_per_digit = property(lambda self: self[0])
    sizeof_digit = property(lambda self: self[1])
    default_max_str_digits = property(lambda self: self[2])
    str_digits_check_threshold = property(lambda self: self[3])

    def __repr__(self):
        return ("sys.int_info(bits_per_digit=%d, sizeof_digit=%d, default_max_str_digits=%d, "
                "str_digits_check_threshold=%d)" % tuple(self))


_IntInfo.__name__ = _IntInfo.__qualname__ = "int_info"
_IntInfo.__module__ = "sys"
int_info = _IntInfo(30, 4, 4300, 640)


class _Flags(tuple):
    """sys.flags: the command-line flags of CPython 3.11, with a plain run's values
    (hpymove's own options are not among them). `dont_write_bytecode` follows
    PYTHONDONTWRITEBYTECODE, as CPython's does; hpymove never writes bytecode anyway."""

    _fields = ("debug", "inspect", "interactive", "optimize", "dont_write_bytecode",
               "no_user_site", "no_site", "ignore_environment", "verbose", "bytes_warning",
               "quiet", "hash_randomization", "isolated", "dev_mode", "utf8_mode",
               "warn_default_encoding", "safe_path", "int_max_str_digits")
    n_fields = n_sequence_fields = len(_fields)
    n_unnamed_fields = 0

    def __new__(cls, *values):
        return tuple.__new__(cls, values)

    def __repr__(self):
        return "sys.flags(%s)" % ", ".join(
            "%s=%r" % (name, value) for name, value in zip(self._fields, self))

    def __reduce__(self):
        raise TypeError("cannot pickle 'sys.flags' object")


for _i, _name in enumerate(_Flags._fields):
    setattr(_Flags, _name, property(lambda self, _i=_i: self[_i]))
_Flags.__name__ = _Flags.__qualname__ = "flags"
_Flags.__module__ = "sys"


def _env_flag(name):
    from posix import environ
    return 1 if environ.get(name) else 0


flags = _Flags(0, 0, 0, 0, _env_flag("PYTHONDONTWRITEBYTECODE"), 0, 0, 0, 0, 0, 0, 1, 0,
               False, 0, 0, False, -1)


class _Implementation:
    name = "hpymove"
    cache_tag = None
    version = version_info

    def __repr__(self):
        return "namespace(name='hpymove', cache_tag=None, version=%r)" % (self.version,)


implementation = _Implementation()


class _Stdin:
    """sys.stdin: the process's standard input as text (UTF-8; lines end at "\n" and keep
    a "\r", as CPython's stdin on POSIX), read on demand from file descriptor 0."""

    name = "<stdin>"
    mode = "r"
    encoding = "utf-8"
    errors = "strict"
    closed = False

    def _text(self, data):
        return data.decode("utf-8")

    def read(self, size=-1):
        import posix
        return self._text(posix._read_stdin(-1 if size is None else size, False))

    def readline(self, size=-1):
        import posix
        return self._text(posix._read_stdin(-1, True))

    def readlines(self):
        return list(self)

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def fileno(self):
        return 0

    def isatty(self):
        return False

    def readable(self):
        return True

    def __repr__(self):
        return "<_io.TextIOWrapper name='<stdin>' mode='r' encoding='utf-8'>"


stdin = _Stdin()


# The import system's hooks: hpymove's own search comes first, then the finders a program
# appends to meta_path (with `find_spec`); path_hooks and the cache are there for code that
# reads or extends them.
meta_path = []
path_hooks = []
path_importer_cache = {}


_interned = {}


def intern(string, /):
    """sys.intern: one str object per value, kept for the life of the process."""
    if type(string) is not str:
        if isinstance(string, str):
            raise TypeError("can't intern %s" % type(string).__name__)
        what = "None" if string is None else type(string).__name__
        raise TypeError("intern() argument must be str, not %s" % what)
    return _interned.setdefault(string, string)
