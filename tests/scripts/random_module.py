# random (written in Python for hpymove): the Mersenne Twister gives CPython's sequences.
import random
random.seed(12345)
print(random.random(), random.random(), random.getrandbits(8), random.getrandbits(70))
print(random.randint(1, 6), random.randrange(10), random.randrange(5, 100, 7), random.randrange(10, 0, -3))
l = list(range(10)); random.shuffle(l); print(l)
print(random.choice("abcdef"), random.sample(range(100), 5), random.sample("abcdefghij", 10)[:3])
print(random.choices("abc", k=5), random.choices([1, 2, 3], weights=[1, 0, 5], k=6), random.choices("xy", cum_weights=[1, 3], k=3))
print(round(random.uniform(1, 2), 12), round(random.gauss(0, 1), 12), round(random.gauss(5, 2), 12), round(random.expovariate(2.0), 12))
print(round(random.triangular(0, 10, 3), 12))
random.seed(0); print(random.random()); random.seed(2**100 + 7); print(random.random(), random.getrandbits(32))
r = random.Random(42); print(r.random(), r.randint(0, 10**30), random.Random(-42).random() == random.Random(42).random())
print(random.sample(range(10000), 8))
for bad in [lambda: random.randrange(0), lambda: random.choice([]), lambda: random.sample([1], 2), lambda: random.randrange(1, 5, 0)]:
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__, e)
