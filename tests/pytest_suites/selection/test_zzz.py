def test_last():
    pass


def test_last_fails():
    assert 0
