//! Spec files named on the command line, read with the derive's own
//! pipeline (`errtable_codegen::load`): a file, a file as git has it at a
//! revision (`REV:PATH`), or standard input (`-`).

use crate::{Failure, SpecFormat};
use errtable_codegen::{Problem, Row, Spec, SpecPath};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// A spec named on the command line, ready for `errtable_codegen::load`.
/// Text that is not a file of its own (a git revision, standard input) is
/// kept in a temporary file for as long as the input lives; messages name
/// it as the user did.
pub struct Input {
    pub spec: SpecPath,
    _temporary: Option<Temporary>,
}

/// A temporary file, removed when dropped.
struct Temporary(PathBuf);

impl Drop for Temporary {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Reads what `name` names: `-` is standard input (in `format`, else
/// JSON when it starts with `{` and Markdown otherwise); `REV:PATH`, when
/// no file has that name, is PATH as git has it at revision REV (`git show
/// REV:PATH`, PATH from the repository's top unless it starts with `./`);
/// anything else is a file.
pub fn input(name: &str, format: Option<SpecFormat>) -> Result<Input, Failure> {
    let base = base_dir()?;
    if name == "-" {
        let mut text = Vec::new();
        std::io::stdin()
            .read_to_end(&mut text)
            .map_err(|err| Failure::io(format!("cannot read standard input: {err}")))?;
        let format = format.unwrap_or_else(|| sniff(&text));
        return temporary(name, &text, format);
    }
    let file = SpecPath::resolve(&base, name);
    if let Some((revision, path)) = name.split_once(':') {
        if !revision.is_empty() && !path.is_empty() && !file.path.exists() {
            let text = git_show(name)?;
            let format = format.unwrap_or(if is_json(Path::new(path)) {
                SpecFormat::Json
            } else {
                SpecFormat::Markdown
            });
            return temporary(name, &text, format);
        }
    }
    Ok(Input {
        spec: file,
        _temporary: None,
    })
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// JSON specs and models are objects; a Markdown document never starts
/// with `{`.
fn sniff(text: &[u8]) -> SpecFormat {
    let start = text
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or(text)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if start == Some(&b'{') {
        SpecFormat::Json
    } else {
        SpecFormat::Markdown
    }
}

/// The file `git show REV:PATH` prints.
fn git_show(name: &str) -> Result<Vec<u8>, Failure> {
    let output = Command::new("git")
        .args(["show", name])
        .output()
        .map_err(|err| Failure::io(format!("cannot read {name}: git does not run ({err})")))?;
    if !output.status.success() {
        return Err(Failure::io(format!(
            "cannot read {name} from git: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(output.stdout)
}

/// `text` in a temporary file whose extension says its format, named
/// `name` in messages.
fn temporary(name: &str, text: &[u8], format: SpecFormat) -> Result<Input, Failure> {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let extension = match format {
        SpecFormat::Json => "json",
        SpecFormat::Markdown => "md",
    };
    let path = std::env::temp_dir().join(format!(
        "errtable-{}-{}.{extension}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&path, text)
        .map_err(|err| Failure::io(format!("cannot write {}: {err}", path.display())))?;
    Ok(Input {
        spec: SpecPath {
            name: name.to_owned(),
            path: path.clone(),
        },
        _temporary: Some(Temporary(path)),
    })
}

/// The inputs of one command; standard input can be read only once.
pub fn inputs(names: &[String], format: Option<SpecFormat>) -> Result<Vec<Input>, Failure> {
    if names.iter().filter(|n| *n == "-").count() > 1 {
        return Err(Failure::usage(
            "standard input (`-`) can be named only once",
        ));
    }
    names.iter().map(|name| input(name, format)).collect()
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

/// One spec that must be valid as a whole, for the commands that need
/// every row (`diff`, `convert`). Unreadable files and problems both fail.
pub fn valid_spec(input: &Input, reserved: &str, problem_status: u8) -> Result<Spec, Failure> {
    let path = &input.spec;
    let name = &path.name;
    let loaded = errtable_codegen::load(std::slice::from_ref(path), reserved);
    if let Some(problem) = unreadable(path, &loaded) {
        return Err(Failure::io(problem));
    }
    if loaded.problems.is_empty() {
        return Ok(loaded);
    }
    let mut report = String::new();
    for problem in &loaded.problems {
        report.push_str(&problem.to_string());
        report.push('\n');
    }
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

/// The rows of [`valid_spec`].
pub fn valid_rows(input: &Input, reserved: &str, problem_status: u8) -> Result<Vec<Row>, Failure> {
    valid_spec(input, reserved, problem_status).map(|spec| spec.rows)
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
