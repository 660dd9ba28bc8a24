"""Codec registry and helpers (hpymove's own `codecs`), over the runtime's text codecs:
utf-8, utf-8-sig, utf-16, utf-32 (and their -le/-be forms), ascii and latin-1, under every
alias CPython accepts. `lookup` gives a `CodecInfo`; `encode`/`decode`, the codec's own
functions and its incremental encoder/decoder honour error handlers added with
`register_error` (the runtime's `str.encode`/`bytes.decode` know the builtin handlers
only). Not here: bytes-to-bytes and str-to-str codecs (hex, base64, rot13...), `register`
of new codecs, the `StreamReader`/`StreamWriter` classes (`codecs.open` returns a small
reader-writer of its own)."""

import _codecs

__all__ = ["register", "lookup", "open", "EncodedFile", "BOM", "BOM_BE", "BOM_LE",
           "BOM32_BE", "BOM32_LE", "BOM64_BE", "BOM64_LE", "BOM_UTF8", "BOM_UTF16",
           "BOM_UTF16_LE", "BOM_UTF16_BE", "BOM_UTF32", "BOM_UTF32_LE", "BOM_UTF32_BE",
           "CodecInfo", "Codec", "IncrementalEncoder", "IncrementalDecoder",
           "getencoder", "getdecoder", "getincrementalencoder", "getincrementaldecoder",
           "encode", "decode", "iterencode", "iterdecode", "strict_errors", "ignore_errors",
           "replace_errors", "xmlcharrefreplace_errors", "backslashreplace_errors",
           "namereplace_errors", "register_error", "lookup_error"]

BOM_UTF8 = b"\xef\xbb\xbf"
BOM_LE = BOM_UTF16_LE = b"\xff\xfe"
BOM_BE = BOM_UTF16_BE = b"\xfe\xff"
BOM_UTF32_LE = b"\xff\xfe\x00\x00"
BOM_UTF32_BE = b"\x00\x00\xfe\xff"
# The machine's byte order (little-endian on every platform hpymove runs on).
BOM = BOM_UTF16 = BOM_UTF16_LE
BOM_UTF32 = BOM_UTF32_LE
BOM32_LE, BOM32_BE = BOM_UTF16_LE, BOM_UTF16_BE
BOM64_LE, BOM64_BE = BOM_UTF32_LE, BOM_UTF32_BE


# --- error handlers ------------------------------------------------------------------

def _check_error(exc, kinds):
    if not isinstance(exc, kinds):
        raise TypeError("don't know how to handle %s in error callback" % type(exc).__name__)


def strict_errors(exc):
    if isinstance(exc, BaseException):
        raise exc
    raise TypeError("codec must pass exception instance")


def ignore_errors(exc):
    _check_error(exc, (UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError))
    return ("", exc.end)


def replace_errors(exc):
    _check_error(exc, (UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError))
    if isinstance(exc, UnicodeDecodeError):
        return ("\ufffd", exc.end)
    fill = "?" if isinstance(exc, UnicodeEncodeError) else "\ufffd"
    return (fill * (exc.end - exc.start), exc.end)


def backslashreplace_errors(exc):
    _check_error(exc, (UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError))
    if isinstance(exc, UnicodeDecodeError):
        part = exc.object[exc.start:exc.end]
        return ("".join("\\x%02x" % b for b in part), exc.end)
    out = []
    for ch in exc.object[exc.start:exc.end]:
        c = ord(ch)
        out.append("\\x%02x" % c if c < 0x100 else "\\u%04x" % c if c < 0x10000
                   else "\\U%08x" % c)
    return ("".join(out), exc.end)


def xmlcharrefreplace_errors(exc):
    _check_error(exc, UnicodeEncodeError)
    return ("".join("&#%d;" % ord(c) for c in exc.object[exc.start:exc.end]), exc.end)


def namereplace_errors(exc):
    _check_error(exc, UnicodeEncodeError)
    # The text itself, as the runtime's own handler writes it (it knows the names).
    part = exc.object[exc.start:exc.end]
    return (part.encode("ascii", "namereplace").decode("ascii"), exc.end)


_BUILTIN_HANDLERS = {"strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace",
                     "namereplace", "surrogateescape", "surrogatepass"}
_handlers = {"strict": strict_errors, "ignore": ignore_errors, "replace": replace_errors,
             "backslashreplace": backslashreplace_errors,
             "xmlcharrefreplace": xmlcharrefreplace_errors,
             "namereplace": namereplace_errors}


def register_error(name, error_handler):
    """Registers `error_handler` (called with the UnicodeError, returns (replacement,
    position to resume at)) under `name`, for the functions of this module."""
    if not isinstance(name, str):
        raise TypeError("register_error() argument 1 must be str, not %s"
                        % type(name).__name__)
    if not callable(error_handler):
        raise TypeError("handler must be callable")
    _handlers[name] = error_handler


def lookup_error(name):
    """The error handler registered under `name`."""
    if not isinstance(name, str):
        raise TypeError("lookup_error() argument must be str, not %s" % type(name).__name__)
    try:
        return _handlers[name]
    except KeyError:
        raise LookupError("unknown error handler name '%s'" % name) from None


def _native(errors):
    """Do the runtime's codecs handle `errors` themselves (a builtin handler not replaced
    by `register_error`)?"""
    return errors in _BUILTIN_HANDLERS and _handlers.get(errors) is _builtin_of(errors)


def _builtin_of(errors):
    return {"strict": strict_errors, "ignore": ignore_errors, "replace": replace_errors,
            "backslashreplace": backslashreplace_errors,
            "xmlcharrefreplace": xmlcharrefreplace_errors,
            "namereplace": namereplace_errors}.get(errors)


def _resume(handler, exc, length):
    """Calls a Python handler: its replacement and where to go on."""
    result = handler(exc)
    if not (isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], int)):
        kind = "encoding" if isinstance(exc, UnicodeEncodeError) else "decoding"
        raise TypeError("%s error handler must return (str/bytes, int) tuple" % kind)
    replacement, pos = result
    if pos < 0:
        pos += length
    if not 0 <= pos <= length:
        raise IndexError("position %d from error handler out of bounds" % pos)
    return replacement, pos


def _encode_with(text, name, errors):
    if _native(errors):
        return text.encode(name, errors)
    out = []
    pos = 0
    while True:
        try:
            out.append(text[pos:].encode(name, "strict"))
            break
        except UnicodeEncodeError as e:
            start, end = pos + e.start, pos + e.end
            out.append(text[pos:start].encode(name, "strict"))
            exc = UnicodeEncodeError(e.encoding, text, start, end, e.reason)
            # Looked up at the first error only, as CPython does.
            replacement, pos = _resume(lookup_error(errors), exc, len(text))
            if isinstance(replacement, str):
                replacement = replacement.encode(name, "strict")
            out.append(bytes(replacement))
    return b"".join(out)


def _decode_with(data, name, errors):
    if _native(errors):
        return data.decode(name, errors)
    out = []
    pos = 0
    while True:
        try:
            out.append(data[pos:].decode(name, "strict"))
            break
        except UnicodeDecodeError as e:
            start, end = pos + e.start, pos + e.end
            out.append(data[pos:start].decode(name, "strict"))
            exc = UnicodeDecodeError(e.encoding, data, start, end, e.reason)
            replacement, pos = _resume(lookup_error(errors), exc, len(data))
            out.append(replacement)
    return "".join(out)


# --- codecs --------------------------------------------------------------------------

def _as_input_bytes(data, fname):
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)


def _as_input_str(text, fname):
    if isinstance(text, str):
        return text
    raise TypeError("%s() argument 1 must be str, not %s" % (fname, type(text).__name__))


class CodecInfo(tuple):
    """A codec's functions: `(encode, decode, streamreader, streamwriter)` plus `name`,
    `incrementalencoder`, `incrementaldecoder`."""

    _is_text_encoding = True

    def __new__(cls, encode, decode, streamreader=None, streamwriter=None,
                incrementalencoder=None, incrementaldecoder=None, name=None, *,
                _is_text_encoding=None):
        self = tuple.__new__(cls, (encode, decode, streamreader, streamwriter))
        self.name = name
        self.encode = encode
        self.decode = decode
        self.incrementalencoder = incrementalencoder
        self.incrementaldecoder = incrementaldecoder
        self.streamwriter = streamwriter
        self.streamreader = streamreader
        if _is_text_encoding is not None:
            self._is_text_encoding = _is_text_encoding
        return self

    def __repr__(self):
        return "<%s.%s object for encoding %s at %#x>" % (
            self.__class__.__module__, self.__class__.__qualname__, self.name, id(self))


class Codec:
    """Stateless encode/decode of one codec, each returning (result, length consumed)."""

    def encode(self, input, errors="strict"):
        raise NotImplementedError

    def decode(self, input, errors="strict"):
        raise NotImplementedError


class IncrementalEncoder:
    """Encodes text given in pieces (the base: subclasses define `encode`)."""

    def __init__(self, errors="strict"):
        self.errors = errors
        self.buffer = ""

    def encode(self, input, final=False):
        raise NotImplementedError

    def reset(self):
        pass

    def getstate(self):
        return 0

    def setstate(self, state):
        pass


class IncrementalDecoder:
    """Decodes bytes given in pieces (the base: subclasses define `decode`)."""

    def __init__(self, errors="strict"):
        self.errors = errors

    def decode(self, input, final=False):
        raise NotImplementedError

    def reset(self):
        pass

    def getstate(self):
        return (b"", 0)

    def setstate(self, state):
        pass


# The byte-order-mark forms: codec name -> (BOM, the codec without it).
_WITH_BOM = {"utf-8-sig": (BOM_UTF8, "utf-8"), "utf-16": (BOM_UTF16, "utf-16-le"),
             "utf-32": (BOM_UTF32, "utf-32-le")}
_BOMS = {"utf-16": ((BOM_UTF16_LE, "utf-16-le"), (BOM_UTF16_BE, "utf-16-be")),
         "utf-32": ((BOM_UTF32_LE, "utf-32-le"), (BOM_UTF32_BE, "utf-32-be")),
         "utf-8-sig": ((BOM_UTF8, "utf-8"),)}
# How many bytes one unit of the codec takes (an incomplete unit waits for more input).
_UNIT = {"utf-16": 2, "utf-16-le": 2, "utf-16-be": 2, "utf-32": 4, "utf-32-le": 4,
         "utf-32-be": 4}


def _incomplete_tail(data, name):
    """How many bytes at the end of `data` may start a character the next input completes."""
    unit = _UNIT.get(name)
    if unit is not None:
        rest = len(data) % unit
        if name.startswith("utf-16") and len(data) - rest >= 2:
            # A high surrogate as the last whole unit waits for its low half.
            last = data[len(data) - rest - 2:len(data) - rest]
            hi = last[0] if name.endswith("be") else last[1]
            if 0xD8 <= hi <= 0xDB:
                return rest + 2
        return rest
    if name not in ("utf-8", "utf-8-sig"):
        return 0
    # UTF-8: a lead byte near the end whose sequence is not complete yet.
    for back in range(1, min(3, len(data)) + 1):
        b = data[-back]
        if b & 0xC0 == 0x80:
            continue
        need = 2 if b & 0xE0 == 0xC0 else 3 if b & 0xF0 == 0xE0 else 4 if b & 0xF8 == 0xF0 \
            else 1
        return back if need > back else 0
    return 0


def _make_codec(name):
    def encode(input, errors="strict"):
        text = _as_input_str(input, name.replace("-", "_") + "_encode")
        return (_encode_with(text, name, errors), len(text))

    def decode(input, errors="strict"):
        data = _as_input_bytes(input, name.replace("-", "_") + "_decode")
        return (_decode_with(data, name, errors), len(data))

    class _Encoder(IncrementalEncoder):
        def __init__(self, errors="strict"):
            IncrementalEncoder.__init__(self, errors)
            self._started = False

        def encode(self, input, final=False):
            text = _as_input_str(input, "encode")
            if name in _WITH_BOM:
                bom, plain = _WITH_BOM[name]
                out = _encode_with(text, plain, self.errors)
                if not self._started:
                    self._started = True
                    out = bom + out
                return out
            return _encode_with(text, name, self.errors)

        def reset(self):
            self._started = False

        def getstate(self):
            return 2 if name in _WITH_BOM and not self._started else 0

        def setstate(self, state):
            self._started = not state

    class _Decoder(IncrementalDecoder):
        def __init__(self, errors="strict"):
            IncrementalDecoder.__init__(self, errors)
            self.buffer = b""
            self._codec = None if name in _BOMS else name

        def decode(self, input, final=False):
            data = self.buffer + _as_input_bytes(input, "decode")
            if self._codec is None:
                # The byte order mark decides the codec; too few bytes to tell: wait.
                for bom, plain in _BOMS[name]:
                    if data.startswith(bom):
                        self._codec = plain
                        data = data[len(bom):]
                        break
                else:
                    if not final and any(bom.startswith(data) for bom, _ in _BOMS[name]):
                        self.buffer = data
                        return ""
                    self._codec = _BOMS[name][0][1]
            keep = 0 if final else _incomplete_tail(data, self._codec)
            self.buffer = data[len(data) - keep:] if keep else b""
            return _decode_with(data[:len(data) - keep], self._codec, self.errors)

        def reset(self):
            self.buffer = b""
            self._codec = None if name in _BOMS else name

        def getstate(self):
            return (self.buffer, 0 if self._codec is None or name not in _BOMS else 1)

        def setstate(self, state):
            self.buffer = state[0]

    _Encoder.__name__ = _Encoder.__qualname__ = "IncrementalEncoder"
    _Decoder.__name__ = _Decoder.__qualname__ = "IncrementalDecoder"
    return CodecInfo(encode, decode, incrementalencoder=_Encoder,
                     incrementaldecoder=_Decoder, name=name)


_cache = {}


def lookup(encoding):
    """The CodecInfo of `encoding` (LookupError for an encoding hpymove does not have)."""
    name = _codecs.lookup_name(encoding)
    info = _cache.get(name)
    if info is None:
        info = _cache[name] = _make_codec(name)
    return info


def register(search_function):
    """Accepted for compatibility: hpymove's codecs are the runtime's own; a search
    function registered here is never asked."""
    if not callable(search_function):
        raise TypeError("argument must be callable")


def encode(obj, encoding="utf-8", errors="strict"):
    """`obj` encoded with `encoding` (a text codec: obj is a str)."""
    return _call(lookup(encoding).encode, obj, encoding, errors, "encoding")


def decode(obj, encoding="utf-8", errors="strict"):
    """`obj` decoded with `encoding` (a text codec: obj is bytes-like)."""
    return _call(lookup(encoding).decode, obj, encoding, errors, "decoding")


def _call(function, obj, encoding, errors, what):
    try:
        return function(obj, errors)[0]
    except TypeError as e:
        # CPython's registry names the codec in an error that has one message.
        raise TypeError("%s with '%s' codec failed (TypeError: %s)"
                        % (what, encoding, e)) from e


def getencoder(encoding):
    return lookup(encoding).encode


def getdecoder(encoding):
    return lookup(encoding).decode


def getincrementalencoder(encoding):
    return lookup(encoding).incrementalencoder


def getincrementaldecoder(encoding):
    return lookup(encoding).incrementaldecoder


def iterencode(iterator, encoding, errors="strict", **kwargs):
    encoder = getincrementalencoder(encoding)(errors, **kwargs)
    for text in iterator:
        out = encoder.encode(text)
        if out:
            yield out
    out = encoder.encode("", True)
    if out:
        yield out


def iterdecode(iterator, encoding, errors="strict", **kwargs):
    decoder = getincrementaldecoder(encoding)(errors, **kwargs)
    for data in iterator:
        out = decoder.decode(data)
        if out:
            yield out
    out = decoder.decode(b"", True)
    if out:
        yield out


class _StreamReaderWriter:
    """What `codecs.open` returns: a binary file read and written as text in `encoding`
    (no newline translation, as CPython's)."""

    def __init__(self, file, encoding, errors):
        self.stream = file
        self.encoding = encoding
        self.errors = errors
        self._decoder = getincrementaldecoder(encoding)(errors)
        self._encoder = getincrementalencoder(encoding)(errors)
        self._pending = ""

    def read(self, size=-1):
        text = self._pending + self._decoder.decode(self.stream.read(), True)
        if size is None or size < 0:
            self._pending = ""
            return text
        self._pending = text[size:]
        return text[:size]

    def readline(self, size=None):
        text = self.read()
        end = text.find("\n") + 1 or len(text)
        if size is not None and 0 <= size < end:
            end = size
        self._pending = text[end:]
        return text[:end]

    def readlines(self, sizehint=None):
        return self.read().splitlines(True)

    def write(self, text):
        self.stream.write(self._encoder.encode(text))

    def writelines(self, lines):
        self.write("".join(lines))

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def close(self):
        self.stream.close()

    @property
    def closed(self):
        return self.stream.closed

    def flush(self):
        self.stream.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stream.close()

    def __getattr__(self, name):
        return getattr(self.stream, name)


def open(filename, mode="r", encoding=None, errors="strict", buffering=-1):
    """A file opened in binary mode; with an `encoding`, read and written as its text."""
    if encoding is not None and "b" not in mode:
        mode = mode + "b"
    import builtins
    file = builtins.open(filename, mode)
    if encoding is None:
        return file
    info = lookup(encoding)
    try:
        return _StreamReaderWriter(file, info.name, errors)
    except BaseException:
        file.close()
        raise
