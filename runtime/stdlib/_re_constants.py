"""`re`'s flags and its exception, shared by the parser (`_re_parser`) and the API (`re`)."""


class RegexFlag(int):
    """A flag or a union of flags; shown as `re.NAME|re.NAME`."""

    def __repr__(self):
        names = [n for n, bit in _FLAG_NAMES if self & bit]
        rest = int(self) - sum(bit for n, bit in _FLAG_NAMES if self & bit)
        if rest or not names:
            names.append(hex(rest) if names else "0")
        return "|".join("re." + n if not n[0] in "0123456789" else n for n in names)

    __str__ = __repr__

    def __or__(self, other):
        return RegexFlag(int(self) | int(other))

    __ror__ = __or__

    def __and__(self, other):
        return RegexFlag(int(self) & int(other))

    __rand__ = __and__


_FLAG_NAMES = [("TEMPLATE", 1), ("IGNORECASE", 2), ("LOCALE", 4), ("MULTILINE", 8),
               ("DOTALL", 16), ("UNICODE", 32), ("VERBOSE", 64), ("DEBUG", 128),
               ("ASCII", 256)]

NOFLAG = RegexFlag(0)
T = TEMPLATE = RegexFlag(1)
I = IGNORECASE = RegexFlag(2)
L = LOCALE = RegexFlag(4)
M = MULTILINE = RegexFlag(8)
S = DOTALL = RegexFlag(16)
U = UNICODE = RegexFlag(32)
X = VERBOSE = RegexFlag(64)
DEBUG = RegexFlag(128)
A = ASCII = RegexFlag(256)

FLAG_LETTERS = {"a": A, "i": I, "L": L, "m": M, "s": S, "u": U, "x": X}


class error(Exception):
    """A pattern or a replacement template that cannot be compiled: `msg`, `pattern`,
    `pos` (an index into the pattern), `lineno` and `colno` (from 1)."""

    __module__ = "re"

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            text = pattern if isinstance(pattern, str) else pattern.decode("latin-1")
            self.lineno = text.count("\n", 0, pos) + 1
            self.colno = pos - text.rfind("\n", 0, pos)
            msg = "%s at position %d" % (msg, pos)
            if "\n" in text:
                msg = "%s (line %d, column %d)" % (msg, self.lineno, self.colno)
        else:
            self.lineno = self.colno = None
        Exception.__init__(self, msg)
