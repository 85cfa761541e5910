//! The error tables of a Markdown document: of the tables `blocks`
//! finds, those whose header names errtable's columns, and their rows.

use super::blocks::{self, Document, Table};
use crate::ctxt::Ctxt;
use crate::table::{Cell, Problem, RawRow};

/// The columns errtable understands, by the header spellings it accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Code,
    Status,
    Type,
    Description,
    Retryable,
    QueryCode,
    QueryStatus,
    ShapeId,
    Title,
    Reason,
    GrpcCode,
}

impl Column {
    fn from_header(header: &str) -> Option<Column> {
        match header.to_ascii_lowercase().as_str() {
            "code" | "error code" => Some(Column::Code),
            "http status code" | "http status" | "status code" | "status" => Some(Column::Status),
            "type" | "error type" => Some(Column::Type),
            "description" => Some(Column::Description),
            "retryable" | "retry" => Some(Column::Retryable),
            "query code" | "query error code" => Some(Column::QueryCode),
            "query status" | "query http status code" => Some(Column::QueryStatus),
            "shape id" => Some(Column::ShapeId),
            "title" => Some(Column::Title),
            "reason" => Some(Column::Reason),
            "grpc code" | "grpc status code" | "grpc" => Some(Column::GrpcCode),
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
            Column::QueryCode => "Query Code",
            Column::QueryStatus => "Query Status",
            Column::ShapeId => "Shape ID",
            Column::Title => "Title",
            Column::Reason => "Reason",
            Column::GrpcCode => "gRPC Code",
        }
    }
}

/// The columns a table must have to be the error table; the others are
/// optional (a missing Type follows from the status).
const REQUIRED: [Column; 2] = [Column::Code, Column::Status];

/// What every header of an error table must name, for messages.
const EXPECTED: &str = "a Markdown table whose header has `Code` and `HTTP Status Code` columns";

/// Where each column stands in a table's header.
struct Layout {
    code: usize,
    status: usize,
    error_type: Option<usize>,
    description: Option<usize>,
    retryable: Option<usize>,
    query_code: Option<usize>,
    query_status: Option<usize>,
    shape_id: Option<usize>,
    title: Option<usize>,
    reason: Option<usize>,
    grpc_code: Option<usize>,
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
            error_type: find(Column::Type),
            description: find(Column::Description),
            retryable: find(Column::Retryable),
            query_code: find(Column::QueryCode),
            query_status: find(Column::QueryStatus),
            shape_id: find(Column::ShapeId),
            title: find(Column::Title),
            reason: find(Column::Reason),
            grpc_code: find(Column::GrpcCode),
        })
    }
}

/// The rows of the document's error tables, unchecked; problems name
/// `file` and the line they were found on.
pub(crate) fn read_rows(file: &str, text: &str, ctxt: &Ctxt) -> Vec<RawRow> {
    let document = blocks::document(text, &looks_like_error_header);
    for (pos, message) in &document.refusals {
        ctxt.at(file, *pos, message.clone());
    }
    let mut error_tables = Vec::new();
    for table in &document.tables {
        if let Some(layout) = Layout::of(&table.header) {
            error_tables.push((table, layout));
        }
    }
    if error_tables.is_empty() {
        ctxt.push(no_table_problem(file, &document));
        return Vec::new();
    }
    let mut rows = Vec::new();
    for (table, layout) in error_tables {
        rows.extend(table_rows(file, table, &layout, ctxt));
    }
    rows
}

/// The rows of one error table.
fn table_rows(file: &str, table: &Table, layout: &Layout, ctxt: &Ctxt) -> Vec<RawRow> {
    if duplicate_columns(file, &table.header, ctxt) {
        return Vec::new();
    }
    let mut rows = Vec::new();
    let mut cut_rows = false;
    for ((pos, cells), excess) in table.rows.iter().zip(&table.excess) {
        // A cell past the header's count is dropped by Markdown, and what
        // it usually means (an unescaped `|`) shifts the row's other cells.
        if let Some(at) = excess {
            ctxt.at(
                file,
                *at,
                format!(
                    "this row has more cells than the header's {}: a `|` inside a cell must be escaped as `\\|`, even inside `code`",
                    table.header.len()
                ),
            );
            cut_rows = true;
            continue;
        }
        if cells.iter().all(|c| c.text.is_empty()) {
            continue;
        }
        // GFM pads short rows; a missing cell reads as empty at the row.
        let cell = |at: usize| {
            cells.get(at).cloned().unwrap_or(Cell {
                text: String::new(),
                pos: *pos,
            })
        };
        rows.push(RawRow {
            pos: *pos,
            code: Some(cell(layout.code)),
            status: Some(cell(layout.status)),
            error_type: layout.error_type.map(cell),
            description: layout.description.map(cell),
            retryable: layout.retryable.map(cell),
            query_code: layout.query_code.map(cell),
            query_status: layout.query_status.map(cell),
            shape_id: layout.shape_id.map(cell),
            title: layout.title.map(cell),
            reason: layout.reason.map(cell),
            grpc_code: layout.grpc_code.map(cell),
            members: Vec::new(),
            faulty: false,
        });
    }
    if rows.is_empty() && !cut_rows {
        ctxt.at(
            file,
            table.pos,
            "the error table has a header but no rows (is the file cut short?)",
        );
    }
    rows
}

/// A column named twice would make a row ambiguous: reports each and says
/// whether there was one.
fn duplicate_columns(file: &str, header: &[Cell], ctxt: &Ctxt) -> bool {
    let mut seen: Vec<(Column, usize)> = Vec::new();
    let mut found = false;
    for (index, cell) in header.iter().enumerate() {
        let Some(column) = Column::from_header(&cell.text) else {
            continue;
        };
        match seen.iter().find(|(c, _)| *c == column) {
            Some(&(_, first)) => {
                found = true;
                ctxt.at(
                    file,
                    cell.pos,
                    format!(
                        "column `{}` appears twice in the table header (first as column {})",
                        column.name(),
                        first + 1
                    ),
                );
            }
            None => seen.push((column, index)),
        }
    }
    found
}

fn no_table_problem(file: &str, document: &Document) -> Problem {
    let expected = EXPECTED;
    if let Some(pos) = document.header_in_code_block {
        return Problem::at(
            file,
            pos,
            format!(
                "this error table is inside a code block (fenced, or indented by a tab or 4 spaces), \
                 where Markdown reads no table: unindent it or remove the fence (expected {expected})"
            ),
        );
    }
    // The table that looks most like an error table is the one the author meant.
    // (The last of those that lack the fewest required columns.)
    let mut closest: Option<(&Table, Vec<&str>)> = None;
    for table in &document.tables {
        let mut missing = Vec::new();
        for need in REQUIRED {
            if !table
                .header
                .iter()
                .any(|h| Column::from_header(&h.text) == Some(need))
            {
                missing.push(need.name());
            }
        }
        if closest
            .as_ref()
            .is_none_or(|(_, fewest)| missing.len() <= fewest.len())
        {
            closest = Some((table, missing));
        }
    }
    match closest {
        None => Problem::in_file(file, format!("no error table found: expected {expected}")),
        Some((table, missing)) => Problem::at(
            file,
            table.pos,
            format!(
                "the table here lacks the {} column{} (expected {expected})",
                crate::text::quoted_list(&missing),
                if missing.len() == 1 { "" } else { "s" }
            ),
        ),
    }
}

/// Whether a line (of a code block or block quote) reads like the header
/// of an error table: it names every required column.
fn looks_like_error_header(line: &str) -> bool {
    let mut found = Vec::new();
    for cell in line.split('|') {
        found.extend(Column::from_header(cell.trim().trim_matches('*')));
    }
    REQUIRED.iter().all(|need| found.contains(need))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Pos;
    use crate::text::collapse_whitespace;

    /// The raw rows of `text` and the problems found reading them.
    fn raw(text: &str) -> (Vec<RawRow>, Vec<String>) {
        let ctxt = Ctxt::new();
        let rows = read_rows("t.md", text, &ctxt);
        let problems = ctxt
            .into_problems()
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        (rows, problems)
    }

    fn cell_text(cell: Option<&Cell>) -> &str {
        cell.map_or("", |c| c.text.as_str())
    }

    #[test]
    fn reads_escapes_links_and_positions() {
        let text = "# T\n\n| Code | Description | HTTP Status Code | Type |\n| --- | --- | --- | --- |\n| A\\.b | See [the docs](x.md)\\. `c\\|d` | 403 Forbidden | Client |\n";
        let (rows, problems) = raw(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(rows.len(), 1);
        assert_eq!(cell_text(rows[0].code.as_ref()), "A.b");
        assert_eq!(rows[0].code.as_ref().unwrap().pos, Pos { line: 5, col: 3 });
        assert_eq!(cell_text(rows[0].status.as_ref()), "403 Forbidden");
        assert_eq!(cell_text(rows[0].description.as_ref()), "See the docs. c|d");
    }

    #[test]
    fn whitespace_collapses_to_single_spaces() {
        for (text, collapsed) in [
            ("", ""),
            ("one", "one"),
            ("two words", "two words"),
            (" padded ", "padded"),
            ("double  space", "double space"),
            ("tab\tand\nnewline", "tab and newline"),
            ("no\u{a0}break", "no break"),
            ("caf\u{e9} ok", "caf\u{e9} ok"),
            (" ", ""),
        ] {
            assert_eq!(collapse_whitespace(text), collapsed, "{text:?}");
        }
    }

    #[test]
    fn columns_in_any_order_and_case() {
        let text = "| type | http status code | CODE |\n|-|-|-|\n| Server | 500 | X |\n";
        let (rows, _) = raw(text);
        assert_eq!(cell_text(rows[0].code.as_ref()), "X");
        assert_eq!(cell_text(rows[0].error_type.as_ref()), "Server");
        assert!(rows[0].description.is_none());
    }

    #[test]
    fn reads_the_reason_column() {
        let text = "| Code | HTTP Status | Reason |\n|-|-|-|\n| InvalidIsbn | 400 | `ISBN_INVALID` |\n| ShelfFull | 409 | |\n";
        let (rows, problems) = raw(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(cell_text(rows[0].reason.as_ref()), "ISBN_INVALID");
        assert_eq!(
            rows[0].reason.as_ref().unwrap().pos,
            Pos { line: 3, col: 23 }
        );
        assert_eq!(cell_text(rows[1].reason.as_ref()), "");
        let (rows, _) = raw("| Code | Status |\n|-|-|\n| A | 400 |\n");
        assert!(rows[0].reason.is_none());
    }

    #[test]
    fn names_missing_columns() {
        let (_, problems) = raw("text\n\n| Code | Type |\n|-|-|\n| X | Client |\n");
        assert_eq!(
            problems,
            ["t.md:3:1: the table here lacks the `HTTP Status Code` column (expected a Markdown table whose header has `Code` and `HTTP Status Code` columns)"]
        );
        // The table lacking the fewest is named; of equals, the last.
        let (_, problems) = raw(
            "| A | B |\n|-|-|\n| 1 | 2 |\n\n| Code | Type |\n|-|-|\n| X | Client |\n\n\
             | Status | Type |\n|-|-|\n| 400 | Client |\n\n| C | D |\n|-|-|\n| 1 | 2 |\n",
        );
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("t.md:9:1: the table here lacks the `Code` column"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_missing_cell_stands_at_the_end_of_its_row() {
        let text =
            "| Code | HTTP Status Code | Type |\n|-|-|-|\n| A | 400 |\n| B | 400 | Client |\n";
        let (rows, _) = raw(text);
        assert_eq!(cell_text(rows[0].error_type.as_ref()), "");
        // Not line 4 col 1, where Markdown's padding offset points.
        assert_eq!(
            rows[0].error_type.as_ref().unwrap().pos,
            Pos { line: 3, col: 12 }
        );
    }

    #[test]
    fn extra_cells_are_an_error_where_they_start() {
        let text = "| Code | HTTP Status Code | Type |\n|-|-|-|\n| A | `x|y` | 400 | Client |\n";
        let (rows, problems) = raw(text);
        assert!(rows.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("t.md:3:15: this row has more cells than the header's 3"),
            "{problems:?}"
        );
        // Exactly as many cells, with or without the outer pipes: fine.
        let (rows, problems) = raw("Code | Status | Type\n-|-|-\nA | 400 | Client |\n");
        assert_eq!((rows.len(), problems.len()), (1, 0));
    }

    #[test]
    fn tabs_in_the_delimiter_row_keep_positions() {
        let text = "| Code | HTTP Status Code | Type |\n|\t-\t|\t-\t|-|\n| A | 4x | Client |\n";
        assert_eq!(
            raw(text).0[0].status.as_ref().unwrap().pos,
            Pos { line: 3, col: 7 }
        );
    }

    #[test]
    fn tables_in_code_blocks_and_empty_tables_say_so() {
        let (_, problems) = raw("x\n\n    | Code | Status | Type |\n    |-|-|-|\n");
        assert!(problems[0].starts_with("t.md:3:5: this error table is inside a code block"));
        let (_, problems) = raw("| Code | Status | Type |\n|-|-|-|\n| | | |\n");
        assert_eq!(
            problems,
            ["t.md:1:1: the error table has a header but no rows (is the file cut short?)"]
        );
    }

    #[test]
    fn tables_in_block_quotes_and_list_items_are_read() {
        let (rows, problems) = raw("> | Code | Status |\n> |-|-|\n> | Quoted | 400 |\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(cell_text(rows[0].code.as_ref()), "Quoted");
        assert_eq!(rows[0].code.as_ref().unwrap().pos, Pos { line: 3, col: 5 });
        let (rows, problems) =
            raw("- Errors:\n\n  | Code | Status |\n  |-|-|\n  | Listed | 404 |\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(cell_text(rows[0].code.as_ref()), "Listed");
    }

    #[test]
    fn entities_are_html5_names_and_others_stay_text() {
        let (rows, _) = raw(
            "| Code | Status | Description |\n|-|-|-|\n| A | 400 | &copy; &bogus; &#65; &#0; |\n",
        );
        assert_eq!(
            cell_text(rows[0].description.as_ref()),
            "\u{a9} &bogus; A \u{fffd}"
        );
    }

    #[test]
    fn what_markdown_readers_read_differently_is_refused_where_it_is() {
        // A table after lazily continued text of a list item.
        let (_, problems) = raw("- item\n| Code | Status |\n  |-|-|\n| A | 400 |\n");
        assert!(
            problems[0].starts_with("t.md:2:1: a table right after text that went on without its list item's indentation"),
            "{problems:?}"
        );
        // Emphasis whose reading depends on a Unicode class.
        let (_, problems) = raw("| Code | Status |\n|-|-|\n| A\u{2014}*b* | 400 |\n");
        assert!(
            problems[0].starts_with("t.md:3:5: `*` next to `\u{2014}`"),
            "{problems:?}"
        );
        // Old Mac line endings.
        let (_, problems) = raw("| Code | Status |\r|-|-|\n");
        assert!(
            problems[0].starts_with("t.md:1:18: a carriage return without a line feed"),
            "{problems:?}"
        );
    }

    #[test]
    fn no_table_at_all() {
        let (_, problems) = raw("just prose\n");
        assert!(problems[0].starts_with("t.md: no error table found"));
    }
}
