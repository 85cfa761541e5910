//! Spec files named on the command line, read with the derive's own
//! pipeline (`errtable_codegen::load`).

use crate::Failure;
use errtable_codegen::{Problem, Row, Spec, SpecPath};
use std::path::PathBuf;

/// The variant name for unknown codes when it does not matter: no code can
/// get the empty name, so nothing is reserved. `diff` and `convert` look at
/// the table itself, not at one particular `unknown = "..."` choice.
pub const NOTHING_RESERVED: &str = "";

/// The directory command-line paths are relative to.
pub fn base_dir() -> Result<PathBuf, Failure> {
    std::env::current_dir()
        .map_err(|err| Failure::usage(format!("cannot determine the current directory: {err}")))
}

/// `name` as the user wrote it, resolved against the current directory.
pub fn spec_path(name: &str) -> Result<SpecPath, Failure> {
    Ok(SpecPath::resolve(&base_dir()?, name))
}

/// The problem that kept `spec` from being read at all (missing, a
/// directory, no permission), as opposed to problems inside a file (text
/// that is not UTF-8 is one, at its position): the first is exit status 2,
/// the second 1.
pub fn unreadable<'a>(spec: &SpecPath, loaded: &'a Spec) -> Option<&'a Problem> {
    if loaded.read.contains(&spec.path) {
        return None;
    }
    loaded
        .problems
        .iter()
        .find(|p| p.file() == Some(spec.name.as_str()) && p.pos().is_none())
}

/// One spec file that must be valid as a whole, for the commands that need
/// every row (`diff`, `convert`). Unreadable files and problems both fail.
pub fn valid_rows(name: &str, reserved: &str, problem_status: u8) -> Result<Vec<Row>, Failure> {
    let path = spec_path(name)?;
    let loaded = errtable_codegen::load(std::slice::from_ref(&path), reserved);
    if let Some(problem) = unreadable(&path, &loaded) {
        return Err(Failure::io(problem));
    }
    if loaded.problems.is_empty() {
        return Ok(loaded.rows);
    }
    let mut report: String = loaded.problems.iter().map(|p| format!("{p}\n")).collect();
    let count = loaded.problems.len();
    report.push_str(&format!(
        "errtable: error: {name} has {count} problem{}; fix {} first (`errtable check {name}` lists them)\n",
        plural(count),
        if count == 1 { "it" } else { "them" },
    ));
    Err(Failure {
        status: problem_status,
        stderr: report,
    })
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
