"""An extension author's conftest.py: HPy's pytest helpers (the `hpy_debug` fixture) and
the module under test loaded with hpy.universal in debug mode (per module on CPython's
hpy.universal; hpymove runs this suite with --debug)."""

import os
import types

import pytest

import hpy.universal
from hpy.debug.pytest import hpy_debug, LeakDetector  # noqa: F401 (the fixture)


def load(name):
    path = os.path.join(os.environ["HPY_AUTHOR_EXT"], name + ".hpy0.so")
    spec = types.SimpleNamespace(name=name, origin=path)
    return hpy.universal.load(name, path, spec, debug=True)


@pytest.fixture(scope="session")
def leak():
    return load("leak")
