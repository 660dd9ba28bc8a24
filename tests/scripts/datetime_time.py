# time: fields, tzinfo, fold, isoformat with timespec, fromisoformat, replace, comparisons
from datetime import time, timedelta, timezone, tzinfo


def show(label, f):
    try:
        r = f()
    except Exception as e:
        if "not supported between" in str(e):
            # CPython names its C types with their module here ('datetime.time').
            e = str(e).split(" between")[0]
        print(label, "->", type(e).__name__ if not isinstance(e, str) else "TypeError", e)
    else:
        print(label, "->", repr(r))


class Fixed(tzinfo):
    def __init__(self, minutes, name=None):
        self.minutes = minutes
        self.name = name

    def utcoffset(self, dt):
        return timedelta(minutes=self.minutes) if self.minutes is not None else None

    def dst(self, dt):
        return timedelta(0)

    def tzname(self, dt):
        return self.name

    def __repr__(self):
        return "Fixed(%r)" % self.minutes


print(time.min, time.max, time.resolution, repr(time()), repr(time(1)), repr(time(1, 2, 3)))
for args, kw in [((12, 30, 15, 250), {}), ((23, 59, 59, 999999), {}), ((24,), {}),
                 ((0, 60), {}), ((0, 0, 60), {}), ((0, 0, 0, 1000000), {}), ((-1,), {}),
                 ((1.0,), {}), (("1",), {}), ((1, 2, 3, 4, 5), {}), ((1,), {"fold": 2}),
                 ((1,), {"fold": 1}), ((1, 2), {"tzinfo": timezone.utc}),
                 ((1, 2), {"tzinfo": Fixed(-90)})]:
    show("time%r %r" % (args, kw), lambda: time(*args, **kw))

t = time(7, 8, 9, 123456)
print(t.hour, t.minute, t.second, t.microsecond, t.tzinfo, t.fold)
for spec in ["auto", "hours", "minutes", "seconds", "milliseconds", "microseconds"]:
    print(spec, t.isoformat(spec), time(7, 8).isoformat(timespec=spec),
          time(1, 2, 3, tzinfo=timezone(timedelta(hours=5, seconds=7))).isoformat(spec))
show("isoformat('x')", lambda: t.isoformat("x"))
show("isoformat(3)", lambda: t.isoformat(3))
print(str(t), str(time(1, 2, 3, 500, timezone.utc)), format(t, "%H.%M.%S.%f"), format(t, ""))
print(time(13, 5, tzinfo=Fixed(330, "IST")).strftime("%I:%M %p %z %Z %Y-%m-%d %j %a %%"))
print(time(1, tzinfo=Fixed(None)).strftime("[%z][%Z]"))
print(time(1, tzinfo=Fixed(30)).utcoffset(), time(1, tzinfo=Fixed(30)).dst(), time(1).utcoffset(),
      time(1).tzname(), time(1, tzinfo=Fixed(30, "X")).tzname())
show("utcoffset 24h", lambda: time(1, tzinfo=Fixed(1440)).utcoffset())
show("utcoffset -24h", lambda: time(1, tzinfo=Fixed(-1440)).isoformat())


class BadTz(tzinfo):
    def utcoffset(self, dt):
        return 5

    def tzname(self, dt):
        return 7


show("utcoffset int", lambda: time(1, tzinfo=BadTz()).utcoffset())
show("tzname int", lambda: time(1, tzinfo=BadTz()).tzname())
show("tzinfo base", lambda: time(1, tzinfo=tzinfo()).utcoffset())
show("tzinfo bad", lambda: time(1, tzinfo=5))

print(t.replace(hour=1), t.replace(microsecond=0), repr(t.replace(tzinfo=timezone.utc)),
      repr(t.replace(fold=1)), t.replace(tzinfo=timezone.utc).replace(tzinfo=None))
show("replace(hour=25)", lambda: t.replace(hour=25))
show("replace(fold=-1)", lambda: t.replace(fold=-1))

for s in ["12", "12:30", "12:30:15", "12:30:15.5", "12:30:15.123", "12:30:15,123456",
          "12:30:15.1234567", "1230", "123015", "123015.25", "T12:30", "12:30Z", "12:30:00+05:30",
          "12:30-0800", "12:30+01", "12:30:00.5+01:02:03.000004", "12:30+00:00", "12:3",
          "12:30:", "12:30:15.", "24:00", "12:60", "12:30+24:00", "12:30Zx", "12:30z",
          "", "T", "1", "12:30+", "12:3015", "12.5", "12:30 ", " 12:30", "12:30:15.12x",
          "12:30+01:00x", "12-30"]:
    show("fromisoformat(%r)" % s, lambda: time.fromisoformat(s))
show("fromisoformat(1)", lambda: time.fromisoformat(1))

a, b = time(10), time(11, tzinfo=Fixed(60))
c = time(10, tzinfo=timezone.utc)
print(a < time(10, 0, 0, 1), a == time(10), a == time(10, fold=1), b == c, b <= c, b > c,
      time(10, tzinfo=Fixed(0)) == c, a == c, a != c, a == 10)
show("naive < aware", lambda: a < c)
show("time < int", lambda: a < 1)
print(hash(a) == hash(time(10, fold=1)), hash(b) == hash(c), hash(a) == hash(time(10)))
print(bool(time()), bool(time(0, tzinfo=Fixed(60))))
print(sorted([time(3), time(1), time(2, 30)]))
import copy
print(repr(copy.copy(time(1, 2, 3, 4, timezone.utc))), repr(copy.deepcopy(time(5, fold=1))))
