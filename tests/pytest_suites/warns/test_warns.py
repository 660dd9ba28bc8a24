import warnings

import pytest


def emit(category=UserWarning, text="careful"):
    warnings.warn(text, category)
    return 42


def test_warns_context():
    with pytest.warns(UserWarning):
        emit()


def test_warns_match_and_record():
    with pytest.warns(DeprecationWarning, match="old") as rec:
        emit(DeprecationWarning, "old api")
    assert len(rec) == 1
    assert str(rec[0].message) == "old api"


def test_warns_call_form():
    assert pytest.warns(UserWarning, emit) == 42


def test_did_not_warn():
    with pytest.warns(UserWarning):
        pass


def test_deprecated_call():
    with pytest.deprecated_call():
        emit(DeprecationWarning)


def test_recwarn(recwarn):
    emit(UserWarning, "one")
    emit(RuntimeWarning, "two")
    assert len(recwarn) == 2
    assert recwarn.pop(RuntimeWarning).category is RuntimeWarning
    assert len(recwarn) == 1
