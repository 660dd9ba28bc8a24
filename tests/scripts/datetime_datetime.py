# datetime: constructor, combine, parts, isoformat, strftime, timestamps, arithmetic,
# naive/aware comparisons and hashing
import time as _time
from datetime import date, datetime, time, timedelta, timezone, tzinfo


def show(label, f):
    try:
        r = f()
    except Exception as e:
        if "not supported between" in str(e) or "unsupported operand" in str(e):
            # CPython names its C types with their module here ('datetime.datetime').
            e = str(e).split(":")[0].split(" between")[0]
        print(label, "->", type(e).__name__ if not isinstance(e, str) else "TypeError", e)
    else:
        print(label, "->", repr(r))


print(datetime.min, datetime.max, datetime.resolution, repr(datetime.min), repr(datetime.max))
for args, kw in [((2020, 1, 2), {}), ((2020, 1, 2, 3), {}), ((2020, 1, 2, 3, 4, 5), {}),
                 ((2020, 1, 2, 3, 4, 5, 6), {}), ((2020, 1, 2, 0, 0, 0, 6), {}),
                 ((2020, 2, 30), {}), ((2020, 1, 2, 24), {}), ((2020, 1), {}),
                 ((2020, 1, 2), {"fold": 1}), ((2020, 1, 2), {"tzinfo": timezone.utc}),
                 ((2020, 1, 2), {"tzinfo": "UTC"}), ((2020, 1, 2, 1, 2, 3, 4, None), {"fold": 1})]:
    show("datetime%r %r" % (args, kw), lambda: datetime(*args, **kw))

dt = datetime(2021, 7, 4, 15, 9, 26, 535897)
print(dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.microsecond, dt.tzinfo, dt.fold)
print(repr(dt.date()), repr(dt.time()), repr(dt.timetz()), dt.weekday(), dt.isoweekday(),
      dt.isocalendar(), dt.toordinal(), dt.ctime(), isinstance(dt, date))
print(dt.timetuple())
print(dt.utctimetuple())
print(dt.isoformat(), dt.isoformat(" "), dt.isoformat(timespec="minutes"), str(dt),
      dt.isoformat("x", "milliseconds"), datetime(2020, 1, 1).isoformat())
show("isoformat('ab')", lambda: dt.isoformat("ab"))
show("isoformat(timespec='x')", lambda: dt.isoformat(timespec="x"))
print(dt.strftime("%Y-%m-%d %H:%M:%S.%f %y %b %B %a %A %j %I %p [%z] [%Z] %%"))
print(format(dt, "%d/%m/%Y %H:%M"), f"{dt}", f"{dt:%H}", "{:%j}".format(dt))
print(datetime(2020, 1, 1, 0, 0).strftime("%I %p"), datetime(2020, 1, 1, 12).strftime("%I %p"),
      datetime(33, 1, 1).strftime("%Y %y %C"))
print(datetime.combine(date(2020, 5, 17), time(8, 30)), repr(datetime.combine(dt, time(1, fold=1))),
      repr(datetime.combine(date(2020, 1, 1), time(1, tzinfo=timezone.utc))),
      repr(datetime.combine(date(2020, 1, 1), time(1, tzinfo=timezone.utc), tzinfo=None)))
show("combine(1, time())", lambda: datetime.combine(1, time()))
show("combine(date, 1)", lambda: datetime.combine(date(2020, 1, 1), 1))
print(repr(datetime.fromordinal(737000)), repr(dt.replace(year=2000, microsecond=0)),
      repr(dt.replace(tzinfo=timezone.utc)), repr(dt.replace(fold=1)))
show("replace(day=31)", lambda: datetime(2020, 2, 1).replace(day=31))

# timestamps (UTC-relative, independent of the local zone)
for ts in [0, 1, -1, 1.5, -1.5, 1e9, 1234567890.123456, 0.0000005, 0.0000015, 0.9999996,
           -0.0000005, 253402300799, -62135596800, 1e20, float("nan"), float("inf"), "1", None]:
    show("utcfromtimestamp(%r)" % (ts,), lambda: datetime.utcfromtimestamp(ts))
    show("fromtimestamp(%r, utc)" % (ts,), lambda: datetime.fromtimestamp(ts, timezone.utc))
for d in [datetime(1970, 1, 1, tzinfo=timezone.utc), datetime(2000, 1, 1, tzinfo=timezone(timedelta(hours=-5))),
          datetime(1, 1, 1, tzinfo=timezone.utc), datetime(2038, 1, 19, 3, 14, 8, 5, timezone.utc)]:
    print(d.timestamp())
now = datetime.now()
ts = _time.time()
print(abs(now.timestamp() - ts) < 5, abs(datetime.fromtimestamp(ts).timestamp() - ts) < 1e-5)
print(abs(datetime.now(timezone.utc) - datetime.fromtimestamp(ts, timezone.utc)) < timedelta(seconds=5))
print(datetime.utcnow().tzinfo, datetime.now().tzinfo, datetime.now(timezone.utc).tzinfo,
      type(datetime.today()).__name__, abs(datetime.today() - now) < timedelta(seconds=5))
print(datetime.fromtimestamp(1e9).timestamp(), datetime.fromtimestamp(-1e9).timestamp())
show("now(5)", lambda: datetime.now(5))

# arithmetic
a = datetime(2020, 2, 28, 23, 30)
b = datetime(2021, 3, 1, 0, 15, 0, 1)
u = datetime(2020, 1, 1, tzinfo=timezone.utc)
e = datetime(2020, 1, 1, 5, tzinfo=timezone(timedelta(hours=5)))
show("a+1h", lambda: a + timedelta(hours=1))
show("1h+a", lambda: timedelta(hours=1) + a)
show("a-1us", lambda: a - timedelta(microseconds=1))
show("b-a", lambda: b - a)
show("a-b", lambda: a - b)
show("u-e", lambda: u - e)
show("e-u", lambda: e - u)
show("a-u", lambda: a - u)
show("a-date", lambda: a - date(2020, 1, 1))
show("a+a", lambda: a + a)
show("max+1us", lambda: datetime.max + timedelta.resolution)
show("min-1us", lambda: datetime.min - timedelta.resolution)
show("aware+td", lambda: e + timedelta(days=1))

# comparisons
print(a < b, a == datetime(2020, 2, 28, 23, 30), a != b, u == e, u <= e, u < e, a == u, a != u)
print(a == date(2020, 2, 28), date(2020, 2, 28) == a, a != date(2020, 2, 28), a == 5)
show("a < u", lambda: a < u)
show("a < date", lambda: a < date(2020, 2, 28))
show("date < a", lambda: date(2020, 2, 28) < a)
show("a < 5", lambda: a < 5)
print(hash(u) == hash(e), hash(a) == hash(a.replace(fold=1)), len({u, e, a}))
print(sorted([b, a, datetime.min]))


class Moment(datetime):
    def label(self):
        return "moment " + self.isoformat()


m = Moment(2020, 1, 1, 12)
print(repr(m), m.label(), type(m + timedelta(1)).__name__, type(Moment.now()).__name__,
      type(Moment.fromisoformat("2020-01-01")).__name__, type(Moment.combine(a, time())).__name__,
      type(m.replace(hour=1)).__name__, type(Moment.utcfromtimestamp(0)).__name__)
import copy
print(repr(copy.copy(u)), repr(copy.deepcopy(datetime(2020, 1, 1, fold=1))), copy.copy(m) == m)
