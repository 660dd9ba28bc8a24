# Annotations at module and class level are evaluated into __annotations__.
from typing import List, Optional
count: int = 3
label: str
print(__annotations__, count)
class A:
    x: int = 3
    y: "str"
    z: List[int]
    w: Optional[float] = None
    def f(self):
        local: int = 5
        return local
print(A.__annotations__, A.x, A.w, A().f(), hasattr(A, "y"))
class B(A):
    q: bytes
print(B.__annotations__)
try:
    class C:
        bad: undefined_name = 1
except NameError as e:
    print("NameError", e)
