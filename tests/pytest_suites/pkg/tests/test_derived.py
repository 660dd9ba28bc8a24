from .support import make_abi_fixture
from .test_base import TestBase as _TestBase

abi = make_abi_fixture(["universal"])


class TestDerived(_TestBase):
    def test_extra(self):
        assert self.abi == "universal"


class TestClassLevel(_TestBase):
    abi = make_abi_fixture(["debug", "universal"], class_fixture=True)

    def test_class_abi(self):
        assert self.abi in ("debug", "universal")
