//! JSON specs: `{"errors": [{"code", "status", "type", "description",
//! "retryable"}]}` read with every key and value's position, so every
//! problem names the line and column of the entry or field it concerns,
//! and a table written back in the same form. A `.json` file may also be a
//! service model, recognised by its content: a Smithy JSON AST
//! (`"smithy"` and `"shapes"`) or a botocore model (`"metadata"` and
//! `"shapes"`), read by the `smithy` and `botocore` modules (errtable's
//! `models` feature).

use crate::ctxt::Ctxt;
use crate::json_syntax::{self, Member, Node, Value};
use crate::load::{self, Spec};
use crate::table::{Cell, LineIndex, Pos, RawRow, RawTable, Row};
use std::fmt::Write;

/// The keys of an entry, for messages.
const KEYS: &str = "code, status, type, description, retryable, query_code, grpc_code";

/// What a JSON document can be, for messages.
const KINDS: &str =
    "`errors` (an errtable JSON spec), `smithy` and `shapes` (a Smithy JSON AST model) \
                     or `metadata` and `shapes` (a botocore service-2.json model)";

/// A JSON file being read: positions and problems.
pub(crate) struct Source<'a> {
    pub(crate) file: &'a str,
    pub(crate) lines: LineIndex<'a>,
    pub(crate) ctxt: &'a Ctxt,
}

impl Source<'_> {
    pub(crate) fn pos(&self, offset: usize) -> Pos {
        self.lines.pos(offset)
    }

    pub(crate) fn problem(&self, offset: usize, message: impl Into<String>) {
        self.ctxt.at(self.file, self.pos(offset), message);
    }

    fn string(&self, node: &Node<'_>, field: &str) -> Option<Cell> {
        match &node.value {
            Value::String(text) => Some(Cell {
                text: text.clone(),
                pos: self.pos(node.offset),
            }),
            _ => {
                self.problem(
                    node.offset,
                    format!("`{field}` must be a string, found `{}`", node.raw),
                );
                None
            }
        }
    }

    /// A status is a whole number; its range is checked with the other
    /// formats' statuses.
    fn status(&self, node: &Node<'_>) -> Option<Cell> {
        match &node.value {
            Value::Number(digits) if digits.bytes().all(|b| b.is_ascii_digit()) => Some(Cell {
                text: (*digits).to_owned(),
                pos: self.pos(node.offset),
            }),
            _ => {
                self.problem(
                    node.offset,
                    format!("bad status `{}`: expected a whole number", node.raw),
                );
                None
            }
        }
    }

    fn entry(&self, node: &Node<'_>) -> Option<RawRow> {
        let Value::Object(members) = &node.value else {
            self.problem(node.offset, "each entry of `errors` must be a JSON object");
            return None;
        };
        let mut row = RawRow {
            pos: self.pos(node.offset),
            code: None,
            status: None,
            error_type: None,
            description: None,
            retryable: None,
            query_code: None,
            grpc_code: None,
            faulty: false,
        };
        let (mut has_code, mut has_status) = (false, false);
        let mut seen: Vec<&str> = Vec::new();
        for Member {
            key,
            key_offset,
            value,
        } in members
        {
            if seen.contains(&key.as_str()) {
                self.problem(
                    *key_offset,
                    format!("key `{key}` appears twice in this entry"),
                );
                row.faulty = true;
                continue;
            }
            seen.push(key);
            let cell = match key.as_str() {
                "status" => self.status(value),
                "code" | "type" | "description" | "retryable" | "query_code" | "grpc_code" => {
                    self.string(value, key)
                }
                other => {
                    self.problem(
                        *key_offset,
                        format!("unknown key `{other}` (expected {KEYS})"),
                    );
                    row.faulty = true;
                    continue;
                }
            };
            // A value of the wrong kind was reported; the row is not kept,
            // but its other cells are still checked.
            row.faulty |= cell.is_none();
            match key.as_str() {
                "code" => (has_code, row.code) = (true, cell),
                "status" => (has_status, row.status) = (true, cell),
                "type" => row.error_type = cell,
                "description" => row.description = cell,
                "retryable" => row.retryable = cell,
                "query_code" => row.query_code = cell,
                _ => row.grpc_code = cell,
            }
        }
        for (present, key) in [(has_code, "code"), (has_status, "status")] {
            if !present {
                self.problem(node.offset, format!("entry has no `{key}`"));
                row.faulty = true;
            }
        }
        Some(row)
    }
}

/// Reads and checks a JSON spec, or a service model (a Smithy JSON AST or
/// a botocore `service-2.json`, told apart by their keys; with the `models`
/// feature), whose operations and protocol the [`Spec`] then holds too.
pub fn read(file: &str, text: &str) -> Spec {
    load::read_one(file, text, read_rows)
}

/// Every entry, unchecked, or a service model's error shapes;
/// problems in one entry do not hide those in others, nor the checks of
/// the other entries' cells.
pub(crate) fn read_rows(file: &str, text: &str, ctxt: &Ctxt) -> RawTable {
    let reader = Source {
        file,
        lines: LineIndex::new(text),
        ctxt,
    };
    let top = match json_syntax::parse(text) {
        Ok(top) => top,
        Err(err) => {
            reader.problem(err.offset, format!("invalid JSON: {}", err.message));
            return RawTable::default();
        }
    };
    let Value::Object(members) = &top.value else {
        reader.problem(
            top.offset,
            format!("a JSON spec must be an object with {KINDS}"),
        );
        return RawTable::default();
    };
    if !members.iter().any(|m| m.key == "errors") {
        return read_model(&reader, members, &top);
    }
    read_entries(&reader, members).into()
}

/// A document without `errors`: a service model, or not a spec at all.
fn read_model(reader: &Source<'_>, members: &[Member<'_>], top: &Node<'_>) -> RawTable {
    let has = |key: &str| members.iter().any(|m| m.key == key);
    let smithy = if has("shapes") && has("smithy") {
        true
    } else if has("shapes") && has("metadata") {
        false
    } else {
        reader.problem(
            top.offset,
            format!("not an errtable spec nor a service model: expected {KINDS}"),
        );
        return RawTable::default();
    };
    #[cfg(feature = "models")]
    {
        if smithy {
            crate::smithy::read(reader, members, top.offset)
        } else {
            crate::botocore::read(reader, members, top.offset)
        }
    }
    #[cfg(not(feature = "models"))]
    {
        reader.problem(
            top.offset,
            format!(
                "this is a {} model, and errtable's `models` feature is off: turn it on to derive from \
                 service models (`errtable = {{ version = \"...\", features = [\"models\"] }}`)",
                if smithy { "Smithy" } else { "botocore" }
            ),
        );
        RawTable::default()
    }
}

/// The entries of an errtable JSON spec.
fn read_entries(reader: &Source<'_>, members: &[Member<'_>]) -> Vec<RawRow> {
    let mut errors = None;
    for member in members {
        match member.key.as_str() {
            "errors" if errors.is_none() => errors = Some(&member.value),
            "errors" => reader.problem(member.key_offset, "key `errors` appears twice"),
            "$schema" => {}
            other => reader.problem(
                member.key_offset,
                format!("unknown key `{other}` (expected `errors`)"),
            ),
        }
    }
    let Some(errors) = errors else {
        return Vec::new();
    };
    let Value::Array(entries) = &errors.value else {
        reader.problem(errors.offset, "`errors` must be an array of objects");
        return Vec::new();
    };
    if entries.is_empty() {
        reader.problem(errors.offset, "`errors` is empty: the table has no rows");
    }
    entries.iter().filter_map(|e| reader.entry(e)).collect()
}

/// The rows as a JSON spec, one entry per line so that edits diff well.
/// Keys without a value (empty description, default retry) are left out.
pub fn write(rows: &[Row]) -> String {
    if rows.is_empty() {
        return "{\"errors\": []}\n".to_owned();
    }
    let mut out = String::from("{\n  \"errors\": [\n");
    for (index, row) in rows.iter().enumerate() {
        let _ = write!(
            out,
            "    {{\"code\": {}, \"status\": {}, \"type\": \"{}\"",
            json_syntax::quote(&row.code),
            row.status,
            row.error_type
        );
        if !row.description.is_empty() {
            let _ = write!(
                out,
                ", \"description\": {}",
                json_syntax::quote(&row.description)
            );
        }
        if let Some(retry) = row.retry {
            let _ = write!(out, ", \"retryable\": \"{retry}\"");
        }
        if let Some(query_code) = &row.query_code {
            let _ = write!(out, ", \"query_code\": {}", json_syntax::quote(query_code));
        }
        if let Some(grpc_code) = row.grpc_code {
            let _ = write!(out, ", \"grpc_code\": \"{grpc_code}\"");
        }
        out.push_str(if index + 1 < rows.len() {
            "},\n"
        } else {
            "}\n"
        });
    }
    out.push_str("  ]\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> (Vec<RawRow>, Vec<String>) {
        let ctxt = Ctxt::new();
        let rows = read_rows("s.json", text, &ctxt).rows;
        let problems = ctxt.into_problems().iter().map(|p| p.to_string()).collect();
        (rows, problems)
    }

    #[test]
    fn reads_entries_with_positions() {
        let text = "{\n  \"errors\": [\n    {\"code\": \"A\", \"status\": 404, \"type\": \"Client\", \"description\": \"d\"}\n  ]\n}\n";
        let (rows, problems) = raw(text);
        assert!(problems.is_empty());
        assert_eq!(rows[0].code.as_ref().unwrap().text, "A");
        assert_eq!(rows[0].status.as_ref().unwrap().text, "404");
        assert_eq!(rows[0].pos, Pos { line: 3, col: 5 });
        assert_eq!(rows[0].description.as_ref().unwrap().text, "d");
    }

    #[test]
    fn grpc_codes_are_read_checked_and_written_in_both_formats() {
        let text = "{\"errors\": [\n{\"code\": \"A\", \"status\": 409, \"grpc_code\": \"ALREADY_EXISTS\"},\n{\"code\": \"B\", \"status\": 400, \"grpc_code\": \"FailedPrecondition\"},\n{\"code\": \"C\", \"status\": 404}\n]}";
        let spec = read("s.json", text);
        assert!(spec.problems.is_empty(), "{:?}", spec.problems);
        let codes: Vec<_> = spec.rows.iter().map(|r| r.grpc_code).collect();
        let expected = [
            Some(errtable_shared::GrpcCode::AlreadyExists),
            Some(errtable_shared::GrpcCode::FailedPrecondition),
            None,
        ];
        assert_eq!(codes, expected);
        // Written and read again, in JSON and in Markdown, the codes stay.
        let again = read("again.json", &write(&spec.rows));
        assert_eq!(
            again.rows.iter().map(|r| r.grpc_code).collect::<Vec<_>>(),
            expected
        );
        #[cfg(feature = "markdown")]
        {
            let markdown = crate::markdown::write(&spec.rows, |_| None).unwrap();
            assert!(markdown
                .starts_with("| Code | Description | HTTP Status Code | Type | gRPC Code |"));
            let back = crate::markdown::read("again.md", &markdown);
            assert!(back.problems.is_empty(), "{:?}", back.problems);
            assert_eq!(
                back.rows.iter().map(|r| r.grpc_code).collect::<Vec<_>>(),
                expected
            );
        }
        // Two definitions of a code that disagree on it conflict.
        let both = "{\"errors\": [\n{\"code\": \"A\", \"status\": 409, \"grpc_code\": \"ABORTED\"},\n{\"code\": \"A\", \"status\": 409, \"grpc_code\": \"ALREADY_EXISTS\"}\n]}";
        let problems: Vec<String> = read("s.json", both)
            .problems
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("s.json:3:10: conflicting definitions of code `A`: gRPC code ALREADY_EXISTS here, gRPC code ABORTED at s.json:2"),
            "{problems:?}"
        );
    }

    #[test]
    fn reports_every_problem() {
        let text = "{\"errors\": [\n{\"code\": \"A\", \"status\": \"x\", \"type\": \"Client\"},\n{\"code\": \"B\", \"status\": 400, \"type\": \"Client\", \"extra\": 1},\n{\"status\": 400, \"type\": \"Client\"}\n]}";
        let (rows, problems) = raw(text);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("s.json:2:25: bad status `\"x\"`"));
        assert!(
            problems[1].starts_with("s.json:3:48: unknown key `extra`"),
            "{problems:?}"
        );
        assert_eq!(problems[2], "s.json:4:1: entry has no `code`");
        // Every entry still goes on to the checks of its other cells.
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| r.faulty));
    }

    #[cfg(not(feature = "models"))]
    #[test]
    fn without_the_feature_a_model_says_how_to_read_it() {
        let (rows, problems) = raw("{\"smithy\": \"2.0\", \"shapes\": {}}");
        assert!(rows.is_empty());
        assert_eq!(
            problems,
            ["s.json:1:1: this is a Smithy model, and errtable's `models` feature is off: turn it on \
              to derive from service models (`errtable = { version = \"...\", features = [\"models\"] }`)"]
        );
    }

    #[test]
    fn syntax_errors_have_positions() {
        let (_, problems) = raw("{\"errors\": [\n{\"code\": }]}");
        assert!(problems[0].starts_with("s.json:2:"), "{}", problems[0]);
    }

    #[test]
    fn writes_what_it_reads() {
        let text = "{\"errors\": [{\"code\": \"A\\\"b\", \"status\": 503, \"description\": \"tab\\there\", \"retryable\": \"Transient\"}]}";
        let spec = read("s.json", text);
        assert!(spec.problems.is_empty(), "{:?}", spec.problems);
        let written = write(&spec.rows);
        assert_eq!(
            written,
            "{\n  \"errors\": [\n    {\"code\": \"A\\\"b\", \"status\": 503, \"type\": \"Server\", \"description\": \"tab\\there\", \"retryable\": \"Transient\"}\n  ]\n}\n"
        );
        let again = read("s.json", &written);
        assert_eq!(
            again
                .rows
                .iter()
                .map(|r| (&r.code, r.status, r.error_type, &r.description, r.retry))
                .collect::<Vec<_>>(),
            spec.rows
                .iter()
                .map(|r| (&r.code, r.status, r.error_type, &r.description, r.retry))
                .collect::<Vec<_>>()
        );
    }
}
