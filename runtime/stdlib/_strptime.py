"""`datetime.strptime`'s parser (hpymove's own, with CPython 3.11's results and errors).

CPython turns the format into one regular expression, matched case-insensitively;
this module matches the same language directly, which is much cheaper here than
compiling and running a regular expression in Python. The format becomes a list of
tokens (a literal character, a run of whitespace, a directive); a directive knows the
lengths it can match at a position, in the order the regular expression would try them
(its alternatives in order, greedy repeats longest first), and `_match` backtracks over
those choices exactly as the regular expression engine would. Directives: %Y %y %m %d
%H %I %M %S %f %p %j %a %A %b %B %z %Z %%.
"""

import time as _time

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)
_DIGIT = "0123456789"

# Numeric directives: alternatives in the order they are tried, each a sequence of
# character sets (one per character).
_NUMERIC = {
    "Y": [[_DIGIT] * 4],
    "y": [[_DIGIT] * 2],
    "m": [["1", "012"], ["0", "123456789"], ["123456789"]],
    "d": [["3", "01"], ["12", _DIGIT], ["0", "123456789"], ["123456789"], [" ", "123456789"]],
    "H": [["2", "0123"], ["01", _DIGIT], [_DIGIT]],
    "I": [["1", "012"], ["0", "123456789"], ["123456789"]],
    "M": [["012345", _DIGIT], [_DIGIT]],
    "S": [["6", "01"], ["012345", _DIGIT], [_DIGIT]],
    "f": [[_DIGIT] * n for n in range(6, 0, -1)],
    "j": [["3", "6", "0123456"], ["3", "012345", _DIGIT], ["12", _DIGIT, _DIGIT],
          ["0", "123456789", _DIGIT], ["0", "0", "123456789"], ["123456789", _DIGIT],
          ["0", "123456789"], ["123456789"]],
}


def _by_length(words):
    return sorted(words, key=len, reverse=True)


def _words(directive):
    """The words a named directive accepts, longest first (lower case)."""
    if directive == "a":
        return _by_length([d[:3] for d in _DAYS])
    if directive == "A":
        return _by_length(_DAYS)
    if directive == "b":
        return _by_length([m[:3] for m in _MONTHS])
    if directive == "B":
        return _by_length(_MONTHS)
    if directive == "p":
        return ["am", "pm"]
    names = {"utc", "gmt", _time.tzname[0].lower()}
    if _time.daylight:
        names.add(_time.tzname[1].lower())
    return _by_length(names)


def _set_at(text, pos, chars):
    return pos < len(text) and text[pos] in chars


def _numeric_lengths(alternatives, text, pos):
    for alt in alternatives:
        if all(_set_at(text, pos + i, chars) for i, chars in enumerate(alt)):
            yield len(alt)


def _offset_lengths(text, pos):
    """Lengths of [+-]HH[:]MM[[:]SS[.f{1,6}]] or Z, in the regular expression's order."""
    if _set_at(text, pos, "+-") and _set_at(text, pos + 1, _DIGIT) and _set_at(text, pos + 2, _DIGIT):
        p = pos + 3
        for colon in ((1, 0) if text[p:p + 1] == ":" else (0,)):
            q = p + colon
            if not (_set_at(text, q, "012345") and _set_at(text, q + 1, _DIGIT)):
                continue
            q += 2
            for colon2 in ((1, 0) if text[q:q + 1] == ":" else (0,)):
                r = q + colon2
                if _set_at(text, r, "012345") and _set_at(text, r + 1, _DIGIT):
                    r += 2
                    if text[r:r + 1] == ".":
                        digits = 0
                        while digits < 6 and _set_at(text, r + 1 + digits, _DIGIT):
                            digits += 1
                        for n in range(digits, 0, -1):
                            yield r + 1 + n - pos
                    yield r - pos
            yield q - pos
    if text[pos:pos + 1] == "Z":
        yield 1


def _lengths(token, text, pos):
    """The lengths `token` can match at `pos`, in the order to try them."""
    kind, value = token
    if kind == "char":
        if text[pos:pos + 1].lower() == value:
            yield 1
    elif kind == "space":
        end = pos
        while end < len(text) and text[end].isspace():
            end += 1
        for n in range(end - pos, 0, -1):
            yield n
    elif value in _NUMERIC:
        yield from _numeric_lengths(_NUMERIC[value], text, pos)
    elif value == "z":
        yield from _offset_lengths(text, pos)
    else:
        folded = text[pos:pos + 40].lower()
        for word in _words(value):
            if folded.startswith(word):
                yield len(word)


def _tokens(format):
    """The format's tokens, or ValueError for a bad directive."""
    tokens = []
    i = 0
    n = len(format)
    while i < n:
        ch = format[i]
        if ch == "%":
            if i + 1 >= n:
                raise ValueError("stray %% in format '%s'" % format)
            d = format[i + 1]
            i += 2
            if d == "%":
                tokens.append(("char", "%"))
            elif d in _NUMERIC or d in "zZaAbBp":
                tokens.append(("directive", d))
            else:
                raise ValueError("'%s' is a bad directive in format '%s'" % (d, format))
        elif ch.isspace():
            while i < n and format[i].isspace():
                i += 1
            tokens.append(("space", None))
        else:
            tokens.append(("char", ch.lower()))
            i += 1
    return tokens


def _match(tokens, k, text, pos, found):
    """The end of the first match of tokens[k:] at `pos` (filling `found` with the
    directives' text), or -1."""
    if k == len(tokens):
        return pos
    for n in _lengths(tokens[k], text, pos):
        end = _match(tokens, k + 1, text, pos + n, found)
        if end >= 0:
            if tokens[k][0] == "directive":
                found[tokens[k][1]] = text[pos:pos + n]
            return end
    return -1


def parse_datetime(cls, data, format):
    """cls(...) of the fields `format` finds in `data` (both str)."""
    values = {}
    end = _match(_tokens(format), 0, data, 0, values)
    if end < 0:
        raise ValueError("time data %r does not match format %r" % (data, format))
    if end != len(data):
        raise ValueError("unconverted data remains: %s" % data[end:])
    year, month, day = 1900, 1, 1
    hour = minute = second = us = 0
    julian = None
    offset = None
    offset_us = 0
    zone = None
    if "Y" in values:
        year = int(values["Y"])
    elif "y" in values:
        year = int(values["y"])
        year += 2000 if year <= 68 else 1900
    if "m" in values:
        month = int(values["m"])
    elif "B" in values:
        month = _MONTHS.index(values["B"].lower()) + 1
    elif "b" in values:
        month = [m[:3] for m in _MONTHS].index(values["b"].lower()) + 1
    if "d" in values:
        day = int(values["d"])
    if "H" in values:
        hour = int(values["H"])
    elif "I" in values:
        hour = int(values["I"])
        pm = values.get("p", "").lower() == "pm"
        if hour == 12:
            hour = 12 if pm else 0
        elif pm:
            hour += 12
    if "M" in values:
        minute = int(values["M"])
    if "S" in values:
        second = int(values["S"])
    if "f" in values:
        us = int(values["f"] + "0" * (6 - len(values["f"])))
    if "j" in values:
        julian = int(values["j"])
    if "z" in values:
        z = values["z"]
        if z == "Z":
            offset = 0
        else:
            if z[3:4] == ":":
                z = z[:3] + z[4:]
                if len(z) > 5 and z[5] != ":":
                    raise ValueError("Inconsistent use of : in %s" % values["z"])
                if len(z) > 5:
                    z = z[:5] + z[6:]
            hours, minutes = int(z[1:3]), int(z[3:5])
            seconds = int(z[5:7] or 0)
            offset = hours * 3600 + minutes * 60 + seconds
            fraction = z[8:]
            offset_us = int(fraction + "0" * (6 - len(fraction))) if fraction else 0
            if z.startswith("-"):
                offset, offset_us = -offset, -offset_us
    if "Z" in values:
        zone = values["Z"]
    import datetime as _dt

    if julian is not None:
        first = _dt.date(year, 1, 1).toordinal()
        moved = _dt.date.fromordinal(first + julian - 1)
        year, month, day = moved.year, moved.month, moved.day
    tz = None
    if offset is not None:
        delta = _dt.timedelta(seconds=offset, microseconds=offset_us)
        tz = _dt.timezone(delta, zone) if zone else _dt.timezone(delta)
    return cls(year, month, day, hour, minute, second, us, tz)
