# sys.version_info, byteorder, maxunicode, hexversion, executable, exc_info().
import sys
print(sys.version_info >= (3, 8), sys.version_info[:2], sys.version_info.major, sys.version_info.minor, sys.byteorder, sys.maxunicode, hex(sys.hexversion))
print(type(sys.executable).__name__, sys.exc_info())
try:
    raise KeyError("k")
except KeyError:
    t, v, tb = sys.exc_info()
    print(t.__name__, repr(v))
print(sys.exc_info())
