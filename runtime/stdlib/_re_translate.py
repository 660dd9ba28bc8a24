"""`re`'s translation layer: a tree from `_re_parser` into the syntax of the regex engine
(`fancy-regex`, behind the native `_regex`), with Python's meaning.

Everything is spelled out rather than left to the engine's own flags, whose meaning differs:
a literal is an `\\x{..}` escape unless it is an ASCII letter, digit or `_` (no escaping rules
to get wrong; in a bytes pattern `\\x{e9}` is the byte 0xE9); `\\d \\w \\s` are the classes
Python means (Unicode `\\w` is letters, numbers and `_`, Unicode `\\s` adds `\\x1c-\\x1f` to the
engine's white space; with ASCII, LOCALE or a bytes pattern they are ASCII classes); `$` is
"at the end or before a newline that ends the subject" (a look-ahead) and `\\Z` the very end;
`^` is the start of the subject, or of a line with MULTILINE; `.` takes DOTALL from the tree;
groups are all unnamed (`re` keeps the names; back-references are by number).

Case-insensitivity (IGNORECASE) uses the engine's simple case folding, turned on and off
where the tree's scoped flags say, with the one group Python folds together and Unicode does
not: `i`, `I`, `ı` (dotless) and `İ` (dotted). Under ASCII (or LOCALE) with a str pattern,
Python folds ASCII letters only: the letters get both cases spelled out here instead, and the
engine's folding stays off (a back-reference then folds with Unicode's rules: a difference).
A bytes pattern runs in the engine's ASCII mode, where its own folding is ASCII-only.
"""

from _re_constants import A, I, L, M, S

_WORD_ASCII = "0-9A-Za-z_"
_SPACE_ASCII = "\\x{9}-\\x{d}\\x{20}"
# Python's str.isalnum() and `_` (letters and the three number categories).
_WORD_UNICODE = "\\p{L}\\p{N}_"
# Python's str.isspace(): Unicode's white space and the four ASCII separators.
_SPACE_UNICODE = "\\s\\x{1c}-\\x{1f}"
# The letters Python's IGNORECASE takes as one, which Unicode's case folding splits in two.
_DOTTED_I = "iI\u0131\u0130"


def char(c):
    if c.isascii() and (c.isalnum() or c == "_"):
        return c
    return "\\x{%x}" % ord(c)


class Translator:
    def __init__(self, is_bytes):
        self.is_bytes = is_bytes

    def own_folding(self, flags):
        """Whether IGNORECASE is done here (ASCII letters only) rather than by the engine."""
        return bool(flags & I) and not self.is_bytes and bool(flags & (A | L))

    def engine_folding(self, flags):
        return bool(flags & I) and not self.own_folding(flags)

    def pattern(self, node, flags):
        body = self.emit(node, flags)
        if self.engine_folding(flags):
            return "(?i:" + body + ")"
        return body

    def emit(self, node, flags):
        kind = node[0]
        if kind == "seq":
            return "".join(self.emit(n, flags) for n in node[1])
        if kind == "alt":
            return "(?:" + "|".join(self.emit(n, flags) for n in node[1]) + ")"
        if kind == "lit":
            return self.literal(node[1], flags)
        if kind == "any":
            return "(?s:.)" if flags & S else "."
        if kind == "cls":
            return self.cls(node[1], node[2] or self.is_bytes, False)
        if kind == "set":
            return self.set(node, flags)
        if kind == "bol":
            return "(?m:^)" if flags & M else "\\A"
        if kind == "eol":
            return "(?m:$)" if flags & M else "(?=\\x{a}?\\z)"
        if kind == "bos":
            return "\\A"
        if kind == "eos":
            return "\\z"
        if kind == "wordb" or kind == "nwordb":
            return self.boundary(kind == "wordb", node[1] or self.is_bytes)
        if kind == "group":
            return "(" + self.emit(node[2], flags) + ")"
        if kind == "rep":
            return self.repeat(node, flags)
        if kind == "atomic":
            return "(?>" + self.emit(node[1], flags) + ")"
        if kind == "scoped":
            inner = (flags | node[1]) & ~node[2]
            body = self.emit(node[3], inner)
            before, after = self.engine_folding(flags), self.engine_folding(inner)
            if before == after:
                return "(?:" + body + ")"
            return ("(?i:" if after else "(?-i:") + body + ")"
        if kind == "look":
            ahead, negated = node[1], node[2]
            opener = ("(?!" if negated else "(?=") if ahead else ("(?<!" if negated else "(?<=")
            return opener + self.emit(node[3], flags) + ")"
        if kind == "backref":
            ref = "\\k<%d>" % node[1]
            return "(?i:" + ref + ")" if self.own_folding(flags) else ref
        if kind == "cond":
            return "(?(%d)%s|%s)" % (node[1], self.emit(node[2], flags),
                                     self.emit(node[3], flags))
        raise ValueError("re: unknown node %r" % (kind,))

    def literal(self, c, flags):
        if self.own_folding(flags):
            if c.isascii() and c.isalpha():
                return "[" + c.lower() + c.upper() + "]"
            return char(c)
        if self.engine_folding(flags) and c in _DOTTED_I:
            return "[" + "".join(char(d) for d in _DOTTED_I) + "]"
        return char(c)

    def cls(self, letter, ascii_only, in_set):
        """`\\d \\D \\w \\W \\s \\S`; inside a set, the positive ones are spelled as members."""
        low = letter.lower()
        if ascii_only:
            members = {"d": "0-9", "w": _WORD_ASCII, "s": _SPACE_ASCII}[low]
        else:
            members = {"d": "\\d", "w": _WORD_UNICODE, "s": _SPACE_UNICODE}[low]
        if letter == low:
            return members if in_set else "[" + members + "]"
        return "[^" + members + "]"

    def boundary(self, at, ascii_only):
        if not at:
            # Python 3.11's \B never matches in an empty subject.
            return "(?:(?!\\A\\z)" + self.boundary_engine(at, ascii_only) + ")"
        return self.boundary_engine(at, ascii_only)

    def boundary_engine(self, at, ascii_only):
        if not ascii_only:
            # The engine's Unicode word characters (letters, marks, digits, connectors)
            # are close to Python's (letters, numbers, `_`): see re's differences.
            return "\\b" if at else "\\B"
        if self.is_bytes:
            # The engine's bytes mode: its \b is ASCII.
            return "\\b" if at else "\\B"
        w = "[" + _WORD_ASCII + "]"
        if at:
            return "(?:(?<=%s)(?!%s)|(?<!%s)(?=%s))" % (w, w, w, w)
        return "(?:(?<=%s)(?=%s)|(?<!%s)(?!%s))" % (w, w, w, w)

    def set(self, node, flags):
        own = self.own_folding(flags)
        engine = self.engine_folding(flags)
        parts = []
        dotted = False
        for item in node[2]:
            kind = item[0]
            if kind == "lit":
                c = item[1]
                parts.append(char(c))
                if own and c.isascii() and c.isalpha():
                    parts.append(char(c.swapcase()))
                dotted = dotted or c in _DOTTED_I
            elif kind == "range":
                lo, hi = item[1], item[2]
                parts.append(char(lo) + "-" + char(hi))
                if own:
                    parts.extend(_ascii_case_ranges(lo, hi))
                dotted = dotted or any(lo <= d <= hi for d in _DOTTED_I)
            else:
                parts.append(self.cls(item[1], item[2] or self.is_bytes, True))
        if engine and dotted:
            parts.append("".join(char(d) for d in _DOTTED_I))
        return "[" + ("^" if node[1] else "") + "".join(parts) + "]"

    def repeat(self, node, flags):
        body = "(?:" + self.emit(node[1], flags) + ")"
        lo, hi, mode = node[2], node[3], node[4]
        if hi is None:
            q = {0: "*", 1: "+"}.get(lo, "{%d,}" % lo)
        elif lo == 0 and hi == 1:
            q = "?"
        elif lo == hi:
            q = "{%d}" % lo
        else:
            q = "{%d,%d}" % (lo, hi)
        if mode == "lazy":
            q += "?"
        elif mode == "possessive":
            q += "+"
        return body + q


def _ascii_case_ranges(lo, hi):
    """The other case of the ASCII letters in lo..hi, as set members."""
    out = []
    for first, last, shift in (("a", "z", -32), ("A", "Z", 32)):
        a, b = max(lo, first), min(hi, last)
        if a <= b:
            out.append(char(chr(ord(a) + shift)) + "-" + char(chr(ord(b) + shift)))
    return out


def translate(node, flags, is_bytes):
    """The engine's pattern for the tree `node` parsed under `flags`."""
    return Translator(is_bytes).pattern(node, flags)
