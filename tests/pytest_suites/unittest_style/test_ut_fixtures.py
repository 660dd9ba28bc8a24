"""Class and module fixtures of unittest under pytest: setUpModule/tearDownModule,
setUpClass/tearDownClass (and their failures), class cleanups."""
import unittest

log = []


def setUpModule():
    log.append("setUpModule")


def tearDownModule():
    log.append("tearDownModule")


class First(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        log.append("setUpClass First")
        cls.resource = "ready"

    @classmethod
    def tearDownClass(cls):
        log.append("tearDownClass First")

    def test_a(self):
        self.assertEqual(self.resource, "ready")
        self.assertEqual(log[0], "setUpModule")

    def test_b(self):
        self.assertEqual(log.count("setUpClass First"), 1)


class Second(unittest.TestCase):
    def test_order(self):
        self.assertEqual(log, ["setUpModule", "setUpClass First", "tearDownClass First"])


class ClassSetUpFails(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        raise OSError("no database")

    def test_one(self):
        pass

    def test_two(self):
        pass


class ClassTearDownFails(unittest.TestCase):
    @classmethod
    def tearDownClass(cls):
        raise ValueError("teardown class broke")

    def test_only(self):
        pass


class ClassCleanups(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.addClassCleanup(log.append, "class cleanup")

    def test_z(self):
        pass


class ZLast(unittest.TestCase):
    def test_log(self):
        self.assertIn("class cleanup", log)
