//! The interpreter: Python source is parsed and lowered at once into our AST
//! (`lower/`, the only user of the parser crate), then evaluated over the runtime's
//! object model (`eval.rs`). Every value the interpreter holds lives on its rooted stack
//! (`Roots::stack`), because any call may collect.
//!
//! May use: the host (`import` loads extensions and calls their slots), the builtin types'
//! methods, the protocols, the object model. Reaches the native modules (the layer above)
//! only through the upcalls of `upcalls.rs`.

pub(crate) mod assertdetail;
pub(crate) mod attrfuncs;
pub(crate) mod builtinslots;
pub(crate) mod classes;
pub(crate) mod classnatives;
pub(crate) mod codeattr;
pub(crate) mod constants;
pub(crate) mod dunder;
pub(crate) mod eval;
pub(crate) mod excepthook;
pub(crate) mod exceptstar;
pub(crate) mod execfuncs;
pub(crate) mod fastcall;
pub(crate) mod gcfuncs;
pub(crate) mod generators;
pub(crate) mod getattribute;
pub(crate) mod importfuncs;
pub(crate) mod interrupt;
pub(crate) mod iterfuncs;
pub(crate) mod lower;
pub(crate) mod matching;
pub(crate) mod methods;
pub(crate) mod natives;
pub(crate) mod numfuncs;
pub(crate) mod runmain;
pub(crate) mod slots;
pub(crate) mod slotwrappers;
pub(crate) mod sourcetext;
pub(crate) mod stdstreams;
pub(crate) mod traceback;
pub(crate) mod typecheck;
pub(crate) mod weakcallbacks;

/// The code tree the lowerer builds and functions hold lives with the code objects.
pub(crate) use crate::objects::code as ast;
pub(crate) use crate::objects::code::FrameInfo;

use std::collections::HashMap;
use std::rc::Rc;

/// Non-heap state of the interpreter.
#[derive(Default)]
pub(crate) struct Interp {
    pub(crate) frames: Vec<FrameInfo>,
    /// The stack index of the running frame's first fast local (`FrameInfo::fast(0)`),
    /// kept with `frames` (`State::sync_fast_base`): every local read and write uses it.
    pub(crate) fast_base: usize,
    /// Source lines of every file run, for tracebacks.
    pub(crate) sources: HashMap<Rc<str>, Rc<Vec<String>>>,
    /// `sys.argv`
    pub(crate) argv: Vec<String>,
    /// CPython's default recursion limit.
    pub(crate) recursion_limit: usize,
    /// (frame depth, exception identity) of the last traceback entry recorded: an
    /// exception gets one entry per frame it passes through, at the line where it passed.
    pub(crate) tb_mark: Option<(usize, u64)>,
    /// Identity numbers of the containers whose repr is being built (for `[...]`).
    pub(crate) repr_active: Vec<u64>,
    /// The running generators, innermost last (a `yield` suspends the last one).
    pub(crate) gens: Vec<*mut crate::objects::generator::GenState>,
    /// Failing asserts say what they compared (`sys._assert_detail`, see assertdetail.rs).
    pub(crate) assert_detail: bool,
    /// The constants evaluations share (`constants.rs`).
    pub(crate) constants: constants::Constants,
}
