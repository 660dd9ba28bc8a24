import unittest

from pkg import helper


class InPackage(unittest.TestCase):
    def test_helper(self):
        self.assertEqual(helper.double(4), 8)

    def test_subtests(self):
        for n in range(3):
            with self.subTest(n=n):
                self.assertEqual(helper.double(n) % 4, 0)
