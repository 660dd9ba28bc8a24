"""Regular expressions: Python's `re` syntax and API over a backtracking matcher.

hpymove's own version, in Python. Supported: literals and escapes, `.`, classes `[...]`
with ranges and `\\d \\w \\s` (and negations), anchors `^ $ \\A \\Z \\b \\B`, greedy and
lazy quantifiers `* + ? {m,n}`, groups (capturing, `(?:...)`, named `(?P<name>...)`),
backreferences `\\1` and `(?P=name)`, look-ahead and look-behind (`(?=...)`, `(?!...)`,
`(?<=...)`, `(?<!...)`), atomic groups `(?>...)`, inline flags `(?aimsx)` at the start and
scoped `(?s-i:...)`, and the flags I, M, S, X, A. Differences from CPython: `RegexFlag` is
an int subclass, not an enum; no possessive quantifiers (3.11), no conditional groups
`(?(1)...)`, case folding is `str.lower` per character, and matching is recursive (very
long subjects with nested repeats may exhaust the recursion limit).

One file of about 1000 lines: the parser, the matcher and the API share the private node
format, as `import re` is one module in CPython too.
"""

__all__ = ["compile", "search", "match", "fullmatch", "split", "findall", "finditer", "sub",
           "subn", "escape", "purge", "error", "Pattern", "Match", "A", "I", "M", "S", "X",
           "U", "L", "ASCII", "IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE", "UNICODE",
           "LOCALE", "NOFLAG"]

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

_FLAG_LETTERS = {"a": A, "i": I, "L": L, "m": M, "s": S, "u": U, "x": X}


class error(Exception):
    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            if isinstance(pattern, str):
                newline = "\n"
            else:
                newline = b"\n"
            self.lineno = pattern.count(newline, 0, pos) + 1
            self.colno = pos - pattern.rfind(newline, 0, pos)
            if newline in pattern:
                msg = "%s (line %d, column %d)" % (msg, self.lineno, self.colno)
            else:
                msg = "%s at position %d" % (msg, pos)
        else:
            self.lineno = self.colno = None
        Exception.__init__(self, msg)


_DIGITS = "0123456789"
_SPACES = " \t\n\r\x0b\x0c"


def _is_word(ch, ascii_only):
    if ascii_only:
        return ch == "_" or ("a" <= ch <= "z") or ("A" <= ch <= "Z") or ("0" <= ch <= "9")
    return ch == "_" or ch.isalnum()


def _is_digit(ch, ascii_only):
    if ascii_only:
        return "0" <= ch <= "9"
    return ch.isdigit()


def _is_space(ch, ascii_only):
    if ascii_only:
        return ch in _SPACES
    return ch.isspace() or ch in "\x1c\x1d\x1e\x1f\x85"


_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
            "\\": "\\"}


class _Parser:
    def __init__(self, pattern, flags):
        self.p = pattern
        self.i = 0
        self.flags = flags
        self.ngroups = 0
        self.names = {}
        self.open_groups = []

    def err(self, msg, pos=None):
        raise error(msg, self.p, self.i if pos is None else pos)

    def peek(self, k=0):
        j = self.i + k
        return self.p[j] if j < len(self.p) else None

    def skip_verbose(self):
        if not self.flags & X:
            return
        while self.i < len(self.p):
            c = self.p[self.i]
            if c in _SPACES:
                self.i += 1
            elif c == "#":
                while self.i < len(self.p) and self.p[self.i] != "\n":
                    self.i += 1
            else:
                return

    def parse(self):
        self.leading_flags()
        node = self.alternation()
        if self.i < len(self.p):
            if self.p[self.i] == ")":
                self.err("unbalanced parenthesis")
            self.err("unexpected character")
        return node

    def leading_flags(self):
        # `(?aimsx)` at the start sets the flags of the whole pattern.
        while self.p.startswith("(?", self.i):
            j = self.i + 2
            f = 0
            while j < len(self.p) and self.p[j] in _FLAG_LETTERS:
                f |= _FLAG_LETTERS[self.p[j]]
                j += 1
            if j < len(self.p) and self.p[j] == ")" and j > self.i + 2:
                self.flags |= f
                self.i = j + 1
            else:
                return

    def alternation(self):
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return ("seq", branches[0])
        return ("alt", [("seq", b) for b in branches])

    def sequence(self):
        items = []
        while True:
            self.skip_verbose()
            c = self.peek()
            if c is None or c == "|" or c == ")":
                return items
            start = self.i
            atom = self.atom()
            if atom is None:
                continue
            items.append(self.quantified(atom, start))

    def quantified(self, atom, start):
        self.skip_verbose()
        c = self.peek()
        if c == "*":
            lo, hi = 0, None
            self.i += 1
        elif c == "+":
            lo, hi = 1, None
            self.i += 1
        elif c == "?":
            lo, hi = 0, 1
            self.i += 1
        elif c == "{":
            j = self.i + 1
            k = j
            while k < len(self.p) and self.p[k] in _DIGITS:
                k += 1
            lo_text = self.p[j:k]
            hi_text = lo_text
            if k < len(self.p) and self.p[k] == ",":
                m = k + 1
                while m < len(self.p) and self.p[m] in _DIGITS:
                    m += 1
                hi_text = self.p[k + 1:m]
                k = m
            if k >= len(self.p) or self.p[k] != "}":
                return atom  # not a repeat: `{` is a literal, read by the next atom
            lo = int(lo_text) if lo_text else 0
            hi = int(hi_text) if hi_text else None
            if hi is not None and hi < lo:
                self.err("min repeat greater than max repeat", j)
            self.i = k + 1
        else:
            return atom
        if atom[0] in ("bol", "eol", "bos", "eos", "wordb", "nwordb", "look"):
            if atom[0] != "look":
                self.err("nothing to repeat", start)
        if atom[0] == "rep":
            self.err("multiple repeat", self.i - 1)
        greedy = True
        nxt = self.peek()
        if nxt == "*" or (nxt == "{" and self.is_repeat(self.i)):
            self.err("multiple repeat")
        if self.peek() == "?":
            self.i += 1
            greedy = False
        elif self.peek() == "+":
            self.err("possessive quantifiers are not supported by hpymove's re")
        return ("rep", atom, lo, hi, greedy)

    def is_repeat(self, j):
        """Whether a valid `{m,n}` starts at j."""
        k = j + 1
        while k < len(self.p) and self.p[k] in _DIGITS + ",":
            k += 1
        return k < len(self.p) and self.p[k] == "}" and self.p[j + 1:k].count(",") <= 1

    def atom(self):
        c = self.p[self.i]
        self.i += 1
        if c == ".":
            return ("any",)
        if c == "^":
            return ("bol",)
        if c == "$":
            return ("eol",)
        if c == "[":
            return self.char_class()
        if c == "(":
            return self.group()
        if c == "\\":
            return self.escape(False)
        if c in "*+?":
            self.err("nothing to repeat", self.i - 1)
        if c == "{":
            # A `{` that starts a valid repeat with nothing before it.
            j = self.i
            while j < len(self.p) and self.p[j] in _DIGITS + ",":
                j += 1
            if j > self.i and j < len(self.p) and self.p[j] == "}":
                self.err("nothing to repeat", self.i - 1)
        return ("lit", c)

    def group(self):
        start = self.i - 1
        if self.peek() == "?":
            self.i += 1
            c = self.peek()
            if c == ":":
                self.i += 1
                node = self.alternation()
                self.close(start)
                return node
            if c == "P":
                self.i += 1
                if self.peek() == "<":
                    self.i += 1
                    end = self.p.find(">", self.i)
                    if end < 0:
                        self.err("missing >, unterminated name")
                    name = self.p[self.i:end]
                    if not name.isidentifier():
                        self.err("bad character in group name %r" % name)
                    if name in self.names:
                        self.err("redefinition of group name %r as group %d; was group %d"
                                 % (name, self.ngroups + 1, self.names[name]))
                    self.i = end + 1
                    return self.capture(start, name)
                if self.peek() == "=":
                    self.i += 1
                    end = self.p.find(")", self.i)
                    if end < 0:
                        self.err("missing ), unterminated name")
                    name = self.p[self.i:end]
                    if name not in self.names:
                        self.err("unknown group name %r" % name)
                    self.i = end + 1
                    return ("backref", self.names[name])
                self.err("unknown extension ?P" + (self.peek() or ""))
            if c == "=" or c == "!":
                self.i += 1
                node = self.alternation()
                self.close(start)
                return ("look", True, c == "!", node, 0)
            if c == "<" and self.peek(1) in ("=", "!"):
                neg = self.peek(1) == "!"
                self.i += 2
                node = self.alternation()
                self.close(start)
                width = _width(node)
                if width is None:
                    raise error("look-behind requires fixed-width pattern")
                return ("look", False, neg, node, width)
            if c == "#":
                end = self.p.find(")", self.i)
                if end < 0:
                    self.err("missing ), unterminated comment")
                self.i = end + 1
                return None
            if c == ">":
                # An atomic group: its first match is kept, never backtracked into.
                self.i += 1
                node = self.alternation()
                self.close(start)
                return ("atomic", node)
            if c is not None and (c in _FLAG_LETTERS or c == "-"):
                return self.scoped_flags(start)
            self.err("unknown extension ?" + (c or ""), start + 1)
        return self.capture(start, None)

    def scoped_flags(self, start):
        """`(?flags-flags:...)`: flags for the group only (the global form `(?flags)` is
        allowed only at the start, handled by leading_flags)."""
        on = off = 0
        minus = False
        while True:
            c = self.peek()
            if c is None:
                self.err("missing -, : or )", self.i)
            if c == "-":
                if minus:
                    self.err("missing flag", self.i)
                minus = True
            elif c == ":":
                break
            elif c == ")":
                if minus:
                    self.err("missing :", self.i)
                self.err("global flags not at the start of the expression", start)
            elif c in _FLAG_LETTERS:
                f = _FLAG_LETTERS[c]
                if minus:
                    if f not in (I, M, S, X):
                        self.err("bad inline flags: cannot turn off flags 'a', 'u' and 'L'",
                                 self.i + 1)
                    off |= f
                else:
                    on |= f
            else:
                self.err("unknown flag", self.i)
            self.i += 1
        if minus and not off:
            self.err("missing flag", self.i)
        self.i += 1
        outer = self.flags
        self.flags = (outer | on) & ~off
        node = self.alternation()
        self.flags = outer
        self.close(start)
        return ("scoped", on, off, node)

    def capture(self, start, name):
        self.ngroups += 1
        idx = self.ngroups
        if name is not None:
            self.names[name] = idx
        self.open_groups.append(idx)
        node = self.alternation()
        self.close(start)
        self.open_groups.pop()
        return ("group", idx, node)

    def close(self, start):
        if self.peek() != ")":
            self.err("missing ), unterminated subpattern", start)
        self.i += 1

    def escape(self, in_class):
        if self.i >= len(self.p):
            self.err("bad escape (end of pattern)", self.i - 1)
        c = self.p[self.i]
        self.i += 1
        ascii_only = bool(self.flags & A)
        if c in "dDwWsS":
            return ("cls", c, ascii_only)
        if not in_class:
            if c == "A":
                return ("bos",)
            if c == "Z":
                return ("eos",)
            if c == "b":
                return ("wordb", ascii_only)
            if c == "B":
                return ("nwordb", ascii_only)
            if c in _DIGITS and c != "0":
                j = self.i
                while j < len(self.p) and self.p[j] in _DIGITS and j - self.i < 1:
                    j += 1
                num = int(self.p[self.i - 1:j])
                self.i = j
                if num > self.ngroups or num in self.open_groups:
                    self.err("invalid group reference %d" % num, self.i - 1 - len(str(num)) + 1)
                return ("backref", num)
        if c in _ESCAPES:
            return ("lit", _ESCAPES[c])
        if c == "0":
            j = self.i
            while j < len(self.p) and self.p[j] in "01234567" and j - self.i < 2:
                j += 1
            v = int(self.p[self.i - 1:j], 8)
            self.i = j
            return ("lit", chr(v))
        if c == "x":
            return ("lit", chr(self.hex_digits(2, c)))
        if c == "u":
            return ("lit", chr(self.hex_digits(4, c)))
        if c == "U":
            return ("lit", chr(self.hex_digits(8, c)))
        if c.isalnum() and c.isascii():
            self.err("bad escape \\%s" % c, self.i - 2)
        return ("lit", c)

    def hex_digits(self, n, c):
        text = self.p[self.i:self.i + n]
        if len(text) != n or any(ch not in "0123456789abcdefABCDEF" for ch in text):
            self.err("incomplete escape \\%s%s" % (c, text), self.i - 2)
        self.i += n
        return int(text, 16)

    def char_class(self):
        start = self.i - 1
        negated = False
        if self.peek() == "^":
            negated = True
            self.i += 1
        items = []
        first = True
        while True:
            if self.i >= len(self.p):
                self.err("unterminated character set", start)
            c = self.p[self.i]
            if c == "]" and not first:
                self.i += 1
                break
            first = False
            self.i += 1
            if c == "\\":
                e = self.escape(True)
                if e[0] == "cls":
                    items.append(e)
                    continue
                lo = e[1]
            else:
                lo = c
            if self.peek() == "-" and self.peek(1) is not None and self.peek(1) != "]":
                self.i += 1
                h = self.p[self.i]
                self.i += 1
                if h == "\\":
                    e = self.escape(True)
                    if e[0] == "cls":
                        self.err("bad character range %s-%s" % (lo, "\\" + e[1]), start)
                    h = e[1]
                if ord(h) < ord(lo):
                    self.err("bad character range %s-%s" % (lo, h), self.i - 3)
                items.append(("range", lo, h))
            else:
                items.append(("lit", lo))
        return ("set", negated, items)


def _width(node):
    """The fixed width of a node, or None."""
    kind = node[0]
    if kind in ("lit", "any", "cls", "set"):
        return 1
    if kind in ("bol", "eol", "bos", "eos", "wordb", "nwordb", "look"):
        return 0
    if kind == "seq":
        total = 0
        for n in node[1]:
            w = _width(n)
            if w is None:
                return None
            total += w
        return total
    if kind == "alt":
        ws = set(_width(b) for b in node[1])
        if len(ws) == 1:
            return ws.pop()
        return None
    if kind == "group":
        return _width(node[2])
    if kind == "atomic":
        return _width(node[1])
    if kind == "scoped":
        return _width(node[3])
    if kind == "rep":
        w = _width(node[1])
        if w is not None and node[2] == node[3]:
            return w * node[2]
        return None
    return None


class _Matcher:
    def __init__(self, pattern, text, flags, ngroups, endpos):
        self.pat = pattern
        self.text = text
        self.flags = flags
        self.end = endpos
        self.groups = [None] * (ngroups + 1)
        self.icase = bool(flags & I)

    def eq(self, a, b):
        if a == b:
            return True
        return self.icase and a.lower() == b.lower()

    def single(self, node, pos):
        """Whether the one-character node matches at pos."""
        if pos >= self.end:
            return False
        ch = self.text[pos]
        kind = node[0]
        if kind == "lit":
            return self.eq(ch, node[1])
        if kind == "any":
            return ch != "\n" or bool(self.flags & S)
        if kind == "cls":
            return _class_match(node[1], node[2], ch)
        if kind == "set":
            return self.in_set(node, ch) != node[1]
        return False

    def in_set(self, node, ch):
        for item in node[2]:
            if item[0] == "lit":
                if self.eq(ch, item[1]):
                    return True
            elif item[0] == "range":
                if item[1] <= ch <= item[2]:
                    return True
                if self.icase:
                    for c in (ch.lower(), ch.upper()):
                        if item[1] <= c <= item[2]:
                            return True
            elif _class_match(item[1], item[2], ch):
                return True
        return False

    def m(self, node, pos, k):
        """Matches node at pos, then the continuation k(pos) -> end or None."""
        kind = node[0]
        if kind in ("lit", "any", "cls", "set"):
            if self.single(node, pos):
                return k(pos + 1)
            return None
        if kind == "seq":
            return self.seq(node[1], 0, pos, k)
        if kind == "alt":
            for b in node[1]:
                r = self.m(b, pos, k)
                if r is not None:
                    return r
            return None
        if kind == "group":
            idx = node[1]
            saved = self.groups[idx]

            def close(p):
                old = self.groups[idx]
                self.groups[idx] = (pos, p)
                r = k(p)
                if r is None:
                    self.groups[idx] = old
                return r

            r = self.m(node[2], pos, close)
            if r is None:
                self.groups[idx] = saved
            return r
        if kind == "rep":
            return self.rep(node, pos, k)
        if kind == "atomic":
            saved = list(self.groups)
            e = self.m(node[1], pos, lambda p: p)
            r = None if e is None else k(e)
            if r is None:
                self.groups = saved
            return r
        if kind == "scoped":
            return self.scoped(node, pos, k)
        if kind == "bol":
            if pos == 0 or (self.flags & M and self.text[pos - 1] == "\n"):
                return k(pos)
            return None
        if kind == "eol":
            n = self.end
            if pos == n or (pos == n - 1 and self.text[pos] == "\n") or (
                    self.flags & M and pos < n and self.text[pos] == "\n"):
                return k(pos)
            return None
        if kind == "bos":
            return k(pos) if pos == 0 else None
        if kind == "eos":
            return k(pos) if pos == self.end else None
        if kind == "wordb" or kind == "nwordb":
            before = pos > 0 and _is_word(self.text[pos - 1], node[1])
            after = pos < self.end and _is_word(self.text[pos], node[1])
            if (before != after) == (kind == "wordb"):
                return k(pos)
            return None
        if kind == "backref":
            g = self.groups[node[1]]
            if g is None:
                return None
            sub = self.text[g[0]:g[1]]
            if pos + len(sub) > self.end:
                return None
            for j in range(len(sub)):
                if not self.eq(self.text[pos + j], sub[j]):
                    return None
            return k(pos + len(sub))
        if kind == "look":
            ahead, neg, sub, width = node[1], node[2], node[3], node[4]
            if ahead:
                start = pos
            else:
                start = pos - width
                if start < 0:
                    return k(pos) if neg else None
            saved = list(self.groups)
            if ahead:
                found = self.m(sub, start, lambda p: p) is not None
            else:
                found = self.m(sub, start, lambda p: p if p == pos else None) is not None
            if neg:
                self.groups = saved
                return None if found else k(pos)
            if not found:
                self.groups = saved
                return None
            r = k(pos)
            if r is None:
                self.groups = saved
            return r
        raise error("internal error: unknown node %r" % (kind,))

    def set_flags(self, flags):
        self.flags = flags
        self.icase = bool(flags & I)

    def scoped(self, node, pos, k):
        """`(?s:...)`: the group's flags inside it, the outer ones for what follows."""
        outer = self.flags
        inner = (outer | node[1]) & ~node[2]

        def after(p):
            self.set_flags(outer)
            r = k(p)
            self.set_flags(inner)
            return r

        self.set_flags(inner)
        r = self.m(node[3], pos, after)
        self.set_flags(outer)
        return r

    def seq(self, items, i, pos, k):
        if i == len(items):
            return k(pos)
        node = items[i]
        if node[0] in ("lit", "any", "cls", "set"):
            # Plain characters one after the other, without a continuation each.
            while node[0] in ("lit", "any", "cls", "set"):
                if not self.single(node, pos):
                    return None
                pos += 1
                i += 1
                if i == len(items):
                    return k(pos)
                node = items[i]
        return self.m(node, pos, lambda p: self.seq(items, i + 1, p, k))

    def rep(self, node, pos, k):
        sub, lo, hi, greedy = node[1], node[2], node[3], node[4]
        if sub[0] in ("lit", "any", "cls", "set"):
            # A repeated single character: count how far it goes, then try the lengths.
            n = 0
            limit = hi if hi is not None else self.end - pos
            while n < limit and self.single(sub, pos + n):
                n += 1
            if n < lo:
                return None
            if greedy:
                for c in range(n, lo - 1, -1):
                    r = k(pos + c)
                    if r is not None:
                        return r
            else:
                for c in range(lo, n + 1):
                    r = k(pos + c)
                    if r is not None:
                        return r
            return None
        return self.rep_general(sub, lo, hi, greedy, pos, 0, k)

    def rep_general(self, sub, lo, hi, greedy, pos, count, k):
        def again(p):
            if p == pos and count >= lo:
                return k(p)  # an empty iteration: keep its groups, stop repeating
            return self.rep_general(sub, lo, hi, greedy, p, count + 1, k)

        can_more = hi is None or count < hi
        if count < lo:
            return self.m(sub, pos, again)
        if greedy:
            if can_more:
                r = self.m(sub, pos, again)
                if r is not None:
                    return r
            return k(pos)
        r = k(pos)
        if r is not None:
            return r
        if can_more:
            return self.m(sub, pos, again)
        return None


def _class_match(c, ascii_only, ch):
    if c == "d":
        return _is_digit(ch, ascii_only)
    if c == "D":
        return not _is_digit(ch, ascii_only)
    if c == "w":
        return _is_word(ch, ascii_only)
    if c == "W":
        return not _is_word(ch, ascii_only)
    if c == "s":
        return _is_space(ch, ascii_only)
    return not _is_space(ch, ascii_only)


class Match:
    def __init__(self, pattern, string, pos, endpos, spans):
        self.re = pattern
        self.string = string
        self.pos = pos
        self.endpos = endpos
        self._spans = spans
        last = None
        for i in range(1, len(spans)):
            if spans[i] is not None:
                if last is None or spans[i][1] >= spans[last][1]:
                    last = i
        self.lastindex = last
        self.lastgroup = None
        if last is not None:
            for name, idx in pattern.groupindex.items():
                if idx == last:
                    self.lastgroup = name

    def _index(self, g):
        if isinstance(g, str):
            if g in self.re.groupindex:
                return self.re.groupindex[g]
            raise IndexError("no such group")
        if isinstance(g, int) and 0 <= g < len(self._spans):
            return g
        raise IndexError("no such group")

    def group(self, *groups):
        if not groups:
            groups = (0,)
        vals = []
        for g in groups:
            s = self._spans[self._index(g)]
            vals.append(None if s is None else self.string[s[0]:s[1]])
        return vals[0] if len(vals) == 1 else tuple(vals)

    def __getitem__(self, g):
        return self.group(g)

    def groups(self, default=None):
        return tuple(default if s is None else self.string[s[0]:s[1]]
                     for s in self._spans[1:])

    def groupdict(self, default=None):
        return {name: self.group(idx) if self._spans[idx] is not None else default
                for name, idx in self.re.groupindex.items()}

    def start(self, g=0):
        s = self._spans[self._index(g)]
        return -1 if s is None else s[0]

    def end(self, g=0):
        s = self._spans[self._index(g)]
        return -1 if s is None else s[1]

    def span(self, g=0):
        s = self._spans[self._index(g)]
        return (-1, -1) if s is None else s

    @property
    def regs(self):
        return tuple((-1, -1) if s is None else s for s in self._spans)

    def expand(self, template):
        return _expand(self.re, template, self)

    def __bool__(self):
        return True

    def __repr__(self):
        return "<re.Match object; span=%r, match=%r>" % (self._spans[0],
                                                         self.string[self._spans[0][0]:
                                                                     self._spans[0][1]])


class Pattern:
    def __init__(self, pattern, flags):
        self.pattern = pattern
        if isinstance(pattern, bytes):
            raise TypeError("hpymove's re matches str patterns only")
        p = _Parser(pattern, flags)
        self._node = p.parse()
        self.flags = int(p.flags) | (0 if p.flags & A else int(U))
        self.groups = p.ngroups
        self.groupindex = dict(p.names)

    def __repr__(self):
        text = repr(self.pattern)
        shown = []
        for name, bit in (("re.TEMPLATE", T), ("re.IGNORECASE", I), ("re.LOCALE", L),
                          ("re.MULTILINE", M), ("re.DOTALL", S), ("re.VERBOSE", X),
                          ("re.DEBUG", DEBUG), ("re.ASCII", A)):
            if self.flags & bit:
                shown.append(name)
        if shown:
            return "re.compile(%s, %s)" % (text, "|".join(shown))
        return "re.compile(%s)" % text

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def _at(self, string, pos, endpos, full, nonempty=False):
        m = _Matcher(self, string, self.flags, self.groups, endpos)
        if full:
            end = m.m(self._node, pos, lambda p: p if p == endpos else None)
        elif nonempty:
            end = m.m(self._node, pos, lambda p: p if p != pos else None)
        else:
            end = m.m(self._node, pos, lambda p: p)
        if end is None:
            return None
        spans = list(m.groups)
        spans[0] = (pos, end)
        return Match(self, string, pos, endpos, spans)

    def _bounds(self, string, pos, endpos):
        if not isinstance(string, str):
            raise TypeError("expected string or bytes-like object, got '%s'"
                            % type(string).__name__)
        n = len(string)
        if endpos is None or endpos > n:
            endpos = n
        if pos < 0:
            pos = 0
        return min(pos, n), max(endpos, 0)

    def match(self, string, pos=0, endpos=None):
        pos, endpos = self._bounds(string, pos, endpos)
        return self._at(string, pos, endpos, False)

    def fullmatch(self, string, pos=0, endpos=None):
        pos, endpos = self._bounds(string, pos, endpos)
        return self._at(string, pos, endpos, True)

    def search(self, string, pos=0, endpos=None):
        pos, endpos = self._bounds(string, pos, endpos)
        while pos <= endpos:
            m = self._at(string, pos, endpos, False)
            if m is not None:
                return m
            pos += 1
        return None

    def finditer(self, string, pos=0, endpos=None):
        pos, endpos = self._bounds(string, pos, endpos)
        # After an empty match, the next match may start at the same place only if it
        # is not empty (CPython 3.7+).
        nonempty = False
        while pos <= endpos:
            m = self._at(string, pos, endpos, False, nonempty)
            if m is None:
                pos += 1
                nonempty = False
                continue
            yield m
            s, e = m._spans[0]
            pos = e
            nonempty = s == e

    def findall(self, string, pos=0, endpos=None):
        out = []
        for m in self.finditer(string, pos, endpos):
            if self.groups == 0:
                out.append(m.group(0))
            elif self.groups == 1:
                out.append(m.group(1) or "")
            else:
                out.append(tuple(g or "" for g in m.groups()))
        return out

    def split(self, string, maxsplit=0):
        out = []
        last = 0
        n = 0
        for m in self.finditer(string):
            if maxsplit and n >= maxsplit:
                break
            s, e = m.span()
            out.append(string[last:s])
            out.extend(m.groups())
            last = e
            n += 1
        out.append(string[last:])
        return out

    def subn(self, repl, string, count=0):
        if callable(repl):
            fn = repl
        else:
            template = repl

            def fn(m):
                return _expand(self, template, m)
        out = []
        last = 0
        n = 0
        for m in self.finditer(string):
            if count and n >= count:
                break
            s, e = m.span()
            out.append(string[last:s])
            out.append(fn(m))
            last = e
            n += 1
        out.append(string[last:])
        return "".join(out), n

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def scanner(self, string, pos=0, endpos=None):
        raise NotImplementedError("Pattern.scanner is not supported by hpymove")


def _expand(pattern, template, m):
    out = []
    i = 0
    n = len(template)
    while i < n:
        c = template[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        if i + 1 >= n:
            raise error("bad escape (end of pattern)", template, i)
        d = template[i + 1]
        if d == "g":
            end = template.find(">", i)
            if i + 2 >= n or template[i + 2] != "<" or end < 0:
                raise error("missing <", template, i + 2)
            name = template[i + 3:end]
            if name.isdigit():
                idx = int(name)
                if idx > pattern.groups:
                    raise error("invalid group reference %d" % idx, template, i + 3)
            elif name in pattern.groupindex:
                idx = pattern.groupindex[name]
            else:
                raise IndexError("unknown group name %r" % name)
            out.append(m.group(idx) or "")
            i = end + 1
        elif d in _DIGITS:
            j = i + 1
            while j < n and j < i + 3 and template[j] in _DIGITS:
                j += 1
            idx = int(template[i + 1:j])
            if idx > pattern.groups:
                raise error("invalid group reference %d" % idx, template, i + 1)
            out.append(m.group(idx) or "")
            i = j
        elif d in _ESCAPES:
            out.append(_ESCAPES[d])
            i += 2
        elif d.isascii() and d.isalpha():
            raise error("bad escape \\%s" % d, template, i)
        else:
            out.append("\\" + d)
            i += 2
    return "".join(out)


_cache = {}


def compile(pattern, flags=0):
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    key = (type(pattern), pattern, flags)
    p = _cache.get(key)
    if p is None:
        if not isinstance(pattern, (str, bytes)):
            raise TypeError("first argument must be string or compiled pattern")
        p = Pattern(pattern, flags)
        if len(_cache) > 200:
            _cache.clear()
        _cache[key] = p
    return p


def purge():
    _cache.clear()


def search(pattern, string, flags=0):
    return compile(pattern, flags).search(string)


def match(pattern, string, flags=0):
    return compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return compile(pattern, flags).fullmatch(string)


def findall(pattern, string, flags=0):
    return compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return compile(pattern, flags).finditer(string)


def split(pattern, string, maxsplit=0, flags=0):
    return compile(pattern, flags).split(string, maxsplit)


def sub(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).subn(repl, string, count)


_SPECIAL = set("()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c")


def escape(pattern):
    if isinstance(pattern, str):
        return "".join("\\" + c if c in _SPECIAL else c for c in pattern)
    raise TypeError("hpymove's re.escape takes a str")
