# unittest.mock's basics: call recording, return_value / side_effect, child mocks and
# their names, the assert_* messages, MagicMock's magic methods, spec, and patch /
# patch.object / patch.dict as decorators, context managers and start/stop.
import os
import re
import unittest
from unittest import mock
from unittest.mock import MagicMock, Mock, call, patch, sentinel, ANY


def shown(m):
    # A mock's repr without its id.
    return re.sub(r" id='\d+'", "", repr(m))


def failure(f, *args, **kwargs):
    try:
        f(*args, **kwargs)
    except AssertionError as e:
        print("AssertionError:", e)
    else:
        print("no failure")


m = Mock(name="thing")
print(shown(m(1, 2)), m.called, m.call_count, m.call_args, m.call_args.args, m.call_args.kwargs)
args, kwargs = m.call_args
print(args, kwargs)
m.assert_called_with(1, 2)
m.assert_called_once_with(1, ANY)
failure(m.assert_called_with, 1, 3)
failure(m.assert_called_with, 1, 2, key="v")
failure(Mock().assert_called_with, 5)
failure(Mock().assert_called_once_with, 5)
failure(Mock().assert_called)
n = Mock()
n()
n(x=1)
failure(n.assert_called_once)
failure(n.assert_not_called)
failure(n.assert_any_call, 9)
n.assert_any_call(x=1)
print(shown(n.foo.bar), n.method_calls, n.mock_calls)
n.foo.bar(3, x=1)
n.foo().baz("q")
print(n.method_calls)
print(n.mock_calls)
print(shown(n.foo().baz), shown(n.foo.return_value))
n.assert_has_calls([call(), call(x=1)])
n.assert_has_calls([call.foo.bar(3, x=1), call(x=1)], any_order=True)
failure(n.assert_has_calls, [call(5)])
failure(n.assert_has_calls, [call(x=1), call()])
print(call(1, a=2), call.foo(1), call.foo.bar, call(1) == call(1), call(1) == call(2))
print(n.call_args_list == [call(), call(x=1)])
n.reset_mock()
print(n.called, n.call_count, n.mock_calls, n.foo.bar.called)

print(Mock(return_value=3)(), Mock(side_effect=[1, 2])(), Mock(side_effect=lambda x: x * 2)(4))
effects = Mock(side_effect=[10, KeyError("second"), 30])
print(effects())
try:
    effects()
except KeyError as e:
    print("KeyError", e)
print(effects())
try:
    effects()
except StopIteration:
    print("StopIteration")
try:
    Mock(side_effect=ValueError)()
except ValueError as e:
    print("ValueError", repr(e))
print(Mock(wraps=len)([1, 2, 3]))
configured = Mock(**{"method.return_value": 5, "other.side_effect": KeyError, "attr": 7})
print(configured.method(), configured.attr)
try:
    Mock().assert_called_wiht()
except AttributeError as e:
    print("AttributeError:", e)

s = Mock(spec=["a", "b"])
print(shown(s.a))
try:
    s.c
except AttributeError as e:
    print("AttributeError:", e)


class Real:
    def method(self):
        return "real"


sp = Mock(spec=Real)
print(shown(sp))
try:
    sp.nope
except AttributeError as e:
    print("AttributeError:", e)

mm = MagicMock()
print(len(mm), list(mm), 3 in mm, int(mm), float(mm), bool(mm), shown(mm[1]))
mm.__len__.return_value = 4
mm.__getitem__.side_effect = lambda k: k * 10
mm.__iter__.return_value = iter([1, 2])
print(len(mm), mm[3], list(mm), mm == mm, mm != mm, mm == 3)
with mm as entered:
    print(entered is mm.__enter__.return_value)
mm.__enter__.return_value = "resource"
with mm as entered:
    print(entered)
print(mm.__exit__.call_count, mm.__getitem__.call_args_list)
plain = Mock()
plain.__len__ = Mock(return_value=2)
print(len(plain))
print(sentinel.token, sentinel.token is sentinel.token, ANY == object())


def read_config():
    return os.getcwd()


class Service:
    def fetch(self):
        return "network"


SETTINGS = {"mode": "prod"}


class PatchTests(unittest.TestCase):
    @patch("os.getcwd")
    def test_decorator(self, getcwd):
        getcwd.return_value = "/patched"
        self.assertEqual(read_config(), "/patched")
        getcwd.assert_called_once_with()

    @patch.object(Service, "fetch", return_value="mocked")
    @patch("os.getcwd", return_value="/two")
    def test_stacked(self, getcwd, fetch):
        self.assertEqual(Service().fetch(), "mocked")
        self.assertEqual(read_config(), "/two")

    def test_context_manager(self):
        with patch.object(Service, "fetch") as fetch:
            fetch.return_value = 42
            self.assertEqual(Service().fetch(), 42)
        self.assertEqual(Service().fetch(), "network")

    def test_new(self):
        with patch("os.getcwd", new=lambda: "/lambda"):
            self.assertEqual(read_config(), "/lambda")
        self.assertNotEqual(read_config(), "/lambda")

    @patch.dict(SETTINGS, {"mode": "test", "extra": 1})
    def test_dict(self):
        self.assertEqual(SETTINGS, {"mode": "test", "extra": 1})

    def test_dict_clear(self):
        with patch.dict(SETTINGS, clear=True):
            self.assertEqual(SETTINGS, {})
        self.assertEqual(SETTINGS, {"mode": "prod"})

    def test_start_stop(self):
        patcher = patch.object(Service, "fetch", return_value="started")
        fetch = patcher.start()
        self.addCleanup(patcher.stop)
        self.assertEqual(Service().fetch(), "started")
        fetch.assert_called_once_with()

    def test_missing_attribute(self):
        with self.assertRaises(AttributeError):
            with patch.object(Service, "nothing"):
                pass
        with patch.object(Service, "nothing", create=True, new=1):
            self.assertEqual(Service.nothing, 1)
        self.assertFalse(hasattr(Service, "nothing"))

    def test_failing_assert(self):
        with patch("os.getcwd") as getcwd:
            read_config()
            getcwd.assert_called_with("x")


result = unittest.TestResult()
unittest.defaultTestLoader.loadTestsFromTestCase(PatchTests).run(result)
print(result.testsRun, len(result.failures), len(result.errors))
for test, text in result.failures + result.errors:
    print(test.id())
    print(text.splitlines()[-3:])
print(Service().fetch(), SETTINGS, read_config() == os.getcwd())
