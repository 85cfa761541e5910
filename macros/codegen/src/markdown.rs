//! Markdown specs: a table of `Code` and `HTTP Status Code` columns, and
//! optionally `Type`, `Description` and `Retryable`, read out of a document
//! as documentation sites publish it, and a table written back.
//!
//! Reading needs errtable's `markdown` feature (on by default); writing
//! does not.
//!
//! This module is the format's public front: [`read`] runs the reader
//! (`markdown_spec`) and the checks, as the derive does; [`write()`] writes
//! a table back, and [`escape`] a text into one.

use crate::load::{self, Spec};
use crate::markdown_spec;
use crate::table::{Problem, Row};
use crate::text::collapse_whitespace;

/// Reads and checks the error tables of a Markdown document: every table
/// whose header has Code and HTTP Status Code columns, in order, as one
/// table (a code in several of them follows the rules of codes in several
/// files: see [`load`](fn@crate::load)).
#[must_use]
pub fn read(file: &str, text: &str) -> Spec {
    load::read_one(file, text, |file, text, ctxt| {
        markdown_spec::read_rows(file, text, ctxt).into()
    })
}

/// Backslash-escapes every character Markdown could take for syntax: `|`
/// (a table cell's end), `\\`, and what starts emphasis, code, links, HTML,
/// entities, headings and the common extensions (strikethrough, math,
/// superscript). The text then reads back as itself in a table cell (the
/// CLI's `convert`) and in rustdoc (a stray `[x]` would be a broken link).
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '|'
                | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '&'
                | '~'
                | '^'
                | '$'
                | '#'
                | '!'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// A GitHub-flavoured Markdown table with the columns errtable reads, and
/// a Retryable or Query Code column only when some row sets one. `reason` gives a
/// status's reason phrase (`404 Not Found`), so the table reads like the
/// docs it came from; the derive has no use for one, so the caller brings it.
///
/// A description with a line break, a tab, or leading, trailing or
/// repeated spaces cannot be kept by a table cell (the reader collapses
/// them): each such row is a problem, and nothing is written. So is each
/// row with members, which a table has no column for.
///
/// # Errors
///
/// Those problems, one for each row a table cannot hold.
pub fn write(
    rows: &[Row],
    reason: impl Fn(u16) -> Option<&'static str>,
) -> Result<String, Vec<Problem>> {
    let mut problems: Vec<Problem> = rows
        .iter()
        .filter(|row| collapse_whitespace(&row.description) != row.description)
        .map(|row| {
            Problem::at(
                &row.file,
                row.pos,
                format!(
                    "the description of `{}` has a line break, a tab, or leading, trailing or repeated spaces, which a Markdown table cell cannot keep: {:?}",
                    row.code, row.description
                ),
            )
        })
        .collect();
    problems.extend(rows.iter().filter(|row| !row.members.is_empty()).map(|row| {
        Problem::at(
            &row.file,
            row.pos,
            format!(
                "`{}` has members ({}), which a Markdown table cannot hold: write the table as JSON instead",
                row.code,
                crate::text::quoted_list(&row.members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>())
            ),
        )
    }));
    if !problems.is_empty() {
        return Err(problems);
    }
    let retry = rows.iter().any(|r| r.retry.is_some());
    let query = rows.iter().any(|r| r.query_code.is_some());
    let query_status = rows.iter().any(|r| r.query_status.is_some());
    let shape_id = rows.iter().any(|r| r.shape_id.is_some());
    let title = rows.iter().any(|r| r.title.is_some());
    let reasons = rows.iter().any(|r| r.reason.is_some());
    let grpc = rows.iter().any(|r| r.grpc_code.is_some());
    let mut out = String::from("| Code | Description | HTTP Status Code | Type |");
    let mut delimiter = String::from("| --- | --- | --- | --- |");
    for (present, name) in [
        (retry, " Retryable |"),
        (query, " Query Code |"),
        (query_status, " Query Status |"),
        (shape_id, " Shape ID |"),
        (title, " Title |"),
        (reasons, " Reason |"),
        (grpc, " gRPC Code |"),
    ] {
        if present {
            out.push_str(name);
            delimiter.push_str(" --- |");
        }
    }
    out.push('\n');
    out.push_str(&delimiter);
    out.push('\n');
    for row in rows {
        let status = match reason(row.status) {
            Some(reason) => format!("{} {reason}", row.status),
            None => row.status.to_string(),
        };
        out.push_str(&format!(
            "| {} | {} | {status} | {} |",
            escape(&row.code),
            escape(&row.description),
            row.error_type
        ));
        if retry {
            out.push_str(&format!(" {} |", row.retry.map_or("", |r| r.as_str())));
        }
        if query {
            out.push_str(&format!(
                " {} |",
                escape(row.query_code.as_deref().unwrap_or(""))
            ));
        }
        if query_status {
            let status = row.query_status.map(|s| s.to_string());
            out.push_str(&format!(" {} |", status.as_deref().unwrap_or("")));
        }
        if shape_id {
            out.push_str(&format!(
                " {} |",
                escape(row.shape_id.as_deref().unwrap_or(""))
            ));
        }
        if title {
            out.push_str(&format!(
                " {} |",
                escape(row.title.as_deref().unwrap_or(""))
            ));
        }
        if reasons {
            out.push_str(&format!(
                " {} |",
                escape(row.reason.as_deref().unwrap_or(""))
            ));
        }
        if grpc {
            out.push_str(&format!(" {} |", row.grpc_code.map_or("", |c| c.as_str())));
        }
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(feature = "markdown"))]
    #[test]
    fn without_the_feature_a_markdown_spec_says_how_to_read_it() {
        let spec = read("t.md", "| Code | Status |\n|-|-|\n| A | 400 |\n");
        assert!(spec.rows.is_empty());
        assert_eq!(spec.problems.len(), 1);
        assert!(spec.problems[0]
            .to_string()
            .starts_with("t.md: this is a Markdown spec, and errtable's `markdown` feature"));
    }

    #[test]
    fn rows_with_members_are_not_written() {
        let spec = crate::json::read(
            "s.json",
            "{\"errors\": [{\"code\": \"A\", \"status\": 429, \"members\": [{\"name\": \"retryAfterSeconds\", \"shape\": \"integer\"}]},\n{\"code\": \"B\", \"status\": 400}]}",
        );
        assert!(spec.problems.is_empty(), "{:?}", spec.problems);
        let problems: Vec<String> = write(&spec.rows, |_| None)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            problems,
            ["s.json:1:22: `A` has members (`retryAfterSeconds`), which a Markdown table cannot hold: write the table as JSON instead"]
        );
        assert!(write(&spec.rows[1..], |_| None).is_ok());
    }

    #[test]
    fn escapes_what_markdown_would_take_for_syntax() {
        assert_eq!(
            escape("a [b] <c> *d* | e\\"),
            "a \\[b\\] \\<c\\> \\*d\\* \\| e\\\\"
        );
        assert_eq!(escape("caf\u{e9}|\u{fc}_x"), "caf\u{e9}\\|\u{fc}\\_x");
        assert_eq!(escape(""), "");
        assert_eq!(escape("plain"), "plain");
    }
}
