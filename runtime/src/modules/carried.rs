//! The modules of Python's standard library that hpymove carries, written in Python for
//! its interpreter (`runtime/stdlib/*.py`, hpymove's own code): what test scripts for
//! extensions commonly import besides `sys`, `gc`, `math` and `time` (native).

/// (module name, source)
const MODULES: &[(&str, &str)] = &[
    ("functools", include_str!("../../stdlib/functools.py")),
    (
        "_exceptiongroup",
        include_str!("../../stdlib/_exceptiongroup.py"),
    ),
    ("itertools", include_str!("../../stdlib/itertools.py")),
    ("operator", include_str!("../../stdlib/operator.py")),
    ("collections", include_str!("../../stdlib/collections.py")),
    ("os", include_str!("../../stdlib/os.py")),
    ("io", include_str!("../../stdlib/io.py")),
    ("random", include_str!("../../stdlib/random.py")),
    ("json", include_str!("../../stdlib/json.py")),
    ("typing", include_str!("../../stdlib/typing.py")),
    ("__future__", include_str!("../../stdlib/__future__.py")),
    ("dataclasses", include_str!("../../stdlib/dataclasses.py")),
    ("errno", include_str!("../../stdlib/errno.py")),
    ("warnings", include_str!("../../stdlib/warnings.py")),
    ("textwrap", include_str!("../../stdlib/textwrap.py")),
    ("shutil", include_str!("../../stdlib/shutil.py")),
    ("tomllib", include_str!("../../stdlib/tomllib.py")),
    ("hashlib", include_str!("../../stdlib/hashlib.py")),
    ("hmac", include_str!("../../stdlib/hmac.py")),
    ("codecs", include_str!("../../stdlib/codecs.py")),
    ("tempfile", include_str!("../../stdlib/tempfile.py")),
    ("weakref", include_str!("../../stdlib/weakref.py")),
    ("atexit", include_str!("../../stdlib/atexit.py")),
    ("_dir", include_str!("../../stdlib/_dir.py")),
    ("heapq", include_str!("../../stdlib/heapq.py")),
    ("bisect", include_str!("../../stdlib/bisect.py")),
    ("_thread", include_str!("../../stdlib/_thread.py")),
    (
        "_collections_abc",
        include_str!("../../stdlib/_collections_abc.py"),
    ),
    ("inspect", include_str!("../../stdlib/inspect.py")),
    ("doctest", include_str!("../../stdlib/doctest.py")),
    (
        "_importlib_metadata",
        include_str!("../../stdlib/_importlib_metadata.py"),
    ),
    ("fnmatch", include_str!("../../stdlib/fnmatch.py")),
    (
        "_re_constants",
        include_str!("../../stdlib/_re_constants.py"),
    ),
    ("_re_parser", include_str!("../../stdlib/_re_parser.py")),
    (
        "_re_translate",
        include_str!("../../stdlib/_re_translate.py"),
    ),
    ("glob", include_str!("../../stdlib/glob.py")),
    ("subprocess", include_str!("../../stdlib/subprocess.py")),
    ("types", include_str!("../../stdlib/types.py")),
    ("importlib", include_str!("../../stdlib/importlib.py")),
    ("_importspec", include_str!("../../stdlib/_importspec.py")),
    ("struct", include_str!("../../stdlib/struct.py")),
    ("array", include_str!("../../stdlib/array.py")),
    ("re", include_str!("../../stdlib/re.py")),
    ("_bytearray", include_str!("../../stdlib/_bytearray.py")),
    (
        "_callable_iterator",
        include_str!("../../stdlib/_callable_iterator.py"),
    ),
    ("_memoryview", include_str!("../../stdlib/_memoryview.py")),
    ("enum", include_str!("../../stdlib/enum.py")),
    ("copy", include_str!("../../stdlib/copy.py")),
    ("copyreg", include_str!("../../stdlib/copyreg.py")),
    ("pickle", include_str!("../../stdlib/pickle.py")),
    ("contextlib", include_str!("../../stdlib/contextlib.py")),
    ("abc", include_str!("../../stdlib/abc.py")),
    ("string", include_str!("../../stdlib/string.py")),
    ("_sysinfo", include_str!("../../stdlib/_sysinfo.py")),
    ("traceback", include_str!("../../stdlib/traceback.py")),
    ("posixpath", include_str!("../../stdlib/posixpath.py")),
    ("_code", include_str!("../../stdlib/_code.py")),
    ("pathlib", include_str!("../../stdlib/pathlib.py")),
    ("pytest", include_str!("../../stdlib/pytest.py")),
    ("_pytest_api", include_str!("../../stdlib/_pytest_api.py")),
    (
        "_pytest_fixtures",
        include_str!("../../stdlib/_pytest_fixtures.py"),
    ),
    (
        "_pytest_collect",
        include_str!("../../stdlib/_pytest_collect.py"),
    ),
    ("_pytest_main", include_str!("../../stdlib/_pytest_main.py")),
    (
        "_pytest_doctest",
        include_str!("../../stdlib/_pytest_doctest.py"),
    ),
    (
        "_pytest_options",
        include_str!("../../stdlib/_pytest_options.py"),
    ),
    (
        "_pytest_report",
        include_str!("../../stdlib/_pytest_report.py"),
    ),
    ("_time", include_str!("../../stdlib/_time.py")),
    ("datetime", include_str!("../../stdlib/datetime.py")),
    ("_strptime", include_str!("../../stdlib/_strptime.py")),
    // The user-facing `hpy` package (a package's source is its `__init__.py`).
    ("hpy", include_str!("../../stdlib/hpy/__init__.py")),
    (
        "hpy.universal",
        include_str!("../../stdlib/hpy/universal.py"),
    ),
    (
        "hpy.debug",
        include_str!("../../stdlib/hpy/debug/__init__.py"),
    ),
    (
        "hpy.debug.leakdetector",
        include_str!("../../stdlib/hpy/debug/leakdetector.py"),
    ),
    (
        "hpy.debug.pytest",
        include_str!("../../stdlib/hpy/debug/pytest.py"),
    ),
    (
        "hpy.trace",
        include_str!("../../stdlib/hpy/trace/__init__.py"),
    ),
    (
        "hpy.devel",
        include_str!("../../stdlib/hpy/devel/__init__.py"),
    ),
    (
        "hpy.devel.abitag",
        include_str!("../../stdlib/hpy/devel/abitag.py"),
    ),
    ("_hpy_debug", include_str!("../../stdlib/_hpy_debug.py")),
    ("_hpy_trace", include_str!("../../stdlib/_hpy_trace.py")),
    ("difflib", include_str!("../../stdlib/difflib.py")),
    ("pprint", include_str!("../../stdlib/pprint.py")),
    // Packages: the package's `__init__.py` under its own name, then its submodules.
    (
        "unittest",
        include_str!("../../stdlib/unittest/__init__.py"),
    ),
    (
        "unittest.util",
        include_str!("../../stdlib/unittest/util.py"),
    ),
    (
        "unittest.case",
        include_str!("../../stdlib/unittest/case.py"),
    ),
    (
        "unittest.suite",
        include_str!("../../stdlib/unittest/suite.py"),
    ),
    (
        "unittest.result",
        include_str!("../../stdlib/unittest/result.py"),
    ),
    (
        "unittest.loader",
        include_str!("../../stdlib/unittest/loader.py"),
    ),
    (
        "unittest.runner",
        include_str!("../../stdlib/unittest/runner.py"),
    ),
    (
        "unittest.main",
        include_str!("../../stdlib/unittest/main.py"),
    ),
    (
        "unittest.__main__",
        include_str!("../../stdlib/unittest/__main__.py"),
    ),
    (
        "unittest.mock",
        include_str!("../../stdlib/unittest/mock.py"),
    ),
];

/// The carried modules that are packages (their submodules are carried too).
const PACKAGES: &[&str] = &["hpy", "hpy.debug", "hpy.trace", "hpy.devel", "unittest"];

/// Is the carried module `name` a package?
pub(crate) fn is_package(name: &str) -> bool {
    PACKAGES.contains(&name)
}

/// The file name a carried module's code reports (tracebacks, `__file__`): its path under
/// `<hpymove stdlib>/`, as the source tree has it.
pub(crate) fn filename(name: &str) -> String {
    let path = name.replace('.', "/");
    if is_package(name) {
        format!("<hpymove stdlib>/{path}/__init__.py")
    } else {
        format!("<hpymove stdlib>/{path}.py")
    }
}

/// A carried package's `__path__` entry (no directory holds it: its submodules are found
/// in the carried table, after the search path).
pub(crate) fn package_dir(name: &str) -> Option<String> {
    is_package(name).then(|| format!("<hpymove stdlib>/{}", name.replace('.', "/")))
}

/// Module names that are another carried module (`os.path` is `posixpath`).
const ALIASES: &[(&str, &str)] = &[
    ("os.path", "posixpath"),
    ("collections.abc", "_collections_abc"),
    ("importlib.metadata", "_importlib_metadata"),
    ("importlib.machinery", "_importspec"),
];

/// The module a carried alias stands for.
pub(crate) fn alias(name: &str) -> Option<&'static str> {
    ALIASES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// The source of a carried module.
pub(crate) fn source(name: &str) -> Option<&'static str> {
    MODULES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

impl crate::state::State {
    /// Carried module `name`: its source, its file name and, for a package, its
    /// directory (the import system's way in, through the upcall of the same name).
    pub(crate) fn carried_module(
        &mut self,
        name: &str,
    ) -> Option<(&'static str, String, Option<String>)> {
        Some((source(name)?, filename(name), package_dir(name)))
    }

    /// The module carried module alias `name` (`os.path`) stands for.
    pub(crate) fn carried_alias(&mut self, name: &str) -> Option<&'static str> {
        alias(name)
    }
}
