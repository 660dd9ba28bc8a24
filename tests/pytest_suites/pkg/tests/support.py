import pytest


def make_abi_fixture(abis, class_fixture=False):
    if class_fixture:
        @pytest.fixture(params=abis)
        def abi(self, request):
            yield request.param
    else:
        @pytest.fixture(params=abis)
        def abi(request):
            yield request.param
    return abi


@pytest.mark.usefixtures("initargs")
class BaseTest:
    @pytest.fixture()
    def initargs(self, abi, recorder):
        self.abi = abi
        self.recorder = recorder

    def make(self, what):
        return "%s:%s" % (self.abi, what)
