# time: struct_time, gmtime, localtime, mktime, strftime, asctime, ctime and their checks
# (local results are printed only as relations, so the output does not depend on TZ)
import time

g = time.gmtime(1700000000)
print(g, len(g), tuple(g), g.tm_year, g.tm_yday, g.tm_zone, g.tm_gmtoff, g[0], g[-1], g[:3])
print(isinstance(g, tuple), type(g).__name__, time.struct_time.n_fields, time.struct_time.n_sequence_fields)
print(time.gmtime(0), time.gmtime(-1.5), time.gmtime(86399.999))
print(time.gmtime(253402300799), time.gmtime(-62135596800))
print(time.strftime("%Y-%m-%d %H:%M:%S %a %A %b %B %j %p %y %I %% %e %u %w", g))
print(time.strftime("%Y %d %m %j", (2020, 0, 0, 0, 0, 0, 0, 0, 0)))
print(time.strftime("%Y|%y", (5, 1, 1, 0, 0, 0, 0, 1, 0)), time.strftime("", g))
print(time.asctime(g), time.asctime((2021, 7, 4, 5, 6, 7, 6, 185, 0)))
loc = time.localtime(1700000000)
print(time.mktime(loc), time.mktime(loc) == 1700000000, loc.tm_gmtoff - time.mktime(loc) + 1700000000 == loc.tm_gmtoff)
print(time.ctime(1700000000) == time.asctime(loc), isinstance(loc.tm_zone, str), loc.tm_zone in time.tzname)
print(time.timezone in (-loc.tm_gmtoff, -loc.tm_gmtoff + 3600, -loc.tm_gmtoff + 1800), time.daylight in (0, 1))
print(abs(time.mktime(time.localtime()) - time.time()) < 2, time.localtime().tm_year >= 2024)
print(time.strftime("%Y") == str(time.localtime().tm_year))
for args in [(2021, 13, 1, 0, 0, 0, 0, 1, 0), (2021, 1, 32, 0, 0, 0, 0, 1, 0), (2021, 1, 1, 24, 0, 0, 0, 1, 0),
             (2021, 1, 1, 0, 60, 0, 0, 1, 0), (2021, 1, 1, 0, 0, 62, 0, 1, 0), (2021, 1, 1, 0, 0, 61, 0, 1, 0),
             (2021, 1, 1, 0, 0, 0, -2, 1, 0), (2021, 1, 1, 0, 0, 0, -1, 1, 0), (2021, 1, 1, 0, 0, 0, 9, 1, 0),
             (2021, 1, 1, 0, 0, 0, 0, 367, 0), (2021, 1, 1, 0, 0, 0, 0, 1, 5), (1, 2), [2021, 1, 1, 0, 0, 0, 0, 1, 0],
             (2021.0, 1, 1, 0, 0, 0, 0, 1, 0), ("2021", 1, 1, 0, 0, 0, 0, 1, 0)]:
    try:
        print(time.strftime("%Y-%m-%d %H:%M:%S %a %j", args))
    except Exception as e:
        print(type(e).__name__, e)
for secs in [float("nan"), float("inf"), 2**70, "x", 1.5]:
    try:
        print(time.gmtime(secs))
    except Exception as e:
        print(type(e).__name__, e)
for bad in [(1, 2), 5]:
    try:
        time.mktime(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    time.strftime(5)
except TypeError as e:
    print("TypeError", e)
s = time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0, "ABC", 3600))
print(s, s.tm_zone, s.tm_gmtoff, time.strftime("%Z %z", s))
for seq in [(1, 2), tuple(range(12))]:
    try:
        time.struct_time(seq)
    except TypeError as e:
        print("TypeError", e)
