"""hpymove's pytest-compatible test runner (`hpymove -m pytest [options] [paths]`): the
public names test files import. The runner itself is in the `_pytest_*` modules, which
every copy of this module shares (`-m pytest` runs this file as `__main__`, and the test
files then import it again as `pytest`)."""

import sys as _sys

from _pytest_api import (
    skip, fail, xfail, exit, importorskip, mark, param, fixture, yield_fixture, raises,
    approx, hookimpl, hookspec, Mark, MarkDecorator, MarkGenerator, ExceptionInfo,
    UsageError, ParameterSet, warns, deprecated_call, WarningsRecorder,
)
from _pytest_fixtures import (
    FixtureRequest, MonkeyPatch, CaptureFixture, TempPathFactory, FixtureLookupError,
)
from _pytest_options import Config, Parser
from _pytest_main import main, Session, EXIT_OK, EXIT_TESTSFAILED, EXIT_INTERRUPTED, \
    EXIT_INTERNALERROR, EXIT_USAGEERROR, EXIT_NOTESTSCOLLECTED
from _pytest_collect import Item

Function = Item
version_tuple = (8, 3, 5)
__version__ = "8.3.5"


class ExitCode:
    OK = EXIT_OK
    TESTS_FAILED = EXIT_TESTSFAILED
    INTERRUPTED = EXIT_INTERRUPTED
    INTERNAL_ERROR = EXIT_INTERNALERROR
    USAGE_ERROR = EXIT_USAGEERROR
    NO_TESTS_COLLECTED = EXIT_NOTESTSCOLLECTED


if __name__ == "__main__":
    _sys.exit(main())
