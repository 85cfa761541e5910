//! What the service-model tests share: decompressing models, errtable's
//! reading of them next to an independent one in Python
//! (`tests/scripts/read_models.py`), and scratch crates built by cargo
//! outside this workspace.
#![allow(dead_code)] // each test file uses its part

use serde_json::{json, Map, Value};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// A fresh directory under this test build's temporary directory.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The text of a gzip-compressed file.
pub fn gunzip(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text
}

/// The six committed Smithy models, decompressed into `dir`: their file
/// names (`glacier-2012-06-01.json`).
pub fn smithy_models(dir: &Path) -> Vec<String> {
    let source = workspace_root().join("tests/specs/models");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if let Some(json) = name.strip_suffix(".gz") {
            std::fs::write(dir.join(json), gunzip(&path)).unwrap();
            names.push(json.to_owned());
        }
    }
    names.sort();
    assert_eq!(names.len(), 6, "{names:?}");
    names
}

/// Whether `python3` runs and can import `module`, so that a comparison
/// with it runs. When it cannot, the test fails and names what to install,
/// unless `ERRTABLE_SKIP_PYTHON=1` says to skip it (then it prints
/// `SKIPPED`): a passing test hides its output, so a silent skip would
/// pass for a check that never ran.
pub fn python_has(module: &str) -> bool {
    let probe = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output();
    let why = match &probe {
        Ok(output) if output.status.success() => return true,
        Ok(output) => String::from_utf8_lossy(&output.stderr).into_owned(),
        Err(err) => format!("python3 does not run: {err}"),
    };
    assert!(
        skip_python(),
        "python3 cannot import `{module}`: python3 -m pip install -r tests/requirements.txt \
         (or set ERRTABLE_SKIP_PYTHON=1 to skip the checks that need it)\n{why}"
    );
    eprintln!("SKIPPED: python3 cannot import `{module}` and ERRTABLE_SKIP_PYTHON=1");
    false
}

/// What `tests/py/<script>` prints for `input`, sent as JSON on its
/// standard input: the scripts that run the Python clients print a JSON
/// list, one entry per input.
pub fn python_json(script: &str, args: &[&str], input: &impl serde::Serialize) -> Vec<Value> {
    use std::io::Write;
    use std::process::Stdio;
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("py")
        .join(script);
    let mut child = Command::new("python3")
        .arg(&path)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let input = serde_json::to_vec(input).unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{script} failed");
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Whether the run opts out of the checks that need Python:
/// `ERRTABLE_SKIP_PYTHON=1`.
pub fn skip_python() -> bool {
    std::env::var("ERRTABLE_SKIP_PYTHON").is_ok_and(|v| v == "1")
}

/// The independent Python reading of `files`, keyed by file name.
pub fn python_reading(files: &[PathBuf]) -> Map<String, Value> {
    let script = workspace_root().join("tests/scripts/read_models.py");
    let output = Command::new("python3")
        .arg(&script)
        .args(files)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "read_models.py failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let by_path: Map<String, Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    by_path
        .into_iter()
        .map(|(path, reading)| (file_name(Path::new(&path)), reading))
        .collect()
}

pub fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .expect("a file name")
        .to_owned()
}

/// errtable's reading of the spec file `path`.
pub fn load(path: &Path) -> errtable_codegen::Spec {
    errtable_codegen::load(
        &[errtable_codegen::SpecPath::resolve(
            path.parent().unwrap(),
            &file_name(path),
        )],
        "Unknown",
    )
}

/// errtable's reading of one model, in the script's form.
pub fn errtable_reading(path: &Path) -> Value {
    reading(&load(path))
}

/// A model as errtable read it, in the script's form.
pub fn reading(spec: &errtable_codegen::Spec) -> Value {
    assert!(spec.problems.is_empty(), "{:?}", spec.problems);
    let errors: Vec<Value> = spec
        .rows
        .iter()
        .map(|row| {
            json!({
                "code": row.code,
                "status": row.status,
                "type": row.error_type.as_str(),
                "retry": row.retry.map(|r| r.as_str()),
                "query_code": row.query_code,
                "query_status": row.query_status,
                "description": row.description,
            })
        })
        .collect();
    let operations: Map<String, Value> = spec
        .operations
        .iter()
        .map(|o| (o.name.clone(), json!(o.errors)))
        .collect();
    json!({"protocol": spec.protocol.map(|kind| kind.name()), "errors": errors, "operations": operations})
}

/// Every difference between two readings of the model `file`, as lines.
pub fn differences(file: &str, ours: &Value, theirs: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if ours["protocol"] != theirs["protocol"] {
        out.push(format!(
            "{file}: protocol {} (errtable) vs {} (Python)",
            ours["protocol"], theirs["protocol"]
        ));
    }
    let rows = |v: &Value| v["errors"].as_array().cloned().unwrap_or_default();
    let (our_rows, their_rows) = (rows(ours), rows(theirs));
    if our_rows.len() != their_rows.len() {
        out.push(format!(
            "{file}: {} error shapes (errtable) vs {} (Python)",
            our_rows.len(),
            their_rows.len()
        ));
    }
    for (a, b) in our_rows.iter().zip(&their_rows) {
        if a != b {
            out.push(format!("{file}: {a} (errtable) vs {b} (Python)"));
        }
    }
    let operations = |v: &Value| v["operations"].as_object().cloned().unwrap_or_default();
    let (our_ops, their_ops) = (operations(ours), operations(theirs));
    for (name, errors) in &their_ops {
        match our_ops.get(name) {
            Some(ours) if ours == errors => {}
            Some(ours) => out.push(format!(
                "{file}: operation {name}: {ours} (errtable) vs {errors} (Python)"
            )),
            None => out.push(format!(
                "{file}: operation {name} missing in errtable's reading"
            )),
        }
    }
    for name in our_ops.keys().filter(|n| !their_ops.contains_key(*n)) {
        out.push(format!(
            "{file}: operation {name} missing in Python's reading"
        ));
    }
    out
}

/// Runs cargo in `dir`, with a target directory shared by the scratch
/// crates of the tests (their dependencies build once), and fails when it
/// fails or takes longer than `limit`. The standard output.
pub fn cargo(dir: &Path, args: &[&str], limit: Duration) -> String {
    let start = Instant::now();
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch-target"),
        )
        .env_remove("ERRTABLE_MANIFEST_DIR")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let took = start.elapsed();
    assert!(
        output.status.success(),
        "cargo {args:?} failed in {}:\n{}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        took < limit,
        "cargo {args:?} took {took:?}, over the {limit:?} this test allows"
    );
    eprintln!("cargo {args:?} in {}: {took:.1?}", dir.display());
    String::from_utf8(output.stdout).expect("utf-8 output")
}

/// `Cargo.toml` of a scratch package depending on this workspace's
/// runtime crate with its `models` feature, as its own workspace, with the
/// workspace's lock file.
pub fn write_package(dir: &Path, name: &str) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let runtime = workspace_root().join("runtime").display().to_string();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nerrtable = {{ path = {runtime:?}, features = [\"models\", \"xml\", \"cbor\"] }}\n\n[workspace]\n"
        ),
    )
    .unwrap();
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

/// A Rust identifier from a model's or operation's name.
pub fn ident(name: &str) -> String {
    errtable_codegen::variant_name(name)
}
