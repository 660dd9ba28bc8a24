"""unittest.TestCase classes collected by pytest: passing, failing and erroring tests,
setUp/tearDown and cleanups, names not matching python_classes, plain test functions
next to them."""
import unittest
from unittest import TestCase

events = []


class Arithmetic(unittest.TestCase):
    def setUp(self):
        self.value = 2
        events.append("setUp")

    def tearDown(self):
        events.append("tearDown")

    def test_pass(self):
        self.assertEqual(self.value + 2, 4)

    def test_fail_equal(self):
        self.assertEqual(self.value, 3)

    def test_fail_list(self):
        self.assertListEqual([1, 2], [1, 3])

    def test_error(self):
        raise KeyError("missing")

    def test_cleanup(self):
        self.addCleanup(events.append, "cleanup")
        self.assertIn(3, [1, 2, 3])

    def helper_not_a_test(self):
        raise AssertionError("never collected")


class TestSetUpFails(TestCase):
    def setUp(self):
        raise RuntimeError("setUp broke")

    def test_one(self):
        pass


class TestAssertions(TestCase):
    def test_raises(self):
        with self.assertRaises(ZeroDivisionError):
            1 / 0

    def test_raises_not_raised(self):
        with self.assertRaises(ValueError):
            pass

    def test_almost(self):
        self.assertAlmostEqual(0.1 + 0.2, 0.3)

    def test_true(self):
        self.assertTrue(0, "zero is false")

    def runTest(self):
        pass


class WithRunTestOnly(TestCase):
    def runTest(self):
        self.assertEqual(events.count("never"), 0)


def test_plain_function():
    assert events.count("setUp") == events.count("tearDown")


class TestPlainClass:
    def test_method(self):
        assert True
