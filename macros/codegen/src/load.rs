//! The whole reading pipeline for a set of spec files: read each file,
//! read its table in its format, check the rows together. The derive and
//! the CLI both call [`load`].

use crate::check;
use crate::ctxt::Ctxt;
use crate::files::{self, SpecPath};
use crate::table::{Problem, RawRow, Row};
use std::path::{Path, PathBuf};

/// What reading a spec gave.
#[derive(Debug)]
pub struct Spec {
    /// The valid rows of all files, in order.
    pub rows: Vec<Row>,
    /// Every problem found, by file and position.
    pub problems: Vec<Problem>,
    /// The files that were read (and so must be tracked for rebuilds),
    /// including those with problems: fixing them must trigger a rebuild.
    pub read: Vec<PathBuf>,
}

/// How a format's rows are read out of a text.
pub(crate) type ReadRows = fn(&str, &str, &Ctxt) -> Vec<RawRow>;

/// Reads and checks `specs` as one table. `reserved` is the variant name
/// kept for unknown codes, which no row may take.
pub fn load(specs: &[SpecPath], reserved: &str) -> Spec {
    let ctxt = Ctxt::new();
    let mut read = Vec::new();
    let mut files = Vec::new();
    for spec in specs {
        match files::read_text(spec) {
            Ok(text) => {
                read.push(spec.path.clone());
                let rows = format_of(&spec.name)(&spec.name, &text, &ctxt);
                files.push((spec.name.as_str(), rows));
            }
            Err(problem) => ctxt.push(problem),
        }
    }
    let rows = check::rows(&files, reserved, &ctxt);
    let order: Vec<&str> = specs.iter().map(|s| s.name.as_str()).collect();
    Spec {
        rows,
        problems: in_file_order(ctxt, &order),
        read,
    }
}

/// Reads and checks the text of one spec, in the format its name says.
pub fn read(name: &str, text: &str) -> Spec {
    read_one(name, text, format_of(name))
}

/// Reads and checks one text with `read_rows`.
pub(crate) fn read_one(name: &str, text: &str, read_rows: ReadRows) -> Spec {
    let ctxt = Ctxt::new();
    let rows = read_rows(name, text, &ctxt);
    // Nothing is reserved: a table on its own is checked as a table.
    let rows = check::rows(&[(name, rows)], "", &ctxt);
    Spec {
        rows,
        problems: in_file_order(ctxt, &[name]),
        read: Vec::new(),
    }
}

/// A spec's format follows its extension: `.json` is JSON, anything else
/// is read as Markdown.
fn format_of(name: &str) -> ReadRows {
    let is_json = Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        crate::json::read_rows
    } else {
        crate::markdown::read_rows
    }
}

/// The problems of one file together, in the order the files were named,
/// each file's by position.
fn in_file_order(ctxt: Ctxt, order: &[&str]) -> Vec<Problem> {
    let mut problems = ctxt.into_problems();
    let rank = |p: &Problem| p.file().and_then(|f| order.iter().position(|o| *o == f));
    problems.sort_by_key(|p| (rank(p), p.pos()));
    problems
}
