"""Serializing objects to bytes and back in Python's pickle format (protocols 0 to 5).

hpymove's own version, in Python. The pickler writes what CPython 3.11's (C) pickler
writes, byte for byte, for the builtin types, globals and reductions; the unpickler reads
every opcode of protocols 0 to 5, so it loads CPython's pickles too.

Size: one concept (the pickle format) whose writer and reader share the opcode table;
splitting them would leave each half unreadable without the other.
"""

import sys
import struct
import copyreg
from copyreg import dispatch_table, _extension_registry, _inverted_registry, \
    _extension_cache

__all__ = ["PickleError", "PicklingError", "UnpicklingError", "Pickler", "Unpickler",
           "dump", "dumps", "load", "loads", "HIGHEST_PROTOCOL", "DEFAULT_PROTOCOL"]

HIGHEST_PROTOCOL = 5
DEFAULT_PROTOCOL = 4
format_version = "4.0"
compatible_formats = ["1.0", "1.1", "1.2", "1.3", "2.0", "3.0", "4.0", "5.0"]


class PickleError(Exception):
    pass


class PicklingError(PickleError):
    pass


class UnpicklingError(PickleError):
    pass


class _Stop(Exception):
    def __init__(self, value):
        self.value = value


# Opcodes (one byte each; the names are the pickle format's).
MARK = b"("
STOP = b"."
POP = b"0"
POP_MARK = b"1"
DUP = b"2"
FLOAT = b"F"
INT = b"I"
BININT = b"J"
BININT1 = b"K"
LONG = b"L"
BININT2 = b"M"
NONE = b"N"
PERSID = b"P"
BINPERSID = b"Q"
REDUCE = b"R"
STRING = b"S"
BINSTRING = b"T"
SHORT_BINSTRING = b"U"
UNICODE = b"V"
BINUNICODE = b"X"
APPEND = b"a"
BUILD = b"b"
GLOBAL = b"c"
DICT = b"d"
EMPTY_DICT = b"}"
APPENDS = b"e"
GET = b"g"
BINGET = b"h"
INST = b"i"
LONG_BINGET = b"j"
LIST = b"l"
EMPTY_LIST = b"]"
OBJ = b"o"
PUT = b"p"
BINPUT = b"q"
LONG_BINPUT = b"r"
SETITEM = b"s"
TUPLE = b"t"
EMPTY_TUPLE = b")"
SETITEMS = b"u"
BINFLOAT = b"G"
TRUE = b"I01\n"
FALSE = b"I00\n"
PROTO = b"\x80"
NEWOBJ = b"\x81"
EXT1 = b"\x82"
EXT2 = b"\x83"
EXT4 = b"\x84"
TUPLE1 = b"\x85"
TUPLE2 = b"\x86"
TUPLE3 = b"\x87"
NEWTRUE = b"\x88"
NEWFALSE = b"\x89"
LONG1 = b"\x8a"
LONG4 = b"\x8b"
BINBYTES = b"B"
SHORT_BINBYTES = b"C"
SHORT_BINUNICODE = b"\x8c"
BINUNICODE8 = b"\x8d"
BINBYTES8 = b"\x8e"
EMPTY_SET = b"\x8f"
ADDITEMS = b"\x90"
FROZENSET = b"\x91"
NEWOBJ_EX = b"\x92"
STACK_GLOBAL = b"\x93"
MEMOIZE = b"\x94"
FRAME = b"\x95"
BYTEARRAY8 = b"\x96"
NEXT_BUFFER = b"\x97"
READONLY_BUFFER = b"\x98"

_BATCHSIZE = 1000
_FRAME_SIZE_MIN = 4
_FRAME_SIZE_TARGET = 64 * 1024


def _u32(n):
    return n.to_bytes(4, "little")


def _u64(n):
    return n.to_bytes(8, "little")


def encode_long(x):
    """The shortest little-endian two's complement bytes of `x` (empty for 0)."""
    if x == 0:
        return b""
    nbytes = (x.bit_length() >> 3) + 1
    data = x.to_bytes(nbytes, "little", signed=True)
    # A negative number whose top byte is only sign extension can lose it.
    if x < 0 and nbytes > 1 and data[-1] == 0xFF and data[-2] & 0x80:
        data = data[:-1]
    return data


def decode_long(data):
    return int.from_bytes(data, "little", signed=True)


def _raw_unicode_escape(s):
    """Protocol 0's text encoding: Latin-1, with backslash, NUL, CR, LF, ^Z and every
    character past U+00FF written as a \\u or \\U escape."""
    out = bytearray()
    for ch in s:
        c = ord(ch)
        if c >= 0x10000:
            out += b"\\U%08x" % c
        elif c >= 256 or ch in "\\\x00\n\r\x1a":
            out += b"\\u%04x" % c
        else:
            out.append(c)
    return bytes(out)


def _raw_unicode_unescape(data):
    out = []
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b != 0x5C:
            out.append(chr(b))
            i += 1
            continue
        run = i
        while run < n and data[run] == 0x5C:
            run += 1
        count = run - i
        # An escape only when the backslash is not itself escaped (an odd run).
        if count % 2 == 1 and run < n and data[run] in (0x75, 0x55):
            width = 4 if data[run] == 0x75 else 8
            digits = data[run + 1:run + 1 + width]
            try:
                if len(digits) != width:
                    raise ValueError
                code = int(digits.decode("ascii"), 16)
                ch = chr(code)
            except (ValueError, OverflowError):
                raise UnicodeDecodeError("rawunicodeescape", bytes(data), i, run + 1,
                                         "truncated \\uXXXX escape" if width == 4
                                         else "truncated \\UXXXXXXXX escape")
            out.append("\\" * (count - 1))
            out.append(ch)
            i = run + 1 + width
        else:
            out.append("\\" * count)
            i = run
    return "".join(out)


_SIMPLE_ESCAPES = {
    ord("\\"): "\\", ord("'"): "'", ord('"'): '"', ord("a"): "\a", ord("b"): "\b",
    ord("f"): "\f", ord("n"): "\n", ord("r"): "\r", ord("t"): "\t", ord("v"): "\v",
}


def _escape_decode(data):
    """The bytes a Python 2 `str` literal body (STRING opcode) stands for."""
    out = bytearray()
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        i += 1
        if b != 0x5C:
            out.append(b)
            continue
        if i >= n:
            raise ValueError("Trailing \\ in string")
        c = data[i]
        i += 1
        if c in _SIMPLE_ESCAPES:
            out += _SIMPLE_ESCAPES[c].encode("latin-1")
        elif c == 0x0A:
            pass
        elif 0x30 <= c <= 0x37:
            value = c - 0x30
            for _ in range(2):
                if i < n and 0x30 <= data[i] <= 0x37:
                    value = value * 8 + data[i] - 0x30
                    i += 1
            out.append(value & 0xFF)
        elif c == 0x78:
            digits = data[i:i + 2]
            try:
                if len(digits) != 2:
                    raise ValueError
                out.append(int(digits.decode("ascii"), 16))
            except ValueError:
                raise ValueError("invalid \\x escape at position %d" % (i - 2))
            i += 2
        else:
            out.append(0x5C)
            out.append(c)
    return bytes(out)


def _codecs_encode(obj, encoding="utf-8", errors="strict"):
    """What `_codecs.encode` does for the Latin-1 text protocols 0-2 write bytes as."""
    return obj.encode(encoding, errors)


# Globals that name something hpymove keeps elsewhere: (module, name) -> object.
_SUBSTITUTE_GLOBALS = {("_codecs", "encode"): _codecs_encode,
                       ("codecs", "encode"): _codecs_encode}


# Python 2 names (protocols 0-2 with fix_imports): what they became in Python 3.
_PY2_MODULES = {
    "__builtin__": "builtins", "copy_reg": "copyreg", "Queue": "queue",
    "SocketServer": "socketserver", "ConfigParser": "configparser", "repr": "reprlib",
    "thread": "_thread", "cPickle": "pickle", "_elementtree": "xml.etree.ElementTree",
    "StringIO": "io", "cStringIO": "io", "UserDict": "collections",
    "UserList": "collections", "UserString": "collections", "whichdb": "dbm",
    "commands": "subprocess", "urlparse": "urllib.parse", "httplib": "http.client",
    "exceptions": "builtins",
}
_PY2_NAMES = {
    ("__builtin__", "xrange"): ("builtins", "range"),
    ("__builtin__", "reduce"): ("functools", "reduce"),
    ("__builtin__", "intern"): ("sys", "intern"),
    ("__builtin__", "unichr"): ("builtins", "chr"),
    ("__builtin__", "unicode"): ("builtins", "str"),
    ("__builtin__", "long"): ("builtins", "int"),
    ("__builtin__", "basestring"): ("builtins", "str"),
    ("itertools", "izip"): ("builtins", "zip"),
    ("itertools", "imap"): ("builtins", "map"),
    ("itertools", "ifilter"): ("builtins", "filter"),
    ("itertools", "ifilterfalse"): ("itertools", "filterfalse"),
    ("itertools", "izip_longest"): ("itertools", "zip_longest"),
    ("UserDict", "IterableUserDict"): ("collections", "UserDict"),
    ("UserList", "UserList"): ("collections", "UserList"),
    ("UserString", "UserString"): ("collections", "UserString"),
}
_PY3_MODULES = {
    "builtins": "__builtin__", "copyreg": "copy_reg", "queue": "Queue",
    "socketserver": "SocketServer", "configparser": "ConfigParser", "reprlib": "repr",
    "_thread": "thread", "subprocess": "commands", "urllib.parse": "urlparse",
    "http.client": "httplib", "collections.abc": "_abcoll", "_functools": "functools",
    "_pickle": "pickle",
}
_PY3_NAMES = {
    ("builtins", "range"): ("__builtin__", "xrange"),
    ("functools", "reduce"): ("__builtin__", "reduce"),
    ("_functools", "reduce"): ("__builtin__", "reduce"),
    ("sys", "intern"): ("__builtin__", "intern"),
    ("builtins", "chr"): ("__builtin__", "unichr"),
    ("builtins", "str"): ("__builtin__", "unicode"),
    ("builtins", "int"): ("__builtin__", "long"),
    ("builtins", "zip"): ("itertools", "izip"),
    ("builtins", "map"): ("itertools", "imap"),
    ("builtins", "filter"): ("itertools", "ifilter"),
    ("itertools", "filterfalse"): ("itertools", "ifilterfalse"),
    ("itertools", "zip_longest"): ("itertools", "izip_longest"),
    ("collections", "UserDict"): ("UserDict", "IterableUserDict"),
    ("collections", "UserList"): ("UserList", "UserList"),
    ("collections", "UserString"): ("UserString", "UserString"),
}
# Python 2 had these exceptions in its `exceptions` module (the OS errors that Python 3
# added were all OSError there).
_PY2_EXCEPTIONS = (
    "ArithmeticError AssertionError AttributeError BaseException BufferError "
    "BytesWarning DeprecationWarning EOFError EnvironmentError Exception "
    "FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning "
    "IndentationError IndexError KeyError KeyboardInterrupt LookupError MemoryError "
    "NameError NotImplementedError OSError OverflowError PendingDeprecationWarning "
    "ReferenceError RuntimeError RuntimeWarning StopIteration SyntaxError SyntaxWarning "
    "SystemError SystemExit TabError TypeError UnboundLocalError UnicodeDecodeError "
    "UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning "
    "ValueError Warning ZeroDivisionError").split()
_PY3_OS_ERRORS = (
    "BrokenPipeError ChildProcessError ConnectionAbortedError ConnectionError "
    "ConnectionRefusedError ConnectionResetError FileExistsError FileNotFoundError "
    "InterruptedError IsADirectoryError NotADirectoryError PermissionError "
    "ProcessLookupError TimeoutError").split()
for _name in _PY2_EXCEPTIONS:
    _PY3_NAMES[("builtins", _name)] = ("exceptions", _name)
for _name in _PY3_OS_ERRORS:
    _PY3_NAMES[("builtins", _name)] = ("exceptions", "OSError")
_PY3_NAMES[("builtins", "ModuleNotFoundError")] = ("exceptions", "ImportError")
del _name


def _getattribute(obj, dotted):
    """(attribute, its parent) for a dotted qualified name; AttributeError with
    CPython's message when a part is missing or local."""
    parent = None
    for part in dotted.split("."):
        if part == "<locals>":
            raise AttributeError("Can't get local attribute %r on %r" % (dotted, obj))
        parent = obj
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise AttributeError("Can't get attribute %r on %r" % (dotted, obj)) from None
    return obj, parent


def whichmodule(obj, name):
    """The name of the module `obj` belongs to: its `__module__`, else the first module
    that has it under `name` (builtins first, where CPython's module table starts)."""
    module_name = getattr(obj, "__module__", None)
    if module_name is not None:
        return module_name
    modules = dict(sys.modules)
    order = ["builtins"] + [m for m in modules if m != "builtins"]
    for module_name in order:
        module = modules.get(module_name)
        if module_name in ("__main__", "__mp_main__") or module is None:
            continue
        try:
            if _getattribute(module, name)[0] is obj:
                return module_name
        except AttributeError:
            pass
    return "__main__"


class _Output:
    """The pickler's output: the current frame (protocol 4+) or everything written so
    far, handed to the file's `write` when a frame is full and at the end of a dump."""

    def __init__(self, file_write, framing):
        self.file_write = file_write
        self.framing = framing
        self.chunks = []
        self.size = 0

    def write(self, data):
        self.chunks.append(data)
        self.size += len(data)

    def commit(self, force=False):
        if not self.chunks:
            return
        if self.framing and self.size < _FRAME_SIZE_TARGET and not force:
            return
        data = b"".join(self.chunks)
        self.chunks = []
        self.size = 0
        if self.framing and len(data) >= _FRAME_SIZE_MIN:
            self.file_write(FRAME + _u64(len(data)))
        self.file_write(data)

    def write_large(self, header, payload):
        """Protocol 4+: a big bytes-like payload goes straight to the file, outside
        any frame."""
        if self.framing:
            self.commit(force=True)
            self.file_write(header)
            self.file_write(payload)
        else:
            self.write(header)
            self.write(payload)


class Pickler:
    """Writes pickles of objects to `file` (anything with a `write(bytes)` method)."""

    def __init__(self, file, protocol=None, *, fix_imports=True, buffer_callback=None):
        if protocol is None:
            protocol = DEFAULT_PROTOCOL
        if not isinstance(protocol, int):
            raise TypeError("an integer is required (got type %s)"
                            % type(protocol).__name__)
        if protocol < 0:
            protocol = HIGHEST_PROTOCOL
        elif protocol > HIGHEST_PROTOCOL:
            raise ValueError("pickle protocol must be <= %d" % HIGHEST_PROTOCOL)
        if buffer_callback is not None and protocol < 5:
            raise ValueError("buffer_callback needs protocol >= 5")
        try:
            self._file_write = file.write
        except AttributeError:
            raise TypeError("file must have a 'write' attribute") from None
        self._buffer_callback = buffer_callback
        self.proto = protocol
        self.bin = protocol >= 1
        self.fast = 0
        self.fix_imports = fix_imports and protocol < 3
        self.memo = {}
        self._names = {}
        self._builtin_types_module = None
        self._out = None

    def clear_memo(self):
        self.memo.clear()
        self._names.clear()
        self._builtin_types_module = None

    def persistent_id(self, obj):
        return None

    def dump(self, obj):
        """Writes the pickle of `obj` to the file."""
        out = self._out = _Output(self._file_write, self.proto >= 4)
        try:
            if self.proto >= 2:
                # The protocol header precedes the first frame.
                self._file_write(PROTO + bytes((self.proto,)))
            self.save(obj)
            out.write(STOP)
            out.commit(force=True)
        finally:
            self._out = None

    def write(self, data):
        self._out.write(data)

    # The memo: what has been written, by identity, so it is written once.

    def memoize(self, obj):
        if self.fast:
            return
        idx = len(self.memo)
        self.write(self._put(idx))
        self.memo[id(obj)] = idx, obj

    def _put(self, idx):
        if self.proto >= 4:
            return MEMOIZE
        if self.bin:
            if idx < 256:
                return BINPUT + bytes((idx,))
            return LONG_BINPUT + _u32(idx)
        return PUT + repr(idx).encode("ascii") + b"\n"

    def _get(self, idx):
        if self.bin:
            if idx < 256:
                return BINGET + bytes((idx,))
            return LONG_BINGET + _u32(idx)
        return GET + repr(idx).encode("ascii") + b"\n"

    def save(self, obj, save_persistent_id=True):
        self._out.commit()
        if save_persistent_id:
            pid = self.persistent_id(obj)
            if pid is not None:
                self._save_pers(pid)
                return
        t = type(obj)
        if obj is None:
            self.write(NONE)
            return
        if obj is True or obj is False:
            self._save_bool(obj)
            return
        if t is int:
            self._save_int(obj)
            return
        if t is float:
            self._save_float(obj)
            return
        if t is str and _interned_in_cpython(obj) and obj is not self._builtin_types_module:
            obj = self._names.setdefault(obj, obj)
        entry = self.memo.get(id(obj))
        if entry is not None:
            self.write(self._get(entry[0]))
            return
        if t is bytes:
            self._save_bytes(obj)
            return
        if t is str:
            self._save_str(obj)
            return
        if t is dict:
            self._save_dict(obj)
            return
        if t is set:
            self._save_set(obj)
            return
        if t is frozenset:
            self._save_frozenset(obj)
            return
        if t is list:
            self._save_list(obj)
            return
        if t is tuple:
            self._save_tuple(obj)
            return
        if t is bytearray:
            self._save_bytearray(obj)
            return
        override = getattr(self, "reducer_override", None)
        if override is not None:
            rv = override(obj)
            if rv is not NotImplemented:
                self._save_reduce_value(obj, rv)
                return
        if t is type:
            self._save_type(obj)
            return
        if t is _FUNCTION_TYPE:
            self.save_global(obj)
            return
        table = getattr(self, "dispatch_table", None)
        if table is None:
            table = dispatch_table
        reduce = table.get(t)
        if reduce is not None:
            rv = reduce(obj)
        elif isinstance(obj, type):
            self.save_global(obj)
            return
        else:
            rv = self._reduce(obj)
        self._save_reduce_value(obj, rv)

    def _reduce(self, obj):
        """The object's own `__reduce_ex__(proto)` or `__reduce__()`, else the default
        reduction of `object` (hpymove's `object` has neither method)."""
        if type(obj) is _BUILTIN_FUNCTION_TYPE:
            return obj.__name__
        reduce_ex = getattr(obj, "__reduce_ex__", None)
        if reduce_ex is not None:
            return reduce_ex(self.proto)
        reduce = getattr(obj, "__reduce__", None)
        if reduce is not None:
            return reduce()
        return copyreg._object_reduce_ex(obj, self.proto)

    def _save_reduce_value(self, obj, rv):
        if isinstance(rv, str):
            self.save_global(obj, rv)
            return
        if not isinstance(rv, tuple):
            raise PicklingError("__reduce__ must return a string or tuple")
        if not 2 <= len(rv) <= 6:
            raise PicklingError("tuple returned by __reduce__ must contain 2 through 6 "
                                "elements")
        self.save_reduce(*rv, obj=obj)

    def _save_pers(self, pid):
        if self.bin:
            self.save(pid, save_persistent_id=False)
            self.write(BINPERSID)
            return
        if isinstance(pid, str):
            try:
                self.write(PERSID + pid.encode("ascii") + b"\n")
                return
            except UnicodeEncodeError:
                pass
        raise PicklingError("persistent IDs in protocol 0 must be ASCII strings")

    # Atoms.

    def _save_bool(self, obj):
        if self.proto >= 2:
            self.write(NEWTRUE if obj else NEWFALSE)
        else:
            self.write(TRUE if obj else FALSE)

    def _save_int(self, obj):
        if -0x80000000 <= obj <= 0x7FFFFFFF:
            if self.bin:
                if 0 <= obj <= 0xFF:
                    self.write(BININT1 + bytes((obj,)))
                elif 0 <= obj <= 0xFFFF:
                    self.write(BININT2 + obj.to_bytes(2, "little"))
                else:
                    self.write(BININT + obj.to_bytes(4, "little", signed=True))
            else:
                self.write(INT + repr(obj).encode("ascii") + b"\n")
            return
        if self.proto >= 2:
            data = encode_long(obj)
            if len(data) < 256:
                self.write(LONG1 + bytes((len(data),)) + data)
            else:
                self.write(LONG4 + len(data).to_bytes(4, "little", signed=True) + data)
            return
        self.write(LONG + repr(obj).encode("ascii") + b"L\n")

    def _save_float(self, obj):
        if self.bin:
            self.write(BINFLOAT + struct.pack(">d", obj))
        else:
            self.write(FLOAT + repr(obj).encode("ascii") + b"\n")

    def _save_bytes(self, obj):
        if self.proto < 3:
            if not obj:
                self.save_reduce(bytes, (), obj=obj)
            else:
                self.save_reduce(_codecs_encode, (obj.decode("latin-1"), "latin1"), obj=obj)
            return
        n = len(obj)
        if n < 256:
            self.write(SHORT_BINBYTES + bytes((n,)) + obj)
        elif n <= 0xFFFFFFFF and self.proto < 4:
            self.write(BINBYTES + _u32(n) + obj)
        elif n <= 0xFFFFFFFF:
            self._write_sized(BINBYTES + _u32(n), obj)
        else:
            self._write_sized(BINBYTES8 + _u64(n), obj)
        self.memoize(obj)

    def _write_sized(self, header, payload):
        if len(payload) >= _FRAME_SIZE_TARGET:
            self._out.write_large(header, payload)
        else:
            self.write(header + payload)

    def _save_bytearray(self, obj):
        if self.proto < 5:
            self.save_reduce(bytearray, (bytes(obj),) if obj else (), obj=obj)
            return
        self._write_sized(BYTEARRAY8 + _u64(len(obj)), bytes(obj))
        self.memoize(obj)

    def _save_str(self, obj):
        if not self.bin:
            self.write(UNICODE + _raw_unicode_escape(obj) + b"\n")
        else:
            data = obj.encode("utf-8", "surrogatepass")
            n = len(data)
            if n < 256 and self.proto >= 4:
                self.write(SHORT_BINUNICODE + bytes((n,)) + data)
            elif n > 0xFFFFFFFF and self.proto >= 4:
                self._write_sized(BINUNICODE8 + _u64(n), data)
            elif self.proto >= 4:
                self._write_sized(BINUNICODE + _u32(n), data)
            else:
                self.write(BINUNICODE + _u32(n) + data)
        self.memoize(obj)

    # Containers.

    def _save_tuple(self, obj):
        n = len(obj)
        if n == 0:
            self.write(EMPTY_TUPLE if self.bin else MARK + TUPLE)
            return
        memo = self.memo
        if n <= 3 and self.proto >= 2:
            for item in obj:
                self.save(item)
            entry = memo.get(id(obj))
            if entry is not None:
                # The tuple contains itself: drop its items, take it from the memo.
                self.write(POP * n + self._get(entry[0]))
                return
            self.write((TUPLE1, TUPLE2, TUPLE3)[n - 1])
            self.memoize(obj)
            return
        self.write(MARK)
        for item in obj:
            self.save(item)
        entry = memo.get(id(obj))
        if entry is not None:
            if self.bin:
                self.write(POP_MARK + self._get(entry[0]))
            else:
                self.write(POP * (n + 1) + self._get(entry[0]))
            return
        self.write(TUPLE)
        self.memoize(obj)

    def _save_list(self, obj):
        self.write(EMPTY_LIST if self.bin else MARK + LIST)
        self.memoize(obj)
        if obj:
            if self.bin:
                self._batch_list_exact(obj)
            else:
                self._batch_appends(iter(obj))

    def _batch_list_exact(self, obj):
        if len(obj) == 1:
            self.save(obj[0])
            self.write(APPEND)
            return
        total = 0
        while True:
            self.write(MARK)
            count = 0
            while total < len(obj):
                self.save(obj[total])
                total += 1
                count += 1
                if count == _BATCHSIZE:
                    break
            self.write(APPENDS)
            if total >= len(obj):
                return

    def _batch_appends(self, items):
        if not self.bin:
            for item in items:
                self.save(item)
                self.write(APPEND)
            return
        while True:
            first = next(items, _END)
            if first is _END:
                return
            second = next(items, _END)
            if second is _END:
                self.save(first)
                self.write(APPEND)
                return
            self.write(MARK)
            self.save(first)
            count = 1
            item = second
            while item is not _END:
                self.save(item)
                count += 1
                if count == _BATCHSIZE:
                    break
                item = next(items, _END)
            self.write(APPENDS)
            if count != _BATCHSIZE:
                return

    def _save_dict(self, obj):
        self.write(EMPTY_DICT if self.bin else MARK + DICT)
        self.memoize(obj)
        if obj:
            if self.bin:
                self._batch_dict_exact(obj)
            else:
                self._batch_setitems(iter(obj.items()))

    def _batch_dict_exact(self, obj):
        size = len(obj)
        if size == 1:
            for key, value in obj.items():
                self.save(key)
                self.save(value)
            self.write(SETITEM)
            return
        items = iter(obj.items())
        while True:
            self.write(MARK)
            count = 0
            for key, value in items:
                self.save(key)
                self.save(value)
                count += 1
                if count == _BATCHSIZE:
                    break
            self.write(SETITEMS)
            if len(obj) != size:
                raise RuntimeError("dictionary changed size during iteration")
            if count != _BATCHSIZE:
                return

    def _batch_setitems(self, items):
        def pair(item):
            if not isinstance(item, tuple) or len(item) != 2:
                raise TypeError("dict items iterator must return 2-tuples")
            return item
        if not self.bin:
            for item in items:
                key, value = pair(item)
                self.save(key)
                self.save(value)
                self.write(SETITEM)
            return
        while True:
            first = next(items, _END)
            if first is _END:
                return
            first = pair(first)
            second = next(items, _END)
            if second is _END:
                self.save(first[0])
                self.save(first[1])
                self.write(SETITEM)
                return
            self.write(MARK)
            self.save(first[0])
            self.save(first[1])
            count = 1
            item = second
            while item is not _END:
                key, value = pair(item)
                self.save(key)
                self.save(value)
                count += 1
                if count == _BATCHSIZE:
                    break
                item = next(items, _END)
            self.write(SETITEMS)
            if count != _BATCHSIZE:
                return

    def _save_set(self, obj):
        if self.proto < 4:
            self.save_reduce(set, (list(obj),), obj=obj)
            return
        self.write(EMPTY_SET)
        self.memoize(obj)
        size = len(obj)
        if not size:
            return
        items = iter(obj)
        while True:
            self.write(MARK)
            count = 0
            for item in items:
                self.save(item)
                count += 1
                if count == _BATCHSIZE:
                    break
            self.write(ADDITEMS)
            if len(obj) != size:
                raise RuntimeError("set changed size during iteration")
            if count != _BATCHSIZE:
                return

    def _save_frozenset(self, obj):
        if self.proto < 4:
            self.save_reduce(frozenset, (list(obj),), obj=obj)
            return
        self.write(MARK)
        for item in obj:
            self.save(item)
        entry = self.memo.get(id(obj))
        if entry is not None:
            self.write(POP_MARK + self._get(entry[0]))
            return
        self.write(FROZENSET)
        self.memoize(obj)

    # Reductions.

    def save_reduce(self, func, args, state=None, listitems=None, dictitems=None,
                    state_setter=None, *, obj=None):
        if not isinstance(args, tuple):
            raise PicklingError("second item of the tuple returned by __reduce__ must "
                                "be a tuple")
        if not callable(func):
            raise PicklingError("first item of the tuple returned by __reduce__ must "
                                "be callable")
        if listitems is not None and not hasattr(listitems, "__next__"):
            raise PicklingError("fourth element of the tuple returned by __reduce__ must "
                                "be an iterator, not %s" % type(listitems).__name__)
        if dictitems is not None and not hasattr(dictitems, "__next__"):
            raise PicklingError("fifth element of the tuple returned by __reduce__ must "
                                "be an iterator, not %s" % type(dictitems).__name__)
        if state_setter is not None and not callable(state_setter):
            raise PicklingError("sixth element of the tuple returned by __reduce__ must "
                                "be a function, not %s" % type(state_setter).__name__)
        func_name = getattr(func, "__name__", "") if self.proto >= 2 else ""
        if func_name == "__newobj_ex__":
            self._save_newobj_ex(args, obj)
        elif func_name == "__newobj__":
            if not args:
                raise PicklingError("__newobj__ arglist is empty")
            cls = args[0]
            if not isinstance(cls, type):
                raise PicklingError("args[0] from __newobj__ args is not a type")
            if obj is not None and cls is not getattr(obj, "__class__", None):
                raise PicklingError("args[0] from __newobj__ args has the wrong class")
            self.save(cls)
            self.save(args[1:])
            self.write(NEWOBJ)
        else:
            self.save(func)
            self.save(args)
            self.write(REDUCE)
        if obj is not None:
            entry = self.memo.get(id(obj))
            if entry is not None:
                # Reached again through its own arguments: keep the first copy.
                self.write(POP + self._get(entry[0]))
            else:
                self.memoize(obj)
        if listitems is not None:
            self._batch_appends(listitems)
        if dictitems is not None:
            self._batch_setitems(dictitems)
        if state is not None:
            if state_setter is None:
                self.save(state)
                self.write(BUILD)
            else:
                self.save(state_setter)
                self.save(obj)
                self.save(state)
                self.write(TUPLE2)
                self.write(REDUCE)
                self.write(POP)

    def _save_newobj_ex(self, args, obj):
        if len(args) != 3:
            raise PicklingError("length of the NEWOBJ_EX argument tuple must be exactly 3, "
                                "not %d" % len(args))
        cls, cargs, kwargs = args
        if not isinstance(cls, type):
            raise PicklingError("first item from NEWOBJ_EX argument tuple must be a class, "
                                "not %s" % type(cls).__name__)
        if not isinstance(cargs, tuple):
            raise PicklingError("second item from NEWOBJ_EX argument tuple must be a "
                                "tuple, not %s" % type(cargs).__name__)
        if not isinstance(kwargs, dict):
            raise PicklingError("third item from NEWOBJ_EX argument tuple must be a dict, "
                                "not %s" % type(kwargs).__name__)
        if obj is not None and cls is not getattr(obj, "__class__", None):
            raise PicklingError("first item from NEWOBJ_EX argument tuple must be %s, "
                                "not %s" % (type(obj).__name__, cls.__name__))
        if self.proto >= 4:
            self.save(cls)
            self.save(cargs)
            self.save(kwargs)
            self.write(NEWOBJ_EX)
        else:
            import functools
            self.save(functools.partial(cls.__new__, cls, *cargs, **kwargs))
            self.save(())
            self.write(REDUCE)

    # Globals: classes, functions and whatever reduces to a name.

    def _save_type(self, obj):
        for singleton in (None, Ellipsis, NotImplemented):
            if obj is type(singleton):
                self.save_reduce(type, (singleton,), obj=obj)
                return
        self.save_global(obj)

    def save_global(self, obj, name=None):
        if obj is _codecs_encode:
            module_name, name, parent, module = "_codecs", "encode", None, None
        else:
            if name is None:
                name = getattr(obj, "__qualname__", None)
                if name is None:
                    name = obj.__name__
            if "<locals>" in name.split("."):
                raise AttributeError("Can't pickle local object %r" % name)
            module_name = whichmodule(obj, name)
            try:
                __import__(module_name)
                module = sys.modules[module_name]
            except ImportError:
                raise PicklingError("Can't pickle %r: import of module %r failed"
                                    % (obj, module_name)) from None
            try:
                found, parent = _getattribute(module, name)
            except AttributeError:
                raise PicklingError("Can't pickle %r: attribute lookup %s on %s failed"
                                    % (obj, name, module_name)) from None
            if found is not obj:
                raise PicklingError("Can't pickle %r: it's not the same object as %s.%s"
                                    % (obj, module_name, name))
        # CPython's names are interned strings, so a module named twice is memoized
        # once: share one string object per name within a pickle. The "builtins" of
        # builtin types and of CPython's module table is another (static) string object
        # there than the builtin functions' `__module__`.
        if module_name == "builtins" and type(obj) is not _BUILTIN_FUNCTION_TYPE:
            if self._builtin_types_module is None:
                self._builtin_types_module = "".join(["built", "ins"])
            module_name = self._builtin_types_module
        else:
            module_name = self._names.setdefault(module_name, module_name)
        name = self._names.setdefault(name, name)
        if self.proto >= 2:
            code = _extension_registry.get((module_name, name))
            if code:
                if code <= 0xFF:
                    self.write(EXT1 + bytes((code,)))
                elif code <= 0xFFFF:
                    self.write(EXT2 + code.to_bytes(2, "little"))
                else:
                    self.write(EXT4 + code.to_bytes(4, "little", signed=True))
                return
        if self.proto >= 4:
            self.save(module_name)
            self.save(name)
            self.write(STACK_GLOBAL)
        elif parent is not module and parent is not None:
            self.save_reduce(getattr, (parent, name.rpartition(".")[2]))
        else:
            if self.fix_imports:
                if (module_name, name) in _PY3_NAMES:
                    module_name, name = _PY3_NAMES[(module_name, name)]
                elif module_name in _PY3_MODULES:
                    module_name = _PY3_MODULES[module_name]
            encoding = "utf-8" if self.proto >= 3 else "ascii"
            try:
                data = (GLOBAL + module_name.encode(encoding) + b"\n"
                        + name.encode(encoding) + b"\n")
            except UnicodeEncodeError:
                raise PicklingError("can't pickle global identifier '%s.%s' using pickle "
                                    "protocol %d" % (module_name, name, self.proto)) from None
            self.write(data)
        self.memoize(obj)


_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _interned_in_cpython(s):
    """Whether CPython keeps one object for every occurrence of the string: the empty
    string, the one-character Latin-1 strings, and (interned) names and name-like
    constants, such as attribute names and keyword arguments. Equal strings of these
    kinds are one memo entry in CPython's pickles, so they are here too."""
    if len(s) <= 1:
        return s == "" or ord(s) < 256
    for c in s:
        if c not in _NAME_CHARS:
            return False
    return True


def _function():
    pass


_FUNCTION_TYPE = type(_function)
_BUILTIN_FUNCTION_TYPE = type(len)
_END = object()


class _BytesInput:
    """`read`/`readline` over bytes, for `loads`."""

    def __init__(self, data):
        self.data = data
        self.pos = 0

    def read(self, n):
        start = self.pos
        self.pos = min(start + n, len(self.data))
        return self.data[start:self.pos]

    def readline(self):
        start = self.pos
        end = self.data.find(b"\n", start)
        self.pos = len(self.data) if end < 0 else end + 1
        return self.data[start:self.pos]


def _truncated():
    return UnpicklingError("pickle data was truncated")


class Unpickler:
    """Reads pickles from `file` (anything with `read(n)` and `readline()`)."""

    def __init__(self, file, *, fix_imports=True, encoding="ASCII", errors="strict",
                 buffers=None):
        try:
            self._file_read = file.read
            self._file_readline = file.readline
        except AttributeError as e:
            raise TypeError("file must have 'read' and 'readline' attributes") from e
        self._buffers = iter(buffers) if buffers is not None else None
        self.encoding = encoding
        self.errors = errors
        self.fix_imports = fix_imports
        self.memo = {}
        self.proto = 0

    # Reading: from the current frame when there is one, else from the file.

    def _read(self, n):
        frame = self._frame
        if frame is not None:
            data = frame.read(n)
            if len(data) == n:
                return data
            if data or n == 0:
                raise UnpicklingError("pickle exhausted before end of frame")
            self._frame = None
        data = self._file_read(n)
        if len(data) < n:
            raise _truncated()
        return data

    def _readline(self):
        frame = self._frame
        if frame is not None:
            line = frame.readline()
            if line:
                if not line.endswith(b"\n"):
                    raise UnpicklingError("pickle exhausted before end of frame")
                return line
            self._frame = None
        line = self._file_readline()
        if not line.endswith(b"\n"):
            raise _truncated()
        return line

    def load(self):
        """Reads one pickled object from the file and returns it."""
        self._frame = None
        self.stack = []
        self.metastack = []
        self.proto = 0
        dispatch = _DISPATCH
        try:
            while True:
                frame = self._frame
                op = frame.read(1) if frame is not None else b""
                if not op:
                    self._frame = None
                    op = self._file_read(1)
                    if not op:
                        raise EOFError("Ran out of input")
                handler = dispatch.get(op[0])
                if handler is None:
                    raise UnpicklingError(_bad_key(op[0]))
                handler(self)
        except _Stop as stop:
            return stop.value

    def persistent_load(self, pid):
        raise UnpicklingError("A load persistent id instruction was encountered, but no "
                              "persistent_load function was specified.")

    def find_class(self, module, name):
        if self.proto < 3 and self.fix_imports:
            if (module, name) in _PY2_NAMES:
                module, name = _PY2_NAMES[(module, name)]
            elif module in _PY2_MODULES:
                module = _PY2_MODULES[module]
        substitute = _SUBSTITUTE_GLOBALS.get((module, name))
        try:
            __import__(module)
        except ImportError:
            if substitute is not None:
                return substitute
            raise
        mod = sys.modules[module]
        if self.proto >= 4:
            return _getattribute(mod, name)[0]
        try:
            return getattr(mod, name)
        except AttributeError:
            if substitute is not None:
                return substitute
            raise AttributeError("Can't get attribute %r on %r" % (name, mod)) from None

    # The stack.

    def _pop(self):
        if not self.stack:
            raise UnpicklingError("unpickling stack underflow")
        return self.stack.pop()

    def _top(self):
        if not self.stack:
            raise UnpicklingError("unpickling stack underflow")
        return self.stack[-1]

    def _pop_mark(self):
        if not self.metastack:
            raise UnpicklingError("could not find MARK")
        items = self.stack
        self.stack = self.metastack.pop()
        return items

    def _memo_get(self, idx):
        try:
            return self.memo[idx]
        except KeyError:
            raise UnpicklingError("Memo value not found at index %d" % idx) from None

    def _memo_put(self, idx):
        if idx < 0:
            raise ValueError("negative PUT argument")
        self.memo[idx] = self._top()

    def _find_global(self, module, name):
        return self.find_class(module, name)

    def _text(self, data):
        if self.encoding == "bytes":
            return data
        return data.decode(self.encoding, self.errors)

    # One method per opcode.

    def load_proto(self):
        proto = self._read(1)[0]
        if proto > HIGHEST_PROTOCOL:
            raise ValueError("unsupported pickle protocol: %d" % proto)
        self.proto = proto

    def load_frame(self):
        n = int.from_bytes(self._read(8), "little")
        if self._frame is not None and self._frame.pos < len(self._frame.data):
            raise UnpicklingError("beginning of a new frame before end of current frame")
        data = self._file_read(n)
        if len(data) < n:
            raise _truncated()
        self._frame = _BytesInput(data)

    def load_persid(self):
        try:
            pid = self._readline()[:-1].decode("ascii")
        except UnicodeDecodeError:
            raise UnpicklingError("persistent IDs in protocol 0 must be ASCII strings")
        self.stack.append(self.persistent_load(pid))

    def load_binpersid(self):
        self.stack.append(self.persistent_load(self._pop()))

    def load_none(self):
        self.stack.append(None)

    def load_false(self):
        self.stack.append(False)

    def load_true(self):
        self.stack.append(True)

    def load_int(self):
        data = self._readline()
        if data == b"00\n":
            value = False
        elif data == b"01\n":
            value = True
        else:
            try:
                value = int(data.decode("ascii"))
            except (ValueError, UnicodeDecodeError):
                raise ValueError("could not convert string to int") from None
        self.stack.append(value)

    def load_binint(self):
        self.stack.append(int.from_bytes(self._read(4), "little", signed=True))

    def load_binint1(self):
        self.stack.append(self._read(1)[0])

    def load_binint2(self):
        self.stack.append(int.from_bytes(self._read(2), "little"))

    def load_long(self):
        text = self._readline()[:-1]
        if text.endswith(b"L"):
            text = text[:-1]
        try:
            value = int(text.decode("ascii"))
        except (ValueError, UnicodeDecodeError):
            raise ValueError("could not convert string to int") from None
        self.stack.append(value)

    def load_long1(self):
        n = self._read(1)[0]
        self.stack.append(decode_long(self._read(n)))

    def load_long4(self):
        n = int.from_bytes(self._read(4), "little", signed=True)
        if n < 0:
            raise UnpicklingError("LONG pickle has negative byte count")
        self.stack.append(decode_long(self._read(n)))

    def load_float(self):
        try:
            value = float(self._readline()[:-1].decode("ascii"))
        except (ValueError, UnicodeDecodeError):
            raise ValueError("could not convert string to float") from None
        self.stack.append(value)

    def load_binfloat(self):
        self.stack.append(struct.unpack(">d", self._read(8))[0])

    def load_string(self):
        data = self._readline()[:-1]
        if len(data) >= 2 and data[0] == data[-1] and data[0] in b"\"'":
            data = data[1:-1]
        else:
            raise UnpicklingError("the STRING opcode argument must be quoted")
        self.stack.append(self._text(_escape_decode(data)))

    def load_binstring(self):
        n = int.from_bytes(self._read(4), "little", signed=True)
        if n < 0:
            raise UnpicklingError("BINSTRING pickle has negative byte count")
        self.stack.append(self._text(self._read(n)))

    def load_short_binstring(self):
        n = self._read(1)[0]
        self.stack.append(self._text(self._read(n)))

    def load_binbytes(self):
        n = int.from_bytes(self._read(4), "little")
        self.stack.append(self._read(n))

    def load_short_binbytes(self):
        n = self._read(1)[0]
        self.stack.append(self._read(n))

    def load_binbytes8(self):
        n = int.from_bytes(self._read(8), "little")
        if n > sys.maxsize:
            raise UnpicklingError("BINBYTES8 exceeds system's maximum size of %d bytes"
                                  % sys.maxsize)
        self.stack.append(self._read(n))

    def load_bytearray8(self):
        n = int.from_bytes(self._read(8), "little")
        if n > sys.maxsize:
            raise UnpicklingError("BYTEARRAY8 exceeds system's maximum size of %d bytes"
                                  % sys.maxsize)
        self.stack.append(bytearray(self._read(n)))

    def load_next_buffer(self):
        if self._buffers is None:
            raise UnpicklingError("pickle stream refers to out-of-band data but no "
                                  "*buffers* argument was given")
        buf = next(self._buffers, _END)
        if buf is _END:
            raise UnpicklingError("not enough out-of-band buffers")
        self.stack.append(buf)

    def load_readonly_buffer(self):
        buf = self._top()
        if isinstance(buf, bytearray):
            self.stack[-1] = bytes(buf)

    def load_unicode(self):
        self.stack.append(_raw_unicode_unescape(self._readline()[:-1]))

    def _utf8(self, data):
        return data.decode("utf-8", "surrogatepass")

    def load_binunicode(self):
        n = int.from_bytes(self._read(4), "little")
        self.stack.append(self._utf8(self._read(n)))

    def load_binunicode8(self):
        n = int.from_bytes(self._read(8), "little")
        if n > sys.maxsize:
            raise UnpicklingError("BINUNICODE8 exceeds system's maximum size of %d bytes"
                                  % sys.maxsize)
        self.stack.append(self._utf8(self._read(n)))

    def load_short_binunicode(self):
        n = self._read(1)[0]
        self.stack.append(self._utf8(self._read(n)))

    def load_tuple(self):
        items = self._pop_mark()
        self.stack.append(tuple(items))

    def load_empty_tuple(self):
        self.stack.append(())

    def load_tuple1(self):
        self.stack.append((self._pop(),))

    def load_tuple2(self):
        b = self._pop()
        a = self._pop()
        self.stack.append((a, b))

    def load_tuple3(self):
        c = self._pop()
        b = self._pop()
        a = self._pop()
        self.stack.append((a, b, c))

    def load_empty_list(self):
        self.stack.append([])

    def load_empty_dict(self):
        self.stack.append({})

    def load_empty_set(self):
        self.stack.append(set())

    def load_frozenset(self):
        items = self._pop_mark()
        self.stack.append(frozenset(items))

    def load_list(self):
        items = self._pop_mark()
        self.stack.append(items)

    def load_dict(self):
        items = self._pop_mark()
        if len(items) % 2:
            raise UnpicklingError("odd number of items for DICT")
        self.stack.append({items[i]: items[i + 1] for i in range(0, len(items), 2)})

    def _instantiate(self, klass, args):
        if args or not isinstance(klass, type) or hasattr(klass, "__getinitargs__"):
            try:
                value = klass(*args)
            except TypeError as err:
                raise TypeError("in constructor for %s: %s" % (klass.__name__, err)) \
                    from err
        else:
            value = klass.__new__(klass)
        self.stack.append(value)

    def load_inst(self):
        module = self._readline()[:-1].decode("ascii")
        name = self._readline()[:-1].decode("ascii")
        klass = self._find_global(module, name)
        self._instantiate(klass, self._pop_mark())

    def load_obj(self):
        args = self._pop_mark()
        if not args:
            raise UnpicklingError("unpickling stack underflow")
        self._instantiate(args[0], args[1:])

    def load_newobj(self):
        args = self._pop()
        cls = self._pop()
        if not isinstance(cls, type):
            raise UnpicklingError("NEWOBJ class argument must be a type, not %s"
                                  % type(cls).__name__)
        if not isinstance(args, tuple):
            raise UnpicklingError("NEWOBJ expected an arg tuple.")
        self.stack.append(cls.__new__(cls, *args))

    def load_newobj_ex(self):
        kwargs = self._pop()
        args = self._pop()
        cls = self._pop()
        if not isinstance(cls, type):
            raise UnpicklingError("NEWOBJ_EX class argument must be a type, not %s"
                                  % type(cls).__name__)
        if not isinstance(args, tuple):
            raise UnpicklingError("NEWOBJ_EX args argument must be a tuple, not %s"
                                  % type(args).__name__)
        if not isinstance(kwargs, dict):
            raise UnpicklingError("NEWOBJ_EX kwargs argument must be a dict, not %s"
                                  % type(kwargs).__name__)
        self.stack.append(cls.__new__(cls, *args, **kwargs))

    def load_global(self):
        module = self._readline()[:-1].decode("utf-8")
        name = self._readline()[:-1].decode("utf-8")
        self.stack.append(self._find_global(module, name))

    def load_stack_global(self):
        name = self._pop()
        module = self._pop()
        if type(name) is not str or type(module) is not str:
            raise UnpicklingError("STACK_GLOBAL requires str")
        self.stack.append(self._find_global(module, name))

    def _load_ext(self, code):
        obj = _extension_cache.get(code, _END)
        if obj is not _END:
            self.stack.append(obj)
            return
        key = _inverted_registry.get(code)
        if not key:
            if code <= 0:
                raise UnpicklingError("EXT specifies code <= 0")
            raise ValueError("unregistered extension code %d" % code)
        obj = self._find_global(*key)
        _extension_cache[code] = obj
        self.stack.append(obj)

    def load_ext1(self):
        self._load_ext(self._read(1)[0])

    def load_ext2(self):
        self._load_ext(int.from_bytes(self._read(2), "little"))

    def load_ext4(self):
        self._load_ext(int.from_bytes(self._read(4), "little", signed=True))

    def load_reduce(self):
        args = self._pop()
        func = self._pop()
        if not isinstance(args, tuple):
            raise TypeError("argument list must be a tuple")
        self.stack.append(func(*args))

    def load_pop(self):
        if self.stack:
            self.stack.pop()
        elif self.metastack:
            self._pop_mark()
        else:
            raise UnpicklingError("unpickling stack underflow")

    def load_pop_mark(self):
        self._pop_mark()

    def load_dup(self):
        self.stack.append(self._top())

    def load_get(self):
        text = self._readline()[:-1]
        try:
            idx = int(text.decode("ascii"))
        except (ValueError, UnicodeDecodeError):
            raise ValueError("could not convert string to int") from None
        self.stack.append(self._memo_get(idx))

    def load_binget(self):
        self.stack.append(self._memo_get(self._read(1)[0]))

    def load_long_binget(self):
        self.stack.append(self._memo_get(int.from_bytes(self._read(4), "little")))

    def load_put(self):
        text = self._readline()[:-1]
        try:
            idx = int(text.decode("ascii"))
        except (ValueError, UnicodeDecodeError):
            raise ValueError("could not convert string to int") from None
        self._memo_put(idx)

    def load_binput(self):
        self._memo_put(self._read(1)[0])

    def load_long_binput(self):
        self._memo_put(int.from_bytes(self._read(4), "little"))

    def load_memoize(self):
        self.memo[len(self.memo)] = self._top()

    def load_append(self):
        value = self._pop()
        target = self._top()
        if isinstance(target, list):
            target.append(value)
        else:
            target.append(value)

    def load_appends(self):
        items = self._pop_mark()
        target = self._top()
        if isinstance(target, list):
            target.extend(items)
            return
        extend = getattr(target, "extend", None)
        if extend is not None:
            extend(items)
        else:
            append = target.append
            for item in items:
                append(item)

    def load_setitem(self):
        value = self._pop()
        key = self._pop()
        self._top()[key] = value

    def load_setitems(self):
        items = self._pop_mark()
        target = self._top()
        if len(items) % 2:
            raise UnpicklingError("odd number of items for SETITEMS")
        for i in range(0, len(items), 2):
            target[items[i]] = items[i + 1]

    def load_additems(self):
        items = self._pop_mark()
        target = self._top()
        if isinstance(target, set):
            target.update(items)
        else:
            add = target.add
            for item in items:
                add(item)

    def load_build(self):
        state = self._pop()
        inst = self._top()
        setstate = getattr(inst, "__setstate__", None)
        if setstate is not None:
            setstate(state)
            return
        slotstate = None
        if isinstance(state, tuple) and len(state) == 2:
            state, slotstate = state
        if state:
            if not isinstance(state, dict):
                raise UnpicklingError("state is not a dictionary")
            inst_dict = inst.__dict__
            for key, value in state.items():
                inst_dict[key] = value
        if slotstate:
            if not isinstance(slotstate, dict):
                raise UnpicklingError("slot state is not a dictionary")
            for key, value in slotstate.items():
                setattr(inst, key, value)

    def load_mark(self):
        self.metastack.append(self.stack)
        self.stack = []

    def load_stop(self):
        raise _Stop(self._pop())


def _bad_key(code):
    if 0x20 <= code < 0x7F:
        return "invalid load key, '%s'." % chr(code)
    return "invalid load key, '\\x%02x'." % code


_DISPATCH = {
    MARK[0]: Unpickler.load_mark, STOP[0]: Unpickler.load_stop,
    POP[0]: Unpickler.load_pop, POP_MARK[0]: Unpickler.load_pop_mark,
    DUP[0]: Unpickler.load_dup, FLOAT[0]: Unpickler.load_float,
    INT[0]: Unpickler.load_int, BININT[0]: Unpickler.load_binint,
    BININT1[0]: Unpickler.load_binint1, LONG[0]: Unpickler.load_long,
    BININT2[0]: Unpickler.load_binint2, NONE[0]: Unpickler.load_none,
    PERSID[0]: Unpickler.load_persid, BINPERSID[0]: Unpickler.load_binpersid,
    REDUCE[0]: Unpickler.load_reduce, STRING[0]: Unpickler.load_string,
    BINSTRING[0]: Unpickler.load_binstring,
    SHORT_BINSTRING[0]: Unpickler.load_short_binstring,
    UNICODE[0]: Unpickler.load_unicode, BINUNICODE[0]: Unpickler.load_binunicode,
    APPEND[0]: Unpickler.load_append, BUILD[0]: Unpickler.load_build,
    GLOBAL[0]: Unpickler.load_global, DICT[0]: Unpickler.load_dict,
    EMPTY_DICT[0]: Unpickler.load_empty_dict, APPENDS[0]: Unpickler.load_appends,
    GET[0]: Unpickler.load_get, BINGET[0]: Unpickler.load_binget,
    INST[0]: Unpickler.load_inst, LONG_BINGET[0]: Unpickler.load_long_binget,
    LIST[0]: Unpickler.load_list, EMPTY_LIST[0]: Unpickler.load_empty_list,
    OBJ[0]: Unpickler.load_obj, PUT[0]: Unpickler.load_put,
    BINPUT[0]: Unpickler.load_binput, LONG_BINPUT[0]: Unpickler.load_long_binput,
    SETITEM[0]: Unpickler.load_setitem, TUPLE[0]: Unpickler.load_tuple,
    EMPTY_TUPLE[0]: Unpickler.load_empty_tuple, SETITEMS[0]: Unpickler.load_setitems,
    BINFLOAT[0]: Unpickler.load_binfloat,
    PROTO[0]: Unpickler.load_proto, NEWOBJ[0]: Unpickler.load_newobj,
    EXT1[0]: Unpickler.load_ext1, EXT2[0]: Unpickler.load_ext2,
    EXT4[0]: Unpickler.load_ext4, TUPLE1[0]: Unpickler.load_tuple1,
    TUPLE2[0]: Unpickler.load_tuple2, TUPLE3[0]: Unpickler.load_tuple3,
    NEWTRUE[0]: Unpickler.load_true, NEWFALSE[0]: Unpickler.load_false,
    LONG1[0]: Unpickler.load_long1, LONG4[0]: Unpickler.load_long4,
    BINBYTES[0]: Unpickler.load_binbytes, SHORT_BINBYTES[0]: Unpickler.load_short_binbytes,
    SHORT_BINUNICODE[0]: Unpickler.load_short_binunicode,
    BINUNICODE8[0]: Unpickler.load_binunicode8, BINBYTES8[0]: Unpickler.load_binbytes8,
    EMPTY_SET[0]: Unpickler.load_empty_set, ADDITEMS[0]: Unpickler.load_additems,
    FROZENSET[0]: Unpickler.load_frozenset, NEWOBJ_EX[0]: Unpickler.load_newobj_ex,
    STACK_GLOBAL[0]: Unpickler.load_stack_global, MEMOIZE[0]: Unpickler.load_memoize,
    FRAME[0]: Unpickler.load_frame, BYTEARRAY8[0]: Unpickler.load_bytearray8,
    NEXT_BUFFER[0]: Unpickler.load_next_buffer,
    READONLY_BUFFER[0]: Unpickler.load_readonly_buffer,
}


class _BytesOutput:
    def __init__(self):
        self.chunks = []

    def write(self, data):
        self.chunks.append(data)
        return len(data)


def dump(obj, file, protocol=None, *, fix_imports=True, buffer_callback=None):
    Pickler(file, protocol, fix_imports=fix_imports,
            buffer_callback=buffer_callback).dump(obj)


def dumps(obj, protocol=None, *, fix_imports=True, buffer_callback=None):
    out = _BytesOutput()
    Pickler(out, protocol, fix_imports=fix_imports,
            buffer_callback=buffer_callback).dump(obj)
    return b"".join(out.chunks)


def load(file, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=None):
    return Unpickler(file, fix_imports=fix_imports, buffers=buffers, encoding=encoding,
                     errors=errors).load()


def loads(data, /, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=None):
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)
    return Unpickler(_BytesInput(bytes(data)), fix_imports=fix_imports, buffers=buffers,
                     encoding=encoding, errors=errors).load()
