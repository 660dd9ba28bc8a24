# Functions: defaults, *args, **kwargs, keyword-only, closures, nonlocal, global,
# lambdas, decorators, recursion.

def greet(name, greeting="hello", *rest, punct="!", **extra):
    print(greeting, name, rest, punct, sorted_items(extra))

def sorted_items(d):
    keys = list(d)
    out = []
    while keys:
        smallest = keys[0]
        for k in keys:
            if k < smallest:
                smallest = k
        keys = [k for k in keys if k != smallest]
        out = out + [(smallest, d[smallest])]
    return out

greet("ann")
greet("bob", "hi", 1, 2, punct="?", z=1, a=2)
greet(greeting="hey", name="cy")

def counter():
    count = 0
    def inc(by=1):
        nonlocal count
        count += by
        return count
    return inc

c = counter()
c()
c(5)
print("counter", c())

total = 0
def add_total(n):
    global total
    total += n
add_total(3)
add_total(4)
print("total", total)

square = lambda x: x * x
print("squares", [square(i) for i in range(5)])

def twice(f):
    def wrapper(*args, **kwargs):
        return f(f(*args, **kwargs))
    return wrapper

@twice
def plus_three(x):
    """Adds three."""
    return x + 3

print("decorated", plus_three(1), plus_three.__name__, plus_three.__doc__)

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

print("fact", fact(30))

def outer():
    a = 1
    def middle():
        def inner():
            return a + 1
        return inner()
    return middle()

print("pass-through closure", outer())

def kwonly(a, *, b, c=3):
    return a + b + c

print("kwonly", kwonly(1, b=2), kwonly(1, b=2, c=10))

for bad in [lambda: kwonly(1), lambda: kwonly(1, 2), lambda: greet(), lambda: kwonly(1, b=2, d=4)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

def make_adders():
    return [lambda x, n=n: x + n for n in range(3)]

print("adders", [f(10) for f in make_adders()])
print("dict comp", {k: k * 2 for k in range(3)})
print("genexp", list(x * x for x in range(4)))
