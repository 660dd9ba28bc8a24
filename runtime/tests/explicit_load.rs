//! `_hpymove.load(name, path)`: an extension loaded from an explicit path, as test harnesses
//! load a fresh module per test (HPy's suite on hpymove, tests/hpy_suite), is usable and is
//! not registered for `import`.

use std::process::Command;

fn hpymove(gc: &str, script: &str) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_hpymove"))
        .arg(format!("--gc={gc}"))
        .args(["-c", script])
        .env_remove("PYTHONPATH")
        .env_remove("HPYMOVE_GC")
        .output()
        .expect("spawn hpymove");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn loads_without_registering() {
    // A copy outside the module path: `import basics` can only find a registered module.
    let dir = std::env::temp_dir().join(format!("hpymove-explicit-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let so = dir.join("basics.hpy0.so");
    std::fs::copy(ext_samples::ext_path("basics"), &so).expect("copy basics.hpy0.so");
    let script = format!(
        "import _hpymove\n\
         m = _hpymove.load('basics', {path:?})\n\
         n = _hpymove.load('basics', {path:?})\n\
         print(m.add_ints(40, 2), n.add_ints(1, 2), m is n)\n\
         try:\n    import basics\nexcept ImportError as e:\n    print(type(e).__name__)\n\
         try:\n    _hpymove.load('basics', 3)\nexcept TypeError as e:\n    print(e)\n",
        path = so.display().to_string()
    );
    for gc in ["normal", "torture"] {
        let (code, out, err) = hpymove(gc, &script);
        assert_eq!(code, 0, "{gc}: {err}");
        assert_eq!(
            out,
            "42 3 False\nModuleNotFoundError\n_hpymove.load(): argument 2 must be str, not int\n",
            "{gc}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
