# hashlib and hmac: digests of every guaranteed algorithm, incremental updates, copies,
# BLAKE2's parameters, SHAKE's lengths, pbkdf2_hmac, and the errors of bad arguments.
import hashlib
import hmac

data = b"The quick brown fox jumps over the lazy dog"

print(sorted(hashlib.algorithms_guaranteed))
print(hashlib.algorithms_guaranteed <= hashlib.algorithms_available)
for name in sorted(hashlib.algorithms_guaranteed):
    h = hashlib.new(name, data)
    if name.startswith("shake"):
        print(name, h.name, h.digest_size, h.block_size, h.hexdigest(20), len(h.digest(7)))
    else:
        print(name, h.name, h.digest_size, h.block_size, h.hexdigest())
        assert h.digest() == getattr(hashlib, name)(data).digest()
        assert h.digest().hex() == h.hexdigest()

# update() in pieces equals one call; digest() does not end the hash; copy() is independent.
h = hashlib.sha256()
for i in range(0, len(data), 5):
    h.update(data[i:i + 5])
print(h.hexdigest() == hashlib.sha256(data).hexdigest())
c = h.copy()
c.update(b"more")
print(h.hexdigest() == hashlib.sha256(data).hexdigest(), c.hexdigest() != h.hexdigest())
print(c.hexdigest() == hashlib.sha256(data + b"more").hexdigest())
big = bytes(range(256)) * 1000
print(hashlib.md5(big).hexdigest(), hashlib.sha1(big).hexdigest())
print(hashlib.sha512(bytearray(b"abc")).hexdigest()[:32])
print(hashlib.sha256(memoryview(b"abc")).hexdigest()[:32])
print(hashlib.md5(b"x", usedforsecurity=False).hexdigest())
print(hashlib.new("SHA256", b"x").name)

# BLAKE2: digest size, key, salt, person; copy; class constants.
print(hashlib.blake2b(data, digest_size=16).hexdigest())
print(hashlib.blake2b(data, key=b"secret key").hexdigest())
print(hashlib.blake2b(data, key=b"k" * 64, salt=b"s" * 16, person=b"p" * 16,
                      digest_size=32).hexdigest())
print(hashlib.blake2s(data, digest_size=20, key=b"key", salt=b"salt", person=b"me").hexdigest())
print(hashlib.blake2s(b"", key=b"k").hexdigest())
b = hashlib.blake2b(digest_size=10)
b.update(data)
print(b.name, b.digest_size, b.block_size, b.copy().hexdigest() == b.hexdigest())
print(hashlib.blake2b.MAX_DIGEST_SIZE, hashlib.blake2b.SALT_SIZE, hashlib.blake2s.PERSON_SIZE,
      hashlib.blake2s.MAX_KEY_SIZE)
print(isinstance(b, hashlib.blake2b))

# SHAKE: any length.
s = hashlib.shake_128(data)
print(s.hexdigest(0), s.hexdigest(1), s.digest(40).hex())
print(hashlib.shake_256(b"").hexdigest(32))

# pbkdf2_hmac (RFC 6070's vectors for sha1).
print(hashlib.pbkdf2_hmac("sha1", b"password", b"salt", 1, 20).hex())
print(hashlib.pbkdf2_hmac("sha1", b"password", b"salt", 4096, 20).hex())
print(hashlib.pbkdf2_hmac("sha1", b"passwordPASSWORDpassword",
                          b"saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 25).hex())
print(hashlib.pbkdf2_hmac("sha256", b"pw", b"salt", 10).hex())
print(hashlib.pbkdf2_hmac("sha512", b"pw", b"salt", 3, 100).hex())

# hmac.
m = hmac.new(b"key", b"The quick brown fox", "sha256")
m.update(b" jumps over the lazy dog")
print(m.name, m.digest_size, m.block_size, m.hexdigest())
print(hmac.new(b"key", data, hashlib.md5).hexdigest())
print(hmac.new(b"k" * 200, data, digestmod="sha512").hexdigest())
print(hmac.digest(b"key", data, "sha1").hex())
print(hmac.digest(b"key", data, hashlib.sha384) == hmac.new(b"key", data, "sha384").digest())
mc = m.copy()
mc.update(b"!")
print(mc.hexdigest() != m.hexdigest())
print(hmac.compare_digest(b"abc", b"abc"), hmac.compare_digest(b"abc", b"abd"),
      hmac.compare_digest("abc", "abc"), hmac.compare_digest(b"ab", b"abc"),
      hmac.compare_digest(bytearray(b"x"), b"x"))

# Errors.
def error(f, *a, **k):
    try:
        f(*a, **k)
    except Exception as e:
        print(type(e).__name__ + ":", e)
    else:
        print("no error")

error(hashlib.sha256, "text")
error(hashlib.md5().update, 5)
error(hashlib.new, "nope")
error(hashlib.new, 5)
error(hashlib.blake2b, digest_size=65)
error(hashlib.blake2b, digest_size=0)
error(hashlib.blake2s, key=b"k" * 33)
error(hashlib.blake2b, salt=b"s" * 17)
error(hashlib.blake2s, person=b"p" * 9)
error(hashlib.shake_128().digest)
error(hashlib.pbkdf2_hmac, "sha1", b"p", b"s", 0)
error(hashlib.pbkdf2_hmac, "sha1", b"p", b"s", 1, 0)
try:
    hashlib.pbkdf2_hmac("nope", b"p", b"s", 1)
except ValueError:
    print("unknown hash: ValueError")
error(hmac.new, b"key", b"msg")
error(hmac.new, "key", b"msg", "sha1")
error(hmac.compare_digest, "abc", b"abc")
error(hmac.compare_digest, "é", "é")
