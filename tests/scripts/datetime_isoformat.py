# datetime.fromisoformat: the date forms, separators, times and offsets of CPython 3.11
from datetime import datetime

inputs = [
    "2021-07-04", "20210704", "2021-W27", "2021W27", "2021-W27-7", "2021W277",
    "2021-07-04T12", "2021-07-04T12:30", "2021-07-04 12:30:15", "2021-07-04T12:30:15.5",
    "2021-07-04T12:30:15.123456", "2021-07-04T12:30:15,123", "2021-07-04T12:30:15.1234567",
    "2021-07-04x12:30", "2021-07-04T123015", "20210704T123015", "20210704T1230",
    "2021-07-04T12:30Z", "2021-07-04T12:30+00:00", "2021-07-04T12:30-05:00",
    "2021-07-04T12:30:15.5+05:30:15.123", "2021-07-04T12:30+0530", "2021-07-04T12:30+05",
    "2021-W27-7T12:30", "2021W277T12:30", "2021-W27T12:30", "2021W27T12:30", "2021-W2712:30",
    "2021-W27-712:30", "2021W2712", "2021-07-04T", "2021-07-04T25:00", "2021-02-29T00:00",
    "2021-07-04T12:30+24:00", "2021-07-04T12:30:60", "2021-07", "2021", "", "2021-07-04T12:30:15Z ",
    "2021-07-04é12:30", "2021-07-04T12:30+05:30Z", "2021-07-04T12:30:15.", "2021-07-0412:30",
    "2021-13-04", "0000-01-01", "9999-12-31T23:59:59.999999", "2021-W53", "2020-W53-7",
    "2021-07-04T1", "2021-07-04T12:3", "2021-07-04T12:30:1", "2021-07-04T12:30:15.12345678901",
]
for s in inputs:
    try:
        r = datetime.fromisoformat(s)
    except Exception as e:
        print(repr(s), "->", type(e).__name__, e)
    else:
        print(repr(s), "->", repr(r), r.isoformat())
try:
    datetime.fromisoformat(20210704)
except TypeError as e:
    print("TypeError", e)
for d in [datetime(2021, 7, 4, 12, 30, 15, 5), datetime(1, 1, 1), datetime.max]:
    print(datetime.fromisoformat(d.isoformat()) == d, datetime.fromisoformat(str(d)) == d)

# tomllib builds its dates and times through datetime
import tomllib

doc = tomllib.loads(
    "odt = 1979-05-27T07:32:00Z\nodt2 = 1979-05-27T00:32:00.999999-07:00\n"
    "ldt = 1979-05-27T07:32:00\nld = 1979-05-27\nlt = 07:32:00.5\n"
)
for key, value in doc.items():
    print(key, repr(value))
