# unittest's assert methods and their failure messages (CPython 3.11's texts, diffs
# included), run by unittest.main with a runner whose stream is captured so that the
# "Ran N tests in X.XXXs" timing can be normalised; the report is then written to stderr.
import io
import re
import sys
import unittest
import warnings


class Asserts(unittest.TestCase):
    def test_equal_int(self):
        self.assertEqual(1, 2)

    def test_equal_msg(self):
        self.assertEqual(1, 2, "custom")

    def test_equal_msg_short(self):
        self.longMessage = False
        self.assertEqual(1, 2, "only this")

    def test_list_longer(self):
        self.assertEqual([1, 2, 3, 4], [1, 2])

    def test_list_shorter(self):
        self.assertListEqual([1], [1, 5, 6])

    def test_tuple(self):
        self.assertEqual((1, "a"), (1, "b"))

    def test_seq_types(self):
        self.assertSequenceEqual([1, 2], (1, 2))
        self.assertSequenceEqual([1, 2], (1, 3))

    def test_list_type(self):
        self.assertListEqual((1,), [1])

    def test_long_list(self):
        self.assertEqual(list(range(40)), list(range(39)) + [99])

    def test_dict(self):
        self.assertEqual({"x": [1, 2], "y": "z"}, {"x": [1, 3], "y": "z", "w": 0})

    def test_long_dict(self):
        self.assertEqual({i: "v" * i for i in range(12)}, {i: "v" * i for i in range(1, 12)})

    def test_set(self):
        self.assertEqual({1, 2, 3}, {2, 3, 4})

    def test_multiline(self):
        self.assertEqual("one\ntwo\nthree\n", "one\ntoo\nthree\nfour\n")

    def test_string(self):
        self.assertEqual("the quick brown fox", "the quick brown box")

    def test_long_string(self):
        self.assertEqual("a" * 100 + "b", "a" * 100 + "c")

    def test_not_equal(self):
        self.assertNotEqual([1], [1])

    def test_true_false(self):
        with self.subTest("true"):
            self.assertTrue(0)
        with self.subTest("false"):
            self.assertFalse([1])

    def test_is(self):
        with self.subTest(which="is"):
            self.assertIs(1, None)
        with self.subTest(which="is not"):
            self.assertIsNot(None, None)
        with self.subTest(which="is none"):
            self.assertIsNone(0)
        with self.subTest(which="is not none"):
            self.assertIsNotNone(None)

    def test_in(self):
        with self.subTest(k=1):
            self.assertIn(3, [1, 2])
        with self.subTest(k=2):
            self.assertNotIn("a", "abc")

    def test_instance(self):
        with self.subTest(k=1):
            self.assertIsInstance(1, str)
        with self.subTest(k=2):
            self.assertNotIsInstance(1, int)

    def test_compare(self):
        for a, b in [(3, 2), (2, 2)]:
            with self.subTest(a=a, b=b):
                self.assertLess(a, b)
        with self.subTest():
            self.assertLessEqual(3, 2)
        with self.subTest(op="gt"):
            self.assertGreater(1, 2)
        with self.subTest(op="ge"):
            self.assertGreaterEqual(1, 2)

    def test_almost(self):
        self.assertAlmostEqual(1.0, 1.00000001)
        self.assertAlmostEqual(1.0, 1.1, delta=0.2)
        with self.subTest(k="places"):
            self.assertAlmostEqual(1.0, 1.01, places=3)
        with self.subTest(k="delta"):
            self.assertAlmostEqual(1.0, 1.5, delta=0.25)
        with self.subTest(k="not"):
            self.assertNotAlmostEqual(1.0, 1.00000001)
        with self.assertRaises(TypeError) as cm:
            self.assertAlmostEqual(1.0, 2.0, places=1, delta=1)
        print("both:", cm.exception)

    def test_count_equal(self):
        self.assertCountEqual([1, 2, 2], [2, 1, 2])
        self.assertCountEqual([1, 2, 2, "a"], [2, 1, 1, "b"])

    def test_count_equal_unhashable(self):
        self.assertCountEqual([[1], [2]], [[2], [2]])

    def test_regex(self):
        self.assertRegex("hello", "h.l")
        with self.subTest(k=1):
            self.assertRegex("hello", r"\d+")
        with self.subTest(k=2):
            self.assertNotRegex("abc123", r"\d+")

    def test_raises_ok(self):
        with self.assertRaises(KeyError) as cm:
            {}["x"]
        self.assertEqual(cm.exception.args, ("x",))
        self.assertRaises(ZeroDivisionError, lambda: 1 / 0)
        with self.assertRaisesRegex(ValueError, "bad .* here"):
            raise ValueError("bad thing here")
        self.assertRaisesRegex(TypeError, "^unsupported", lambda: 1 + "a")

    def test_raises_not_raised(self):
        with self.assertRaises(ValueError):
            pass

    def test_raises_not_raised_by(self):
        def quiet():
            return 1
        self.assertRaises(ValueError, quiet)

    def test_raises_tuple(self):
        with self.assertRaises((KeyError, IndexError)):
            pass

    def test_raises_other(self):
        with self.assertRaises(KeyError):
            raise ValueError("other")

    def test_raises_regex_mismatch(self):
        with self.assertRaisesRegex(ValueError, "expected"):
            raise ValueError("got this")

    def test_raises_msg(self):
        with self.assertRaises(KeyError, msg="with msg"):
            pass

    def test_raises_bad_type(self):
        with self.assertRaisesRegex(TypeError, "arg 1 must be") as cm:
            self.assertRaises(int, lambda: 0)
        print("bad type:", cm.exception)
        with self.assertRaises(TypeError) as cm:
            with self.assertRaises(KeyError, bad=1):
                pass
        print("bad keyword:", cm.exception)

    def test_warns(self):
        with self.assertWarns(DeprecationWarning) as cm:
            warnings.warn("old", DeprecationWarning)
        self.assertEqual(str(cm.warning), "old")
        with self.assertWarnsRegex(UserWarning, "o+"):
            warnings.warn("foo")
        with self.subTest(k="none"):
            with self.assertWarns(UserWarning):
                pass
        with self.subTest(k="regex"):
            with self.assertWarnsRegex(UserWarning, "xyz"):
                warnings.warn("abc")

    def test_fail(self):
        self.fail("explicit failure")

    def test_fail_none(self):
        self.fail()

    def test_error_in_test(self):
        raise RuntimeError("boom")

    def test_chained_error(self):
        try:
            raise ZeroDivisionError("zero")
        except ZeroDivisionError:
            raise ValueError("while handling")

    def test_custom_failure_exception(self):
        class Mine(AssertionError):
            pass
        raise Mine("mine")


class Described(unittest.TestCase):
    def test_doc(self):
        """The first line of the docstring.

        More text."""
        self.assertEqual(1, 1)

    def test_doc_fail(self):
        """Fails with a description."""
        self.assertEqual("a", "b")

    def test_ids(self):
        self.assertEqual(self.id(), "__main__.Described.test_ids")
        self.assertEqual(str(self), "test_ids (__main__.Described.test_ids)")
        self.assertEqual(repr(self), "<__main__.Described testMethod=test_ids>")
        self.assertIsNone(self.shortDescription())
        self.assertEqual(self.countTestCases(), 1)
        self.assertEqual(Described("test_ids"), Described("test_ids"))
        self.assertNotEqual(Described("test_ids"), Described("test_doc"))
        with self.assertRaises(ValueError) as cm:
            Described("nope")
        self.assertIn("no such test method in", str(cm.exception))

    def test_deprecated_alias(self):
        with self.assertWarns(DeprecationWarning):
            self.assertEquals(1, 1)


def run(verbosity):
    stream = io.StringIO()
    runner = unittest.TextTestRunner(stream=stream, verbosity=verbosity)
    program = unittest.main(argv=["prog"], testRunner=runner, exit=False)
    text = re.sub(r"Ran (\d+) tests? in \d+\.\d+s", r"Ran \1 tests in X.XXXs", stream.getvalue())
    # The report goes to stderr, as the runner's own stream would.
    sys.stderr.write(text)
    r = program.result
    print("run:", r.testsRun, "failures:", len(r.failures), "errors:", len(r.errors),
          "skipped:", len(r.skipped), "ok:", r.wasSuccessful())


run(1)

