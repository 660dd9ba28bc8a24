"""unittest: hpymove's own implementation of Python's unit-testing framework, with the
API and the output of CPython 3.11's: TestCase and its assert methods, skips and
expected failures, subtests, class and module fixtures, suites, the loader (names and
discovery), the text runner and `unittest.main` / `hpymove -m unittest`."""

__all__ = ["TestResult", "TestCase", "TestSuite",
           "TextTestRunner", "TestLoader", "FunctionTestCase", "main",
           "defaultTestLoader", "SkipTest", "skip", "skipIf", "skipUnless",
           "expectedFailure", "TextTestResult", "registerResult", "removeResult",
           "addModuleCleanup", "doModuleCleanups", "enterModuleContext",
           "getTestCaseNames", "makeSuite", "findTestCases"]

__unittest = True

from unittest.result import TestResult
from unittest.case import (addModuleCleanup, TestCase, FunctionTestCase, SkipTest, skip,
                           skipIf, skipUnless, expectedFailure, doModuleCleanups,
                           enterModuleContext)
from unittest.suite import BaseTestSuite, TestSuite
from unittest.loader import (TestLoader, defaultTestLoader, makeSuite, getTestCaseNames,
                             findTestCases)
from unittest.main import TestProgram, main
from unittest.runner import TextTestRunner, TextTestResult

_registered = []


def registerResult(result):
    _registered.append(result)


def removeResult(result):
    if result in _registered:
        _registered.remove(result)
        return True
    return False
