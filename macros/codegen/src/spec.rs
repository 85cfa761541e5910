//! The whole reading pipeline for a set of spec files: load, read the
//! format, check. The derive and the CLI both call [`load`].

use crate::model::{Problem, Row};
use crate::source::{self, SpecPath};
use crate::validate::{self, FileRows};
use std::path::PathBuf;

/// What reading a set of spec files gave.
#[derive(Debug)]
pub struct Spec {
    /// The valid rows of all files, in order.
    pub rows: Vec<Row>,
    /// Every problem found, in file order.
    pub problems: Vec<Problem>,
    /// The files that were read (and so must be tracked for rebuilds),
    /// including those with problems: fixing them must trigger a rebuild.
    pub read: Vec<PathBuf>,
}

/// Reads and checks `specs`. `reserved` is the variant name kept for
/// unknown codes, which no row may take.
pub fn load(specs: &[SpecPath], reserved: &str) -> Spec {
    let mut problems = Vec::new();
    let mut read = Vec::new();
    let mut files = Vec::new();
    for spec in specs {
        let text = match source::load(spec) {
            Ok(text) => text,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        read.push(spec.path.clone());
        match source::read_rows(&spec.name, &text) {
            Ok(rows) => files.push(FileRows {
                file: &spec.name,
                rows,
            }),
            Err(found) => problems.extend(found),
        }
    }
    let (rows, found) = validate::check(&files, reserved);
    problems.extend(found);
    // Keep file order: problems of one file together, by position.
    let order = |p: &Problem| specs.iter().position(|s| s.name == p.file);
    problems.sort_by_key(|p| (order(p), p.pos));
    Spec {
        rows,
        problems,
        read,
    }
}
