"""JSON (hpymove's own `json`): dumps/dump and loads/load with CPython's output format,
options and error messages."""

import math as _math

__all__ = ["dump", "dumps", "load", "loads", "JSONDecodeError"]


class JSONDecodeError(ValueError):
    """An error while parsing: msg, doc, pos, lineno, colno."""

    def __init__(self, msg, doc, pos):
        lineno = doc.count("\n", 0, pos) + 1
        colno = pos - doc.rfind("\n", 0, pos)
        ValueError.__init__(self, "%s: line %d column %d (char %d)" % (msg, lineno, colno, pos))
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno


# ------------------------------------------------------------------ encoding

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "\b": "\\b", "\f": "\\f"}


def _encode_str(s, ensure_ascii):
    out = ['"']
    for ch in s:
        esc = _ESCAPES.get(ch)
        if esc is not None:
            out.append(esc)
            continue
        n = ord(ch)
        if n < 0x20 or (ensure_ascii and n > 0x7E):
            if n > 0xFFFF:
                n -= 0x10000
                out.append("\\u%04x\\u%04x" % (0xD800 | (n >> 10), 0xDC00 | (n & 0x3FF)))
            else:
                out.append("\\u%04x" % n)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _float_text(o, allow_nan):
    if o != o:
        text = "NaN"
    elif o == _math.inf:
        text = "Infinity"
    elif o == -_math.inf:
        text = "-Infinity"
    else:
        return float.__repr__(o)
    if not allow_nan:
        raise ValueError("Out of range float values are not JSON compliant")
    return text


class _Encoder:
    def __init__(self, skipkeys, ensure_ascii, check_circular, allow_nan, indent,
                 separators, default, sort_keys):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        if indent is not None and not isinstance(indent, str):
            indent = " " * indent
        self.indent = indent
        if separators is None:
            separators = (", ", ": ") if indent is None else (",", ": ")
        self.item_sep, self.key_sep = separators
        self.default = default
        self.sort_keys = sort_keys
        self.markers = {}

    def encode(self, o):
        parts = []
        self._enc(o, 0, parts)
        return "".join(parts)

    def _newline(self, level):
        return "\n" + self.indent * level

    def _enc(self, o, level, out):
        if isinstance(o, str):
            out.append(_encode_str(o, self.ensure_ascii))
        elif o is None:
            out.append("null")
        elif o is True:
            out.append("true")
        elif o is False:
            out.append("false")
        elif isinstance(o, int):
            out.append(int.__repr__(o))
        elif isinstance(o, float):
            out.append(_float_text(o, self.allow_nan))
        elif isinstance(o, (list, tuple)):
            self._enc_list(o, level, out)
        elif isinstance(o, dict):
            self._enc_dict(o, level, out)
        else:
            if self.default is None:
                raise TypeError(
                    "Object of type %s is not JSON serializable" % type(o).__name__
                )
            self._mark(o)
            self._enc(self.default(o), level, out)
            self._unmark(o)

    def _mark(self, o):
        if self.check_circular:
            if id(o) in self.markers:
                raise ValueError("Circular reference detected")
            self.markers[id(o)] = o

    def _unmark(self, o):
        if self.check_circular:
            del self.markers[id(o)]

    def _enc_list(self, o, level, out):
        if not o:
            out.append("[]")
            return
        self._mark(o)
        out.append("[")
        inner = None if self.indent is None else self._newline(level + 1)
        sep = self.item_sep if inner is None else self.item_sep + inner
        if inner is not None:
            out.append(inner)
        first = True
        for v in o:
            if not first:
                out.append(sep)
            first = False
            self._enc(v, level + 1, out)
        if inner is not None:
            out.append(self._newline(level))
        out.append("]")
        self._unmark(o)

    def _key(self, k):
        if isinstance(k, str):
            return k
        if isinstance(k, float):
            return _float_text(k, self.allow_nan)
        if k is True:
            return "true"
        if k is False:
            return "false"
        if k is None:
            return "null"
        if isinstance(k, int):
            return int.__repr__(k)
        if self.skipkeys:
            return None
        raise TypeError(
            "keys must be str, int, float, bool or None, not %s" % type(k).__name__
        )

    def _enc_dict(self, o, level, out):
        if not o:
            out.append("{}")
            return
        self._mark(o)
        out.append("{")
        inner = None if self.indent is None else self._newline(level + 1)
        sep = self.item_sep if inner is None else self.item_sep + inner
        if inner is not None:
            out.append(inner)
        items = sorted(o.items()) if self.sort_keys else o.items()
        first = True
        for k, v in items:
            key = self._key(k)
            if key is None:
                continue
            if not first:
                out.append(sep)
            first = False
            out.append(_encode_str(key, self.ensure_ascii))
            out.append(self.key_sep)
            self._enc(v, level + 1, out)
        if inner is not None:
            out.append(self._newline(level))
        out.append("}")
        self._unmark(o)


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
          cls=None, indent=None, separators=None, default=None, sort_keys=False, **kw):
    return _Encoder(skipkeys, ensure_ascii, check_circular, allow_nan, indent, separators,
                    default, sort_keys).encode(obj)


def dump(obj, fp, **kw):
    fp.write(dumps(obj, **kw))


# ------------------------------------------------------------------ decoding

_WS = " \t\n\r"
_UNESCAPE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
             "t": "\t"}
_DIGITS = "0123456789"


class _Decoder:
    def __init__(self, s, object_hook, object_pairs_hook, parse_float, parse_int,
                 parse_constant, strict):
        self.s = s
        self.object_hook = object_hook
        self.object_pairs_hook = object_pairs_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant
        self.strict = strict

    def skip(self, i):
        s = self.s
        n = len(s)
        while i < n and s[i] in _WS:
            i += 1
        return i

    def fail(self, msg, pos):
        raise JSONDecodeError(msg, self.s, pos)

    def value(self, i):
        s = self.s
        if i >= len(s):
            self.fail("Expecting value", i)
        c = s[i]
        if c == '"':
            return self.string(i + 1)
        if c == "{":
            return self.obj(i + 1)
        if c == "[":
            return self.array(i + 1)
        if c == "n" and s.startswith("null", i):
            return None, i + 4
        if c == "t" and s.startswith("true", i):
            return True, i + 4
        if c == "f" and s.startswith("false", i):
            return False, i + 5
        for name, v in (("NaN", _math.nan), ("Infinity", _math.inf), ("-Infinity", -_math.inf)):
            if s.startswith(name, i):
                if self.parse_constant is not None:
                    v = self.parse_constant(name)
                return v, i + len(name)
        if c == "-" or c in _DIGITS:
            return self.number(i)
        self.fail("Expecting value", i)

    def number(self, start):
        s = self.s
        n = len(s)
        i = start
        if s[i] == "-":
            i += 1
        if i >= n or s[i] not in _DIGITS:
            self.fail("Expecting value", start)
        if s[i] == "0":
            i += 1
        else:
            while i < n and s[i] in _DIGITS:
                i += 1
        is_float = False
        if i + 1 < n and s[i] == "." and s[i + 1] in _DIGITS:
            is_float = True
            i += 2
            while i < n and s[i] in _DIGITS:
                i += 1
        if i < n and s[i] in "eE":
            j = i + 1
            if j < n and s[j] in "+-":
                j += 1
            if j < n and s[j] in _DIGITS:
                is_float = True
                i = j
                while i < n and s[i] in _DIGITS:
                    i += 1
        text = s[start:i]
        return (self.parse_float(text) if is_float else self.parse_int(text)), i

    def string(self, i):
        s = self.s
        n = len(s)
        begin = i - 1
        chunks = []
        while True:
            j = i
            while j < n and s[j] != '"' and s[j] != "\\" and (s[j] >= " " or not self.strict):
                j += 1
            chunks.append(s[i:j])
            if j >= n:
                self.fail("Unterminated string starting at", begin)
            c = s[j]
            if c == '"':
                return "".join(chunks), j + 1
            if c != "\\":
                self.fail("Invalid control character at", j)
            if j + 1 >= n:
                self.fail("Unterminated string starting at", begin)
            e = s[j + 1]
            if e != "u":
                if e not in _UNESCAPE:
                    self.fail("Invalid \\escape", j)
                chunks.append(_UNESCAPE[e])
                i = j + 2
                continue
            code = self.hex4(j)
            i = j + 6
            if 0xD800 <= code <= 0xDBFF and s.startswith("\\u", i):
                low = self.hex4(i)
                if 0xDC00 <= low <= 0xDFFF:
                    code = 0x10000 + (((code - 0xD800) << 10) | (low - 0xDC00))
                    i += 6
            chunks.append(chr(code))

    def hex4(self, j):
        esc = self.s[j + 2:j + 6]
        if len(esc) == 4 and all(c in "0123456789abcdefABCDEF" for c in esc):
            return int(esc, 16)
        self.fail("Invalid \\uXXXX escape", j + 1)

    def array(self, i):
        s = self.s
        values = []
        i = self.skip(i)
        if i < len(s) and s[i] == "]":
            return values, i + 1
        while True:
            v, i = self.value(i)
            values.append(v)
            i = self.skip(i)
            if i < len(s) and s[i] == "]":
                return values, i + 1
            if i >= len(s) or s[i] != ",":
                self.fail("Expecting ',' delimiter", i)
            i = self.skip(i + 1)

    def obj(self, i):
        s = self.s
        pairs = []
        i = self.skip(i)
        if i < len(s) and s[i] == "}":
            return self.finish(pairs), i + 1
        while True:
            if i >= len(s) or s[i] != '"':
                self.fail("Expecting property name enclosed in double quotes", i)
            key, i = self.string(i + 1)
            i = self.skip(i)
            if i >= len(s) or s[i] != ":":
                self.fail("Expecting ':' delimiter", i)
            i = self.skip(i + 1)
            v, i = self.value(i)
            pairs.append((key, v))
            i = self.skip(i)
            if i < len(s) and s[i] == "}":
                return self.finish(pairs), i + 1
            if i >= len(s) or s[i] != ",":
                self.fail("Expecting ',' delimiter", i)
            i = self.skip(i + 1)
            if i < len(s) and s[i] == "}":
                self.fail("Expecting property name enclosed in double quotes", i)

    def finish(self, pairs):
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs)
        d = dict(pairs)
        if self.object_hook is not None:
            return self.object_hook(d)
        return d


def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None,
          parse_constant=None, object_pairs_hook=None, strict=True, **kw):
    if isinstance(s, bytes):
        s = s.decode("utf-8")
    elif not isinstance(s, str):
        raise TypeError(
            "the JSON object must be str, bytes or bytearray, not %s" % type(s).__name__
        )
    if s.startswith("\ufeff"):
        raise JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0)
    d = _Decoder(s, object_hook, object_pairs_hook, parse_float, parse_int, parse_constant,
                 strict)
    value, end = d.value(d.skip(0))
    end = d.skip(end)
    if end != len(s):
        raise JSONDecodeError("Extra data", s, end)
    return value


def load(fp, **kw):
    return loads(fp.read(), **kw)
