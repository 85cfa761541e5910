//! Reads the error table out of a Markdown document as documentation sites
//! publish it: GitHub-flavoured tables, escapes, entities, links and code.

use crate::model::{Cell, LineIndex, Pos, Problem, RawRow};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The columns errtable understands, by the header spellings it accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Code,
    Status,
    Type,
    Description,
    Retryable,
}

impl Column {
    fn from_header(header: &str) -> Option<Column> {
        match header.to_ascii_lowercase().as_str() {
            "code" | "error code" => Some(Column::Code),
            "http status code" | "http status" | "status code" | "status" => Some(Column::Status),
            "type" | "error type" => Some(Column::Type),
            "description" => Some(Column::Description),
            "retryable" | "retry" => Some(Column::Retryable),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Column::Code => "Code",
            Column::Status => "HTTP Status Code",
            Column::Type => "Type",
            Column::Description => "Description",
            Column::Retryable => "Retryable",
        }
    }
}

const REQUIRED: [Column; 3] = [Column::Code, Column::Status, Column::Type];

struct Table {
    pos: Pos,
    header: Vec<Cell>,
    rows: Vec<(Pos, Vec<Cell>)>,
}

/// Where each column stands in a table's header.
struct Layout {
    code: usize,
    status: usize,
    error_type: usize,
    description: Option<usize>,
    retryable: Option<usize>,
}

impl Layout {
    /// `None` unless the header has every required column.
    fn of(header: &[Cell]) -> Option<Layout> {
        let find = |column: Column| {
            header
                .iter()
                .position(|h| Column::from_header(&h.text) == Some(column))
        };
        Some(Layout {
            code: find(Column::Code)?,
            status: find(Column::Status)?,
            error_type: find(Column::Type)?,
            description: find(Column::Description),
            retryable: find(Column::Retryable),
        })
    }
}

/// Reads the first table whose header has Code, HTTP Status Code and Type
/// columns. Problems name `file` and the line they were found on.
pub fn read(file: &str, text: &str) -> Result<Vec<RawRow>, Vec<Problem>> {
    let tables = tables(text);
    let Some((table, layout)) = tables
        .iter()
        .find_map(|t| Layout::of(&t.header).map(|layout| (t, layout)))
    else {
        return Err(vec![no_table_problem(file, &tables)]);
    };
    let duplicates = duplicate_columns(file, &table.header);
    if !duplicates.is_empty() {
        return Err(duplicates);
    }
    let rows = table
        .rows
        .iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.text.is_empty()))
        .map(|(pos, cells)| {
            // GFM pads short rows; a missing cell reads as empty at the row.
            let cell = |at: usize| {
                cells.get(at).cloned().unwrap_or(Cell {
                    text: String::new(),
                    pos: *pos,
                })
            };
            RawRow {
                pos: *pos,
                code: cell(layout.code),
                status: cell(layout.status),
                error_type: cell(layout.error_type),
                description: layout.description.map(cell),
                retryable: layout.retryable.map(cell),
            }
        })
        .collect();
    Ok(rows)
}

/// A column named twice would make a row ambiguous.
fn duplicate_columns(file: &str, header: &[Cell]) -> Vec<Problem> {
    let mut seen: Vec<(Column, usize)> = Vec::new();
    let mut problems = Vec::new();
    for (index, cell) in header.iter().enumerate() {
        let Some(column) = Column::from_header(&cell.text) else {
            continue;
        };
        match seen.iter().find(|(c, _)| *c == column) {
            Some(&(_, first)) => problems.push(Problem::at(
                file,
                cell.pos,
                format!(
                    "column `{}` appears twice in the table header (first as column {})",
                    column.name(),
                    first + 1
                ),
            )),
            None => seen.push((column, index)),
        }
    }
    problems
}

fn no_table_problem(file: &str, tables: &[Table]) -> Problem {
    let expected =
        "a Markdown table whose header has `Code`, `HTTP Status Code` and `Type` columns";
    // The table that looks most like an error table is the one the author meant.
    let closest = tables.iter().max_by_key(|t| {
        REQUIRED
            .iter()
            .filter(|&&need| {
                t.header
                    .iter()
                    .any(|h| Column::from_header(&h.text) == Some(need))
            })
            .count()
    });
    match closest {
        None => Problem::in_file(file, format!("no error table found: expected {expected}")),
        Some(table) => {
            let missing: Vec<String> = REQUIRED
                .iter()
                .filter(|&&need| {
                    !table
                        .header
                        .iter()
                        .any(|h| Column::from_header(&h.text) == Some(need))
                })
                .map(|c| format!("`{}`", c.name()))
                .collect();
            Problem::at(
                file,
                table.pos,
                format!(
                    "the table here lacks the {} column{} (expected {expected})",
                    missing.join(", "),
                    if missing.len() == 1 { "" } else { "s" }
                ),
            )
        }
    }
}

/// Every table of the document, cells reduced to plain text.
fn tables(text: &str) -> Vec<Table> {
    let lines = LineIndex::new(text);
    let mut tables: Vec<Table> = Vec::new();
    let mut row: Option<(Pos, Vec<Cell>)> = None;
    let mut cell: Option<(Pos, String)> = None;
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(_)) => tables.push(Table {
                pos: lines.pos(range.start),
                header: Vec::new(),
                rows: Vec::new(),
            }),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                row = Some((lines.pos(range.start), Vec::new()));
            }
            Event::End(TagEnd::TableHead) => {
                if let (Some(table), Some((_, cells))) = (tables.last_mut(), row.take()) {
                    table.header = cells;
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(table), Some(done)) = (tables.last_mut(), row.take()) {
                    table.rows.push(done);
                }
            }
            Event::Start(Tag::TableCell) => {
                let content = text.get(range.clone()).unwrap_or("");
                let skipped = content.len() - content.trim_start_matches([' ', '\t', '|']).len();
                cell = Some((lines.pos(range.start + skipped), String::new()));
            }
            Event::End(TagEnd::TableCell) => {
                if let (Some((_, cells)), Some((pos, raw))) = (row.as_mut(), cell.take()) {
                    cells.push(Cell {
                        text: collapse_whitespace(&raw),
                        pos,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, buf)) = cell.as_mut() {
                    buf.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, buf)) = cell.as_mut() {
                    buf.push(' ');
                }
            }
            // `<br>` separates words; other inline HTML is markup, not text.
            Event::InlineHtml(html) | Event::Html(html)
                if html.trim().to_ascii_lowercase().starts_with("<br") =>
            {
                if let Some((_, buf)) = cell.as_mut() {
                    buf.push(' ');
                }
            }
            _ => {}
        }
    }
    tables
}

/// Backslash-escapes every character Markdown could take for syntax: `|`
/// (a table cell's end), `\\`, and what starts emphasis, code, links, HTML,
/// entities, headings and the common extensions (strikethrough, math,
/// superscript). The text then reads back as itself in a table cell (the
/// CLI's `convert`) and in rustdoc (a stray `[x]` would be a broken link).
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

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_escapes_links_and_positions() {
        let text = "# T\n\n| Code | Description | HTTP Status Code | Type |\n| --- | --- | --- | --- |\n| A\\.b | See [the docs](x.md)\\. `c\\|d` | 403 Forbidden | Client |\n";
        let rows = read("t.md", text).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].code.text, "A.b");
        assert_eq!(rows[0].code.pos, Pos { line: 5, col: 3 });
        assert_eq!(rows[0].status.text, "403 Forbidden");
        assert_eq!(
            rows[0].description.as_ref().unwrap().text,
            "See the docs. c|d"
        );
    }

    #[test]
    fn columns_in_any_order_and_case() {
        let text = "| type | http status code | CODE |\n|-|-|-|\n| Server | 500 | X |\n";
        let rows = read("t.md", text).unwrap();
        assert_eq!(rows[0].code.text, "X");
        assert_eq!(rows[0].error_type.text, "Server");
        assert!(rows[0].description.is_none());
    }

    #[test]
    fn names_missing_columns() {
        let err = read("t.md", "text\n\n| Code | Type |\n|-|-|\n| X | Client |\n").unwrap_err();
        assert_eq!(
            err[0].to_string(),
            "t.md:3:1: the table here lacks the `HTTP Status Code` column (expected a Markdown table whose header has `Code`, `HTTP Status Code` and `Type` columns)"
        );
    }

    #[test]
    fn escapes_what_markdown_would_take_for_syntax() {
        assert_eq!(
            escape("a [b] <c> *d* | e\\"),
            "a \\[b\\] \\<c\\> \\*d\\* \\| e\\\\"
        );
    }

    #[test]
    fn no_table_at_all() {
        let err = read("t.md", "just prose\n").unwrap_err();
        assert!(err[0].to_string().starts_with("t.md: no error table found"));
    }
}
