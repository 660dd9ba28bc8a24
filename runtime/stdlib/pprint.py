"""pprint: reprs of containers laid out on several lines when they do not fit the width,
as CPython's pprint does (dicts with sorted keys; lists, tuples, sets and dicts one
item per line; long strings cut at whitespace); other objects by their repr."""

import re as _re

__all__ = ["pprint", "pformat", "isreadable", "isrecursive", "saferepr", "PrettyPrinter",
           "pp"]


def pprint(object, stream=None, indent=1, width=80, depth=None, *, compact=False,
           sort_dicts=True, underscore_numbers=False):
    PrettyPrinter(stream=stream, indent=indent, width=width, depth=depth, compact=compact,
                  sort_dicts=sort_dicts).pprint(object)


def pp(object, *args, sort_dicts=False, **kwargs):
    pprint(object, *args, sort_dicts=sort_dicts, **kwargs)


def pformat(object, indent=1, width=80, depth=None, *, compact=False, sort_dicts=True,
            underscore_numbers=False):
    return PrettyPrinter(indent=indent, width=width, depth=depth, compact=compact,
                         sort_dicts=sort_dicts).pformat(object)


def saferepr(object):
    return PrettyPrinter()._repr(object, {}, 0)


def isreadable(object):
    return PrettyPrinter().isreadable(object)


def isrecursive(object):
    return PrettyPrinter().isrecursive(object)


class _SortKey:
    """Orders values of types that do not compare with each other (by type name, then
    identity), as a fallback when `<` fails."""

    def __init__(self, obj):
        self.obj = obj

    def __lt__(self, other):
        try:
            return self.obj < other.obj
        except TypeError:
            return ((str(type(self.obj)), id(self.obj))
                    < (str(type(other.obj)), id(other.obj)))


def _pair_key(pair):
    return (_SortKey(pair[0]), _SortKey(pair[1]))


class _Out:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def text(self):
        return "".join(self.parts)


class PrettyPrinter:
    def __init__(self, indent=1, width=80, depth=None, stream=None, *, compact=False,
                 sort_dicts=True, underscore_numbers=False):
        if indent < 0:
            raise ValueError("indent must be >= 0")
        if depth is not None and depth <= 0:
            raise ValueError("depth must be > 0")
        if not width:
            raise ValueError("width must be != 0")
        self._indent = indent
        self._width = width
        self._depth = depth
        self._stream = stream
        self._compact = compact
        self._sort_dicts = sort_dicts

    def pprint(self, object):
        import sys
        out = self._stream if self._stream is not None else sys.stdout
        out.write(self.pformat(object))
        out.write("\n")

    def pformat(self, object):
        out = _Out()
        self._format(object, out, 0, 0, {}, 0)
        return out.text()

    def isrecursive(self, object):
        return self._flags(object, {}, 0)[1]

    def isreadable(self, object):
        readable, recursive = self._flags(object, {}, 0)
        return readable and not recursive

    def _flags(self, object, seen, level):
        if isinstance(object, (dict, list, tuple, set, frozenset)):
            if id(object) in seen:
                return False, True
            seen[id(object)] = True
            items = object.items() if isinstance(object, dict) else [(x, x) for x in object]
            readable, recursive = True, False
            for k, v in items:
                for x in (k, v) if isinstance(object, dict) else (v,):
                    r, c = self._flags(x, seen, level + 1)
                    readable = readable and r
                    recursive = recursive or c
            del seen[id(object)]
            return readable, recursive
        text = repr(object)
        return not text.startswith("<"), False

    # ---------------------------------------------------------------- layout

    def _format(self, object, out, indent, allowance, context, level):
        rep = self._repr(object, context, level)
        room = self._width - indent - allowance
        if len(rep) > room:
            layout = self._layout_of(object)
            if layout is not None:
                context[id(object)] = 1
                layout(object, out, indent, allowance, context, level + 1)
                del context[id(object)]
                return
        out.write(rep)

    def _layout_of(self, object):
        # Only the builtin types' own reprs (a subclass with its own repr keeps it).
        kind = type(object)
        for base, layout in ((dict, self._layout_dict), (list, self._layout_list),
                             (tuple, self._layout_tuple), (set, self._layout_set),
                             (frozenset, self._layout_set), (str, self._layout_str)):
            if issubclass(kind, base) and kind.__repr__ is base.__repr__:
                return layout
        return None

    def _layout_dict(self, object, out, indent, allowance, context, level):
        out.write("{")
        if self._indent > 1:
            out.write((self._indent - 1) * " ")
        if len(object):
            items = list(object.items())
            if self._sort_dicts:
                items = sorted(items, key=_pair_key)
            self._dict_items(items, out, indent, allowance + 1, context, level)
        out.write("}")

    def _dict_items(self, items, out, indent, allowance, context, level):
        indent += self._indent
        sep = ",\n" + " " * indent
        last_i = len(items) - 1
        for i, (key, value) in enumerate(items):
            last = i == last_i
            rep = self._repr(key, context, level)
            out.write(rep)
            out.write(": ")
            self._format(value, out, indent + len(rep) + 2, allowance if last else 1,
                         context, level)
            if not last:
                out.write(sep)

    def _layout_list(self, object, out, indent, allowance, context, level):
        out.write("[")
        self._items(object, out, indent, allowance + 1, context, level)
        out.write("]")

    def _layout_tuple(self, object, out, indent, allowance, context, level):
        out.write("(")
        end = ",)" if len(object) == 1 else ")"
        self._items(object, out, indent, allowance + len(end), context, level)
        out.write(end)

    def _layout_set(self, object, out, indent, allowance, context, level):
        if not len(object):
            out.write(repr(object))
            return
        if type(object) is set:
            out.write("{")
            end = "}"
        else:
            out.write(type(object).__name__ + "({")
            end = "})"
            indent += len(type(object).__name__) + 1
        items = sorted(object, key=_SortKey)
        self._items(items, out, indent, allowance + len(end), context, level)
        out.write(end)

    def _layout_str(self, object, out, indent, allowance, context, level):
        if not len(object):
            out.write(repr(object))
            return
        chunks = []
        lines = object.splitlines(True)
        if level == 1:
            indent += 1
            allowance += 1
        room = self._width - indent
        for i, line in enumerate(lines):
            rep = repr(line)
            line_room = room - allowance if i == len(lines) - 1 else room
            if len(rep) <= line_room:
                chunks.append(rep)
                continue
            # Cut the line after runs of whitespace, as long as the pieces fit.
            words = _re.findall(r"\S*\s*", line)
            words.pop()
            current = ""
            for j, word in enumerate(words):
                candidate = current + word
                word_room = room
                if j == len(words) - 1 and i == len(lines) - 1:
                    word_room -= allowance
                if len(repr(candidate)) > word_room:
                    if current:
                        chunks.append(repr(current))
                    current = word
                else:
                    current = candidate
            if current:
                chunks.append(repr(current))
        if len(chunks) == 1:
            out.write(repr(object))
            return
        if level == 1:
            out.write("(")
        for i, rep in enumerate(chunks):
            if i > 0:
                out.write("\n" + " " * indent)
            out.write(rep)
        if level == 1:
            out.write(")")

    def _items(self, items, out, indent, allowance, context, level):
        indent += self._indent
        if self._indent > 1:
            out.write((self._indent - 1) * " ")
        sep_nl = ",\n" + " " * indent
        sep = ""
        width = room = self._width - indent + 1
        items = list(items)
        for i, item in enumerate(items):
            last = i == len(items) - 1
            if last:
                room -= allowance
                width -= allowance
            if self._compact:
                rep = self._repr(item, context, level)
                w = len(rep) + 2
                if width < w:
                    width = room
                    if sep:
                        sep = sep_nl
                if width >= w:
                    width -= w
                    out.write(sep)
                    sep = ", "
                    out.write(rep)
                    continue
            out.write(sep)
            sep = sep_nl
            self._format(item, out, indent, allowance if last else 1, context, level)

    # ---------------------------------------------------------------- one-line reprs

    def _repr(self, object, context, level):
        """The one-line repr, with dict keys sorted and recursion shown."""
        kind = type(object)
        if kind is dict or (issubclass(kind, dict) and kind.__repr__ is dict.__repr__):
            if not object:
                return "{}"
            if id(object) in context:
                return "<Recursion on %s with id=%s>" % (kind.__name__, id(object))
            if self._depth and level >= self._depth:
                return "{...}"
            context[id(object)] = 1
            items = list(object.items())
            if self._sort_dicts:
                items = sorted(items, key=_pair_key)
            parts = ["%s: %s" % (self._repr(k, context, level + 1),
                                 self._repr(v, context, level + 1)) for k, v in items]
            del context[id(object)]
            return "{%s}" % ", ".join(parts)
        if (issubclass(kind, list) and kind.__repr__ is list.__repr__) or (
                issubclass(kind, tuple) and kind.__repr__ is tuple.__repr__):
            is_list = issubclass(kind, list)
            if not object:
                return "[]" if is_list else "()"
            if id(object) in context:
                return "<Recursion on %s with id=%s>" % (kind.__name__, id(object))
            if self._depth and level >= self._depth:
                return "[...]" if is_list else "(...)"
            context[id(object)] = 1
            parts = [self._repr(x, context, level + 1) for x in object]
            del context[id(object)]
            if is_list:
                return "[%s]" % ", ".join(parts)
            if len(parts) == 1:
                return "(%s,)" % parts[0]
            return "(%s)" % ", ".join(parts)
        return repr(object)
