"""hpymove's replacement for HPy's test/conftest.py (written for hpymove): the fixtures the
suite's tests ask for, over this directory's support.py."""

import sys

import pytest

from .support import (
    ExtensionCompiler,
    DefaultExtensionTemplate,
    HPyDebugCapture,
    PythonSubprocessRunner,
    make_hpy_abi_fixture,
)

IS_VALGRIND_RUN = False


def pytest_addoption(parser):
    parser.addoption("--compiler-v", action="store_true", help="accepted, no effect")
    parser.addoption("--subprocess-v", action="store_true",
                     help="show the output of python_subprocess runs")
    parser.addoption("--dump-dir", help="accepted, no effect")
    parser.addoption("--reuse-venv", action="store_true", help="accepted, no effect")


def pytest_configure(config):
    config.addinivalue_line("markers", "syncgc: Mark tests that rely on a synchronous GC.")


hpy_abi = make_hpy_abi_fixture("default")


@pytest.fixture(scope="session")
def hpy_devel(request):
    # Nothing is compiled here: the modules were built on CPython beforehand.
    return None


@pytest.fixture
def leakdetector(hpy_abi):
    # hpy.universal's leak detector is for its debug mode; hpymove's is `--debug`.
    yield None


@pytest.fixture
def ExtensionTemplate():
    return DefaultExtensionTemplate


@pytest.fixture
def compiler(request, tmpdir, hpy_devel, hpy_abi, ExtensionTemplate):
    return ExtensionCompiler(tmpdir, hpy_devel, hpy_abi, ExtensionTemplate=ExtensionTemplate)


@pytest.fixture(scope="session")
def fatal_exit_code(request):
    return -6  # SIGABRT


@pytest.fixture
def python_subprocess(request, hpy_abi):
    yield PythonSubprocessRunner(request.config.getoption("--subprocess-v"), hpy_abi)


@pytest.fixture()
def hpy_debug_capture(request, hpy_abi):
    assert hpy_abi == "debug"
    with HPyDebugCapture() as reporter:
        yield reporter
