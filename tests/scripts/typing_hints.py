# typing (written in Python for hpymove): the names, subscriptions and reprs scripts use.
from typing import Any, List, Dict, Optional, Union, Tuple, Callable, TypeVar, Generic, cast, Iterable, TYPE_CHECKING
import typing
T = TypeVar("T")
print(List[int], Dict[str, List[int]], Optional[int], Union[int, str], Union[int, None], Tuple[int, ...], T, Any)
print(List, typing.Sequence[int], Union[int], Optional[List[str]], Union[int, Union[str, float]])
Vector = List[float]
def scale(k: float, v: Vector) -> Vector:
    return [k * x for x in v]
print(scale(2, [1.0, 2.0]), cast(int, "x"), TYPE_CHECKING, List[int] == List[int])
class Box(Generic[T]):
    def __init__(self, item: T):
        self.item = item
print(Box(3).item, Box[int](4).item)
def apply(f: Callable[[int], int], x: int) -> int:
    return f(x)
print(apply(lambda v: v + 1, 1), isinstance([], List))
