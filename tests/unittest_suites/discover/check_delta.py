import unittest


class Delta(unittest.TestCase):
    def test_by_pattern(self):
        self.assertGreater(2, 1)
