"""Shell-style wildcards (hpymove's own `fnmatch`): `*` any run of characters, `?` one
character, `[seq]` one character of seq, `[!seq]` one character not in it.

`translate` gives the regular expression CPython 3.11 gives for the same pattern (runs of
`*` become one, every `*` but the last is an atomic lazy group, the whole is `(?s:...)\\Z`),
so code that compares or combines translated patterns sees the same text.
"""

import os
import posixpath
import re

__all__ = ["filter", "fnmatch", "fnmatchcase", "translate"]

# Compiled patterns by (pattern text, str or bytes): code calls fnmatch in loops.
_compiled = {}
_CACHE_LIMIT = 256


def fnmatch(name, pat):
    """Whether `name` matches `pat`, both normalized for the platform's case rules (on
    POSIX, names are compared as they are)."""
    name = os.fspath(name)
    pat = os.fspath(pat)
    return fnmatchcase(posixpath.normcase(name), posixpath.normcase(pat))


def fnmatchcase(name, pat):
    """Whether `name` matches `pat`, case-sensitively."""
    return _matcher(pat)(name) is not None


def filter(names, pat):
    """The names of `names` that match `pat`."""
    pat = posixpath.normcase(os.fspath(pat))
    match = _matcher(pat)
    return [n for n in names if match(posixpath.normcase(os.fspath(n))) is not None]


def _matcher(pat):
    key = (type(pat), pat)
    m = _compiled.get(key)
    if m is None:
        if isinstance(pat, bytes):
            text = translate(pat.decode("latin-1"))
            compiled = re.compile(text)

            def m(name):
                return compiled.match(name.decode("latin-1"))
        elif isinstance(pat, str):
            m = re.compile(translate(pat)).match
        else:
            raise TypeError("expected str or bytes pattern, not %s" % type(pat).__name__)
        if len(_compiled) >= _CACHE_LIMIT:
            _compiled.clear()
        _compiled[key] = m
    return m


# Marks a `*` among the translated pieces.
_STAR = object()


def translate(pat):
    """The regular expression (a str) that matches what the shell pattern `pat` matches."""
    # The literal runs between the stars: the first is anchored at the start; each later
    # one but the last follows a lazy atomic `.*?` (found once, never backtracked into:
    # linear time on long names); the last follows a greedy `.*`.
    runs = [[]]
    for p in _pieces(pat):
        if p is _STAR:
            runs.append([])
        else:
            runs[-1].append(p)
    texts = ["".join(r) for r in runs]
    out = [texts[0]]
    for k in range(1, len(texts)):
        if k == len(texts) - 1:
            out.append(".*" + texts[k])
        else:
            out.append("(?>.*?%s)" % texts[k])
    return "(?s:%s)\\Z" % "".join(out)


def _pieces(pat):
    """The pattern as regex pieces, with _STAR for each run of `*`."""
    res = []
    i, n = 0, len(pat)
    while i < n:
        c = pat[i]
        i += 1
        if c == "*":
            if not res or res[-1] is not _STAR:
                res.append(_STAR)
        elif c == "?":
            res.append(".")
        elif c == "[":
            end = _class_end(pat, i)
            if end < 0:
                res.append("\\[")
            else:
                res.append(_class(pat[i:end]))
                i = end + 1
        else:
            res.append(re.escape(c))
    return res


def _class_end(pat, i):
    """Where the `]` that closes a class opened just before i is, or -1. A `]` right after
    `[` or `[!` is a member, not the end."""
    j = i
    if j < len(pat) and pat[j] == "!":
        j += 1
    if j < len(pat) and pat[j] == "]":
        j += 1
    end = pat.find("]", j)
    return end


def _class(body):
    """The regex for the class `[body]`."""
    if "-" in body:
        members = _ranges(body)
    else:
        members = body.replace("\\", "\\\\")
    # `&&`, `~~` and `||` may become set operations in a future re: escape them.
    members = "".join("\\" + ch if ch in "&~|" else ch for ch in members)
    if not members:
        return "(?!)"  # an empty class matches nothing
    if members == "!":
        return "."  # `[!]`: any character
    if members[0] == "!":
        return "[^%s]" % members[1:]
    if members[0] in "^[":
        members = "\\" + members
    return "[%s]" % members


def _ranges(body):
    """A class body with `-`: split it into the parts between range hyphens, drop the
    ranges that are empty (their low end after their high end), and escape what re would
    read as a set difference."""
    # A hyphen is a range's only if a character stands before it in its chunk: the first
    # character (after a leading `!`) can never be a range's hyphen, and after a range
    # `a-c` the next hyphen needs a character after `c`.
    chunks = []
    start = 0
    k = 2 if body.startswith("!") else 1
    while True:
        k = body.find("-", k)
        if k < 0:
            break
        chunks.append(body[start:k])
        start = k + 1
        k += 3
    tail = body[start:]
    if tail:
        chunks.append(tail)
    else:
        # A trailing hyphen is a member.
        chunks[-1] += "-"
    # An empty range (`z-a`) joins its neighbours without it.
    k = len(chunks) - 1
    while k > 0:
        if chunks[k - 1][-1] > chunks[k][0]:
            chunks[k - 1] = chunks[k - 1][:-1] + chunks[k][1:]
            del chunks[k]
        k -= 1
    return "-".join(c.replace("\\", "\\\\").replace("-", "\\-") for c in chunks)
