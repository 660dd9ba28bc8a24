import pytest


@pytest.mark.parametrize("a,b", [(1, 2), (3, 4)])
def test_pairs(a, b):
    assert b == a + 1


@pytest.mark.parametrize(["x"], [("p",), ("q",)])
def test_list_names(x):
    assert x in "pq"


@pytest.mark.parametrize("x", [0, 1])
@pytest.mark.parametrize("y", [2, 3])
def test_stacked(x, y):
    assert x < y


@pytest.mark.parametrize("v", ["a", "a", "b", 1.5, None, True, [1], (1, 2), int])
def test_ids(v):
    pass


@pytest.mark.parametrize("n", [1, 2, 3], ids=["one", "two", "three"])
def test_given_ids(n):
    assert n != 2


@pytest.mark.parametrize("n", [10, 20], ids=lambda v: "v%d" % v)
def test_callable_ids(n):
    pass


@pytest.mark.parametrize("n", [
    pytest.param(1, id="first"),
    pytest.param(2, marks=pytest.mark.skip(reason="skip this one")),
    pytest.param(3, marks=pytest.mark.xfail(reason="bad")),
])
def test_param_objects(n):
    assert n != 3


@pytest.mark.parametrize("n", [])
def test_empty(n):
    pass


@pytest.fixture(params=["x", "y"], ids=["fx", "fy"])
def letter(request):
    return request.param


def test_fixture_param(letter):
    assert letter in "xy"


@pytest.mark.parametrize("n", [1, 2])
def test_fixture_and_mark(letter, n):
    pass


@pytest.mark.parametrize("letter", ["direct"])
def test_direct_override(letter):
    assert letter == "direct"


@pytest.mark.parametrize("k", [1, 2])
class TestParamClass:
    def test_k(self, k):
        assert k in (1, 2)

    @pytest.mark.parametrize("m", ["u"])
    def test_km(self, k, m):
        pass


@pytest.fixture
def doubled(request):
    return request.param * 2


@pytest.mark.parametrize("doubled", [1, 5], indirect=True)
def test_indirect(doubled):
    assert doubled in (2, 10)


@pytest.mark.parametrize("doubled, plain", [(2, "a")], indirect=["doubled"])
def test_indirect_list(doubled, plain):
    assert (doubled, plain) == (4, "a")


def test_generated(generated):
    assert generated in ("g1", "g2")


def pytest_generate_tests(metafunc):
    if "from_module" in metafunc.fixturenames:
        metafunc.parametrize("from_module, other", [(1, 2), (3, 4)], ids=["low", "high"])


def test_module_hook(from_module, other):
    assert other == from_module + 1
