"""doctest (hpymove's own): runs the interactive examples in docstrings and checks their
output, as CPython's module does for what test suites use: `testmod`,
`run_docstring_examples`, `DocTestFinder`, `DocTestParser`, `DocTestRunner`,
`OutputChecker`, `Example`, `DocTest`, the option flags (`ELLIPSIS`,
`NORMALIZE_WHITESPACE`, `IGNORE_EXCEPTION_DETAIL`, `DONT_ACCEPT_TRUE_FOR_1`,
`DONT_ACCEPT_BLANKLINE`, `SKIP`, `REPORT_ONLY_FIRST_FAILURE`) and `# doctest: +FLAG`
directives, CPython's failure report format. Not there: `testfile`, `DocFileSuite`,
unittest integration, the debugger."""

import sys

__all__ = ["DONT_ACCEPT_BLANKLINE", "DONT_ACCEPT_TRUE_FOR_1", "DocTest", "DocTestFinder",
           "DocTestParser", "DocTestRunner", "ELLIPSIS", "Example", "IGNORE_EXCEPTION_DETAIL",
           "NORMALIZE_WHITESPACE", "OutputChecker", "REPORT_ONLY_FIRST_FAILURE", "SKIP",
           "TestResults", "register_optionflag", "run_docstring_examples", "testmod"]

OPTIONFLAGS_BY_NAME = {}


def register_optionflag(name):
    return OPTIONFLAGS_BY_NAME.setdefault(name, 1 << len(OPTIONFLAGS_BY_NAME))


DONT_ACCEPT_TRUE_FOR_1 = register_optionflag("DONT_ACCEPT_TRUE_FOR_1")
DONT_ACCEPT_BLANKLINE = register_optionflag("DONT_ACCEPT_BLANKLINE")
NORMALIZE_WHITESPACE = register_optionflag("NORMALIZE_WHITESPACE")
ELLIPSIS = register_optionflag("ELLIPSIS")
SKIP = register_optionflag("SKIP")
IGNORE_EXCEPTION_DETAIL = register_optionflag("IGNORE_EXCEPTION_DETAIL")
REPORT_UDIFF = register_optionflag("REPORT_UDIFF")
REPORT_CDIFF = register_optionflag("REPORT_CDIFF")
REPORT_NDIFF = register_optionflag("REPORT_NDIFF")
REPORT_ONLY_FIRST_FAILURE = register_optionflag("REPORT_ONLY_FIRST_FAILURE")
FAIL_FAST = register_optionflag("FAIL_FAST")

BLANKLINE_MARKER = "<BLANKLINE>"
ELLIPSIS_MARKER = "..."


class TestResults(tuple):
    def __new__(cls, failed, attempted, *, skipped=0):
        self = tuple.__new__(cls, (failed, attempted))
        self.skipped = skipped
        return self

    failed = property(lambda self: self[0])
    attempted = property(lambda self: self[1])

    def __repr__(self):
        return "TestResults(failed=%d, attempted=%d)" % (self[0], self[1])


class Example:
    def __init__(self, source, want, exc_msg=None, lineno=0, indent=0, options=None):
        if not source.endswith("\n"):
            source += "\n"
        if want and not want.endswith("\n"):
            want += "\n"
        if exc_msg is not None and not exc_msg.endswith("\n"):
            exc_msg += "\n"
        self.source = source
        self.want = want
        self.lineno = lineno
        self.indent = indent
        self.options = {} if options is None else options
        self.exc_msg = exc_msg


class DocTest:
    def __init__(self, examples, globs, name, filename, lineno, docstring):
        self.examples = examples
        self.docstring = docstring
        self.globs = globs.copy()
        self.name = name
        self.filename = filename
        self.lineno = lineno

    def __repr__(self):
        n = len(self.examples)
        what = "no examples" if n == 0 else ("1 example" if n == 1 else "%d examples" % n)
        return "<%s %s from %s:%s (%s)>" % (type(self).__name__, self.name, self.filename,
                                            self.lineno, what)

    def __lt__(self, other):
        return (self.name, self.filename, self.lineno or -1) < (
            other.name, other.filename, other.lineno or -1)


def _indent_of(line):
    return len(line) - len(line.lstrip(" "))


class DocTestParser:
    """Splits a docstring into examples: `>>> ` starts one, `... ` continues it, and the
    lines after it up to a blank line or the next `>>> ` are its expected output."""

    def parse(self, string, name="<string>"):
        string = string.replace("\t", "        ")
        lines = string.split("\n")
        out = []
        text = []
        i = 0
        while i < len(lines):
            line = lines[i]
            stripped = line.lstrip(" ")
            if not (stripped.startswith(">>>") and (stripped == ">>>" or stripped[3] in " \n")):
                text.append(line)
                i += 1
                continue
            if text:
                out.append("\n".join(text) + "\n")
                text = []
            indent = _indent_of(line)
            lineno = i
            source = [stripped[4:] if len(stripped) > 3 else ""]
            i += 1
            while i < len(lines):
                s = lines[i][indent:] if _indent_of(lines[i]) >= indent else lines[i].lstrip()
                if s.startswith("...") and (s == "..." or s[3] == " "):
                    source.append(s[4:])
                    i += 1
                else:
                    break
            want = []
            while i < len(lines):
                line = lines[i]
                if not line.strip():
                    break
                s = line.lstrip(" ")
                if s.startswith(">>>"):
                    break
                want.append(line[indent:] if _indent_of(line) >= indent else s)
                i += 1
            src = "\n".join(source)
            want_text = "\n".join(want)
            if want_text:
                want_text += "\n"
            exc_msg = None
            if want and (want[0].startswith("Traceback (most recent call last):")
                         or want[0].startswith("Traceback (innermost last):")):
                body = [w for w in want[1:] if not (w.startswith(" ") or w.startswith("\t"))]
                body = [w for w in body if w.strip() != "..."]
                exc_msg = "\n".join(body) + "\n" if body else None
            out.append(Example(src, want_text, exc_msg, lineno=lineno, indent=indent,
                               options=self._options(src, name, lineno)))
        if text:
            out.append("\n".join(text))
        return out

    def _options(self, source, name, lineno):
        options = {}
        for line in source.split("\n"):
            if "doctest:" not in line:
                continue
            directive = line.split("doctest:", 1)[1]
            for option in directive.replace(",", " ").split():
                if option[0] not in "+-" or option[1:] not in OPTIONFLAGS_BY_NAME:
                    raise ValueError("line %r of the doctest for %s has an invalid option: %r"
                                     % (lineno + 1, name, option))
                options[OPTIONFLAGS_BY_NAME[option[1:]]] = option[0] == "+"
        return options

    def get_examples(self, string, name="<string>"):
        return [x for x in self.parse(string, name) if isinstance(x, Example)]

    def get_doctest(self, string, globs, name, filename, lineno):
        return DocTest(self.get_examples(string, name), globs, name, filename, lineno, string)


class DocTestFinder:
    """The docstrings of a module (or object) and of the functions, classes and methods
    defined in it, and the `__test__` dict's entries."""

    def __init__(self, verbose=False, parser=DocTestParser(), recurse=True,
                 exclude_empty=True):
        self._parser = parser
        self._recurse = recurse
        self._exclude_empty = exclude_empty

    def find(self, obj, name=None, module=None, globs=None, extraglobs=None):
        if name is None:
            name = getattr(obj, "__name__", None)
            if name is None:
                raise ValueError("DocTestFinder.find: name must be given when obj.__name__ "
                                 "doesn't exist: %r" % (type(obj),))
        if module is None:
            module = obj if _is_module(obj) else sys.modules.get(
                getattr(obj, "__module__", None))
        if globs is None:
            globs = {} if module is None else module.__dict__.copy()
        else:
            globs = globs.copy()
        if extraglobs is not None:
            globs.update(extraglobs)
        if "__name__" not in globs:
            globs["__name__"] = "__main__"
        self._source_lines = None
        filename = getattr(module, "__file__", None) if module is not None else None
        if isinstance(filename, str) and filename.endswith(".py"):
            try:
                with open(filename) as f:
                    self._source_lines = f.read().split("\n")
            except OSError:
                pass
        tests = []
        self._find(tests, obj, name, module, globs, set())
        tests.sort()
        return tests

    def _find_lineno(self, obj, docstring):
        """The 0-based line where obj's docstring starts in its module's source: from
        the `class` or `def` line on, the first line that opens a string."""
        import re

        lines = self._source_lines
        lineno = None
        if _is_module(obj) and docstring:
            lineno = 0
        elif isinstance(obj, type) and docstring and lines is not None:
            pat = re.compile(r"^\s*class\s*%s\b" % re.escape(getattr(obj, "__name__", "-")))
            for i, line in enumerate(lines):
                if pat.match(line):
                    lineno = i
                    break
        else:
            code = getattr(obj, "__code__", None)
            if code is not None and docstring:
                lineno = code.co_firstlineno - 1
        if lineno is None:
            return None
        if lines is None:
            return lineno + 1
        opens = re.compile(r"(^|.*:)\s*\w*(\"|')")
        for i in range(lineno, len(lines)):
            if opens.match(lines[i]):
                return i
        return None

    def _from_module(self, module, obj):
        if module is None:
            return True
        if _is_module(obj):
            return obj is module
        mod = getattr(obj, "__module__", None)
        if mod is None:
            return True
        return mod == module.__name__

    def _find(self, tests, obj, name, module, globs, seen):
        if id(obj) in seen:
            return
        seen.add(id(obj))
        test = self._get_test(obj, name, module, globs)
        if test is not None:
            tests.append(test)
        if not self._recurse:
            return
        if _is_module(obj):
            for valname, val in list(getattr(obj, "__dict__", {}).items()):
                valname = "%s.%s" % (name, valname)
                if (_is_routine(val) or isinstance(val, type)) and self._from_module(module, val):
                    self._find(tests, val, valname, module, globs, seen)
            for valname, val in getattr(obj, "__test__", {}).items():
                if not isinstance(valname, str):
                    raise ValueError("DocTestFinder.find: __test__ keys must be strings: %r"
                                     % (type(valname),))
                valname = "%s.__test__.%s" % (name, valname)
                self._find(tests, val, valname, module, globs, seen)
        if isinstance(obj, type):
            for valname, val in list(obj.__dict__.items()):
                if isinstance(val, (staticmethod, classmethod)):
                    val = val.__func__
                if ((_is_routine(val) or isinstance(val, type) or isinstance(val, property))
                        and self._from_module(module, val)):
                    self._find(tests, val, "%s.%s" % (name, valname), module, globs, seen)

    def _get_test(self, obj, name, module, globs):
        if isinstance(obj, str):
            docstring = obj
        else:
            try:
                docstring = obj.__doc__
            except Exception:
                docstring = None
            if not isinstance(docstring, str):
                docstring = ""
        if self._exclude_empty and not docstring:
            return None
        filename = getattr(module, "__file__", None) if module is not None else None
        lineno = None if isinstance(obj, str) else self._find_lineno(obj, docstring)
        return self._parser.get_doctest(docstring, globs, name, filename, lineno)


def _is_module(obj):
    return type(obj).__name__ == "module"


def _is_routine(obj):
    return callable(obj) and hasattr(obj, "__code__") or type(obj).__name__ in (
        "builtin_function_or_method",)


class OutputChecker:
    def check_output(self, want, got, optionflags):
        if got == want:
            return True
        if not optionflags & DONT_ACCEPT_TRUE_FOR_1:
            if (got, want) in (("True\n", "1\n"), ("False\n", "0\n")):
                return True
        if not optionflags & DONT_ACCEPT_BLANKLINE:
            want = "\n".join("" if ln.strip() == BLANKLINE_MARKER else ln
                             for ln in want.split("\n"))
            got = "\n".join("" if not ln.strip() else ln for ln in got.split("\n"))
            if got == want:
                return True
        if optionflags & NORMALIZE_WHITESPACE:
            got = " ".join(got.split())
            want = " ".join(want.split())
            if got == want:
                return True
        if optionflags & ELLIPSIS:
            if _ellipsis_match(want, got):
                return True
        return False

    def output_difference(self, example, got, optionflags):
        want = example.want
        if not optionflags & DONT_ACCEPT_BLANKLINE:
            got = "\n".join(BLANKLINE_MARKER if not ln.strip() and i < len(got.split("\n")) - 1
                            else ln for i, ln in enumerate(got.split("\n")))
        if want and got:
            return "Expected:\n%sGot:\n%s" % (_indent(want), _indent(got))
        if want:
            return "Expected:\n%sGot nothing\n" % _indent(want)
        if got:
            return "Expected nothing\nGot:\n%s" % _indent(got)
        return "Expected nothing\nGot nothing\n"


def _ellipsis_match(want, got):
    if ELLIPSIS_MARKER not in want:
        return want == got
    pieces = want.split(ELLIPSIS_MARKER)
    start, end = pieces[0], pieces[-1]
    if not got.startswith(start) or not got.endswith(end):
        return False
    pos = len(start)
    endpos = len(got) - len(end)
    if pos > endpos:
        return False
    for piece in pieces[1:-1]:
        i = got.find(piece, pos, endpos)
        if i < 0:
            return False
        pos = i + len(piece)
    return True


def _indent(s, n=4):
    return "".join(" " * n + line + "\n" for line in s.rstrip("\n").split("\n")) if s else ""


class _Capture:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        pass

    def getvalue(self):
        return "".join(self.parts)


class DocTestRunner:
    DIVIDER = "*" * 70

    def __init__(self, checker=None, verbose=None, optionflags=0):
        self._checker = checker or OutputChecker()
        self._verbose = bool(verbose)
        self.optionflags = optionflags
        self.tries = 0
        self.failures = 0
        self.skips = 0
        self._name2ft = {}

    def report_failure(self, out, test, example, got):
        out(self._failure_header(test, example)
            + self._checker.output_difference(example, got, self.optionflags))

    def report_unexpected_exception(self, out, test, example, exc_text):
        out(self._failure_header(test, example) + "Exception raised:\n" + _indent(exc_text))

    def _failure_header(self, test, example):
        out = [self.DIVIDER]
        if test.filename:
            lineno = (test.lineno + example.lineno + 1) if test.lineno is not None else "?"
            out.append('File "%s", line %s, in %s' % (test.filename, lineno, test.name))
        else:
            out.append("Line %s, in %s" % (example.lineno + 1, test.name))
        out.append("Failed example:")
        out.append(_indent(example.source).rstrip("\n"))
        return "\n".join(out) + "\n"

    def run(self, test, compileflags=None, out=None, clear_globs=True):
        if out is None:
            out = sys.stdout.write
        failures = tries = skips = 0
        original = self.optionflags
        for example in test.examples:
            self.optionflags = original
            for flag, on in example.options.items():
                if on:
                    self.optionflags |= flag
                else:
                    self.optionflags &= ~flag
            if self.optionflags & SKIP:
                skips += 1
                continue
            tries += 1
            got, exc_text, exc_only = self._execute(example, test.globs, test.filename)
            if exc_only is None:
                ok = self._checker.check_output(example.want, got, self.optionflags)
                if not ok:
                    self.report_failure(out, test, example, got)
            elif example.exc_msg is None:
                ok = False
                self.report_unexpected_exception(out, test, example, exc_text)
            else:
                ok = self._checker.check_output(example.exc_msg, exc_only, self.optionflags)
                if not ok and self.optionflags & IGNORE_EXCEPTION_DETAIL:
                    ok = (example.exc_msg.split(":")[0].split(".")[-1]
                          == exc_only.split(":")[0].split(".")[-1])
                if not ok:
                    self.report_failure(out, test, example, got + exc_text)
            if not ok:
                failures += 1
                if self.optionflags & FAIL_FAST:
                    break
        self.optionflags = original
        self.failures += failures
        self.tries += tries
        self.skips += skips
        f, t, s = self._name2ft.get(test.name, (0, 0, 0))
        self._name2ft[test.name] = (f + failures, t + tries, s + skips)
        if clear_globs:
            test.globs.clear()
        return TestResults(failures, tries, skipped=skips)

    def _execute(self, example, globs, filename):
        """(output, traceback text, last line of the exception) of one example; the two
        last are None when it raised nothing."""
        import traceback

        capture = _Capture()
        saved = sys.stdout
        sys.stdout = capture
        exc_text = exc_only = None
        try:
            source = example.source
            try:
                code = compile(source, "<doctest %s>" % (filename or "?"), "eval")
            except SyntaxError:
                code = None
            if code is not None:
                value = eval(code, globs)
                if value is not None:
                    print(repr(value))
                    globs["_"] = value
            else:
                exec(compile(source, "<doctest %s>" % (filename or "?"), "exec"), globs)
        except KeyboardInterrupt:
            raise
        except BaseException as e:
            exc_only = "".join(traceback.format_exception_only(type(e), e))
            exc_text = "Traceback (most recent call last):\n" + exc_only
        finally:
            sys.stdout = saved
        return capture.getvalue(), exc_text, exc_only

    def summarize(self, verbose=None):
        if verbose is None:
            verbose = self._verbose
        failed = [(name, ft) for name, ft in sorted(self._name2ft.items()) if ft[0]]
        if failed:
            print(self.DIVIDER)
            print(len(failed), "items had failures:")
            for name, (f, t, s) in failed:
                print(" %3d of %3d in %s" % (f, t, name))
        if verbose:
            print(self.tries, "tests in", len(self._name2ft), "items.")
            print(self.tries - self.failures, "passed and", self.failures, "failed.")
        if self.failures:
            print("***Test Failed***", self.failures, "failures.")
        elif verbose:
            print("Test passed.")
        return TestResults(self.failures, self.tries, skipped=self.skips)


master = None


def testmod(m=None, name=None, globs=None, verbose=None, report=True, optionflags=0,
            extraglobs=None, raise_on_error=False, exclude_empty=False):
    if m is None:
        m = sys.modules.get("__main__")
    if not _is_module(m):
        raise TypeError("testmod: module required; %r" % (m,))
    if name is None:
        name = m.__name__
    finder = DocTestFinder(exclude_empty=exclude_empty)
    runner = DocTestRunner(verbose=verbose, optionflags=optionflags)
    for test in finder.find(m, name, globs=globs, extraglobs=extraglobs):
        runner.run(test)
    if report:
        runner.summarize()
    return TestResults(runner.failures, runner.tries, skipped=runner.skips)


def run_docstring_examples(f, globs, verbose=False, name="NoName", compileflags=None,
                           optionflags=0):
    finder = DocTestFinder(verbose=verbose, recurse=False)
    runner = DocTestRunner(verbose=verbose, optionflags=optionflags)
    for test in finder.find(f, name, globs=globs):
        runner.run(test, compileflags=compileflags)
