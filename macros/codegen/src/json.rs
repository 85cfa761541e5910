//! JSON specs: `{"errors": [{"code", "status", "type", "description",
//! "retryable", "members"}]}` read with every key and value's position, so every
//! problem names the line and column of the entry or field it concerns,
//! and a table written back in the same form. A `.json` file may also be a
//! service model, recognised by its content: a Smithy JSON AST
//! (`"smithy"` and `"shapes"`) or a botocore model (`"metadata"` and
//! `"shapes"`), read by the `smithy` and `botocore` modules (errtable's
//! `models` feature).
//!
//! This module is the format's public front: [`read`] runs the reader
//! (`json_spec`) and the checks, as the derive does; [`write()`] writes a
//! table back.

use crate::json_spec;
use crate::json_syntax;
use crate::load::{self, Spec};
use crate::table::{self, Row};
use std::fmt::Write;

/// Reads and checks a JSON spec, or a service model (a Smithy JSON AST or
/// a botocore `service-2.json`, told apart by their keys; with the `models`
/// feature), whose operations and protocol the [`Spec`] then holds too.
pub fn read(file: &str, text: &str) -> Spec {
    load::read_one(file, text, json_spec::read_rows)
}

/// The rows as a JSON spec, one entry per line so that edits diff well.
/// Keys without a value (empty description, default retry) are left out.
#[must_use]
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
    use crate::ctxt::Ctxt;
    use crate::json_spec::read_rows;
    use crate::table::{Pos, RawRow};
    use errtable_shared::MemberShape;

    fn raw(text: &str) -> (Vec<RawRow>, Vec<String>) {
        let ctxt = Ctxt::new();
        let rows = read_rows("s.json", text, &ctxt).rows;
        let problems = ctxt
            .into_problems()
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
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
            .map(std::string::ToString::to_string)
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
            .map(std::string::ToString::to_string)
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
