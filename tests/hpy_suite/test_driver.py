"""Checks of run.py itself (run by CPython's pytest in scripts/test.sh): reading pytest's
-v output, and a crash in a test file becoming that test's failure with the others run."""

import os
import stat
import sys
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

VERBOSE = """\
test/test_a.py::TestA::test_x[universal] PASSED                         [ 25%]
test/test_a.py::TestA::test_y[no stacktrace] FAILED                     [ 50%]
test/test_b.py::TestB::test_z[universal] <- test/test_a.py SKIPPED (why) [ 75%]
test/test_a.py::test_w PASSED
test/test_a.py::test_w ERROR
=========================== short test summary info ============================
FAILED test/test_a.py::TestA::test_y[no stacktrace] - AssertionError: assert 1 == 2
ERROR test/test_a.py::test_w - RuntimeError: teardown
"""


def test_parse_verbose():
    assert run.parse_verbose(VERBOSE) == {
        "test/test_a.py::TestA::test_x[universal]": "passed",
        "test/test_a.py::TestA::test_y[no stacktrace]": "failed",
        "test/test_b.py::TestB::test_z[universal]": "skipped",
        "test/test_a.py::test_w": "error",
    }


def test_output_between_id_and_outcome():
    # C code writing to fd 1 while the test runs (the runner captures sys.stdout only).
    text = "t.py::T::test_dump[universal] object address : 0x7f\nobject repr : 'x'\n" \
        "PASSED             [ 85%]\nt.py::T::test_next[universal] "
    assert run.parse_run(text) == ({"t.py::T::test_dump[universal]": "passed"},
                                   "t.py::T::test_next[universal]")


def test_cause_from_failure_section():
    text = """=================================== FAILURES ===================================
_______________________ TestParseItem.test_l[universal] ________________________
>   import struct
E   ModuleNotFoundError: No module named 'struct'
=========================== short test summary info ============================
FAILED test_argparse.py::TestParseItem::test_l[universal] - ModuleNotFoundErr...
"""
    causes = run.parse_causes(text)
    assert run.cause_of(causes, "test/test_argparse.py::TestParseItem::test_l[universal]") \
        == "ModuleNotFoundError: No module named 'struct'"


def test_parse_causes():
    causes = run.parse_causes(VERBOSE)
    assert causes["test/test_a.py::TestA::test_y[no stacktrace]"] == \
        "AssertionError: assert 1 == 2"
    assert run.parse_causes("ERROR test_c.py - ModuleNotFoundError: No module named 're'\n")[
        ""] == "collection: ModuleNotFoundError: No module named 're'"
    text = "ImportError while loading conftest '/x/conftest.py'.\nE   ModuleNotFoundError: " \
        "No module named 'glob'\n"
    assert run.parse_causes(text)[""] == "conftest: ModuleNotFoundError: No module named 'glob'"


# A runner that dies of SIGSEGV in t2, printing each test's id before running it (as
# pytest -v does) or, with LOST=1, losing all its output in the crash.
FAKE = """#!%s
import os, signal, sys
targets = [a for a in sys.argv[1:] if "::" in a or a.endswith(".py")]
every = ["f.py::t1", "f.py::t2", "f.py::t3[a b]"]
out = []
for t in (every if targets == ["f.py"] else targets):
    if os.environ.get("LOST") != "1":
        sys.stdout.write(t + " ")
        sys.stdout.flush()
    if t == "f.py::t2":
        os.kill(os.getpid(), signal.SIGSEGV)
    out.append(t + " PASSED")
    if os.environ.get("LOST") != "1":
        print("PASSED")
if os.environ.get("LOST") == "1":
    print("\\n".join(out))
"""


def crash_run(tmp_path, monkeypatch, lost):
    fake = tmp_path / "fake"
    fake.write_text(FAKE % sys.executable)
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(run, "OUT", str(tmp_path))
    (tmp_path / "logs").mkdir()
    monkeypatch.setenv("LOST", "1" if lost else "0")
    args = types.SimpleNamespace(runner="hpymove", hpymove=str(fake))
    expected = {t: "passed" for t in ("f.py::t1", "f.py::t2", "f.py::t3[a b]")}
    suite = run.Suite("f.py", str(tmp_path), "f.py", [], expected)
    return run.run_one(args, suite, "normal")


def test_crash_is_that_tests_failure(tmp_path, monkeypatch):
    for lost in (False, True):
        d = tmp_path / ("lost" if lost else "printed")
        d.mkdir()
        outcomes, notes, _, _ = crash_run(d, monkeypatch, lost)
        assert outcomes == {"f.py::t1": "passed", "f.py::t2": "crashed (SIGSEGV)",
                            "f.py::t3[a b]": "passed"}
        assert notes == ["SIGSEGV in t2"]


def test_lists_parse(tmp_path):
    p = tmp_path / "list.txt"
    p.write_text("# comment\n\ntest/a.py::T::t[no stacktrace]  a reason\ntest/b.py  why\n")
    assert run.read_list(str(p)) == [("test/a.py::T::t[no stacktrace]", "a reason"),
                                     ("test/b.py", "why")]
