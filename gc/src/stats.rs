//! Collection statistics.

use std::time::Duration;

use crate::error::CollectionFailure;

/// Sizes of one space: now and at its peak.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SpaceSize {
    pub current: usize,
    pub peak: usize,
}

impl SpaceSize {
    pub(crate) fn set(&mut self, now: usize) {
        self.current = now;
        self.peak = self.peak.max(now);
    }
}

/// Pause-time summary over every collection so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pauses {
    pub min: Duration,
    pub median: Duration,
    pub p99: Duration,
    pub max: Duration,
    pub total: Duration,
}

/// What the heap has done so far.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub collections: u64,
    pub objects_copied: u64,
    pub bytes_copied: u64,
    /// Movable bytes in from-space at the start of the last collection.
    pub last_bytes_before: usize,
    /// Bytes copied by the last collection.
    pub last_bytes_copied: usize,
    pub last_objects_copied: usize,
    /// Large objects freed and finalizable objects queued, over the whole run.
    pub large_freed: u64,
    pub finalizers_queued: u64,
    /// Weak references cleared because their target died.
    pub weak_cleared: u64,
    pub externals_dropped: u64,
    /// Collections requested because memory held outside the heap grew
    /// ([`crate::Heap::note_external_growth`]).
    pub external_requests: u64,
    /// Collections skipped because the OS refused memory for a to-space, and the reason
    /// for the last one (see [`crate::Heap::last_collection_failure`]).
    pub collections_skipped: u64,
    pub last_collection_failure: Option<CollectionFailure>,
    /// Retired semispaces unmapped before their quarantine ended (poison mode), to make
    /// room for a to-space the OS refused otherwise.
    pub quarantine_released: u64,
    /// Used part of the current semispace (bytes).
    pub semispace: SpaceSize,
    pub immortal: SpaceSize,
    pub large: SpaceSize,
    pub(crate) pause_ns: Vec<u64>,
}

impl Stats {
    /// Fraction of the movable bytes that survived the last collection.
    pub fn survival(&self) -> f64 {
        if self.last_bytes_before == 0 {
            0.0
        } else {
            self.last_bytes_copied as f64 / self.last_bytes_before as f64
        }
    }

    pub fn pauses(&self) -> Pauses {
        if self.pause_ns.is_empty() {
            return Pauses::default();
        }
        let mut v = self.pause_ns.clone();
        v.sort_unstable();
        let at = |q: f64| Duration::from_nanos(v[((v.len() - 1) as f64 * q).round() as usize]);
        Pauses {
            min: at(0.0),
            median: at(0.5),
            p99: at(0.99),
            max: at(1.0),
            total: Duration::from_nanos(v.iter().sum()),
        }
    }

    /// A few human-readable lines, for `--gc-stats` style output.
    pub fn report(&self) -> String {
        let p = self.pauses();
        let mut out = format!(
            "collections: {}\n\
             copied: {} objects, {} bytes (last collection: {} objects, {} bytes, survival {:.1}%)\n\
             pauses: min {:?}, median {:?}, p99 {:?}, max {:?}, total {:?}\n\
             semispace: {} bytes (peak {})\n\
             immortal: {} bytes (peak {})\n\
             large objects: {} bytes (peak {}), {} freed\n\
             finalizers queued: {}, external parts dropped: {}",
            self.collections,
            self.objects_copied,
            self.bytes_copied,
            self.last_objects_copied,
            self.last_bytes_copied,
            self.survival() * 100.0,
            p.min,
            p.median,
            p.p99,
            p.max,
            p.total,
            self.semispace.current,
            self.semispace.peak,
            self.immortal.current,
            self.immortal.peak,
            self.large.current,
            self.large.peak,
            self.large_freed,
            self.finalizers_queued,
            self.externals_dropped,
        );
        // Only when it happened: memory trouble is worth a line, its absence is not.
        if let Some(f) = &self.last_collection_failure {
            out += &format!(
                "\nskipped collections: {} (last: {f})",
                self.collections_skipped
            );
        }
        if self.weak_cleared > 0 {
            out += &format!("\nweak references cleared: {}", self.weak_cleared);
        }
        if self.external_requests > 0 {
            out += &format!(
                "\ncollections requested by memory outside the heap: {}",
                self.external_requests
            );
        }
        if self.quarantine_released > 0 {
            out += &format!(
                "\nretired spaces unmapped before their quarantine ended: {}",
                self.quarantine_released
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pause_quantiles() {
        let s = Stats {
            pause_ns: (1..=100).rev().collect(),
            ..Stats::default()
        };
        let p = s.pauses();
        assert_eq!(p.min, Duration::from_nanos(1));
        assert_eq!(p.max, Duration::from_nanos(100));
        assert_eq!(p.median, Duration::from_nanos(51));
        assert_eq!(p.p99, Duration::from_nanos(99));
    }
}
