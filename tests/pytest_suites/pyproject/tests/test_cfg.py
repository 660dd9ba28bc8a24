import pytest


def test_plain():
    assert 1 + 1 == 2


@pytest.mark.slow
def test_marked_slow():
    pass


@pytest.mark.xfail(reason="passes: strict from xfail_strict")
def test_xpass_is_strict():
    pass


@pytest.mark.xfail(strict=False, reason="passes: strict=False wins")
def test_xpass_not_strict():
    pass


@pytest.mark.xfail(reason="fails as expected")
def test_xfail():
    assert 0


def test_getini(pytestconfig):
    assert pytestconfig.getini("xfail_strict") is True
    assert pytestconfig.getini("testpaths") == ["tests"]
    assert any(m.startswith("slow:") for m in pytestconfig.getini("markers"))
