"""unittest's TestResult: what a run collected (failures, errors, skips, expected
failures, unexpected successes), each failure as the text of its traceback without
unittest's own frames."""

import io
import sys

from unittest import util as _util

__unittest = True

STDOUT_LINE = "\nStdout:\n%s"
STDERR_LINE = "\nStderr:\n%s"


def failfast(method):
    """Stops the run after the wrapped method when the result is in failfast mode."""
    def inner(self, *args, **kw):
        if getattr(self, "failfast", False):
            self.stop()
        return method(self, *args, **kw)
    inner.__name__ = method.__name__
    inner.__doc__ = method.__doc__
    return inner


def _is_unittest_frame(filename):
    return filename.startswith("<hpymove stdlib>/unittest/")


def _chain(exc):
    """`exc` and the exceptions it was raised from or during, oldest first (the order
    of the traceback text's parts)."""
    out = [exc]
    seen = {id(exc)}
    while True:
        cur = out[0]
        nxt = getattr(cur, "__cause__", None)
        if nxt is None and not getattr(cur, "__suppress_context__", False):
            nxt = getattr(cur, "__context__", None)
        if nxt is None or id(nxt) in seen:
            return out
        seen.add(id(nxt))
        out.insert(0, nxt)


def _clean_part(lines, is_failure):
    # One exception's part of the text: unittest's frames before the test's are
    # dropped; for a failure of the test's failureException also those after it (the
    # assert method), as CPython's unittest does. The message follows the frames.
    out = []
    frames_kept = 0
    leading = True
    cut = False
    i = 0
    in_frames = True
    while i < len(lines):
        line = lines[i]
        if in_frames and line.startswith('  File "') and ", line " in line:
            j = i + 1
            while j < len(lines) and lines[j].startswith("    "):
                j += 1
            fname = line[8:line.index('"', 8)]
            ours = _is_unittest_frame(fname)
            if ours and is_failure and not leading:
                cut = True
            if not (ours and leading) and not cut:
                out.extend(lines[i:j])
                frames_kept += 1
            if not ours:
                leading = False
            i = j
            continue
        if line != "Traceback (most recent call last):":
            in_frames = False
        out.append(line)
        i += 1
    if frames_kept == 0 and out and out[0] == "Traceback (most recent call last):":
        out.pop(0)
    return out


def traceback_text(err, test=None):
    """The traceback text of `err` (an exc_info triple) as unittest reports it, in
    every exception of the chain: without unittest's frames around the test's."""
    exc = err[1]
    if exc is None:
        exc = err[0]()
    failure = getattr(test, "failureException", AssertionError)
    chain = _chain(exc)
    text = sys._format_exception(exc)
    if text.endswith("\n"):
        text = text[:-1]
    lines = text.split("\n")
    parts = [[]]
    separators = []
    for k, line in enumerate(lines):
        if line.startswith(("During handling of the above exception",
                            "The above exception was the direct cause")):
            # The part ends with an empty line; the separator is followed by another.
            parts[-1].pop()
            separators.append(line)
            parts.append([])
            continue
        if separators and not parts[-1] and line == "" and lines[k - 1] == separators[-1]:
            continue
        parts[-1].append(line)
    if len(parts) != len(chain):
        chain = [None] * (len(parts) - 1) + [exc]
    out = []
    for k, part in enumerate(parts):
        if k:
            out.extend(["", separators[k - 1], ""])
        out.extend(_clean_part(part, type(chain[k]) is failure))
    return "\n".join(out) + "\n"


class TestResult(object):
    """Collects the outcome of each test; the runner reports it."""

    _previousTestClass = None
    _testRunEntered = False
    _moduleSetUpFailed = False

    def __init__(self, stream=None, descriptions=None, verbosity=None):
        self.failfast = False
        self.failures = []
        self.errors = []
        self.testsRun = 0
        self.skipped = []
        self.expectedFailures = []
        self.unexpectedSuccesses = []
        self.shouldStop = False
        self.buffer = False
        self.tb_locals = False
        self._stdout_buffer = None
        self._stderr_buffer = None
        self._original_stdout = sys.stdout
        self._original_stderr = sys.stderr
        self._mirrorOutput = False

    def printErrors(self):
        """Called by the runner after the tests have run."""

    def startTest(self, test):
        self.testsRun += 1
        self._mirrorOutput = False
        self._setupStdout()

    def _setupStdout(self):
        if self.buffer:
            if self._stderr_buffer is None:
                self._stderr_buffer = io.StringIO()
                self._stdout_buffer = io.StringIO()
            sys.stdout = self._stdout_buffer
            sys.stderr = self._stderr_buffer

    def startTestRun(self):
        """Called once before any test runs."""

    def stopTest(self, test):
        self._restoreStdout()
        self._mirrorOutput = False

    def _restoreStdout(self):
        if self.buffer:
            if self._mirrorOutput:
                output = sys.stdout.getvalue()
                error = sys.stderr.getvalue()
                if output:
                    if not output.endswith("\n"):
                        output += "\n"
                    self._original_stdout.write(STDOUT_LINE % output)
                if error:
                    if not error.endswith("\n"):
                        error += "\n"
                    self._original_stderr.write(STDERR_LINE % error)
            sys.stdout = self._original_stdout
            sys.stderr = self._original_stderr
            self._stdout_buffer.seek(0)
            self._stdout_buffer.truncate()
            self._stderr_buffer.seek(0)
            self._stderr_buffer.truncate()

    def stopTestRun(self):
        """Called once after all tests have run."""

    @failfast
    def addError(self, test, err):
        self.errors.append((test, self._exc_info_to_string(err, test)))
        self._mirrorOutput = True

    @failfast
    def addFailure(self, test, err):
        self.failures.append((test, self._exc_info_to_string(err, test)))
        self._mirrorOutput = True

    def addSubTest(self, test, subtest, err):
        if err is not None:
            if getattr(self, "failfast", False):
                self.stop()
            if issubclass(err[0], test.failureException):
                errors = self.failures
            else:
                errors = self.errors
            errors.append((subtest, self._exc_info_to_string(err, test)))
            self._mirrorOutput = True

    def addSuccess(self, test):
        pass

    def addSkip(self, test, reason):
        self.skipped.append((test, reason))

    def addExpectedFailure(self, test, err):
        self.expectedFailures.append((test, self._exc_info_to_string(err, test)))

    @failfast
    def addUnexpectedSuccess(self, test):
        self.unexpectedSuccesses.append(test)

    def wasSuccessful(self):
        return (len(self.failures) == len(self.errors) == 0
                and len(self.unexpectedSuccesses) == 0)

    def stop(self):
        self.shouldStop = True

    def _exc_info_to_string(self, err, test):
        text = traceback_text(err, test)
        if self.buffer:
            output = sys.stdout.getvalue()
            error = sys.stderr.getvalue()
            if output:
                if not output.endswith("\n"):
                    output += "\n"
                text += STDOUT_LINE % output
            if error:
                if not error.endswith("\n"):
                    error += "\n"
                text += STDERR_LINE % error
        return text

    def __repr__(self):
        return ("<%s run=%i errors=%i failures=%i>"
                % (_util.strclass(self.__class__), self.testsRun, len(self.errors),
                   len(self.failures)))
