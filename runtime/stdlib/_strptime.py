"""`datetime.strptime`'s parser (hpymove's own, with CPython 3.11's results and errors).

The format becomes one regular expression, matched case-insensitively: each directive a
named group of the values it accepts (longest alternatives first, so `%d` takes "12"
before "1"), literal text escaped, and any run of whitespace matching any run of
whitespace. Directives: %Y %y %m %d %H %I %M %S %f %p %j %a %A %b %B %z %Z %%.
"""

import re as _re
import time as _time

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)


def _choices(words):
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(_re.escape(w) for w in ordered)


def _zone_names():
    names = {"utc", "gmt", _time.tzname[0].lower()}
    if _time.daylight:
        names.add(_time.tzname[1].lower())
    return names


_PATTERNS = {
    "Y": r"\d\d\d\d",
    "y": r"\d\d",
    "m": r"1[0-2]|0[1-9]|[1-9]",
    "d": r"3[01]|[12]\d|0[1-9]|[1-9]| [1-9]",
    "H": r"2[0-3]|[0-1]\d|\d",
    "I": r"1[0-2]|0[1-9]|[1-9]",
    "M": r"[0-5]\d|\d",
    "S": r"6[0-1]|[0-5]\d|\d",
    "f": r"[0-9]{1,6}",
    "j": r"36[0-6]|3[0-5]\d|[12]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9]",
    "p": "am|pm",
    "a": _choices([d[:3] for d in _DAYS]),
    "A": _choices(_DAYS),
    "b": _choices([m[:3] for m in _MONTHS]),
    "B": _choices(_MONTHS),
    "z": r"[+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|Z",
}

_SPECIAL = set("\\.^$*+?(){}[]|")


def _regex(format):
    """The regular expression of `format`, or ValueError for a bad directive."""
    out = []
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
                out.append("%")
            elif d == "Z":
                out.append("(?P<Z>%s)" % _choices(_zone_names()))
            elif d in _PATTERNS:
                out.append("(?P<%s>%s)" % (d, _PATTERNS[d]))
            else:
                raise ValueError("'%s' is a bad directive in format '%s'" % (d, format))
            continue
        if ch.isspace():
            while i < n and format[i].isspace():
                i += 1
            out.append(r"\s+")
            continue
        out.append("\\" + ch if ch in _SPECIAL else ch)
        i += 1
    return "".join(out)


def parse_datetime(cls, data, format):
    """cls(...) of the fields `format` finds in `data`."""
    for i, arg in enumerate((data, format)):
        if not isinstance(arg, str):
            raise TypeError("strptime() argument %d must be str, not %s" % (i, type(arg)))
    found = _re.compile(_regex(format), _re.IGNORECASE).match(data)
    if found is None or (found.group("z") == "z" if "z" in found.groupdict() else False):
        raise ValueError("time data %r does not match format %r" % (data, format))
    if found.end() != len(data):
        raise ValueError("unconverted data remains: %s" % data[found.end():])
    values = found.groupdict()
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
        if z.upper() == "Z":
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
