//! The digest algorithms behind `_hashlib`: one running hash state per algorithm, on the
//! RustCrypto crates, with what CPython's hash objects report (name, digest size, block
//! size). BLAKE2 is driven through the crate's core API because CPython's `blake2b`/`blake2s`
//! take a digest size, a key, a salt and a personalisation string together, which no
//! ready-made wrapper of the crate combines.

use digest::core_api::{Buffer, UpdateCore, VariableOutputCore};
use digest::{DynDigest, ExtendableOutput, Update};

/// A BLAKE2 state with CPython's sequential-mode parameters, one type per variant (the
/// crate's block buffer is bounded on concrete block sizes).
macro_rules! blake2_state {
    ($name:ident, $core:ty, $block:expr) => {
        #[derive(Clone)]
        pub(crate) struct $name {
            core: $core,
            buf: Buffer<$core>,
            out: usize,
        }

        impl $name {
            fn new(p: &Blake2Params<'_>) -> $name {
                let mut b = $name {
                    core: <$core>::new_with_params(p.salt, p.person, p.key.len(), p.digest_size),
                    buf: Default::default(),
                    out: p.digest_size,
                };
                if !p.key.is_empty() {
                    // A keyed BLAKE2 hashes the key, zero-padded to one block, first.
                    let mut padded = [0u8; $block];
                    padded[..p.key.len()].copy_from_slice(p.key);
                    b.update(&padded);
                }
                b
            }

            fn update(&mut self, data: &[u8]) {
                let core = &mut self.core;
                self.buf
                    .digest_blocks(data, |blocks| core.update_blocks(blocks));
            }

            fn finish(mut self) -> Vec<u8> {
                let mut full = Default::default();
                self.core.finalize_variable_core(&mut self.buf, &mut full);
                full[..self.out].to_vec()
            }
        }
    };
}

blake2_state!(Blake2b, blake2::Blake2bVarCore, 128);
blake2_state!(Blake2s, blake2::Blake2sVarCore, 64);

/// The parameters of `blake2b(...)`/`blake2s(...)`, checked by [`Limits::check`].
pub(crate) struct Blake2Params<'a> {
    pub(crate) digest_size: usize,
    pub(crate) key: &'a [u8],
    pub(crate) salt: &'a [u8],
    pub(crate) person: &'a [u8],
}

/// The largest digest/key and salt/person sizes of one BLAKE2 variant.
pub(crate) struct Limits {
    pub(crate) max_out: usize,
    pub(crate) max_salt: usize,
}

pub(crate) const BLAKE2B: Limits = Limits {
    max_out: 64,
    max_salt: 16,
};
pub(crate) const BLAKE2S: Limits = Limits {
    max_out: 32,
    max_salt: 8,
};

impl Limits {
    /// CPython's ValueError text for parameters out of range.
    pub(crate) fn check(&self, p: &Blake2Params<'_>) -> Result<(), String> {
        if p.digest_size < 1 || p.digest_size > self.max_out {
            return Err(format!(
                "digest_size must be between 1 and {} bytes",
                self.max_out
            ));
        }
        if p.key.len() > self.max_out {
            return Err(format!("maximum key length is {} bytes", self.max_out));
        }
        if p.salt.len() > self.max_salt {
            return Err(format!("maximum salt length is {} bytes", self.max_salt));
        }
        if p.person.len() > self.max_salt {
            return Err(format!("maximum person length is {} bytes", self.max_salt));
        }
        Ok(())
    }
}

/// A running hash.
#[derive(Clone)]
pub(crate) enum Hasher {
    /// A fixed-size digest: (state, name, block size).
    Fixed(Box<dyn DynDigest>, &'static str, usize),
    Shake128(sha3::Shake128),
    Shake256(sha3::Shake256),
    Blake2b(Blake2b),
    Blake2s(Blake2s),
}

/// The fixed-size algorithms: (name, block size).
pub(crate) const FIXED: &[(&str, usize)] = &[
    ("md5", 64),
    ("sha1", 64),
    ("sha224", 64),
    ("sha256", 64),
    ("sha384", 128),
    ("sha512", 128),
    ("sha512_224", 128),
    ("sha512_256", 128),
    ("sha3_224", 144),
    ("sha3_256", 136),
    ("sha3_384", 104),
    ("sha3_512", 72),
];

fn fixed_state(name: &str) -> Option<Box<dyn DynDigest>> {
    Some(match name {
        "md5" => Box::new(md5::Md5::default()),
        "sha1" => Box::new(sha1::Sha1::default()),
        "sha224" => Box::new(sha2::Sha224::default()),
        "sha256" => Box::new(sha2::Sha256::default()),
        "sha384" => Box::new(sha2::Sha384::default()),
        "sha512" => Box::new(sha2::Sha512::default()),
        "sha512_224" => Box::new(sha2::Sha512_224::default()),
        "sha512_256" => Box::new(sha2::Sha512_256::default()),
        "sha3_224" => Box::new(sha3::Sha3_224::default()),
        "sha3_256" => Box::new(sha3::Sha3_256::default()),
        "sha3_384" => Box::new(sha3::Sha3_384::default()),
        "sha3_512" => Box::new(sha3::Sha3_512::default()),
        _ => return None,
    })
}

impl Hasher {
    /// A fresh state of `name` (BLAKE2 with `p`, already checked); `None` for an unknown name.
    pub(crate) fn new(name: &str, p: &Blake2Params<'_>) -> Option<Hasher> {
        Some(match name {
            "shake_128" => Hasher::Shake128(Default::default()),
            "shake_256" => Hasher::Shake256(Default::default()),
            "blake2b" => Hasher::Blake2b(Blake2b::new(p)),
            "blake2s" => Hasher::Blake2s(Blake2s::new(p)),
            _ => {
                let (n, block) = FIXED.iter().find(|(n, _)| *n == name)?;
                Hasher::Fixed(fixed_state(name)?, n, *block)
            }
        })
    }

    pub(crate) fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Fixed(d, _, _) => d.update(data),
            Hasher::Shake128(s) => s.update(data),
            Hasher::Shake256(s) => s.update(data),
            Hasher::Blake2b(b) => b.update(data),
            Hasher::Blake2s(b) => b.update(data),
        }
    }

    /// The digest of what was hashed so far (the state goes on); `length` bytes for SHAKE.
    pub(crate) fn digest(&self, length: usize) -> Vec<u8> {
        match self.clone() {
            Hasher::Fixed(d, _, _) => d.finalize().to_vec(),
            Hasher::Shake128(s) => s.finalize_boxed(length).to_vec(),
            Hasher::Shake256(s) => s.finalize_boxed(length).to_vec(),
            Hasher::Blake2b(b) => b.finish(),
            Hasher::Blake2s(b) => b.finish(),
        }
    }

    pub(crate) fn name(&self) -> &'static str {
        match self {
            Hasher::Fixed(_, n, _) => n,
            Hasher::Shake128(_) => "shake_128",
            Hasher::Shake256(_) => "shake_256",
            Hasher::Blake2b(_) => "blake2b",
            Hasher::Blake2s(_) => "blake2s",
        }
    }

    /// CPython's `digest_size` (0 for SHAKE, whose length is chosen at each digest).
    pub(crate) fn digest_size(&self) -> usize {
        match self {
            Hasher::Fixed(d, _, _) => d.output_size(),
            Hasher::Shake128(_) | Hasher::Shake256(_) => 0,
            Hasher::Blake2b(b) => b.out,
            Hasher::Blake2s(b) => b.out,
        }
    }

    pub(crate) fn block_size(&self) -> usize {
        match self {
            Hasher::Fixed(_, _, b) => *b,
            Hasher::Shake128(_) => 168,
            Hasher::Shake256(_) => 136,
            Hasher::Blake2b(_) => 128,
            Hasher::Blake2s(_) => 64,
        }
    }
}

/// The default BLAKE2 parameters (no key, salt or person; the largest digest).
pub(crate) fn default_params(name: &str) -> Blake2Params<'static> {
    Blake2Params {
        digest_size: if name == "blake2s" { 32 } else { 64 },
        key: &[],
        salt: &[],
        person: &[],
    }
}

/// HMAC (RFC 2104) over `name`'s digest: the inner and outer states after the padded key,
/// cloned for each message (PBKDF2 hashes thousands of messages under one key).
pub(crate) struct Hmac {
    inner: Hasher,
    outer: Hasher,
}

impl Hmac {
    pub(crate) fn new(name: &str, key: &[u8]) -> Option<Hmac> {
        let params = default_params(name);
        let mut inner = Hasher::new(name, &params)?;
        let mut outer = inner.clone();
        let block = inner.block_size();
        let mut k = if key.len() > block {
            let mut h = inner.clone();
            h.update(key);
            h.digest(0)
        } else {
            key.to_vec()
        };
        k.resize(block, 0);
        inner.update(&k.iter().map(|b| b ^ 0x36).collect::<Vec<u8>>());
        outer.update(&k.iter().map(|b| b ^ 0x5c).collect::<Vec<u8>>());
        Some(Hmac { inner, outer })
    }

    pub(crate) fn mac(&self, parts: &[&[u8]]) -> Vec<u8> {
        let mut i = self.inner.clone();
        for p in parts {
            i.update(p);
        }
        let mut o = self.outer.clone();
        o.update(&i.digest(0));
        o.digest(0)
    }
}

/// PBKDF2 (RFC 8018) with HMAC over `name`; `None` for an unknown or extendable-output name.
pub(crate) fn pbkdf2_hmac(
    name: &str,
    password: &[u8],
    salt: &[u8],
    iterations: u64,
    dklen: usize,
) -> Option<Vec<u8>> {
    if name.starts_with("shake") {
        return None;
    }
    let mac = Hmac::new(name, password)?;
    let mut out = Vec::with_capacity(dklen);
    let mut block_index: u32 = 1;
    while out.len() < dklen {
        let mut u = mac.mac(&[salt, &block_index.to_be_bytes()]);
        let mut t = u.clone();
        for _ in 1..iterations {
            u = mac.mac(&[&u]);
            for (a, b) in t.iter_mut().zip(&u) {
                *a ^= b;
            }
        }
        let take = (dklen - out.len()).min(t.len());
        out.extend_from_slice(&t[..take]);
        block_index = block_index.wrapping_add(1);
    }
    Some(out)
}
