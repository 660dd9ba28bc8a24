"""hpymove's pytest: the command line, the session (collect, select, run each test with
its fixtures and captured output) and pytest's terminal report and exit codes."""

import sys
import os
import time

from _pytest_api import (Skipped, Failed, XFailed, Exit, UsageError, Mark, OutcomeException)
import _pytest_fixtures as fx
import _pytest_collect as col

EXIT_OK = 0
EXIT_TESTSFAILED = 1
EXIT_INTERRUPTED = 2
EXIT_INTERNALERROR = 3
EXIT_USAGEERROR = 4
EXIT_NOTESTSCOLLECTED = 5

WIDTH = 80


# ---------------------------------------------------------------------------- options

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
        return self._ini_lines.get(name, self._parser.ini.get(name, []))


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
    (("--strict-markers",), "strict_markers", False, False),
    (("--disable-warnings", "--disable-pytest-warnings"), "disable_warnings", False, False),
    (("--no-header",), "no_header", False, False),
    (("--no-summary",), "no_summary", False, False),
    (("--runxfail",), "runxfail", False, False),
    (("--continue-on-collection-errors",), "continue_on_collection_errors", False, False),
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


# ---------------------------------------------------------------------------- reports

CURRENT_SESSION = [None]


class TestReport:
    def __init__(self, item, when, outcome, longrepr="", message="", sections=None,
                 wasxfail=None, skip_location=None):
        self.item = item
        self.nodeid = item.nodeid if item is not None else ""
        self.when = when
        self.outcome = outcome  # passed / failed / skipped
        self.longrepr = longrepr
        self.message = message
        self.sections = sections or []
        self.wasxfail = wasxfail
        self.skip_location = skip_location
        self.session = CURRENT_SESSION[0]


def format_failure(e, style, rootdir):
    """The failure text of exception `e` in pytest's long or short style (from hpymove's
    traceback report: the runner's own frames left out)."""
    text = sys._format_exception(e)
    lines = text.rstrip("\n").split("\n")
    entries = []  # (file, line, func, source)
    tail = []
    i = 0
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if s.startswith('File "') and ", line " in s:
            fname = s[6:s.index('"', 6)]
            rest = s[s.index('"', 6) + 1:]
            lineno = rest.split(", line ")[1].split(",")[0]
            func = rest.split(", in ")[1] if ", in " in rest else "?"
            src = ""
            if i + 1 < len(lines) and lines[i + 1].startswith("    ") and not lines[
                    i + 1].strip().startswith('File "'):
                src = lines[i + 1].strip()
                i += 1
            entries.append((fname, lineno, func, src))
        elif line.startswith("Traceback (most recent call last)") or line.startswith("  "):
            pass
        elif line == "" or line.startswith("During handling") or line.startswith(
                "The above exception"):
            entries = []
            tail = []
        else:
            tail.append(line)
        i += 1
    entries = [en for en in entries if not _runner_file(en[0])]
    out = []
    if isinstance(e, OutcomeException):
        # pytest.fail()/skip(): the message only (and where it was raised)
        msg = e.msg or ""
        if not getattr(e, "pytrace", True):
            return msg
        block = None
        prefix = "E   "
        if entries:
            en = entries[-1]
            block = _function_source(en[0], en[1]) if style != "short" else None
            if block is not None:
                out.append("")
                out.extend(block)
                indent = len(block[-1]) - len(block[-1][1:].lstrip()) - 1
                prefix = "E" + " " * (3 + max(indent - 3, 0))
            else:
                out.append("%s:%s: in %s" % (_short_path(en[0], rootdir), en[1], en[2]))
                if en[3]:
                    out.append("    " + en[3])
        for k, m in enumerate(msg.split("\n")):
            out.append(prefix + ("Failed: " if k == 0 else "") + m)
        if block is not None:
            en = entries[-1]
            out.append("")
            out.append("%s:%s: %s" % (_short_path(en[0], rootdir), en[1], type(e).__name__))
        return "\n".join(out)
    for k, (fname, lineno, func, src) in enumerate(entries):
        last = k == len(entries) - 1
        if style == "long" or (style == "auto" and (k == 0 or last)):
            out.append("")
            block = _function_source(fname, lineno)
            if block is not None:
                out.extend(block)
                indent = len(block[-1]) - len(block[-1][1:].lstrip()) - 1
            elif src:
                out.append(">   " + src)
                indent = 0
            if last:
                explained = _explained_assert(e)
                for j, t in enumerate(tail):
                    if j == 0 and explained and t.startswith("AssertionError: "):
                        t = t[len("AssertionError: "):]
                    out.append("E" + " " * (3 + max(indent - 3, 0)) + t)
                tail = []
            if not last:
                out.append("")
                out.append("%s:%s: " % (_short_path(fname, rootdir), lineno))
                out.append("_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ "
                           "_ _ _ _ _ _ _")
        else:
            out.append("%s:%s: in %s" % (_short_path(fname, rootdir), lineno, func))
            if src:
                out.append("    " + src)
    if _explained_assert(e) and tail and tail[0].startswith("AssertionError: "):
        tail[0] = tail[0][len("AssertionError: "):]
    if style in ("long", "auto"):
        for t in tail:
            out.append("E   " + t)
        if entries:
            en = entries[-1]
            out.append("")
            out.append("%s:%s: %s" % (_short_path(en[0], rootdir), en[1], type(e).__name__))
    else:
        for t in tail:
            out.append("E   " + t)
    if style == "short":
        while out and out[0] == "":
            out.pop(0)
    return "\n".join(out)


_SOURCES = {}


def _function_source(fname, lineno):
    """The lines of the function around line `lineno` of `fname`, from its `def` to that
    line, as pytest's long tracebacks show them (`>` at the failing line); None when the
    source cannot be read."""
    if fname.startswith("<"):
        return None
    lines = _SOURCES.get(fname)
    if lines is None:
        try:
            with open(fname) as f:
                lines = f.read().split("\n")
        except (OSError, UnicodeDecodeError):
            lines = []
        _SOURCES[fname] = lines
    try:
        n = int(lineno)
    except ValueError:
        return None
    if not (0 < n <= len(lines)):
        return None
    target = lines[n - 1]
    tindent = len(target) - len(target.lstrip())
    start = n - 1
    while start > 0:
        text = lines[start]
        stripped = text.lstrip()
        ind = len(text) - len(stripped)
        if stripped.startswith(("def ", "async def ")) and (ind < tindent or start == n - 1):
            break
        if stripped and ind == 0 and start != n - 1 and not stripped.startswith(("#", ")")):
            start = -1  # module level code: only the failing line
            break
        start -= 1
    if start < 0 or not lines[start].lstrip().startswith(("def ", "async def ")):
        start = n - 1
    base = len(lines[start]) - len(lines[start].lstrip())
    block = []
    for i in range(start, n):
        text = lines[i][base:] if lines[i][:base].strip() == "" else lines[i].lstrip()
        block.append((">   " if i == n - 1 else "    ") + text)
    return block


def _from_mark(e):
    return getattr(e, "from_mark", False)


def raise_location(e, rootdir):
    """`file:line` of the test code that raised `e` (pytest.skip() and the like)."""
    text = sys._format_exception(e)
    last = None
    for line in text.split("\n"):
        s = line.strip()
        if s.startswith('File "') and ", line " in s:
            fname = s[6:s.index('"', 6)]
            if _runner_file(fname):
                continue
            lineno = s[s.index('"', 6) + 1:].split(", line ")[1].split(",")[0]
            last = "%s:%s" % (_short_path(fname, rootdir), lineno)
    return last


def _runner_file(fname):
    base = os.path.basename(fname)
    return base.startswith("_pytest_") or (base == "pytest.py" and "stdlib" in fname)


def _short_path(fname, rootdir):
    if not fname.startswith("/") and not fname.startswith("<"):
        fname = os.path.abspath(fname)
    if fname.startswith("/"):
        r = col.relpath(fname, os.getcwd())
        if not r.startswith(".."):
            return r
    return fname


def _explained_assert(e):
    """An AssertionError of an explained `assert` (pytest shows it without its class name
    when its repr starts with `AssertionError('assert `)."""
    return type(e) is AssertionError and repr(e).startswith("AssertionError('assert ")


def exc_message(e):
    """The one-line `Type: message` of a failure for the short summary."""
    if isinstance(e, OutcomeException):
        text = e.msg or ""
        return "Failed: " + text if type(e).__name__ in ("Failed",) else text
    if _explained_assert(e):
        return str(e)
    name = type(e).__name__
    mod = getattr(type(e), "__module__", "builtins")
    if mod not in ("builtins", "__main__", None) and not mod.startswith("_pytest"):
        name = mod + "." + name
    msg = str(e)
    return "%s: %s" % (name, msg) if msg else name


# ---------------------------------------------------------------------------- output

class Terminal:
    def __init__(self, stream):
        self.stream = stream
        self.col = 0

    def write(self, text):
        self.stream.write(text)
        if "\n" in text:
            self.col = len(text) - text.rindex("\n") - 1
        else:
            self.col += len(text)
        flush = getattr(self.stream, "flush", None)
        if flush is not None:
            flush()

    def line(self, text=""):
        self.write(text + "\n")

    def sep(self, ch, title=None):
        if title is None:
            self.line(ch * WIDTH)
            return
        n = (WIDTH - len(title) - 2) // (2 * len(ch))
        if n < 1:
            n = 1
        fill = ch * n
        line = "%s %s %s" % (fill, title, fill)
        if len(line) + len(ch.rstrip()) <= WIDTH:
            line += ch.rstrip()
        self.line(line)


def plural(n, word):
    if word == "error" and n != 1:
        return "%d errors" % n
    if word == "warning" and n != 1:
        return "%d warnings" % n
    return "%d %s" % (n, word)


# ---------------------------------------------------------------------------- session

class Session:
    def __init__(self, config, rootdir):
        self.config = config
        self.rootdir = rootdir
        self.python_files = ["test_*.py", "*_test.py"]
        self.python_classes = ["Test"]
        self.python_functions = ["test"]
        self.conftests = []
        self.items = []
        self.testsfailed = 0
        self.testscollected = 0
        self.shouldstop = False
        self.shouldfail = False

    def register_conftest(self, mod):
        self.conftests.append(mod)
        hook = getattr(mod, "pytest_addoption", None)
        if hook is not None and self.config is not None and getattr(
                self.config, "_collecting_options", False):
            hook(self.config._parser)


def _find_rootdir(paths):
    dirs = []
    for p in paths:
        p = os.path.abspath(p)
        dirs.append(p if os.path.isdir(p) else os.path.dirname(p))
    if not dirs:
        dirs = [os.getcwd()]
    ancestor = dirs[0]
    for d in dirs[1:]:
        while not (d + "/").startswith(ancestor.rstrip("/") + "/"):
            ancestor = os.path.dirname(ancestor)
    d = ancestor
    while True:
        for ini in ("pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg"):
            f = os.path.join(d, ini)
            if os.path.isfile(f) and _ini_has_section(f, ini):
                return d, f
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent
    d = ancestor
    while True:
        if os.path.isfile(os.path.join(d, "setup.py")):
            return d, None
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent
    if ancestor == "/":
        return os.getcwd(), None
    return ancestor, None


def _ini_has_section(path, kind):
    if kind in ("pytest.ini", ".pytest.ini"):
        return True
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return False
    if kind == "pyproject.toml":
        return "[tool.pytest.ini_options]" in text
    if kind == "tox.ini":
        return "[pytest]" in text
    return "[tool:pytest]" in text


def _read_ini(path):
    """The key = value lines of the pytest section of an ini file (testpaths, python_files,
    addopts...), values as text."""
    out = {}
    if path is None:
        return out
    with open(path) as f:
        lines = f.read().split("\n")
    section = None
    key = None
    for line in lines:
        s = line.strip()
        if not s or s.startswith("#") or s.startswith(";"):
            continue
        if s.startswith("["):
            section = s
            key = None
            continue
        if section not in ("[pytest]", "[tool:pytest]", "[tool.pytest.ini_options]"):
            continue
        if line[0] in " \t" and key is not None:
            out[key] = out[key] + " " + s
            continue
        if "=" in s:
            key, value = s.split("=", 1)
            key = key.strip()
            value = value.strip()
            if value.startswith("[") and value.endswith("]"):
                value = " ".join(v.strip().strip("\"'") for v in value[1:-1].split(","))
            out[key] = value.strip("\"'") if not value.startswith("[") else value
    return out


class Runner:
    def __init__(self, session, terminal, real_out):
        self.session = session
        self.config = session.config
        self.tw = terminal
        self.real_out = real_out
        self.manager = fx.FixtureManager()
        self.stats = {}
        self.reports = []
        self.current_module = None
        self.current_class = None
        self.capture = self.config.option.capture != "no"
        self.verbose = self.config.option.verbose
        self.tb = self.config.option.tbstyle

    def add_stat(self, key, report):
        self.stats.setdefault(key, []).append(report)

    # ---------------------------------------------------------------- one test

    def run_phase(self, item, when, fn, sections):
        """Runs `fn` with output captured; (exception or None, captured out, err)."""
        out = fx.TextSink("<stdout>")
        err = fx.TextSink("<stderr>")
        saved = (sys.stdout, sys.stderr)
        if self.capture:
            sys.stdout, sys.stderr = out, err
        exc = None
        try:
            if fx.ACTIVE_CAPTURES:
                cap = fx.ACTIVE_CAPTURES[-1]
                sys.stdout, sys.stderr = cap.out, cap.err
            fn()
        except BaseException as e:  # noqa: every outcome is reported
            exc = e
        finally:
            sys.stdout, sys.stderr = saved
        o, e_ = out.take(), err.take()
        if o:
            sections.append(("Captured stdout " + when, o))
        if e_:
            sections.append(("Captured stderr " + when, e_))
        if isinstance(exc, KeyboardInterrupt):
            raise exc
        if isinstance(exc, Exit):
            raise exc
        return exc

    def switch_scopes(self, item, errors):
        mod = item.module
        klass = (item.module, item.cls)
        if self.current_class is not None and self.current_class != klass:
            self.manager.finish_scope("class", errors)
        if self.current_module is not None and self.current_module is not mod:
            self.manager.finish_scope("module", errors)
        self.current_module = mod
        self.current_class = klass

    def evaluate_skip(self, item):
        for m in item.iter_markers():
            if m.name == "skip":
                reason = m.kwargs.get("reason", m.args[0] if m.args else "unconditional skip")
                return reason
            if m.name == "skipif":
                conds = m.args
                reason = m.kwargs.get("reason", "")
                if "condition" in m.kwargs:
                    conds = (m.kwargs["condition"],)
                for c in conds:
                    if isinstance(c, str):
                        raise UsageError("skipif: string conditions are not supported by "
                                         "hpymove's pytest (no eval): %r" % (c,))
                    if c:
                        return reason or "condition: %r" % (c,)
        return None

    def evaluate_xfail(self, item):
        if self.config.option.runxfail:
            return None
        for m in item.iter_markers("xfail"):
            conds = m.args
            if "condition" in m.kwargs:
                conds = (m.kwargs["condition"],)
            if conds and not any(c for c in conds if not isinstance(c, str)):
                continue
            return m
        return None

    def run_item(self, item, nextitem):
        sections = []
        reports = []
        item.instance = item.cls() if item.cls is not None else None
        item.funcargs = {}
        scope_errors = []
        self.switch_scopes(item, scope_errors)
        xmark = None

        def setup():
            reason = self.evaluate_skip(item)
            if reason is not None:
                e = Skipped(reason)
                e.from_mark = True
                raise e
            for name in item.fixturenames:
                item.funcargs[name] = self.manager.value(item, name, 0)
            for h in self.session.hooks("pytest_runtest_setup"):
                h(item)

        exc = None
        if scope_errors:
            exc = scope_errors[0]
        else:
            exc = self.run_phase(item, "setup", setup, sections)
        skip_location = "%s:%d" % (item.location[0], item.lineno)
        if exc is None:
            reports.append(TestReport(item, "setup", "passed"))
            xmark = self.evaluate_xfail(item)

            def call():
                kwargs = {}
                for n in item.argnames:
                    kwargs[n] = item.funcargs.get(n)
                if item.cls is not None:
                    item.function(item.instance, **kwargs)
                else:
                    item.function(**kwargs)

            if xmark is not None and xmark.kwargs.get("run", True) is False:
                reason = xmark.kwargs.get("reason", "")
                reports.append(TestReport(item, "call", "skipped", message="[NOTRUN] " + reason,
                                          wasxfail=reason))
                e2 = None
            else:
                e2 = self.run_phase(item, "call", call, sections)
                reports.append(self.call_report(item, e2, xmark, sections))
        else:
            reports.append(self.setup_report(item, exc, sections, skip_location))
        # teardown: function-scope fixtures, then wider scopes the next test does not share
        def teardown():
            errors = []
            self.manager.finish_scope("function", errors)
            nxt = nextitem
            if nxt is None:
                self.manager.finish_scope("class", errors)
                self.manager.finish_scope("module", errors)
                self.manager.finish_scope("session", errors)
                self.current_module = None
                self.current_class = None
            else:
                if (nxt.module, nxt.cls) != self.current_class:
                    self.manager.finish_scope("class", errors)
                    self.current_class = None
                if nxt.module is not self.current_module:
                    self.manager.finish_scope("module", errors)
                    self.current_module = None
            if errors:
                raise errors[0]

        e3 = self.run_phase(item, "teardown", teardown, sections)
        if e3 is not None:
            reports.append(TestReport(item, "teardown", "failed",
                                      format_failure(e3, self.tb, self.session.rootdir),
                                      exc_message(e3), list(sections)))
        else:
            reports.append(TestReport(item, "teardown", "passed"))
        for r in reports:
            r.sections = list(sections)
        return reports

    def setup_report(self, item, exc, sections, location):
        if isinstance(exc, Skipped):
            if not _from_mark(exc):
                location = raise_location(exc, self.session.rootdir) or location
            return TestReport(item, "setup", "skipped", message=exc.msg or "",
                              skip_location=location)
        if isinstance(exc, fx.FixtureLookupError):
            text = "file %s, line %d\n  %s" % (item.path, item.lineno, exc.args[0])
            return TestReport(item, "setup", "failed", text, "")
        return TestReport(item, "setup", "failed",
                          format_failure(exc, self.tb, self.session.rootdir), exc_message(exc))

    def call_report(self, item, exc, xmark, sections):
        loc = "%s:%d" % (item.location[0], item.lineno)
        if isinstance(exc, XFailed):
            return TestReport(item, "call", "skipped", message="reason: " + (exc.msg or ""),
                              wasxfail="reason: " + (exc.msg or ""))
        if xmark is not None:
            reason = xmark.kwargs.get("reason", "")
            raises = xmark.kwargs.get("raises")
            strict = xmark.kwargs.get("strict", False)
            if exc is None:
                if strict:
                    return TestReport(item, "call", "failed", "[XPASS(strict)] " + reason, "")
                return TestReport(item, "call", "passed", wasxfail=reason)
            if isinstance(exc, Skipped):
                return TestReport(item, "call", "skipped", message=exc.msg or "",
                                  skip_location=raise_location(exc, self.session.rootdir) or loc)
            if raises is not None and not isinstance(exc, raises):
                return TestReport(item, "call", "failed",
                                  format_failure(exc, self.tb, self.session.rootdir),
                                  exc_message(exc))
            return TestReport(item, "call", "skipped", message=reason, wasxfail=reason)
        if exc is None:
            return TestReport(item, "call", "passed")
        if isinstance(exc, Skipped):
            return TestReport(item, "call", "skipped", message=exc.msg or "",
                              skip_location=raise_location(exc, self.session.rootdir) or loc)
        return TestReport(item, "call", "failed",
                          format_failure(exc, self.tb, self.session.rootdir), exc_message(exc))

    # ---------------------------------------------------------------- progress

    def letter_and_word(self, rep):
        if rep.outcome == "passed":
            if rep.wasxfail is not None and rep.when == "call":
                return "xpassed", "X", "XPASS"
            return "passed", ".", "PASSED"
        if rep.outcome == "skipped":
            if rep.wasxfail is not None:
                return "xfailed", "x", "XFAIL"
            return "skipped", "s", "SKIPPED"
        if rep.when == "call":
            return "failed", "F", "FAILED"
        return "error", "E", "ERROR"


def _progress(done, total):
    if total == 0:
        return "[100%]"
    return "[%3d%%]" % (done * 100 // total)


def run_session(args):
    t0 = time.perf_counter()
    real_out = sys.stdout
    tw = Terminal(real_out)
    parser = Parser()
    option = Namespace()
    # The arguments that name existing paths tell where the conftests are, whose
    # pytest_addoption hooks must run before the options are parsed.
    guess = [a for a in args if not a.startswith("-")]
    guess_paths = [a.split("::")[0] for a in guess if os.path.exists(a.split("::")[0])]
    rootdir, inifile = _find_rootdir(guess_paths or [os.getcwd()])
    ini = _read_ini(inifile)
    if "addopts" in ini:
        args = ini["addopts"].split() + list(args)
    config = Config(args, rootdir, parser)
    config.inifile = inifile
    config._collecting_options = True
    session = Session(config, rootdir)
    CURRENT_SESSION[0] = session
    config.session = session
    for key, attr in (("python_files", "python_files"), ("python_classes", "python_classes"),
                      ("python_functions", "python_functions")):
        if key in ini:
            setattr(session, attr, ini[key].split())
    collector = col.Collector(session)
    # conftests of the arguments' directories (their pytest_addoption hooks)
    for p in guess_paths or [os.getcwd()]:
        d = os.path.abspath(p)
        if not os.path.isdir(d):
            d = os.path.dirname(d)
        try:
            collector.conftests_for(d)
        except col.ConftestImportFailure as e:
            sys.stderr.write("ImportError while loading conftest '%s'.\n%s\n" % (
                e.path, format_failure(e.cause, "short", rootdir)))
            return EXIT_USAGEERROR
    config._collecting_options = False
    try:
        positional = parse_args(args, parser, option)
    except UsageError as e:
        sys.stderr.write("ERROR: usage: pytest [options] [file_or_dir] [file_or_dir] [...]\n"
                         "pytest: error: %s\n" % (e.args[0],))
        return EXIT_USAGEERROR
    config.option = option
    config.known_args_namespace = option
    if option.help:
        tw.line("usage: hpymove -m pytest [options] [file_or_dir] [file_or_dir] [...]")
        tw.line("hpymove's pytest-compatible runner: see docs/ \"Running a pytest suite\".")
        return EXIT_OK
    if option.version:
        tw.line("pytest 8.3.5 (hpymove)")
        return EXIT_OK
    verbose = option.verbose
    for h in session.hooks("pytest_configure"):
        h(config)
    if not positional:
        tp = ini.get("testpaths")
        positional = tp.split() if tp else ["."]
        if tp:
            positional = [os.path.join(rootdir, p) for p in positional]
    if verbose >= 0:
        tw.sep("=", "test session starts")
        tw.line("platform %s -- Python 3.11.7, pytest-8.3.5 (hpymove)" % sys.platform)
        tw.line("rootdir: %s" % rootdir)
        if inifile is not None:
            tw.line("configfile: %s" % os.path.basename(inifile))
    # ---------------------------------------------------------------- collect
    items = []
    errors = []  # CollectError
    module_skips = []
    for arg in positional:
        parts = arg.split("::")
        path = os.path.abspath(parts[0])
        if not os.path.exists(path):
            if verbose >= 0:
                tw.line("")
            tw.line("ERROR: file or directory not found: %s" % arg)
            tw.line("")
            tw.line("no tests ran in %.2fs" % (time.perf_counter() - t0))
            return EXIT_USAGEERROR
        files = []
        if os.path.isdir(path):
            collector.walk(path, files)
        else:
            files = [path]
        for f in files:
            if any(os.path.abspath(f).startswith(os.path.abspath(ig)) for ig in option.ignore):
                continue
            got = collector.collect_file(f)
            for x in got:
                if isinstance(x, col.CollectError):
                    errors.append(x)
                elif isinstance(x, col.ModuleSkip):
                    module_skips.append(x)
                elif len(parts) == 1 or _selects(parts[1:], x):
                    if not any(x.nodeid == y.nodeid for y in items[-50:]):
                        items.append(x)
        if len(parts) > 1 and not any(_selects(parts[1:], x) for x in items):
            if not errors:
                tw.line("ERROR: not found: %s" % arg)
                tw.line("(no match in any of [<Module %s>])" % os.path.basename(parts[0]))
                tw.line("")
                return EXIT_USAGEERROR
    ncollected = len(items)
    for h in session.hooks("pytest_collection_modifyitems"):
        h(session, config, items)
    # ---------------------------------------------------------------- select
    deselected = []
    kexpr = KeywordExpr(option.keyword) if option.keyword else None
    mexpr = KeywordExpr(option.markexpr) if option.markexpr else None
    selected = []
    for it in items:
        keep = True
        if kexpr is not None and not kexpr.evaluate(keyword_matcher(it)):
            keep = False
        if keep and mexpr is not None and not mexpr.evaluate(mark_matcher(it)):
            keep = False
        if keep and any(it.nodeid == d or it.nodeid.startswith(d + "[") for d in
                        option.deselect):
            keep = False
        (selected if keep else deselected).append(it)
    items = selected
    session.items = items
    session.testscollected = len(items)
    if verbose >= 0:
        n = ncollected
        msg = "collected %d item%s" % (n, "" if n == 1 else "s")
        if errors:
            msg += " / %s" % plural(len(errors), "error")
        if deselected:
            msg += " / %d deselected" % len(deselected)
        if module_skips:
            msg += " / %d skipped" % len(module_skips)
        if deselected:
            msg += " / %d selected" % len(items)
        tw.line(msg)
        tw.line("")
    runner = Runner(session, tw, real_out)
    # A failing plain `assert a == b` says what it compared (hpymove's interpreter hook).
    detail = getattr(sys, "_assert_detail", None)
    if detail is not None:
        detail(True)
    for e in errors:
        # (pytest's summary line of a collection error has no message)
        runner.add_stat("error", TestReport(None, "collect", "failed", e.longrepr, ""))
        runner.stats["error"][-1].nodeid = e.nodeid
    for s in module_skips:
        rep = TestReport(None, "collect", "skipped", message=s.reason, skip_location=s.location)
        rep.nodeid = s.nodeid
        runner.add_stat("skipped", rep)
    if deselected:
        runner.stats["deselected"] = deselected
    exitstatus = None
    if option.collectonly:
        for it in items:
            tw.line(it.nodeid)
        return _finish(runner, tw, t0, verbose, EXIT_OK if items else EXIT_NOTESTSCOLLECTED,
                       collect_only=True)
    if errors and not option.continue_on_collection_errors:
        _collection_errors(runner, tw, errors)
        _short_summary(runner, tw, option)
        tw.sep("!", "Interrupted: %s during collection" % plural(len(errors), "error"))
        return _finish(runner, tw, t0, verbose, EXIT_INTERRUPTED, summary_done=True)
    # ---------------------------------------------------------------- run
    total = len(items)
    current_file = None
    done = 0
    maxfail = option.maxfail if option.maxfail else (1 if option.exitfirst else 0)
    nfailed = 0
    interrupted = None
    try:
        for idx, it in enumerate(items):
            nextitem = items[idx + 1] if idx + 1 < len(items) else None
            if verbose == 0:
                f = it.location[0]
                if f != current_file:
                    if current_file is not None:
                        _end_progress_line(tw, done, total)
                    tw.write(col.relpath(it.path, os.getcwd()) + " ")
                    current_file = f
            elif verbose > 0:
                tw.write(col.relpath(it.path, os.getcwd()) + it.nodeid[len(it.location[0]):] + " ")
            reports = runner.run_item(it, nextitem)
            done += 1
            for rep in reports:
                if rep.when != "call" and rep.outcome == "passed":
                    continue
                key, letter, word = runner.letter_and_word(rep)
                runner.add_stat(key, rep)
                if key in ("failed", "error"):
                    nfailed += 1
                if verbose > 0:
                    if rep.when == "teardown":
                        tw.write(col.relpath(it.path, os.getcwd())
                                 + it.nodeid[len(it.location[0]):] + " ")
                    _verbose_word(tw, word, rep, done, total)
                else:
                    if verbose < 0 and tw.col >= WIDTH - 7:
                        _end_progress_line(tw, done - 1, total)
                    if verbose == 0 and tw.col >= WIDTH - 7:
                        _end_progress_line(tw, done - 1, total)
                        tw.write("    ")
                    tw.write(letter)
            if maxfail and nfailed >= maxfail:
                session.shouldstop = "stopping after %s" % plural(nfailed, "failure")
                break
        if verbose <= 0 and done:
            _end_progress_line(tw, done, total)
        if verbose >= 0:
            tw.line("")
    except KeyboardInterrupt as e:
        interrupted = e
    except Exit as e:
        interrupted = e
    if interrupted is not None:
        tw.line("")
        if isinstance(interrupted, Exit):
            tw.sep("!", "_pytest.outcomes.Exit: %s" % interrupted.msg)
            exitstatus = interrupted.returncode if interrupted.returncode is not None else 2
        else:
            tw.sep("!", "KeyboardInterrupt")
            exitstatus = EXIT_INTERRUPTED
    _summary_failures(runner, tw)
    for h in session.hooks("pytest_unconfigure"):
        h(config)
    if exitstatus is None:
        if "failed" in runner.stats or "error" in runner.stats:
            exitstatus = EXIT_TESTSFAILED
        elif session.testscollected == 0:
            exitstatus = EXIT_NOTESTSCOLLECTED
        else:
            exitstatus = EXIT_OK
    if session.shouldstop:
        _short_summary(runner, tw, option)
        tw.sep("!", session.shouldstop + " ")
        return _finish(runner, tw, t0, verbose, exitstatus, summary_done=True)
    return _finish(runner, tw, t0, verbose, exitstatus)


def _selects(parts, item):
    """Whether node id parts after the file (`Class`, `test`, `test[param]`) pick `item`."""
    rest = item.nodeid.split("::")[1:]
    if len(parts) > len(rest):
        return False
    for k, p in enumerate(parts):
        r = rest[k]
        if p == r:
            continue
        if k == len(rest) - 1 and "[" not in p and r.startswith(p + "["):
            continue
        return False
    return True


def _end_progress_line(tw, done, total):
    text = _progress(done, total)
    pad = WIDTH - 1 - tw.col - len(text)
    if pad < 1:
        pad = 1
    tw.line(" " * pad + text)


def _verbose_word(tw, word, rep, done, total):
    text = word
    if word in ("SKIPPED", "XFAIL") and rep.message and word == "XFAIL":
        text = word + " (%s)" % rep.message if rep.message else word
    elif word == "SKIPPED" and rep.message:
        text = "SKIPPED (%s)" % rep.message
    prog = _progress(done, total)
    tw.write(text)
    pad = WIDTH - 1 - tw.col - len(prog)
    if pad < 1:
        pad = 1
    tw.line(" " * pad + prog)


def _head(rep):
    nodeid = rep.nodeid
    parts = nodeid.split("::")
    return ".".join(parts[1:]) if len(parts) > 1 else parts[0]


def _collection_errors(runner, tw, errors):
    tw.sep("=", "ERRORS")
    for e in errors:
        tw.sep("_", "ERROR collecting %s" % e.nodeid)
        tw.line(e.longrepr.rstrip("\n"))


def _summary_failures(runner, tw):
    style = runner.tb
    failed = runner.stats.get("failed", [])
    errs = [r for r in runner.stats.get("error", []) if r.when != "collect"]
    if style == "no":
        return
    if errs:
        tw.sep("=", "ERRORS")
        for rep in errs:
            when = {"setup": "setup", "teardown": "teardown"}.get(rep.when, rep.when)
            tw.sep("_", "ERROR at %s of %s" % (when, _head(rep)))
            if style == "line":
                tw.line(rep.message)
                continue
            tw.line(rep.longrepr)
            _sections(tw, rep)
    if failed:
        tw.sep("=", "FAILURES")
        for rep in failed:
            if style == "line":
                tw.line("%s: %s" % (rep.nodeid, rep.message))
                continue
            tw.sep("_", _head(rep))
            tw.line(rep.longrepr)
            _sections(tw, rep)


def _sections(tw, rep):
    for title, text in rep.sections:
        if rep.when == "setup" and title.endswith(("call", "teardown")):
            continue
        tw.sep("-", title)
        tw.write(text if text.endswith("\n") else text + "\n")


def _short_summary(runner, tw, option):
    chars = option.reportchars or ""
    if "a" in chars:
        chars += "sxXEf"
    if "A" in chars:
        chars += "sxXEfpP"
    if "N" in chars:
        chars = ""
    lines = []
    for c in _uniq(chars):
        if c == "f":
            for rep in runner.stats.get("failed", []):
                lines.append(_line_with_message("FAILED", rep))
        elif c == "E":
            for rep in runner.stats.get("error", []):
                lines.append(_line_with_message("ERROR", rep))
        elif c == "s":
            lines.extend(_skipped_lines(runner))
        elif c == "x":
            for rep in runner.stats.get("xfailed", []):
                lines.append(_line_with_message("XFAIL", rep, rep.wasxfail))
        elif c == "X":
            for rep in runner.stats.get("xpassed", []):
                lines.append(_line_with_message("XPASS", rep, rep.wasxfail))
        elif c in "pP":
            for rep in runner.stats.get("passed", []):
                lines.append("PASSED " + cwd_relative_nodeid(rep.session, rep.nodeid))
    if lines:
        tw.sep("=", "short test summary info")
        for line in lines:
            tw.line(line)


def _uniq(chars):
    out = []
    for c in chars:
        if c not in out:
            out.append(c)
    return out


def cwd_relative_nodeid(session, nodeid):
    """A node id as pytest prints it: its file relative to the invocation directory."""
    path, sep, rest = nodeid.partition("::")
    full = os.path.join(session.rootdir, path)
    return col.relpath(full, session.config.invocation_dir) + sep + rest


def _line_with_message(word, rep, message=None):
    line = "%s %s" % (word, cwd_relative_nodeid(rep.session, rep.nodeid))
    msg = rep.message if message is None else message
    if msg:
        msg = msg.split("\n")[0]
        full = rep.session.config.option.verbose >= 2 or os.environ.get(
            "CI") or os.environ.get("BUILD_NUMBER")
        avail = WIDTH - len(line) - len(" - ")
        if not full and len(msg) > avail and avail > 4:
            msg = msg[:avail - 3] + "..."
        line += " - " + msg
    return line


def _skipped_lines(runner):
    counts = []
    for rep in runner.stats.get("skipped", []):
        key = (rep.skip_location or rep.nodeid, rep.message)
        for entry in counts:
            if entry[0] == key:
                entry[1] += 1
                break
        else:
            counts.append([key, 1])
    out = []
    for (loc, msg), n in counts:
        reason = msg
        if reason.startswith("Skipped: "):
            reason = reason[9:]
        out.append("SKIPPED [%d] %s: %s" % (n, loc, reason))
    return out


def _finish(runner, tw, t0, verbose, exitstatus, summary_done=False, collect_only=False):
    if not summary_done:
        _short_summary(runner, tw, runner.config.option)
    elapsed = time.perf_counter() - t0
    order = ["failed", "passed", "skipped", "deselected", "xfailed", "xpassed", "warnings",
             "error"]
    parts = []
    for key in order:
        reps = runner.stats.get(key)
        if reps:
            n = len(reps)
            if key == "error":
                parts.append(plural(n, "error"))
            else:
                parts.append("%d %s" % (n, key))
    if collect_only:
        n = len(runner.session.items)
        nd = len(runner.stats.get("deselected", []))
        if nd:
            text = "%d/%d tests collected (%d deselected)" % (n, n + nd, nd)
        elif n:
            text = "%d test%s collected" % (n, "" if n == 1 else "s")
        else:
            text = "no tests collected"
        errs = runner.stats.get("error")
        if errs:
            text += ", " + plural(len(errs), "error")
        text += " in %.2fs" % elapsed
    elif parts:
        text = ", ".join(parts) + " in %.2fs" % elapsed
    else:
        text = "no tests ran in %.2fs" % elapsed
    if verbose < 0:
        tw.line(text)
    else:
        tw.sep("=", text)
    return exitstatus


def main(args=None, plugins=None):
    if args is None:
        args = sys.argv[1:]
    elif isinstance(args, str):
        args = args.split()
    else:
        args = [str(a) for a in args]
    try:
        return run_session(args)
    except UsageError as e:
        sys.stderr.write("ERROR: %s\n" % (e.args[0],))
        return EXIT_USAGEERROR


def _session_hooks(self, name):
    out = []
    for mod in self.conftests:
        h = getattr(mod, name, None)
        if h is not None:
            out.append(h)
    return out


Session.hooks = _session_hooks
