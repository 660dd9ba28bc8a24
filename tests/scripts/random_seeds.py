# random seeded with str, bytes and bytearray gives CPython 3.11's sequences (version 2
# hashes the seed with SHA-512; version 1 is Python 2's mixing), and the seed types it refuses.
import random

for seed in ["", "a", "hello world", "héllo ☃", b"", b"\x00\xff" * 40, bytearray(b"abc"),
             True, 3.5, -7]:
    r = random.Random(seed)
    print(repr(seed)[:30], r.random(), r.getrandbits(40), r.randrange(1000))
print(random.Random("abc").random() == random.Random(b"abc").random())
print(random.Random(b"abc").random() == random.Random(bytearray(b"abc")).random())
r = random.Random()
r.seed("spam", version=1)
print(r.random())
r.seed(b"spam", version=1)
print(r.random())
r.seed("", version=1)
print(r.random())
random.seed(b"module level")
print(random.random(), random.sample(range(50), 4))
for bad in [(1, 2), [1], {}, object()]:
    try:
        random.Random(bad)
    except TypeError as e:
        print("TypeError:", e)
