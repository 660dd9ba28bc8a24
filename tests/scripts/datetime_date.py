# date: constructor checks, ordinals, ISO calendar, strftime, arithmetic, comparisons
import datetime
from datetime import date, timedelta, MINYEAR, MAXYEAR


def show(label, f):
    try:
        r = f()
    except Exception as e:
        if "not supported between" in str(e) or "unsupported operand" in str(e):
            # CPython names its C types with their module here ('datetime.date').
            e = str(e).split(":")[0].split(" between")[0]
        print(label, "->", type(e).__name__ if not isinstance(e, str) else "TypeError", e)
    else:
        print(label, "->", repr(r))


print(MINYEAR, MAXYEAR, date.min, date.max, date.resolution)
for args in [(2020, 2, 29), (2019, 2, 29), (2000, 2, 29), (1900, 2, 29), (0, 1, 1),
             (10000, 1, 1), (2020, 0, 1), (2020, 13, 1), (2020, 4, 31), (2020, 1, 0),
             (2020.0, 1, 1), ("2020", 1, 1), (2020, 1), (2020,), (), (True, True, True)]:
    show("date%r" % (args,), lambda: date(*args))
show("keywords", lambda: date(day=3, month=2, year=2001))

for n in [1, 2, 365, 366, 730120, 737425, 3652059, 0, -5, 3652060]:
    show("fromordinal(%d)" % n, lambda: date.fromordinal(n))
ok = True
# Around the ends of the range and of 4-, 100- and 400-year cycles.
for n in (list(range(1, 20)) + list(range(1455, 1465)) + list(range(36520, 36530))
          + list(range(146090, 146100)) + list(range(730115, 730125)) + list(range(3652040, 3652060))):
    d = date.fromordinal(n)
    if d.toordinal() != n or date(d.year, d.month, d.day) != d:
        ok = False
print("ordinal round trip", ok)

for d in [date(2020, 1, 1), date(2021, 1, 3), date(2020, 12, 31), date(2026, 12, 28),
          date(2008, 12, 29), date(2010, 1, 3), date(1, 1, 1), date(9999, 12, 31),
          date(2004, 12, 31), date(2015, 12, 31)]:
    ic = d.isocalendar()
    print(d, d.weekday(), d.isoweekday(), ic, tuple(ic), ic.year, ic.week, ic.weekday,
          d.ctime(), d.toordinal(), date.fromisocalendar(*ic) == d)
for args in [(2020, 53, 7), (2021, 53, 1), (2015, 53, 1), (2020, 0, 1), (2020, 1, 0),
             (2020, 1, 8), (0, 1, 1), (10000, 1, 1), (9999, 52, 5), (9999, 52, 6), (1, 1, 1)]:
    show("fromisocalendar%r" % (args,), lambda: date.fromisocalendar(*args))

d = date(2021, 3, 7)
print(d.strftime("%Y-%m-%d %y %b %B %a %A %j %p %H:%M:%S %f [%z] [%Z] %%"))
print(d.strftime(""), format(d, ""), format(d, "%d.%m.%Y"), "{:%A}".format(d), f"{d:%b %d}")
print(date(5, 1, 1).strftime("%Y|%y"), date(999, 12, 31).strftime("%Y|%j"))
show("strftime(3)", lambda: d.strftime(3))
show("format(d, 3)", lambda: d.__format__(3))
print(d.timetuple())
print(d.isoformat(), str(d), repr(d))
print(d.replace(day=1), d.replace(2020, 2), d.replace(month=12, day=31))
show("replace(day=32)", lambda: d.replace(day=32))
show("replace(year=None)", lambda: d.replace(year=None))

for s in ["2021-03-07", "20210307", "2021-W09-7", "2021W097", "2021-W09", "2021W09",
          "2021-02-29", "2021-13-01", "2021-3-7", "2021-03-7", "21-03-07", "2021/03/07",
          "2021-03-07T00:00", "2021-W53-1", "2020-W53-1", "2021-W00-1", "2021-W01-0",
          "2021-W01-8", "", "２０２１-03-07", "2021-0307", "202103-07", "0000-01-01"]:
    show("fromisoformat(%r)" % s, lambda: date.fromisoformat(s))
show("fromisoformat(None)", lambda: date.fromisoformat(None))

a, b = date(2020, 2, 28), date(2021, 3, 1)
show("a+1d", lambda: a + timedelta(days=1))
show("a+23h", lambda: a + timedelta(hours=23))
show("a-(-1s)", lambda: a - timedelta(seconds=-1))
show("td+a", lambda: timedelta(days=400) + a)
show("b-a", lambda: b - a)
show("a-b", lambda: a - b)
show("a+a", lambda: a + a)
show("a-1", lambda: a - 1)
show("max+1", lambda: date.max + timedelta(1))
show("min-1", lambda: date.min - timedelta(1))
print(a < b, a <= b, a > b, a == date(2020, 2, 28), a != b, a == "2020-02-28")
show("a<1", lambda: a < 1)
print(hash(a) == hash(date(2020, 2, 28)), len({a, date(2020, 2, 28), b}))
print(sorted([b, a, date.min, date.max]))
print(date.today() == date.fromtimestamp(__import__("time").time()) or "midnight")
print(date.fromtimestamp(0) in (date(1970, 1, 1), date(1969, 12, 31)))
show("fromtimestamp(nan)", lambda: date.fromtimestamp(float("nan")))
show("fromtimestamp('x')", lambda: date.fromtimestamp("x"))


class Day(date):
    def next(self):
        return self + timedelta(1)


x = Day(2020, 12, 31)
print(type(x).__name__, repr(x), x.next(), type(x.next()).__name__, type(Day.fromordinal(5)).__name__)
print(type(x.replace(day=1)).__name__, type(Day.fromisoformat("2020-01-01")).__name__)
import copy
print(copy.copy(x) == x, copy.deepcopy(date(2020, 1, 2)), type(copy.copy(x)).__name__)
print(datetime.date is date, date.__name__)
