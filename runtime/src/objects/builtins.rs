//! The runtime's immortal baseline: builtin types, singletons, the exception hierarchy of
//! CPython 3.11 and the `builtins` module. Created once, in the immortal space, so a torture
//! run copies only what extensions and scripts create.

use std::collections::HashMap;

use gc::{Heap, RawRef};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::types::{self, Instances};
use crate::objects::{dict, exception, str as pystr, tuple, Kinds, W_DATA, W_TYPE};

/// References to immortal objects: they never move, so the stored address stays valid.
#[derive(Debug)]
pub(crate) struct Builtins {
    pub(crate) kinds: Kinds,

    pub(crate) object_type: RawRef,
    pub(crate) type_type: RawRef,
    pub(crate) none_type: RawRef,
    pub(crate) bool_type: RawRef,
    pub(crate) int_type: RawRef,
    pub(crate) float_type: RawRef,
    pub(crate) complex_type: RawRef,
    pub(crate) str_type: RawRef,
    pub(crate) bytes_type: RawRef,
    pub(crate) tuple_type: RawRef,
    pub(crate) list_type: RawRef,
    pub(crate) dict_type: RawRef,
    pub(crate) set_type: RawRef,
    pub(crate) frozenset_type: RawRef,
    pub(crate) dict_keys_type: RawRef,
    pub(crate) dict_values_type: RawRef,
    pub(crate) dict_items_type: RawRef,
    pub(crate) module_type: RawRef,
    pub(crate) function_type: RawRef,
    pub(crate) notimpl_type: RawRef,
    pub(crate) ellipsis_type: RawRef,
    pub(crate) memoryview_type: RawRef,
    pub(crate) capsule_type: RawRef,
    /// A buffer exported by an extension type, held for memoryviews.
    pub(crate) managedbuffer_type: RawRef,
    pub(crate) slice_type: RawRef,
    pub(crate) range_type: RawRef,
    /// Python functions and closure cells (the interpreter's).
    pub(crate) pyfunction_type: RawRef,
    pub(crate) cell_type: RawRef,
    /// The class machinery's types (see `objects/instance.rs`).
    pub(crate) property_type: RawRef,
    pub(crate) staticmethod_type: RawRef,
    pub(crate) classmethod_type: RawRef,
    pub(crate) method_type: RawRef,
    pub(crate) super_type: RawRef,
    /// `contextvars.ContextVar` and its `Token` (see `objects/contextvar.rs`).
    pub(crate) contextvar_type: RawRef,
    pub(crate) token_type: RawRef,
    pub(crate) code_type: RawRef,
    /// Generators (see `objects/generator.rs`).
    pub(crate) generator_type: RawRef,
    /// The builtin iterator types by name (`list_iterator`, `dict_keyiterator`…).
    pub(crate) iterator_types: HashMap<&'static str, RawRef>,
    /// `range_iterator`, for the interpreter's `for i in range(n)` fast path.
    pub(crate) range_iterator_type: RawRef,
    /// `list_iterator` and `tuple_iterator`, told apart by identity at every step.
    pub(crate) list_iterator_type: RawRef,
    pub(crate) tuple_iterator_type: RawRef,

    pub(crate) none: RawRef,
    pub(crate) true_: RawRef,
    pub(crate) false_: RawRef,
    pub(crate) notimpl: RawRef,
    pub(crate) ellipsis: RawRef,
    /// The ints -5..=256, made once as CPython's are, in normal mode only: in the moving
    /// modes every int is a new object that moves, so that a field or root a collection
    /// failed to update shows for small ints too. Empty in those modes.
    pub(crate) small_ints: Vec<RawRef>,

    pub(crate) base_exception: RawRef,
    /// Every builtin exception and warning type by name.
    pub(crate) exceptions: HashMap<&'static str, RawRef>,
    /// A ready `MemoryError()` for when allocating the real one fails.
    pub(crate) memory_error: RawRef,
    pub(crate) builtins_module: RawRef,
    /// Its dict: `ctx->h_Builtins`, as CPython's `PyEval_GetBuiltins()` gives it to
    /// the official hosts.
    pub(crate) builtins_dict: RawRef,
}

/// The builtin iterator types, named as CPython 3.11 names them.
pub(crate) const ITERATOR_TYPES: &[&str] = &[
    "list_iterator",
    "list_reverseiterator",
    "tuple_iterator",
    "str_ascii_iterator",
    "str_iterator",
    "bytes_iterator",
    "dict_keyiterator",
    "dict_valueiterator",
    "dict_itemiterator",
    "range_iterator",
    "longrange_iterator",
    "callable_iterator",
    // `iter(obj)` of an object with `__getitem__` and no `__iter__`: obj[0], obj[1]...
    "iterator",
    // `map(f, *its)`, `filter(f, it)`, `zip(*its)`: lazy, one item per `next` (the
    // iterated object is the tuple of iterators, the aux the function).
    "map",
    "filter",
    "zip",
];

/// CPython 3.11's builtin exception hierarchy: (name, base).
const EXCEPTIONS: &[(&str, &str)] = &[
    ("Exception", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("SystemExit", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("BlockingIOError", "OSError"),
    ("ChildProcessError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("FileExistsError", "OSError"),
    ("FileNotFoundError", "OSError"),
    ("InterruptedError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("TimeoutError", "OSError"),
    ("ReferenceError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("StopAsyncIteration", "Exception"),
    ("StopIteration", "Exception"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("UnicodeTranslateError", "UnicodeError"),
    ("Warning", "Exception"),
    ("BytesWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("EncodingWarning", "Warning"),
    ("FutureWarning", "Warning"),
    ("ImportWarning", "Warning"),
    ("PendingDeprecationWarning", "Warning"),
    ("ResourceWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
    ("UnicodeWarning", "Warning"),
    ("UserWarning", "Warning"),
];

/// The range of the preallocated small ints (CPython's).
const SMALL_INT_MIN: i64 = -5;
const SMALL_INT_MAX: i64 = 256;

impl Builtins {
    /// The preallocated int `v`, if there is one (normal mode, -5..=256).
    #[inline]
    pub(crate) fn small_int(&self, v: i64) -> Option<RawRef> {
        let i = v.wrapping_sub(SMALL_INT_MIN);
        if (0..=SMALL_INT_MAX - SMALL_INT_MIN).contains(&i) {
            self.small_ints.get(i as usize).copied()
        } else {
            None
        }
    }

    pub(crate) fn create(heap: &mut Heap) -> PyResult<Builtins> {
        let kinds = Kinds::register(heap);
        let mut b = Builtins {
            kinds,
            object_type: RawRef::NULL,
            type_type: RawRef::NULL,
            none_type: RawRef::NULL,
            bool_type: RawRef::NULL,
            int_type: RawRef::NULL,
            float_type: RawRef::NULL,
            complex_type: RawRef::NULL,
            str_type: RawRef::NULL,
            bytes_type: RawRef::NULL,
            tuple_type: RawRef::NULL,
            list_type: RawRef::NULL,
            dict_type: RawRef::NULL,
            set_type: RawRef::NULL,
            frozenset_type: RawRef::NULL,
            dict_keys_type: RawRef::NULL,
            dict_values_type: RawRef::NULL,
            dict_items_type: RawRef::NULL,
            module_type: RawRef::NULL,
            function_type: RawRef::NULL,
            notimpl_type: RawRef::NULL,
            ellipsis_type: RawRef::NULL,
            memoryview_type: RawRef::NULL,
            capsule_type: RawRef::NULL,
            managedbuffer_type: RawRef::NULL,
            slice_type: RawRef::NULL,
            range_type: RawRef::NULL,
            pyfunction_type: RawRef::NULL,
            cell_type: RawRef::NULL,
            property_type: RawRef::NULL,
            staticmethod_type: RawRef::NULL,
            classmethod_type: RawRef::NULL,
            method_type: RawRef::NULL,
            super_type: RawRef::NULL,
            contextvar_type: RawRef::NULL,
            token_type: RawRef::NULL,
            code_type: RawRef::NULL,
            generator_type: RawRef::NULL,
            iterator_types: HashMap::new(),
            range_iterator_type: RawRef::NULL,
            list_iterator_type: RawRef::NULL,
            tuple_iterator_type: RawRef::NULL,
            none: RawRef::NULL,
            true_: RawRef::NULL,
            false_: RawRef::NULL,
            notimpl: RawRef::NULL,
            ellipsis: RawRef::NULL,
            small_ints: Vec::new(),
            base_exception: RawRef::NULL,
            exceptions: HashMap::new(),
            memory_error: RawRef::NULL,
            builtins_module: RawRef::NULL,
            builtins_dict: RawRef::NULL,
        };
        // The type objects need `type`, `str`, `dict` and `tuple` to exist (their names,
        // dicts and MROs): create the bare objects first, then complete them.
        b.bootstrap(heap)?;
        let heap: &Heap = heap;
        // Each type is made with an allocator that borrows `b` only for that call, so the
        // reference can be stored in `b` right away.
        let object = b.object_type;
        let mk = |b: &Builtins, name: &str, base: RawRef, inst| -> PyResult<RawRef> {
            let a = Alloc::new(heap, b);
            Ok(types::new_builtin(&a, name, Some(a.builtin(base)), inst)?.raw())
        };
        b.none_type = mk(&b, "NoneType", object, Instances::Special)?;
        b.int_type = mk(&b, "int", object, Instances::Int)?;
        b.bool_type = mk(&b, "bool", b.int_type, Instances::Special)?;
        b.float_type = mk(&b, "float", object, Instances::Float)?;
        b.complex_type = mk(&b, "complex", object, Instances::Complex)?;
        b.bytes_type = mk(&b, "bytes", object, Instances::Bytes)?;
        b.list_type = mk(&b, "list", object, Instances::List)?;
        b.set_type = mk(&b, "set", object, Instances::Set)?;
        b.frozenset_type = mk(&b, "frozenset", object, Instances::Set)?;
        b.module_type = mk(&b, "module", object, Instances::Module)?;
        b.function_type = mk(&b, "builtin_function_or_method", object, Instances::Special)?;
        b.notimpl_type = mk(&b, "NotImplementedType", object, Instances::Special)?;
        b.ellipsis_type = mk(&b, "ellipsis", object, Instances::Special)?;
        b.memoryview_type = mk(&b, "memoryview", object, Instances::Special)?;
        b.capsule_type = mk(&b, "PyCapsule", object, Instances::Capsule)?;
        b.managedbuffer_type = mk(&b, "managedbuffer", object, Instances::Special)?;
        b.dict_keys_type = mk(&b, "dict_keys", object, Instances::Special)?;
        b.dict_values_type = mk(&b, "dict_values", object, Instances::Special)?;
        b.dict_items_type = mk(&b, "dict_items", object, Instances::Special)?;
        b.slice_type = mk(&b, "slice", object, Instances::Slice)?;
        b.range_type = mk(&b, "range", object, Instances::Range)?;
        for name in ITERATOR_TYPES {
            let t = mk(&b, name, object, Instances::Iterator)?;
            b.iterator_types.insert(*name, t);
        }
        b.range_iterator_type = b.iterator_types["range_iterator"];
        b.list_iterator_type = b.iterator_types["list_iterator"];
        b.tuple_iterator_type = b.iterator_types["tuple_iterator"];
        // The descriptors of extension types' members and get/set pairs share the map.
        for name in ["member_descriptor", "getset_descriptor"] {
            let t = mk(&b, name, object, Instances::Special)?;
            b.iterator_types.insert(name, t);
        }
        b.property_type = mk(&b, "property", object, Instances::Special)?;
        b.staticmethod_type = mk(&b, "staticmethod", object, Instances::Special)?;
        b.classmethod_type = mk(&b, "classmethod", object, Instances::Special)?;
        b.method_type = mk(&b, "method", object, Instances::Special)?;
        b.super_type = mk(&b, "super", object, Instances::Special)?;
        b.contextvar_type = mk(&b, "ContextVar", object, Instances::Special)?;
        b.token_type = mk(&b, "Token", object, Instances::Special)?;
        b.code_type = mk(&b, "code", object, Instances::Special)?;
        b.generator_type = mk(&b, "generator", object, Instances::Special)?;
        b.base_exception = mk(&b, "BaseException", object, Instances::Exception)?;
        b.exceptions.insert("BaseException", b.base_exception);
        for (name, base) in EXCEPTIONS {
            let t = mk(&b, name, b.exceptions[base], Instances::Exception)?;
            b.exceptions.insert(*name, t);
        }
        // None, NotImplemented, Ellipsis: `[type, id]`; True, False: `[type, id, 0|1]`.
        let singleton = |kind, ty: RawRef, value: u64| -> PyResult<RawRef> {
            let o = heap.alloc_immortal(kind, W_DATA * 8 + 8)?;
            o.set_word(W_TYPE, ty.addr() as u64);
            o.set_word(W_DATA, value);
            Ok(o.raw())
        };
        b.none = singleton(b.kinds.plain, b.none_type, 0)?;
        b.notimpl = singleton(b.kinds.plain, b.notimpl_type, 0)?;
        b.ellipsis = singleton(b.kinds.plain, b.ellipsis_type, 0)?;
        b.true_ = singleton(b.kinds.bool_, b.bool_type, 1)?;
        b.false_ = singleton(b.kinds.bool_, b.bool_type, 0)?;
        if heap.config().mode == gc::Mode::Normal {
            // `int`'s layout (objects/int.rs): a zero limb count, then the value.
            for v in SMALL_INT_MIN..=SMALL_INT_MAX {
                let o = heap.alloc_immortal(b.kinds.int, (W_DATA + 2) * 8)?;
                o.set_word(W_TYPE, b.int_type.addr() as u64);
                o.set_word(W_DATA, 0);
                o.set_word(W_DATA + 1, v as u64);
                b.small_ints.push(o.raw());
            }
        }
        b.finish(heap)?;
        Ok(b)
    }

    /// `object`, `type`, `str`, `tuple` and `dict`, which every other type refers to.
    fn bootstrap(&mut self, heap: &Heap) -> PyResult<()> {
        // Creating a type allocates its name (needs str_type), its dict (dict_type) and its
        // MRO (tuple_type). Give those placeholders first and patch the type words after.
        let a = Alloc::new(heap, self);
        let object = types::new_builtin(&a, "object", None, Instances::Object)?;
        let ty = types::new_builtin(&a, "type", Some(object), Instances::Type)?;
        let str_t = types::new_builtin(&a, "str", Some(object), Instances::Str)?;
        let tuple_t = types::new_builtin(&a, "tuple", Some(object), Instances::Tuple)?;
        let dict_t = types::new_builtin(&a, "dict", Some(object), Instances::Dict)?;
        let raws = [
            object.raw(),
            ty.raw(),
            str_t.raw(),
            tuple_t.raw(),
            dict_t.raw(),
        ];
        self.object_type = raws[0];
        self.type_type = raws[1];
        self.str_type = raws[2];
        self.tuple_type = raws[3];
        self.dict_type = raws[4];
        // Fix the type words of everything allocated so far: walk the immortal objects of
        // the five types and their parts (names, dicts, MRO tuples).
        let a = Alloc::new(heap, self);
        for raw in raws {
            let t = a.builtin(raw);
            t.set_word(W_TYPE, self.type_type.addr() as u64);
            let name = t.get_ref(W_DATA + 3).expect("name");
            name.set_word(W_TYPE, self.str_type.addr() as u64);
            let d = types::dict(t);
            d.set_word(W_TYPE, self.dict_type.addr() as u64);
            let m = types::mro(t);
            m.set_word(W_TYPE, self.tuple_type.addr() as u64);
        }
        Ok(())
    }

    fn finish(&mut self, heap: &Heap) -> PyResult<()> {
        let a = Alloc::new(heap, self);
        let msg = tuple::new_empty(&a, 0)?;
        let me = exception::new(&a, self.exceptions["MemoryError"], msg)?;
        // A ready MemoryError must not move or die: copy it into the immortal space.
        let imm = heap.alloc_immortal(self.kinds.exception, me.body_len())?;
        let imm_args = heap.alloc_immortal(self.kinds.tuple, W_DATA * 8)?;
        imm_args.set_word(W_TYPE, self.tuple_type.addr() as u64);
        imm.set_word(W_TYPE, self.exceptions["MemoryError"].addr() as u64);
        imm.set_word(W_DATA, imm_args.addr() as u64);
        let memory_error = imm.raw();

        let pyfunction_type = types::new_builtin(
            &a,
            "function",
            Some(a.builtin(self.object_type)),
            Instances::Function,
        )?
        .raw();
        let cell_type = types::new_builtin(
            &a,
            "cell",
            Some(a.builtin(self.object_type)),
            Instances::Cell,
        )?
        .raw();

        // The builtins module: every builtin type and exception by name.
        let m = heap.alloc_immortal(self.kinds.module, (W_DATA + 2) * 8)?;
        m.set_word(W_TYPE, self.module_type.addr() as u64);
        let d = dict::new_immortal(&a)?;
        heap.set_ref(m, W_DATA, Some(d));
        let mut named: Vec<(&str, RawRef)> = vec![
            ("object", self.object_type),
            ("type", self.type_type),
            ("bool", self.bool_type),
            ("int", self.int_type),
            ("float", self.float_type),
            ("complex", self.complex_type),
            ("str", self.str_type),
            ("bytes", self.bytes_type),
            ("tuple", self.tuple_type),
            ("list", self.list_type),
            ("dict", self.dict_type),
            ("set", self.set_type),
            ("frozenset", self.frozenset_type),
            ("memoryview", self.memoryview_type),
            ("slice", self.slice_type),
            ("range", self.range_type),
            ("property", self.property_type),
            ("staticmethod", self.staticmethod_type),
            ("classmethod", self.classmethod_type),
            ("super", self.super_type),
            ("None", self.none),
            ("True", self.true_),
            ("False", self.false_),
            ("NotImplemented", self.notimpl),
            ("Ellipsis", self.ellipsis),
        ];
        named.extend(self.exceptions.iter().map(|(k, v)| (*k, *v)));
        // Python 3's old names of OSError.
        if let Some(&os_error) = self.exceptions.get("OSError") {
            named.extend([("EnvironmentError", os_error), ("IOError", os_error)]);
        }
        named.sort_by_key(|(k, _)| *k);
        for (name, v) in named {
            let k = pystr::new_immortal(&a, name)?;
            crate::objects::ops::dict_set_str(&a, d, k, a.builtin(v));
        }
        let k = pystr::new_immortal(&a, "__name__")?;
        let v = pystr::new_immortal(&a, "builtins")?;
        crate::objects::ops::dict_set_str(&a, d, k, v);
        let builtins_module = m.raw();
        self.builtins_dict = d.raw();
        self.memory_error = memory_error;
        self.pyfunction_type = pyfunction_type;
        self.cell_type = cell_type;
        self.builtins_module = builtins_module;
        Ok(())
    }

    /// The object behind a context constant (`h_None` … `h_DictType`), by its field name
    /// without `h_`.
    pub(crate) fn constant(&self, name: &str) -> Option<RawRef> {
        Some(match name {
            "None" => self.none,
            "True" => self.true_,
            "False" => self.false_,
            "NotImplemented" => self.notimpl,
            "Ellipsis" => self.ellipsis,
            "BaseObjectType" => self.object_type,
            "TypeType" => self.type_type,
            "BoolType" => self.bool_type,
            "LongType" => self.int_type,
            "FloatType" => self.float_type,
            "UnicodeType" => self.str_type,
            "TupleType" => self.tuple_type,
            "ListType" => self.list_type,
            "ComplexType" => self.complex_type,
            "BytesType" => self.bytes_type,
            "MemoryViewType" => self.memoryview_type,
            "CapsuleType" => self.capsule_type,
            "SliceType" => self.slice_type,
            "DictType" => self.dict_type,
            "Builtins" => self.builtins_dict,
            exc => return self.exceptions.get(exc).copied(),
        })
    }

    pub(crate) fn exc(&self, name: &str) -> RawRef {
        self.exceptions[name]
    }
}
