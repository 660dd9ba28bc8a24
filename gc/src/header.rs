//! The one-word object header.
//!
//! Layout of the word (little end first):
//! `[magic: 8][flags: 8][kind: 16][size in bytes: 32]`.
//! A forwarded object has its header word replaced by `new_address | 1`; the magic byte is
//! even, so the low bit alone tells the two apart. Only the header word is overwritten when
//! an object is forwarded: the body of the old copy stays readable until its space retires,
//! which lets the runtime read a dead object's payload pointer while it is being swept.

/// Bytes taken by the header in front of every body.
pub const HEADER_BYTES: usize = 8;

/// Marks a word as a live header; chosen even (low bit 0) and unlikely as pointer data.
pub(crate) const MAGIC: u64 = 0xA6;

pub(crate) const FORWARDED: u64 = 1;

/// Header flag bits owned by the collector.
pub(crate) mod flag {
    /// Lives in the large-object space (never moves).
    pub const LARGE: u8 = 1 << 0;
    /// Lives in the immortal space (never moves, never dies).
    pub const IMMORTAL: u8 = 1 << 1;
    /// An immortal object already in the remembered set.
    pub const REMEMBERED: u8 = 1 << 2;
    /// A large object reached during the current collection.
    pub const MARKED: u8 = 1 << 3;
    /// Registered for finalization and not finalized yet.
    pub const FINALIZABLE: u8 = 1 << 4;
    /// Owns something outside the heap, dropped once when it dies.
    pub const EXTERNAL: u8 = 1 << 5;
}

/// Flag bits left to the runtime (preserved by copying).
pub const USER_FLAG_0: u8 = 1 << 6;
pub const USER_FLAG_1: u8 = 1 << 7;
pub(crate) const USER_FLAGS: u8 = USER_FLAG_0 | USER_FLAG_1;

#[inline(always)]
pub(crate) const fn make(kind: u16, flags: u8, size: usize) -> u64 {
    MAGIC | ((flags as u64) << 8) | ((kind as u64) << 16) | ((size as u64) << 32)
}

#[inline(always)]
pub(crate) const fn is_forwarded(word: u64) -> bool {
    word & FORWARDED != 0
}

#[inline(always)]
pub(crate) const fn has_magic(word: u64) -> bool {
    word & 0xff == MAGIC
}

#[inline(always)]
pub(crate) const fn size_of(word: u64) -> usize {
    (word >> 32) as usize
}

#[inline(always)]
pub(crate) const fn kind_of(word: u64) -> u16 {
    (word >> 16) as u16
}

#[inline(always)]
pub(crate) const fn flags_of(word: u64) -> u8 {
    (word >> 8) as u8
}

#[inline(always)]
pub(crate) const fn with_flags(word: u64, flags: u8) -> u64 {
    (word & !0xff00) | ((flags as u64) << 8)
}

/// Reads the header word at `addr`.
///
/// # Safety
/// `addr` must be readable and 8-aligned.
#[inline(always)]
pub(crate) unsafe fn load(addr: usize) -> u64 {
    // SAFETY: the caller guarantees `addr` is a readable, aligned word.
    unsafe { *(addr as *const u64) }
}

/// # Safety
/// `addr` must be writable and 8-aligned.
#[inline(always)]
pub(crate) unsafe fn store(addr: usize, word: u64) {
    // SAFETY: the caller guarantees `addr` is a writable, aligned word.
    unsafe { *(addr as *mut u64) = word }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip() {
        let w = make(0x1234, flag::LARGE | USER_FLAG_1, 0x1_0000);
        assert!(has_magic(w) && !is_forwarded(w));
        assert_eq!(kind_of(w), 0x1234);
        assert_eq!(flags_of(w), flag::LARGE | USER_FLAG_1);
        assert_eq!(size_of(w), 0x1_0000);
        let w2 = with_flags(w, flag::MARKED);
        assert_eq!(flags_of(w2), flag::MARKED);
        assert_eq!(kind_of(w2), 0x1234);
        assert!(is_forwarded(0x7f00_0000_1000 | FORWARDED));
    }
}
