import sys
import pytest


def test_passes():
    assert 1 + 1 == 2


def test_fails():
    x = [1, 2]
    assert x == [1, 3]


def test_raises_other():
    {}["missing"]


@pytest.mark.skip(reason="not today")
def test_skip_mark():
    assert False


@pytest.mark.skipif(sys.platform != "nonexistent", reason="always skipped")
def test_skipif_true():
    assert False


@pytest.mark.skipif(False, reason="never skipped")
def test_skipif_false():
    pass


def test_skip_call():
    pytest.skip("skipped inside")


def test_fail_call():
    pytest.fail("explicit failure")


@pytest.mark.xfail(reason="known bug")
def test_xfail_fails():
    assert 0


@pytest.mark.xfail(reason="fixed already")
def test_xfail_passes():
    pass


@pytest.mark.xfail(reason="strict", strict=True)
def test_xfail_strict_passes():
    pass


@pytest.mark.xfail(raises=KeyError)
def test_xfail_wrong_exception():
    raise ValueError("not a KeyError")


def test_xfail_call():
    pytest.xfail("imperative xfail")


def test_raises_ok():
    with pytest.raises(ValueError):
        int("x")
    with pytest.raises((KeyError, IndexError)) as info:
        [][1]
    assert info.type is IndexError
    assert "index" in str(info.value)


def test_raises_match():
    with pytest.raises(ValueError, match=r"^invalid literal .* base 10"):
        int("nope")
    with pytest.raises(SystemError, match="HPy does not permit HPyModuleDef.size < 0"):
        raise SystemError("HPy does not permit HPyModuleDef.size < 0")
    e = pytest.raises(ZeroDivisionError, lambda: 1 / 0)
    assert e.match("division")


def test_raises_no_match():
    with pytest.raises(ValueError, match="something else"):
        raise ValueError("the message")


def test_did_not_raise():
    with pytest.raises(TypeError):
        pass


def test_output_captured():
    print("hello from a failing test")
    sys.stderr.write("to stderr\n")
    assert False


def test_output_of_passing_test():
    print("this output is not shown")


@pytest.mark.syncgc
def test_custom_mark():
    pass


class TestClass:
    value = 3

    def test_method(self):
        assert self.value == 3

    def test_method_fails(self):
        assert self.value == 4

    def helper(self):
        pass


class TestFresh:
    def test_one(self):
        self.seen = 1

    def test_two(self):
        assert not hasattr(self, "seen")


class NotATest:
    def test_ignored(self):
        assert False


class TestWithInit:
    def __init__(self):
        pass

    def test_ignored(self):
        assert False


def helper_not_collected():
    assert False


def test_approx():
    assert 0.1 + 0.2 == pytest.approx(0.3)
    assert [0.1 + 0.2, 1.0] == pytest.approx([0.3, 1.0])
