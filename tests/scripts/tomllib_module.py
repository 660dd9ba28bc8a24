# tomllib (what pytest reads pyproject.toml with): tables in document order, arrays,
# inline tables, arrays of tables, strings of every kind, ints, floats, bools; errors.
import tomllib

doc = tomllib.loads('''
# a comment
title = "TOML \\u00e9 \\"quoted\\""
literal = 'C:\\path'
multi = """
two
lines"""
[owner]
name = "Tom"
n = 0x2A
neg = -17
under = 1_000
f = 1.5
big = 1e300
special = [inf, -inf]
ok = true
no = false
arr = [1, [2, "x"], {a = 1}]
"dotted.key" = 1
a.b.c = 2
[[products]]
name = "Hammer"
[[products]]
name = "Nail"
[tool.pytest.ini_options]
testpaths = ["tests"]
addopts = [
  "--strict-config",  # trailing comment
  "-ra",
]
''')
for k, v in doc.items():
    print(k, "=", v)
print(tomllib.loads("x = 1.0", parse_float=lambda s: ("float", float(s))))
print(tomllib.loads(""))
for bad in ["a = ", "a = 1\na = 2", "[t]\n[t]", "x = [1,", "= 1"]:
    try:
        tomllib.loads(bad)
    except tomllib.TOMLDecodeError as e:
        print("TOMLDecodeError", isinstance(e, ValueError))
try:
    tomllib.loads(b"x = 1")
except TypeError as e:
    print("TypeError:", e)
import io

print(tomllib.load(io.BytesIO(b"y = [true]")))
try:
    tomllib.load(io.StringIO("y = 1"))
except TypeError as e:
    print("TypeError:", str(e)[:40])
