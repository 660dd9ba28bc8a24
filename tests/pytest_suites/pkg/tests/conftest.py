import pytest
from .support import make_abi_fixture

abi = make_abi_fixture(["cpython", "universal", "debug"])


@pytest.fixture
def recorder():
    return []
