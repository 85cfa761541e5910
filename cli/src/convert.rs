//! `errtable convert`: a spec's rows in the other format, exactly.

use crate::load::{self, NOTHING_RESERVED};
use crate::{ConvertArgs, Failure, Outcome, SpecFormat};
use errtable_codegen::model::{Retry, Row};
use errtable_codegen::source;
use errtable_codegen::validate::{self, FileRows};

pub fn run(args: &ConvertArgs) -> Result<Outcome, Failure> {
    let rows = load::valid_rows(&args.spec, NOTHING_RESERVED, 1)?;
    let text = match args.to {
        SpecFormat::Json => to_json(&rows),
        SpecFormat::Markdown => to_markdown(&rows).map_err(|problems| Failure {
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

/// The documented JSON format, one entry per line so that edits diff well.
/// Keys without a value (empty description, default retry) are left out.
pub fn to_json(rows: &[Row]) -> String {
    let string = |s: &str| serde_json::Value::from(s).to_string();
    let entries: Vec<String> = rows
        .iter()
        .map(|row| {
            let mut entry = format!(
                "    {{\"code\": {}, \"status\": {}, \"type\": {}",
                string(&row.code),
                row.status,
                string(row.error_type.as_str())
            );
            if !row.description.is_empty() {
                entry.push_str(&format!(", \"description\": {}", string(&row.description)));
            }
            if let Some(retry) = row.retry {
                entry.push_str(&format!(", \"retryable\": {}", string(retry.as_str())));
            }
            entry.push('}');
            entry
        })
        .collect();
    if entries.is_empty() {
        return "{\"errors\": []}\n".to_owned();
    }
    format!("{{\n  \"errors\": [\n{}\n  ]\n}}\n", entries.join(",\n"))
}

/// A GitHub-flavoured Markdown table with the columns errtable reads; a
/// Retryable column only when some row sets it. Fails, naming each row,
/// when a description holds whitespace a table cell cannot keep.
pub fn to_markdown(rows: &[Row]) -> Result<String, Vec<String>> {
    // The reader collapses runs of whitespace in a cell to one space
    // (a cell is one line), so such text cannot survive the trip.
    let problems: Vec<String> = rows
        .iter()
        .filter(|row| collapse_whitespace(&row.description) != row.description)
        .map(|row| {
            format!(
                "{}:{}: the description of `{}` has a line break, a tab, or leading, trailing or repeated spaces, which a Markdown table cell cannot keep: {:?}",
                row.file, row.pos.line, row.code, row.description
            )
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    let retry = rows.iter().any(|r| r.retry.is_some());
    let mut out = String::from("| Code | Description | HTTP Status Code | Type |");
    out.push_str(if retry { " Retryable |\n" } else { "\n" });
    out.push_str("| --- | --- | --- | --- |");
    out.push_str(if retry { " --- |\n" } else { "\n" });
    for row in rows {
        let status = match reason_phrase(row.status) {
            Some(reason) => format!("{} {reason}", row.status),
            None => row.status.to_string(),
        };
        out.push_str(&format!(
            "| {} | {} | {status} | {} |",
            errtable_codegen::markdown::escape(&row.code),
            errtable_codegen::markdown::escape(&row.description),
            row.error_type.as_str()
        ));
        if retry {
            out.push_str(&format!(" {} |", row.retry.map_or("", Retry::as_str)));
        }
        out.push('\n');
    }
    Ok(out)
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The reason phrase RFC 9110 (and the IANA registry) gives a status, so
/// a Markdown table reads like the docs it came from (`404 Not Found`).
pub fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        100 => "Continue",
        101 => "Switching Protocols",
        102 => "Processing",
        103 => "Early Hints",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        208 => "Already Reported",
        226 => "IM Used",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        305 => "Use Proxy",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        511 => "Network Authentication Required",
        _ => return None,
    })
}

/// Reads `text` back with the derive's parser and checks that every row
/// is what it was; the guarantee that conversion loses nothing.
pub fn verify(rows: &[Row], text: &str, format: SpecFormat) -> Result<(), String> {
    let name = match format {
        SpecFormat::Json => "converted.json",
        SpecFormat::Markdown => "converted.md",
    };
    let raw = source::read_rows(name, text).map_err(|problems| {
        let first = problems
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        format!("internal error: the converted spec does not read back: {first}")
    })?;
    let (back, problems) = validate::check(
        &[FileRows {
            file: name,
            rows: raw,
        }],
        NOTHING_RESERVED,
    );
    if let Some(problem) = problems.first() {
        return Err(format!(
            "internal error: the converted spec does not read back: {problem}"
        ));
    }
    if back.len() != rows.len() {
        return Err(format!(
            "internal error: the converted spec reads back as {} rows instead of {}",
            back.len(),
            rows.len()
        ));
    }
    for (was, now) in rows.iter().zip(&back) {
        let same = was.code == now.code
            && was.status == now.status
            && was.error_type == now.error_type
            && was.description == now.description
            && was.retry == now.retry;
        if !same {
            return Err(format!(
                "{}: `{}` would read back differently after conversion \
                 (code {:?}, status {}, type {}, description {:?}, retry {:?})",
                was.location(),
                was.code,
                now.code,
                now.status,
                now.error_type.as_str(),
                now.description,
                now.retry.map(Retry::as_str),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use errtable_codegen::model::{ErrorKind, Pos};
    use errtable_codegen::naming::variant_name;

    fn row(code: &str, description: &str) -> Row {
        Row {
            code: code.to_owned(),
            variant: variant_name(code),
            description: description.to_owned(),
            status: 400,
            error_type: ErrorKind::Client,
            retry: None,
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
            for _ in 0..(i % 17 + 1) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            rows.push(row(&format!("C{i}"), &collapse_whitespace(&text)));
        }
        round_trip(&rows);
    }

    #[test]
    fn retry_and_statuses_survive() {
        let mut rows = vec![row("A", "a"), row("B", ""), row("C", "c")];
        rows[0].retry = Some(Retry::Throttling);
        rows[1].retry = Some(Retry::NotRetryable);
        rows[1].status = 599;
        rows[1].error_type = ErrorKind::Unknown;
        rows[2].status = 503;
        rows[2].error_type = ErrorKind::Server;
        round_trip(&rows);
        let markdown = to_markdown(&rows).unwrap();
        assert!(markdown.contains("| C | c | 503 Service Unavailable | Server |  |"));
        assert!(
            markdown.contains("| B |  | 599 | Unknown | No |"),
            "{markdown}"
        );
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
                problems[0].starts_with("t.json:1: the description of `A`"),
                "{}",
                problems[0]
            );
        }
        // JSON keeps it exactly.
        let rows = [row("A", " two  spaces\nand a break ")];
        verify(&rows, &to_json(&rows), SpecFormat::Json).unwrap();
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
