//! `errtable convert`: a spec's rows in the other format, exactly.

use crate::load::{self, NOTHING_RESERVED};
use crate::{ConvertArgs, Failure, Outcome, SpecFormat};
use errtable_codegen::{json, markdown, Row};

pub fn run(args: &ConvertArgs) -> Result<Outcome, Failure> {
    let input = load::input(&args.spec, args.input_format)?;
    let spec = load::valid_spec(&input, NOTHING_RESERVED, 1)?;
    let rows = match &args.operation {
        None => spec.rows,
        Some(name) => {
            let Some(operation) = spec.operations.iter().find(|o| &o.name == name) else {
                return Err(Failure::usage(if spec.operations.is_empty() {
                    format!(
                        "--operation: {} lists no operations (only service models do)",
                        args.spec
                    )
                } else {
                    format!("--operation: no operation `{name}` in {}", args.spec)
                }));
            };
            spec.rows
                .into_iter()
                .filter(|row| operation.errors.contains(&row.code))
                .collect()
        }
    };
    let text = match args.to {
        SpecFormat::Json => json::write(&rows),
        SpecFormat::Markdown => markdown::write(&rows, reason_phrase).map_err(|problems| Failure {
            status: 1,
            stderr: problems
                .iter()
                .map(|p| format!("{p}\n"))
                .chain(std::iter::once(format!(
                    "errtable: error: {} cannot be written as a Markdown table without changing it\n",
                    args.spec
                )))
                .collect(),
        })?,
    };
    verify(&rows, &text, args.to).map_err(Failure::spec)?;
    match &args.output {
        None => Ok(Outcome::ok(text)),
        Some(path) => {
            std::fs::write(path, &text)
                .map_err(|err| Failure::io(format!("cannot write {}: {err}", path.display())))?;
            Ok(Outcome::ok(String::new()))
        }
    }
}

/// The reason phrase of a status (`Not Found`), as the `http` crate knows
/// it from RFC 9110 and the IANA registry.
pub fn reason_phrase(status: u16) -> Option<&'static str> {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason())
}

/// Reads `text` back with the derive's parser and checks that every row
/// is what it was; the guarantee that conversion loses nothing.
pub fn verify(rows: &[Row], text: &str, format: SpecFormat) -> Result<(), String> {
    let back = match format {
        SpecFormat::Json => json::read("converted.json", text),
        SpecFormat::Markdown => markdown::read("converted.md", text),
    };
    if let Some(problem) = back.problems.first() {
        return Err(format!(
            "internal error: the converted spec does not read back: {problem}"
        ));
    }
    if back.rows.len() != rows.len() {
        return Err(format!(
            "internal error: the converted spec reads back as {} rows instead of {}",
            back.rows.len(),
            rows.len()
        ));
    }
    for (was, now) in rows.iter().zip(&back.rows) {
        let same = was.code == now.code
            && was.status == now.status
            && was.error_type == now.error_type
            && was.description == now.description
            && was.retry == now.retry
            && was.query_code == now.query_code
            && was.query_status == now.query_status
            && was.shape_id == now.shape_id
            && was.title == now.title
            && was.reason == now.reason
            && was.grpc_code == now.grpc_code;
        if same && was.members != now.members {
            return Err(format!(
                "{}: the members of `{}` would read back differently after conversion ({:?})",
                was.location(),
                was.code,
                now.members
            ));
        }
        if !same {
            return Err(format!(
                "{}: `{}` would read back differently after conversion \
                 (code {:?}, status {}, type {}, description {:?}, retry {:?}, query code {:?}, query status {:?}, shape id {:?}, title {:?}, reason {:?}, gRPC code {:?})",
                was.location(),
                was.code,
                now.code,
                now.status,
                now.error_type,
                now.description,
                now.retry.map(errtable::RetryKind::as_str),
                now.query_code,
                now.query_status,
                now.shape_id,
                now.title,
                now.reason,
                now.grpc_code.map(errtable::GrpcCode::as_str),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use errtable::{ErrorType, RetryKind};
    use errtable_codegen::{variant_name, Pos};

    fn to_markdown(rows: &[Row]) -> Result<String, Vec<String>> {
        markdown::write(rows, reason_phrase)
            .map_err(|problems| problems.iter().map(ToString::to_string).collect())
    }

    fn to_json(rows: &[Row]) -> String {
        json::write(rows)
    }

    fn collapse_whitespace(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn row(code: &str, description: &str) -> Row {
        Row {
            code: code.to_owned(),
            variant: variant_name(code),
            description: description.to_owned(),
            status: 400,
            error_type: ErrorType::Client,
            retry: None,
            query_code: None,
            query_status: None,
            shape_id: None,
            title: None,
            reason: None,
            grpc_code: None,
            members: Vec::new(),
            file: "t.json".to_owned(),
            pos: Pos { line: 1, col: 1 },
        }
    }

    /// Markdown punctuation, GFM table syntax, entities, HTML, links and
    /// the extensions other readers enable: each must come back verbatim.
    const AWKWARD: &[&str] = &[
        "a|b",
        "a\\|b",
        "\\",
        "\\\\",
        "|",
        "||",
        "ends with \\",
        "\\|\\|",
        "`",
        "`a|b`",
        "``x``",
        "&amp;",
        "&#124;",
        "&#10;",
        "&nbsp;",
        "<br>",
        "<b>x</b>",
        "<!-- c -->",
        "[x](y)",
        "![i](u)",
        "[x]",
        "[^1]",
        "*a*",
        "_a_",
        "**b**",
        "__c__",
        "~~s~~",
        "$x$",
        "$$y$$",
        "a^b^",
        "# h",
        "- item",
        "+ item",
        "1. item",
        "> quote",
        "---",
        "===",
        ":---:",
        "http://example.com",
        "www.example.com",
        "<http://x>",
        "a@b.com",
        "\\(IAM\\)",
        "{#id}",
        "Überfüllt 💥",
        "\u{1}control",
        "tab\u{200b}zero-width",
        "'single' \"double\"",
        "a | b | c",
        "| lead",
        "trail |",
    ];

    fn round_trip(rows: &[Row]) {
        let markdown = to_markdown(rows).expect("representable");
        verify(rows, &markdown, SpecFormat::Markdown).unwrap_or_else(|e| panic!("{e}\n{markdown}"));
        let json = to_json(rows);
        verify(rows, &json, SpecFormat::Json).unwrap_or_else(|e| panic!("{e}\n{json}"));
    }

    #[test]
    fn awkward_descriptions_survive_both_formats() {
        for (i, text) in AWKWARD.iter().enumerate() {
            round_trip(&[row(&format!("Code{i}"), text)]);
        }
    }

    #[test]
    fn awkward_codes_survive_both_formats() {
        // Codes may hold any punctuation but `:` and `#`.
        for text in AWKWARD {
            let code: String = text
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control() && *c != ':' && *c != '#')
                .collect();
            if code.is_empty() || variant_name(&code).is_empty() {
                continue;
            }
            round_trip(&[row(&code, "d")]);
        }
    }

    #[test]
    fn generated_punctuation_soup_survives() {
        // A fixed pseudo-random walk over every ASCII punctuation mark:
        // combinations nobody thought of, reproducible on every run.
        let alphabet: Vec<char> = (0x21u8..0x7f)
            .map(char::from)
            .filter(|c| !c.is_ascii_alphanumeric())
            .chain(['a', 'b', ' '])
            .collect();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut rows = Vec::new();
        for i in 0..400 {
            let mut text = String::new();
            for _ in 0..=(i % 17) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(alphabet[usize::try_from(state % alphabet.len() as u64).unwrap()]);
            }
            rows.push(row(&format!("C{i}"), &collapse_whitespace(&text)));
        }
        round_trip(&rows);
    }

    #[test]
    fn retry_and_statuses_survive() {
        let mut rows = vec![row("A", "a"), row("B", ""), row("C", "c")];
        rows[0].retry = Some(RetryKind::Throttling);
        rows[1].retry = Some(RetryKind::NotRetryable);
        rows[1].status = 599;
        rows[1].error_type = ErrorType::Unknown;
        rows[2].status = 503;
        rows[2].error_type = ErrorType::Server;
        round_trip(&rows);
        let markdown = to_markdown(&rows).unwrap();
        assert!(markdown.contains("| C | c | 503 Service Unavailable | Server |  |"));
        assert!(
            markdown.contains("| B |  | 599 | Unknown | NotRetryable |"),
            "{markdown}"
        );
    }

    #[test]
    fn titles_and_reasons_survive() {
        let mut rows = vec![
            row("BookNotFound", "b"),
            row("InvalidIsbn", "i"),
            row("Plain", "p"),
        ];
        rows[0].reason = Some("BOOK_NOT_FOUND".to_owned());
        rows[1].reason = Some("ISBN_INVALID".to_owned());
        rows[1].title = Some("Bad ISBN".to_owned());
        round_trip(&rows);
        let markdown = to_markdown(&rows).unwrap();
        assert!(
            markdown
                .starts_with("| Code | Description | HTTP Status Code | Type | Title | Reason |\n"),
            "{markdown}"
        );
        assert!(
            markdown.contains(
                "| InvalidIsbn | i | 400 Bad Request | Client | Bad ISBN | ISBN\\_INVALID |\n"
            ),
            "{markdown}"
        );
        assert!(markdown.contains("| Plain | p | 400 Bad Request | Client |  |  |\n"));
        assert!(to_json(&rows).contains(
            "{\"code\": \"InvalidIsbn\", \"status\": 400, \"type\": \"Client\", \"description\": \"i\", \"title\": \"Bad ISBN\", \"reason\": \"ISBN_INVALID\"}"
        ));
    }

    #[test]
    fn whitespace_a_cell_cannot_keep_is_refused() {
        for text in [
            "two  spaces",
            " leading",
            "trailing ",
            "line\nbreak",
            "tab\there",
            "nbsp\u{a0}x",
        ] {
            let problems = to_markdown(&[row("A", text)]).unwrap_err();
            assert_eq!(problems.len(), 1);
            assert!(
                problems[0].starts_with("t.json:1:1: the description of `A`"),
                "{}",
                problems[0]
            );
        }
        // JSON keeps it exactly.
        let rows = [row("A", " two  spaces\nand a break ")];
        verify(&rows, &to_json(&rows), SpecFormat::Json).unwrap();
    }

    #[test]
    fn members_survive_json_and_are_refused_by_markdown() {
        use errtable_codegen::Member;
        let mut rows = vec![row("A", "a"), row("B", "b")];
        let mut retry = Member::new("retryAfterSeconds", errtable::MemberShape::Integer);
        retry.header = Some("Retry-After".to_owned());
        let mut fields = Member::new("fieldList", errtable::MemberShape::Document);
        fields.members = vec![Member::new("name", errtable::MemberShape::String)];
        rows[1].members = vec![retry, fields];
        let json = to_json(&rows);
        verify(&rows, &json, SpecFormat::Json).unwrap_or_else(|e| panic!("{e}\n{json}"));
        let problems = to_markdown(&rows).unwrap_err();
        assert_eq!(
            problems,
            ["t.json:1:1: `B` has members (`retryAfterSeconds`, `fieldList`), which a Markdown table cannot hold: write the table as JSON instead"]
        );
        // Members lost on the way are noticed.
        let mut fewer = rows.clone();
        fewer[1].members.pop();
        assert!(verify(&rows, &to_json(&fewer), SpecFormat::Json)
            .unwrap_err()
            .contains("the members of `B` would read back differently"));
    }

    #[test]
    fn verify_notices_a_changed_row() {
        let rows = [row("A", "a")];
        let wrong = "| Code | Description | HTTP Status Code | Type |\n| --- | --- | --- | --- |\n| A | b | 400 | Client |\n";
        let err = verify(&rows, wrong, SpecFormat::Markdown).unwrap_err();
        assert!(err.contains("would read back differently"), "{err}");
        let missing = "{\"errors\": []}";
        assert!(verify(&rows, missing, SpecFormat::Json).is_err());
    }

    /// Each fact of a row on its own: a converted spec that reads back with
    /// any one of them changed is refused, the query code and status among
    /// them.
    #[test]
    fn verify_checks_every_fact_of_a_row() {
        type Change = (&'static str, fn(&mut Row));
        let full = Row {
            retry: Some(RetryKind::Throttling),
            query_code: Some("Throttling".to_owned()),
            query_status: Some(403),
            shape_id: Some("com.example#A".to_owned()),
            title: Some("Slow down".to_owned()),
            reason: Some("SLOW_DOWN".to_owned()),
            grpc_code: Some(errtable::GrpcCode::ResourceExhausted),
            ..row("A", "a")
        };
        let changes: [Change; 11] = [
            ("code", |r| {
                r.code = "B".to_owned();
                r.shape_id = Some("com.example#B".to_owned());
            }),
            ("status", |r| r.status = 409),
            ("type", |r| r.error_type = ErrorType::Server),
            ("description", |r| r.description = "b".to_owned()),
            ("retry", |r| r.retry = Some(RetryKind::Transient)),
            ("query code", |r| r.query_code = Some("Other".to_owned())),
            ("query status", |r| r.query_status = Some(401)),
            ("shape id", |r| r.shape_id = None),
            ("title", |r| r.title = Some("Other".to_owned())),
            ("reason", |r| r.reason = Some("OTHER".to_owned())),
            ("gRPC code", |r| {
                r.grpc_code = Some(errtable::GrpcCode::Aborted);
            }),
        ];
        let full = std::slice::from_ref(&full);
        verify(full, &to_json(full), SpecFormat::Json).unwrap();
        for (fact, change) in changes {
            let mut written = full[0].clone();
            change(&mut written);
            let err = verify(full, &to_json(&[written]), SpecFormat::Json).expect_err(fact);
            assert!(err.contains("would read back differently"), "{fact}: {err}");
        }
    }

    #[test]
    fn empty_table() {
        // A table with no rows is a problem of the spec (a file cut short),
        // so no converted spec is ever empty: written out, it would not
        // read back.
        assert_eq!(to_json(&[]), "{\"errors\": []}\n");
        assert!(verify(&[], &to_json(&[]), SpecFormat::Json).is_err());
        assert!(verify(&[], &to_markdown(&[]).unwrap(), SpecFormat::Markdown).is_err());
    }
}
