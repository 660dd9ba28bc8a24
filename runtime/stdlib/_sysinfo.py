"""sys.version_info and sys.implementation (hpymove fills `sys` with these)."""


class _VersionInfo(tuple):
    def __new__(cls, major, minor, micro, releaselevel, serial):
        return tuple.__new__(cls, (major, minor, micro, releaselevel, serial))

    major = property(lambda self: self[0])
    minor = property(lambda self: self[1])
    micro = property(lambda self: self[2])
    releaselevel = property(lambda self: self[3])
    serial = property(lambda self: self[4])

    def __repr__(self):
        return ("sys.version_info(major=%d, minor=%d, micro=%d, releaselevel=%r, serial=%d)"
                % tuple(self))


version_info = _VersionInfo(3, 11, 7, "final", 0)


class _Implementation:
    name = "hpymove"
    cache_tag = None
    version = version_info

    def __repr__(self):
        return "namespace(name='hpymove', cache_tag=None, version=%r)" % (self.version,)


implementation = _Implementation()
