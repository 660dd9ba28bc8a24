"""Enumerations (hpymove's own `enum`): Enum, IntEnum, StrEnum, auto, unique, built on
a metaclass as CPython's are. Flag and IntFlag are not provided."""

__all__ = ["EnumType", "EnumMeta", "Enum", "IntEnum", "StrEnum", "auto", "unique"]


class auto:
    """A member value chosen by the class: the last int value plus one (1 first)."""

    def __init__(self):
        self.value = None

    def __repr__(self):
        return "auto()"


def _is_descriptor(v):
    return (callable(v) or isinstance(v, (property, classmethod, staticmethod))
            or hasattr(type(v), "__get__"))


def _is_member_name(name):
    return not (name.startswith("_") and (name.endswith("_") or name.startswith("__")))


class EnumType(type):
    def __new__(metacls, cls, bases, classdict, **kwds):
        members = []
        for key in list(classdict):
            value = classdict[key]
            if _is_member_name(key) and not _is_descriptor(value):
                members.append((key, value))
                del classdict[key]
        enum_class = super().__new__(metacls, cls, bases, classdict, **kwds)
        enum_class._member_names_ = []
        enum_class._member_map_ = {}
        enum_class._value2member_map_ = {}
        mixin = _mixin_of(bases)
        last = 0
        for name, value in members:
            if isinstance(value, auto):
                value = enum_class._generate_next_value_(
                    name, 1, len(enum_class._member_names_), [last])
            if isinstance(value, int) and not isinstance(value, bool):
                last = value
            args = value if isinstance(value, tuple) else (value,)
            if mixin is object:
                member = object.__new__(enum_class)
            else:
                member = mixin.__new__(enum_class, *args)
            member._name_ = name
            member._value_ = value
            if any("__init__" in c.__dict__ for c in enum_class.__mro__
                   if isinstance(c, EnumType)):
                member.__init__(*args)
            existing = enum_class._value2member_map_.get(value)
            if existing is not None:
                member = existing
            else:
                enum_class._member_names_.append(name)
                try:
                    enum_class._value2member_map_[value] = member
                except TypeError:
                    pass
            type.__setattr__(enum_class, name, member)
            enum_class._member_map_[name] = member
        return enum_class

    def __call__(cls, value, *args, **kwargs):
        if not cls._member_map_ or args or kwargs:
            return super().__call__(value, *args, **kwargs)
        if isinstance(value, cls):
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            for member in cls._member_map_.values():
                if member._value_ == value:
                    return member
        raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError(
                "unsupported operand type(s) for 'in': '%s' and '%s'"
                % (type(member).__qualname__, type(cls).__qualname__)
            )
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __bool__(cls):
        return True

    @property
    def __members__(cls):
        return dict(cls._member_map_)

    def __repr__(cls):
        return "<enum %r>" % cls.__name__

    def __setattr__(cls, name, value):
        if name in cls.__dict__.get("_member_map_", {}):
            raise AttributeError("cannot reassign member %r" % name)
        super().__setattr__(name, value)


EnumMeta = EnumType


def _mixin_of(bases):
    for base in bases:
        for c in base.__mro__:
            if c is object or isinstance(c, EnumType):
                continue
            return c
    return object


class Enum(metaclass=EnumType):
    """An enumeration: its members are its instances, by name and by value."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return last_values[-1] + 1 if count else start

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return "<%s.%s: %r>" % (type(self).__name__, self._name_, self._value_)

    def __str__(self):
        return "%s.%s" % (type(self).__name__, self._name_)

    def __format__(self, spec):
        return format(str(self), spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce__(self):
        return type(self), (self._value_,)


class IntEnum(int, Enum):
    """An Enum whose members are also ints."""

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, spec):
        return format(int(self), spec)


class StrEnum(str, Enum):
    """An Enum whose members are also strs."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()

    def __str__(self):
        return str.__str__(self)

    def __format__(self, spec):
        return format(str.__str__(self), spec)


def unique(enumeration):
    duplicates = [(name, member.name) for name, member in enumeration.__members__.items()
                  if name != member.name]
    if duplicates:
        details = ", ".join("%s -> %s" % (alias, name) for alias, name in duplicates)
        raise ValueError("duplicate values found in %r: %s" % (enumeration, details))
    return enumeration
