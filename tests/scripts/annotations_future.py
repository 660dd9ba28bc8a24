from __future__ import annotations
# from __future__ import annotations keeps annotations as their source text.
import __future__
class A:
    x: undefined_thing[int]
    y: "q"
print(A.__annotations__, __future__.annotations.compiler_flag)
z: List[str] = 1
print(__annotations__)
def f(a: Undefined[int], b: "q") -> X: pass
print(f.__annotations__)
