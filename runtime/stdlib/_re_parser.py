"""`re`'s parser: Python 3.11's pattern syntax into a tree that `_re_translate` turns into the
regex engine's syntax. Errors are CPython's (`re.error` with its message and position).

The tree: tuples whose first item names the node. `("seq", [items])`, `("alt", [seqs])`,
`("lit", ch)`, `("any",)`, `("cls", letter, ascii)` for `\\d \\w \\s` and their negations,
`("set", negated, items)`, anchors `("bol",)`, `("eol",)`, `("bos",)`, `("eos",)`,
`("wordb", ascii)`, `("nwordb", ascii)`, `("group", index, node)`, `("rep", node, lo, hi,
mode)` (mode "greedy", "lazy" or "possessive"), `("atomic", node)`, `("scoped", on, off,
node)`, `("look", ahead, negated, node, width)`, `("backref", index)`, `("cond", index,
yes, no)`. Each node is parsed under the flags in force where it stands: `("cls", ...)`
carries its ASCII choice, `("scoped", ...)` the flags it turns on and off.
"""

from _re_constants import A, I, L, M, S, U, X, FLAG_LETTERS as _FLAG_LETTERS, error

_DIGITS = "0123456789"
_SPACES = " \t\n\r\x0b\x0c"


_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
            "\\": "\\"}


class Parser:
    """Parses `pattern` (a str; a bytes pattern arrives decoded as latin-1 with `is_bytes`)
    under `flags`. After `parse()`: `flags` with the leading inline flags added,
    `ngroups`, `names` (name -> index) and `parents` (index -> the capturing group that
    encloses it, or 0)."""

    def __init__(self, pattern, flags, is_bytes=False):
        self.p = pattern
        self.i = 0
        self.flags = flags
        self.is_bytes = is_bytes
        self.ngroups = 0
        self.names = {}
        self.open_groups = []
        self.parents = {}

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
                f |= self.flag_letter(j, f)
                j += 1
            if j < len(self.p) and self.p[j] == ")" and j > self.i + 2:
                self.flags |= f
                self.i = j + 1
                self.skip_verbose()
            else:
                return

    def flag_letter(self, j, seen):
        """The flag of the inline letter at j, refused as CPython refuses it."""
        c = self.p[j]
        f = _FLAG_LETTERS[c]
        if c == "L" and not self.is_bytes:
            self.err("bad inline flags: cannot use 'L' flag with a str pattern", j + 1)
        if c == "u" and self.is_bytes:
            self.err("bad inline flags: cannot use 'u' flag with a bytes pattern", j + 1)
        if f & (A | U | L) and seen & (A | U | L) and not seen & f:
            self.err("bad inline flags: flags 'a', 'u' and 'L' are incompatible", j + 1)
        return f

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
        nxt = self.peek()
        if nxt == "*" or (nxt == "{" and self.is_repeat(self.i)):
            self.err("multiple repeat")
        mode = "greedy"
        if self.peek() == "?":
            self.i += 1
            mode = "lazy"
        elif self.peek() == "+":
            self.i += 1
            mode = "possessive"
        nxt = self.peek()
        if nxt is not None and (nxt in "*+?" or (nxt == "{" and self.is_repeat(self.i))):
            self.err("multiple repeat")
        return ("rep", atom, lo, hi, mode)

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
            if c is None:
                self.err("unexpected end of pattern", len(self.p))
            if c == ":":
                self.i += 1
                node = self.alternation()
                self.close(start)
                return node
            if c == "P":
                self.i += 1
                if self.peek() is None:
                    self.err("unexpected end of pattern", len(self.p))
                if self.peek() == "<":
                    self.i += 1
                    end = self.p.find(">", self.i)
                    if end < 0:
                        self.err("missing >, unterminated name")
                    name = self.p[self.i:end]
                    if not name:
                        self.err("missing group name")
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
                self.err("unknown extension ?P" + self.peek(), start + 1)
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
                w = width(node)
                if w is None:
                    raise error("look-behind requires fixed-width pattern")
                return ("look", False, neg, node, w)
            if c == "#":
                end = self.p.find(")", self.i)
                if end < 0:
                    self.err("missing ), unterminated comment", start)
                self.i = end + 1
                return None
            if c == "(":
                return self.conditional(start)
            if c == ">":
                # An atomic group: its first match is kept, never backtracked into.
                self.i += 1
                node = self.alternation()
                self.close(start)
                return ("atomic", node)
            if c == "<":
                if self.peek(1) is None:
                    self.err("unexpected end of pattern", len(self.p))
                self.err("unknown extension ?<" + self.peek(1), start + 1)
            if c is not None and (c in _FLAG_LETTERS or c == "-"):
                return self.scoped_flags(start)
            self.err("unknown extension ?" + (c or ""), start + 1)
        return self.capture(start, None)

    def conditional(self, start):
        """`(?(group)yes|no)`: `yes` if the group took part in the match, else `no`."""
        self.i += 1
        end = self.p.find(")", self.i)
        if end < 0:
            self.err("missing ), unterminated name")
        name = self.p[self.i:end]
        if not name:
            self.err("missing group name")
        if name.isdigit() and name.isascii():
            idx = int(name)
            if idx == 0:
                self.err("bad group number", self.i)
            if idx >= 100:
                self.err("invalid group reference %d" % idx, self.i)
        elif not name.isidentifier():
            self.err("bad character in group name %r" % name, self.i)
        elif name not in self.names:
            self.err("unknown group name %r" % name, self.i)
        else:
            idx = self.names[name]
        self.i = end + 1
        yes = ("seq", self.sequence())
        no = ("seq", [])
        if self.peek() == "|":
            self.i += 1
            no = ("seq", self.sequence())
            if self.peek() == "|":
                self.err("conditional backref with more than two branches")
        self.close(start)
        if idx > self.ngroups:
            self.err("invalid group reference %d" % idx, start + 3)
        return ("cond", idx, yes, no)

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
                f = self.flag_letter(self.i, on)
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
        self.parents[idx] = self.open_groups[-1] if self.open_groups else 0
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
        ascii_only = bool(self.flags & (A | L)) or self.is_bytes
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
                start = self.i - 1
                three = self.p[start:start + 3]
                if len(three) == 3 and all(ch in "01234567" for ch in three):
                    # Three octal digits: a character, not a group.
                    v = int(three, 8)
                    if v > 0o377:
                        self.err("octal escape value \\%s outside of range 0-0o377" % three,
                                 start - 1)
                    self.i = start + 3
                    return ("lit", chr(v))
                j = self.i
                if j < len(self.p) and self.p[j] in _DIGITS:
                    j += 1
                num = int(self.p[start:j])
                self.i = j
                if num > self.ngroups:
                    self.err("invalid group reference %d" % num, start)
                if num in self.open_groups:
                    self.err("cannot refer to an open group", start - 1)
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
        if c in "uUN" and self.is_bytes:
            self.err("bad escape \\%s" % c, self.i - 2)
        if c == "N":
            return ("lit", self.named_char())
        if c == "u":
            return ("lit", chr(self.hex_digits(4, c)))
        if c == "U":
            start = self.i - 2
            v = self.hex_digits(8, c)
            if v > 0x10FFFF:
                self.err("bad escape \\U%08x" % v, start)
            return ("lit", chr(v))
        if c.isalnum() and c.isascii():
            self.err("bad escape \\%s" % c, self.i - 2)
        return ("lit", c)

    def named_char(self):
        """`\\N{name}`: needs Unicode's character names, which hpymove does not carry."""
        if self.peek() != "{":
            self.err("missing {", self.i)
        end = self.p.find("}", self.i)
        name = self.p[self.i + 1:end if end >= 0 else len(self.p)]
        if not name:
            self.err("missing character name", self.i + 1)
        if end < 0:
            self.err("missing }, unterminated name", self.i + 1)
        try:
            import unicodedata
        except ImportError:
            self.err("hpymove's re cannot resolve \\N{%s}: no Unicode character names"
                     " (unicodedata) in this runtime" % name, self.i - 2)
        try:
            ch = unicodedata.lookup(name)
        except KeyError:
            self.err("undefined character name %r" % name, self.i - 2)
        self.i = end + 1
        return ch

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
            item = self.i
            self.i += 1
            cls = None
            if c == "\\":
                e = self.escape(True)
                if e[0] == "cls":
                    cls = e
                else:
                    lo = e[1]
            else:
                lo = c
            ranged = self.peek() == "-" and self.peek(1) is not None and self.peek(1) != "]"
            if cls is not None and not ranged:
                items.append(cls)
            elif ranged:
                dash = self.i
                self.i += 1
                h = self.p[self.i]
                self.i += 1
                hcls = False
                if h == "\\":
                    e = self.escape(True)
                    hcls = e[0] == "cls"
                    h = e[1]
                if cls is not None or hcls or ord(h) < ord(lo):
                    self.err("bad character range %s-%s"
                             % (self.p[item:dash], self.p[dash + 1:self.i]), item)
                items.append(("range", lo, h))
            else:
                items.append(("lit", lo))
        return ("set", negated, items)


def width(node):
    """The fixed width of a node, or None."""
    kind = node[0]
    if kind in ("lit", "any", "cls", "set"):
        return 1
    if kind in ("bol", "eol", "bos", "eos", "wordb", "nwordb", "look"):
        return 0
    if kind == "cond":
        yes, no = width(node[2]), width(node[3])
        return yes if yes == no else None
    if kind == "seq":
        total = 0
        for n in node[1]:
            w = width(n)
            if w is None:
                return None
            total += w
        return total
    if kind == "alt":
        ws = set(width(b) for b in node[1])
        if len(ws) == 1:
            return ws.pop()
        return None
    if kind == "group":
        return width(node[2])
    if kind == "atomic":
        return width(node[1])
    if kind == "scoped":
        return width(node[3])
    if kind == "rep":
        w = width(node[1])
        if w is not None and node[2] == node[3]:
            return w * node[2]
        return None
    return None

