def helper():
    """A test file's docstrings are collected too.

    >>> helper()
    42
    """
    return 42


def test_helper():
    assert helper() == 42
