"""unittest's command line: `unittest.main()` at the bottom of a test module, and
`hpymove -m unittest [options] [tests]` / `... discover [-s dir] [-p pattern] [-t top]`.
The options are CPython 3.11's; the parsing is hpymove's own (no argparse)."""

import os
import sys

from unittest import loader, runner

__unittest = True

MAIN_EXAMPLES = """\
Examples:
  %(prog)s test_module               - run tests from test_module
  %(prog)s module.TestClass          - run tests from module.TestClass
  %(prog)s module.Class.test_method  - run specified test method
  %(prog)s path/to/test_file.py      - run tests from test_file.py
"""

MODULE_EXAMPLES = """\
Examples:
  %(prog)s                           - run default set of tests
  %(prog)s MyTestSuite               - run suite 'MyTestSuite'
  %(prog)s MyTestCase.testSomething  - run MyTestCase.testSomething
  %(prog)s MyTestCase                - run all 'test*' test methods
                                       in MyTestCase
"""

OPTIONS = """\
options:
  -h, --help            show this help message and exit
  -v, --verbose         Verbose output
  -q, --quiet           Quiet output
  --locals              Show local variables in tracebacks
  -f, --failfast        Stop on first fail or error
  -c, --catch           Catch Ctrl-C and display results so far
  -b, --buffer          Buffer stdout and stderr during tests
  -k TESTNAMEPATTERNS   Only run tests which match the given substring
"""

DISCOVERY_OPTIONS = """\
  -s START, --start-directory START
                        Directory to start discovery ('.' default)
  -p PATTERN, --pattern PATTERN
                        Pattern to match tests ('test*.py' default)
  -t TOP, --top-level-directory TOP
                        Top level directory of project (defaults to start
                        directory)
"""


def _convert_name(name):
    # A path to a .py file becomes its dotted module name (relative to the cwd).
    if os.path.isfile(name) and name.lower().endswith(".py"):
        if os.path.isabs(name):
            rel = os.path.relpath(name, os.getcwd())
            if os.path.isabs(rel) or rel.startswith(os.pardir):
                return name
            name = rel
        return os.path.normpath(name)[:-3].replace("\\", ".").replace("/", ".")
    return name


def _convert_names(names):
    return [_convert_name(name) for name in names]


def _convert_select_pattern(pattern):
    if "*" not in pattern:
        pattern = "*%s*" % pattern
    return pattern


class _UsageError(Exception):
    pass


class TestProgram(object):
    """Loads the tests the command line names and runs them (`unittest.main`)."""

    module = None
    verbosity = 1
    failfast = catchbreak = buffer = progName = warnings = testNamePatterns = None
    _discovery_parser = None

    def __init__(self, module="__main__", defaultTest=None, argv=None, testRunner=None,
                 testLoader=loader.defaultTestLoader, exit=True, verbosity=1,
                 failfast=None, catchbreak=None, buffer=None, warnings=None, *,
                 tb_locals=False):
        if isinstance(module, str):
            self.module = __import__(module)
            for part in module.split(".")[1:]:
                self.module = getattr(self.module, part)
        else:
            self.module = module
        if argv is None:
            argv = sys.argv
        self.exit = exit
        self.failfast = failfast
        self.catchbreak = catchbreak
        self.verbosity = verbosity
        self.buffer = buffer
        self.tb_locals = tb_locals
        if warnings is None and not getattr(sys, "warnoptions", None):
            # Deprecation warnings are shown while tests run, as `-W default` would.
            self.warnings = "default"
        else:
            self.warnings = warnings
        self.defaultTest = defaultTest
        self.testRunner = testRunner
        self.testLoader = testLoader
        self.progName = os.path.basename(argv[0])
        self.parseArgs(argv)
        self.runTests()

    def _usage_line(self, discovery):
        prog = self.progName
        if discovery:
            return ("usage: %s discover [-h] [-v] [-q] [--locals] [-f] [-c] [-b] "
                    "[-k TESTNAMEPATTERNS] [-s START] [-p PATTERN] [-t TOP] "
                    "[start] [pattern] [top]" % prog)
        tests = " [tests ...]" if self.module is None else ""
        return ("usage: %s [-h] [-v] [-q] [--locals] [-f] [-c] [-b] "
                "[-k TESTNAMEPATTERNS]%s" % (prog, tests))

    def usageExit(self, msg=None, discovery=False):
        """Exits with status 2 after the usage line and `msg` on stderr."""
        sys.stderr.write(self._usage_line(discovery) + "\n")
        if msg:
            sys.stderr.write("%s: error: %s\n" % (self.progName, msg))
        sys.exit(2)

    def _print_help(self, discovery):
        out = [self._usage_line(discovery), ""]
        if discovery:
            out.append("positional arguments:")
            out.append("  start                 Directory to start discovery ('.' default)")
            out.append("  pattern               Pattern to match tests ('test*.py' default)")
            out.append("  top                   Top level directory of project (defaults "
                       "to start directory)")
            out.append("")
        elif self.module is None:
            out.append("positional arguments:")
            out.append("  tests                 a list of any number of test modules, "
                       "classes and test methods.")
            out.append("")
        text = "\n".join(out) + "\n" + OPTIONS
        if discovery:
            text += DISCOVERY_OPTIONS
        elif self.module is None:
            text += "\n" + MAIN_EXAMPLES % {"prog": self.progName}
            text += ("\nalternative usage: %s discover [-h] [-v] [-q] [--locals] [-f] [-c] "
                     "[-b] [-k TESTNAMEPATTERNS] [-s START] [-p PATTERN] [-t TOP] "
                     "[start] [pattern] [top]\n" % self.progName)
        else:
            text += "\n" + MODULE_EXAMPLES % {"prog": self.progName}
        sys.stdout.write(text)
        sys.exit(0)

    def _parse(self, args, discovery):
        """Sets the attributes the options name; returns the positional arguments."""
        positional = []
        i = 0
        flags = {"-v": ("verbosity", 2), "--verbose": ("verbosity", 2),
                 "-q": ("verbosity", 0), "--quiet": ("verbosity", 0),
                 "--locals": ("tb_locals", True)}
        if self.failfast is None:
            flags["-f"] = flags["--failfast"] = ("failfast", True)
        if self.catchbreak is None:
            flags["-c"] = flags["--catch"] = ("catchbreak", True)
        if self.buffer is None:
            flags["-b"] = flags["--buffer"] = ("buffer", True)
        valued = {"-k": "testNamePatterns"}
        if discovery:
            valued.update({"-s": "start", "--start-directory": "start",
                           "-p": "pattern", "--pattern": "pattern",
                           "-t": "top", "--top-level-directory": "top"})
        only_positional = False
        while i < len(args):
            arg = args[i]
            i += 1
            if only_positional or not arg.startswith("-") or arg == "-":
                positional.append(arg)
                continue
            if arg == "--":
                only_positional = True
                continue
            if arg in ("-h", "--help"):
                self._print_help(discovery)
            name, eq, value = arg.partition("=")
            if arg.startswith("--") and name in valued:
                if not eq:
                    if i >= len(args):
                        self.usageExit("argument %s: expected one argument" % name, discovery)
                    value = args[i]
                    i += 1
                self._set_valued(valued[name], value)
                continue
            if arg in flags:
                attr, const = flags[arg]
                setattr(self, attr, const)
                continue
            if not arg.startswith("--"):
                # Clustered short options: -vf, -kfoo, -sdir.
                j = 1
                ok = True
                while j < len(arg):
                    opt = "-" + arg[j]
                    if opt in ("-h",):
                        self._print_help(discovery)
                    if opt in flags:
                        attr, const = flags[opt]
                        setattr(self, attr, const)
                        j += 1
                        continue
                    if opt in valued:
                        value = arg[j + 1:]
                        if not value:
                            if i >= len(args):
                                self.usageExit("argument %s: expected one argument" % opt,
                                               discovery)
                            value = args[i]
                            i += 1
                        self._set_valued(valued[opt], value)
                        break
                    ok = False
                    break
                if ok:
                    continue
            self.usageExit("unrecognized arguments: %s" % arg, discovery)
        return positional

    def _set_valued(self, attr, value):
        if attr == "testNamePatterns":
            if self.testNamePatterns is None:
                self.testNamePatterns = []
            self.testNamePatterns.append(_convert_select_pattern(value))
        else:
            setattr(self, attr, value)

    def parseArgs(self, argv):
        if self.module is None:
            if len(argv) > 1 and argv[1].lower() == "discover":
                self._do_discovery(argv[2:])
                return
            self.tests = self._parse(argv[1:], False)
            if not self.tests:
                # No names: discover in the current directory.
                self._do_discovery([])
                return
        else:
            self.tests = self._parse(argv[1:], False)
        if self.tests:
            self.testNames = _convert_names(self.tests)
        elif self.defaultTest is None:
            self.testNames = None
        elif isinstance(self.defaultTest, str):
            self.testNames = (self.defaultTest,)
        else:
            self.testNames = list(self.defaultTest)
        self.createTests()

    def createTests(self, from_discovery=False, Loader=None):
        if self.testNamePatterns:
            self.testLoader.testNamePatterns = self.testNamePatterns
        if from_discovery:
            test_loader = self.testLoader if Loader is None else Loader()
            self.test = test_loader.discover(self.start, self.pattern, self.top)
        elif self.testNames is None:
            self.test = self.testLoader.loadTestsFromModule(self.module)
        else:
            self.test = self.testLoader.loadTestsFromNames(self.testNames, self.module)

    def _do_discovery(self, argv, Loader=None):
        self.start = "."
        self.pattern = "test*.py"
        self.top = None
        if argv is not None:
            rest = self._parse(argv, True)
            if len(rest) > 3:
                self.usageExit("unrecognized arguments: %s" % " ".join(rest[3:]), True)
            for attr, value in zip(("start", "pattern", "top"), rest):
                setattr(self, attr, value)
        self.createTests(from_discovery=True, Loader=Loader)

    def runTests(self):
        if self.testRunner is None:
            self.testRunner = runner.TextTestRunner
        if isinstance(self.testRunner, type):
            try:
                try:
                    test_runner = self.testRunner(verbosity=self.verbosity,
                                                  failfast=self.failfast,
                                                  buffer=self.buffer,
                                                  warnings=self.warnings,
                                                  tb_locals=self.tb_locals)
                except TypeError:
                    # A runner without tb_locals.
                    test_runner = self.testRunner(verbosity=self.verbosity,
                                                  failfast=self.failfast,
                                                  buffer=self.buffer,
                                                  warnings=self.warnings)
            except TypeError:
                test_runner = self.testRunner()
        else:
            test_runner = self.testRunner
        self.result = test_runner.run(self.test)
        if self.exit:
            sys.exit(not self.result.wasSuccessful())


main = TestProgram
