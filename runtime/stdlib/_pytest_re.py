"""A small regular-expression matcher for `pytest.raises(match=...)` and `ExceptionInfo.match`
while hpymove has no `re` module (`re.search` semantics on what test suites write: literals,
`.`, `^`, `$`, `*`, `+`, `?`, `{m,n}`, classes `[...]`, `\\d \\w \\s` and their negations,
escapes, groups `(...)`/`(?:...)` and `|`). A backtracking matcher: fine for messages."""

_META = set(".^$*+?{}[]()|\\")


def _class_of(ch):
    if ch == "d":
        return ("set", False, [("range", "0", "9")])
    if ch == "D":
        return ("set", True, [("range", "0", "9")])
    if ch == "w":
        return ("set", False, [("range", "a", "z"), ("range", "A", "Z"), ("range", "0", "9"),
                               ("char", "_")])
    if ch == "W":
        return ("set", True, [("range", "a", "z"), ("range", "A", "Z"), ("range", "0", "9"),
                              ("char", "_")])
    if ch == "s":
        return ("set", False, [("char", c) for c in " \t\n\r\f\v"])
    if ch == "S":
        return ("set", True, [("char", c) for c in " \t\n\r\f\v"])
    return None


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "0": "\0"}


class _Parser:
    def __init__(self, pattern):
        self.p = pattern
        self.i = 0

    def error(self, msg):
        raise ValueError("%s at position %d" % (msg, self.i))

    def peek(self):
        return self.p[self.i] if self.i < len(self.p) else None

    def alternation(self):
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        return ("alt", branches)

    def sequence(self):
        items = []
        while True:
            c = self.peek()
            if c is None or c == "|" or c == ")":
                return items
            atom = self.atom()
            items.append(self.quantified(atom))

    def quantified(self, atom):
        c = self.peek()
        lo = hi = None
        if c == "*":
            lo, hi = 0, -1
        elif c == "+":
            lo, hi = 1, -1
        elif c == "?":
            lo, hi = 0, 1
        elif c == "{":
            end = self.p.find("}", self.i)
            body = self.p[self.i + 1:end] if end > 0 else ""
            parts = body.split(",")
            if end > 0 and len(parts) <= 2 and all(x.strip().isdigit() or x == "" for x in parts):
                lo = int(parts[0]) if parts[0] else 0
                if len(parts) == 1:
                    hi = lo
                else:
                    hi = int(parts[1]) if parts[1] else -1
                self.i = end
            else:
                return atom
        else:
            return atom
        self.i += 1
        greedy = True
        if self.peek() == "?":
            greedy = False
            self.i += 1
        return ("repeat", atom, lo, hi, greedy)

    def atom(self):
        c = self.p[self.i]
        self.i += 1
        if c == ".":
            return ("any",)
        if c == "^":
            return ("bol",)
        if c == "$":
            return ("eol",)
        if c == "(":
            if self.p.startswith("?:", self.i):
                self.i += 2
            elif self.peek() == "?":
                self.error("unsupported group")
            inner = self.alternation()
            if self.peek() != ")":
                self.error("missing ), unterminated subpattern")
            self.i += 1
            return ("group", inner)
        if c == "[":
            return self.char_class()
        if c == "\\":
            return self.escape(False)
        return ("char", c)

    def escape(self, in_class):
        if self.i >= len(self.p):
            self.error("bad escape (end of pattern)")
        c = self.p[self.i]
        self.i += 1
        cls = _class_of(c)
        if cls is not None:
            return cls
        if c in _ESCAPES:
            return ("char", _ESCAPES[c])
        if not in_class and c == "b":
            return ("wordb",)
        return ("char", c)

    def char_class(self):
        negate = False
        if self.peek() == "^":
            negate = True
            self.i += 1
        items = []
        first = True
        while True:
            c = self.peek()
            if c is None:
                self.error("unterminated character set")
            if c == "]" and not first:
                self.i += 1
                return ("set", negate, items)
            first = False
            self.i += 1
            if c == "\\":
                item = self.escape(True)
            else:
                item = ("char", c)
            if (item[0] == "char" and self.peek() == "-" and self.i + 1 < len(self.p)
                    and self.p[self.i + 1] != "]"):
                self.i += 1
                hi = self.p[self.i]
                self.i += 1
                if hi == "\\":
                    hi = self.escape(True)[1]
                item = ("range", item[1], hi)
            items.append(item)


def _in_set(node, ch):
    hit = False
    for item in node[2]:
        kind = item[0]
        if kind == "char":
            hit = ch == item[1]
        elif kind == "range":
            hit = item[1] <= ch <= item[2]
        else:
            hit = _in_set(item, ch)
        if hit:
            break
    return hit != node[1]


def _is_word(ch):
    return ch.isalnum() or ch == "_"


def _match_seq(items, k, text, pos, cont):
    """Matches items[k:] at pos, then calls cont(end) (the rest of the pattern)."""
    if k == len(items):
        return cont(pos)
    node = items[k]
    kind = node[0]

    def rest(p):
        return _match_seq(items, k + 1, text, p, cont)

    if kind == "repeat":
        return _match_repeat(node, 0, text, pos, rest)
    return _match_node(node, text, pos, rest)


def _match_node(node, text, pos, cont):
    kind = node[0]
    if kind == "char":
        if pos < len(text) and text[pos] == node[1]:
            return cont(pos + 1)
        return None
    if kind == "any":
        if pos < len(text) and text[pos] != "\n":
            return cont(pos + 1)
        return None
    if kind == "set":
        if pos < len(text) and _in_set(node, text[pos]):
            return cont(pos + 1)
        return None
    if kind == "bol":
        return cont(pos) if pos == 0 else None
    if kind == "eol":
        if pos == len(text) or (pos == len(text) - 1 and text[pos] == "\n"):
            return cont(pos)
        return None
    if kind == "wordb":
        before = pos > 0 and _is_word(text[pos - 1])
        after = pos < len(text) and _is_word(text[pos])
        return cont(pos) if before != after else None
    if kind == "group":
        return _match_node(node[1], text, pos, cont)
    if kind == "alt":
        for branch in node[1]:
            r = _match_seq(branch, 0, text, pos, cont)
            if r is not None:
                return r
        return None
    if kind == "repeat":
        return _match_repeat(node, 0, text, pos, cont)
    raise ValueError("bad node %r" % (kind,))


def _single(atom, text, pos):
    return _match_node(atom, text, pos, lambda p: p) is not None


def _match_repeat(node, count, text, pos, cont):
    _, atom, lo, hi, greedy = node
    if atom[0] in ("char", "any", "set"):
        # One character per iteration: count the run, then try the rest from each end
        # (no recursion per character).
        n = 0
        while (hi == -1 or n < hi) and pos + n < len(text) and _single(atom, text, pos + n):
            n += 1
        if n < lo:
            return None
        ends = range(pos + n, pos + lo - 1, -1) if greedy else range(pos + lo, pos + n + 1)
        for end in ends:
            r = cont(end)
            if r is not None:
                return r
        return None

    def more():
        if hi != -1 and count >= hi:
            return None

        def after_one(p):
            if p == pos and count >= lo:
                return None  # an empty iteration would loop for ever
            return _match_repeat(node, count + 1, text, p, cont)

        return _match_node(atom, text, pos, after_one)

    if count < lo:
        return more()
    if greedy:
        r = more()
        return r if r is not None else cont(pos)
    r = cont(pos)
    return r if r is not None else more()


class Match:
    def __init__(self, string, start, end):
        self.string = string
        self._start = start
        self._end = end

    def start(self):
        return self._start

    def end(self):
        return self._end

    def group(self, n=0):
        if n != 0:
            raise IndexError("no such group")
        return self.string[self._start:self._end]

    def span(self):
        return (self._start, self._end)


def search(pattern, text):
    """`re.search(pattern, text)`: a Match or None."""
    if not any(c in _META for c in pattern):
        at = text.find(pattern)
        return None if at < 0 else Match(text, at, at + len(pattern))
    parser = _Parser(pattern)
    tree = parser.alternation()
    if parser.i != len(pattern):
        parser.error("unbalanced parenthesis")
    for start in range(len(text) + 1):
        end = _match_node(tree, text, start, lambda p: p)
        if end is not None:
            return Match(text, start, end)
    return None


def escape(text):
    return "".join("\\" + c if c in _META or c in " #&~-" else c for c in text)
