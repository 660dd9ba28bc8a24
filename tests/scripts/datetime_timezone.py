# timezone (fixed offsets, names, utc), tzinfo subclasses with DST, astimezone, fromutc
import datetime as dtmod
from datetime import datetime, timedelta, timezone, tzinfo


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r), "|", str(r))


print(repr(timezone.utc), repr(dtmod.UTC), dtmod.UTC is timezone.utc, timezone.min, timezone.max,
      repr(timezone.min), repr(timezone.max))
for args in [(timedelta(0),), (timedelta(0), "UTC"), (timedelta(hours=1),), (timedelta(hours=-5, minutes=-30),),
             (timedelta(minutes=90), "Ninety"), (timedelta(seconds=3661),), (timedelta(seconds=-1),),
             (timedelta(microseconds=1),), (timedelta(hours=24),), (timedelta(hours=-24),),
             (timedelta(hours=23, minutes=59, seconds=59, microseconds=999999),), (3600,),
             (timedelta(0), 3), (timedelta(0), None), ()]:
    show("timezone%r" % (args,), lambda: timezone(*args))
print(timezone(timedelta(0)) is timezone.utc, timezone(timedelta(0), "UTC") is timezone.utc,
      timezone(offset=timedelta(hours=2), name="X"))
tz = timezone(timedelta(hours=2))
print(tz.utcoffset(None), tz.dst(None), tz.tzname(None), tz.utcoffset(datetime(2020, 1, 1)))
show("utcoffset(5)", lambda: tz.utcoffset(5))
show("tzname('x')", lambda: tz.tzname("x"))
show("fromutc(naive)", lambda: tz.fromutc(datetime(2020, 1, 1)))
show("fromutc(own)", lambda: tz.fromutc(datetime(2020, 1, 1, tzinfo=tz)))
show("fromutc(5)", lambda: tz.fromutc(5))
print(tz == timezone(timedelta(hours=2), "other"), tz != timezone.utc, tz == 5,
      hash(tz) == hash(timezone(timedelta(hours=2), "x")), len({tz, timezone(timedelta(hours=2)), timezone.utc}))
try:
    tz < timezone.utc
except TypeError:
    print("tz < tz -> TypeError")
print(tz.__getinitargs__(), timezone(timedelta(hours=1), "A").__getinitargs__(), isinstance(tz, tzinfo))
try:
    class Sub(timezone):
        pass
except TypeError as e:
    print("TypeError", e)

u = datetime(2020, 6, 1, 12, tzinfo=timezone.utc)
for target in [timezone(timedelta(hours=9)), timezone(timedelta(hours=-3, minutes=-30), "NST"), timezone.utc]:
    r = u.astimezone(target)
    print(repr(r), r, r.tzname(), r.utcoffset(), r == u)
print(u.astimezone(timezone.utc) is u)
show("astimezone(5)", lambda: u.astimezone(5))
show("min.astimezone(-1h)", lambda: datetime(1, 1, 1, tzinfo=timezone.utc).astimezone(timezone(timedelta(hours=-1))))
local = u.astimezone()
print(type(local.tzinfo).__name__, local == u, local.utcoffset() == local.tzinfo.utcoffset(None))
naive = datetime(2020, 6, 1, 12)
print(naive.astimezone().replace(tzinfo=None) == naive, naive.astimezone(timezone.utc).tzinfo)


# A zone with daylight saving time (US rules since 2007), as in the documentation.
def first_sunday_on_or_after(d):
    return d + timedelta(days=(6 - d.weekday()) % 7)


class Eastern(tzinfo):
    def utcoffset(self, dt):
        return timedelta(hours=-5) + self.dst(dt)

    def dst(self, dt):
        if dt is None or dt.tzinfo is None:
            return timedelta(0)
        start = first_sunday_on_or_after(datetime(dt.year, 3, 8, 2))
        end = first_sunday_on_or_after(datetime(dt.year, 11, 1, 1))
        naive = dt.replace(tzinfo=None)
        if start <= naive < end:
            return timedelta(hours=1)
        return timedelta(0)

    def tzname(self, dt):
        return "EDT" if self.dst(dt) else "EST"

    def __repr__(self):
        return "Eastern()"


east = Eastern()
for utc in [datetime(2021, 3, 14, 6, 30, tzinfo=timezone.utc), datetime(2021, 3, 14, 7, 30, tzinfo=timezone.utc),
            datetime(2021, 11, 7, 5, 30, tzinfo=timezone.utc), datetime(2021, 11, 7, 6, 30, tzinfo=timezone.utc),
            datetime(2021, 7, 1, tzinfo=timezone.utc)]:
    loc = utc.astimezone(east)
    print(repr(loc), loc.tzname(), loc.dst(), loc.utcoffset(), loc.isoformat(), loc.timetuple().tm_isdst,
          loc.strftime("%H:%M %Z %z"), loc.astimezone(timezone.utc) == utc)
x = datetime(2021, 7, 1, 12, tzinfo=east)
print(x.timestamp(), x.utctimetuple(), x - datetime(2021, 1, 1, 12, tzinfo=east),
      x == datetime(2021, 7, 1, 16, tzinfo=timezone.utc), hash(x) == hash(datetime(2021, 7, 1, 16, tzinfo=timezone.utc)))


class NoOffset(tzinfo):
    def utcoffset(self, dt):
        return None

    def dst(self, dt):
        return None


n = datetime(2020, 1, 1, tzinfo=NoOffset())
print(n.utcoffset(), n.dst(), n.tzname() if False else "-", n == datetime(2020, 1, 1), n.timetuple().tm_isdst)
show("tzinfo.fromutc no offset", lambda: NoOffset().fromutc(datetime(2020, 1, 1, tzinfo=n.tzinfo)))
show("tzinfo().utcoffset", lambda: tzinfo().utcoffset(None))
show("tzinfo().tzname", lambda: tzinfo().tzname(None))
show("tzinfo().dst", lambda: tzinfo().dst(None))
show("tzinfo.fromutc(1)", lambda: east.fromutc(1))
show("tzinfo.fromutc other", lambda: east.fromutc(datetime(2020, 1, 1, tzinfo=timezone.utc)))


class Ambiguous(tzinfo):
    """Offset +1h for fold=0 and 0 for fold=1 at 01:xx: an ambiguous hour."""

    def utcoffset(self, dt):
        if dt.hour == 1 and dt.fold:
            return timedelta(0)
        return timedelta(hours=1) if dt.hour == 1 else timedelta(0)

    def dst(self, dt):
        return timedelta(0)


amb = Ambiguous()
p = datetime(2020, 1, 1, 1, 30, tzinfo=amb)
q = datetime(2020, 1, 1, 0, 30, tzinfo=timezone.utc)
print(p == q, p != q, p.replace(fold=1) == q, p <= q, p.utcoffset(), p.replace(fold=1).utcoffset())
