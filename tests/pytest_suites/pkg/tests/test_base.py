from .support import BaseTest, make_abi_fixture


class TestBase(BaseTest):
    def test_make(self):
        assert self.make("x") == self.abi + ":x"

    def test_recorder(self):
        assert self.recorder == []


def test_module_function(abi):
    assert abi in ("cpython", "universal", "debug")
