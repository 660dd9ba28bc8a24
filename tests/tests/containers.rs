//! Containers, slices, ranges and iteration through the context, called as an extension
//! calls it: the item protocol (`HPy_GetItem` … `HPy_DelItem_s`), `HPy_Contains`,
//! `HPy_Length`, slices (`HPySlice_New`, `HPySlice_Unpack`, slicing of str, bytes, tuple
//! and list, slice assignment and deletion, `HPy_GetSlice`/`SetSlice`/`DelSlice`), list,
//! tuple and dict constructors and checks, dict key semantics, `HPy_Hash`, ranges,
//! `HPy_GetIter`/`HPyIter_Next`/`HPyIter_Check`, and list/tuple builders.
//!
//! Expected outcomes are CPython 3.11.7's, written as the result's `repr` or
//! `!Type: str(exception)`; the comment above each group gives the Python expressions (for
//! the HPy members: the C function hpy 0.9 calls, run through `ctypes`). Every test runs in
//! normal mode and in torture mode (every object moves at every context call), both with
//! the heap verified after every collection.

use std::ffi::CStr;

use hpy_abi::{HPy, HPyContext, HPyListBuilder, HPyTupleBuilder, HPy_ssize_t};
use hpymove_runtime::{Obj, PyErr, Runtime, Value};
use hpymove_tests::{both_modes, runtime, Run};
use num_bigint::BigInt;

const MAX: isize = isize::MAX;
const MIN: isize = isize::MIN;

// ------------------------------------------------------------------ values

fn int(v: i64) -> Value {
    Value::int(v)
}
fn big(v: BigInt) -> Value {
    Value::Int(v)
}
fn pow2(n: u32) -> BigInt {
    BigInt::from(1) << n
}
fn fl(v: f64) -> Value {
    Value::Float(v)
}
fn s(v: &str) -> Value {
    Value::str(v)
}
fn b(v: &[u8]) -> Value {
    Value::Bytes(v.to_vec())
}
fn list(v: Vec<Value>) -> Value {
    Value::List(v)
}
fn tup(v: Vec<Value>) -> Value {
    Value::Tuple(v)
}
fn ints(v: &[i64]) -> Vec<Value> {
    v.iter().map(|i| int(*i)).collect()
}

/// The handle behind an object (owned by the `Obj`).
fn h(o: &Obj) -> HPy {
    HPy {
        _i: Runtime::handle_value(o),
    }
}

/// A runtime and its context, with one wrapper per member under test.
struct Cx {
    rt: Runtime,
    c: &'static HPyContext,
    p: *mut HPyContext,
}

impl Cx {
    fn new(run: Run) -> Cx {
        let mut rt = runtime(run);
        let p = rt.context();
        // SAFETY: the context lives as long as the runtime, which outlives every use.
        let c = unsafe { &*p };
        Cx { rt, c, p }
    }

    fn v(&mut self, v: Value) -> Obj {
        self.rt.to_obj(&v).expect("value")
    }

    fn none(&mut self) -> Obj {
        self.v(Value::None)
    }

    /// A handle a member returned: the object, or the error it set.
    fn take(&mut self, r: HPy) -> Result<Obj, PyErr> {
        let err = self.rt.take_pending_error();
        if r._i == 0 {
            Err(err.expect("HPy_NULL with an error set"))
        } else {
            assert!(err.is_none(), "a result and an error: {err:?}");
            Ok(self.rt.obj_from_handle(r))
        }
    }

    fn show_err(e: PyErr) -> String {
        format!("!{}: {}", e.type_name, e.message)
    }

    /// `repr(result)` or `!Type: message`.
    fn show(&mut self, r: HPy) -> String {
        match self.take(r) {
            Ok(o) => self.rt.repr(&o).expect("repr"),
            Err(e) => Cx::show_err(e),
        }
    }

    /// An int status (-1 with an error set on failure): the number, or the error.
    fn status(&mut self, r: i64) -> String {
        match self.rt.take_pending_error() {
            Some(e) => {
                assert_eq!(r, -1, "an error with status {r}");
                Cx::show_err(e)
            }
            None => r.to_string(),
        }
    }

    fn repr(&mut self, o: &Obj) -> String {
        self.rt.repr(o).expect("repr")
    }

    fn type_name(&mut self, o: &Obj) -> String {
        match self.rt.value(o).expect("value") {
            Value::Other { type_name, .. } => type_name,
            v => panic!("a builtin value: {v:?}"),
        }
    }

    // -------------------------------------------------------------- members

    fn get_item(&mut self, o: &Obj, k: &Obj) -> String {
        // SAFETY: calling the context as an extension does, with open handles.
        let r = unsafe { (self.c.ctx_GetItem)(self.p, h(o), h(k)) };
        self.show(r)
    }

    fn get_item_i(&mut self, o: &Obj, i: HPy_ssize_t) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_GetItem_i)(self.p, h(o), i) };
        self.show(r)
    }

    fn get_item_s(&mut self, o: &Obj, k: &CStr) -> String {
        // SAFETY: as above; `k` is NUL-terminated.
        let r = unsafe { (self.c.ctx_GetItem_s)(self.p, h(o), k.as_ptr()) };
        self.show(r)
    }

    fn set_item(&mut self, o: &Obj, k: &Obj, v: &Obj) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_SetItem)(self.p, h(o), h(k), h(v)) };
        self.status(r as i64)
    }

    fn set_item_i(&mut self, o: &Obj, i: HPy_ssize_t, v: &Obj) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_SetItem_i)(self.p, h(o), i, h(v)) };
        self.status(r as i64)
    }

    fn set_item_s(&mut self, o: &Obj, k: &CStr, v: &Obj) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_SetItem_s)(self.p, h(o), k.as_ptr(), h(v)) };
        self.status(r as i64)
    }

    fn del_item(&mut self, o: &Obj, k: &Obj) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_DelItem)(self.p, h(o), h(k)) };
        self.status(r as i64)
    }

    fn del_item_i(&mut self, o: &Obj, i: HPy_ssize_t) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_DelItem_i)(self.p, h(o), i) };
        self.status(r as i64)
    }

    fn del_item_s(&mut self, o: &Obj, k: &CStr) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_DelItem_s)(self.p, h(o), k.as_ptr()) };
        self.status(r as i64)
    }

    fn contains(&mut self, c: &Obj, k: &Obj) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_Contains)(self.p, h(c), h(k)) };
        self.status(r as i64)
    }

    fn length(&mut self, o: &Obj) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_Length)(self.p, h(o)) };
        self.status(r as i64)
    }

    fn hash(&mut self, o: &Obj) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_Hash)(self.p, h(o)) };
        self.status(r as i64)
    }

    fn get_slice(&mut self, o: &Obj, i: HPy_ssize_t, j: HPy_ssize_t) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_GetSlice)(self.p, h(o), i, j) };
        self.show(r)
    }

    fn set_slice(&mut self, o: &Obj, i: HPy_ssize_t, j: HPy_ssize_t, v: Option<&Obj>) -> String {
        let v = v.map_or(HPy { _i: 0 }, h);
        // SAFETY: as above (HPy_NULL deletes).
        let r = unsafe { (self.c.ctx_SetSlice)(self.p, h(o), i, j, v) };
        self.status(r as i64)
    }

    fn del_slice(&mut self, o: &Obj, i: HPy_ssize_t, j: HPy_ssize_t) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_DelSlice)(self.p, h(o), i, j) };
        self.status(r as i64)
    }

    /// `slice(start, stop, step)` from values (None: HPy_NULL).
    fn slice(&mut self, start: Option<Value>, stop: Option<Value>, step: Option<Value>) -> Obj {
        let parts: Vec<Option<Obj>> = [start, stop, step]
            .into_iter()
            .map(|v| v.map(|v| self.v(v)))
            .collect();
        let hs: Vec<HPy> = parts
            .iter()
            .map(|o| o.as_ref().map_or(HPy { _i: 0 }, h))
            .collect();
        // SAFETY: as above; HPy_NULL parts stand for None.
        let r = unsafe { (self.c.ctx_Slice_New)(self.p, hs[0], hs[1], hs[2]) };
        self.take(r).expect("slice")
    }

    fn unpack(&mut self, s: &Obj) -> Result<(isize, isize, isize), String> {
        let (mut a, mut b, mut c) = (0, 0, 0);
        // SAFETY: as above, with three writable outputs.
        let r = unsafe { (self.c.ctx_Slice_Unpack)(self.p, h(s), &mut a, &mut b, &mut c) };
        match self.rt.take_pending_error() {
            Some(e) => {
                assert_eq!(r, -1);
                Err(Cx::show_err(e))
            }
            None => {
                assert_eq!(r, 0);
                Ok((a, b, c))
            }
        }
    }

    fn list_new(&mut self, n: HPy_ssize_t) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_List_New)(self.p, n) };
        self.show(r)
    }

    fn append(&mut self, l: &Obj, x: &Obj) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_List_Append)(self.p, h(l), h(x)) };
        self.status(r as i64)
    }

    fn insert(&mut self, l: &Obj, i: HPy_ssize_t, x: &Obj) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_List_Insert)(self.p, h(l), i, h(x)) };
        self.status(r as i64)
    }

    fn tuple_from(&mut self, items: &[&Obj], n: HPy_ssize_t) -> String {
        let mut hs: Vec<HPy> = items.iter().map(|o| h(o)).collect();
        // SAFETY: as above; `n` is at most the array's length (or negative, rejected).
        let r = unsafe { (self.c.ctx_Tuple_FromArray)(self.p, hs.as_mut_ptr(), n) };
        self.show(r)
    }

    fn dict_new(&mut self) -> Obj {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_Dict_New)(self.p) };
        self.take(r).expect("dict")
    }

    fn dict_keys(&mut self, d: &Obj) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_Dict_Keys)(self.p, h(d)) };
        self.show(r)
    }

    fn dict_copy(&mut self, d: &Obj) -> Result<Obj, PyErr> {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_Dict_Copy)(self.p, h(d)) };
        self.take(r)
    }

    /// The four checks on one object: (tuple, list, dict, iterator).
    fn checks(&mut self, o: &Obj) -> (i32, i32, i32, i32) {
        // SAFETY: as above.
        let r = unsafe {
            (
                (self.c.ctx_Tuple_Check)(self.p, h(o)),
                (self.c.ctx_List_Check)(self.p, h(o)),
                (self.c.ctx_Dict_Check)(self.p, h(o)),
                (self.c.ctx_Iter_Check)(self.p, h(o)),
            )
        };
        assert!(self.rt.take_pending_error().is_none());
        r
    }

    fn iter(&mut self, o: &Obj) -> Result<Obj, String> {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_GetIter)(self.p, h(o)) };
        self.take(r).map_err(Cx::show_err)
    }

    /// The next item's repr, "END" (HPy_NULL, no error), or the error.
    fn next(&mut self, it: &Obj) -> String {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_Iter_Next)(self.p, h(it)) };
        if r._i == 0 && !self.error_pending() {
            return "END".into();
        }
        self.show(r)
    }

    /// Every item left, as reprs, up to the end or an error (kept as the last entry).
    fn drain(&mut self, it: &Obj) -> Vec<String> {
        let mut out = Vec::new();
        loop {
            let x = self.next(it);
            if x == "END" {
                return out;
            }
            let stop = x.starts_with('!');
            out.push(x);
            if stop {
                return out;
            }
        }
    }

    fn error_pending(&mut self) -> bool {
        // SAFETY: as above.
        unsafe { (self.c.ctx_Err_Occurred)(self.p) != 0 }
    }

    fn is(&mut self, a: &Obj, b: &Obj) -> bool {
        self.rt.is(a, b).expect("is")
    }

    /// A builtin by name (`range`), through `h_Builtins` (the builtins dict, as on
    /// CPython).
    fn builtin(&mut self, name: &str) -> Obj {
        // SAFETY: as above.
        let r = unsafe { (self.c.ctx_Dup)(self.p, self.c.h_Builtins) };
        let d = self.take(r).expect("builtins");
        let key = self.v(s(name));
        self.rt.getitem(&d, &key).expect("builtin")
    }

    fn range(&mut self, args: &[Value]) -> Obj {
        let r = self.builtin("range");
        self.rt.call(&r, args, &[]).expect("range()")
    }
}

// ------------------------------------------------------------------ item access

fn items(run: Run) {
    let mut cx = Cx::new(run);
    let l = cx.v(list(ints(&[1, 2, 3])));
    let t = cx.v(tup(ints(&[1, 2, 3])));
    let st = cx.v(s("héllo"));
    let by = cx.v(b(b"abc"));
    let d = cx.v(Value::Dict(vec![(s("a"), int(1)), (int(2), s("two"))]));
    let five = cx.v(int(5));
    // l[0], l[-1], l[3], l['a'], l[2**100], l[True]
    let cases: Vec<(&Obj, Value, &str)> = vec![
        (&l, int(0), "1"),
        (&l, int(-1), "3"),
        (&l, int(3), "!IndexError: list index out of range"),
        (
            &l,
            s("a"),
            "!TypeError: list indices must be integers or slices, not str",
        ),
        (
            &l,
            big(pow2(100)),
            "!IndexError: cannot fit 'int' into an index-sized integer",
        ),
        (&l, Value::Bool(true), "2"),
        // t[-3], t[5], t[1.0]
        (&t, int(-3), "1"),
        (&t, int(5), "!IndexError: tuple index out of range"),
        (
            &t,
            fl(1.0),
            "!TypeError: tuple indices must be integers or slices, not float",
        ),
        // 'héllo'[1], [-1], [9], ['a']
        (&st, int(1), "'é'"),
        (&st, int(-1), "'o'"),
        (&st, int(9), "!IndexError: string index out of range"),
        (
            &st,
            s("a"),
            "!TypeError: string indices must be integers, not 'str'",
        ),
        // b'abc'[0], [3], [None]
        (&by, int(0), "97"),
        (&by, int(3), "!IndexError: index out of range"),
        (
            &by,
            Value::None,
            "!TypeError: byte indices must be integers or slices, not NoneType",
        ),
        // d['a'], d[2], d[2.0], d['zz'], d[[]], d[(1, 2)]
        (&d, s("a"), "1"),
        (&d, int(2), "'two'"),
        (&d, fl(2.0), "'two'"),
        (&d, s("zz"), "!KeyError: 'zz'"),
        (&d, list(vec![]), "!TypeError: unhashable type: 'list'"),
        (&d, tup(ints(&[1, 2])), "!KeyError: (1, 2)"),
        // 5[0]
        (
            &five,
            int(0),
            "!TypeError: 'int' object is not subscriptable",
        ),
    ];
    for (o, k, want) in cases {
        let key = cx.v(k.clone());
        assert_eq!(cx.get_item(o, &key), want, "{}[{k:?}]", cx.repr(o));
    }
    assert_eq!(cx.get_item_i(&l, 1), "2");
    assert_eq!(
        cx.get_item_i(&l, -4),
        "!IndexError: list index out of range"
    );
    assert_eq!(cx.get_item_i(&d, 2), "'two'");
    assert_eq!(cx.get_item_i(&st, 0), "'h'");
    assert_eq!(cx.get_item_s(&d, c"a"), "1");
    assert_eq!(cx.get_item_s(&d, c"b"), "!KeyError: 'b'");
    assert_eq!(
        cx.get_item_s(&l, c"a"),
        "!TypeError: list indices must be integers or slices, not str"
    );
    assert!(cx.rt.verify_heap().is_empty());
}

fn set_and_del_items(run: Run) {
    let mut cx = Cx::new(run);
    let l = cx.v(list(ints(&[1, 2, 3])));
    let (x, y, z, zero, k0, km1, k3, ka) = (
        cx.v(s("x")),
        cx.v(s("y")),
        cx.v(s("z")),
        cx.v(int(0)),
        cx.v(int(0)),
        cx.v(int(-1)),
        cx.v(int(3)),
        cx.v(s("a")),
    );
    assert_eq!(cx.set_item(&l, &k0, &x), "0");
    assert_eq!(cx.set_item(&l, &km1, &y), "0");
    assert_eq!(cx.set_item_i(&l, 1, &z), "0");
    assert_eq!(cx.repr(&l), "['x', 'z', 'y']");
    assert_eq!(
        cx.set_item(&l, &k3, &zero),
        "!IndexError: list assignment index out of range"
    );
    assert_eq!(
        cx.set_item(&l, &ka, &zero),
        "!TypeError: list indices must be integers or slices, not str"
    );
    assert_eq!(
        cx.set_item_s(&l, c"k", &zero),
        "!TypeError: list indices must be integers or slices, not str"
    );
    let d = cx.dict_new();
    let (one, five_s, two5, lst) = (
        cx.v(int(1)),
        cx.v(s("five")),
        cx.v(fl(2.5)),
        cx.v(list(vec![])),
    );
    assert_eq!(cx.set_item(&d, &ka, &one), "0");
    assert_eq!(cx.set_item_i(&d, 5, &five_s), "0");
    assert_eq!(cx.set_item_s(&d, c"é", &two5), "0");
    assert_eq!(
        cx.set_item(&d, &lst, &zero),
        "!TypeError: unhashable type: 'list'"
    );
    assert_eq!(cx.repr(&d), "{'a': 1, 5: 'five', 'é': 2.5}");
    let t = cx.v(tup(ints(&[1])));
    let text = cx.v(s("s"));
    for (o, name) in [(&t, "tuple"), (&text, "str"), (&one, "int")] {
        assert_eq!(
            cx.set_item(o, &k0, &one),
            format!("!TypeError: '{name}' object does not support item assignment")
        );
        assert_eq!(
            cx.del_item(o, &k0),
            format!("!TypeError: '{name}' object doesn't support item deletion")
        );
    }
    assert_eq!(
        cx.del_item_s(&text, c"a"),
        "!TypeError: 'str' object doesn't support item deletion"
    );
    // del l[0]; del l[-1]; del l[5]
    assert_eq!(cx.del_item(&l, &k0), "0");
    assert_eq!(cx.del_item_i(&l, -1), "0");
    assert_eq!(cx.repr(&l), "['z']");
    assert_eq!(
        cx.del_item_i(&l, 5),
        "!IndexError: list assignment index out of range"
    );
    // del d['a']; del d['é']; del d[5]; del d['a'] again; del d[[]]
    assert_eq!(cx.del_item(&d, &ka), "0");
    assert_eq!(cx.del_item_s(&d, c"é"), "0");
    assert_eq!(cx.del_item_i(&d, 5), "0");
    assert_eq!(cx.repr(&d), "{}");
    assert_eq!(cx.del_item(&d, &ka), "!KeyError: 'a'");
    assert_eq!(cx.del_item(&d, &lst), "!TypeError: unhashable type: 'list'");
    assert!(cx.rt.verify_heap().is_empty());
}

// ------------------------------------------------------------------ slices

fn slices(run: Run) {
    let mut cx = Cx::new(run);
    let sl = cx.slice(Some(int(1)), Some(int(2)), None);
    assert_eq!(cx.repr(&sl), "slice(1, 2, None)");
    assert_eq!(cx.type_name(&sl), "slice");
    let sl = cx.slice(None, None, None);
    assert_eq!(cx.repr(&sl), "slice(None, None, None)");
    let sl = cx.slice(Some(s("a")), Some(fl(1.5)), Some(int(0)));
    assert_eq!(cx.repr(&sl), "slice('a', 1.5, 0)");

    // PySlice_Unpack(slice(...)) through ctypes.
    let e_zero = Err("!ValueError: slice step cannot be zero".to_string());
    let e_type = Err(
        "!TypeError: slice indices must be integers or None or have an __index__ method"
            .to_string(),
    );
    type Unpacked = Result<(isize, isize, isize), String>;
    let cases: Vec<([Option<Value>; 3], Unpacked)> = vec![
        ([None, None, None], Ok((0, MAX, 1))),
        ([Some(int(1)), Some(int(2)), None], Ok((1, 2, 1))),
        ([None, None, Some(int(-1))], Ok((MAX, MIN, -1))),
        (
            [Some(int(-5)), Some(big(pow2(100))), Some(int(3))],
            Ok((-5, MAX, 3)),
        ),
        (
            [None, Some(big(-pow2(100))), Some(big(-pow2(100)))],
            Ok((MAX, MIN, -MAX)),
        ),
        ([None, None, Some(int(0))], e_zero.clone()),
        ([None, Some(fl(1.5)), None], e_type),
        ([None, None, Some(big(pow2(64)))], Ok((0, MAX, MAX))),
        (
            [
                Some(Value::Bool(true)),
                Some(Value::Bool(false)),
                Some(Value::Bool(true)),
            ],
            Ok((1, 0, 1)),
        ),
        ([Some(s("a")), Some(int(1)), Some(int(0))], e_zero),
    ];
    for ([x, y, z], want) in cases {
        let sl = cx.slice(x, y, z);
        assert_eq!(cx.unpack(&sl), want, "{}", cx.repr(&sl));
    }
    let five = cx.v(int(5));
    let e = cx.unpack(&five).unwrap_err();
    assert!(
        e.starts_with("!SystemError: HPySlice_Unpack: bad argument to internal function"),
        "{e}"
    );

    // 'héllo'[1:4], 'abc'[::-1], 'héllo'[::-2], 'héllo'[10:], b'abc'[::2], (1,2,3)[5:1:-1],
    // [1,2,3][-10:10], [1,2,3][True:], [1,2,3][2**100:], [1,2,3][-2**100:], [1,2][::0],
    // [1,2][1.5:], {}[1:2]
    let hello = cx.v(s("héllo"));
    let abc = cx.v(s("abc"));
    let babc = cx.v(b(b"abc"));
    let t = cx.v(tup(ints(&[1, 2, 3])));
    let l = cx.v(list(ints(&[1, 2, 3])));
    let d = cx.dict_new();
    let cases: Vec<(&Obj, [Option<Value>; 3], &str)> = vec![
        (&hello, [Some(int(1)), Some(int(4)), None], "'éll'"),
        (&abc, [None, None, Some(int(-1))], "'cba'"),
        (&hello, [None, None, Some(int(-2))], "'olh'"),
        (&hello, [Some(int(10)), None, None], "''"),
        (&babc, [None, None, Some(int(2))], "b'ac'"),
        (&t, [Some(int(5)), Some(int(1)), Some(int(-1))], "(3,)"),
        (&l, [Some(int(-10)), Some(int(10)), None], "[1, 2, 3]"),
        (&l, [Some(Value::Bool(true)), None, None], "[2, 3]"),
        (&l, [Some(big(pow2(100))), None, None], "[]"),
        (&l, [Some(big(-pow2(100))), None, None], "[1, 2, 3]"),
        (
            &l,
            [None, None, Some(int(0))],
            "!ValueError: slice step cannot be zero",
        ),
        (
            &l,
            [Some(fl(1.5)), None, None],
            "!TypeError: slice indices must be integers or None or have an __index__ method",
        ),
        (
            &d,
            [Some(int(1)), Some(int(2)), None],
            "!TypeError: unhashable type: 'slice'",
        ),
    ];
    for (o, [x, y, z], want) in cases {
        let sl = cx.slice(x, y, z);
        assert_eq!(
            cx.get_item(o, &sl),
            want,
            "{}[{}]",
            cx.repr(o),
            cx.repr(&sl)
        );
    }
    // A whole immutable sequence is the object itself: 'héllo'[:] is 'héllo'.
    let all = cx.slice(None, None, None);
    for o in [&hello, &babc, &t] {
        // SAFETY: calling the context as an extension does.
        let r = unsafe { (cx.c.ctx_GetItem)(cx.p, h(o), h(&all)) };
        let r = cx.take(r).expect("slice");
        assert!(cx.is(&r, o));
    }
    let r = {
        // SAFETY: as above.
        let r = unsafe { (cx.c.ctx_GetItem)(cx.p, h(&l), h(&all)) };
        cx.take(r).expect("slice")
    };
    assert!(!cx.is(&r, &l), "a list slice is a new list");
    assert!(cx.rt.verify_heap().is_empty());
}

fn slice_assignment(run: Run) {
    let mut cx = Cx::new(run);
    // a = [...]; a[slice] = value; a   (None: the assignment raises)
    type Case = (&'static [i64], [Option<i64>; 3], Value, &'static str);
    let ext = "!ValueError: attempt to assign sequence of size 1 to extended slice of size 2";
    let cases: Vec<Case> = vec![
        (&[1, 2, 3, 4], [None, None, Some(2)], list(ints(&[9])), ext),
        (
            &[1, 2, 3, 4],
            [None, None, Some(2)],
            list(ints(&[7, 8])),
            "[7, 2, 8, 4]",
        ),
        (
            &[1, 2, 3],
            [Some(1), Some(2), None],
            list(ints(&[7, 8, 9])),
            "[1, 7, 8, 9, 3]",
        ),
        (
            &[1, 2, 3],
            [Some(5), Some(1), None],
            list(ints(&[7])),
            "[1, 2, 3, 7]",
        ),
        (
            &[1, 2, 3],
            [Some(1), Some(2), None],
            int(5),
            "!TypeError: can only assign an iterable",
        ),
        (
            &[1, 2, 3],
            [None, None, Some(2)],
            int(5),
            "!TypeError: must assign iterable to extended slice",
        ),
        (
            &[1, 2],
            [None, None, Some(2)],
            Value::None,
            "!TypeError: must assign iterable to extended slice",
        ),
        (
            &[1, 2, 3],
            [Some(0), Some(0), None],
            s("ab"),
            "['a', 'b', 1, 2, 3]",
        ),
        (&[1, 2, 3], [None, None, Some(1)], tup(vec![]), "[]"),
        (
            &[1, 2, 3],
            [Some(1), Some(1), None],
            list(vec![]),
            "[1, 2, 3]",
        ),
        (
            &[0, 1, 2, 3, 4, 5],
            [Some(4), Some(1), Some(-1)],
            list(ints(&[7, 8, 9])),
            "[0, 1, 9, 8, 7, 5]",
        ),
        (
            &[1, 2],
            [Some(0), Some(1), None],
            Value::Dict(vec![(s("k"), int(1))]),
            "['k', 2]",
        ),
        (
            &[1, 2, 3],
            [Some(1), Some(2), Some(0)],
            list(ints(&[1])),
            "!ValueError: slice step cannot be zero",
        ),
    ];
    for (start, [x, y, z], value, want) in cases {
        let a = cx.v(list(ints(start)));
        let sl = cx.slice(x.map(int), y.map(int), z.map(int));
        let v = cx.v(value);
        let r = cx.set_item(&a, &sl, &v);
        let got = if r == "0" { cx.repr(&a) } else { r };
        assert_eq!(got, want, "{start:?}[{}] = {}", cx.repr(&sl), cx.repr(&v));
    }
    // The list assigned to itself: a[::-1] = a; a[:] = a
    let a = cx.v(list(ints(&[1, 2, 3])));
    let rev = cx.slice(None, None, Some(int(-1)));
    assert_eq!(cx.set_item(&a, &rev, &a), "0");
    assert_eq!(cx.repr(&a), "[3, 2, 1]");
    let all = cx.slice(None, None, None);
    assert_eq!(cx.set_item(&a, &all, &a), "0");
    assert_eq!(cx.repr(&a), "[3, 2, 1]");
    // An iterator as the value: a[0:1] = iter([5, 6])
    let src = cx.v(list(ints(&[5, 6])));
    let it = cx.iter(&src).unwrap();
    let first = cx.slice(Some(int(0)), Some(int(1)), None);
    assert_eq!(cx.set_item(&a, &first, &it), "0");
    assert_eq!(cx.repr(&a), "[5, 6, 2, 1]");
    // (1, 2)[0:1] = [1]
    let t = cx.v(tup(ints(&[1, 2])));
    assert_eq!(
        cx.set_item(&t, &first, &src),
        "!TypeError: 'tuple' object does not support item assignment"
    );

    // del a[...]
    let cases: Vec<([Option<i64>; 3], &str)> = vec![
        ([None, None, Some(2)], "[2, 4]"),
        ([Some(1), Some(3), None], "[1, 4, 5]"),
        ([None, None, Some(-2)], "[2, 4]"),
        ([Some(4), Some(1), None], "[1, 2, 3, 4, 5]"),
        ([Some(-2), None, None], "[1, 2, 3]"),
        ([None, None, None], "[]"),
    ];
    for ([x, y, z], want) in cases {
        let a = cx.v(list(ints(&[1, 2, 3, 4, 5])));
        let sl = cx.slice(x.map(int), y.map(int), z.map(int));
        assert_eq!(cx.del_item(&a, &sl), "0");
        assert_eq!(cx.repr(&a), want, "del a[{}]", cx.repr(&sl));
    }
    assert_eq!(
        cx.del_item(&t, &first),
        "!TypeError: 'tuple' object doesn't support item deletion"
    );
    assert!(cx.rt.verify_heap().is_empty());
}

fn get_set_del_slice(run: Run) {
    let mut cx = Cx::new(run);
    // PySequence_GetSlice(o, i, j)
    let hello = cx.v(s("héllo"));
    let babc = cx.v(b(b"abc"));
    let t = cx.v(tup(ints(&[1, 2, 3])));
    let five = cx.v(int(5));
    let d = cx.dict_new();
    let l = cx.v(list(ints(&[1, 2, 3, 4])));
    assert_eq!(cx.get_slice(&l, 1, 3), "[2, 3]");
    assert_eq!(cx.get_slice(&l, -3, -1), "[2, 3]");
    assert_eq!(cx.get_slice(&t, 0, 100), "(1, 2, 3)");
    assert_eq!(cx.get_slice(&hello, 1, -1), "'éll'");
    assert_eq!(cx.get_slice(&babc, 2, 1), "b''");
    assert_eq!(
        cx.get_slice(&five, 0, 1),
        "!TypeError: 'int' object is unsliceable"
    );
    assert_eq!(
        cx.get_slice(&d, 0, 1),
        "!TypeError: unhashable type: 'slice'"
    );
    // PySequence_SetSlice(o, i, j, v)
    let cases: Vec<(i64, i64, Value, &str)> = vec![
        (1, 3, list(ints(&[9])), "[1, 9, 4]"),
        (-1, 10, tup(ints(&[7, 8])), "[1, 2, 3, 7, 8]"),
        (0, 1, int(5), "!TypeError: can only assign an iterable"),
    ];
    for (i, j, v, want) in cases {
        let a = cx.v(list(ints(&[1, 2, 3, 4])));
        let v = cx.v(v);
        let r = cx.set_slice(&a, i as isize, j as isize, Some(&v));
        let got = if r == "0" { cx.repr(&a) } else { r };
        assert_eq!(got, want);
    }
    let one = cx.v(list(ints(&[1])));
    assert_eq!(
        cx.set_slice(&t, 0, 1, Some(&one)),
        "!TypeError: 'tuple' object doesn't support slice assignment"
    );
    assert_eq!(
        cx.set_slice(&d, 0, 1, Some(&one)),
        "!TypeError: unhashable type: 'slice'"
    );
    // HPy_NULL as the value deletes.
    let a = cx.v(list(ints(&[1, 2, 3, 4])));
    assert_eq!(cx.set_slice(&a, 1, 3, None), "0");
    assert_eq!(cx.repr(&a), "[1, 4]");
    // PySequence_DelSlice(o, i, j)
    let a = cx.v(list(ints(&[1, 2, 3, 4])));
    assert_eq!(cx.del_slice(&a, 1, 3), "0");
    assert_eq!(cx.repr(&a), "[1, 4]");
    let a = cx.v(list(ints(&[1, 2, 3, 4])));
    assert_eq!(cx.del_slice(&a, -3, 100), "0");
    assert_eq!(cx.repr(&a), "[1]");
    assert_eq!(
        cx.del_slice(&t, 0, 1),
        "!TypeError: 'tuple' object doesn't support slice deletion"
    );
    assert_eq!(
        cx.del_slice(&hello, 0, 1),
        "!TypeError: 'str' object doesn't support slice deletion"
    );
    assert_eq!(
        cx.del_slice(&d, 0, 1),
        "!TypeError: unhashable type: 'slice'"
    );
    assert!(cx.rt.verify_heap().is_empty());
}

// ------------------------------------------------------------------ contains, length

fn contains_and_length(run: Run) {
    let mut cx = Cx::new(run);
    let nan = cx.v(fl(f64::NAN));
    let with_nan = cx.v(list(vec![int(1)]));
    assert_eq!(cx.append(&with_nan, &nan), "0");
    // key in container
    let cases: Vec<(Value, Value, &str)> = vec![
        (s("abc"), s("bc"), "1"),
        (s("abc"), s(""), "1"),
        (s("abc"), s("x"), "0"),
        (
            s("abc"),
            int(1),
            "!TypeError: 'in <string>' requires string as left operand, not int",
        ),
        (b(b"abc"), b(b"bc"), "1"),
        (b(b""), b(b""), "1"),
        (b(b"a"), int(97), "1"),
        (b(b"\x01"), Value::Bool(true), "1"),
        (
            b(b"a"),
            int(256),
            "!ValueError: byte must be in range(0, 256)",
        ),
        (
            b(b"a"),
            int(-1),
            "!ValueError: byte must be in range(0, 256)",
        ),
        (
            b(b"a"),
            big(pow2(70)),
            "!ValueError: byte must be in range(0, 256)",
        ),
        (
            b(b"abc"),
            s("a"),
            "!TypeError: a bytes-like object is required, not 'str'",
        ),
        (
            b(b"a"),
            fl(1.0),
            "!TypeError: a bytes-like object is required, not 'float'",
        ),
        (tup(vec![int(1), fl(2.0), s("x")]), int(2), "1"),
        (tup(vec![int(1)]), fl(1.0), "1"),
        (list(vec![int(1), list(ints(&[2]))]), list(ints(&[2])), "1"),
        (list(ints(&[1])), s("x"), "0"),
        (Value::Dict(vec![(s("a"), int(1))]), s("a"), "1"),
        (Value::Dict(vec![(s("a"), int(1))]), int(1), "0"),
        (
            Value::Dict(vec![]),
            list(vec![]),
            "!TypeError: unhashable type: 'list'",
        ),
        (
            int(5),
            int(1),
            "!TypeError: argument of type 'int' is not iterable",
        ),
    ];
    for (c, k, want) in cases {
        let (co, ko) = (cx.v(c.clone()), cx.v(k.clone()));
        assert_eq!(cx.contains(&co, &ko), want, "{k:?} in {c:?}");
    }
    // The same nan object is found (identity first); another nan is not.
    assert_eq!(cx.contains(&with_nan, &nan), "1");
    let other_nan = cx.v(fl(f64::NAN));
    assert_eq!(cx.contains(&with_nan, &other_nan), "0");

    // len(...)
    let cases: Vec<(Value, &str)> = vec![
        (s("héllo"), "5"),
        (b(b"ab"), "2"),
        (tup(vec![]), "0"),
        (list(ints(&[1, 2])), "2"),
        (Value::Dict(vec![(int(1), int(2))]), "1"),
        (int(5), "!TypeError: object of type 'int' has no len()"),
    ];
    for (o, want) in cases {
        let obj = cx.v(o.clone());
        assert_eq!(cx.length(&obj), want, "len({o:?})");
    }
    let sl = cx.slice(None, None, None);
    assert_eq!(
        cx.length(&sl),
        "!TypeError: object of type 'slice' has no len()"
    );
    let l = cx.v(list(vec![]));
    let it = cx.iter(&l).unwrap();
    assert_eq!(
        cx.length(&it),
        "!TypeError: object of type 'list_iterator' has no len()"
    );
    assert!(cx.rt.verify_heap().is_empty());
}

// ------------------------------------------------------------------ constructors, checks

fn constructors_and_checks(run: Run) {
    let mut cx = Cx::new(run);
    assert_eq!(cx.list_new(3), "[None, None, None]");
    assert_eq!(cx.list_new(0), "[]");
    let e = cx.list_new(-1);
    assert!(
        e.starts_with("!SystemError: HPyList_New: bad argument to internal function"),
        "{e}"
    );
    let l = cx.v(list(ints(&[1])));
    let x = cx.v(s("x"));
    assert_eq!(cx.append(&l, &x), "0");
    assert_eq!(cx.append(&l, &l), "0");
    assert_eq!(cx.repr(&l), "[1, 'x', [...]]");
    let t = cx.v(tup(ints(&[1])));
    let e = cx.append(&t, &x);
    assert!(
        e.starts_with("!SystemError: HPyList_Append: bad argument to internal function"),
        "{e}"
    );
    // PyList_Insert([1, 2, 3], i, 9)
    let nine = cx.v(int(9));
    for (i, want) in [
        (0, "[9, 1, 2, 3]"),
        (1, "[1, 9, 2, 3]"),
        (-1, "[1, 2, 9, 3]"),
        (-100, "[9, 1, 2, 3]"),
        (100, "[1, 2, 3, 9]"),
    ] {
        let l = cx.v(list(ints(&[1, 2, 3])));
        assert_eq!(cx.insert(&l, i, &nine), "0");
        assert_eq!(cx.repr(&l), want, "insert at {i}");
    }
    let e = cx.insert(&t, 0, &nine);
    assert!(
        e.starts_with("!SystemError: HPyList_Insert: bad argument to internal function"),
        "{e}"
    );
    // HPyTuple_FromArray
    let (one, a, none) = (cx.v(int(1)), cx.v(s("a")), cx.none());
    assert_eq!(cx.tuple_from(&[&one, &a, &none], 3), "(1, 'a', None)");
    assert_eq!(cx.tuple_from(&[&one], 1), "(1,)");
    assert_eq!(cx.tuple_from(&[], 0), "()");
    let e = cx.tuple_from(&[], -1);
    assert!(e.starts_with("!SystemError: HPyTuple_FromArray"), "{e}");
    // HPyDict_New, HPyDict_Keys, HPyDict_Copy
    let d = cx.dict_new();
    assert_eq!(cx.repr(&d), "{}");
    let d = cx.v(Value::Dict(vec![
        (s("b"), int(1)),
        (s("a"), int(2)),
        (int(3), int(4)),
    ]));
    assert_eq!(cx.dict_keys(&d), "['b', 'a', 3]");
    let e = cx.dict_keys(&l);
    assert!(
        e.starts_with("!SystemError: HPyDict_Keys: bad argument to internal function"),
        "{e}"
    );
    let c = cx.dict_copy(&d).unwrap();
    assert!(!cx.is(&c, &d));
    assert_eq!(cx.repr(&c), "{'b': 1, 'a': 2, 3: 4}");
    let (k, v) = (cx.v(s("new")), cx.v(int(0)));
    assert_eq!(cx.set_item(&c, &k, &v), "0");
    assert_eq!(
        cx.repr(&d),
        "{'b': 1, 'a': 2, 3: 4}",
        "the copy is separate"
    );
    let e = Cx::show_err(cx.dict_copy(&one).unwrap_err());
    assert!(
        e.starts_with("!SystemError: HPyDict_Copy: bad argument to internal function"),
        "{e}"
    );
    // (HPyTuple_Check, HPyList_Check, HPyDict_Check, HPyIter_Check)
    let it = cx.iter(&l).unwrap();
    assert_eq!(cx.checks(&t), (1, 0, 0, 0));
    assert_eq!(cx.checks(&l), (0, 1, 0, 0));
    assert_eq!(cx.checks(&d), (0, 0, 1, 0));
    assert_eq!(cx.checks(&it), (0, 0, 0, 1));
    assert_eq!(cx.checks(&a), (0, 0, 0, 0));
    assert!(cx.rt.verify_heap().is_empty());
}

// ------------------------------------------------------------------ dict keys, hashes

fn dict_keys_and_hashes(run: Run) {
    let mut cx = Cx::new(run);
    // d = {}; d[1] = 'a'; d[1.0] = 'b'; d[True] = 'c'; d[2] = 'd'; d[-0.0] = 'e';
    // d[0.0] = 'f'; n = nan; d[n] = 'g'; d[n] = 'h'; d[float('nan')] = 'i'
    let d = cx.dict_new();
    let nan = cx.v(fl(f64::NAN));
    let steps: Vec<(Option<Value>, &str)> = vec![
        (Some(int(1)), "a"),
        (Some(fl(1.0)), "b"),
        (Some(Value::Bool(true)), "c"),
        (Some(int(2)), "d"),
        (Some(fl(-0.0)), "e"),
        (Some(fl(0.0)), "f"),
        (None, "g"),
        (None, "h"),
        (Some(fl(f64::NAN)), "i"),
    ];
    for (k, v) in steps {
        let k = match k {
            Some(k) => cx.v(k),
            None => cx.rt.dup(&nan).unwrap(),
        };
        let v = cx.v(s(v));
        assert_eq!(cx.set_item(&d, &k, &v), "0");
    }
    assert_eq!(
        cx.repr(&d),
        "{1: 'c', 2: 'd', -0.0: 'f', nan: 'h', nan: 'i'}"
    );
    assert_eq!(cx.length(&d), "5");
    let zero = cx.v(int(0));
    assert_eq!(cx.get_item(&d, &zero), "'f'");
    assert_eq!(cx.get_item(&d, &nan), "'h'");
    let other_nan = cx.v(fl(f64::NAN));
    assert_eq!(cx.get_item(&d, &other_nan), "!KeyError: nan");
    // del d[2]; d[2] = 'z': the key goes to the end.
    let two = cx.v(int(2));
    let z = cx.v(s("z"));
    assert_eq!(cx.del_item(&d, &two), "0");
    assert_eq!(cx.set_item(&d, &two, &z), "0");
    assert_eq!(
        cx.repr(&d),
        "{1: 'c', -0.0: 'f', nan: 'h', nan: 'i', 2: 'z'}"
    );
    // Tuple keys: {(1, 'a'): 1}[(1.0, 'a')]
    let (tk, one) = (cx.v(tup(vec![int(1), s("a")])), cx.v(int(1)));
    assert_eq!(cx.set_item(&d, &tk, &one), "0");
    let tk2 = cx.v(tup(vec![fl(1.0), s("a")]));
    assert_eq!(cx.get_item(&d, &tk2), "1");

    // hash(...)
    let cases: Vec<(Value, &str)> = vec![
        (tup(ints(&[1, 2])), "-3550055125485641917"),
        (tup(vec![]), "5740354900026072187"),
        (
            tup(vec![int(1), tup(vec![int(2), fl(3.5)])]),
            "-9148893311433065316",
        ),
        (fl(1.5), "1152921504606846977"),
        (fl(-1.5), "-1152921504606846977"),
        (fl(0.5), "1152921504606846976"),
        (fl(-0.0), "0"),
        (fl(1e300), "1224995262755759164"),
        (fl(1e-300), "482449582752280463"),
        (fl(f64::INFINITY), "314159"),
        (fl(2.0), "2"),
        (int(-1), "-2"),
        (big(pow2(100)), "549755813888"),
        (Value::Bool(true), "1"),
        (list(vec![]), "!TypeError: unhashable type: 'list'"),
        (
            tup(vec![int(1), list(vec![])]),
            "!TypeError: unhashable type: 'list'",
        ),
        (Value::Dict(vec![]), "!TypeError: unhashable type: 'dict'"),
    ];
    for (o, want) in cases {
        let obj = cx.v(o.clone());
        assert_eq!(cx.hash(&obj), want, "hash({o:?})");
    }
    let sl = cx.slice(None, None, None);
    assert_eq!(cx.hash(&sl), "!TypeError: unhashable type: 'slice'");
    // hash(x) == hash(x) for objects hashed by identity, across moves.
    let it = cx.iter(&d).unwrap();
    let h1 = cx.hash(&it);
    cx.rt.collect();
    assert_eq!(cx.hash(&it), h1);
    // str and bytes of the same text hash alike, as on CPython.
    let (sa, ba) = (cx.v(s("abc")), cx.v(b(b"abc")));
    assert_eq!(cx.hash(&sa), cx.hash(&ba));
    assert!(cx.rt.verify_heap().is_empty());
}

// ------------------------------------------------------------------ iteration

fn iteration(run: Run) {
    let mut cx = Cx::new(run);
    // it = iter(l); next(it); l.append(4); list(it); l.append(5); list(it)
    let l = cx.v(list(ints(&[1, 2, 3])));
    let it = cx.iter(&l).unwrap();
    assert_eq!(cx.type_name(&it), "list_iterator");
    assert!(cx.repr(&it).starts_with("<list_iterator object at 0x"));
    assert_eq!(cx.next(&it), "1");
    let four = cx.v(int(4));
    assert_eq!(cx.append(&l, &four), "0");
    assert_eq!(cx.drain(&it), ["2", "3", "4"]);
    assert_eq!(cx.append(&l, &four), "0");
    assert_eq!(cx.drain(&it), Vec::<String>::new(), "exhausted for good");
    // iter(it) is it
    let again = cx.iter(&it).unwrap();
    assert!(cx.is(&again, &it));

    let cases: Vec<(Value, &str, Vec<&str>)> = vec![
        (
            tup(vec![int(1), s("a")]),
            "tuple_iterator",
            vec!["1", "'a'"],
        ),
        (
            s("héllo"),
            "str_iterator",
            vec!["'h'", "'é'", "'l'", "'l'", "'o'"],
        ),
        (s("ab"), "str_ascii_iterator", vec!["'a'", "'b'"]),
        (b(b"ab"), "bytes_iterator", vec!["97", "98"]),
        (
            Value::Dict(vec![(s("k"), int(1)), (int(2), int(3))]),
            "dict_keyiterator",
            vec!["'k'", "2"],
        ),
        (list(vec![]), "list_iterator", vec![]),
    ];
    for (v, ty, want) in cases {
        let o = cx.v(v);
        let it = cx.iter(&o).unwrap();
        assert_eq!(cx.type_name(&it), ty);
        assert_eq!(cx.drain(&it), want, "list(iter({}))", cx.repr(&o));
        assert_eq!(cx.next(&it), "END");
    }
    // d = {'a': 1}; it = iter(d); d['c'] = 3; next(it) (twice, after del d['c'] too)
    let d = cx.v(Value::Dict(vec![(s("a"), int(1))]));
    let it = cx.iter(&d).unwrap();
    let (c, three) = (cx.v(s("c")), cx.v(int(3)));
    assert_eq!(cx.set_item(&d, &c, &three), "0");
    let changed = "!RuntimeError: dictionary changed size during iteration";
    assert_eq!(cx.next(&it), changed);
    assert_eq!(cx.del_item(&d, &c), "0");
    assert_eq!(cx.next(&it), changed, "the error is sticky");
    // d = {1: 1, 2: 2}; it = iter(d); next(it); del d[1]; d[3] = 3; list(it)
    let d = cx.v(Value::Dict(vec![(int(1), int(1)), (int(2), int(2))]));
    let it = cx.iter(&d).unwrap();
    assert_eq!(cx.next(&it), "1");
    let (one, three) = (cx.v(int(1)), cx.v(int(3)));
    assert_eq!(cx.del_item(&d, &one), "0");
    assert_eq!(cx.set_item(&d, &three, &three), "0");
    assert_eq!(
        cx.drain(&it),
        ["!RuntimeError: dictionary keys changed during iteration"]
    );
    assert_eq!(cx.next(&it), "END");
    // Replacing a value, or removing and adding after the position, is allowed:
    // d = {1: 1, 2: 2, 3: 3}; it = iter(d); next(it); d[1] = 5; del d[3]; d[4] = 4; list(it)
    let d = cx.v(Value::Dict(vec![
        (int(1), int(1)),
        (int(2), int(2)),
        (int(3), int(3)),
    ]));
    let it = cx.iter(&d).unwrap();
    assert_eq!(cx.next(&it), "1");
    let (five, four) = (cx.v(int(5)), cx.v(int(4)));
    assert_eq!(cx.set_item(&d, &one, &five), "0");
    assert_eq!(cx.del_item(&d, &three), "0");
    assert_eq!(cx.set_item(&d, &four, &four), "0");
    assert_eq!(cx.drain(&it), ["2", "4"]);

    // iter(5); next([])
    let five = cx.v(int(5));
    assert_eq!(
        cx.iter(&five).unwrap_err(),
        "!TypeError: 'int' object is not iterable"
    );
    let l = cx.v(list(vec![]));
    assert_eq!(cx.next(&l), "!TypeError: 'list' object is not an iterator");
    // The identity in the repr survives moves.
    let it = cx.iter(&l).unwrap();
    let before = cx.repr(&it);
    let addr = cx.rt.address(&it).unwrap();
    cx.rt.collect();
    assert_ne!(cx.rt.address(&it).unwrap(), addr, "the iterator moved");
    assert_eq!(cx.repr(&it), before);
    assert!(cx.rt.verify_heap().is_empty());
}

// ------------------------------------------------------------------ ranges

fn ranges(run: Run) {
    let mut cx = Cx::new(run);
    let r = cx.range(&[int(10)]);
    assert_eq!(cx.repr(&r), "range(0, 10)");
    assert_eq!(cx.type_name(&r), "range");
    assert_eq!(cx.length(&r), "10");
    assert_eq!(cx.get_item_i(&r, 3), "3");
    assert_eq!(cx.get_item_i(&r, -1), "9");
    assert_eq!(
        cx.get_item_i(&r, 10),
        "!IndexError: range object index out of range"
    );
    let a = cx.v(s("a"));
    assert_eq!(
        cx.get_item(&r, &a),
        "!TypeError: range indices must be integers or slices, not str"
    );
    // range(10)[2:8:2], range(10)[::-1], range(10)[2:5] (PySequence_GetSlice)
    let sl = cx.slice(Some(int(2)), Some(int(8)), Some(int(2)));
    assert_eq!(cx.get_item(&r, &sl), "range(2, 8, 2)");
    let sl = cx.slice(None, None, Some(int(-1)));
    assert_eq!(cx.get_item(&r, &sl), "range(9, -1, -1)");
    assert_eq!(cx.get_slice(&r, 2, 5), "range(2, 5)");
    // 3 in r, 3.0 in r, 10 in r, 'a' in r
    for (k, want) in [(int(3), "1"), (fl(3.0), "1"), (int(10), "0"), (s("a"), "0")] {
        let k = cx.v(k);
        assert_eq!(cx.contains(&r, &k), want);
    }
    let it = cx.iter(&r).unwrap();
    assert_eq!(cx.type_name(&it), "range_iterator");
    assert_eq!(
        cx.drain(&it),
        ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
    );
    // range(0, 10, 3): 3 in, 4 not in, [-1], repr, list
    let r3 = cx.range(&[int(0), int(10), int(3)]);
    assert_eq!(cx.repr(&r3), "range(0, 10, 3)");
    let (k3, k4) = (cx.v(int(3)), cx.v(int(4)));
    assert_eq!(cx.contains(&r3, &k3), "1");
    assert_eq!(cx.contains(&r3, &k4), "0");
    assert_eq!(cx.get_item_i(&r3, -1), "9");
    let it = cx.iter(&r3).unwrap();
    assert_eq!(cx.drain(&it), ["0", "3", "6", "9"]);
    // range(5, 0, -2), range(0), range(-5)
    let rd = cx.range(&[int(5), int(0), int(-2)]);
    let it = cx.iter(&rd).unwrap();
    assert_eq!(cx.drain(&it), ["5", "3", "1"]);
    let r0 = cx.range(&[int(-5)]);
    assert_eq!(cx.repr(&r0), "range(0, -5)");
    assert_eq!(cx.length(&r0), "0");
    // range(2**64): len overflows; items, `in` and iteration use arbitrary precision.
    let huge = cx.range(&[big(pow2(64))]);
    assert_eq!(
        cx.length(&huge),
        "!OverflowError: Python int too large to convert to C ssize_t"
    );
    let k = cx.v(big(pow2(63)));
    assert_eq!(cx.get_item(&huge, &k), "9223372036854775808");
    assert_eq!(cx.contains(&huge, &k), "1");
    let it = cx.iter(&huge).unwrap();
    assert_eq!(cx.type_name(&it), "longrange_iterator");
    assert_eq!(cx.next(&it), "0");
    // hash(range(5)) == hash((5, 0, 1)); range(0, 3, 2) == range(0, 4, 2)
    let r5 = cx.range(&[int(5)]);
    assert_eq!(cx.hash(&r5), "5795932985296280846");
    let (x, y) = (
        cx.range(&[int(0), int(3), int(2)]),
        cx.range(&[int(0), int(4), int(2)]),
    );
    // SAFETY: calling the context as an extension does (2 is Py_EQ).
    let eq = unsafe { (cx.c.ctx_RichCompareBool)(cx.p, h(&x), h(&y), 2) };
    assert_eq!(cx.status(eq as i64), "1");
    assert!(cx.rt.verify_heap().is_empty());
}

// ------------------------------------------------------------------ builders

fn builders(run: Run) {
    let mut cx = Cx::new(run);
    let open = cx.rt.open_handles();
    let (a, bb) = (cx.v(s("a")), cx.v(s("b")));
    let c = cx.c;
    let p = cx.p;
    // SAFETY: calling the builders as an extension does, with open handles.
    unsafe {
        let lb = (c.ctx_ListBuilder_New)(p, 3);
        (c.ctx_ListBuilder_Set)(p, lb, 0, h(&a));
        (c.ctx_ListBuilder_Set)(p, lb, 2, h(&bb));
        let r = (c.ctx_ListBuilder_Build)(p, lb);
        assert_eq!(cx.show(r), "['a', None, 'b']");
        // A second Build, and a Cancel after Build, are errors the runtime detects.
        let r = (c.ctx_ListBuilder_Build)(p, lb);
        let e = cx.show(r);
        assert!(
            e.starts_with("!SystemError: HPyListBuilder_Build: ")
                && e.contains("not a builder in progress"),
            "{e}"
        );
        (c.ctx_ListBuilder_Cancel)(p, lb);
        assert!(cx.rt.take_pending_error().is_none());
        // Cancel, then Build.
        let lb = (c.ctx_ListBuilder_New)(p, 1);
        (c.ctx_ListBuilder_Set)(p, lb, 0, h(&a));
        (c.ctx_ListBuilder_Cancel)(p, lb);
        let r = (c.ctx_ListBuilder_Build)(p, lb);
        assert!(cx.show(r).contains("not a builder in progress"));
        // Out of range: an error (CPython's hpy only asserts).
        let lb = (c.ctx_ListBuilder_New)(p, 2);
        (c.ctx_ListBuilder_Set)(p, lb, 5, h(&a));
        let e = Cx::show_err(cx.rt.take_pending_error().expect("error"));
        assert_eq!(
            e,
            "!SystemError: HPyListBuilder_Set: index 5 out of range for a builder of size 2"
        );
        (c.ctx_ListBuilder_Cancel)(p, lb);
        // A failed New (negative size) gives builder 0; Build raises the delayed
        // MemoryError, as hpy does; Set and Cancel ignore it.
        let lb = (c.ctx_ListBuilder_New)(p, -1);
        assert_eq!(lb._lst, 0);
        assert!(cx.rt.take_pending_error().is_none());
        (c.ctx_ListBuilder_Set)(p, lb, 0, h(&a));
        let r = (c.ctx_ListBuilder_Build)(p, lb);
        assert_eq!(cx.show(r), "!MemoryError: ");
        (c.ctx_ListBuilder_Cancel)(p, HPyListBuilder { _lst: 0 });
        assert!(cx.rt.take_pending_error().is_none());

        let tb = (c.ctx_TupleBuilder_New)(p, 2);
        (c.ctx_TupleBuilder_Set)(p, tb, 1, h(&a));
        (c.ctx_TupleBuilder_Set)(p, tb, 0, h(&bb));
        let r = (c.ctx_TupleBuilder_Build)(p, tb);
        assert_eq!(cx.show(r), "('b', 'a')");
        let r = (c.ctx_TupleBuilder_Build)(p, tb);
        assert!(cx.show(r).contains("HPyTupleBuilder_Build"));
        let tb = (c.ctx_TupleBuilder_New)(p, 0);
        let r = (c.ctx_TupleBuilder_Build)(p, tb);
        assert_eq!(cx.show(r), "()");
        let tb = (c.ctx_TupleBuilder_New)(p, 1);
        (c.ctx_TupleBuilder_Set)(p, tb, -1, h(&a));
        assert!(cx.rt.take_pending_error().is_some());
        (c.ctx_TupleBuilder_Cancel)(p, tb);
        let tb = (c.ctx_TupleBuilder_New)(p, -5);
        let r = (c.ctx_TupleBuilder_Build)(p, tb);
        assert_eq!(cx.show(r), "!MemoryError: ");
        (c.ctx_TupleBuilder_Cancel)(p, HPyTupleBuilder { _tup: 0 });
    }
    // Nothing leaked: only `a` and `b` are new.
    assert_eq!(cx.rt.open_handles(), open + 2);
    assert!(cx.rt.verify_heap().is_empty());
}

// ------------------------------------------------------------------ moves

/// Iterators, slices and containers in use across collections: they move, and iteration
/// goes on where it was.
fn survive_moves(run: Run) {
    let mut cx = Cx::new(run);
    let words: Vec<Value> = (0..50).map(|i| s(&format!("w{i}"))).collect();
    let l = cx.v(list(words));
    let d = cx.dict_new();
    let text = cx.v(s("añb"));
    let its = [cx.iter(&l).unwrap(), cx.iter(&text).unwrap()];
    let sl = cx.slice(Some(int(10)), None, Some(int(7)));
    let mut seen = Vec::new();
    for round in 0..6 {
        let before = cx.rt.address(&its[0]).unwrap();
        cx.rt.collect();
        assert_ne!(cx.rt.address(&its[0]).unwrap(), before);
        seen.push(cx.next(&its[0]));
        let k = cx.v(int(round));
        let v = cx.get_item(&l, &sl);
        let v = cx.v(s(&v));
        assert_eq!(cx.set_item(&d, &k, &v), "0");
    }
    assert_eq!(seen, ["'w0'", "'w1'", "'w2'", "'w3'", "'w4'", "'w5'"]);
    assert_eq!(cx.drain(&its[1]), ["'a'", "'ñ'", "'b'"]);
    assert_eq!(cx.length(&d), "6");
    let k = cx.v(int(5));
    assert_eq!(
        cx.get_item(&d, &k),
        "\"['w10', 'w17', 'w24', 'w31', 'w38', 'w45']\""
    );
    let dit = cx.iter(&d).unwrap();
    cx.rt.collect();
    assert_eq!(cx.drain(&dit), ["0", "1", "2", "3", "4", "5"]);
    assert!(cx.rt.verify_heap().is_empty());
}

both_modes! {
    item_access_matches_cpython => items;
    item_assignment_and_deletion_match_cpython => set_and_del_items;
    slices_match_cpython => slices;
    slice_assignment_and_deletion_match_cpython => slice_assignment;
    get_set_del_slice_match_cpython => get_set_del_slice;
    contains_and_length_match_cpython => contains_and_length;
    constructors_and_checks_match_cpython => constructors_and_checks;
    dict_keys_and_hashes_match_cpython => dict_keys_and_hashes;
    iteration_matches_cpython => iteration;
    ranges_match_cpython => ranges;
    builders_detect_misuse => builders;
    iterators_and_slices_survive_moves => survive_moves;
}
