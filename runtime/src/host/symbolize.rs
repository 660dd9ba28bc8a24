//! C source locations for debug mode's reports, read in-process from an extension's DWARF
//! (versions 4 and 5, inline frames included) with the `addr2line` and `gimli` crates.
//!
//! Nothing here runs while extension code runs: only findings are symbolized, at the end of
//! a run or in the child process that reports a fault. Each library's DWARF is loaded once,
//! on its first finding.
//!
//! Three questions are answered, all by address (relative to the library's load base):
//! - the frames of an instruction, innermost inlined function first ([`Symbolizer::frames`]);
//! - the function containing an address, at its declaration line
//!   ([`Symbolizer::function_at`]), for what happens after a function returned;
//! - the tail calls a function makes ([`Symbolizer::tail_calls`]): at `-O2` a context call in
//!   tail position replaces its caller's frame, and the call-site entries of the DWARF are
//!   the only record left of where it was.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use addr2line::Context;
use gimli::{AttributeValue, EndianArcSlice, RunTimeEndian, UnitOffset, UnitRef};
use object::{Object, ObjectSection};

use crate::host::debug::Location;

type Reader = EndianArcSlice<RunTimeEndian>;

/// The DWARF of the extensions that had findings, loaded on first use.
#[derive(Default)]
pub(crate) struct Symbolizer {
    /// None: the file has no usable debug information (it is not read again).
    libs: HashMap<PathBuf, Option<Context<Reader>>>,
}

impl std::fmt::Debug for Symbolizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Symbolizer")
            .field("libs", &self.libs.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Symbolizer {
    fn context(&mut self, lib: &Path) -> Option<&Context<Reader>> {
        self.libs
            .entry(lib.to_path_buf())
            .or_insert_with(|| load(lib))
            .as_ref()
    }

    /// The frames at `addr` (an instruction, not a return address), innermost first: the
    /// inlined functions, then the function they were inlined into, each at its line.
    pub(crate) fn frames(&mut self, lib: &Path, addr: u64) -> Vec<Location> {
        match self.context(lib) {
            Some(ctx) => guarded(|| frames(ctx, addr)).unwrap_or_default(),
            None => Vec::new(),
        }
    }

    /// [`Self::frames`] for a faulting memory access at `addr`. When the line table puts the
    /// access in one of hpy's inline wrappers (which only pass their arguments on), it is
    /// the computation of an argument that the compiler moved into the call (`-O2`): the
    /// extension's own statement it came from is the last row of the extension's sources
    /// before it in the function, if that row is not after the call's line.
    pub(crate) fn fault_frames(&mut self, lib: &Path, addr: u64) -> Vec<Location> {
        let Some(ctx) = self.context(lib) else {
            return Vec::new();
        };
        guarded(|| {
            let mut out = frames(ctx, addr);
            let in_wrapper = out.first().is_some_and(|l| is_hpy_source(&l.file));
            let caller = out.iter().position(|l| !is_hpy_source(&l.file));
            if let (true, Some(i)) = (in_wrapper, caller) {
                if let Some((file, line)) = own_row_before(ctx, addr) {
                    if file == out[i].file && line <= out[i].line {
                        out[i].line = line;
                    }
                }
            }
            out
        })
        .unwrap_or_default()
    }

    /// The (not inlined) function containing `addr`, at its declaration line.
    pub(crate) fn function_at(&mut self, lib: &Path, addr: u64) -> Option<Location> {
        let ctx = self.context(lib)?;
        guarded(|| function_at(ctx, addr)).flatten()
    }

    /// The tail calls made by the function containing `addr`, each as the frames of its
    /// jump, innermost first (the context call wrapper from hpy's headers, then its callers).
    pub(crate) fn tail_calls(&mut self, lib: &Path, addr: u64) -> Vec<Vec<Location>> {
        let Some(ctx) = self.context(lib) else {
            return Vec::new();
        };
        guarded(|| {
            tail_call_sites(ctx, addr)
                .into_iter()
                .map(|pc| frames(ctx, pc))
                .filter(|f| !f.is_empty())
                .collect()
        })
        .unwrap_or_default()
    }
}

/// Runs a lookup; a panic on malformed debug information becomes "no location".
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}

/// Reads the DWARF sections of `path`. Split DWARF (`-gsplit-dwarf`) and compressed
/// sections (`-gz`) are not read: their addresses get no location.
fn load(path: &Path) -> Option<Context<Reader>> {
    let data = std::fs::read(path).ok()?;
    let file = object::File::parse(&*data).ok()?;
    let endian = if file.is_little_endian() {
        RunTimeEndian::Little
    } else {
        RunTimeEndian::Big
    };
    let section = |id: gimli::SectionId| -> Result<Reader, gimli::Error> {
        let bytes: Arc<[u8]> = file
            .section_by_name(id.name())
            .and_then(|s| s.uncompressed_data().ok())
            .map(|d| Arc::from(&*d))
            .unwrap_or_else(|| Arc::from(&[][..]));
        Ok(EndianArcSlice::new(bytes, endian))
    };
    let dwarf = gimli::Dwarf::load(section).ok()?;
    Context::from_dwarf(dwarf).ok()
}

fn frames(ctx: &Context<Reader>, addr: u64) -> Vec<Location> {
    let mut out = Vec::new();
    let Ok(mut it) = ctx.find_frames(addr).skip_all_loads() else {
        return out;
    };
    while let Ok(Some(frame)) = it.next() {
        let function = frame
            .function
            .as_ref()
            .and_then(|n| n.demangle().ok())
            .map_or_else(|| "??".to_string(), |n| n.into_owned());
        let Some(loc) = frame.location else { continue };
        let (Some(file), Some(line)) = (loc.file, loc.line) else {
            continue;
        };
        if line == 0 {
            continue;
        }
        out.push(Location {
            function,
            file: normalize(file),
            line,
        });
    }
    out
}

/// The unit and the DIE of the outermost (not inlined) function at `addr`, and its frame.
fn outer_function(
    ctx: &Context<Reader>,
    addr: u64,
) -> Option<(UnitRef<'_, Reader>, UnitOffset, Location)> {
    let mut it = ctx.find_frames(addr).skip_all_loads().ok()?;
    let mut outer = None;
    while let Ok(Some(frame)) = it.next() {
        let function = frame
            .function
            .as_ref()
            .and_then(|n| n.demangle().ok())
            .map(|n| n.into_owned());
        let loc = frame
            .location
            .and_then(|l| Some((normalize(l.file?), l.line.unwrap_or(0))));
        outer = Some((frame.dw_die_offset, function, loc));
    }
    let (offset, function, loc) = outer?;
    let (file, line) = loc?;
    let unit = ctx.find_dwarf_and_unit(addr).skip_all_loads()?;
    Some((
        unit,
        offset?,
        Location {
            function: function.unwrap_or_else(|| "??".into()),
            file,
            line,
        },
    ))
}

/// The file and line of the last line-table row before `addr` in the function containing
/// it that is in the extension's own sources.
fn own_row_before(ctx: &Context<Reader>, addr: u64) -> Option<(String, u32)> {
    let (unit, offset, _) = outer_function(ctx, addr)?;
    let entry = unit.entry(offset).ok()?;
    let mut ranges = unit.die_ranges(&entry).ok()?;
    let mut start = None;
    while let Ok(Some(r)) = ranges.next() {
        if r.begin <= addr && addr < r.end {
            start = Some(r.begin);
        }
    }
    let mut found = None;
    for (at, _, loc) in ctx.find_location_range(start?, addr).ok()? {
        if at >= addr {
            break;
        }
        if let (Some(file), Some(line)) = (loc.file, loc.line) {
            if line != 0 && !is_hpy_source(file) {
                found = Some((normalize(file), line));
            }
        }
    }
    found
}

fn function_at(ctx: &Context<Reader>, addr: u64) -> Option<Location> {
    let (unit, offset, mut loc) = outer_function(ctx, addr)?;
    if let Some(line) = decl_line(unit, offset) {
        loc.line = line;
    }
    (loc.line != 0).then_some(loc)
}

/// `DW_AT_decl_line` of the DIE at `offset`, or of the DIE it completes (an out-of-line copy
/// of an inlined function points at its abstract origin).
fn decl_line(unit: UnitRef<'_, Reader>, mut offset: UnitOffset) -> Option<u32> {
    for _ in 0..4 {
        let entry = unit.entry(offset).ok()?;
        if let Ok(Some(v)) = entry.attr_value(gimli::DW_AT_decl_line) {
            return v.udata_value().and_then(|l| u32::try_from(l).ok());
        }
        let next = [gimli::DW_AT_abstract_origin, gimli::DW_AT_specification]
            .into_iter()
            .find_map(|a| match entry.attr_value(a) {
                Ok(Some(AttributeValue::UnitRef(o))) => Some(o),
                _ => None,
            });
        offset = next?;
    }
    None
}

/// The addresses of the jumps of the tail calls in the function containing `addr`, from
/// its call-site entries (DWARF 5 `DW_TAG_call_site`, and gcc's DWARF 4 extension
/// `DW_TAG_GNU_call_site`), which record the address after the jump.
fn tail_call_sites(ctx: &Context<Reader>, addr: u64) -> Vec<u64> {
    let mut out = Vec::new();
    let Some((unit, offset, _)) = outer_function(ctx, addr) else {
        return out;
    };
    let Ok(mut cursor) = unit.entries_at_offset(offset) else {
        return out;
    };
    let mut depth = 0isize;
    let mut first = true;
    while let Ok(Some((delta, entry))) = cursor.next_dfs() {
        if first {
            first = false;
            continue;
        }
        depth += delta;
        if depth <= 0 {
            break; // past the function's own entries
        }
        let tag = entry.tag();
        if tag != gimli::DW_TAG_call_site && tag != gimli::DW_TAG_GNU_call_site {
            continue;
        }
        let tail = [gimli::DW_AT_call_tail_call, gimli::DW_AT_GNU_tail_call]
            .into_iter()
            .any(|a| matches!(entry.attr_value(a), Ok(Some(AttributeValue::Flag(true)))));
        if !tail {
            continue;
        }
        let after = [gimli::DW_AT_call_return_pc, gimli::DW_AT_low_pc]
            .into_iter()
            .find_map(|a| unit.attr_address(entry.attr_value(a).ok()??).ok()?);
        if let Some(pc) = after.filter(|pc| *pc > 0) {
            out.push(pc - 1);
        }
    }
    out
}

/// `path` with `.` and `..` resolved lexically (DWARF joins relative names to the
/// compilation directory as they are).
fn normalize(path: &str) -> String {
    if !path.contains("/.") {
        return path.to_string();
    }
    let mut out = PathBuf::new();
    for c in Path::new(path).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out.to_string_lossy().into_owned()
}

/// The helper sources hpy.devel compiles into every universal extension
/// (`HPyDevel.get_extra_sources()`), besides its `ctx_*.c` files.
const HELPER_SOURCES: &[&str] = &[
    "argparse.c",
    "buildvalue.c",
    "format.c",
    "helpers.c",
    "structseq.c",
];

/// Whether `file` (a full path) is one of HPy's headers or helper sources, whose frames are
/// skipped to name the extension author's line. Decided by path, wherever hpy is installed:
/// anything under `.../hpy/devel/` (hpy.devel's `include/` and `src/runtime/`), `hpy.h`,
/// the headers of an `hpy/` include directory (`hpy/*.h`, `hpy/universal/*.h`,
/// `hpy/runtime/*.h`...), and the helper sources in a `runtime/` directory.
pub(crate) fn is_hpy_source(file: &str) -> bool {
    let comps: Vec<&str> = Path::new(file)
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    let Some((name, dirs)) = comps.split_last() else {
        return false;
    };
    if dirs.windows(2).any(|w| w == ["hpy", "devel"]) {
        return true;
    }
    if name.ends_with(".h") {
        let parent = dirs.last().copied();
        let grandparent = dirs.len().checked_sub(2).map(|i| dirs[i]);
        return *name == "hpy.h"
            || parent == Some("hpy")
            || (grandparent == Some("hpy")
                && matches!(
                    parent,
                    Some("universal" | "runtime" | "cpython" | "forbid_python_h")
                ));
    }
    let helper =
        HELPER_SOURCES.contains(name) || (name.starts_with("ctx_") && name.ends_with(".c"));
    helper && dirs.last() == Some(&"runtime")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hpy_sources_are_told_by_path() {
        let venv = "/v/lib/python3.11/site-packages/hpy/devel";
        for f in [
            format!("{venv}/include/hpy/universal/autogen_trampolines.h"),
            format!("{venv}/include/hpy/hpytype.h"),
            format!("{venv}/include/hpy.h"),
            format!("{venv}/src/runtime/argparse.c"),
            format!("{venv}/src/runtime/ctx_tracker.c"),
            "/opt/inc/hpy/runtime/ctx_type.h".into(),
            "/opt/inc/hpy/hpydef.h".into(),
            "/opt/inc/hpy.h".into(),
            "/vendored/runtime/buildvalue.c".into(),
        ] {
            assert!(is_hpy_source(&f), "{f}");
        }
        for f in [
            "/home/u/hpy/mymod.c",
            "/home/u/proj/src/helpers.c",
            "/home/u/proj/mymod.h",
            "/home/u/proj/runtime/mymod.c",
            "mymod.c",
        ] {
            assert!(!is_hpy_source(f), "{f}");
        }
    }

    #[test]
    fn paths_are_normalized() {
        assert_eq!(normalize("/a/b/../c/./d.h"), "/a/c/d.h");
        assert_eq!(normalize("/a/b/c.c"), "/a/b/c.c");
        assert_eq!(normalize("../x/./y.c"), "../x/y.c");
    }
}
