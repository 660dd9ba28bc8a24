"""hpymove's pytest: `--doctest-modules`. Every `.py` file under the given paths (not
`__main__.py` nor a setuptools `setup.py`) is imported as its test files are, and each
docstring with examples becomes one test item, named and run as pytest's doctest plugin does: node id
`path::dotted.name`, the ini option `doctest_optionflags` (ELLIPSIS by default), the first
failing example fails the item unless `--doctest-continue-on-failure`, an item whose
examples are all `+SKIP` is skipped, autouse fixtures apply. Not there: `--doctest-glob`
text files, the `doctest_namespace` and `getfixture` names in the examples' globals, the
ALLOW_UNICODE / ALLOW_BYTES / NUMBER flags."""

import os

import doctest
from _pytest_api import Skipped
import _pytest_fixtures as fx


def is_doctest_module(path):
    """Does `--doctest-modules` collect docstrings from this file? Not from `__main__.py`,
    nor from a `setup.py` that uses setuptools or distutils (as pytest decides)."""
    name = os.path.basename(path)
    if not name.endswith(".py") or name == "__main__.py":
        return False
    if name == "setup.py":
        try:
            with open(path, "rb") as f:
                text = f.read()
        except OSError:
            return True
        return b"setuptools" not in text and b"distutils" not in text
    return True


class DocTestFailure(Exception):
    """A doctest item's failure: the message is the report of its failing examples; the
    short summary shows no message for it, as pytest's does not."""

    short_message = ""


def optionflags(config):
    """The flags of the `doctest_optionflags` ini option (pytest's default: ELLIPSIS)."""
    cfg = getattr(config, "_inicfg", {})
    names = cfg.get("doctest_optionflags", "ELLIPSIS").split()
    flags = 0
    for name in names:
        if name not in doctest.OPTIONFLAGS_BY_NAME:
            raise ValueError("Unknown option flag %r in doctest_optionflags" % (name,))
        flags |= doctest.OPTIONFLAGS_BY_NAME[name]
    return flags


def _all_skipped(test):
    return all(ex.options.get(doctest.SKIP, False) for ex in test.examples)


def _runner_for(test, flags, continue_on_failure):
    """The item's body: runs `test`'s examples and raises DocTestFailure with the report
    of the first failing one (of all of them when continuing on failure)."""

    def run_doctest():
        if _all_skipped(test):
            raise Skipped("all tests skipped by +SKIP option")
        report = []
        runner = doctest.DocTestRunner(verbose=False, optionflags=flags if continue_on_failure
                                       else flags | doctest.FAIL_FAST)
        result = runner.run(test, out=report.append, clear_globs=False)
        if result.failed:
            # The report without its leading divider of asterisks.
            text = "".join(report).strip("\n")
            raise DocTestFailure(text[len(doctest.DocTestRunner.DIVIDER):].lstrip("\n")
                                 if text.startswith(doctest.DocTestRunner.DIVIDER) else text)

    run_doctest.__name__ = test.name
    return run_doctest


def collect_doctests(collector, path, nodeid, module, conftests, item_class):
    """The doctest items of an imported module (those docstrings that have examples)."""
    session = collector.session
    flags = optionflags(session.config)
    continue_on_failure = bool(getattr(session.config.option,
                                       "doctest_continue_on_failure", False))
    finder = doctest.DocTestFinder()
    items = []
    for test in finder.find(module, module.__name__):
        if not test.examples:
            continue
        lineno = test.lineno if test.lineno is not None else 0
        item = item_class(session, nodeid + "::" + test.name, test.name, test.name, module,
                          None, _runner_for(test, flags, continue_on_failure), conftests, path,
                          [], {}, lineno)
        item.dtest = test
        item.fixturenames = fx.fixture_closure(item, fx.autouse_names(item))
        item.argnames = []
        item.keywords = collector.keywords_of(item, path)
        items.append(item)
    return items
