"""Regular expressions: Python 3.11's `re`, over the `fancy-regex` crate (native `_regex`).

`_re_parser` reads Python's syntax (its errors are CPython's: message, `pos`, `lineno`,
`colno`), `_re_translate` spells the tree in the engine's syntax with Python's meaning, and
`_regex` compiles that once per pattern and matches it, in str (code-point) or bytes
positions. This file is the API: `Pattern`, `Match`, the module functions, templates.

Supported: all of Python 3.11's syntax — literals and escapes (`\\xhh \\uhhhh \\Uhhhhhhhh`,
octal), `.`, sets, `\\d \\w \\s` and negations (Unicode or ASCII), anchors `^ $ \\A \\Z \\b \\B`,
greedy, lazy and possessive quantifiers with `{m,n}` and `{,n}`, capturing, named and
non-capturing groups, back-references `\\1` and `(?P=name)`, look-ahead and fixed-width
look-behind, atomic groups, conditional groups `(?(1)yes|no)`, inline flags at the start and
scoped `(?i-s:...)`, the flags I M S X A U L; str and bytes patterns and subjects (a
bytes-like subject is matched as `bytes(subject)`); CPython's rules for empty matches in
`finditer`, `sub` and `split`.

What differs from CPython:
- `\\N{name}` needs `unicodedata`, which hpymove does not have: it raises re.error.
- A repeated group whose body can match empty: CPython ends the repeat with one more,
  empty, iteration and reports that one's groups; the engine keeps the last non-empty
  iteration's (`(a*)*b` on "aaab": group 1 is "aaa" here, "" in CPython). The match
  itself is the same.
- Case-insensitive matching uses Unicode simple case folding (plus `i I ı İ` as one, as in
  Python); CPython compares lower-case forms, which differs for a few exotic letters. With
  ASCII and IGNORECASE, a back-reference still folds with Unicode's rules.
- Unicode `\\b`/`\\B` use the engine's word characters (letters, marks, digits, connector
  punctuation) where CPython uses `str.isalnum()` and `_`: they differ at combining marks,
  `‿`-like connectors and non-decimal numbers such as `²`. `\\w` itself is Python's.
- LOCALE (bytes patterns only) is taken as ASCII: no locale-dependent classes or case.
- Unicode classes follow the crate's Unicode version (15+), CPython 3.11 uses Unicode 14.
- A match attempt that backtracks more than 50 million steps raises RuntimeError (CPython
  keeps going); a pattern whose compiled automaton would exceed 256 MB (large counted
  repeats of Unicode classes, such as `\\w{1,10000}`) raises re.error.
- `RegexFlag` is an int subclass, not an enum; `re.DEBUG` prints nothing; `Pattern.scanner`
  is the undocumented scanner with `match()` and `search()`.
"""

import _regex
from _re_constants import (RegexFlag, NOFLAG, T, TEMPLATE, I, IGNORECASE, L, LOCALE, M,
                           MULTILINE, S, DOTALL, U, UNICODE, X, VERBOSE, DEBUG, A, ASCII, error)
from _re_parser import Parser as _Parser
from _re_translate import translate as _translate

__all__ = ["compile", "search", "match", "fullmatch", "split", "findall", "finditer", "sub",
           "subn", "escape", "purge", "template", "error", "Pattern", "Match", "A", "I", "M",
           "S", "X", "U", "L", "ASCII", "IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE",
           "UNICODE", "LOCALE", "NOFLAG", "RegexFlag"]

_DIGITS = "0123456789"
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
            "\\": "\\"}
_MAXSIZE = 9223372036854775807
# How many matches finditer asks the matcher for at a time (then twice as many, up to 4096).
_FIRST_CHUNK = 16


class Match:
    """One match: `_regs` holds the start and end of every group in turn (-1: no part)."""

    def __init__(self, pattern, string, pos, endpos, regs):
        self.re = pattern
        self.string = string
        self.pos = pos
        self.endpos = endpos
        self._regs = regs

    def _index(self, g):
        if isinstance(g, str):
            idx = self.re.groupindex.get(g)
            if idx is not None:
                return idx
        elif isinstance(g, int) or hasattr(g, "__index__"):
            try:
                idx = g.__index__()
            except (TypeError, AttributeError):
                idx = -1
            if 0 <= idx <= self.re.groups:
                return idx
        raise IndexError("no such group")

    def _get(self, idx, default=None):
        s = self._regs[2 * idx]
        if s < 0:
            return default
        return self.string[s:self._regs[2 * idx + 1]]

    def group(self, *groups):
        if not groups:
            return self._get(0)
        if len(groups) == 1:
            return self._get(self._index(groups[0]))
        return tuple(self._get(self._index(g)) for g in groups)

    def __getitem__(self, g):
        return self._get(self._index(g))

    def groups(self, default=None):
        return tuple(self._get(i, default) for i in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        return {name: self._get(idx, default) for name, idx in self.re.groupindex.items()}

    def start(self, g=0):
        return self._regs[2 * self._index(g)]

    def end(self, g=0):
        return self._regs[2 * self._index(g) + 1]

    def span(self, g=0):
        idx = self._index(g)
        return (self._regs[2 * idx], self._regs[2 * idx + 1])

    @property
    def regs(self):
        r = self._regs
        return tuple((r[2 * i], r[2 * i + 1]) for i in range(self.re.groups + 1))

    @property
    def lastindex(self):
        """The group that closed last: the one ending last, the outer of two nested
        groups ending together, else the later one."""
        best = None
        r = self._regs
        parents = self.re._parents
        for i in range(1, self.re.groups + 1):
            if r[2 * i] < 0:
                continue
            if best is None or r[2 * i + 1] > r[2 * best + 1]:
                best = i
            elif r[2 * i + 1] == r[2 * best + 1] and not _encloses(parents, best, i):
                best = i
        return best

    @property
    def lastgroup(self):
        last = self.lastindex
        if last is None:
            return None
        for name, idx in self.re.groupindex.items():
            if idx == last:
                return name
        return None

    def expand(self, template):
        return _expand_parts(self, _compile_template(self.re, template))

    def __bool__(self):
        return True

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __repr__(self):
        return "<re.Match object; span=%r, match=%r>" % (self.span(), self.group())


def _encloses(parents, outer, inner):
    p = parents.get(inner, 0)
    while p:
        if p == outer:
            return True
        p = parents.get(p, 0)
    return False


def _index(v):
    if isinstance(v, int):
        return v
    if hasattr(type(v), "__index__"):
        return v.__index__()
    raise TypeError("'%s' object cannot be interpreted as an integer" % type(v).__name__)


def _subject(pattern, string):
    """What the matcher reads: the str or bytes itself, or a bytes-like object's bytes."""
    if isinstance(string, (str, bytes)):
        return string
    if pattern._is_bytes and isinstance(string, (bytearray, memoryview)):
        return bytes(string)
    if isinstance(string, (bytearray, memoryview)):
        raise TypeError("cannot use a string pattern on a bytes-like object")
    raise TypeError("expected string or bytes-like object, got '%s'" % type(string).__name__)


class Pattern:
    def __init__(self, pattern, flags):
        flags = int(flags)
        is_bytes = isinstance(pattern, bytes)
        if is_bytes:
            if flags & U:
                raise ValueError("cannot use UNICODE flag with a bytes pattern")
            if flags & L and flags & A:
                raise ValueError("ASCII and LOCALE flags are incompatible")
            text = pattern.decode("latin-1")
        else:
            if flags & L:
                raise ValueError("cannot use LOCALE flag with a str pattern")
            if flags & A and flags & U:
                raise ValueError("ASCII and UNICODE flags are incompatible")
            text = pattern
        p = _Parser(text, flags, is_bytes)
        try:
            tree = p.parse()
        except error as e:
            if is_bytes:
                # Report against the pattern the caller gave.
                raise error(e.msg, pattern, e.pos) from None
            raise
        self.pattern = pattern
        self._is_bytes = is_bytes
        self.flags = int(p.flags) | (0 if p.flags & (A | L) or is_bytes else int(U))
        self.groups = p.ngroups
        self.groupindex = dict(p.names)
        self._parents = p.parents
        self._source = _translate(tree, p.flags, is_bytes)
        self._rx = self._compile(self._source)
        self._full = None

    def _compile(self, source):
        try:
            return _regex.compile(source, self._is_bytes)
        except ValueError as e:
            raise error("the regex engine refused the pattern: %s" % e, self.pattern,
                        0) from None

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

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def _bounds(self, endpos, string):
        n = len(string)
        return n if endpos > n else endpos

    def _one(self, rx, string, pos, endpos, anchored):
        pos, endpos = _index(pos), _index(endpos)
        subject = _subject(self, string)
        endpos = self._bounds(endpos, subject)
        regs = _regex.scan(rx, subject, pos, endpos, anchored, False, 1)
        if not regs:
            return None
        return Match(self, string, max(0, min(pos, len(subject))), max(endpos, 0), regs)

    def match(self, string, pos=0, endpos=_MAXSIZE):
        return self._one(self._rx, string, pos, endpos, True)

    def search(self, string, pos=0, endpos=_MAXSIZE):
        return self._one(self._rx, string, pos, endpos, False)

    def fullmatch(self, string, pos=0, endpos=_MAXSIZE):
        if self._full is None:
            self._full = self._compile("(?:" + self._source + ")\\z")
        return self._one(self._full, string, pos, endpos, True)

    def _regs(self, subject, pos, endpos, limit):
        """The groups' spans of every match, or of the first `limit` ones, in one list."""
        return _regex.scan(self._rx, subject, pos, endpos, False, False, limit)

    def finditer(self, string, pos=0, endpos=_MAXSIZE):
        pos, endpos = _index(pos), _index(endpos)
        subject = _subject(self, string)
        endpos = self._bounds(endpos, subject)
        pos = max(0, min(pos, len(subject)))
        width = 2 * (self.groups + 1)
        chunk = _FIRST_CHUNK
        must_advance = False
        while True:
            regs = _regex.scan(self._rx, subject, pos, endpos, False, must_advance, chunk)
            for k in range(0, len(regs), width):
                yield Match(self, string, pos, max(endpos, 0), regs[k:k + width])
            if len(regs) < chunk * width:
                return
            pos = regs[-width + 1]
            must_advance = regs[-width] == pos
            chunk = min(chunk * 2, 4096)

    def scanner(self, string, pos=0, endpos=_MAXSIZE):
        return _Scanner(self, string, pos, endpos)

    def findall(self, string, pos=0, endpos=_MAXSIZE):
        pos, endpos = _index(pos), _index(endpos)
        subject = _subject(self, string)
        return _regex.findall(self._rx, subject, pos, self._bounds(endpos, subject))

    def split(self, string, maxsplit=0):
        subject = _subject(self, string)
        if maxsplit < 0:
            return [string[:]]
        regs = self._regs(subject, 0, len(subject), maxsplit)
        width = 2 * (self.groups + 1)
        out = []
        last = 0
        for k in range(0, len(regs), width):
            out.append(string[last:regs[k]])
            for g in range(1, self.groups + 1):
                s = regs[k + 2 * g]
                out.append(None if s < 0 else string[s:regs[k + 2 * g + 1]])
            last = regs[k + 1]
        out.append(string[last:])
        return out

    def subn(self, repl, string, count=0):
        subject = _subject(self, string)
        empty = subject[:0]
        if callable(repl):
            parts = None
        else:
            parts = _compile_template(self, repl)
        if count < 0:
            return (subject, 0)
        regs = self._regs(subject, 0, len(subject), count)
        width = 2 * (self.groups + 1)
        out = []
        last = 0
        n = 0
        for k in range(0, len(regs), width):
            if regs[k] > last:
                out.append(subject[last:regs[k]])
            m = Match(self, string, 0, len(subject), regs[k:k + width])
            # The pieces are joined as they are: a callable's wrong type fails in the join
            # with CPython's message; None adds nothing.
            piece = repl(m) if parts is None else _expand_parts(m, parts)
            if piece is not None:
                out.append(piece)
            last = regs[k + 1]
            n += 1
        out.append(subject[last:])
        return (empty.join(out), n)

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]


class _Scanner:
    """`Pattern.scanner(string)`: successive `match()` or `search()` calls, each going on
    from where the previous match ended."""

    def __init__(self, pattern, string, pos, endpos):
        pos, endpos = _index(pos), _index(endpos)
        self.pattern = pattern
        self._string = string
        self._subject = _subject(pattern, string)
        self._pos = max(0, min(pos, len(self._subject)))
        self._endpos = pattern._bounds(endpos, self._subject)
        self._must_advance = False

    def _next(self, anchored):
        if self._pos > self._endpos:
            return None
        regs = _regex.scan(self.pattern._rx, self._subject, self._pos, self._endpos,
                           anchored, self._must_advance, 1)
        if not regs:
            if anchored:
                self._pos = self._endpos + 1
            return None
        m = Match(self.pattern, self._string, self._pos, self._endpos, regs)
        self._must_advance = regs[0] == regs[1]
        self._pos = regs[1]
        return m

    def match(self):
        return self._next(True)

    def search(self):
        return self._next(False)


def _compile_template(pattern, template):
    """A replacement template as a list of texts and group indices."""
    is_bytes = isinstance(template, bytes)
    if is_bytes != pattern._is_bytes:
        # CPython's message, from the join that meets the wrong type.
        if is_bytes:
            raise TypeError("sequence item 0: expected str instance, bytes found")
        raise TypeError("sequence item 0: expected a bytes-like object, str found")
    text = template.decode("latin-1") if is_bytes else template
    parts = []
    literal = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c != "\\":
            literal.append(c)
            i += 1
            continue
        if i + 1 >= n:
            raise error("bad escape (end of pattern)", template, i)
        d = text[i + 1]
        idx = None
        if d == "g":
            if i + 2 >= n or text[i + 2] != "<":
                raise error("missing <", template, i + 2)
            end = text.find(">", i + 3)
            if end < 0:
                raise error("missing >, unterminated name", template, i + 3)
            name = text[i + 3:end]
            if not name:
                raise error("missing group name", template, i + 3)
            if name.isdigit() and name.isascii():
                idx = int(name)
                if idx > pattern.groups:
                    raise error("invalid group reference %d" % idx, template, i + 3)
            elif not name.isidentifier():
                raise error("bad character in group name %r" % name, template, i + 3)
            elif name in pattern.groupindex:
                idx = pattern.groupindex[name]
            else:
                raise IndexError("unknown group name %r" % name)
            i = end + 1
        elif d == "0":
            j = i + 2
            while j < n and j < i + 4 and text[j] in "01234567":
                j += 1
            literal.append(chr(int(text[i + 1:j], 8)))
            i = j
            continue
        elif d in _DIGITS:
            j = i + 2
            if j < n and text[j] in _DIGITS:
                if (j + 1 < n and d in "01234567" and text[j] in "01234567"
                        and text[j + 1] in "01234567"):
                    v = int(text[i + 1:j + 2], 8)
                    if v > 0o377:
                        raise error("octal escape value \\%s outside of range 0-0o377"
                                    % text[i + 1:j + 2], template, i)
                    literal.append(chr(v))
                    i = j + 2
                    continue
                j += 1
            idx = int(text[i + 1:j])
            if idx > pattern.groups:
                raise error("invalid group reference %d" % idx, template, i + 1)
            i = j
        elif d in _ESCAPES:
            literal.append(_ESCAPES[d])
            i += 2
            continue
        elif d.isascii() and d.isalpha():
            raise error("bad escape \\%s" % d, template, i)
        else:
            literal.append("\\" + d)
            i += 2
            continue
        if literal:
            parts.append("".join(literal))
            literal = []
        parts.append(idx)
    if literal:
        parts.append("".join(literal))
    if is_bytes:
        parts = [p.encode("latin-1") if isinstance(p, str) else p for p in parts]
    return parts


def _expand_parts(m, parts):
    empty = m.string[:0]
    if isinstance(empty, (bytearray, memoryview)):
        empty = b""
    out = []
    for p in parts:
        if isinstance(p, int):
            g = m._get(p)
            if g is not None:
                out.append(g)
        else:
            out.append(p)
    return empty.join(out)


_cache = {}
_MAXCACHE = 512


def compile(pattern, flags=0):
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    key = (type(pattern), pattern, int(flags))
    p = _cache.get(key)
    if p is None:
        if not isinstance(pattern, (str, bytes)):
            raise TypeError("first argument must be string or compiled pattern")
        p = Pattern(pattern, flags)
        if len(_cache) >= _MAXCACHE:
            _cache.clear()
        _cache[key] = p
    return p


def purge():
    _cache.clear()


def template(pattern, flags=0):
    return compile(pattern, flags | T)


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
    if isinstance(pattern, bytes):
        text = pattern.decode("latin-1")
        return "".join("\\" + c if c in _SPECIAL else c for c in text).encode("latin-1")
    raise TypeError("re.escape() takes a str or bytes")

