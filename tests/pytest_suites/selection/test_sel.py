import pytest


def test_alpha():
    pass


def test_beta():
    assert False


def test_alpha_beta():
    pass


@pytest.mark.slow
def test_gamma():
    pass


class TestGroup:
    def test_alpha_in_class(self):
        pass

    def test_delta(self):
        pass


@pytest.mark.parametrize("p", ["one", "two"])
def test_param(p):
    pass
