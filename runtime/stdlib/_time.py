"""The calendar part of `time` (hpymove's own): `struct_time`, `localtime`, `gmtime`,
`mktime`, `strftime`, `asctime`, `ctime` and the zone constants.

The C library does the work (`time._localtime`, `_gmtime`, `_mktime`, `_strftime`,
natives in runtime/src/modules/time.rs); this module checks the arguments and gives
the results CPython's shapes. The `time` module copies these names when it is created.
"""

import time as _t

_FIELDS = (
    "tm_year",
    "tm_mon",
    "tm_mday",
    "tm_hour",
    "tm_min",
    "tm_sec",
    "tm_wday",
    "tm_yday",
    "tm_isdst",
)

_DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_ABBR = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)


class struct_time(tuple):
    """The time value as returned by gmtime(), localtime() and strptime()."""

    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0

    def __new__(cls, seq, dict=None):
        items = tuple(seq)
        if len(items) < 9:
            raise TypeError(
                "time.struct_time() takes an at least 9-sequence (%d-sequence given)"
                % len(items)
            )
        if len(items) > 11:
            raise TypeError(
                "time.struct_time() takes an at most 11-sequence (%d-sequence given)"
                % len(items)
            )
        self = tuple.__new__(cls, items[:9])
        extra = items[9:] + (None,) * (11 - len(items))
        self._zone = extra[0]
        self._gmtoff = extra[1]
        return self

    tm_year = property(lambda self: self[0])
    tm_mon = property(lambda self: self[1])
    tm_mday = property(lambda self: self[2])
    tm_hour = property(lambda self: self[3])
    tm_min = property(lambda self: self[4])
    tm_sec = property(lambda self: self[5])
    tm_wday = property(lambda self: self[6])
    tm_yday = property(lambda self: self[7])
    tm_isdst = property(lambda self: self[8])
    tm_zone = property(lambda self: self._zone)
    tm_gmtoff = property(lambda self: self._gmtoff)

    def __repr__(self):
        parts = ["%s=%r" % (name, value) for name, value in zip(_FIELDS, self)]
        return "time.struct_time(" + ", ".join(parts) + ")"

    def __reduce__(self):
        return (struct_time, (tuple(self), {"tm_zone": self._zone, "tm_gmtoff": self._gmtoff}))


def _seconds(secs):
    """A timestamp argument as whole seconds (rounded toward minus infinity), as the
    C functions take it; None is now."""
    if secs is None:
        return int(_t.time() // 1)
    if isinstance(secs, float):
        if secs != secs:
            raise ValueError("Invalid value NaN (not a number)")
        if secs in (float("inf"), float("-inf")):
            raise OverflowError("timestamp out of range for platform time_t")
        whole = int(secs // 1)
    else:
        index = getattr(type(secs), "__index__", None)
        if index is None:
            raise TypeError(
                "'%s' object cannot be interpreted as an integer" % type(secs).__name__
            )
        whole = index(secs)
    if not -(2**63) <= whole < 2**63:
        raise OverflowError("timestamp out of range for platform time_t")
    return whole


def localtime(secs=None):
    return struct_time(_t._localtime(_seconds(secs)))


def gmtime(secs=None):
    return struct_time(_t._gmtime(_seconds(secs)))


def _time_tuple(t, what):
    """The 9 ints of a time tuple argument (the C library's ranges are not checked
    here: strftime checks its own)."""
    if not isinstance(t, tuple):
        raise TypeError("Tuple or struct_time argument required")
    if len(t) != 9:
        raise TypeError("%s(): illegal time tuple argument" % what)
    values = []
    for v in t:
        if isinstance(v, float):
            raise TypeError("'float' object cannot be interpreted as an integer")
        index = getattr(type(v), "__index__", None)
        if index is None:
            raise TypeError(
                "'%s' object cannot be interpreted as an integer" % type(v).__name__
            )
        v = index(v)
        if not -(2**31) <= v < 2**31:
            raise OverflowError("Python int too large to convert to C int")
        values.append(v)
    return values


def mktime(t):
    v = _time_tuple(t, "mktime")
    return _t._mktime(*v)


def _checked(t, what):
    """The fields of `t` with CPython's corrections and range checks for strftime and
    asctime (0 for a month, day or day of year means the first)."""
    v = _time_tuple(t, what)
    if v[1] == 0:
        v[1] = 1
    elif not 1 <= v[1] <= 12:
        raise ValueError("month out of range")
    if v[2] == 0:
        v[2] = 1
    elif not 1 <= v[2] <= 31:
        raise ValueError("day of month out of range")
    if not 0 <= v[3] <= 23:
        raise ValueError("hour out of range")
    if not 0 <= v[4] <= 59:
        raise ValueError("minute out of range")
    if not 0 <= v[5] <= 61:
        raise ValueError("seconds out of range")
    # C's remainder keeps the sign: -1 (Sunday's predecessor) becomes 0, less is an error.
    if v[6] < -1:
        raise ValueError("day of week out of range")
    v[6] = v[6] % 7 if v[6] >= 0 else 6
    if v[7] == 0:
        v[7] = 1
    elif not 1 <= v[7] <= 366:
        raise ValueError("day of year out of range")
    v[8] = max(-1, min(1, v[8]))
    return v


def strftime(format, t=None):
    if not isinstance(format, str):
        raise TypeError(
            "strftime() argument 1 must be str, not %s" % type(format).__name__
        )
    if t is None:
        t = localtime()
    v = _checked(t, "strftime")
    zone = gmtoff = None
    if isinstance(t, struct_time):
        zone, gmtoff = t._zone, t._gmtoff
    return _t._strftime(format, *v, zone, gmtoff)


def asctime(t=None):
    if t is None:
        t = localtime()
    v = _checked(t, "asctime")
    return "%s %s%3d %02d:%02d:%02d %d" % (
        _DAY_ABBR[v[6]], _MONTH_ABBR[v[1] - 1], v[2], v[3], v[4], v[5], v[0]
    )


def ctime(secs=None):
    return asctime(localtime(secs))


def _zones():
    """(timezone, altzone, daylight, tzname) from the local offsets in January and in
    July of this year; where July's offset is the smaller (the southern hemisphere),
    July is standard time."""
    year = (365 * 24 + 6) * 3600
    start = (int(_t.time()) // year) * year
    jan = _t._localtime(start)
    jul = _t._localtime(start + year // 2)
    jan_west, jul_west = -jan[10], -jul[10]
    if jan_west < jul_west:
        return jul_west, jan_west, int(jan_west != jul_west), (jul[9], jan[9])
    return jan_west, jul_west, int(jan_west != jul_west), (jan[9], jul[9])


timezone, altzone, daylight, tzname = _zones()
