//! The named, narrow interface through which a lower layer calls up into a higher one.
//!
//! The layers of `runtime/src` (see `docs/architecture.md`) import one way: objects,
//! protocols, host, interpreter, modules, command line. Some calls must still go up: the
//! protocols ask "the type's own code" first (an extension type's slot, a Python class's
//! dunder), the way CPython's abstract layer calls a type's `tp_*` slots; `next()` resumes
//! a generator; the host imports modules and runs code for `HPy_Compile_s`. Each such entry
//! point is listed here once, and a lower layer calls it as `st.up_NAME(...)`, never the
//! higher layer's method itself: `scripts/check_layers.py` refuses a direct call. The
//! wrappers call straight through (the composition root may name every layer), so the
//! interface costs nothing at run time; what it buys is that the whole upward surface is
//! this one list.

use std::rc::Rc;

use gc::RawRef;
use hpy_abi::{HPyFunc_Signature, HPySlot_Slot};

use crate::error::{PyResult, Raised};
use crate::objects::code::{Code, SyntaxErrorInfo};
use crate::objects::generator::Resumed;
use crate::objects::operator::BinOp;
use crate::protocols::number::{BuiltinBinary, UnaryOp};
use crate::state::State;
use crate::value_stack::Rooted;

/// Declares each upcall `up_NAME` as a method that calls the higher layer's `NAME`.
macro_rules! upcalls {
    ($( $(#[doc = $doc:expr])* fn $name:ident => $up:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty; )*) => {
        impl State {
            $(
                $(#[doc = $doc])*
                #[inline]
                pub(crate) fn $up(&mut self $(, $arg: $ty)*) -> $ret {
                    self.$name($($arg),*)
                }
            )*
        }
    };
}

// A Python class's own code: its dunders (`interp/dunder.rs`, `interp/classes.rs`), which the protocols and the host's slot dispatch ask first.
upcalls! {
    /// `call_dunder` in `interp/dunder.rs`.
    fn call_dunder => up_call_dunder(r: RawRef, name: &str, args: &[RawRef]) -> Option<PyResult<RawRef>>;
    /// `dunder_on_pub` in `interp/dunder.rs`.
    fn dunder_on_pub => up_dunder_on_pub(ops: &mut [RawRef], name: &str) -> Option<PyResult<RawRef>>;
    /// `py_binary` in `interp/dunder.rs`.
    fn py_binary => up_py_binary(op: BinOp, ops: &mut [RawRef; 2], builtin: BuiltinBinary) -> PyResult<Option<Option<RawRef>>>;
    /// `py_contains` in `interp/dunder.rs`.
    fn py_contains => up_py_contains(a: RawRef, item: RawRef) -> Option<PyResult<bool>>;
    /// `py_getattr` in `interp/classes.rs`.
    fn py_getattr => up_py_getattr(r: RawRef, name: &str) -> PyResult<Option<RawRef>>;
    /// `py_getattribute` in `interp/getattribute.rs`.
    fn py_getattribute => up_py_getattribute(r: Rooted, name: &str) -> PyResult<Option<RawRef>>;
    /// `py_getitem` in `interp/dunder.rs`.
    fn py_getitem => up_py_getitem(a: RawRef, key: RawRef) -> Option<PyResult<RawRef>>;
    /// `py_hash` in `interp/dunder.rs`.
    fn py_hash => up_py_hash(r: RawRef) -> Option<PyResult<i64>>;
    /// `py_inplace` in `interp/dunder.rs`.
    fn py_inplace => up_py_inplace(op: BinOp, ops: &mut [RawRef; 2]) -> Option<PyResult<Option<RawRef>>>;
    /// `py_iter` in `interp/dunder.rs`.
    fn py_iter => up_py_iter(a: RawRef) -> Option<PyResult<RawRef>>;
    /// `py_len` in `interp/dunder.rs`.
    fn py_len => up_py_len(r: RawRef) -> Option<PyResult<usize>>;
    /// `py_next` in `interp/dunder.rs`.
    fn py_next => up_py_next(it: RawRef) -> Option<PyResult<Option<RawRef>>>;
    /// `py_richcompare` in `interp/dunder.rs`.
    fn py_richcompare => up_py_richcompare(ops: &mut [RawRef; 2], op: i32) -> PyResult<Option<RawRef>>;
    /// `py_setattr` in `interp/classes.rs`.
    fn py_setattr => up_py_setattr(r: RawRef, name: &str, value: RawRef) -> PyResult<()>;
    /// `py_setitem` in `interp/dunder.rs`.
    fn py_setitem => up_py_setitem(a: RawRef, key: RawRef, value: RawRef) -> Option<PyResult<()>>;
    /// `py_text` in `interp/dunder.rs`.
    fn py_text => up_py_text(r: RawRef, name: &str) -> Option<PyResult<String>>;
    /// `py_truth` in `interp/dunder.rs`.
    fn py_truth => up_py_truth(r: RawRef) -> Option<PyResult<bool>>;
    /// `py_unary` in `interp/dunder.rs`.
    fn py_unary => up_py_unary(op: UnaryOp, a: RawRef) -> Option<PyResult<RawRef>>;
}

// An extension type's own code: its HPy slots and descriptors, and calls of extension functions (`host/`), which the protocols ask after a Python class's dunders.
upcalls! {
    /// `call_extension_function` in `host/call.rs`.
    fn call_extension_function => up_call_extension_function(f: RawRef, args: &[RawRef], kwargs: &[(String, RawRef)]) -> PyResult<RawRef>;
    /// `call_obj_slot` in `host/exttype.rs`.
    fn call_obj_slot => up_call_obj_slot(impl_: usize, sig: HPyFunc_Signature, args: &mut [RawRef], what: &'static str) -> PyResult<RawRef>;
    /// `descr_set` in `host/exttype.rs`.
    fn descr_set => up_descr_set(d: RawRef, obj: RawRef, value: RawRef) -> PyResult<()>;
    /// `ext_binary` in `host/exttype.rs`.
    fn ext_binary => up_ext_binary(op: BinOp, ops: &mut [RawRef; 2], builtin: BuiltinBinary) -> PyResult<Option<Option<RawRef>>>;
    /// `ext_buffer_bytes` in `host/buffer.rs`.
    fn ext_buffer_bytes => up_ext_buffer_bytes(obj: RawRef) -> PyResult<Option<Vec<u8>>>;
    /// `ext_call_instance` in `host/exttype.rs`.
    fn ext_call_instance => up_ext_call_instance(f: RawRef, args: &[RawRef], kwargs: &[(String, RawRef)]) -> Option<PyResult<RawRef>>;
    /// `ext_construct` in `host/exttype.rs`.
    fn ext_construct => up_ext_construct(ty: RawRef, args: &[RawRef], kwargs: &[(String, RawRef)]) -> PyResult<RawRef>;
    /// `ext_contains` in `host/exttype.rs`.
    fn ext_contains => up_ext_contains(a: RawRef, item: RawRef) -> Option<PyResult<bool>>;
    /// `ext_convert` in `host/exttype.rs`.
    fn ext_convert => up_ext_convert(a: RawRef, s: HPySlot_Slot, dunder: &'static str, want: RawRef) -> PyResult<Option<RawRef>>;
    /// `ext_getattr` in `host/exttype.rs`.
    fn ext_getattr => up_ext_getattr(r: RawRef, name: &str) -> PyResult<Option<RawRef>>;
    /// `ext_getitem` in `host/exttype.rs`.
    fn ext_getitem => up_ext_getitem(a: RawRef, key: RawRef) -> Option<PyResult<RawRef>>;
    /// `ext_hash` in `host/exttype.rs`.
    fn ext_hash => up_ext_hash(r: RawRef) -> Option<PyResult<i64>>;
    /// `ext_inplace` in `host/exttype.rs`.
    fn ext_inplace => up_ext_inplace(op: BinOp, ops: &mut [RawRef; 2]) -> PyResult<Option<RawRef>>;
    /// `ext_inplace_pow3` in `host/exttype.rs`.
    fn ext_inplace_pow3 => up_ext_inplace_pow3(ops: &mut [RawRef; 3]) -> PyResult<Option<RawRef>>;
    /// `ext_len` in `host/exttype.rs`.
    fn ext_len => up_ext_len(a: RawRef) -> Option<PyResult<usize>>;
    /// `ext_pow3` in `host/exttype.rs`.
    fn ext_pow3 => up_ext_pow3(ops: &mut [RawRef; 3]) -> PyResult<Option<RawRef>>;
    /// `ext_richcompare` in `host/exttype.rs`.
    fn ext_richcompare => up_ext_richcompare(ops: &mut [RawRef; 2], op: i32) -> PyResult<Option<RawRef>>;
    /// `ext_sequence_op` in `host/exttype.rs`.
    fn ext_sequence_op => up_ext_sequence_op(op: BinOp, ops: &mut [RawRef; 2], inplace: bool) -> PyResult<Option<RawRef>>;
    /// `ext_setattr` in `host/exttype.rs`.
    fn ext_setattr => up_ext_setattr(r: RawRef, name: &str, value: RawRef) -> PyResult<()>;
    /// `ext_setitem` in `host/exttype.rs`.
    fn ext_setitem => up_ext_setitem(a: RawRef, key: RawRef, value: RawRef) -> Option<PyResult<()>>;
    /// `ext_truth` in `host/exttype.rs`.
    fn ext_truth => up_ext_truth(a: RawRef) -> Option<PyResult<bool>>;
    /// `ext_unary` in `host/exttype.rs`.
    fn ext_unary => up_ext_unary(op: UnaryOp, a: RawRef) -> PyResult<Option<RawRef>>;
}

// The interpreter's services that lower layers need: imports, running and compiling code, classes, `super`, generators, tracebacks (`interp/`).
upcalls! {
    /// `builtin_slot` in `interp/builtinslots.rs`.
    fn builtin_slot => up_builtin_slot(r: RawRef, name: &str) -> PyResult<Option<RawRef>>;
    /// `call_pyclass` in `interp/classes.rs`.
    fn call_pyclass => up_call_pyclass(ty: RawRef, args: &[RawRef], kwargs: &[(String, RawRef)]) -> PyResult<RawRef>;
    /// `call_pyfunction` in `interp/eval.rs`.
    fn call_pyfunction => up_call_pyfunction(f: RawRef, args: &[RawRef], kwargs: &[(String, RawRef)]) -> PyResult<RawRef>;
    /// `call_setattr` in `interp/classes.rs`.
    fn call_setattr => up_call_setattr(f: RawRef, r: RawRef, name: &str, value: RawRef) -> PyResult<()>;
    /// `call_wrap` in `interp/classes.rs`.
    fn call_wrap => up_call_wrap(w: RawRef, args: &[RawRef], kwargs: &[(String, RawRef)]) -> PyResult<RawRef>;
    /// `class_attr` in `interp/classes.rs`.
    fn class_attr => up_class_attr(t: RawRef, v: RawRef) -> PyResult<RawRef>;
    /// `finalize_generator` in `interp/generators.rs`.
    fn finalize_generator => up_finalize_generator(obj: RawRef) -> bool;
    /// `format_exception` in `interp/traceback.rs`.
    fn format_exception => up_format_exception(e: RawRef) -> String;
    /// `function_code` in `interp/codeattr.rs`.
    fn function_code => up_function_code(f: RawRef) -> PyResult<RawRef>;
    /// `gen_resume` in `interp/generators.rs`.
    fn gen_resume => up_gen_resume(gen: RawRef, send: RawRef) -> PyResult<Resumed>;
    /// `import_module` in `interp/eval.rs`.
    fn import_module => up_import_module(name: &str) -> PyResult<RawRef>;
    /// `metaclass_attr` in `interp/classes.rs`.
    fn metaclass_attr => up_metaclass_attr(cls: RawRef, name: &str) -> PyResult<Option<RawRef>>;
    /// `metaclass_property` in `interp/classes.rs`.
    fn metaclass_property => up_metaclass_property(cls: RawRef, name: &str) -> PyResult<Option<RawRef>>;
    /// `new_method` in `interp/classes.rs`.
    fn new_method => up_new_method(f: RawRef, self_: RawRef) -> PyResult<RawRef>;
    /// `new_super` in `interp/classes.rs`.
    fn new_super => up_new_super(cls: RawRef, obj: RawRef) -> PyResult<RawRef>;
    /// `ns_set` in `interp/classes.rs`.
    fn ns_set => up_ns_set(nsi: usize, key: &str, v: RawRef) -> PyResult<()>;
    /// `push_call` in `interp/classes.rs`.
    fn push_call => up_push_call(cls: RawRef, args: &[RawRef], kwargs: &[(String, RawRef)]) -> usize;
    /// `raise_syntax_error` in `interp/traceback.rs`.
    fn raise_syntax_error => up_raise_syntax_error(e: &SyntaxErrorInfo) -> Raised;
    /// `run_module_code` in `interp/eval.rs`.
    fn run_module_code => up_run_module_code(code: Rc<Code>, globals: RawRef) -> PyResult<()>;
    /// `slot_wrapper` in `interp/slotwrappers.rs`.
    fn slot_wrapper => up_slot_wrapper(r: RawRef, name: &str) -> PyResult<Option<RawRef>>;
    /// `type_new_with` in `interp/classes.rs`.
    fn type_new_with => up_type_new_with(meta: RawRef, args: [RawRef; 3], kwargs: &[(String, RawRef)]) -> PyResult<RawRef>;
    /// `wrap_getattr` in `interp/classnatives.rs`.
    fn wrap_getattr => up_wrap_getattr(w: RawRef, name: &str) -> PyResult<RawRef>;
}

// The native modules (`modules/`), which the interpreter's import system finds by name.
upcalls! {
    /// `is_native_module` in `modules/mod.rs`.
    fn is_native_module => up_is_native_module(name: &str) -> bool;
    /// `create_native_module` in `modules/mod.rs`.
    fn create_native_module => up_create_native_module(name: &str, first: u32) -> Option<PyResult<RawRef>>;
    /// `native_module_call` in `modules/mod.rs`.
    fn native_module_call => up_native_module_call(i: usize) -> Option<crate::objects::args::Method>;
    /// `carried_module` in `modules/carried.rs`.
    fn carried_module => up_carried_module(name: &str) -> Option<(&'static str, String, Option<String>)>;
    /// `carried_alias` in `modules/carried.rs`.
    fn carried_alias => up_carried_alias(name: &str) -> Option<&'static str>;
}

// The interpreter's natives and output, for the protocols and the host.
upcalls! {
    /// `descr_attr` in `interp/slots.rs`.
    fn descr_attr => up_descr_attr(d: RawRef, name: &str) -> PyResult<Option<RawRef>>;
    /// `run_weak_callbacks` in `interp/weakcallbacks.rs`.
    fn run_weak_callbacks => up_run_weak_callbacks() -> usize;
    /// `call_native` in `interp/natives.rs`.
    fn call_native => up_call_native(f: RawRef, args: &[RawRef], kwargs: &[(String, RawRef)]) -> PyResult<RawRef>;
    /// `install_builtins` in `interp/natives.rs`.
    fn install_builtins => up_install_builtins() -> PyResult<()>;
    /// `write_stdout` in `interp/natives.rs`.
    fn write_stdout => up_write_stdout(text: &str, flush: bool) -> ();
    /// `compile_source` in `interp/lower/mod.rs`.
    fn compile_source => up_compile_source(source: &str, filename: &str) -> PyResult<Rc<Code>>;
}
