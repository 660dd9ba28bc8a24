import unittest


class Hidden(unittest.TestCase):
    def test_not_discovered(self):
        self.fail("a directory without __init__.py is not searched")
