//! Collection policy and heap options.

use std::fmt;
use std::num::NonZeroU64;
use std::str::FromStr;

/// When a safepoint collects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// When the volume allocated since the last collection passes a threshold that grows
    /// with the live size.
    Normal,
    /// At every Nth boundary safepoint (and when the normal threshold is passed).
    Every(NonZeroU64),
    /// At every boundary safepoint: every object moves at every HPy call.
    Torture,
    /// At every safepoint, interpreter safepoints included: every object moves at every
    /// HPy call, every statement and every call of a Python function. For testing the
    /// runtime itself: a stale reference anywhere in it is read after its object moved.
    Always,
}

impl FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Mode, String> {
        match s {
            "normal" => Ok(Mode::Normal),
            "torture" => Ok(Mode::Torture),
            "always" => Ok(Mode::Always),
            _ => {
                let n = s.strip_prefix("every:").ok_or_else(|| {
                    format!("unknown GC mode '{s}' (expected normal, every:N, torture or always)")
                })?;
                let n: u64 = n
                    .parse()
                    .map_err(|_| format!("GC mode '{s}': N must be a positive integer"))?;
                NonZeroU64::new(n)
                    .map(Mode::Every)
                    .ok_or_else(|| format!("GC mode '{s}': N must be at least 1"))
            }
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mode::Normal => f.write_str("normal"),
            Mode::Every(n) => write!(f, "every:{n}"),
            Mode::Torture => f.write_str("torture"),
            Mode::Always => f.write_str("always"),
        }
    }
}

/// Everything that shapes a heap, fixed at creation.
#[derive(Clone, Debug)]
pub struct HeapConfig {
    pub mode: Mode,
    /// Fresh addresses for every to-space; retired spaces filled with
    /// [`crate::POISON_BYTE`] and made inaccessible for `quarantine` collections.
    pub poison: bool,
    /// Walk the whole heap after every collection and check every reference.
    pub verify: bool,
    /// Most bytes the movable and large-object spaces may hold together; beyond it
    /// allocation fails with [`crate::AllocError::HeapFull`].
    pub cap: usize,
    /// Address space reserved for the immortal space.
    pub immortal_cap: usize,
    /// The allocation volume between collections is at least this… (4 MiB: a small heap's
    /// allocation stays within a few times the L2 cache, where fresh objects are still
    /// cached when they are next read; 8 MiB had an empty loop 30% slower, and 2 MiB made
    /// a loop keeping 1.5 MB alive copy it too often.)
    pub min_threshold: usize,
    /// …and at least this many times the live size after the last collection.
    pub growth: f64,
    /// Memory held outside the heap (C payloads, buffers extensions `malloc`) may grow by
    /// at least this much between collections…
    pub external_min: usize,
    /// …and by at least this fraction of what was in use after the last collection.
    /// Smaller than the heap's own `growth`: reference counting frees such memory at
    /// once, so every byte of allowance is peak memory a refcounting host never has.
    pub external_growth: f64,
    /// Objects of at least this many bytes go to the non-moving large-object space.
    pub large_threshold: usize,
    /// How many retired spaces poison mode keeps inaccessible before unmapping them.
    pub quarantine: usize,
}

impl Default for HeapConfig {
    fn default() -> HeapConfig {
        HeapConfig {
            mode: Mode::Normal,
            poison: false,
            verify: false,
            cap: 8 << 30,
            immortal_cap: 1 << 30,
            min_threshold: 4 << 20,
            growth: 1.0,
            external_min: 4 << 20,
            external_growth: 0.5,
            large_threshold: 256 << 10,
            quarantine: 4,
        }
    }
}

impl Mode {
    /// Whether this mode moves objects so often that only poison mode can tell a stale
    /// read from a good one (the old copy stays readable otherwise): torture and always
    /// turn poison on unless asked not to.
    pub fn wants_poison(self) -> bool {
        matches!(self, Mode::Torture | Mode::Always)
    }
}

impl HeapConfig {
    pub fn with_mode(mode: Mode) -> HeapConfig {
        HeapConfig {
            mode,
            ..HeapConfig::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse_and_print() {
        for s in ["normal", "torture", "always", "every:7"] {
            assert_eq!(s.parse::<Mode>().unwrap().to_string(), s);
        }
        assert!("every:0".parse::<Mode>().is_err());
        assert!("every:x".parse::<Mode>().is_err());
        assert!("sometimes"
            .parse::<Mode>()
            .unwrap_err()
            .contains("unknown GC mode"));
    }
}
