//! Reading a `.json` spec into raw rows, positioned for messages: an
//! errtable JSON spec (`{"errors": [{"code", "status", "type",
//! "description", "retryable", "members"}]}`), each entry and member read
//! key by key, or a service model, recognised by its content: a Smithy
//! JSON AST (`"smithy"` and `"shapes"`) or a botocore model (`"metadata"`
//! and `"shapes"`), handed to the `smithy` and `botocore` modules
//! (errtable's `models` feature). The rows are checked later (`check`);
//! the public `json` module reads and checks, and writes.

use crate::ctxt::Ctxt;
use crate::json_source::Source;
use crate::json_syntax::{self, Member, Node, Value};
use crate::table::{self, Cell, LineIndex, RawRow, RawTable};
use crate::text::{every, is_header_name};
use errtable_shared::MemberShape;

/// The keys of an entry, for messages.
const KEYS: &str =
    "code, status, type, title, reason, description, retryable, query_code, query_status, shape_id, grpc_code, members";

/// The keys of a member, for messages.
const MEMBER_KEYS: &str = "name, shape, header, json_name, xml_name, description, members";

/// Whether the protocols write a body part named `name` themselves.
fn written_by_protocols(name: &str) -> bool {
    errtable_shared::written_by_protocols(name)
}

/// Whether the protocols write the header `name` themselves (ignoring
/// ASCII case, as HTTP does).
fn header_written_by_protocols(name: &str) -> bool {
    errtable_shared::PROTOCOL_HEADERS
        .iter()
        .any(|h| h.eq_ignore_ascii_case(name))
}

/// Whether `name` is a plain XML name: an ASCII letter or `_`, then
/// letters, digits, `_`, `-` or `.` (no namespace prefix).
fn is_xml_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && every(name, |b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
        })
}

/// What a JSON document can be, for messages.
const KINDS: &str =
    "`errors` (an errtable JSON spec), `smithy` and `shapes` (a Smithy JSON AST model) \
                     or `metadata` and `shapes` (a botocore service-2.json model)";

impl Source<'_> {
    fn string(&self, node: &Node<'_>, field: &str) -> Option<Cell> {
        if let Value::String(text) = &node.value {
            Some(self.cell(text.clone(), node.offset))
        } else {
            self.problem(
                node.offset,
                format!("`{field}` must be a string, found `{}`", node.raw),
            );
            None
        }
    }

    /// A status is a whole number; its range is checked with the other
    /// formats' statuses.
    fn status(&self, node: &Node<'_>) -> Option<Cell> {
        match &node.value {
            Value::Number(digits) if every(digits, |b| b.is_ascii_digit()) => {
                Some(self.cell(*digits, node.offset))
            }
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
    let mut rows = Vec::with_capacity(entries.len());
    for entry in entries {
        rows.extend(reader.entry(entry));
    }
    rows
}
