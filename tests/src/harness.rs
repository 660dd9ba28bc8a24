//! A small harness for suites that call sample extensions with objects as arguments
//! (types, exceptions, capsules) and compare results and errors with CPython's, and for
//! checks whose subject is what a run prints on stderr or how it ends (a fatal error): those
//! run in a child process, the test binary itself re-run on one test.

use std::process::{Command, Output};

use hpymove_runtime::{Obj, PyErr, Runtime, Value};

use crate::{runtime, Run};

/// A runtime, with helpers that panic on unexpected failures (naming what failed).
pub struct T {
    pub rt: Runtime,
}

impl T {
    pub fn new(run: Run) -> T {
        T { rt: runtime(run) }
    }

    pub fn import(&mut self, name: &str) -> Obj {
        self.rt
            .import(name)
            .unwrap_or_else(|e| panic!("import {name}: {e}"))
    }

    pub fn attr(&mut self, o: &Obj, name: &str) -> Obj {
        self.rt
            .getattr(o, name)
            .unwrap_or_else(|e| panic!("getattr({name}): {e}"))
    }

    /// `builtins.name`
    pub fn builtin(&mut self, name: &str) -> Obj {
        let b = self.import("builtins");
        self.attr(&b, name)
    }

    pub fn obj(&mut self, v: Value) -> Obj {
        self.rt
            .to_obj(&v)
            .unwrap_or_else(|e| panic!("to_obj({v:?}): {e}"))
    }

    pub fn value(&mut self, o: &Obj) -> Value {
        self.rt.value(o).expect("value")
    }

    pub fn repr(&mut self, o: &Obj) -> String {
        self.rt.repr(o).expect("repr")
    }

    /// `m.name(*args, **kwargs)`
    pub fn call(
        &mut self,
        m: &Obj,
        name: &str,
        args: &[&Obj],
        kwargs: &[(&str, &Obj)],
    ) -> Result<Obj, PyErr> {
        let f = self.attr(m, name);
        self.rt.call_objs(&f, args, kwargs)
    }

    /// `m.name(*args)`, which must succeed.
    pub fn ok(&mut self, m: &Obj, name: &str, args: &[&Obj]) -> Obj {
        self.call(m, name, args, &[])
            .unwrap_or_else(|e| panic!("{name}(...): {e}"))
    }

    /// `m.name(*args)` converted to a value.
    pub fn val(&mut self, m: &Obj, name: &str, args: &[&Obj]) -> Value {
        let r = self.ok(m, name, args);
        self.value(&r)
    }

    /// The error `m.name(*args)` raises.
    pub fn err(&mut self, m: &Obj, name: &str, args: &[&Obj]) -> PyErr {
        match self.call(m, name, args, &[]) {
            Ok(r) => {
                let v = self.value(&r);
                panic!("{name}(...) returned {v:?}, expected an exception")
            }
            Err(e) => e,
        }
    }
}

/// `(type name, str(exc))`: how the checks compare errors.
pub fn shown(e: &PyErr) -> (&str, &str) {
    (e.type_name.as_str(), e.message.as_str())
}

pub fn int(v: i64) -> Value {
    Value::int(v)
}

pub fn s(v: &str) -> Value {
    Value::str(v)
}

// ~~~ child processes ~~~

/// The environment variable that tells a test it runs as a child, and which scenario.
pub const CHILD: &str = "HPYMOVE_TEST_CHILD";

/// The scenario this process must play, if it is a child.
pub fn child_scenario() -> Option<String> {
    std::env::var(CHILD).ok()
}

/// Re-runs this test binary on the one test `module::test` (the modules `normal` and
/// `torture` of `both_modes!`) with `scenario` in the environment; returns its output.
pub fn run_child(run: Run, test: &str, scenario: &str) -> Output {
    let module = match run {
        Run::Normal => "normal",
        Run::Torture => "torture",
    };
    let exe = std::env::current_exe().expect("the test binary");
    Command::new(exe)
        .args([
            format!("{module}::{test}").as_str(),
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, scenario)
        .output()
        .expect("run the test binary as a child")
}

/// The child's stderr as text.
pub fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The signal that ended the child, if one did.
pub fn signal_of(out: &Output) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    out.status.signal()
}
