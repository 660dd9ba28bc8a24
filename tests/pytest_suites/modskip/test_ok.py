import pytest
np = pytest.importorskip("no_such_mod_xyz")

def test_x():
    pass
