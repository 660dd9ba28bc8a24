"""hpymove's pytest: the session (find the rootdir and ini file, load conftests, parse the
command line, collect, select, run each test with its fixtures and captured output) and
pytest's exit codes."""

import sys
import os
import time

from _pytest_api import Skipped, XFailed, Failed, Exit, UsageError
import _pytest_fixtures as fx
import _pytest_collect as col
import _pytest_options as opt
from _pytest_options import (Config, KeywordExpr, Namespace, Parser, keyword_matcher,
                             mark_matcher, parse_args)
from _pytest_report import (CURRENT_SESSION, WIDTH, Terminal, TestReport, exc_message,
                            format_failure, plural, raise_location, _collection_errors,
                            _end_progress_line, _finish, _from_mark, _short_summary,
                            _summary_failures, _verbose_word)

EXIT_OK = 0
EXIT_TESTSFAILED = 1
EXIT_INTERRUPTED = 2
EXIT_INTERNALERROR = 3
EXIT_USAGEERROR = 4
EXIT_NOTESTSCOLLECTED = 5


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
    ancestor = _common_ancestor(dirs)
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
    # No ini file and no setup.py: the common ancestor of the invocation directory and
    # the arguments' (unless that is the filesystem root), as pytest 8 decides.
    both = _common_ancestor([os.getcwd(), ancestor])
    return (ancestor if both == "/" else both), None


def _common_ancestor(dirs):
    ancestor = dirs[0]
    for d in dirs[1:]:
        while not (d + "/").startswith(ancestor.rstrip("/") + "/"):
            ancestor = os.path.dirname(ancestor)
    return ancestor


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
    """The pytest section of the ini file: {key: value}, a value being text (ini files) or
    what TOML gives (pyproject.toml: a list, a bool, a str...)."""
    out = {}
    if path is None:
        return out
    if path.endswith(".toml"):
        import tomllib

        with open(path, "rb") as f:
            doc = tomllib.load(f)
        return dict(doc.get("tool", {}).get("pytest", {}).get("ini_options", {}))
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
        if section not in ("[pytest]", "[tool:pytest]"):
            continue
        if line[0] in " \t" and key is not None:
            out[key] = (out[key] + "\n" + s).strip()
            continue
        if "=" in s:
            key, value = s.split("=", 1)
            key = key.strip()
            out[key] = value.strip()
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
        # The module and class fixtures of unittest / xunit run so far in their scope:
        # id(module or class) -> None, or the error every test of that scope gets.
        self.xunit = {"module": {}, "class": {}}

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
        ut = sys.modules.get("unittest")
        if ut is not None and isinstance(exc, ut.SkipTest):
            # unittest's SkipTest raised outside a TestCase (in a fixture): a skip.
            skip = Skipped(str(exc))
            skip.from_mark = True
            exc = skip
        return exc

    # ---------------------------------------------------------------- unittest / xunit

    def xunit_setup(self, item):
        """setUpModule / setup_module of the test's module, and for a unittest test its
        class's setUpClass: run once per scope like autouse fixtures of that scope,
        with their tearDown counterparts (and class cleanups) when the scope ends; a
        failure is the error of every test in the scope."""
        steps = [("module", item.module)]
        if getattr(item, "unittest", False):
            steps.append(("class", item.cls))
        for scope, owner in steps:
            done = self.xunit[scope]
            key = id(owner)
            if key in done:
                if done[key] is not None:
                    raise done[key]
                continue
            if scope == "class":
                if getattr(owner, "__unittest_skip__", False):
                    e = Skipped(getattr(owner, "__unittest_skip_why__", ""))
                    e.from_mark = True
                    raise e
                setup = getattr(owner, "setUpClass", None)
                teardown = getattr(owner, "tearDownClass", None)
                cleanup = getattr(owner, "doClassCleanups", None)
                arg = None
            else:
                setup = _first_plain_function(owner, ("setUpModule", "setup_module"))
                teardown = _first_plain_function(owner, ("tearDownModule", "teardown_module"))
                cleanup = None
                arg = owner
            if setup is None and teardown is None and cleanup is None:
                continue
            done[key] = None
            finalizers = self.manager.scope_finalizers[scope]
            try:
                if setup is not None:
                    _call_optional_arg(setup, arg)
            except BaseException as e:
                if cleanup is not None:
                    cleanup()
                done[key] = e
                finalizers.append(lambda done=done, key=key: done.pop(key, None))
                raise

            def finish(done=done, key=key, teardown=teardown, cleanup=cleanup, arg=arg):
                done.pop(key, None)
                try:
                    if teardown is not None:
                        _call_optional_arg(teardown, arg)
                finally:
                    if cleanup is not None:
                        cleanup()
                        # Errors of class cleanups: the first is the teardown's error.
                        errors = getattr(item.cls, "tearDown_exceptions", None) or []
                        if errors:
                            raise errors[0][1]
            finalizers.append(finish)

    def run_unittest(self, item):
        """Runs a unittest test by its TestCase (setUp, the test, tearDown, cleanups)
        with a result that turns the first outcome into pytest's: an error or failure
        is raised, a skip is a skip at the test's line, an expected failure an xfail,
        an unexpected success a failure. Without addSubTest, as pytest 8's result: a
        failing subTest block fails the test there."""
        result = _UnittestOutcome()
        item.instance.run(result)
        if result.exc is not None:
            raise result.exc

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
        is_unittest = getattr(item, "unittest", False)
        item.instance = item.cls() if item.cls is not None and not is_unittest else None
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
            self.xunit_setup(item)
            if is_unittest:
                item.instance = item.cls(item.name)
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
                if is_unittest:
                    self.run_unittest(item)
                    return
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
            strict = xmark.kwargs.get(
                "strict", opt._ini_bool(self.config._inicfg.get("xfail_strict", False)))
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
            if _from_mark(exc):
                return TestReport(item, "call", "skipped", message=exc.msg or "",
                                  skip_location=loc)
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


def _first_plain_function(module, names):
    """The first of `names` that `module` defines as a function (not a fixture)."""
    for name in names:
        f = vars(module).get(name)
        if callable(f) and not hasattr(f, "_pytestfixturefunction"):
            return f
    return None


def _call_optional_arg(func, arg):
    # xunit functions may take the module as their argument (setup_module(module)).
    code = getattr(func, "__code__", None)
    if arg is not None and code is not None and code.co_argcount and not hasattr(
            func, "__self__"):
        func(arg)
    else:
        func()


class _UnittestOutcome:
    """The result a unittest test runs with under pytest: keeps its first outcome as
    the exception pytest reports."""

    shouldStop = False
    failfast = False

    def __init__(self):
        self.exc = None

    def _keep(self, exc):
        if self.exc is None:
            self.exc = exc

    def startTest(self, test):
        pass

    def stopTest(self, test):
        pass

    def addSuccess(self, test):
        pass

    def addError(self, test, err):
        self._keep(err[1])

    def addFailure(self, test, err):
        self._keep(err[1])

    def addSkip(self, test, reason):
        e = Skipped(reason)
        e.from_mark = True  # reported at the test's line
        self._keep(e)

    def addExpectedFailure(self, test, err):
        self._keep(XFailed(""))

    def addUnexpectedSuccess(self, test):
        self._keep(Failed("Unexpected success", pytrace=False))


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
        args = opt._ini_args(ini["addopts"]) + list(args)
    config = Config(args, rootdir, parser)
    config.inifile = inifile
    config._inicfg = ini
    config._collecting_options = True
    session = Session(config, rootdir)
    CURRENT_SESSION[0] = session
    config.session = session
    for key, attr in (("python_files", "python_files"), ("python_classes", "python_classes"),
                      ("python_functions", "python_functions")):
        if key in ini:
            setattr(session, attr, opt._ini_args(ini[key]))
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
        tp = opt._ini_args(ini.get("testpaths", []))
        positional = tp if tp else ["."]
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
            got = collector.collect_file(f, initial=not os.path.isdir(path))
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
