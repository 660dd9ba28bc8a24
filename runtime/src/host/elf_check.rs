//! Checks that a file is a complete ELF shared object for this process before `dlopen`
//! sees it. The dynamic loader trusts the headers: it maps every loadable segment by the
//! file range its header gives and reads from it, so a file cut short makes it touch
//! pages past the end of the file, which is SIGBUS for the whole process, not an error;
//! and an empty file gets glibc's misleading "No such file or directory". Only the ELF
//! header and the program header table are read, with std.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

const EHDR_SIZE: usize = 64;
const PHDR_SIZE: usize = 56;
const ELFCLASS32: u8 = 1;
const ELFCLASS64: u8 = 2;
const ELFDATA2LSB: u8 = 1;
const ELFDATA2MSB: u8 = 2;
const ELFDATA_HOST: u8 = if cfg!(target_endian = "little") {
    ELFDATA2LSB
} else {
    ELFDATA2MSB
};
const ET_DYN: u16 = 3;
const PT_LOAD: u32 = 1;

/// `e_machine` of this build; `None` on an architecture this table does not know, where
/// `dlopen` is left to judge.
const EM_HOST: Option<u16> = if cfg!(target_arch = "x86_64") {
    Some(62)
} else if cfg!(target_arch = "aarch64") {
    Some(183)
} else if cfg!(target_arch = "riscv64") {
    Some(243)
} else if cfg!(target_arch = "powerpc64") {
    Some(21)
} else if cfg!(target_arch = "s390x") {
    Some(22)
} else {
    None
};

fn machine_name(m: u16) -> Option<&'static str> {
    Some(match m {
        3 => "x86",
        8 => "MIPS",
        20 => "PowerPC",
        21 => "PowerPC64",
        22 => "S/390",
        40 => "ARM",
        62 => "x86-64",
        183 => "AArch64",
        243 => "RISC-V",
        258 => "LoongArch",
        _ => return None,
    })
}

/// Checks the file at `path`. The error completes a sentence that starts with the path:
/// "is empty", "is not an ELF file", "is not a complete shared object: …".
pub(crate) fn check_file(path: &Path) -> Result<(), String> {
    let mut f = File::open(path).map_err(|e| format!("cannot be opened: {e}"))?;
    let len = f
        .metadata()
        .map_err(|e| format!("cannot be read: {e}"))?
        .len();
    check(&mut f, len)
}

/// Checks an ELF image of `len` bytes read from `f`; see [`check_file`].
pub(crate) fn check(f: &mut (impl Read + Seek), len: u64) -> Result<(), String> {
    if len == 0 {
        return Err("is empty".into());
    }
    let mut eh = [0u8; EHDR_SIZE];
    let head = (len as usize).min(EHDR_SIZE);
    read_at(f, 0, &mut eh[..head])?;
    if head < 4 || eh[..4] != *b"\x7fELF" {
        return Err("is not an ELF file (it does not start with the ELF magic number)".into());
    }
    if head < EHDR_SIZE {
        return Err(truncated(len, "its ELF header ends", EHDR_SIZE as u128));
    }
    match eh[4] {
        ELFCLASS64 => {}
        ELFCLASS32 => return Err("is a 32-bit ELF file, this runtime is 64-bit".into()),
        c => return Err(format!("is an ELF file of unknown class {c}")),
    }
    if eh[5] != ELFDATA_HOST {
        let order = |d| match d {
            ELFDATA2LSB => "little-endian".to_string(),
            ELFDATA2MSB => "big-endian".to_string(),
            d => format!("of unknown byte order {d}"),
        };
        return Err(format!(
            "is a {} ELF file, this runtime is {}",
            order(eh[5]),
            order(ELFDATA_HOST)
        ));
    }
    // The byte order matches ours from here on.
    let e_type = u16_at(&eh, 16);
    let e_machine = u16_at(&eh, 18);
    let e_phoff = u64_at(&eh, 32);
    let e_shoff = u64_at(&eh, 40);
    let e_phentsize = u16_at(&eh, 54);
    let e_phnum = u16_at(&eh, 56);
    let e_shentsize = u16_at(&eh, 58);
    let e_shnum = u16_at(&eh, 60);

    if e_type != ET_DYN {
        let what = match e_type {
            1 => "a relocatable object (.o)",
            2 => "an executable",
            4 => "a core dump",
            _ => "an ELF file of another kind",
        };
        return Err(format!(
            "is not a shared object but {what} (ELF type {e_type})"
        ));
    }
    if let Some(host) = EM_HOST.filter(|&h| h != e_machine) {
        let name = |m| machine_name(m).unwrap_or("unknown");
        return Err(format!(
            "is an ELF file for machine {e_machine} ({}), this runtime runs on {}",
            name(e_machine),
            name(host)
        ));
    }
    if e_phnum == 0 {
        return Err("is not a loadable shared object: it has no program headers".into());
    }
    if (e_phentsize as usize) < PHDR_SIZE {
        return Err(format!(
            "is not a valid shared object: its program headers are {e_phentsize} bytes each, \
             less than the {PHDR_SIZE} of ELF64"
        ));
    }
    // u128: offsets and counts from the file cannot overflow it.
    let ph_end = e_phoff as u128 + e_phnum as u128 * e_phentsize as u128;
    if ph_end > len as u128 {
        return Err(truncated(len, "its program headers end", ph_end));
    }
    let mut loads = 0;
    for i in 0..e_phnum {
        let mut ph = [0u8; PHDR_SIZE];
        read_at(f, e_phoff + i as u64 * e_phentsize as u64, &mut ph)?;
        if u32_at(&ph, 0) != PT_LOAD {
            continue;
        }
        loads += 1;
        let end = u64_at(&ph, 8) as u128 + u64_at(&ph, 32) as u128;
        if end > len as u128 {
            return Err(truncated(
                len,
                &format!("its loadable segment (program header {i}) ends"),
                end,
            ));
        }
    }
    if loads == 0 {
        return Err("is not a loadable shared object: it has no PT_LOAD segment".into());
    }
    // The loader does not read section headers, but a file cut inside them is damaged.
    if e_shnum > 0 {
        let sh_end = e_shoff as u128 + e_shnum as u128 * e_shentsize as u128;
        if sh_end > len as u128 {
            return Err(truncated(len, "its section headers end", sh_end));
        }
    }
    Ok(())
}

fn truncated(len: u64, what: &str, end: u128) -> String {
    format!(
        "is not a complete shared object: the file is {len} bytes but {what} at {end} \
         (truncated?)"
    )
}

fn read_at(f: &mut (impl Read + Seek), at: u64, buf: &mut [u8]) -> Result<(), String> {
    f.seek(SeekFrom::Start(at))
        .and_then(|_| f.read_exact(buf))
        .map_err(|e| format!("cannot be read: {e}"))
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_ne_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_ne_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_ne_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    const HOST: u16 = match EM_HOST {
        Some(m) => m,
        None => 62,
    };

    /// A minimal ELF64 shared object for this host: the header, the program headers at
    /// offset 64 (`(p_type, p_offset, p_filesz)` each), no section headers, and the file
    /// as long as its furthest segment.
    fn image(phdrs: &[(u32, u64, u64)]) -> Vec<u8> {
        let mut b = vec![0u8; EHDR_SIZE];
        b[..4].copy_from_slice(b"\x7fELF");
        b[4] = ELFCLASS64;
        b[5] = ELFDATA_HOST;
        b[6] = 1;
        b[16..18].copy_from_slice(&ET_DYN.to_ne_bytes());
        b[18..20].copy_from_slice(&HOST.to_ne_bytes());
        b[32..40].copy_from_slice(&(EHDR_SIZE as u64).to_ne_bytes());
        b[52..54].copy_from_slice(&(EHDR_SIZE as u16).to_ne_bytes());
        b[54..56].copy_from_slice(&(PHDR_SIZE as u16).to_ne_bytes());
        b[56..58].copy_from_slice(&(phdrs.len() as u16).to_ne_bytes());
        b[58..60].copy_from_slice(&64u16.to_ne_bytes());
        for &(t, off, size) in phdrs {
            let mut ph = [0u8; PHDR_SIZE];
            ph[..4].copy_from_slice(&t.to_ne_bytes());
            ph[8..16].copy_from_slice(&off.to_ne_bytes());
            ph[32..40].copy_from_slice(&size.to_ne_bytes());
            b.extend_from_slice(&ph);
        }
        let end = phdrs.iter().map(|&(_, o, s)| o + s).max().unwrap_or(0);
        b.resize(b.len().max(end as usize), 0xCC);
        b
    }

    fn good() -> Vec<u8> {
        image(&[(PT_LOAD, 0, 0x400), (6, 64, 112), (PT_LOAD, 0x1000, 0x200)])
    }

    fn verdict(b: &[u8]) -> Result<(), String> {
        check(&mut Cursor::new(b), b.len() as u64)
    }

    fn refused(b: &[u8]) -> String {
        verdict(b).expect_err("must be refused")
    }

    #[test]
    fn a_complete_shared_object_passes() {
        assert_eq!(verdict(&good()), Ok(()));
    }

    #[test]
    fn empty_and_non_elf_files_are_named_so() {
        assert_eq!(refused(b""), "is empty");
        assert!(refused(b"This is a text file.\n").starts_with("is not an ELF file"));
        assert!(refused(b"\x7fEL").starts_with("is not an ELF file"));
        assert!(refused(b"MZ\x90\x00 and more bytes than a header").starts_with("is not an ELF"));
    }

    #[test]
    fn every_prefix_of_a_good_image_is_refused() {
        let b = good();
        for n in 1..b.len() {
            assert!(verdict(&b[..n]).is_err(), "{n} bytes passed");
        }
        assert_eq!(
            refused(&b[..40]),
            "is not a complete shared object: the file is 40 bytes but its ELF header ends \
             at 64 (truncated?)"
        );
        assert_eq!(
            refused(&b[..100]),
            "is not a complete shared object: the file is 100 bytes but its program headers \
             end at 232 (truncated?)"
        );
        assert_eq!(
            refused(&b[..3000]),
            "is not a complete shared object: the file is 3000 bytes but its loadable \
             segment (program header 2) ends at 4608 (truncated?)"
        );
    }

    #[test]
    fn class_byte_order_type_and_machine_must_be_ours() {
        let mut b = good();
        b[4] = ELFCLASS32;
        assert_eq!(refused(&b), "is a 32-bit ELF file, this runtime is 64-bit");
        b[4] = 9;
        assert_eq!(refused(&b), "is an ELF file of unknown class 9");

        let mut b = good();
        b[5] = if ELFDATA_HOST == ELFDATA2LSB {
            ELFDATA2MSB
        } else {
            ELFDATA2LSB
        };
        assert!(refused(&b).contains("endian ELF file, this runtime is"));

        let mut b = good();
        b[16..18].copy_from_slice(&2u16.to_ne_bytes());
        assert_eq!(
            refused(&b),
            "is not a shared object but an executable (ELF type 2)"
        );

        let other: u16 = if HOST == 183 { 62 } else { 183 };
        let mut b = good();
        b[18..20].copy_from_slice(&other.to_ne_bytes());
        let why = refused(&b);
        if EM_HOST.is_some() {
            assert!(
                why.starts_with(&format!("is an ELF file for machine {other} (")),
                "{why}"
            );
            assert!(why.contains(", this runtime runs on "), "{why}");
        }
    }

    #[test]
    fn the_header_tables_must_lie_inside_the_file() {
        let mut b = good();
        b[32..40].copy_from_slice(&u64::MAX.to_ne_bytes());
        let end = u64::MAX as u128 + 3 * PHDR_SIZE as u128;
        assert!(refused(&b).contains(&format!("its program headers end at {end} ")));

        let mut b = good();
        b[54..56].copy_from_slice(&32u16.to_ne_bytes());
        assert!(refused(&b).contains("program headers are 32 bytes each"));

        let mut b = good();
        let len = b.len() as u64;
        b[40..48].copy_from_slice(&(len - 64).to_ne_bytes());
        b[60..62].copy_from_slice(&2u16.to_ne_bytes());
        assert_eq!(
            refused(&b),
            format!(
                "is not a complete shared object: the file is {len} bytes but its section \
                 headers end at {} (truncated?)",
                len + 64
            )
        );
        b[60..62].copy_from_slice(&1u16.to_ne_bytes());
        assert_eq!(verdict(&b), Ok(()));
    }

    #[test]
    fn a_segment_past_the_end_or_no_segment_at_all_is_refused() {
        // p_offset of program header 1.
        let patch = |b: &mut Vec<u8>, off: u64| {
            let at = EHDR_SIZE + PHDR_SIZE + 8;
            b[at..at + 8].copy_from_slice(&off.to_ne_bytes());
        };
        let mut b = image(&[(PT_LOAD, 0, 0x400), (PT_LOAD, 0x300, 2)]);
        patch(&mut b, u64::MAX);
        let end = u64::MAX as u128 + 2;
        assert!(
            refused(&b).contains(&format!(
                "loadable segment (program header 1) ends at {end} "
            )),
            "{}",
            refused(&b)
        );
        // Only loadable segments are mapped from the file.
        let mut b = image(&[(PT_LOAD, 0, 0x400), (4, 0x300, 0x10)]);
        patch(&mut b, 0x10_0000);
        assert_eq!(verdict(&b), Ok(()));
        assert_eq!(
            refused(&image(&[(6, 64, 56)])),
            "is not a loadable shared object: it has no PT_LOAD segment"
        );
        assert_eq!(
            refused(&image(&[])),
            "is not a loadable shared object: it has no program headers"
        );
    }
}
