//! JSON specs: `{"errors": [{"code", "status", "type", "description",
//! "retryable", "members"}]}` read with every key and value's position, so every
//! problem names the line and column of the entry or field it concerns,
//! and a table written back in the same form. A `.json` file may also be a
//! service model, recognised by its content: a Smithy JSON AST
//! (`"smithy"` and `"shapes"`) or a botocore model (`"metadata"` and
//! `"shapes"`), read by the `smithy` and `botocore` modules (errtable's
//! `models` feature).

use crate::ctxt::Ctxt;
use crate::json_syntax::{self, Member, Node, Value};
use crate::load::{self, Spec};
use crate::table::{self, Cell, LineIndex, Pos, RawRow, RawTable, Row};
use errtable_shared::MemberShape;
use std::fmt::Write;

/// The keys of an entry, for messages.
const KEYS: &str =
    "code, status, type, title, reason, description, retryable, query_code, query_status, shape_id, grpc_code, members";

/// The keys of a member, for messages.
const MEMBER_KEYS: &str = "name, shape, header, json_name, xml_name, description, members";

/// Whether the protocols write a body part named `name` themselves.
pub(crate) fn written_by_protocols(name: &str) -> bool {
    errtable_shared::written_by_protocols(name)
}

/// Whether the protocols write the header `name` themselves (ignoring
/// ASCII case, as HTTP does).
pub(crate) fn header_written_by_protocols(name: &str) -> bool {
    errtable_shared::PROTOCOL_HEADERS
        .iter()
        .any(|h| h.eq_ignore_ascii_case(name))
}

/// Whether `name` is an HTTP header name: an RFC 9110 token.
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Whether `name` is a plain XML name: an ASCII letter or `_`, then
/// letters, digits, `_`, `-` or `.` (no namespace prefix).
fn is_xml_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

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
            query_status: None,
            shape_id: None,
            title: None,
            reason: None,
            grpc_code: None,
            members: Vec::new(),
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
            if key == "members" {
                row.members = self.members(value, false, &mut row.faulty);
                continue;
            }
            let cell = match key.as_str() {
                "status" | "query_status" => self.status(value),
                "code" | "type" | "title" | "reason" | "description" | "retryable"
                | "query_code" | "shape_id" | "grpc_code" => self.string(value, key),
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
                "query_status" => row.query_status = cell,
                "shape_id" => row.shape_id = cell,
                "title" => row.title = cell,
                "reason" => row.reason = cell,
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

    /// The `members` of an entry, or of a document member when `nested`.
    /// A member with a problem is reported, left out, and makes the row
    /// `faulty`; the others are still checked.
    fn members(&self, node: &Node<'_>, nested: bool, faulty: &mut bool) -> Vec<table::Member> {
        let Value::Array(items) = &node.value else {
            self.problem(
                node.offset,
                format!(
                    "`members` must be an array of objects, found `{}`",
                    node.raw
                ),
            );
            *faulty = true;
            return Vec::new();
        };
        let mut out: Vec<table::Member> = Vec::new();
        // Headers bound so far, with the member bound to each.
        let mut headers: Vec<(&str, &str)> = Vec::new();
        let mut checked = Vec::new();
        for item in items {
            match self.member(item, nested) {
                Some(found) => checked.push(found),
                None => *faulty = true,
            }
        }
        let mut kept = vec![true; checked.len()];
        for (index, (member, name_offset, header_offset)) in checked.iter().enumerate() {
            if checked[..index]
                .iter()
                .any(|(m, _, _)| m.name == member.name)
            {
                self.problem(
                    *name_offset,
                    format!("member `{}` appears twice in this list", member.name),
                );
                kept[index] = false;
            }
            if let (Some(header), Some(offset)) = (&member.header, header_offset) {
                match headers.iter().find(|(h, _)| h.eq_ignore_ascii_case(header)) {
                    Some((_, other)) => {
                        self.problem(
                            *offset,
                            format!("header `{header}` is bound to member `{other}` already: a header carries one member"),
                        );
                        kept[index] = false;
                    }
                    None => headers.push((header, &member.name)),
                }
            }
        }
        *faulty |= kept.contains(&false);
        for ((member, _, _), keep) in checked.into_iter().zip(kept) {
            if keep {
                out.push(member);
            }
        }
        out
    }

    /// One member, with where its name and header stand; `None` when it
    /// has a problem (all of them reported).
    fn member(
        &self,
        node: &Node<'_>,
        nested: bool,
    ) -> Option<(table::Member, usize, Option<usize>)> {
        let Value::Object(keys) = &node.value else {
            self.problem(
                node.offset,
                format!(
                    "each entry of `members` must be a JSON object, found `{}`",
                    node.raw
                ),
            );
            return None;
        };
        let mut ok = true;
        let mut seen: Vec<&str> = Vec::new();
        // Each string key's text and where its value stands.
        let mut texts: Vec<(&str, String, usize)> = Vec::new();
        let mut shape = None;
        let mut has_shape = false;
        let mut nested_node = None;
        for Member {
            key,
            key_offset,
            value,
        } in keys
        {
            if seen.contains(&key.as_str()) {
                self.problem(
                    *key_offset,
                    format!("key `{key}` appears twice in this member"),
                );
                ok = false;
                continue;
            }
            seen.push(key);
            match key.as_str() {
                "name" | "shape" | "header" | "json_name" | "xml_name" | "description" => {
                    let Some(cell) = self.string(value, key) else {
                        ok = false;
                        // A shape of the wrong type is still a shape given.
                        has_shape |= key == "shape";
                        continue;
                    };
                    if key == "shape" {
                        has_shape = true;
                        match cell.text.parse::<MemberShape>() {
                            Ok(found) => shape = Some(found),
                            Err(err) => {
                                self.problem(value.offset, err.to_string());
                                ok = false;
                            }
                        }
                    } else {
                        texts.push((key, cell.text, value.offset));
                    }
                }
                "members" => nested_node = Some(value),
                other => {
                    self.problem(
                        *key_offset,
                        format!("unknown key `{other}` in a member (expected {MEMBER_KEYS})"),
                    );
                    ok = false;
                }
            }
        }
        let text = |key: &str| {
            texts
                .iter()
                .find(|(k, _, _)| *k == key)
                .map(|(_, text, offset)| (text.clone(), *offset))
        };
        let name = text("name");
        match &name {
            None if !seen.contains(&"name") => {
                self.problem(node.offset, "member has no `name`");
                ok = false;
            }
            Some((name, offset)) if name.is_empty() => {
                self.problem(*offset, "a member's `name` may not be empty");
                ok = false;
            }
            Some((name, offset)) if !nested && written_by_protocols(name) => {
                self.problem(
                    *offset,
                    format!(
                        "member `{name}` is written by the protocols themselves: it names the error's \
                         code, message, type or request id (or a problem-json field), so the member \
                         would never be written; leave it out or rename it"
                    ),
                );
                ok = false;
            }
            _ => {}
        }
        if !has_shape {
            self.problem(node.offset, "member has no `shape`");
            ok = false;
        }
        let name_text = name.as_ref().map_or("?", |(name, _)| name.as_str());
        let header = text("header");
        if let Some((header, offset)) = &header {
            if nested {
                self.problem(
                    *offset,
                    "`header` on a member of a document: only an error's own members are bound to headers",
                );
                ok = false;
            } else if !is_header_name(header) {
                self.problem(
                    *offset,
                    format!(
                        "`{}` is not an HTTP header name: a header name is one or more letters, \
                         digits or ``!#$%&'*+-.^_`|~``",
                        header.escape_debug()
                    ),
                );
                ok = false;
            } else if header_written_by_protocols(header) {
                self.problem(
                    *offset,
                    format!("header `{header}` is written by the protocols themselves: bind `{name_text}` to another header"),
                );
                ok = false;
            } else if shape == Some(MemberShape::Document) {
                self.problem(
                    *offset,
                    format!("member `{name_text}` is a document, and headers carry no documents: leave `header` out"),
                );
                ok = false;
            }
        }
        let json_name = text("json_name");
        if let Some((_, offset)) = json_name.as_ref().filter(|(n, _)| n.is_empty()) {
            self.problem(
                *offset,
                "`json_name` may not be empty: leave it out to use the member's name",
            );
            ok = false;
        }
        let xml_name = text("xml_name");
        if let Some((xml_name, offset)) = xml_name.as_ref().filter(|(n, _)| !is_xml_name(n)) {
            self.problem(
                *offset,
                format!(
                    "`{}` is not a plain XML name: an ASCII letter or `_`, then letters, digits, `_`, `-` or `.`",
                    xml_name.escape_debug()
                ),
            );
            ok = false;
        }
        let mut members = Vec::new();
        if let Some(list) = nested_node {
            match shape {
                Some(MemberShape::Document) => {
                    let mut faulty = false;
                    members = self.members(list, true, &mut faulty);
                    ok &= !faulty;
                }
                // Without a shape, that problem is reported already.
                None => ok = false,
                Some(other) => {
                    self.problem(
                        list.offset,
                        format!(
                            "member `{name_text}` has shape {other}: only a document has `members`"
                        ),
                    );
                    ok = false;
                }
            }
        }
        let (Some((name, name_offset)), Some(shape), true) = (name, shape, ok) else {
            return None;
        };
        let member = table::Member {
            name,
            shape,
            header: header.as_ref().map(|(h, _)| h.clone()),
            json_name: json_name.map(|(n, _)| n),
            xml_name: xml_name.map(|(n, _)| n),
            description: text("description").map(|(d, _)| d).unwrap_or_default(),
            members,
        };
        Some((member, name_offset, header.map(|(_, offset)| offset)))
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
        if let Some(query_status) = row.query_status {
            let _ = write!(out, ", \"query_status\": {query_status}");
        }
        if let Some(title) = &row.title {
            let _ = write!(out, ", \"title\": {}", json_syntax::quote(title));
        }
        if let Some(reason) = &row.reason {
            let _ = write!(out, ", \"reason\": {}", json_syntax::quote(reason));
        }
        if let Some(shape_id) = &row.shape_id {
            let _ = write!(out, ", \"shape_id\": {}", json_syntax::quote(shape_id));
        }
        if let Some(grpc_code) = row.grpc_code {
            let _ = write!(out, ", \"grpc_code\": \"{grpc_code}\"");
        }
        if !row.members.is_empty() {
            out.push_str(", \"members\": ");
            write_members(&mut out, &row.members);
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

/// `members` as a JSON array on one line, keys without a value left out.
fn write_members(out: &mut String, members: &[table::Member]) {
    out.push('[');
    for (index, member) in members.iter().enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        let _ = write!(
            out,
            "{{\"name\": {}, \"shape\": \"{}\"",
            json_syntax::quote(&member.name),
            member.shape
        );
        for (key, value) in [
            ("header", &member.header),
            ("json_name", &member.json_name),
            ("xml_name", &member.xml_name),
        ] {
            if let Some(value) = value {
                let _ = write!(out, ", \"{key}\": {}", json_syntax::quote(value));
            }
        }
        if !member.description.is_empty() {
            let _ = write!(
                out,
                ", \"description\": {}",
                json_syntax::quote(&member.description)
            );
        }
        if !member.members.is_empty() {
            out.push_str(", \"members\": ");
            write_members(out, &member.members);
        }
        out.push('}');
    }
    out.push(']');
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
    fn reasons_are_read_checked_and_written_in_both_formats() {
        let text = "{\"errors\": [\n{\"code\": \"InvalidIsbn\", \"status\": 400, \"reason\": \"ISBN_INVALID\"},\n{\"code\": \"ShelfFull\", \"status\": 409, \"reason\": \"\"},\n{\"code\": \"BookNotFound\", \"status\": 404}\n]}";
        let spec = read("s.json", text);
        assert!(spec.problems.is_empty(), "{:?}", spec.problems);
        let reasons = |rows: &[Row]| -> Vec<Option<String>> {
            rows.iter().map(|r| r.reason.clone()).collect()
        };
        let expected = [Some("ISBN_INVALID".to_owned()), None, None];
        assert_eq!(reasons(&spec.rows), expected);
        let written = write(&spec.rows);
        assert!(
            written.contains("{\"code\": \"InvalidIsbn\", \"status\": 400, \"type\": \"Client\", \"reason\": \"ISBN_INVALID\"},"),
            "{written}"
        );
        assert_eq!(reasons(&read("again.json", &written).rows), expected);
        #[cfg(feature = "markdown")]
        {
            let markdown = crate::markdown::write(&spec.rows, |_| None).unwrap();
            assert!(
                markdown.starts_with("| Code | Description | HTTP Status Code | Type | Reason |\n"),
                "{markdown}"
            );
            let back = crate::markdown::read("again.md", &markdown);
            assert!(back.problems.is_empty(), "{:?}", back.problems);
            assert_eq!(reasons(&back.rows), expected);
        }
        // A reason of the wrong JSON type, or not one AIP-193 allows.
        let bad = "{\"errors\": [\n{\"code\": \"A\", \"status\": 400, \"reason\": 1},\n{\"code\": \"B\", \"status\": 400, \"reason\": \"b\"}\n]}";
        let problems: Vec<String> = read("s.json", bad)
            .problems
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(
            problems[0],
            "s.json:2:40: `reason` must be a string, found `1`"
        );
        assert!(
            problems[1].starts_with("s.json:3:40: reason `b` is not one AIP-193 allows"),
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

    /// A spec of one entry with `members` set to `members`, on line 2.
    fn with_members(members: &str) -> String {
        format!(
            "{{\"errors\": [\n{{\"code\": \"A\", \"status\": 429, \"members\": {members}}}\n]}}"
        )
    }

    #[test]
    fn reads_members() {
        let text = with_members(
            r#"[{"name": "retryAfterSeconds", "shape": "integer", "header": "Retry-After", "description": "Wait."},
 {"name": "fieldList", "shape": "document", "json_name": "fields", "xml_name": "FieldList",
  "members": [{"name": "name", "shape": "string"}, {"name": "at", "shape": "timestamp", "xml_name": "At"}]}]"#,
        );
        let spec = read("s.json", &text);
        assert!(spec.problems.is_empty(), "{:?}", spec.problems);
        let mut retry = table::Member::new("retryAfterSeconds", MemberShape::Integer);
        retry.header = Some("Retry-After".to_owned());
        retry.description = "Wait.".to_owned();
        let mut fields = table::Member::new("fieldList", MemberShape::Document);
        fields.json_name = Some("fields".to_owned());
        fields.xml_name = Some("FieldList".to_owned());
        let mut at = table::Member::new("at", MemberShape::Timestamp);
        at.xml_name = Some("At".to_owned());
        fields.members = vec![table::Member::new("name", MemberShape::String), at];
        assert_eq!(spec.rows[0].members, [retry, fields]);
        assert_eq!(spec.rows[0].pos, Pos { line: 2, col: 10 });
    }

    #[test]
    fn member_problems_are_reported_at_their_place() {
        let (rows, problems) = raw(&with_members(
            r#"[{"name": "a", "shape": "list", "extra": 1, "name": "b"}, 7, {"shape": "string"}, {"name": "c"}]"#,
        ));
        assert_eq!(
            problems,
            [
                "s.json:2:65: unknown member shape `list`: expected string, integer, boolean, timestamp or document",
                "s.json:2:73: unknown key `extra` in a member (expected name, shape, header, json_name, xml_name, description, members)",
                "s.json:2:85: key `name` appears twice in this member",
                "s.json:2:99: each entry of `members` must be a JSON object, found `7`",
                "s.json:2:102: member has no `name`",
                "s.json:2:123: member has no `shape`",
            ]
        );
        assert!(rows[0].faulty);
        assert!(rows[0].members.is_empty());
        let (rows, problems) = raw(&with_members(r#"{"name": "a"}"#));
        assert_eq!(
            problems,
            ["s.json:2:41: `members` must be an array of objects, found `{\"name\": \"a\"}`"]
        );
        assert!(rows[0].faulty);
    }

    /// The messages of a spec whose one entry has `members`, without their
    /// places.
    fn member_messages(members: &str) -> Vec<String> {
        let (rows, problems) = raw(&with_members(members));
        assert!(rows[0].faulty, "{members}");
        problems
            .into_iter()
            .map(|p| {
                p.splitn(4, ':')
                    .nth(3)
                    .unwrap_or_default()
                    .trim()
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn every_member_problem() {
        let cases: &[(&str, &str)] = &[
            (r#"[{"name": 1, "shape": "string"}]"#, "`name` must be a string, found `1`"),
            (r#"[{"name": "a", "shape": true}]"#, "`shape` must be a string, found `true`"),
            (r#"[{"name": "a", "shape": "string", "description": null}]"#, "`description` must be a string, found `null`"),
            (r#"[{"name": "", "shape": "string"}]"#, "a member's `name` may not be empty"),
            (r#"[{"name": "a", "shape": "string"}, {"name": "a", "shape": "integer"}]"#, "member `a` appears twice in this list"),
            (r#"[{"name": "a", "shape": "document", "members": [{"name": "b", "shape": "string"}, {"name": "b", "shape": "string"}]}]"#, "member `b` appears twice in this list"),
            (r#"[{"name": "a", "shape": "string", "header": "Retry After"}]"#, "`Retry After` is not an HTTP header name: a header name is one or more letters, digits or ``!#$%&'*+-.^_`|~``"),
            (r#"[{"name": "a", "shape": "string", "header": ""}]"#, "`` is not an HTTP header name: a header name is one or more letters, digits or ``!#$%&'*+-.^_`|~``"),
            (r#"[{"name": "a", "shape": "document", "header": "X-A"}]"#, "member `a` is a document, and headers carry no documents: leave `header` out"),
            (r#"[{"name": "a", "shape": "string", "header": "X-AMZN-REQUESTID"}]"#, "header `X-AMZN-REQUESTID` is written by the protocols themselves: bind `a` to another header"),
            (r#"[{"name": "a", "shape": "string", "header": "X-A"}, {"name": "b", "shape": "string", "header": "x-a"}]"#, "header `x-a` is bound to member `a` already: a header carries one member"),
            (r#"[{"name": "a", "shape": "document", "members": [{"name": "b", "shape": "string", "header": "X-B"}]}]"#, "`header` on a member of a document: only an error's own members are bound to headers"),
            (r#"[{"name": "a", "shape": "string", "xml_name": "1a"}]"#, "`1a` is not a plain XML name: an ASCII letter or `_`, then letters, digits, `_`, `-` or `.`"),
            (r#"[{"name": "a", "shape": "string", "xml_name": "x:a"}]"#, "`x:a` is not a plain XML name: an ASCII letter or `_`, then letters, digits, `_`, `-` or `.`"),
            (r#"[{"name": "a", "shape": "string", "json_name": ""}]"#, "`json_name` may not be empty: leave it out to use the member's name"),
            (r#"[{"name": "a", "shape": "integer", "members": []}]"#, "member `a` has shape integer: only a document has `members`"),
            (r#"[{"name": "a", "shape": "document", "members": [{"name": "b", "shape": "strin"}]}]"#, "unknown member shape `strin`: expected string, integer, boolean, timestamp or document"),
        ];
        for (members, message) in cases {
            assert_eq!(member_messages(members), [*message], "{members}");
        }
        let parts = errtable_shared::AWS_JSON_PARTS
            .iter()
            .chain(&errtable_shared::PROBLEM_PARTS);
        for name in parts.chain(&errtable_shared::XML_PARTS) {
            assert_eq!(
                member_messages(&format!(r#"[{{"name": "{name}", "shape": "string"}}]"#)),
                [format!(
                    "member `{name}` is written by the protocols themselves: it names the error's \
                     code, message, type or request id (or a problem-json field), so the member \
                     would never be written; leave it out or rename it"
                )]
            );
        }
        for header in errtable_shared::PROTOCOL_HEADERS {
            let messages = member_messages(&format!(
                r#"[{{"name": "a", "shape": "string", "header": "{}"}}]"#,
                header.to_ascii_lowercase()
            ));
            assert!(
                messages[0].contains("is written by the protocols themselves"),
                "{messages:?}"
            );
        }
        // A document's own members may use those names: they are its keys.
        let (rows, problems) = raw(&with_members(
            r#"[{"name": "a", "shape": "document", "members": [{"name": "message", "shape": "string"}]}]"#,
        ));
        assert!(problems.is_empty(), "{problems:?}");
        assert!(!rows[0].faulty);
    }

    #[test]
    fn members_are_written_back() {
        let text = with_members(
            r#"[{"name": "retryAfterSeconds", "shape": "integer", "header": "Retry-After", "description": "Wait \"a\" bit."},
 {"name": "fieldList", "shape": "document", "json_name": "fields", "xml_name": "FieldList",
  "members": [{"name": "inner", "shape": "document", "members": [{"name": "at", "shape": "timestamp", "json_name": "At"}]}, {"name": "ok", "shape": "boolean"}]}]"#,
        );
        let spec = read("s.json", &text);
        assert!(spec.problems.is_empty(), "{:?}", spec.problems);
        let written = write(&spec.rows);
        assert_eq!(written.lines().count(), 5, "one entry per line: {written}");
        assert!(written.contains(r#", "members": [{"name": "retryAfterSeconds", "shape": "integer", "header": "Retry-After", "description": "Wait \"a\" bit."}, "#), "{written}");
        let again = read("again.json", &written);
        assert!(again.problems.is_empty(), "{:?}", again.problems);
        assert_eq!(again.rows[0].members, spec.rows[0].members);
        assert_eq!(write(&again.rows), written);
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
