"""tomllib: parse TOML 1.0 documents (Python 3.11's module), on the native `_tomllib`
(the `toml` crate). Dates and times become `datetime` objects as in CPython; error
messages are the crate's, not CPython's."""

import _tomllib

__all__ = ("loads", "load", "TOMLDecodeError")


class TOMLDecodeError(ValueError):
    """An error raised if a document is not valid TOML."""


def _make_datetime(text):
    import datetime

    # "1979-05-27", "07:32:00", "1979-05-27T07:32:00Z", "1979-05-27 07:32:00.999-07:00"
    if len(text) >= 3 and text[2] == ":":
        return datetime.time.fromisoformat(text)
    if len(text) == 10:
        return datetime.date.fromisoformat(text)
    text = text.replace(" ", "T", 1)
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    return datetime.datetime.fromisoformat(text)


def loads(s, /, *, parse_float=float):
    # Line endings normalised first, so a non-str fails there, with CPython's error.
    s = s.replace("\r\n", "\n")
    try:
        return _tomllib.loads(s, _make_datetime, parse_float)
    except ValueError as e:
        if type(e) is not ValueError:
            raise
        raise TOMLDecodeError(str(e)) from None


def load(fp, /, *, parse_float=float):
    b = fp.read()
    try:
        s = b.decode()
    except AttributeError:
        raise TypeError(
            "File must be opened in binary mode, e.g. use `open('foo.toml', 'rb')`. "
            "Opening a file in text mode is not supported.") from None
    return loads(s, parse_float=parse_float)
