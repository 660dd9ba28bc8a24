"""hpymove's pytest: what a test run reports, as pytest prints it: the outcome of each
phase, failures with their tracebacks (from hpymove's traceback text, the runner's own
frames left out), the progress, the FAILURES / ERRORS sections, the short test summary and
the final line."""

import sys
import os
import time

from _pytest_api import OutcomeException
import _pytest_collect as col

WIDTH = 80

CURRENT_SESSION = [None]


class TestReport:
    def __init__(self, item, when, outcome, longrepr="", message="", sections=None,
                 wasxfail=None, skip_location=None):
        self.item = item
        self.nodeid = item.nodeid if item is not None else ""
        self.when = when
        self.outcome = outcome  # passed / failed / skipped
        self.longrepr = longrepr
        self.message = message
        self.sections = sections or []
        self.wasxfail = wasxfail
        self.skip_location = skip_location
        self.session = CURRENT_SESSION[0]


def format_failure(e, style, rootdir):
    """The failure text of exception `e` in pytest's long or short style (from hpymove's
    traceback report: the runner's own frames left out)."""
    text = sys._format_exception(e)
    lines = text.rstrip("\n").split("\n")
    entries = []  # (file, line, func, source)
    tail = []
    i = 0
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        separator = (line.startswith(("During handling", "The above exception")) or (
            line == "" and i + 1 < len(lines)
            and lines[i + 1].startswith(("During handling", "The above exception"))))
        if tail and not separator:
            # The message, after the frames: all of it, blank and indented lines too.
            tail.append(line)
        elif s.startswith('File "') and ", line " in s:
            fname = s[6:s.index('"', 6)]
            rest = s[s.index('"', 6) + 1:]
            lineno = rest.split(", line ")[1].split(",")[0]
            func = rest.split(", in ")[1] if ", in " in rest else "?"
            src = ""
            if i + 1 < len(lines) and lines[i + 1].startswith("    ") and not lines[
                    i + 1].strip().startswith('File "'):
                src = lines[i + 1].strip()
                i += 1
            entries.append((fname, lineno, func, src))
        elif line.startswith("Traceback (most recent call last)") or line.startswith("  "):
            pass
        elif separator:
            entries = []
            tail = []
        else:
            tail.append(line)
        i += 1
    entries = [en for en in entries if not _runner_file(en[0])]
    out = []
    if isinstance(e, OutcomeException):
        # pytest.fail()/skip(): the message only (and where it was raised)
        msg = e.msg or ""
        if not getattr(e, "pytrace", True):
            return msg
        block = None
        prefix = "E   "
        if entries:
            en = entries[-1]
            block = _function_source(en[0], en[1]) if style != "short" else None
            if block is not None:
                out.append("")
                out.extend(block)
                indent = len(block[-1]) - len(block[-1][1:].lstrip()) - 1
                prefix = "E" + " " * (3 + max(indent - 3, 0))
            else:
                out.append("%s:%s: in %s" % (_short_path(en[0], rootdir), en[1], en[2]))
                if en[3]:
                    out.append("    " + en[3])
        for k, m in enumerate(msg.split("\n")):
            out.append(prefix + ("Failed: " if k == 0 else "") + m)
        if block is not None:
            en = entries[-1]
            out.append("")
            out.append("%s:%s: %s" % (_short_path(en[0], rootdir), en[1], type(e).__name__))
        return "\n".join(out)
    for k, (fname, lineno, func, src) in enumerate(entries):
        last = k == len(entries) - 1
        if style == "long" or (style == "auto" and (k == 0 or last)):
            out.append("")
            block = _function_source(fname, lineno)
            if block is not None:
                out.extend(block)
                indent = len(block[-1]) - len(block[-1][1:].lstrip()) - 1
            elif src:
                out.append(">   " + src)
                indent = 0
            if last:
                explained = _explained_assert(e)
                for j, t in enumerate(tail):
                    if j == 0 and explained and t.startswith("AssertionError: "):
                        t = t[len("AssertionError: "):]
                    out.append("E" + " " * (3 + max(indent - 3, 0)) + t)
                tail = []
            if not last:
                out.append("")
                out.append("%s:%s: " % (_short_path(fname, rootdir), lineno))
                out.append("_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ "
                           "_ _ _ _ _ _ _")
        else:
            out.append("%s:%s: in %s" % (_short_path(fname, rootdir), lineno, func))
            if src:
                out.append("    " + src)
    if _explained_assert(e) and tail and tail[0].startswith("AssertionError: "):
        tail[0] = tail[0][len("AssertionError: "):]
    if style in ("long", "auto"):
        for t in tail:
            out.append("E   " + t)
        if entries:
            en = entries[-1]
            out.append("")
            out.append("%s:%s: %s" % (_short_path(en[0], rootdir), en[1], type(e).__name__))
    else:
        for t in tail:
            out.append("E   " + t)
    if style == "short":
        while out and out[0] == "":
            out.pop(0)
    return "\n".join(out)


_SOURCES = {}


def _function_source(fname, lineno):
    """The lines of the function around line `lineno` of `fname`, from its `def` to that
    line, as pytest's long tracebacks show them (`>` at the failing line); None when the
    source cannot be read."""
    if fname.startswith("<"):
        return None
    lines = _SOURCES.get(fname)
    if lines is None:
        try:
            with open(fname) as f:
                lines = f.read().split("\n")
        except (OSError, UnicodeDecodeError):
            lines = []
        _SOURCES[fname] = lines
    try:
        n = int(lineno)
    except ValueError:
        return None
    if not (0 < n <= len(lines)):
        return None
    target = lines[n - 1]
    tindent = len(target) - len(target.lstrip())
    start = n - 1
    while start > 0:
        text = lines[start]
        stripped = text.lstrip()
        ind = len(text) - len(stripped)
        if stripped.startswith(("def ", "async def ")) and (ind < tindent or start == n - 1):
            break
        if stripped and ind == 0 and start != n - 1 and not stripped.startswith(("#", ")")):
            start = -1  # module level code: only the failing line
            break
        start -= 1
    if start < 0 or not lines[start].lstrip().startswith(("def ", "async def ")):
        start = n - 1
    base = len(lines[start]) - len(lines[start].lstrip())
    block = []
    for i in range(start, n):
        text = lines[i][base:] if lines[i][:base].strip() == "" else lines[i].lstrip()
        block.append((">   " if i == n - 1 else "    ") + text)
    return block


def _from_mark(e):
    return getattr(e, "from_mark", False)


def raise_location(e, rootdir):
    """`file:line` of the test code that raised `e` (pytest.skip() and the like)."""
    text = sys._format_exception(e)
    last = None
    for line in text.split("\n"):
        s = line.strip()
        if s.startswith('File "') and ", line " in s:
            fname = s[6:s.index('"', 6)]
            if _runner_file(fname):
                continue
            lineno = s[s.index('"', 6) + 1:].split(", line ")[1].split(",")[0]
            last = "%s:%s" % (_short_path(fname, rootdir), lineno)
    return last


def _runner_file(fname):
    if fname.startswith("<hpymove stdlib>/unittest/"):
        # unittest's own frames, which pytest hides too.
        return True
    base = os.path.basename(fname)
    return base.startswith("_pytest_") or (base == "pytest.py" and "stdlib" in fname)


def _short_path(fname, rootdir):
    if not fname.startswith("/") and not fname.startswith("<"):
        fname = os.path.abspath(fname)
    if fname.startswith("/"):
        r = col.relpath(fname, os.getcwd())
        if not r.startswith(".."):
            return r
    return fname


def _explained_assert(e):
    """An AssertionError of an explained `assert` (pytest shows it without its class name
    when its repr starts with `AssertionError('assert `)."""
    return type(e) is AssertionError and repr(e).startswith("AssertionError('assert ")


def exc_message(e):
    """The one-line `Type: message` of a failure for the short summary."""
    if isinstance(getattr(type(e), "short_message", None), str):
        return type(e).short_message  # a failure that names no message (a doctest's)
    if isinstance(e, OutcomeException):
        text = e.msg or ""
        return "Failed: " + text if type(e).__name__ in ("Failed",) else text
    if _explained_assert(e):
        return str(e)
    name = type(e).__name__
    mod = getattr(type(e), "__module__", "builtins")
    if mod not in ("builtins", "__main__", None) and not mod.startswith("_pytest"):
        name = mod + "." + name
    msg = str(e)
    return "%s: %s" % (name, msg) if msg else name


# ---------------------------------------------------------------------------- output

class Terminal:
    def __init__(self, stream):
        self.stream = stream
        self.col = 0

    def write(self, text):
        self.stream.write(text)
        if "\n" in text:
            self.col = len(text) - text.rindex("\n") - 1
        else:
            self.col += len(text)
        flush = getattr(self.stream, "flush", None)
        if flush is not None:
            flush()

    def line(self, text=""):
        self.write(text + "\n")

    def sep(self, ch, title=None):
        if title is None:
            self.line(ch * WIDTH)
            return
        n = (WIDTH - len(title) - 2) // (2 * len(ch))
        if n < 1:
            n = 1
        fill = ch * n
        line = "%s %s %s" % (fill, title, fill)
        if len(line) + len(ch.rstrip()) <= WIDTH:
            line += ch.rstrip()
        self.line(line)


def plural(n, word):
    if word == "error" and n != 1:
        return "%d errors" % n
    if word == "warning" and n != 1:
        return "%d warnings" % n
    return "%d %s" % (n, word)


def _progress(done, total):
    if total == 0:
        return "[100%]"
    return "[%3d%%]" % (done * 100 // total)


def _end_progress_line(tw, done, total):
    text = _progress(done, total)
    pad = WIDTH - 1 - tw.col - len(text)
    if pad < 1:
        pad = 1
    tw.line(" " * pad + text)


def _verbose_word(tw, word, rep, done, total):
    text = word
    if word == "XFAIL" and rep.message:
        # An empty reason ("reason: " of a plain xfail()) is not shown.
        reason = rep.message
        if reason.startswith("reason: "):
            reason = reason[len("reason: "):]
        text = word + " (%s)" % reason if reason else word
    elif word == "SKIPPED" and rep.message:
        text = "SKIPPED (%s)" % rep.message
    prog = _progress(done, total)
    tw.write(text)
    pad = WIDTH - 1 - tw.col - len(prog)
    if pad < 1:
        pad = 1
    tw.line(" " * pad + prog)


def _head(rep):
    nodeid = rep.nodeid
    parts = nodeid.split("::")
    return ".".join(parts[1:]) if len(parts) > 1 else parts[0]


def _collection_errors(runner, tw, errors):
    tw.sep("=", "ERRORS")
    for e in errors:
        tw.sep("_", "ERROR collecting %s" % e.nodeid)
        tw.line(e.longrepr.rstrip("\n"))


def _summary_failures(runner, tw):
    style = runner.tb
    failed = runner.stats.get("failed", [])
    errs = [r for r in runner.stats.get("error", []) if r.when != "collect"]
    if style == "no":
        return
    if errs:
        tw.sep("=", "ERRORS")
        for rep in errs:
            when = {"setup": "setup", "teardown": "teardown"}.get(rep.when, rep.when)
            tw.sep("_", "ERROR at %s of %s" % (when, _head(rep)))
            if style == "line":
                tw.line(rep.message)
                continue
            tw.line(rep.longrepr)
            _sections(tw, rep)
    if failed:
        tw.sep("=", "FAILURES")
        for rep in failed:
            if style == "line":
                tw.line("%s: %s" % (rep.nodeid, rep.message))
                continue
            tw.sep("_", _head(rep))
            tw.line(rep.longrepr)
            _sections(tw, rep)


def _sections(tw, rep):
    for title, text in rep.sections:
        if rep.when == "setup" and title.endswith(("call", "teardown")):
            continue
        tw.sep("-", title)
        tw.write(text if text.endswith("\n") else text + "\n")


def _short_summary(runner, tw, option):
    chars = option.reportchars or ""
    if "a" in chars:
        chars += "sxXEf"
    if "A" in chars:
        chars += "sxXEfpP"
    if "N" in chars:
        chars = ""
    lines = []
    for c in _uniq(chars):
        if c == "f":
            for rep in runner.stats.get("failed", []):
                lines.append(_line_with_message("FAILED", rep))
        elif c == "E":
            for rep in runner.stats.get("error", []):
                lines.append(_line_with_message("ERROR", rep))
        elif c == "s":
            lines.extend(_skipped_lines(runner))
        elif c == "x":
            for rep in runner.stats.get("xfailed", []):
                lines.append(_line_with_message("XFAIL", rep, rep.wasxfail))
        elif c == "X":
            for rep in runner.stats.get("xpassed", []):
                lines.append(_line_with_message("XPASS", rep, rep.wasxfail))
        elif c in "pP":
            for rep in runner.stats.get("passed", []):
                lines.append("PASSED " + cwd_relative_nodeid(rep.session, rep.nodeid))
    if lines:
        tw.sep("=", "short test summary info")
        for line in lines:
            tw.line(line)


def _uniq(chars):
    out = []
    for c in chars:
        if c not in out:
            out.append(c)
    return out


def cwd_relative_nodeid(session, nodeid):
    """A node id as pytest prints it: its file relative to the invocation directory."""
    path, sep, rest = nodeid.partition("::")
    full = os.path.join(session.rootdir, path)
    return col.relpath(full, session.config.invocation_dir) + sep + rest


def _line_with_message(word, rep, message=None):
    line = "%s %s" % (word, cwd_relative_nodeid(rep.session, rep.nodeid))
    msg = rep.message if message is None else message
    if msg:
        msg = msg.split("\n")[0]
        full = rep.session.config.option.verbose >= 2 or os.environ.get(
            "CI") or os.environ.get("BUILD_NUMBER")
        avail = WIDTH - len(line) - len(" - ")
        if not full and len(msg) > avail and avail > 4:
            msg = msg[:avail - 3] + "..."
        line += " - " + msg
    return line


def _skipped_lines(runner):
    counts = []
    for rep in runner.stats.get("skipped", []):
        key = (rep.skip_location or rep.nodeid, rep.message)
        for entry in counts:
            if entry[0] == key:
                entry[1] += 1
                break
        else:
            counts.append([key, 1])
    out = []
    for (loc, msg), n in counts:
        reason = msg
        if reason.startswith("Skipped: "):
            reason = reason[9:]
        out.append("SKIPPED [%d] %s: %s" % (n, loc, reason))
    return out


def _finish(runner, tw, t0, verbose, exitstatus, summary_done=False, collect_only=False):
    if not summary_done:
        _short_summary(runner, tw, runner.config.option)
    elapsed = time.perf_counter() - t0
    order = ["failed", "passed", "skipped", "deselected", "xfailed", "xpassed", "warnings",
             "error"]
    parts = []
    for key in order:
        reps = runner.stats.get(key)
        if reps:
            n = len(reps)
            if key == "error":
                parts.append(plural(n, "error"))
            else:
                parts.append("%d %s" % (n, key))
    if collect_only:
        n = len(runner.session.items)
        nd = len(runner.stats.get("deselected", []))
        if nd:
            text = "%d/%d tests collected (%d deselected)" % (n, n + nd, nd)
        elif n:
            text = "%d test%s collected" % (n, "" if n == 1 else "s")
        else:
            text = "no tests collected"
        errs = runner.stats.get("error")
        if errs:
            text += ", " + plural(len(errs), "error")
        text += " in %.2fs" % elapsed
    elif parts:
        text = ", ".join(parts) + " in %.2fs" % elapsed
    else:
        text = "no tests ran in %.2fs" % elapsed
    if verbose < 0:
        tw.line(text)
    else:
        tw.sep("=", text)
    return exitstatus
