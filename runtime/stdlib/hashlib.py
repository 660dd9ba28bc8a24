"""Secure hashes and message digests (hpymove's own `hashlib`, over the native `_hashlib`,
which runs the RustCrypto implementations). The algorithms CPython guarantees, plus
sha512_224 and sha512_256; `blake2b`/`blake2s` take digest_size, key, salt and person
(not the tree-hashing parameters, which raise ValueError unless left at their defaults)."""

import _hashlib

__all__ = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b", "blake2s",
           "sha3_224", "sha3_256", "sha3_384", "sha3_512", "shake_128", "shake_256",
           "new", "algorithms_guaranteed", "algorithms_available", "pbkdf2_hmac",
           "file_digest")

algorithms_guaranteed = frozenset(("md5", "sha1", "sha224", "sha256", "sha384", "sha512",
                                   "blake2b", "blake2s", "sha3_224", "sha3_256", "sha3_384",
                                   "sha3_512", "shake_128", "shake_256"))
algorithms_available = frozenset(_hashlib.names())


def _as_bytes(data):
    """The bytes of a bytes-like object, with CPython's TypeErrors for anything else."""
    if type(data) is bytes:
        return data
    if isinstance(data, str):
        raise TypeError("Strings must be encoded before hashing")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    tobytes = getattr(type(data), "tobytes", None)
    if tobytes is not None:
        return tobytes(data)
    raise TypeError("object supporting the buffer API required")


class _Hash:
    """A running hash: update() with more data, digest() of all the data so far."""

    def __init__(self, state):
        self._state = state
        self.name, self.digest_size, self.block_size = _hashlib.info(state)

    def update(self, data):
        _hashlib.update(self._state, _as_bytes(data))

    def digest(self):
        return _hashlib.digest(self._state, 0)

    def hexdigest(self):
        return self.digest().hex()

    def copy(self):
        return type(self)._from_state(_hashlib.copy(self._state))

    @classmethod
    def _from_state(cls, state):
        h = object.__new__(cls)
        _Hash.__init__(h, state)
        return h

    def __repr__(self):
        return "<%s _hashlib.HASH object @ %s>" % (self.name, hex(id(self)))


class _Shake(_Hash):
    """SHAKE: an extendable-output function; digest(length) and hexdigest(length)."""

    def digest(self, length=None):
        return _hashlib.digest(self._state, _length(length, "digest"))

    def hexdigest(self, length=None):
        return _hashlib.digest(self._state, _length(length, "hexdigest")).hex()


def _length(length, method):
    if length is None:
        raise TypeError("%s() missing required argument 'length' (pos 1)" % method)
    if not isinstance(length, int):
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(length).__name__)
    if length < 0:
        raise ValueError("length must be non-negative")
    return length


def _make(name, data, usedforsecurity, cls=_Hash):
    h = cls._from_state(_hashlib.new(name, 0, b"", b"", b""))
    if data is not None:
        h.update(data)
    return h


def _constructor(name):
    def construct(data=b"", *, usedforsecurity=True, string=None):
        if string is not None:
            data = string
        return _make(name, data, usedforsecurity)
    construct.__name__ = "openssl_" + name
    construct.__qualname__ = construct.__name__
    return construct


md5 = _constructor("md5")
sha1 = _constructor("sha1")
sha224 = _constructor("sha224")
sha256 = _constructor("sha256")
sha384 = _constructor("sha384")
sha512 = _constructor("sha512")
sha3_224 = _constructor("sha3_224")
sha3_256 = _constructor("sha3_256")
sha3_384 = _constructor("sha3_384")
sha3_512 = _constructor("sha3_512")


def shake_128(data=b"", *, usedforsecurity=True):
    return _make("shake_128", data, usedforsecurity, _Shake)


def shake_256(data=b"", *, usedforsecurity=True):
    return _make("shake_256", data, usedforsecurity, _Shake)


class _Blake2(_Hash):
    """BLAKE2 with a digest size, a key, a salt and a personalisation string."""

    _name = None

    def __new__(cls, data=b"", *, digest_size=None, key=b"", salt=b"", person=b"",
                fanout=1, depth=1, leaf_size=0, node_offset=0, node_depth=0, inner_size=0,
                last_node=False, usedforsecurity=True):
        if (fanout, depth, leaf_size, node_offset, node_depth, inner_size,
                last_node) != (1, 1, 0, 0, 0, 0, False):
            raise ValueError("hpymove's %s has no tree hashing (fanout, depth, leaf_size, "
                             "node_offset, node_depth, inner_size, last_node)" % cls._name)
        if digest_size is None:
            digest_size = cls.MAX_DIGEST_SIZE
        state = _hashlib.new(cls._name, digest_size, _as_bytes(key), _as_bytes(salt),
                             _as_bytes(person))
        h = cls._from_state(state)
        if data is not None:
            h.update(data)
        return h

    def __init__(self, *args, **kwargs):
        pass

    def __repr__(self):
        return "<_blake2.%s object @ %s>" % (self._name, hex(id(self)))


class blake2b(_Blake2):
    _name = "blake2b"
    SALT_SIZE = 16
    PERSON_SIZE = 16
    MAX_KEY_SIZE = 64
    MAX_DIGEST_SIZE = 64


class blake2s(_Blake2):
    _name = "blake2s"
    SALT_SIZE = 8
    PERSON_SIZE = 8
    MAX_KEY_SIZE = 32
    MAX_DIGEST_SIZE = 32


_NAMED = {"blake2b": blake2b, "blake2s": blake2s, "shake_128": shake_128,
          "shake_256": shake_256}


def new(name, data=b"", *, usedforsecurity=True):
    """A hash object of the algorithm called `name` (case-insensitive, as OpenSSL's)."""
    if not isinstance(name, str):
        raise TypeError("name must be a string")
    key = name.lower()
    if key in _NAMED:
        return _NAMED[key](data)
    if key not in algorithms_available:
        raise ValueError("unsupported hash type " + name)
    return _make(key, data, usedforsecurity)


def pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None):
    """PBKDF2 with HMAC over `hash_name` (RFC 8018)."""
    if not isinstance(hash_name, str):
        raise TypeError("pbkdf2_hmac() argument 'hash_name' must be str, not %s"
                        % type(hash_name).__name__)
    password = _as_bytes(password)
    salt = _as_bytes(salt)
    if not isinstance(iterations, int):
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(iterations).__name__)
    name = hash_name.lower()
    if name not in algorithms_available or name.startswith("shake"):
        raise ValueError("unsupported hash type " + hash_name)
    if dklen is None:
        dklen = new(name).digest_size
    elif not isinstance(dklen, int):
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(dklen).__name__)
    return _hashlib.pbkdf2_hmac(name, password, salt, iterations, dklen)


def file_digest(fileobj, digest, /, *, _bufsize=2**18):
    """The hash of a binary file object's remaining content."""
    digestobj = new(digest) if isinstance(digest, str) else digest()
    while True:
        chunk = fileobj.read(_bufsize)
        if not chunk:
            break
        digestobj.update(chunk)
    return digestobj
