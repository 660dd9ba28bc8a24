import unittest


class Alpha(unittest.TestCase):
    def test_pass(self):
        self.assertEqual(sum([1, 2]), 3)

    def test_fail(self):
        self.assertEqual(sorted([3, 1]), [1, 2])

    @unittest.skip("not ready")
    def test_skipped(self):
        pass

    def test_error(self):
        raise ValueError("bad value")


class Beta(unittest.TestCase):
    def test_other_pass(self):
        self.assertIn("a", "abc")


if __name__ == "__main__":
    unittest.main()
