"""Warnings: `warn`, the filters, `catch_warnings`, with CPython 3.11's defaults.

hpymove's own version. A warning goes through the filter list (newest first); the action
decides: "error" raises it, "ignore" drops it, "always" shows it, "default" shows it once
per location, "module" once per module, "once" once per message. Shown warnings go to
`showwarning`, which writes "file:line: Category: message" and the source line to stderr.
"""

import sys

filters = []
defaultaction = "default"
onceregistry = {}

# Locations already shown: key -> True; cleared when the filters change (as CPython
# invalidates each module's __warningregistry__ then).
_registry = {}


def _filters_mutated():
    _registry.clear()
    onceregistry.clear()


class WarningMessage:
    _WARNING_DETAILS = ("message", "category", "filename", "lineno", "file", "line", "source")

    def __init__(self, message, category, filename, lineno, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source
        self._category_name = category.__name__ if category else None

    def __str__(self):
        return ("{message : %r, category : %r, filename : %r, lineno : %s, line : %r}"
                % (self.message, self._category_name, self.filename, self.lineno, self.line))


def _source_line(filename, lineno):
    try:
        with open(filename) as f:
            lines = f.read().split("\n")
    except Exception:
        return None
    if 1 <= lineno <= len(lines):
        return lines[lineno - 1]
    return None


def formatwarning(message, category, filename, lineno, line=None):
    s = "%s:%s: %s: %s\n" % (filename, lineno, category.__name__, message)
    if line is None:
        line = _source_line(filename, lineno)
    if line:
        s += "  %s\n" % line.strip()
    return s


def _showwarnmsg_impl(msg):
    file = msg.file
    if file is None:
        file = sys.stderr
        if file is None:
            return
    text = formatwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.line)
    try:
        file.write(text)
    except OSError:
        pass


def showwarning(message, category, filename, lineno, file=None, line=None):
    _showwarnmsg_impl(WarningMessage(message, category, filename, lineno, file, line))


_showwarning_orig = showwarning


def _showwarnmsg(msg):
    sw = globals()["showwarning"]
    if sw is not _showwarning_orig:
        if not callable(sw):
            raise TypeError("warnings.showwarning() must be set to a function or method")
        sw(msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line)
        return
    _showwarnmsg_impl(msg)


_ACTIONS = ("error", "ignore", "always", "default", "module", "once")


def _add_filter(item, append):
    if not append:
        try:
            filters.remove(item)
        except ValueError:
            pass
        filters.insert(0, item)
    elif item not in filters:
        filters.append(item)
    _filters_mutated()


def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    if action not in _ACTIONS:
        raise AssertionError("invalid action: %r" % (action,))
    if not isinstance(message, str):
        raise AssertionError("message must be a string")
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise AssertionError("category must be a Warning subclass")
    if not isinstance(module, str):
        raise AssertionError("module must be a string")
    if not (isinstance(lineno, int) and lineno >= 0):
        raise AssertionError("lineno must be an int >= 0")
    # Patterns are kept as text: hpymove matches them as literal prefixes.
    _add_filter((action, message or None, category, module or None, lineno), append)


def simplefilter(action, category=Warning, lineno=0, append=False):
    if action not in _ACTIONS:
        raise AssertionError("invalid action: %r" % (action,))
    if not (isinstance(lineno, int) and lineno >= 0):
        raise AssertionError("lineno must be an int >= 0")
    _add_filter((action, None, category, None, lineno), append)


def resetwarnings():
    filters[:] = []
    _filters_mutated()


def _matches(pattern, text):
    # CPython compiles the pattern with re.I and uses match() (a prefix match); hpymove
    # has no regex engine here, so a literal, case-insensitive prefix stands in.
    if pattern is None:
        return True
    return text.lower().startswith(pattern.lower())


def _module_matches(pattern, module):
    # CPython anchors the module pattern at the end ("\Z"); literal equality here.
    return pattern is None or pattern == module


def _caller(stacklevel):
    try:
        frame = sys._getframe(stacklevel + 1)
    except (ValueError, AttributeError):
        return None
    return frame


def warn(message, category=None, stacklevel=1, source=None):
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, not '%s'"
                        % (type(category).__name__,))
    frame = _caller(stacklevel)
    if frame is None:
        filename = "sys"
        lineno = 0
        module = "sys"
    else:
        filename = frame.f_code.co_filename
        lineno = frame.f_lineno
        module = frame.f_globals.get("__name__", "<string>")
    warn_explicit(message, category, filename, lineno, module, None, None, source)


def _default_action(category, module):
    # CPython 3.11's default filters (a release build, no -W options).
    if issubclass(category, DeprecationWarning):
        return "default" if module == "__main__" else "ignore"
    for c in (PendingDeprecationWarning, ImportWarning, ResourceWarning):
        if issubclass(category, c):
            return "ignore"
    return defaultaction


def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    lineno = int(lineno)
    if module is None:
        module = filename or "<unknown>"
        if module[-3:].lower() == ".py":
            module = module[:-3]
    if isinstance(message, Warning):
        text = str(message)
        category = message.__class__
    else:
        text = message
        message = category(message)
    key = (text, category, lineno, filename)
    if _registry.get(key):
        return
    action = None
    for item in filters:
        act, msg, cat, mod, ln = item
        if (_matches(msg, text) and issubclass(category, cat)
                and _module_matches(mod, module) and (ln == 0 or lineno == ln)):
            action = act
            break
    if action is None:
        action = _default_action(category, module)
    if action == "ignore":
        return
    if action == "error":
        raise message
    if action == "once":
        okey = (text, category)
        if onceregistry.get(okey):
            return
        onceregistry[okey] = 1
    elif action == "module":
        mkey = (text, category, 0, filename)
        if _registry.get(mkey):
            return
        _registry[mkey] = 1
    elif action == "default":
        _registry[key] = 1
    elif action != "always":
        raise RuntimeError("Unrecognized action (%r) in warnings.filters:\n %s"
                           % (action, item))
    _showwarnmsg(WarningMessage(message, category, filename, lineno, source=source))


class catch_warnings:
    def __init__(self, *, record=False, module=None, action=None, category=Warning,
                 lineno=0, append=False):
        self._record = record
        # This module's state is its globals (it need not be in sys.modules).
        self._ns = globals() if module is None else module.__dict__
        self._module = module
        self._entered = False
        if action is None:
            self._filter = None
        else:
            self._filter = (action, category, lineno, append)

    def __repr__(self):
        args = []
        if self._record:
            args.append("record=True")
        if self._module is not None:
            args.append("module=%r" % self._module)
        return "%s(%s)" % (type(self).__name__, ", ".join(args))

    def __enter__(self):
        if self._entered:
            raise RuntimeError("Cannot enter %r twice" % self)
        self._entered = True
        ns = self._ns
        self._filters = ns["filters"]
        ns["filters"] = self._filters[:]
        _filters_mutated()
        self._showwarning = ns["showwarning"]
        if self._filter is not None:
            simplefilter(*self._filter)
        if self._record:
            log = []

            def record(message, category, filename, lineno, file=None, line=None):
                log.append(WarningMessage(message, category, filename, lineno, file, line))

            ns["showwarning"] = record
            return log
        return None

    def __exit__(self, *exc_info):
        if not self._entered:
            raise RuntimeError("Cannot exit %r without entering first" % self)
        self._ns["filters"] = self._filters
        _filters_mutated()
        self._ns["showwarning"] = self._showwarning
