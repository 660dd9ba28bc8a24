"""Dates, times, time spans and fixed-offset time zones (hpymove's own `datetime`, with
CPython 3.11's behaviour: its results, reprs and error messages).

Size: about 1800 lines. One module by contract (`timedelta`, `date`, `time`, `datetime`,
`tzinfo` and `timezone` refer to each other throughout: arithmetic between them, offsets,
comparisons); `strptime`'s parser is apart, in `_strptime`.

Values are kept as plain ints: a timedelta as (days, seconds, microseconds), normalised;
a date as (year, month, day); arithmetic goes through day ordinals (0001-01-01 is day 1)
and microsecond counts. Local time comes from the C library through `time.localtime`.
"""

import time as _time
import math as _math

MINYEAR = 1
MAXYEAR = 9999

_MAX_ORDINAL = 3652059  # 9999-12-31
_US_PER_SECOND = 1000000
_US_PER_DAY = 86400 * _US_PER_SECOND
_EPOCH_ORDINAL = 719163  # 1970-01-01
_MAX_DELTA_DAYS = 999999999
_MISSING = object()

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = (
    None, "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)
# Days in each month of a common year, and days before each month's first.
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_BEFORE_MONTH = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


# ---------------------------------------------------------------- the calendar


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year, month):
    if month == 2 and _is_leap(year):
        return 29
    return _MONTH_DAYS[month]


def _days_before_month(year, month):
    return _BEFORE_MONTH[month] + (month > 2 and _is_leap(year))


def _days_before_year(year):
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _ordinal(year, month, day):
    return _days_before_year(year) + _days_before_month(year, month) + day


def _from_ordinal(n):
    """(year, month, day) of day ordinal n >= 1. The Gregorian calendar repeats every
    400 years (146097 days); inside a cycle, centuries have 36524 days, four-year
    blocks 1461 and years 365, except that the last year of a block or of a cycle is
    one day longer, which is where a quotient of 4 comes from."""
    n -= 1
    cycles, n = divmod(n, 146097)
    centuries, n = divmod(n, 36524)
    blocks, n = divmod(n, 1461)
    years, n = divmod(n, 365)
    year = cycles * 400 + centuries * 100 + blocks * 4 + years + 1
    if years == 4 or centuries == 4:
        return year - 1, 12, 31
    month = 12
    while _days_before_month(year, month) > n:
        month -= 1
    return year, month, n - _days_before_month(year, month) + 1


def _weekday(year, month, day):
    return (_ordinal(year, month, day) + 6) % 7


def _iso_week1_monday(year):
    """The ordinal of the Monday of ISO week 1: the week that holds January 4th."""
    jan4 = _days_before_year(year) + 4
    return jan4 - (jan4 + 6) % 7


# ---------------------------------------------------------------- argument helpers


def _type_name(cls):
    """The type's name as CPython's C types print it (`datetime.date`, `int`, `MyDate`)."""
    if cls in _OWN_TYPES:
        return "datetime." + cls.__name__
    return cls.__name__


def _arg_type(value):
    """A wrong argument's type as C's argument parser names it ("None" for None)."""
    return "None" if value is None else type(value).__name__


def _int_arg(value):
    """An integer argument, through `__index__` as C's "i" converter takes it."""
    if type(value) is int:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        raise TypeError("'float' object cannot be interpreted as an integer")
    index = getattr(type(value), "__index__", None)
    if index is None:
        raise TypeError(
            "'%s' object cannot be interpreted as an integer" % type(value).__name__
        )
    return index(value)


def _missing(name, pos):
    raise TypeError("function missing required argument '%s' (pos %d)" % (name, pos))


def _check_date_fields(year, month, day):
    year = _int_arg(year)
    month = _int_arg(month)
    day = _int_arg(day)
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError("year %d is out of range" % year)
    if not 1 <= month <= 12:
        raise ValueError("month must be in 1..12")
    if not 1 <= day <= _days_in_month(year, month):
        raise ValueError("day is out of range for month")
    return year, month, day


def _check_time_fields(hour, minute, second, microsecond, fold):
    hour = _int_arg(hour)
    minute = _int_arg(minute)
    second = _int_arg(second)
    microsecond = _int_arg(microsecond)
    fold = _int_arg(fold)
    if not 0 <= hour <= 23:
        raise ValueError("hour must be in 0..23")
    if not 0 <= minute <= 59:
        raise ValueError("minute must be in 0..59")
    if not 0 <= second <= 59:
        raise ValueError("second must be in 0..59")
    if not 0 <= microsecond <= 999999:
        raise ValueError("microsecond must be in 0..999999")
    if fold not in (0, 1):
        raise ValueError("fold must be either 0 or 1")
    return hour, minute, second, microsecond, fold


def _check_tzinfo(tz):
    if tz is not None and not isinstance(tz, tzinfo):
        raise TypeError(
            "tzinfo argument must be None or of a tzinfo subclass, not type '%s'"
            % type(tz).__name__
        )


def _check_offset(method, offset):
    """What a tzinfo's utcoffset() or dst() returned, checked as CPython does."""
    if offset is None:
        return None
    if not isinstance(offset, timedelta):
        raise TypeError(
            "tzinfo.%s() must return None or timedelta, not '%s'"
            % (method, type(offset).__name__)
        )
    if not -_ONE_DAY < offset < _ONE_DAY:
        raise ValueError(
            "offset must be a timedelta strictly between -timedelta(hours=24) and "
            "timedelta(hours=24)."
        )
    return offset


def _call_tzname(tz, arg):
    if tz is None:
        return None
    name = tz.tzname(arg)
    if name is not None and not isinstance(name, str):
        raise TypeError(
            "tzinfo.tzname() must return None or a string, not '%s'" % _arg_type(name)
        )
    return name


def _format_offset(offset, sep):
    """An offset as [+-]HH<sep>MM[<sep>SS[.ffffff]]; '' for None."""
    if offset is None:
        return ""
    sign = "+"
    if offset._days < 0:
        sign = "-"
        offset = -offset
    minutes, seconds = divmod(offset._seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = "%s%02d%s%02d" % (sign, hours, sep, minutes)
    if offset._us:
        return text + "%s%02d.%06d" % (sep, seconds, offset._us)
    if seconds:
        return text + "%s%02d" % (sep, seconds)
    return text


def _format_time(hour, minute, second, microsecond, timespec):
    if timespec == "auto":
        timespec = "microseconds" if microsecond else "seconds"
    if timespec == "hours":
        return "%02d" % hour
    if timespec == "minutes":
        return "%02d:%02d" % (hour, minute)
    if timespec == "seconds":
        return "%02d:%02d:%02d" % (hour, minute, second)
    if timespec == "milliseconds":
        return "%02d:%02d:%02d.%03d" % (hour, minute, second, microsecond // 1000)
    if timespec == "microseconds":
        return "%02d:%02d:%02d.%06d" % (hour, minute, second, microsecond)
    raise ValueError("Unknown timespec value")


def _strftime(obj, fmt, timetuple):
    """strftime with the directives the C library cannot know: %z and %Z (from the
    object's tzinfo) and %f (its microseconds); the rest is time.strftime's."""
    if not isinstance(fmt, str):
        raise TypeError("strftime() argument 1 must be str, not %s" % _arg_type(fmt))
    parts = []
    i = 0
    n = len(fmt)
    while i < n:
        ch = fmt[i]
        i += 1
        if ch != "%" or i == n:
            parts.append(ch)
            continue
        ch = fmt[i]
        i += 1
        if ch == "z":
            offset = obj.utcoffset() if hasattr(obj, "utcoffset") else None
            parts.append(_format_offset(offset, ""))
        elif ch == "Z":
            name = obj.tzname() if hasattr(obj, "tzname") else None
            parts.append("" if name is None else name.replace("%", "%%"))
        elif ch == "f":
            parts.append("%06d" % getattr(obj, "microsecond", 0))
        else:
            parts.append("%" + ch)
    return _time.strftime("".join(parts), timetuple)


def _format(obj, fmt):
    if not isinstance(fmt, str):
        raise TypeError(
            "__format__() argument 1 must be str, not %s" % _arg_type(fmt)
        )
    if fmt:
        return obj.strftime(fmt)
    return str(obj)


def _cmp(a, b):
    return 0 if a == b else (1 if a > b else -1)


def _compare_result(diff, op):
    if op == "eq":
        return diff == 0
    if op == "ne":
        return diff != 0
    if op == "lt":
        return diff < 0
    if op == "le":
        return diff <= 0
    if op == "gt":
        return diff > 0
    return diff >= 0


def _div_nearest(a, b):
    """a / b rounded to the nearest int, ties to even."""
    q, r = divmod(a, b)
    twice = 2 * r
    if b > 0:
        if twice > b or (twice == b and q % 2 == 1):
            q += 1
    elif twice < b or (twice == b and q % 2 == 1):
        q += 1
    return q


# ---------------------------------------------------------------- timedelta


def _delta_from_us(us):
    """A timedelta of `us` microseconds (OverflowError beyond its range)."""
    days, rem = divmod(us, _US_PER_DAY)
    if not -_MAX_DELTA_DAYS <= days <= _MAX_DELTA_DAYS:
        raise OverflowError(
            "days=%d; must have magnitude <= %d" % (days, _MAX_DELTA_DAYS)
        )
    seconds, micro = divmod(rem, _US_PER_SECOND)
    self = object.__new__(timedelta)
    self._days = days
    self._seconds = seconds
    self._us = micro
    return self


def _round_half_away(x):
    whole = _math.floor(x)
    rest = x - whole
    if rest > 0.5 or (rest == 0.5 and x > 0):
        return whole + 1
    return whole


class timedelta:
    """Difference between two datetime values.

    timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)

    All arguments are optional and default to 0.
    Arguments may be integers or floats, and may be positive or negative."""

    __slots__ = ("_days", "_seconds", "_us")

    def __new__(cls, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0,
                hours=0, weeks=0):
        # Ints are exact; a float's whole part is exact too, its fraction (times the
        # unit) is split again and the last fractions are summed and rounded once.
        total = 0
        leftover = 0.0
        for value, unit, name in (
            (microseconds, 1, "microseconds"),
            (milliseconds, 1000, "milliseconds"),
            (seconds, _US_PER_SECOND, "seconds"),
            (minutes, 60 * _US_PER_SECOND, "minutes"),
            (hours, 3600 * _US_PER_SECOND, "hours"),
            (days, _US_PER_DAY, "days"),
            (weeks, 7 * _US_PER_DAY, "weeks"),
        ):
            if isinstance(value, int):
                total += int(value) * unit
            elif isinstance(value, float):
                fraction, whole = _math.modf(value)
                total += int(whole) * unit
                if fraction:
                    fraction, whole = _math.modf(float(unit) * fraction)
                    total += int(whole)
                    leftover += fraction
            else:
                raise TypeError(
                    "unsupported type for timedelta %s component: %s"
                    % (name, type(value).__name__)
                )
        if leftover:
            rounded = _round_half_away(leftover)
            if abs(rounded - leftover) == 0.5:
                # A tie: round the whole sum to even, not just the fraction.
                odd = total & 1
                rounded = 2 * _round_half_away((leftover + odd) * 0.5) - odd
            total += int(rounded)
        made = _delta_from_us(total)
        if cls is timedelta:
            return made
        self = object.__new__(cls)
        self._days = made._days
        self._seconds = made._seconds
        self._us = made._us
        return self

    days = property(lambda self: self._days, doc="Number of days.")
    seconds = property(
        lambda self: self._seconds, doc="Number of seconds (>= 0 and less than 1 day)."
    )
    microseconds = property(
        lambda self: self._us, doc="Number of microseconds (>= 0 and less than 1 second)."
    )

    def _to_us(self):
        return (self._days * 86400 + self._seconds) * _US_PER_SECOND + self._us

    def total_seconds(self):
        """Total seconds in the duration."""
        return self._to_us() / _US_PER_SECOND

    def __repr__(self):
        parts = []
        if self._days:
            parts.append("days=%d" % self._days)
        if self._seconds:
            parts.append("seconds=%d" % self._seconds)
        if self._us:
            parts.append("microseconds=%d" % self._us)
        return "%s(%s)" % (_type_name(type(self)), ", ".join(parts) or "0")

    def __str__(self):
        minutes, seconds = divmod(self._seconds, 60)
        hours, minutes = divmod(minutes, 60)
        text = "%d:%02d:%02d" % (hours, minutes, seconds)
        if self._us:
            text += ".%06d" % self._us
        if self._days:
            plural = "" if self._days in (1, -1) else "s"
            text = "%d day%s, %s" % (self._days, plural, text)
        return text

    def __add__(self, other):
        if isinstance(other, timedelta):
            return _delta_from_us(self._to_us() + other._to_us())
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return _delta_from_us(self._to_us() - other._to_us())
        return NotImplemented

    def __rsub__(self, other):
        if isinstance(other, timedelta):
            return _delta_from_us(other._to_us() - self._to_us())
        return NotImplemented

    def __neg__(self):
        return _delta_from_us(-self._to_us())

    def __pos__(self):
        return _delta_from_us(self._to_us())

    def __abs__(self):
        return -self if self._days < 0 else +self

    def __mul__(self, other):
        if isinstance(other, int):
            return _delta_from_us(self._to_us() * other)
        if isinstance(other, float):
            num, den = other.as_integer_ratio()
            return _delta_from_us(_div_nearest(self._to_us() * num, den))
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() / other._to_us()
        if isinstance(other, int):
            if other == 0:
                raise ZeroDivisionError("integer division or modulo by zero")
            return _delta_from_us(_div_nearest(self._to_us(), other))
        if isinstance(other, float):
            num, den = other.as_integer_ratio()
            if num == 0:
                raise ZeroDivisionError("integer division or modulo by zero")
            return _delta_from_us(_div_nearest(self._to_us() * den, num))
        return NotImplemented

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() // other._to_us()
        if isinstance(other, int):
            return _delta_from_us(self._to_us() // other)
        return NotImplemented

    def __mod__(self, other):
        if isinstance(other, timedelta):
            return _delta_from_us(self._to_us() % other._to_us())
        return NotImplemented

    def __divmod__(self, other):
        if isinstance(other, timedelta):
            q, r = divmod(self._to_us(), other._to_us())
            return q, _delta_from_us(r)
        return NotImplemented

    def _compare(self, other, op):
        if isinstance(other, timedelta):
            return _compare_result(_cmp(self._to_us(), other._to_us()), op)
        return NotImplemented

    def __eq__(self, other):
        return self._compare(other, "eq")

    def __ne__(self, other):
        return self._compare(other, "ne")

    def __lt__(self, other):
        return self._compare(other, "lt")

    def __le__(self, other):
        return self._compare(other, "le")

    def __gt__(self, other):
        return self._compare(other, "gt")

    def __ge__(self, other):
        return self._compare(other, "ge")

    def __hash__(self):
        return hash((self._days, self._seconds, self._us))

    def __bool__(self):
        return bool(self._days or self._seconds or self._us)

    def __reduce__(self):
        return (type(self), (self._days, self._seconds, self._us))


_ONE_DAY = _delta_from_us(_US_PER_DAY)
timedelta.min = _delta_from_us(-_MAX_DELTA_DAYS * _US_PER_DAY)
timedelta.max = _delta_from_us((_MAX_DELTA_DAYS + 1) * _US_PER_DAY - 1)
timedelta.resolution = _delta_from_us(1)


# ---------------------------------------------------------------- date


def _new_date(cls, year, month, day):
    """A date of class `cls` from checked fields (a subclass through its constructor)."""
    if cls is date:
        self = object.__new__(date)
        self._year = year
        self._month = month
        self._day = day
        return self
    return cls(year, month, day)


def _date_from_ordinal(cls, n):
    if not 1 <= n <= _MAX_ORDINAL:
        raise OverflowError("date value out of range")
    return _new_date(cls, *_from_ordinal(n))


def _timestamp_parts(timestamp, rounding):
    """A timestamp as (whole seconds, microseconds), rounding the microseconds of a
    float to even ("half-even") or flooring them ("floor")."""
    if isinstance(timestamp, float):
        if timestamp != timestamp:
            raise ValueError("Invalid value NaN (not a number)")
        fraction, whole = _math.modf(timestamp)
        if not -9.2e18 < whole < 9.2e18:
            raise OverflowError("timestamp out of range for platform time_t")
        fraction *= 1e6
        fraction = round(fraction) if rounding == "half-even" else _math.floor(fraction)
        secs, us = int(whole), int(fraction)
        if us >= _US_PER_SECOND:
            secs, us = secs + 1, us - _US_PER_SECOND
        elif us < 0:
            secs, us = secs - 1, us + _US_PER_SECOND
        return secs, us
    secs = _int_arg(timestamp)
    if not -(2**63) <= secs < 2**63:
        raise OverflowError("timestamp out of range for platform time_t")
    return secs, 0


class date:
    """date(year, month, day) --> date object"""

    __slots__ = ("_year", "_month", "_day")

    def __new__(cls, year=_MISSING, month=_MISSING, day=_MISSING):
        if year is _MISSING:
            _missing("year", 1)
        if month is _MISSING:
            _missing("month", 2)
        if day is _MISSING:
            _missing("day", 3)
        year, month, day = _check_date_fields(year, month, day)
        self = object.__new__(cls)
        self._year = year
        self._month = month
        self._day = day
        return self

    year = property(lambda self: self._year)
    month = property(lambda self: self._month)
    day = property(lambda self: self._day)

    @classmethod
    def today(cls):
        """Current date or datetime:  same as self.__class__.fromtimestamp(time.time())."""
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromtimestamp(cls, timestamp):
        """Create a date from a POSIX timestamp."""
        secs, _ = _timestamp_parts(timestamp, "floor")
        t = _time.localtime(secs)
        _check_year(t[0])
        return _new_date(cls, t[0], t[1], t[2])

    @classmethod
    def fromordinal(cls, n):
        """int -> date corresponding to a proleptic Gregorian ordinal."""
        n = _int_arg(n)
        if n < 1:
            raise ValueError("ordinal must be >= 1")
        if n > _MAX_ORDINAL:
            raise ValueError("year %d is out of range" % _from_ordinal(n)[0])
        return _new_date(cls, *_from_ordinal(n))

    @classmethod
    def fromisoformat(cls, date_string):
        """str -> Construct a date from a string in ISO 8601 format."""
        if not isinstance(date_string, str):
            raise TypeError("fromisoformat: argument must be str")
        fields = None
        if len(date_string) in (7, 8, 10):
            fields = _parse_iso_date(date_string)
        if fields is None:
            raise ValueError("Invalid isoformat string: %r" % (date_string,))
        return _new_date(cls, *_check_date_fields(*fields))

    @classmethod
    def fromisocalendar(cls, year, week, day):
        """int, int, int -> Construct a date from the ISO year, week number and weekday.

        This is the inverse of the date.isocalendar() function"""
        year, week, day = _int_arg(year), _int_arg(week), _int_arg(day)
        fields = _iso_to_ymd(year, week, day)
        if isinstance(fields, str):
            raise ValueError(fields)
        return _new_date(cls, *fields)

    def toordinal(self):
        """Return proleptic Gregorian ordinal.  January 1 of year 1 is day 1."""
        return _ordinal(self._year, self._month, self._day)

    def weekday(self):
        """Return the day of the week represented by the date.
        Monday == 0 ... Sunday == 6"""
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        """Return the day of the week represented by the date.
        Monday == 1 ... Sunday == 7"""
        return self.weekday() + 1

    def isocalendar(self):
        """Return a named tuple containing ISO year, week number, and weekday."""
        year = self._year
        n = self.toordinal()
        monday = _iso_week1_monday(year)
        if n < monday:
            year -= 1
            monday = _iso_week1_monday(year)
        else:
            following = _iso_week1_monday(year + 1)
            if n >= following:
                year += 1
                monday = following
        week, day = divmod(n - monday, 7)
        return IsoCalendarDate(year, week + 1, day + 1)

    def isoformat(self):
        """Return string in ISO 8601 format, YYYY-MM-DD."""
        return "%04d-%02d-%02d" % (self._year, self._month, self._day)

    def __str__(self):
        return self.isoformat()

    def __repr__(self):
        return "%s(%d, %d, %d)" % (
            _type_name(type(self)), self._year, self._month, self._day
        )

    def ctime(self):
        """Return ctime() style string."""
        return "%s %s %2d 00:00:00 %04d" % (
            _DAY_NAMES[self.weekday()], _MONTH_NAMES[self._month], self._day, self._year
        )

    def timetuple(self):
        """Return time tuple, compatible with time.localtime()."""
        return _time.struct_time((
            self._year, self._month, self._day, 0, 0, 0, self.weekday(),
            _days_before_month(self._year, self._month) + self._day, -1,
        ))

    def strftime(self, format):
        """format -> strftime() style string."""
        return _strftime(self, format, self.timetuple())

    def __format__(self, fmt):
        return _format(self, fmt)

    def replace(self, year=_MISSING, month=_MISSING, day=_MISSING):
        """Return date with new specified fields."""
        fields = (
            self._year if year is _MISSING else year,
            self._month if month is _MISSING else month,
            self._day if day is _MISSING else day,
        )
        return _new_date(type(self), *_check_date_fields(*fields))

    def __add__(self, other):
        if isinstance(other, timedelta):
            return _date_from_ordinal(type(self), self.toordinal() + other._days)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return _date_from_ordinal(type(self), self.toordinal() - other._days)
        if isinstance(other, date):
            return _delta_from_us((self.toordinal() - other.toordinal()) * _US_PER_DAY)
        return NotImplemented

    def _date_compare(self, other, op):
        if isinstance(other, date):
            key = (self._year, self._month, self._day)
            return _compare_result(_cmp(key, (other._year, other._month, other._day)), op)
        return NotImplemented

    def __eq__(self, other):
        return self._date_compare(other, "eq")

    def __ne__(self, other):
        return self._date_compare(other, "ne")

    def __lt__(self, other):
        return self._date_compare(other, "lt")

    def __le__(self, other):
        return self._date_compare(other, "le")

    def __gt__(self, other):
        return self._date_compare(other, "gt")

    def __ge__(self, other):
        return self._date_compare(other, "ge")

    def __hash__(self):
        return hash((self._year, self._month, self._day))

    def __reduce__(self):
        return (type(self), (self._year, self._month, self._day))


date.min = _new_date(date, 1, 1, 1)
date.max = _new_date(date, 9999, 12, 31)
date.resolution = _ONE_DAY


def _check_year(year):
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError("year %d is out of range" % year)


class IsoCalendarDate(tuple):
    def __new__(cls, year, week, weekday):
        return super().__new__(cls, (year, week, weekday))

    year = property(lambda self: self[0])
    week = property(lambda self: self[1])
    weekday = property(lambda self: self[2])

    def __repr__(self):
        return "%s(year=%d, week=%d, weekday=%d)" % (
            _type_name(type(self)), self[0], self[1], self[2]
        )

    def __reduce__(self):
        return (tuple, (tuple(self),))


def _iso_to_ymd(year, week, day):
    """(year, month, day) of an ISO calendar date, or CPython's error message."""
    if not MINYEAR <= year <= MAXYEAR:
        return "Year is out of range: %d" % year
    if not 0 < week < 53:
        # Week 53 exists in years that start on a Thursday, or on a Wednesday in
        # leap years.
        first = _weekday(year, 1, 1)
        if not (week == 53 and (first == 3 or (first == 2 and _is_leap(year)))):
            return "Invalid week: %d" % week
    if not 0 < day < 8:
        return "Invalid day: %d (range is [1, 7])" % day
    n = _iso_week1_monday(year) + (week - 1) * 7 + day - 1
    if not 1 <= n <= _MAX_ORDINAL:
        return "year %d is out of range" % _from_ordinal(max(n, 1))[0]
    return _from_ordinal(n)


# ---------------------------------------------------------------- ISO 8601 parsing


def _digits(text, pos, count):
    """The int of the `count` ASCII digits at `pos`, or None."""
    if pos + count > len(text):
        return None
    value = 0
    for ch in text[pos:pos + count]:
        if not "0" <= ch <= "9":
            return None
        value = value * 10 + ord(ch) - 48
    return value


def _parse_iso_date(text):
    """(year, month, day) of YYYY-MM-DD, YYYYMMDD, YYYY-Www[-D] or YYYYWww[D], or None.
    The fields are not range-checked here (the constructor does it), except ISO weeks."""
    year = _digits(text, 0, 4)
    if year is None:
        return None
    pos = 4
    dashed = text[pos:pos + 1] == "-"
    if dashed:
        pos += 1
    if text[pos:pos + 1] == "W":
        week = _digits(text, pos + 1, 2)
        if week is None:
            return None
        pos += 3
        day = 1
        if pos < len(text):
            if dashed:
                if text[pos] != "-":
                    return None
                pos += 1
            day = _digits(text, pos, 1)
            if day is None:
                return None
        fields = _iso_to_ymd(year, week, day)
        return None if isinstance(fields, str) else fields
    month = _digits(text, pos, 2)
    if month is None:
        return None
    pos += 2
    if dashed:
        if text[pos:pos + 1] != "-":
            return None
        pos += 1
    day = _digits(text, pos, 2)
    if day is None:
        return None
    return year, month, day


def _parse_hms(text, start, end):
    """Parses [HH[:MM[:SS[.f+]]]] (or without colons) from text[start:end]: returns
    (status, hour, minute, second, microsecond) with status 0 when text[start:end] is
    used up, 1 when something follows, negative on an error."""
    values = [0, 0, 0]
    pos = start
    colons = True
    fraction = False
    for i in range(3):
        v = _digits(text, pos, 2)
        if v is None:
            return -3, 0, 0, 0, 0
        values[i] = v
        pos += 2
        ch = text[pos] if pos < len(text) else ""
        pos += 1
        if i == 0:
            colons = ch == ":"
        if pos >= end:
            return (1 if ch else 0), values[0], values[1], values[2], 0
        if colons and ch == ":":
            continue
        if ch in (".", ","):
            fraction = True
            break
        if not colons:
            pos -= 1
        else:
            return -4, 0, 0, 0, 0
    if not fraction:
        # Three fields and more text that is not a fraction: the caller's to judge.
        return (1 if pos < len(text) else 0), values[0], values[1], values[2], 0
    count = min(end - pos, 6)
    us = _digits(text, pos, count) if count > 0 else None
    if us is None:
        return -3, 0, 0, 0, 0
    us *= 10 ** (6 - count)
    pos += count
    while pos < len(text) and "0" <= text[pos] <= "9":
        pos += 1
    return (1 if pos < len(text) else 0), values[0], values[1], values[2], us


def _parse_iso_time(text, start):
    """(hour, minute, second, microsecond, tz) of the time (and offset) in text[start:],
    tz being None, or a timezone; None when it is not valid."""
    end = len(text)
    tzpos = start
    while tzpos < end and text[tzpos] not in "Z+-":
        tzpos += 1
    status, hour, minute, second, us = _parse_hms(text, start, max(tzpos, start + 1))
    if status < 0:
        return None
    if tzpos >= end:
        if status == 1:
            return None
        return hour, minute, second, us, None
    if text[tzpos] == "Z":
        if tzpos + 1 != end:
            return None
        return hour, minute, second, us, timezone.utc
    sign = -1 if text[tzpos] == "-" else 1
    status, th, tm, ts, tus = _parse_hms(text, tzpos + 1, end)
    if status != 0:
        return None
    offset = sign * (th * 3600 + tm * 60 + ts)
    if offset == 0 and tus == 0:
        return hour, minute, second, us, timezone.utc
    return hour, minute, second, us, timezone(timedelta(seconds=offset, microseconds=sign * tus))


def _iso_separator_position(text):
    """Where the date of an ISO datetime string ends (the forms differ in length)."""
    n = len(text)
    if n == 7:
        return 7
    if text[4] == "-":
        if text[5] != "W":
            return 10
        if n > 8 and text[8] == "-":
            if n == 9:
                return -1
            if n > 10 and "0" <= text[10] <= "9":
                return 8
            return 10
        return 8
    if text[4] == "W":
        pos = 7
        while pos < n and "0" <= text[pos] <= "9":
            pos += 1
        if pos < 9:
            return pos
        return 7 if pos % 2 == 0 else 8
    return 8


# ---------------------------------------------------------------- tzinfo


class tzinfo:
    """Abstract base class for time zone info objects."""

    __slots__ = ()

    def tzname(self, dt):
        """datetime -> string name of time zone."""
        raise NotImplementedError("a tzinfo subclass must implement tzname()")

    def utcoffset(self, dt):
        """datetime -> timedelta showing offset from UTC, negative values indicating West of UTC"""
        raise NotImplementedError("a tzinfo subclass must implement utcoffset()")

    def dst(self, dt):
        """datetime -> DST offset as timedelta positive east of UTC."""
        raise NotImplementedError("a tzinfo subclass must implement dst()")

    def fromutc(self, dt):
        """datetime in UTC -> datetime in local time."""
        if not isinstance(dt, datetime):
            raise TypeError("fromutc: argument must be a datetime")
        if dt.tzinfo is not self:
            raise ValueError("fromutc: dt.tzinfo is not self")
        offset = _check_offset("utcoffset", self.utcoffset(dt))
        if offset is None:
            raise ValueError("fromutc: non-None utcoffset() result required")
        dst = _check_offset("dst", self.dst(dt))
        if dst is None:
            raise ValueError("fromutc: non-None dst() result required")
        dt = dt + (offset - dst)
        dst = _check_offset("dst", dt.dst())
        if dst is None:
            raise ValueError("fromutc: tz.dst() gave inconsistent results; cannot convert")
        return dt + dst

    def __reduce__(self):
        args = getattr(self, "__getinitargs__", None)
        args = args() if args is not None else ()
        state = getattr(self, "__dict__", None) or None
        return (type(self), args, state)


# ---------------------------------------------------------------- time


def _new_time(cls, hour, minute, second, us, tz, fold):
    if cls is time:
        self = object.__new__(time)
        self._hour = hour
        self._minute = minute
        self._second = second
        self._us = us
        self._tzinfo = tz
        self._fold = fold
        return self
    return cls(hour, minute, second, us, tz, fold=fold)


class time:
    """time([hour[, minute[, second[, microsecond[, tzinfo]]]]]) --> a time object

    All arguments are optional. tzinfo may be None, or an instance of
    a tzinfo subclass. The remaining arguments may be ints.
    """

    __slots__ = ("_hour", "_minute", "_second", "_us", "_tzinfo", "_fold")

    def __new__(cls, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        fields = _check_time_fields(hour, minute, second, microsecond, fold)
        _check_tzinfo(tzinfo)
        self = object.__new__(cls)
        self._hour, self._minute, self._second, self._us, self._fold = fields
        self._tzinfo = tzinfo
        return self

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._us)
    tzinfo = property(lambda self: self._tzinfo)
    fold = property(lambda self: self._fold)

    @classmethod
    def fromisoformat(cls, time_string):
        """string -> time from a string in ISO 8601 format"""
        if not isinstance(time_string, str):
            raise TypeError("fromisoformat: argument must be str")
        start = 1 if time_string[:1] == "T" else 0
        fields = _parse_iso_time(time_string, start)
        if fields is None:
            raise ValueError("Invalid isoformat string: %r" % (time_string,))
        return cls(*fields)

    def utcoffset(self):
        """Return self.tzinfo.utcoffset(self)."""
        if self._tzinfo is None:
            return None
        return _check_offset("utcoffset", self._tzinfo.utcoffset(None))

    def dst(self):
        """Return self.tzinfo.dst(self)."""
        if self._tzinfo is None:
            return None
        return _check_offset("dst", self._tzinfo.dst(None))

    def tzname(self):
        """Return self.tzinfo.tzname(self)."""
        return _call_tzname(self._tzinfo, None)

    def isoformat(self, timespec="auto"):
        """Return string in ISO 8601 format, [HH[:MM[:SS[.mmm[uuu]]]]][+HH:MM].

        The optional argument timespec specifies the number of additional terms
        of the time to include. Valid options are 'auto', 'hours', 'minutes',
        'seconds', 'milliseconds' and 'microseconds'.
        """
        if not isinstance(timespec, str):
            raise TypeError(
                "isoformat() argument 1 must be str, not %s" % _arg_type(timespec)
            )
        text = _format_time(self._hour, self._minute, self._second, self._us, timespec)
        return text + _format_offset(self.utcoffset(), ":")

    def __str__(self):
        return self.isoformat()

    def __repr__(self):
        if self._us:
            fields = "%d, %d, %d, %d" % (self._hour, self._minute, self._second, self._us)
        elif self._second:
            fields = "%d, %d, %d" % (self._hour, self._minute, self._second)
        else:
            fields = "%d, %d" % (self._hour, self._minute)
        if self._tzinfo is not None:
            fields += ", tzinfo=%r" % (self._tzinfo,)
        if self._fold:
            fields += ", fold=1"
        return "%s(%s)" % (_type_name(type(self)), fields)

    def strftime(self, format):
        """format -> strftime() style string."""
        timetuple = (1900, 1, 1, self._hour, self._minute, self._second, 0, 1, -1)
        return _strftime(self, format, timetuple)

    def __format__(self, fmt):
        return _format(self, fmt)

    def replace(self, hour=_MISSING, minute=_MISSING, second=_MISSING,
                microsecond=_MISSING, tzinfo=_MISSING, *, fold=_MISSING):
        """Return time with new specified fields."""
        fields = _check_time_fields(
            self._hour if hour is _MISSING else hour,
            self._minute if minute is _MISSING else minute,
            self._second if second is _MISSING else second,
            self._us if microsecond is _MISSING else microsecond,
            self._fold if fold is _MISSING else fold,
        )
        tz = self._tzinfo if tzinfo is _MISSING else tzinfo
        _check_tzinfo(tz)
        h, m, s, us, f = fields
        return _new_time(type(self), h, m, s, us, tz, f)

    def _seconds_key(self):
        return self._hour * 3600 + self._minute * 60 + self._second

    def _time_compare(self, other, op):
        if not isinstance(other, time):
            return NotImplemented
        mine = (self._hour, self._minute, self._second, self._us)
        theirs = (other._hour, other._minute, other._second, other._us)
        if self._tzinfo is other._tzinfo:
            return _compare_result(_cmp(mine, theirs), op)
        off1 = self.utcoffset()
        off2 = other.utcoffset()
        if off1 == off2:
            return _compare_result(_cmp(mine, theirs), op)
        if off1 is not None and off2 is not None:
            # The offsets' microseconds do not count here (CPython's rule).
            a = self._seconds_key() - off1._days * 86400 - off1._seconds
            b = other._seconds_key() - off2._days * 86400 - off2._seconds
            diff = _cmp((a, self._us), (b, other._us))
            return _compare_result(diff, op)
        if op == "eq":
            return False
        if op == "ne":
            return True
        raise TypeError("can't compare offset-naive and offset-aware times")

    def __eq__(self, other):
        return self._time_compare(other, "eq")

    def __ne__(self, other):
        return self._time_compare(other, "ne")

    def __lt__(self, other):
        return self._time_compare(other, "lt")

    def __le__(self, other):
        return self._time_compare(other, "le")

    def __gt__(self, other):
        return self._time_compare(other, "gt")

    def __ge__(self, other):
        return self._time_compare(other, "ge")

    def __hash__(self):
        base = self
        if self._fold:
            base = self.replace(fold=0)
        offset = base.utcoffset()
        if offset is None:
            return hash((self._hour, self._minute, self._second, self._us))
        since_midnight = _delta_from_us(self._seconds_key() * _US_PER_SECOND + self._us)
        return hash(since_midnight - offset)

    def __reduce__(self):
        args = (self._hour, self._minute, self._second, self._us, self._tzinfo)
        if self._fold:
            return (_time_with_fold, (type(self),) + args)
        return (type(self), args)


def _time_with_fold(cls, hour, minute, second, us, tz):
    return cls(hour, minute, second, us, tz, fold=1)


time.min = _new_time(time, 0, 0, 0, 0, None, 0)
time.max = _new_time(time, 23, 59, 59, 999999, None, 0)
time.resolution = timedelta.resolution


# ---------------------------------------------------------------- local time


def _wall_seconds(year, month, day, hour, minute, second):
    """Seconds from the epoch of a wall-clock time read as if it were UTC."""
    days = _ordinal(year, month, day) - _EPOCH_ORDINAL
    return days * 86400 + hour * 3600 + minute * 60 + second


def _local_wall(u):
    t = _time.localtime(u)
    return _wall_seconds(t[0], t[1], t[2], t[3], t[4], t[5])


def _local_to_utc(wall, fold):
    """The instant (seconds from the epoch) whose local wall clock reads `wall`. An
    ambiguous reading (clocks set back) is the earlier instant for fold=0 and the later
    for fold=1; a reading that never happens (clocks set forward) uses the offset from
    before the change for fold=0 and after it for fold=1 (PEP 495)."""
    before = _local_wall(wall - 86400) - (wall - 86400)
    after = _local_wall(wall + 86400) - (wall + 86400)
    u1 = wall - before
    u2 = wall - after
    if u1 == u2:
        return u1
    ok1 = _local_wall(u1) == wall
    ok2 = _local_wall(u2) == wall
    if ok1 != ok2:
        return u1 if ok1 else u2
    return u2 if fold else u1


def _local_timezone(u):
    """The local zone at instant u, as a fixed-offset timezone named like the C library."""
    t = _time.localtime(u)
    return timezone(timedelta(seconds=t.tm_gmtoff), t.tm_zone)


def _from_timet(cls, secs, us, tz, local):
    """A datetime of class `cls` from seconds since the epoch: local time (with the fold
    set when the reading repeats) or UTC."""
    t = _time.localtime(secs) if local else _time.gmtime(secs)
    _check_year(t[0])
    hh, mm, ss = t[3], t[4], min(t[5], 59)
    fold = 0
    if local:
        # An offset smaller than a day ago means the clocks went back: the same reading
        # may have happened earlier, and then this one is the second (fold=1).
        wall = _wall_seconds(t[0], t[1], t[2], hh, mm, ss)
        change = (wall - secs) - (_local_wall(secs - 86400) - (secs - 86400))
        if change < 0 and _local_wall(secs + change) == wall:
            fold = 1
    return cls(t[0], t[1], t[2], hh, mm, ss, us, tz, fold=fold)


# ---------------------------------------------------------------- datetime


def _new_datetime(cls, year, month, day, hour, minute, second, us, tz, fold):
    if cls is datetime:
        self = object.__new__(datetime)
        self._year = year
        self._month = month
        self._day = day
        self._hour = hour
        self._minute = minute
        self._second = second
        self._us = us
        self._tzinfo = tz
        self._fold = fold
        return self
    return cls(year, month, day, hour, minute, second, us, tz, fold=fold)


def _datetime_from_us(cls, total, tz, fold=0):
    """A datetime of `total` microseconds since 0001-01-01 minus a day (ordinal 0)."""
    days, us = divmod(total, _US_PER_DAY)
    if not 1 <= days <= _MAX_ORDINAL:
        raise OverflowError("date value out of range")
    y, m, d = _from_ordinal(days)
    secs, us = divmod(us, _US_PER_SECOND)
    mins, secs = divmod(secs, 60)
    hours, mins = divmod(mins, 60)
    return _new_datetime(cls, y, m, d, hours, mins, secs, us, tz, fold)


class datetime(date):
    """datetime(year, month, day[, hour[, minute[, second[, microsecond[,tzinfo]]]]])

    The year, month and day arguments are required. tzinfo may be None, or an
    instance of a tzinfo subclass. The remaining arguments may be ints.
    """

    __slots__ = ("_hour", "_minute", "_second", "_us", "_tzinfo", "_fold")

    def __new__(cls, year=_MISSING, month=_MISSING, day=_MISSING, hour=0, minute=0,
                second=0, microsecond=0, tzinfo=None, *, fold=0):
        if year is _MISSING:
            _missing("year", 1)
        if month is _MISSING:
            _missing("month", 2)
        if day is _MISSING:
            _missing("day", 3)
        year, month, day = _check_date_fields(year, month, day)
        fields = _check_time_fields(hour, minute, second, microsecond, fold)
        _check_tzinfo(tzinfo)
        self = object.__new__(cls)
        self._year = year
        self._month = month
        self._day = day
        self._hour, self._minute, self._second, self._us, self._fold = fields
        self._tzinfo = tzinfo
        return self

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._us)
    tzinfo = property(lambda self: self._tzinfo)
    fold = property(lambda self: self._fold)

    def _to_us(self):
        secs = self._hour * 3600 + self._minute * 60 + self._second
        return (self.toordinal() * 86400 + secs) * _US_PER_SECOND + self._us

    # -- construction

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        """timestamp[, tz] -> tz's local time from POSIX timestamp."""
        _check_tzinfo(tz)
        secs, us = _timestamp_parts(t, "half-even")
        if tz is None:
            return _from_timet(cls, secs, us, None, True)
        return tz.fromutc(_from_timet(cls, secs, us, tz, False))

    @classmethod
    def utcfromtimestamp(cls, t):
        """Construct a naive UTC datetime from a POSIX timestamp."""
        secs, us = _timestamp_parts(t, "half-even")
        return _from_timet(cls, secs, us, None, False)

    @classmethod
    def now(cls, tz=None):
        """Returns new datetime object representing current time local to tz.

          tz
            Timezone object.

        If no tz is specified, uses local timezone."""
        _check_tzinfo(tz)
        secs, us = divmod(_time.time_ns() // 1000, _US_PER_SECOND)
        if tz is None:
            return _from_timet(cls, secs, us, None, True)
        return tz.fromutc(_from_timet(cls, secs, us, tz, False))

    @classmethod
    def utcnow(cls):
        """Return a new datetime representing UTC day and time."""
        secs, us = divmod(_time.time_ns() // 1000, _US_PER_SECOND)
        return _from_timet(cls, secs, us, None, False)

    @classmethod
    def today(cls):
        """Current date or datetime:  same as self.__class__.fromtimestamp(time.time())."""
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromordinal(cls, n):
        """int -> date corresponding to a proleptic Gregorian ordinal."""
        day = date.fromordinal(n)
        return _new_datetime(cls, day._year, day._month, day._day, 0, 0, 0, 0, None, 0)

    @classmethod
    def combine(cls, date_part, time_part, tzinfo=_MISSING):
        """date, time -> datetime with same date and time fields"""
        if not isinstance(date_part, date):
            raise TypeError(
                "combine() argument 1 must be datetime.date, not %s"
                % _arg_type(date_part)
            )
        if not isinstance(time_part, time):
            raise TypeError(
                "combine() argument 2 must be datetime.time, not %s"
                % _arg_type(time_part)
            )
        if tzinfo is _MISSING:
            tzinfo = time_part._tzinfo
        _check_tzinfo(tzinfo)
        return _new_datetime(
            cls, date_part._year, date_part._month, date_part._day, time_part._hour,
            time_part._minute, time_part._second, time_part._us, tzinfo, time_part._fold,
        )

    @classmethod
    def fromisoformat(cls, date_string):
        """string -> datetime from a string in most ISO 8601 formats"""
        if not isinstance(date_string, str):
            raise TypeError("fromisoformat: argument must be str")
        fields = None
        if len(date_string) >= 7:
            end = _iso_separator_position(date_string)
            if end >= 0:
                fields = _parse_iso_date(date_string[:end])
        if fields is not None:
            clock = (0, 0, 0, 0, None)
            if end < len(date_string):
                clock = _parse_iso_time(date_string, end + 1)
            if clock is not None:
                return cls(*fields, *clock)
        raise ValueError("Invalid isoformat string: %r" % (date_string,))

    @classmethod
    def strptime(cls, date_string, format):
        """string, format -> new datetime parsed from a string (like time.strptime())."""
        for i, arg in enumerate((date_string, format)):
            if not isinstance(arg, str):
                raise TypeError(
                    "strptime() argument %d must be str, not %s" % (i + 1, _arg_type(arg))
                )
        import _strptime

        return _strptime.parse_datetime(cls, date_string, format)

    # -- parts and conversions

    def date(self):
        """Return date object with same year, month and day."""
        return _new_date(date, self._year, self._month, self._day)

    def time(self):
        """Return time object with same time but with tzinfo=None."""
        return _new_time(time, self._hour, self._minute, self._second, self._us, None,
                         self._fold)

    def timetz(self):
        """Return time object with same time and tzinfo."""
        return _new_time(time, self._hour, self._minute, self._second, self._us,
                         self._tzinfo, self._fold)

    def utcoffset(self):
        """Return self.tzinfo.utcoffset(self)."""
        if self._tzinfo is None:
            return None
        return _check_offset("utcoffset", self._tzinfo.utcoffset(self))

    def dst(self):
        """Return self.tzinfo.dst(self)."""
        if self._tzinfo is None:
            return None
        return _check_offset("dst", self._tzinfo.dst(self))

    def tzname(self):
        """Return self.tzinfo.tzname(self)."""
        return _call_tzname(self._tzinfo, self)

    def _local_seconds(self):
        """Seconds from the epoch of this naive datetime read as local time."""
        wall = _wall_seconds(self._year, self._month, self._day, self._hour,
                             self._minute, self._second)
        return _local_to_utc(wall, self._fold)

    def timestamp(self):
        """Return POSIX timestamp as float."""
        if self._tzinfo is None:
            return (self._local_seconds()) + self._us / 1e6
        return (self - _EPOCH).total_seconds()

    def timetuple(self):
        """Return time tuple, compatible with time.localtime()."""
        dst = self.dst()
        flag = -1 if dst is None else (1 if dst else 0)
        return _time.struct_time((
            self._year, self._month, self._day, self._hour, self._minute, self._second,
            self.weekday(), _days_before_month(self._year, self._month) + self._day, flag,
        ))

    def utctimetuple(self):
        """Return UTC time tuple, compatible with time.localtime()."""
        offset = self.utcoffset()
        t = self
        if offset:
            t = _datetime_from_us(datetime, self._to_us() - offset._to_us(), None)
        return _time.struct_time((
            t._year, t._month, t._day, t._hour, t._minute, t._second, t.weekday(),
            _days_before_month(t._year, t._month) + t._day, 0,
        ))

    def astimezone(self, tz=None):
        """tz -> convert to local time in new timezone tz"""
        _check_tzinfo(tz)
        mine = self._tzinfo
        offset = None
        if mine is not None:
            if mine is tz:
                return self
            offset = self.utcoffset()
        if offset is None:
            # Naive (or a zone without an offset): the local zone at that moment.
            mine = _local_timezone(self._local_seconds())
            if mine is tz:
                return self
            offset = mine.utcoffset(self)
        utc = _datetime_from_us(datetime, self._to_us() - offset._to_us(), timezone.utc)
        if tz is None:
            u = (utc._to_us() - _EPOCH_ORDINAL * _US_PER_DAY) // _US_PER_SECOND
            tz = _local_timezone(u)
        utc = _new_datetime(type(self), utc._year, utc._month, utc._day, utc._hour,
                            utc._minute, utc._second, utc._us, tz, 0)
        return tz.fromutc(utc)

    # -- text

    def isoformat(self, sep="T", timespec="auto"):
        """[sep] -> string in ISO 8601 format, YYYY-MM-DDT[HH[:MM[:SS[.mmm[uuu]]]]][+HH:MM].
        sep is used to separate the year from the time, and defaults to 'T'.
        The optional argument timespec specifies the number of additional terms
        of the time to include. Valid options are 'auto', 'hours', 'minutes',
        'seconds', 'milliseconds' and 'microseconds'.
        """
        if not isinstance(sep, str) or len(sep) != 1:
            raise TypeError(
                "isoformat() argument 1 must be a unicode character, not %s"
                % _arg_type(sep)
            )
        if not isinstance(timespec, str):
            raise TypeError(
                "isoformat() argument 2 must be str, not %s" % _arg_type(timespec)
            )
        text = "%04d-%02d-%02d%s" % (self._year, self._month, self._day, sep)
        text += _format_time(self._hour, self._minute, self._second, self._us, timespec)
        return text + _format_offset(self.utcoffset(), ":")

    def __str__(self):
        return self.isoformat(sep=" ")

    def __repr__(self):
        fields = [self._year, self._month, self._day, self._hour, self._minute]
        if self._us:
            fields += [self._second, self._us]
        elif self._second:
            fields.append(self._second)
        text = ", ".join(["%d" % f for f in fields])
        if self._tzinfo is not None:
            text += ", tzinfo=%r" % (self._tzinfo,)
        if self._fold:
            text += ", fold=1"
        return "%s(%s)" % (_type_name(type(self)), text)

    def ctime(self):
        """Return ctime() style string."""
        return "%s %s %2d %02d:%02d:%02d %04d" % (
            _DAY_NAMES[self.weekday()], _MONTH_NAMES[self._month], self._day,
            self._hour, self._minute, self._second, self._year,
        )

    def strftime(self, format):
        """format -> strftime() style string."""
        return _strftime(self, format, self.timetuple())

    def __format__(self, fmt):
        return _format(self, fmt)

    def replace(self, year=_MISSING, month=_MISSING, day=_MISSING, hour=_MISSING,
                minute=_MISSING, second=_MISSING, microsecond=_MISSING,
                tzinfo=_MISSING, *, fold=_MISSING):
        """Return datetime with new specified fields."""
        y, mo, d = _check_date_fields(
            self._year if year is _MISSING else year,
            self._month if month is _MISSING else month,
            self._day if day is _MISSING else day,
        )
        h, mi, s, us, f = _check_time_fields(
            self._hour if hour is _MISSING else hour,
            self._minute if minute is _MISSING else minute,
            self._second if second is _MISSING else second,
            self._us if microsecond is _MISSING else microsecond,
            self._fold if fold is _MISSING else fold,
        )
        tz = self._tzinfo if tzinfo is _MISSING else tzinfo
        _check_tzinfo(tz)
        return _new_datetime(type(self), y, mo, d, h, mi, s, us, tz, f)

    # -- arithmetic and comparison

    def __add__(self, other):
        if isinstance(other, timedelta):
            return _datetime_from_us(type(self), self._to_us() + other._to_us(),
                                     self._tzinfo)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return _datetime_from_us(type(self), self._to_us() - other._to_us(),
                                     self._tzinfo)
        if not isinstance(other, datetime):
            return NotImplemented
        diff = self._to_us() - other._to_us()
        if self._tzinfo is not other._tzinfo:
            off1 = self.utcoffset()
            off2 = other.utcoffset()
            if (off1 is None) != (off2 is None):
                raise TypeError("can't subtract offset-naive and offset-aware datetimes")
            if off1 is not None:
                diff -= off1._to_us() - off2._to_us()
        return _delta_from_us(diff)

    def _fields_key(self):
        return (self._year, self._month, self._day, self._hour, self._minute,
                self._second, self._us)

    def _flipped_offset_differs(self, offset):
        """Whether the other fold gives another offset (an ambiguous or missing local
        time, which PEP 495 makes unequal to any time in another zone)."""
        flipped = self.replace(fold=1 - self._fold).utcoffset()
        return flipped is not offset and flipped != offset

    def _datetime_compare(self, other, op):
        if not isinstance(other, datetime):
            if isinstance(other, date):
                if op == "eq":
                    return False
                if op == "ne":
                    return True
                raise TypeError("can't compare %s to %s"
                                % (_type_name(type(self)), _type_name(type(other))))
            return NotImplemented
        if self._tzinfo is other._tzinfo:
            return _compare_result(_cmp(self._fields_key(), other._fields_key()), op)
        off1 = self.utcoffset()
        off2 = other.utcoffset()
        if off1 is off2 or (off1 is not None and off2 is not None and off1 == off2):
            diff = _cmp(self._fields_key(), other._fields_key())
        elif off1 is not None and off2 is not None:
            diff = _cmp(self._to_us() - off1._to_us(), other._to_us() - off2._to_us())
        elif op == "eq":
            return False
        elif op == "ne":
            return True
        else:
            raise TypeError("can't compare offset-naive and offset-aware datetimes")
        if diff == 0 and op in ("eq", "ne"):
            if (self._flipped_offset_differs(off1)
                    or other._flipped_offset_differs(off2)):
                diff = 1
        return _compare_result(diff, op)

    def __eq__(self, other):
        return self._datetime_compare(other, "eq")

    def __ne__(self, other):
        return self._datetime_compare(other, "ne")

    def __lt__(self, other):
        return self._datetime_compare(other, "lt")

    def __le__(self, other):
        return self._datetime_compare(other, "le")

    def __gt__(self, other):
        return self._datetime_compare(other, "gt")

    def __ge__(self, other):
        return self._datetime_compare(other, "ge")

    def __hash__(self):
        base = self.replace(fold=0) if self._fold else self
        offset = base.utcoffset()
        if offset is None:
            return hash(self._fields_key())
        # Days are the ordinal here, which fits a timedelta.
        local = _delta_from_us(self._to_us())
        return hash(local - offset)

    def __reduce__(self):
        args = (self._year, self._month, self._day, self._hour, self._minute,
                self._second, self._us, self._tzinfo)
        if self._fold:
            return (_datetime_with_fold, (type(self),) + args)
        return (type(self), args)


def _datetime_with_fold(cls, *args):
    return cls(*args, fold=1)


datetime.min = _new_datetime(datetime, 1, 1, 1, 0, 0, 0, 0, None, 0)
datetime.max = _new_datetime(datetime, 9999, 12, 31, 23, 59, 59, 999999, None, 0)
datetime.resolution = timedelta.resolution


# ---------------------------------------------------------------- timezone


class timezone(tzinfo):
    """Fixed offset from UTC implementation of tzinfo."""

    __slots__ = ("_offset", "_name")

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'datetime.timezone' is not an acceptable base type")

    def __new__(cls, offset=_MISSING, name=_MISSING):
        if offset is _MISSING:
            raise TypeError("timezone() missing required argument 'offset' (pos 1)")
        if not isinstance(offset, timedelta):
            raise TypeError(
                "timezone() argument 1 must be datetime.timedelta, not %s"
                % _arg_type(offset)
            )
        if name is not _MISSING and not isinstance(name, str):
            raise TypeError(
                "timezone() argument 2 must be str, not %s" % _arg_type(name)
            )
        if name is _MISSING:
            name = None
            if not offset and _UTC is not None:
                return _UTC
        if not -_ONE_DAY < offset < _ONE_DAY:
            raise ValueError(
                "offset must be a timedelta strictly between -timedelta(hours=24) and "
                "timedelta(hours=24), not %r." % (offset,)
            )
        self = object.__new__(cls)
        self._offset = _delta_from_us(offset._to_us())
        self._name = name
        return self

    def __getinitargs__(self):
        if self._name is None:
            return (self._offset,)
        return (self._offset, self._name)

    def __reduce__(self):
        return (timezone, self.__getinitargs__())

    def _check_arg(self, dt, method):
        if dt is not None and not isinstance(dt, datetime):
            raise TypeError(
                "%s(dt) argument must be a datetime instance or None, not %s"
                % (method, type(dt).__name__)
            )

    def utcoffset(self, dt):
        """If name is specified when timezone is created, returns the name.  Otherwise returns offset as 'UTC(+|-)HH:MM'."""
        self._check_arg(dt, "utcoffset")
        return self._offset

    def dst(self, dt):
        """Return None."""
        self._check_arg(dt, "dst")
        return None

    def tzname(self, dt):
        """If name is specified when timezone is created, returns the name.  Otherwise returns offset as 'UTC(+|-)HH:MM'."""
        self._check_arg(dt, "tzname")
        if self._name is not None:
            return self._name
        if self is _UTC or not self._offset:
            return "UTC"
        return "UTC" + _format_offset(self._offset, ":")

    def fromutc(self, dt):
        """datetime in UTC -> datetime in local time."""
        if not isinstance(dt, datetime):
            raise TypeError("fromutc: argument must be a datetime")
        if dt._tzinfo is not self:
            raise ValueError("fromutc: dt.tzinfo is not self")
        return dt + self._offset

    def __str__(self):
        return self.tzname(None)

    def __repr__(self):
        name = _type_name(type(self))
        if self is _UTC:
            return name + ".utc"
        if self._name is None:
            return "%s(%r)" % (name, self._offset)
        return "%s(%r, %r)" % (name, self._offset, self._name)

    def __eq__(self, other):
        if isinstance(other, timezone):
            return self._offset == other._offset
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, timezone):
            return self._offset != other._offset
        return NotImplemented

    def __hash__(self):
        return hash(self._offset)


_UTC = None
_UTC = timezone(timedelta(0), "UTC")
_UTC._name = None
timezone.utc = _UTC
timezone.min = timezone(-timedelta(hours=23, minutes=59))
timezone.max = timezone(timedelta(hours=23, minutes=59))
UTC = _UTC
_EPOCH = _new_datetime(datetime, 1970, 1, 1, 0, 0, 0, 0, _UTC, 0)

_OWN_TYPES = (timedelta, date, time, datetime, tzinfo, timezone, IsoCalendarDate)

__all__ = ("date", "datetime", "time", "timedelta", "timezone", "tzinfo",
           "MINYEAR", "MAXYEAR", "UTC")
