//! Native modules of the standard library: those whose behaviour needs the runtime or a
//! crate (`math`, `time`, `posix`, `_subprocess`, `_tomllib`, `_hashlib`, `_codecs`,
//! `_weakref`, `_regex`, `_operator`;
//! `_hpymove`, hpymove's own), and the carrier of the modules written in Python
//! (`carried`: `runtime/stdlib/*.py`, compiled into the binary).
//!
//! May use: the object model, the protocols, the host and the interpreter (this is the
//! layer above them). Nothing below imports a module from here: the import system finds a
//! native module by name in [`NATIVE_MODULES`], through the upcalls `is_native_module`,
//! `create_native_module` and `native_module_call` (`upcalls.rs`).

pub(crate) mod buffers;
pub(crate) mod carried;
pub(crate) mod cmath;
pub(crate) mod codecs;
pub(crate) mod hashers;
pub(crate) mod hashlib;
pub(crate) mod hpymove;
pub(crate) mod math;
pub(crate) mod operator;
pub(crate) mod posix;
pub(crate) mod posix_fd;
pub(crate) mod regex;
pub(crate) mod subprocess;
pub(crate) mod time;
pub(crate) mod tomllib;
pub(crate) mod tracing;
pub(crate) mod weakref;

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Method;
use crate::state::State;

/// A native module: its import name, how to create it (given the native index of its
/// dispatcher), and the dispatcher: one native per module, which every function of the
/// module calls, bound to the function's name (`interp::natives::dispatch_module`).
pub(crate) struct NativeModule {
    pub(crate) name: &'static str,
    pub(crate) create: fn(&mut State, u32) -> PyResult<RawRef>,
    pub(crate) call: Method,
}

/// Every native module. A module's dispatcher has the native index the interpreter gives
/// the first native module plus its position here.
pub(crate) const NATIVE_MODULES: &[NativeModule] = &[
    NativeModule {
        name: "math",
        create: math::create,
        call: math::math_call,
    },
    NativeModule {
        name: "cmath",
        create: cmath::create,
        call: cmath::cmath_call,
    },
    NativeModule {
        name: "_tomllib",
        create: tomllib::create,
        call: tomllib::tomllib_call,
    },
    NativeModule {
        name: "_hashlib",
        create: hashlib::create,
        call: hashlib::hashlib_call,
    },
    NativeModule {
        name: "_codecs",
        create: codecs::create,
        call: codecs::codecs_call,
    },
    NativeModule {
        name: "_weakref",
        create: weakref::create,
        call: weakref::weakref_call,
    },
    NativeModule {
        name: "_regex",
        create: regex::create,
        call: regex::regex_call,
    },
    NativeModule {
        name: "time",
        create: time::create,
        call: time::time_call,
    },
    NativeModule {
        name: "posix",
        create: posix::create,
        call: posix::posix_call,
    },
    NativeModule {
        name: "_subprocess",
        create: subprocess::create,
        call: subprocess::subprocess_call,
    },
    NativeModule {
        name: "_operator",
        create: operator::create,
        call: operator::operator_call,
    },
    NativeModule {
        name: "_hpymove",
        create: hpymove::create,
        call: hpymove::hpymove_call,
    },
];

impl State {
    /// Is `name` one of the native modules?
    pub(crate) fn is_native_module(&mut self, name: &str) -> bool {
        NATIVE_MODULES.iter().any(|m| m.name == name)
    }

    /// Creates native module `name` (`None`: there is none by that name); `first` is the
    /// native index of the first native module's dispatcher.
    pub(crate) fn create_native_module(
        &mut self,
        name: &str,
        first: u32,
    ) -> Option<PyResult<RawRef>> {
        let i = NATIVE_MODULES.iter().position(|m| m.name == name)?;
        Some((NATIVE_MODULES[i].create)(self, first + i as u32))
    }

    /// The dispatcher of the `i`-th native module, if there is one.
    pub(crate) fn native_module_call(&mut self, i: usize) -> Option<Method> {
        NATIVE_MODULES.get(i).map(|m| m.call)
    }
}
