import pytest

pytestmark = pytest.mark.slow


def test_a():
    pass


def test_b():
    assert "abc".upper() == "ABD"


@pytest.mark.skip
def test_c():
    pass
