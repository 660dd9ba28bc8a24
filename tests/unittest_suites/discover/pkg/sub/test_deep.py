import unittest


def setUpModule():
    print("setUpModule of pkg.sub.test_deep")


class Deep(unittest.TestCase):
    def test_deep(self):
        self.assertTrue(__name__ == "pkg.sub.test_deep")
