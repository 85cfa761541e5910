//! The whole reading pipeline for a set of spec files: read each file,
//! read its table in its format, check the rows together. The derive and
//! the CLI both call [`load`].

use crate::check::{self, Conflict};
use crate::ctxt::Ctxt;
use crate::files::{self, SpecPath};
use crate::json_spec;
use crate::markdown_spec;
use crate::table::{Operation, Pos, Problem, RawRow, RawTable, Row};
use errtable_shared::ProtocolKind;
use std::cell::RefCell;
use std::collections::HashSet;
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
    /// The operations of the service models among the files, each with
    /// the codes of the errors it can return; empty for tables.
    pub operations: Vec<Operation>,
    /// The wire protocol the first service model that names one speaks:
    /// restJson1 is `rest-json`, `awsJson1_0` `aws-json`, `awsJson1_1`
    /// `aws-json-1.1`, restXml `rest-xml-wrapped` (`rest-xml` with
    /// `noErrorWrapping`, and botocore's S3), awsQuery `query`, ec2Query
    /// `ec2`. A model that lists several (rpcv2Cbor with a JSON fallback)
    /// speaks the first errtable speaks. `None` for tables, which say
    /// nothing of protocols.
    pub protocol: Option<ProtocolKind>,
    /// The XML namespace of the first service model that gives one
    /// (Smithy's `xmlNamespace`, botocore's `metadata.xmlNamespace`).
    pub xml_namespace: Option<String>,
    /// When service models were read and none speaks a protocol errtable
    /// speaks (rpcv2Cbor alone): the problem saying so. It is not among
    /// [`problems`](Spec::problems): the derive reports it only when its
    /// attribute names no protocol either.
    pub no_protocol: Option<Problem>,
}

/// How a format's rows are read out of a text.
pub(crate) type ReadRows = fn(&str, &str, &Ctxt) -> RawTable;

/// Reads and checks `specs` as one table. `reserved` is the variant name
/// kept for unknown codes, which no row may take.
#[must_use]
pub fn load(specs: &[SpecPath], reserved: &str) -> Spec {
    load_table(specs, &[], reserved).into_spec()
}

/// What a derive loads: the table, and apart from its problems, the
/// conflicts between rows of one code, which are a derive's problem only
/// if it keeps the code.
pub(crate) struct Loaded {
    /// The table; its problems are all but the conflicts.
    pub spec: Spec,
    pub conflicts: Vec<Conflict>,
    /// Whether a service model is among the files.
    pub has_model: bool,
    /// The codes of the `common` files: errors every operation can return.
    pub common_codes: HashSet<String>,
    /// The codes of the service models' errors: a table's row of another
    /// code is one of the service's common errors, which every operation
    /// can return.
    pub model_codes: HashSet<String>,
    /// The files, in the order they were named.
    order: Vec<String>,
}

impl Loaded {
    /// The table's problems and the conflicts between rows of a code that
    /// `kept` keeps, in file order.
    pub(crate) fn problems(&self, kept: impl Fn(&str) -> bool) -> Vec<Problem> {
        let mut problems: Vec<Problem> = self.spec.problems.clone();
        for conflict in &self.conflicts {
            if kept(&conflict.code) {
                problems.push(conflict.problem.clone());
            }
        }
        sort_in_file_order(&mut problems, &self.order);
        problems
    }

    /// The table with every conflict among its problems, in file order.
    fn into_spec(self) -> Spec {
        let Loaded {
            mut spec,
            conflicts,
            order,
            ..
        } = self;
        for conflict in conflicts {
            spec.problems.push(conflict.problem);
        }
        sort_in_file_order(&mut spec.problems, &order);
        spec
    }
}

/// Reads and checks `specs` as one table, its conflicts apart.
pub(crate) fn load_table(specs: &[SpecPath], common: &[SpecPath], reserved: &str) -> Loaded {
    let ctxt = Ctxt::new();
    let mut read = Vec::new();
    let mut files = Vec::new();
    let mut common_codes = HashSet::new();
    for (index, spec) in specs.iter().chain(common).enumerate() {
        match files::read_text(spec) {
            Ok(text) => {
                read.push(spec.path.clone());
                let table = read_recent(spec, &text, &ctxt);
                if index >= specs.len() {
                    collect_codes(&table.rows, &mut common_codes);
                }
                files.push((spec.name.as_str(), table));
            }
            Err(problem) => ctxt.push(problem),
        }
    }
    let mut order: Vec<&str> = Vec::with_capacity(specs.len() + common.len());
    for spec in specs.iter().chain(common) {
        order.push(&spec.name);
    }
    let mut loaded = finish(files, reserved, ctxt, &order, read);
    loaded.common_codes = common_codes;
    loaded
}

/// Files from this size on are remembered once read.
const RECENT_MIN_LEN: usize = 64 * 1024;
/// How many such files are remembered.
const RECENT_FILES: usize = 4;

/// A big file read recently, and what reading it gave.
struct Recent {
    spec: SpecPath,
    text: String,
    table: RawTable,
    problems: Vec<Problem>,
}

thread_local! {
    /// rustc expands a crate's derives one after the other on one thread,
    /// with the proc macro loaded once: a crate that derives one enum per
    /// operation of S3's 2.3 MB model reads it 99 times, and parsing it
    /// took 80 ms each time in the unoptimised macro (8 s in all).
    /// Remembering what the text gave, for exactly that text, costs a
    /// comparison per derive and cannot serve a stale reading.
    static RECENT: RefCell<Vec<Recent>> = const { RefCell::new(Vec::new()) };
}

/// The rows of `spec`, whose text is `text`: read, or remembered from the
/// last time this very text was read under this name.
fn read_recent(spec: &SpecPath, text: &str, ctxt: &Ctxt) -> RawTable {
    let read_rows = format_of(&spec.path);
    if text.len() < RECENT_MIN_LEN {
        return read_rows(&spec.name, text, ctxt);
    }
    let remembered = RECENT.with(|recent| {
        let recent = recent.borrow();
        recent
            .iter()
            .find(|r| r.spec.name == spec.name && r.spec.path == spec.path && r.text == text)
            .map(|r| (r.table.clone(), r.problems.clone()))
    });
    let (table, problems) = remembered.unwrap_or_else(|| {
        let own = Ctxt::new();
        let table = read_rows(&spec.name, text, &own);
        let problems = own.into_problems();
        // Readers place problems in files, never at spans (which belong to
        // one macro invocation): anything else is not remembered.
        if problems.iter().any(|p| p.file().is_none()) {
            return (table, problems);
        }
        RECENT.with(|recent| {
            let mut recent = recent.borrow_mut();
            if recent.len() == RECENT_FILES {
                recent.remove(0);
            }
            recent.push(Recent {
                spec: spec.clone(),
                text: text.to_owned(),
                table: table.clone(),
                problems: problems.clone(),
            });
        });
        (table, problems)
    });
    for problem in problems {
        ctxt.push(problem);
    }
    table
}

/// Reads and checks the text of one spec, in the format its name says.
#[must_use]
pub fn read(name: &str, text: &str) -> Spec {
    read_one(name, text, format_of(Path::new(name)))
}

/// Reads and checks one text with `read_rows`.
pub(crate) fn read_one(name: &str, text: &str, read_rows: ReadRows) -> Spec {
    let ctxt = Ctxt::new();
    let table = read_rows(name, text, &ctxt);
    // Nothing is reserved: a table on its own is checked as a table.
    finish(vec![(name, table)], "", ctxt, &[name], Vec::new()).into_spec()
}

/// Checks the rows of every file together and gathers what the models say.
fn finish(
    files: Vec<(&str, RawTable)>,
    reserved: &str,
    ctxt: Ctxt,
    order: &[&str],
    read: Vec<PathBuf>,
) -> Loaded {
    let mut operations = Vec::new();
    let mut protocol = None;
    let mut no_protocol = None;
    let mut xml_namespace = None;
    let mut rows = Vec::with_capacity(files.len());
    let mut has_model = false;
    let mut model_codes = HashSet::new();
    for (file, table) in files {
        if let Some(model) = table.model {
            has_model = true;
            collect_codes(&table.rows, &mut model_codes);
            operations.extend(model.operations);
            protocol = protocol.or(model.protocol);
            no_protocol = no_protocol.or(model.no_protocol);
            xml_namespace = xml_namespace.or(model.xml_namespace);
        }
        rows.push((file, table.rows));
    }
    let (rows, conflicts) = check::rows(&rows, reserved, &ctxt);
    let mut problems = ctxt.into_problems();
    sort_in_file_order(&mut problems, order);
    let spec = Spec {
        rows,
        problems,
        read,
        no_protocol: if protocol.is_some() {
            None
        } else {
            no_protocol
        },
        protocol,
        xml_namespace,
        operations,
    };
    let mut owned_order = Vec::with_capacity(order.len());
    for name in order {
        owned_order.push((*name).to_owned());
    }
    Loaded {
        spec,
        conflicts,
        has_model,
        model_codes,
        common_codes: HashSet::new(),
        order: owned_order,
    }
}

/// A spec's format follows its file's extension: `.json` is JSON (an
/// errtable spec or a service model, told apart by content), anything else
/// is read as Markdown. (The file's, not the name's: tools name specs read
/// from elsewhere, such as `HEAD~1:spec/glacier.md` or `-`.)
fn format_of(path: &Path) -> ReadRows {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        json_spec::read_rows
    } else {
        |file, text, ctxt| markdown_spec::read_rows(file, text, ctxt).into()
    }
}

/// Adds the codes of `rows` to `codes`.
fn collect_codes(rows: &[RawRow], codes: &mut HashSet<String>) {
    for row in rows {
        if let Some(code) = &row.code {
            codes.insert(code.text.clone());
        }
    }
}

/// Sorts problems in the order their files were named, each file's by
/// position.
fn sort_in_file_order<S: AsRef<str>>(problems: &mut Vec<Problem>, order: &[S]) {
    let mut keys = Vec::with_capacity(problems.len());
    for problem in problems.iter() {
        let rank = problem
            .file()
            .and_then(|file| order.iter().position(|o| o.as_ref() == file));
        let pos = problem.pos().unwrap_or(Pos { line: 0, col: 0 });
        keys.push([rank.map_or(0, |rank| rank + 1), pos.line, pos.col]);
    }
    let mut unsorted: Vec<Option<Problem>> = problems.drain(..).map(Some).collect();
    for index in crate::sorted_order(&keys) {
        problems.extend(unsorted[index].take());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_big_file_read_again_gives_the_same_and_an_edit_is_seen() {
        let dir = std::env::temp_dir().join(format!("errtable-recent-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let entries: Vec<String> = (0..3000)
            .map(|i| {
                format!(
                    "  {{\"code\": \"Code{i}\", \"status\": 400, \"description\": \"Row {i}.\"}}"
                )
            })
            .collect();
        let text = format!("{{\"errors\": [\n{}\n]}}\n", entries.join(",\n"));
        assert!(text.len() > RECENT_MIN_LEN);
        let bad = text.replace("\"Code7\", \"status\": 400", "\"Code7\", \"status\": 700");
        let spec = SpecPath::resolve(&dir, "big.json");
        let outline = |spec: &Spec| {
            (
                spec.rows.len(),
                spec.rows.iter().map(|r| r.status as usize).sum::<usize>(),
                spec.problems
                    .iter()
                    .map(std::string::ToString::to_string)
                    .collect::<Vec<_>>(),
            )
        };
        std::fs::write(&spec.path, &bad).unwrap();
        let first = outline(&load(std::slice::from_ref(&spec), "Unknown"));
        let again = outline(&load(std::slice::from_ref(&spec), "Unknown"));
        assert_eq!(first, again);
        assert_eq!(first.0, 2999);
        assert_eq!(
            first.2,
            ["big.json:9:31: bad HTTP status `700`: expected a number in 300..=599, like `404` or `404 Not Found`"]
        );
        std::fs::write(&spec.path, &text).unwrap();
        let fixed = outline(&load(std::slice::from_ref(&spec), "Unknown"));
        assert_eq!((fixed.0, fixed.2.len()), (3000, 0));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
