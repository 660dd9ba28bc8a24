//! The extra builds of the samples that debug mode's tests read: each with its own flags
//! (DWARF version × optimisation), helpers included, in a directory named after it.
//!
//! `build.rs` includes this file too, so the table decides what gets built.

/// (directory name, the flags it adds to the common ones).
pub const BUILDS: &[(&str, &[&str])] = &[
    ("dwarf4-O0", &["-gdwarf-4", "-O0"]),
    ("dwarf5-O0", &["-gdwarf-5", "-O0"]),
    ("dwarf4-O2", &["-gdwarf-4", "-O2"]),
    ("dwarf5-O2", &["-gdwarf-5", "-O2"]),
];
