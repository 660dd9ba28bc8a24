"""Skips, expected failures and subtests of unittest under pytest."""
import sys
import unittest


class Skips(unittest.TestCase):
    @unittest.skip("always skipped")
    def test_skip(self):
        pass

    @unittest.skipIf(sys.platform.startswith("linux"), "not on linux")
    def test_skipif(self):
        pass

    @unittest.skipUnless(False, "needs a feature")
    def test_skipunless(self):
        pass

    @unittest.skipIf(False, "never")
    def test_not_skipped(self):
        pass

    def test_skiptest(self):
        self.skipTest("skipped from inside")

    def test_raise_skiptest(self):
        raise unittest.SkipTest("raised SkipTest")


@unittest.skip("the whole class")
class SkippedClass(unittest.TestCase):
    def test_a(self):
        pass

    def test_b(self):
        pass


class Expected(unittest.TestCase):
    @unittest.expectedFailure
    def test_xfail(self):
        self.assertEqual(1, 2)

    @unittest.expectedFailure
    def test_xpass(self):
        pass


class SubTests(unittest.TestCase):
    def test_all_pass(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertLess(i, 3)

    def test_one_fails(self):
        for i in range(4):
            with self.subTest(i=i):
                self.assertNotEqual(i, 2)


class Disabled(unittest.TestCase):
    __test__ = False

    def test_never(self):
        raise AssertionError("not collected")
