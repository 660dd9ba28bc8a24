# unittest's fixtures and outcomes: setUp/tearDown, cleanups, setUpClass/tearDownClass,
# setUpModule/tearDownModule, skips (method, class, skipTest, skipIf/skipUnless),
# expected failures and unexpected successes, subtests, errors in each fixture, suites
# built by hand, FunctionTestCase, the loader, failfast and buffer.
import io
import re
import sys
import unittest

log = []


def setUpModule():
    log.append("setUpModule")


def tearDownModule():
    log.append("tearDownModule")


class Fixtures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        log.append("setUpClass")
        cls.shared = [1]

    @classmethod
    def tearDownClass(cls):
        log.append("tearDownClass")

    def setUp(self):
        log.append("setUp " + self._testMethodName)
        self.addCleanup(log.append, "cleanup " + self._testMethodName)

    def tearDown(self):
        log.append("tearDown " + self._testMethodName)

    def test_a(self):
        self.assertEqual(self.shared, [1])

    def test_b_fails(self):
        self.assertEqual(self.shared, [2])

    def test_c_skiptest(self):
        self.skipTest("not today")

    @unittest.skipIf(True, "condition true")
    def test_d_skipif(self):
        pass

    @unittest.skipUnless(False, "condition false")
    def test_e_skipunless(self):
        pass

    @unittest.skipIf(False, "never")
    def test_f_not_skipped(self):
        pass

    @unittest.expectedFailure
    def test_g_xfail(self):
        self.assertEqual(1, 2)

    @unittest.expectedFailure
    def test_h_xpass(self):
        pass

    def test_i_subtests(self):
        for i in range(4):
            with self.subTest(i=i):
                if i == 1:
                    self.fail("one")
                if i == 2:
                    raise KeyError(i)
                if i == 3:
                    self.skipTest("three")

    def test_j_nested_subtests(self):
        with self.subTest("outer", a=1):
            with self.subTest(b=2):
                self.assertTrue(False)

    @unittest.expectedFailure
    def test_k_xfail_subtest(self):
        with self.subTest(x=1):
            self.assertEqual(1, 0)
        log.append("not reached")


class SetUpFails(unittest.TestCase):
    def setUp(self):
        raise RuntimeError("setUp broke")

    def tearDown(self):
        log.append("tearDown is not run after a failed setUp")

    def test_one(self):
        pass


class CleanupFails(unittest.TestCase):
    def test_cleanup(self):
        self.addCleanup(lambda: 1 / 0 if False else log.append("second cleanup"))
        self.addCleanup(self._broken)

    def _broken(self):
        raise ValueError("cleanup broke")


class ClassSetUpFails(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        raise OSError("no database")

    def test_never(self):
        log.append("never runs")


class ClassSetUpSkips(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        raise unittest.SkipTest("whole class skipped in setUpClass")

    def test_never(self):
        log.append("never runs")


class ClassTearDownFails(unittest.TestCase):
    @classmethod
    def tearDownClass(cls):
        raise KeyError("teardown")

    def test_ok(self):
        pass


@unittest.skip("class skipped")
class SkippedClass(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        log.append("skipped class setUpClass must not run")

    def test_x(self):
        pass

    def test_y(self):
        pass


class ClassCleanups(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.addClassCleanup(log.append, "class cleanup")

    def test_z(self):
        pass


class NotATest:
    def test_ignored(self):
        pass


def report(result, stream):
    text = re.sub(r"Ran (\d+) tests? in \d+\.\d+s", r"Ran \1 tests in X.XXXs",
                  stream.getvalue())
    sys.stderr.write(text)
    print("run:", result.testsRun, "failures:", len(result.failures),
          "errors:", len(result.errors), "skipped:", len(result.skipped),
          "xfail:", len(result.expectedFailures), "xpass:", len(result.unexpectedSuccesses),
          "ok:", result.wasSuccessful())
    for test, reason in result.skipped:
        print("  skipped:", test.id(), repr(reason))
    for test, _ in result.failures + result.errors:
        print("  failed:", test.id(), "|", str(test))


stream = io.StringIO()
runner = unittest.TextTestRunner(stream=stream, verbosity=2)
program = unittest.main(argv=["prog"], testRunner=runner, exit=False)
report(program.result, stream)
print("log:")
for entry in log:
    print("  " + entry)

# A suite built by hand, a FunctionTestCase, names through the loader.
loader = unittest.TestLoader()
print(loader.getTestCaseNames(Fixtures))
suite = unittest.TestSuite()
suite.addTest(Fixtures("test_a"))
suite.addTests(loader.loadTestsFromNames(["Fixtures.test_f_not_skipped", "ClassCleanups"],
                                         sys.modules["__main__"]))


def plain():
    """A function as a test."""
    assert 1 + 1 == 2


suite.addTest(unittest.FunctionTestCase(plain))
print(suite.countTestCases())
stream = io.StringIO()
result = unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
report(result, stream)

# failfast stops after the first failure; buffer hides a passing test's output.
class Chatty(unittest.TestCase):
    def test_1_prints(self):
        print("printed by a passing test")

    def test_2_fails(self):
        print("printed by a failing test")
        self.fail("stop here")

    def test_3_not_run(self):
        pass


stream = io.StringIO()
suite = loader.loadTestsFromTestCase(Chatty)
result = unittest.TextTestRunner(stream=stream, failfast=True, buffer=True).run(suite)
report(result, stream)
print(unittest.TestResult())

# A TestResult by itself.
result = unittest.TestResult()
Fixtures("test_b_fails").run(result)
print(result.testsRun, len(result.failures), result.failures[0][1].splitlines()[-1])
try:
    unittest.TestSuite().addTest(Fixtures)
except TypeError as e:
    print("TypeError:", e)
