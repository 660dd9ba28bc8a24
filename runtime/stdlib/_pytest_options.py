"""hpymove's pytest: the command line (pytest's options and those conftests add with
`pytest_addoption`), `config`, and the `-k` / `-m` expression language."""

import os

import _pytest_fixtures as fx
from _pytest_api import UsageError

class Option:
    def __init__(self, names, action, default, dest, help, type_, choices):
        self.names = names
        self.action = action
        self.default = default
        self.dest = dest
        self.help = help
        self.type = type_
        self.choices = choices


class OptionGroup:
    def __init__(self, parser):
        self.parser = parser

    def addoption(self, *names, **kw):
        self.parser.addoption(*names, **kw)

    _addoption = addoption


class Parser:
    """What `pytest_addoption(parser)` hooks get: options are registered with their
    defaults, so that `config.getoption(name)` works."""

    def __init__(self):
        self.options = []
        self.ini = {}

    def addoption(self, *names, action=None, default=None, dest=None, help=None, type=None,
                  choices=None, metavar=None, nargs=None, const=None, required=None):
        if dest is None:
            longs = [n for n in names if n.startswith("--")]
            dest = (longs[0] if longs else names[0]).lstrip("-").replace("-", "_")
        if default is None and action in ("store_true",):
            default = False
        if default is None and action in ("store_false",):
            default = True
        if default is None and action in ("append", "count"):
            default = [] if action == "append" else 0
        self.options.append(Option(names, action or "store", default, dest, help, type,
                                   choices))

    def getgroup(self, name, description="", after=None):
        return OptionGroup(self)

    def addini(self, name, help="", type=None, default=None):
        self.ini[name] = default

    def find(self, arg):
        for o in self.options:
            if arg in o.names:
                return o
        return None


class Namespace:
    pass


class PluginManager:
    def hasplugin(self, name):
        return False

    def getplugin(self, name):
        return None

    def register(self, plugin, name=None):
        return name

    def get_plugin(self, name):
        return None


class Config:
    def __init__(self, args, rootdir, parser):
        self.args = args
        self.rootdir = rootdir
        self.rootpath = rootdir
        self.invocation_dir = os.getcwd()
        self.option = Namespace()
        self.known_args_namespace = self.option
        self.pluginmanager = PluginManager()
        self._parser = parser
        self._ini_lines = {}
        self._inicfg = {}
        self.inifile = None
        self.stash = {}
        self.cache = None

    def getoption(self, name, default=fx._NOTSET, skip=False):
        dest = name
        if name.startswith("-"):
            o = self._parser.find(name)
            dest = o.dest if o is not None else name.lstrip("-").replace("-", "_")
        if hasattr(self.option, dest):
            v = getattr(self.option, dest)
            if v is None and default is not fx._NOTSET:
                return default
            return v
        if default is not fx._NOTSET:
            return default
        raise ValueError("no option named %r" % (name,))

    def getvalue(self, name):
        return self.getoption(name)

    def addinivalue_line(self, name, line):
        self._ini_lines.setdefault(name, []).append(line)

    def getini(self, name):
        """An ini value: the ini file's (lists and line lists split), else the default
        registered by `parser.addini`, plus lines added by `addinivalue_line`."""
        cfg = getattr(self, "_inicfg", {})
        if name in cfg:
            value = cfg[name]
            if name in ("markers", "filterwarnings", "usefixtures"):
                value = _ini_lines(value)
            elif name in ("testpaths", "python_files", "python_classes", "python_functions",
                          "addopts", "norecursedirs"):
                value = _ini_args(value)
        else:
            value = self._parser.ini.get(name, [])
        added = self._ini_lines.get(name)
        if added:
            value = list(value or []) + added
        return value


def _ini_args(value):
    """An ini value of type "args" (addopts) or a list of names (testpaths, python_files):
    a TOML list as it is, text split like a shell line (quotes group)."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return [str(value).lower()]
    words, cur, quote, started = [], "", None, False
    for c in str(value):
        if quote:
            if c == quote:
                quote = None
            else:
                cur += c
        elif c in "\"'":
            quote, started = c, True
        elif c.isspace():
            if cur or started:
                words.append(cur)
            cur, started = "", False
        else:
            cur += c
    if cur or started:
        words.append(cur)
    return words


def _ini_lines(value):
    """An ini value of type "linelist" (markers, filterwarnings): one entry per line."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [ln.strip() for ln in str(value).split("\n") if ln.strip()]


def _ini_bool(value):
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "1", "yes", "on")


# builtin options: (names, dest, default, takes a value)
BUILTIN_OPTIONS = [
    (("-q", "--quiet"), "quiet", 0, False),
    (("-v", "--verbose"), "verbose", 0, False),
    (("-x", "--exitfirst"), "exitfirst", False, False),
    (("-k",), "keyword", "", True),
    (("-m",), "markexpr", "", True),
    (("-s",), "capture_no", False, False),
    (("--capture",), "capture", "fd", True),
    (("--tb",), "tbstyle", "auto", True),
    (("-p",), "plugins", None, True),
    (("-r",), "reportchars", "fE", True),
    (("--maxfail",), "maxfail", 0, True),
    (("--rootdir",), "rootdir", None, True),
    (("-c", "--config-file"), "inifilename", None, True),
    (("--co", "--collect-only", "--collectonly"), "collectonly", False, False),
    (("-l", "--showlocals"), "showlocals", False, False),
    (("-W", "--pythonwarnings"), "pythonwarnings", None, True),
    (("--color",), "color", "auto", True),
    (("--durations",), "durations", None, True),
    (("--basetemp",), "basetemp", None, True),
    (("-o", "--override-ini"), "override_ini", None, True),
    (("--import-mode",), "importmode", "prepend", True),
    (("--strict-markers", "--strict"), "strict_markers", False, False),
    (("--strict-config",), "strict_config", False, False),
    (("--log-cli-level",), "log_cli_level", None, True),
    (("--log-level",), "log_level", None, True),
    (("--disable-warnings", "--disable-pytest-warnings"), "disable_warnings", False, False),
    (("--no-header",), "no_header", False, False),
    (("--no-summary",), "no_summary", False, False),
    (("--runxfail",), "runxfail", False, False),
    (("--continue-on-collection-errors",), "continue_on_collection_errors", False, False),
    (("--doctest-modules",), "doctestmodules", False, False),
    (("--doctest-continue-on-failure",), "doctest_continue_on_failure", False, False),
    (("--full-trace",), "fulltrace", False, False),
    (("-h", "--help"), "help", False, False),
    (("--version", "-V"), "version", False, False),
    (("--fixtures",), "showfixtures", False, False),
    (("--setup-show",), "setupshow", False, False),
    (("--lf", "--last-failed"), "lf", False, False),
    (("--ff", "--failed-first"), "failedfirst", False, False),
    (("--sw", "--stepwise"), "stepwise", False, False),
    (("--cache-clear",), "cacheclear", False, False),
]


def _builtin_option(name):
    for names, dest, default, takes in BUILTIN_OPTIONS:
        if name in names:
            return dest, takes
    return None


def parse_args(args, parser, option):
    """Fills `option` from `args`; returns the positional arguments. Raises UsageError."""
    for names, dest, default, takes in BUILTIN_OPTIONS:
        setattr(option, dest, default)
    option.plugins = []
    option.deselect = []
    option.ignore = []
    for o in parser.options:
        setattr(option, o.dest, o.default)
    positional = []
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a == "--":
            positional.extend(args[i:])
            break
        if not a.startswith("-") or a == "-":
            positional.append(a)
            continue
        value = None
        name = a
        if a.startswith("--") and "=" in a:
            name, value = a.split("=", 1)
        elif not a.startswith("--") and len(a) > 2:
            # -k EXPR written -kEXPR, -rs, -p no:x, -qq, -vv
            short = a[:2]
            if short in ("-q", "-v", "-x", "-s", "-l") and all(c in "qvxsl" for c in a[1:]):
                for c in a[1:]:
                    _set_flag(option, "-" + c)
                continue
            name, value = short, a[2:]
        if name in ("--deselect", "--ignore", "--ignore-glob"):
            if value is None:
                if i >= len(args):
                    raise UsageError("argument %s: expected one argument" % name)
                value = args[i]
                i += 1
            (option.deselect if name == "--deselect" else option.ignore).append(value)
            continue
        b = _builtin_option(name)
        if b is not None:
            dest, takes = b
            if takes:
                if value is None:
                    if i >= len(args):
                        raise UsageError("argument %s: expected one argument" % name)
                    value = args[i]
                    i += 1
                if dest == "plugins":
                    option.plugins.append(value)
                elif dest == "maxfail":
                    try:
                        option.maxfail = int(value)
                    except ValueError:
                        raise UsageError("argument --maxfail: invalid int value: %r" % value)
                elif dest == "tbstyle" and value not in ("auto", "long", "short", "no", "line",
                                                         "native"):
                    raise UsageError("argument --tb: invalid choice: %r (choose from 'auto', "
                                     "'long', 'short', 'no', 'line', 'native')" % value)
                else:
                    setattr(option, dest, value)
            else:
                if value is not None and name.startswith("--"):
                    raise UsageError("argument %s: ignored explicit argument %r" % (name, value))
                _set_flag(option, name)
            continue
        o = parser.find(name)
        if o is None:
            raise UsageError("unrecognized arguments: %s" % a)
        if o.action in ("store_true", "store_false", "store_const", "count"):
            if o.action == "count":
                setattr(option, o.dest, getattr(option, o.dest) + 1)
            else:
                setattr(option, o.dest, o.action == "store_true")
            continue
        if value is None:
            if i >= len(args):
                raise UsageError("argument %s: expected one argument" % name)
            value = args[i]
            i += 1
        if o.type is not None:
            value = o.type(value)
        if o.action == "append":
            setattr(option, o.dest, list(getattr(option, o.dest) or []) + [value])
        else:
            setattr(option, o.dest, value)
    if option.capture_no:
        option.capture = "no"
    return positional


def _set_flag(option, name):
    dest, _ = _builtin_option(name)
    if dest == "quiet":
        option.verbose -= 1
    elif dest == "verbose":
        option.verbose += 1
    else:
        setattr(option, dest, True)


# ---------------------------------------------------------------------------- -k

class KeywordExpr:
    """pytest's -k / -m language: idents joined with and / or / not and parentheses."""

    def __init__(self, text):
        self.tokens = self.scan(text)
        self.pos = 0
        if not self.tokens:
            self.tree = ("true",)
            return
        self.tree = self.expr()
        if self.pos != len(self.tokens):
            raise UsageError("Wrong expression passed to '-k': %s: at column %d: unexpected "
                             "token" % (text, self.pos + 1))

    def scan(self, text):
        tokens = []
        i = 0
        while i < len(text):
            c = text[i]
            if c in " \t":
                i += 1
            elif c in "()":
                tokens.append(c)
                i += 1
            else:
                j = i
                while j < len(text) and text[j] not in " \t()":
                    j += 1
                tokens.append(text[i:j])
                i = j
        return tokens

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def expr(self):
        node = self.and_expr()
        while self.peek() == "or":
            self.pos += 1
            node = ("or", node, self.and_expr())
        return node

    def and_expr(self):
        node = self.not_expr()
        while self.peek() == "and":
            self.pos += 1
            node = ("and", node, self.not_expr())
        return node

    def not_expr(self):
        t = self.peek()
        if t == "not":
            self.pos += 1
            return ("not", self.not_expr())
        if t == "(":
            self.pos += 1
            node = self.expr()
            if self.peek() != ")":
                raise UsageError("Wrong expression passed to '-k': expected right parenthesis")
            self.pos += 1
            return node
        if t is None or t in (")", "and", "or"):
            raise UsageError("Wrong expression passed to '-k': expected not OR left "
                             "parenthesis OR identifier; got %s" % ("end of input" if t is None
                                                                    else t))
        self.pos += 1
        return ("ident", t)

    def evaluate(self, matcher, node=None):
        if node is None:
            node = self.tree
        kind = node[0]
        if kind == "true":
            return True
        if kind == "ident":
            return matcher(node[1])
        if kind == "not":
            return not self.evaluate(matcher, node[1])
        if kind == "and":
            return self.evaluate(matcher, node[1]) and self.evaluate(matcher, node[2])
        return self.evaluate(matcher, node[1]) or self.evaluate(matcher, node[2])


def keyword_matcher(item):
    names = [k.lower() for k in item.keywords]

    def match(sub):
        sub = sub.lower()
        for n in names:
            if sub in n:
                return True
        return False
    return match


def mark_matcher(item):
    names = set(m.name for m in item.own_markers)
    return lambda name: name in names
