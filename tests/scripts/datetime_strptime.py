# datetime.strptime for %Y %m %d %H %I %M %S %f %y %b %B %a %A %j %p %z %Z %%
from datetime import datetime

cases = [
    ("2021-07-04 12:30:15", "%Y-%m-%d %H:%M:%S"),
    ("4/7/21", "%d/%m/%y"),
    ("4/7/69", "%d/%m/%y"),
    ("4/7/68", "%d/%m/%y"),
    ("Sunday, July 04 2021", "%A, %B %d %Y"),
    ("sun jul 4 2021", "%a %b %d %Y"),
    ("SUN JUL  4 2021", "%a %b %d %Y"),
    ("12:30:15.5", "%H:%M:%S.%f"),
    ("12:30:15.123456", "%H:%M:%S.%f"),
    ("12:30:15.1234567", "%H:%M:%S.%f"),
    ("12 AM", "%I %p"),
    ("12 PM", "%I %p"),
    ("1 pm", "%I %p"),
    ("11am", "%I%p"),
    ("13 PM", "%H %p"),
    ("2021 185", "%Y %j"),
    ("2020 366", "%Y %j"),
    ("2021 366", "%Y %j"),
    ("2021-07-04T12:30+0530", "%Y-%m-%dT%H:%M%z"),
    ("2021-07-04T12:30-05:30", "%Y-%m-%dT%H:%M%z"),
    ("2021-07-04T12:30Z", "%Y-%m-%dT%H:%M%z"),
    ("2021-07-04T12:30z", "%Y-%m-%dT%H:%M%z"),
    ("2021-07-04T12:30+00:00", "%Y-%m-%dT%H:%M%z"),
    ("12:30 +01:02:03.5", "%H:%M %z"),
    ("12:30 +01:0203", "%H:%M %z"),
    ("12:30 UTC", "%H:%M %Z"),
    ("12:30 gmt +0100", "%H:%M %Z %z"),
    ("12:30 +0000 UTC", "%H:%M %z %Z"),
    ("12:30 EST", "%H:%M %Z"),
    ("100%", "%d%%"),
    ("20210704", "%Y%m%d"),
    ("2021174", "%Y%m%d"),
    ("2021-02-29", "%Y-%m-%d"),
    ("02-29", "%m-%d"),
    ("2021-07-04 extra", "%Y-%m-%d"),
    ("2021-07-04", "%Y-%m-%d %H"),
    ("x2021", "%Y"),
    ("2021", "%Q"),
    ("2021", "%Y%"),
    ("  2021  ", " %Y "),
    ("2021\t\n07", "%Y %m"),
    ("(2021)", "(%Y)"),
    ("2021.07", "%Y.%m"),
    ("2021x07", "%Y.%m"),
    ("60", "%S"),
    ("61", "%S"),
    ("62", "%S"),
    ("", ""),
    ("a", ""),
    ("112", "%d%m"),
    ("1230", "%H%M"),
    ("210704", "%y%m%d"),
    ("2021001", "%Y%j"),
    ("12:30 +0130.5", "%H:%M %z"),
    ("12:30 +01:30:45.123x", "%H:%M %zx"),
    ("12:30 +01:3045", "%H:%M %z"),
    ("2021-07-04T10:00:00.000+0000", "%Y-%m-%dT%H:%M:%S.%f%z"),
    ("Jul 4, 2021 10:00 PM", "%b %d, %Y %I:%M %p"),
    ("JULY 4 2021", "%B %d %Y"),
    ("Mayday", "%bday"),
]
for data, fmt in cases:
    try:
        r = datetime.strptime(data, fmt)
    except Exception as e:
        print(repr(data), repr(fmt), "->", type(e).__name__, e)
    else:
        print(repr(data), repr(fmt), "->", repr(r))
for bad in [(2021, "%Y"), ("2021", None)]:
    try:
        datetime.strptime(*bad)
    except TypeError as e:
        print("TypeError", e)
d = datetime(2021, 7, 4, 15, 9, 26, 535897)
fmt = "%Y-%m-%d %H:%M:%S.%f %a %A %b %B %j %p %y"
print(datetime.strptime(d.strftime(fmt), fmt) == d)


class Stamp(datetime):
    pass


print(type(Stamp.strptime("2021", "%Y")).__name__)
