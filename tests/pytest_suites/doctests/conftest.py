import pytest

import shapes.conftest_state as state


@pytest.fixture(autouse=True)
def count_calls():
    state.calls += 1
    yield
