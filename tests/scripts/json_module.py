# json (written in Python for hpymove): CPython's output format, options and errors.
import json
data = {"name": "héllo \"q\" \\ / \n\t\x01", "n": [1, 2.5, -3e-5, 1e20, 10**20, True, False, None], "emoji": "🐍",
        "nested": {"a": [], "b": {}, "c": [[1, [2]], {"x": "y"}]}, 3: "int key", 1.5: "float key", None: "none", True: "t"}
print(json.dumps(data))
print(json.dumps(data, ensure_ascii=False))
print(json.dumps(data, indent=2, sort_keys=False))
print(json.dumps({"b": 1, "a": [1, {"z": 2, "y": 3}]}, sort_keys=True, indent="\t", separators=(",", ":")))
print(json.dumps([1, 2], separators=(",", ":")), json.dumps("x"), json.dumps(float("nan")), json.dumps([float("inf"), -float("inf")]))
print(json.dumps((1, 2)), json.dumps({"k": (3,)}), json.dumps(0.1), json.dumps(1/3), json.dumps(-0.0))
for bad in [lambda: json.dumps({(1, 2): 3}), lambda: json.dumps(object()), lambda: json.dumps(float("nan"), allow_nan=False)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
l = []; l.append(l)
try:
    json.dumps(l)
except ValueError as e:
    print("ValueError", e)
print(json.dumps({(1, 2): 3, "ok": 1}, skipkeys=True), json.dumps({1: set()}, default=sorted))
text = json.dumps(data)
back = json.loads(text)
print(back == json.loads(json.dumps(back)), back["n"], back["name"], back["emoji"], sorted(back))
print(json.loads('  {"a" : [1, 2.0, -0, 0.5e1, 1E+2, "\\u00e9\\ud83d\\udc0d\\n", true, null], "b": {}}  '))
print(json.loads("NaN"), json.loads("-Infinity"), json.loads('"\\/"'), json.loads(b'[1]'), json.loads("123456789012345678901234567890"))
print(json.loads('{"a": 1, "a": 2}'), json.loads('[1.5]', parse_float=str), json.loads('{"x": 1}', object_hook=lambda d: sorted(d)))
print(json.loads('{"x": 1, "y": 2}', object_pairs_hook=list))
for doc in ['', '[', '[1,]', '{"a" 1}', '{"a": 1,}', "{'a': 1}", '[1] x', '"abc', '"a\\qb"', '"\\u12"', '"a\x01b"', 'tru', '{"a":1 "b":2}', '\n\n  [1, 2,\n  }', '-', '01']:
    try:
        json.loads(doc)
        print("parsed", repr(doc))
    except json.JSONDecodeError as e:
        print("JSONDecodeError:", e, "|", e.msg, e.pos, e.lineno, e.colno)
try:
    json.loads(3)
except TypeError as e:
    print("TypeError", e)
print(isinstance(json.JSONDecodeError("m", "d", 0), ValueError))
