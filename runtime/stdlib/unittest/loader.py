"""unittest's TestLoader: the tests of a TestCase class, a module, a dotted name, or a
directory tree (`discover`), as suites."""

import os
import re
import sys
import functools
import importlib
import traceback
import types
from fnmatch import fnmatch, fnmatchcase

from unittest import case, suite, util

__unittest = True

# A file discovery imports: an identifier and `.py`.
VALID_MODULE_NAME = re.compile(r"[_a-z]\w*\.py$", re.IGNORECASE)


class _FailedTest(case.TestCase):
    """A test that stands for a name that could not be loaded: running it raises the
    error that loading it raised."""

    _testMethodName = None

    def __init__(self, method_name, exception):
        self._exception = exception
        super().__init__(method_name)

    def __getattr__(self, name):
        if name != self._testMethodName:
            raise AttributeError(name)

        def testFailure():
            raise self._exception
        return testFailure


def _make_failed_import_test(name, suiteClass):
    message = "Failed to import test module: %s\n%s" % (name, traceback.format_exc())
    return _make_failed_test(name, ImportError(message), suiteClass, message)


def _make_failed_load_tests(name, exception, suiteClass):
    message = "Failed to call load_tests:\n%s" % (traceback.format_exc(),)
    return _make_failed_test(name, exception, suiteClass, message)


def _make_failed_test(methodname, exception, suiteClass, message):
    test = _FailedTest(methodname, exception)
    return suiteClass((test,)), message


def _make_skipped_test(methodname, exception, suiteClass):
    @case.skip(str(exception))
    def testSkipped(self):
        pass
    attrs = {methodname: testSkipped}
    TestClass = type("ModuleSkipped", (case.TestCase,), attrs)
    return suiteClass((TestClass(methodname),))


def _splitext(path):
    return os.path.splitext(path)[0]


def three_way_cmp(x, y):
    return (x > y) - (x < y)


class TestLoader(object):
    """Finds tests and makes suites of them."""

    testMethodPrefix = "test"
    sortTestMethodsUsing = staticmethod(three_way_cmp)
    testNamePatterns = None
    suiteClass = suite.TestSuite
    _top_level_dir = None

    def __init__(self):
        super().__init__()
        self.errors = []
        # Packages being loaded by discover (a package's load_tests may call it again).
        self._loading_packages = set()

    def loadTestsFromTestCase(self, testCaseClass):
        """A suite of one instance of `testCaseClass` per test method."""
        if issubclass(testCaseClass, suite.TestSuite):
            raise TypeError("Test cases should not be derived from TestSuite. "
                            "Maybe you meant to derive from TestCase?")
        names = self.getTestCaseNames(testCaseClass)
        if not names and hasattr(testCaseClass, "runTest"):
            names = ["runTest"]
        return self.suiteClass([testCaseClass(n) for n in names])

    def loadTestsFromModule(self, module, *, pattern=None):
        """A suite of the TestCase classes of `module` (or what its load_tests makes)."""
        tests = []
        for name in dir(module):
            obj = getattr(module, name)
            if isinstance(obj, type) and issubclass(obj, case.TestCase):
                tests.append(self.loadTestsFromTestCase(obj))
        load_tests = getattr(module, "load_tests", None)
        tests = self.suiteClass(tests)
        if load_tests is not None:
            try:
                return load_tests(self, tests, pattern)
            except Exception as e:
                error_case, error_message = _make_failed_load_tests(
                    module.__name__, e, self.suiteClass)
                self.errors.append(error_message)
                return error_case
        return tests

    def loadTestsFromName(self, name, module=None):
        """The tests a dotted name names: a module, a TestCase class, a test method, a
        suite, or a callable that returns a test; relative to `module` if given."""
        parts = name.split(".")
        error_case, error_message = None, None
        if module is None:
            prefix = parts[:]
            while prefix:
                try:
                    module = importlib.import_module(".".join(prefix))
                    break
                except ImportError:
                    missing = prefix.pop()
                    error_case, error_message = _make_failed_import_test(
                        missing, self.suiteClass)
                    if not prefix:
                        self.errors.append(error_message)
                        return error_case
            parts = parts[len(prefix):]
        obj = module
        parent = None
        for part in parts:
            try:
                parent, obj = obj, getattr(obj, part)
            except AttributeError as e:
                if getattr(obj, "__path__", None) is not None and error_case is not None:
                    # A package whose submodule failed to import: that error.
                    self.errors.append(error_message)
                    return error_case
                error_case, error_message = _make_failed_test(
                    part, e, self.suiteClass,
                    "Failed to access attribute:\n%s" % (traceback.format_exc(),))
                self.errors.append(error_message)
                return error_case
        if isinstance(obj, types.ModuleType):
            return self.loadTestsFromModule(obj)
        if isinstance(obj, type) and issubclass(obj, case.TestCase):
            return self.loadTestsFromTestCase(obj)
        if (isinstance(obj, types.FunctionType) and isinstance(parent, type)
                and issubclass(parent, case.TestCase)):
            name = parts[-1]
            inst = parent(name)
            # A static method is not a test method.
            if not isinstance(getattr(inst, name), types.FunctionType):
                return self.suiteClass([inst])
        elif isinstance(obj, suite.TestSuite):
            return obj
        if callable(obj):
            test = obj()
            if isinstance(test, suite.TestSuite):
                return test
            if isinstance(test, case.TestCase):
                return self.suiteClass([test])
            raise TypeError("calling %s returned %s, not a test" % (obj, test))
        raise TypeError("don't know how to make test from: %s" % obj)

    def loadTestsFromNames(self, names, module=None):
        return self.suiteClass([self.loadTestsFromName(name, module) for name in names])

    def getTestCaseNames(self, testCaseClass):
        """The sorted names of the test methods of `testCaseClass` (callables named
        with the prefix, filtered by the -k patterns)."""
        def is_test(attrname):
            if not attrname.startswith(self.testMethodPrefix):
                return False
            if not callable(getattr(testCaseClass, attrname)):
                return False
            full = "%s.%s.%s" % (testCaseClass.__module__, testCaseClass.__qualname__,
                                 attrname)
            return self.testNamePatterns is None or any(
                fnmatchcase(full, p) for p in self.testNamePatterns)
        names = [n for n in dir(testCaseClass) if is_test(n)]
        if self.sortTestMethodsUsing:
            names.sort(key=functools.cmp_to_key(self.sortTestMethodsUsing))
        return names

    def discover(self, start_dir, pattern="test*.py", top_level_dir=None):
        """The tests of the modules under `start_dir` whose file name matches
        `pattern`, recursing into packages (directories with `__init__.py`); modules
        are imported by their names relative to `top_level_dir` (`start_dir`)."""
        implicit_top = False
        if top_level_dir is None and self._top_level_dir is not None:
            top_level_dir = self._top_level_dir
        elif top_level_dir is None:
            implicit_top = True
            top_level_dir = start_dir
        top_level_dir = os.path.abspath(top_level_dir)
        if top_level_dir not in sys.path:
            # The modules are imported from there.
            sys.path.insert(0, top_level_dir)
        self._top_level_dir = top_level_dir
        not_importable = False
        if os.path.isdir(os.path.abspath(start_dir)):
            start_dir = os.path.abspath(start_dir)
            if start_dir != top_level_dir:
                not_importable = not os.path.isfile(os.path.join(start_dir, "__init__.py"))
        else:
            # A dotted module name: the directory of that package.
            try:
                the_module = importlib.import_module(start_dir)
            except ImportError:
                not_importable = True
            else:
                try:
                    start_dir = os.path.abspath(os.path.dirname(the_module.__file__))
                except (AttributeError, TypeError):
                    raise TypeError("don't know how to discover from {!r}"
                                    .format(the_module)) from None
                if implicit_top:
                    self._top_level_dir = self._package_top(the_module, start_dir)
                    sys.path.remove(top_level_dir)
        if not_importable:
            raise ImportError("Start directory is not importable: %r" % start_dir)
        return self.suiteClass(list(self._find_tests(start_dir, pattern)))

    def _package_top(self, module, start_dir):
        top = start_dir
        for _ in module.__name__.split("."):
            top = os.path.dirname(top)
        return top

    def _get_name_from_path(self, path):
        if path == self._top_level_dir:
            return "."
        path = _splitext(os.path.normpath(path))
        rel = os.path.relpath(path, self._top_level_dir)
        assert not os.path.isabs(rel), "Path must be within the project"
        assert not rel.startswith(".."), "Path must be within the project"
        return rel.replace(os.path.sep, ".")

    def _get_module_from_name(self, name):
        importlib.import_module(name)
        return sys.modules[name]

    def _match_path(self, path, full_path, pattern):
        return fnmatch(path, pattern)

    def _find_tests(self, start_dir, pattern):
        name = self._get_name_from_path(start_dir)
        if name != "." and name not in self._loading_packages:
            tests, recurse = self._find_test_path(start_dir, pattern)
            if tests is not None:
                yield tests
            if not recurse:
                return
        for entry in sorted(os.listdir(start_dir)):
            full_path = os.path.join(start_dir, entry)
            tests, recurse = self._find_test_path(full_path, pattern)
            if tests is not None:
                yield tests
            if recurse:
                name = self._get_name_from_path(full_path)
                self._loading_packages.add(name)
                try:
                    yield from self._find_tests(full_path, pattern)
                finally:
                    self._loading_packages.discard(name)

    def _import_for_discovery(self, name):
        """(the module, None), or (None, the test that reports why it could not be
        imported: a skip, or a failed import recorded in `errors`)."""
        try:
            return self._get_module_from_name(name), None
        except case.SkipTest as e:
            return None, _make_skipped_test(name, e, self.suiteClass)
        except Exception:
            error_case, error_message = _make_failed_import_test(name, self.suiteClass)
            self.errors.append(error_message)
            return None, error_case

    def _find_test_path(self, full_path, pattern):
        """(tests of this path or None, whether to look inside it)."""
        basename = os.path.basename(full_path)
        if os.path.isfile(full_path):
            if not VALID_MODULE_NAME.match(basename):
                return None, False
            if not self._match_path(basename, full_path, pattern):
                return None, False
            name = self._get_name_from_path(full_path)
            module, failed = self._import_for_discovery(name)
            if failed is not None:
                return failed, False
            mod_file = os.path.abspath(getattr(module, "__file__", None) or full_path)
            found = _splitext(os.path.realpath(mod_file))
            wanted = _splitext(os.path.realpath(full_path))
            if found.lower() != wanted.lower():
                mod_name = _splitext(os.path.basename(full_path))
                expected_dir = os.path.dirname(full_path)
                raise ImportError("%r module incorrectly imported from %r. Expected %r. "
                                  "Is this module globally installed?"
                                  % (mod_name, os.path.dirname(found), expected_dir))
            return self.loadTestsFromModule(module, pattern=pattern), False
        if os.path.isdir(full_path):
            if not os.path.isfile(os.path.join(full_path, "__init__.py")):
                return None, False
            name = self._get_name_from_path(full_path)
            package, failed = self._import_for_discovery(name)
            if failed is not None:
                return failed, False
            load_tests = getattr(package, "load_tests", None)
            self._loading_packages.add(name)
            try:
                tests = self.loadTestsFromModule(package, pattern=pattern)
                # A package with load_tests loads its own tests.
                return tests, load_tests is None
            finally:
                self._loading_packages.discard(name)
        return None, False


defaultTestLoader = TestLoader()


def _make_loader(prefix, sortUsing, suiteClass=None, testNamePatterns=None):
    loader = TestLoader()
    loader.sortTestMethodsUsing = sortUsing
    loader.testMethodPrefix = prefix
    loader.testNamePatterns = testNamePatterns
    if suiteClass:
        loader.suiteClass = suiteClass
    return loader


def getTestCaseNames(testCaseClass, prefix, sortUsing=three_way_cmp, testNamePatterns=None):
    return _make_loader(prefix, sortUsing, testNamePatterns=testNamePatterns) \
        .getTestCaseNames(testCaseClass)


def makeSuite(testCaseClass, prefix="test", sortUsing=three_way_cmp,
              suiteClass=suite.TestSuite):
    return _make_loader(prefix, sortUsing, suiteClass).loadTestsFromTestCase(testCaseClass)


def findTestCases(module, prefix="test", sortUsing=three_way_cmp,
                  suiteClass=suite.TestSuite):
    return _make_loader(prefix, sortUsing, suiteClass).loadTestsFromModule(module)
