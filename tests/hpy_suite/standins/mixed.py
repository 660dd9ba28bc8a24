"""Stand-in for the docs example `mixed`, which is built for CPython's own ABI (it uses the
legacy CPython API, which a universal host cannot load). The examples' test file imports it
at the top: this keeps that file importable; the tests that call `mixed` fail with this
reason and are listed in not_applicable.txt."""


def _unavailable(*args, **kwargs):
    raise ImportError("'mixed' is built for CPython's ABI (legacy API): not loadable on a "
                      "universal-only host")


add_ints = _unavailable
add_ints_legacy = _unavailable
