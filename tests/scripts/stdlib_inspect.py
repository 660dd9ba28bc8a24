# inspect: signature of functions, methods, classes, callables, partials and wrapped
# functions; bind/bind_partial/apply_defaults; getfullargspec; predicates; cleandoc.
import inspect, functools
def f(a, b=2, /, c=3, *args, d, e=5, **kw): pass
def g(x, y: int = 1, *, z) -> str: pass
class A:
    def __init__(self, p, q=1): pass
    def m(self, x, *ys): pass
    def __call__(self, k): pass
for o in [f, g, A, A(1).m, A(1), functools.partial(g, 1), functools.partial(g, y=2), lambda *a, **k: 0]:
    s = inspect.signature(o)
    print(s, [(p.name, str(p.kind)) for p in s.parameters.values()])
try:
    inspect.signature(42)
except TypeError as e:
    print("TypeError", e)
s = inspect.signature(g)
b = s.bind(1, z=3)
print(b.arguments, b.args, b.kwargs)
b.apply_defaults(); print(b.arguments)
for bad in [lambda: s.bind(), lambda: s.bind(1, 2, 3), lambda: s.bind(1, q=2, z=1)]:
    try: bad()
    except TypeError as e: print("TypeError", e)
print(inspect.signature(f).bind_partial(1).arguments)
print(inspect.getfullargspec(f))
print(inspect.isfunction(f), inspect.isclass(A), inspect.ismethod(A(1).m), inspect.isbuiltin(len))
def gen(): yield
print(inspect.isgeneratorfunction(gen), inspect.isgeneratorfunction(f))
print(inspect.Parameter("x", inspect.Parameter.KEYWORD_ONLY, default=None))
print(inspect.cleandoc("""  first
      second
        third
  """))
@functools.wraps(g)
def w(*a, **k): return g(*a, **k)
print(inspect.signature(w))
