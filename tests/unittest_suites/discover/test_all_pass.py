import unittest


class AllPass(unittest.TestCase):
    def test_one(self):
        pass

    @unittest.expectedFailure
    def test_expected(self):
        self.assertEqual(1, 0)
