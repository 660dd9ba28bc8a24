def test_never_collected_without_arguments():
    assert False
