//! The test oracle for `blocks` and `inline`: the same `Document` read with
//! pulldown-cmark, a full `CommonMark` parser (a dev-dependency only).
//! `tables`'s differential tests hold the two to the same tables, cells
//! and positions on every document, unless the hand-written reader
//! refuses it.

use super::blocks::{Document, Table};
use crate::table::{Cell, LineIndex, Pos};
use crate::text::collapse_whitespace;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Every table of `text` as pulldown-cmark reads it, cells reduced to
/// plain text; `looks_like_header` as for `blocks::document`.
pub(super) fn document(text: &str, looks_like_header: &dyn Fn(&str) -> bool) -> Document {
    // GitHub reads `|\t---\t|` as a delimiter row, pulldown-cmark only
    // `| --- |`: tabs in such rows become spaces, byte for byte.
    let text = &delimiter_tabs_as_spaces(text);
    let lines = LineIndex::new(text);
    let mut tables: Vec<Table> = Vec::new();
    let mut header_in_code_block = None;
    let mut row: Option<(Pos, Vec<Cell>)> = None;
    let mut cell: Option<(Pos, String)> = None;
    // Where the row's last cell ended.
    let mut cells_end = 0;
    // How many block quotes the events are in.
    let mut quotes = 0;
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(_)) => tables.push(Table {
                pos: lines.pos(range.start),
                header: Vec::new(),
                rows: Vec::new(),
                excess: Vec::new(),
            }),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                row = Some((lines.pos(range.start), Vec::new()));
                cells_end = range.start;
            }
            Event::End(TagEnd::TableHead) => {
                if let (Some(table), Some((_, cells))) = (tables.last_mut(), row.take()) {
                    table.header = cells;
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(table), Some(done)) = (tables.last_mut(), row.take()) {
                    let excess = excess_cells(text, cells_end, range.end);
                    table.excess.push(excess.map(|at| lines.pos(at)));
                    table.rows.push(done);
                }
            }
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::End(TagEnd::BlockQuote(_)) => quotes -= 1,
            Event::Start(Tag::CodeBlock(_)) if header_in_code_block.is_none() => {
                header_in_code_block =
                    header_in_code(text, range.clone(), quotes, looks_like_header)
                        .map(|at| lines.pos(at));
            }
            Event::Start(Tag::TableCell) => {
                let content = text.get(range.clone()).unwrap_or("");
                let skipped = content.len() - content.trim_start_matches([' ', '\t', '|']).len();
                let mut at = range.start + skipped;
                if content.is_empty() {
                    // A cell Markdown added to a short row: it stands at the
                    // row's end, not at the start of the next line.
                    let before = text.get(..at).unwrap_or("");
                    at = before.trim_end_matches(['\n', '\r']).len();
                }
                cell = Some((lines.pos(at), String::new()));
                cells_end = cells_end.max(range.end);
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
    Document {
        tables,
        header_in_code_block,
        refusals: Vec::new(),
    }
}

/// Where the text of a row goes on after its last cell (`cells_end`), up to
/// the row's end: the first of the cells beyond the header's count that has
/// text (Markdown drops them).
fn excess_cells(text: &str, cells_end: usize, row_end: usize) -> Option<usize> {
    let rest = text.get(cells_end..row_end)?;
    let after_pipe = rest.strip_prefix('|')?;
    let mut at = cells_end + 1;
    for piece in after_pipe.split('|') {
        let content = piece.trim_start();
        if !content.trim().is_empty() {
            return Some(at + (piece.len() - content.len()));
        }
        at += piece.len() + 1;
    }
    None
}

/// The offset of the first line inside a code block (in `quotes` block
/// quotes) that reads like a header, if there is one: where its text starts,
/// past the quotes' `>` markers.
fn header_in_code(
    text: &str,
    range: std::ops::Range<usize>,
    quotes: usize,
    looks_like_header: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    let block = text.get(range.clone())?;
    let mut offset = range.start;
    for line in block.split_inclusive('\n') {
        let mut content = line.trim_start();
        for _ in 0..quotes {
            if let Some(inner) = content.strip_prefix('>') {
                content = inner.strip_prefix(' ').unwrap_or(inner);
            }
        }
        let content = content.trim_start();
        if looks_like_header(content) {
            return Some(offset + (line.len() - content.len()));
        }
        offset += line.len();
    }
    None
}

/// GitHub reads `|\t---\t|` as a table's delimiter row, pulldown-cmark
/// only `| --- |`: tabs after the indentation of such a row become spaces,
/// byte for byte, so every position stays where it was.
pub(super) fn delimiter_tabs_as_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    let is_delimiter_row = |line: &str| {
        let row = line.trim_start_matches([' ', '\t']);
        row.contains('|')
            && row.contains('-')
            && row.contains('\t')
            && row
                .bytes()
                .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t' | b'\r' | b'\n'))
    };
    if !text.split_inclusive('\n').any(is_delimiter_row) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if is_delimiter_row(line) {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            out.push_str(&line[..indent]);
            out.push_str(&line[indent..].replace('\t', " "));
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::super::blocks;

    /// Any line naming a `Code` column, for the code-block hint.
    fn looks_like_header(line: &str) -> bool {
        line.contains('|') && line.contains("Code")
    }

    /// `None` when the hand-written reader and pulldown-cmark agree on
    /// `text` (or the reader refuses it); otherwise both readings.
    fn disagreement(text: &str) -> Option<String> {
        let mine = blocks::document(text, &looks_like_header);
        if !mine.refusals.is_empty() {
            return None;
        }
        let theirs = super::document(text, &looks_like_header);
        (mine.tables != theirs.tables || mine.header_in_code_block != theirs.header_in_code_block)
            .then(|| {
                let numbered: Vec<String> = text
                    .split('\n')
                    .enumerate()
                    .map(|(n, line)| format!("{:>3}: {line:?}", n + 1))
                    .collect();
                let first = (0..mine.tables.len().max(theirs.tables.len()))
                    .find(|&i| mine.tables.get(i) != theirs.tables.get(i));
                let show = |tables: &[super::Table]| match first.and_then(|i| tables.get(i)) {
                    None => "none".to_owned(),
                    Some(table) => format!("at {:?} header {:?}\n{}", table.pos, table.header, table.rows.iter().zip(&table.excess).map(|(row, excess)| format!("  {row:?} excess {excess:?}")).collect::<Vec<_>>().join("\n")),
                };
                format!(
                    "document:\n{}\n---\n{} tables here, {} in the oracle; first different, table {first:?}:\nmine:\n{}\noracle:\n{}\ncode block: {:?} here, {:?} in the oracle",
                    numbered.join("\n"),
                    mine.tables.len(),
                    theirs.tables.len(),
                    show(&mine.tables),
                    show(&theirs.tables),
                    mine.header_in_code_block,
                    theirs.header_in_code_block
                )
            })
    }

    /// Built from the repository, every Markdown file in it; built from
    /// the published package (`.ci/test-packaged.py`), there is no
    /// repository around it to read, and the other tests stand alone.
    #[test]
    fn agrees_on_every_markdown_file_of_the_repository() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        if !root
            .join("macros/codegen/src/markdown_spec/oracle.rs")
            .is_file()
        {
            eprintln!("not built inside the errtable repository: no repository to read");
            return;
        }
        let mut pending = vec![root.clone()];
        let mut read = 0;
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if path.is_dir() {
                    if !name.starts_with('.') && name != "target" && name != "corpus" {
                        pending.push(path);
                    }
                } else if path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("md"))
                {
                    // Some test fixtures are not UTF-8 on purpose.
                    let Ok(text) = std::fs::read_to_string(&path) else {
                        continue;
                    };
                    if let Some(found) = disagreement(&text) {
                        panic!("{}: {found}", path.display());
                    }
                    read += 1;
                }
            }
        }
        assert!(
            read > 20,
            "only {read} Markdown files found under {}",
            root.display()
        );
    }

    #[test]
    fn agrees_on_block_structure_edge_cases() {
        for text in [
            "para\n| a | b |\n|-|-|\n| 1 | 2 |\n",
            "| a | b |\n|-|-|\n| 1 | 2 |\n    indented\n",
            "| a | b |\n|-|-|\n| 1 | 2 |\n> q\n",
            "| a | b |\n|-|-|\n| 1 | 2 |\n- item\n",
            "| a | b |\n|-|-|\n| 1 | 2 |\n<div>\n",
            "- item\n| a | b |\n|-|-|\n| 1 | 2 |\n",
            "- item\n\n  | a | b |\n  |-|-|\n  | 1 | 2 |\n",
            "- item\n  | a | b |\n  |-|-|\n  | 1 | 2 |\n| 3 | 4 |\n",
            "| a |\n---\n",
            "a\n|---\n",
            "| a | b |\n|-|-|-|\n",
            "| a | b |\n| - | - |\n| 1 | 2 |\n  - x\n",
            "| a | b |\n|-|-|\n| 1 | 2 |\n1. x\n",
            "| a | b |\n|-|-|\n| 1 | 2 |\n2. x\n",
            "| a | b |\n|-|-|\n| 1 | 2 |\n<span>\n",
            "| a | b |\n|-|-|\n| 1 | 2 |\n===\n",
            "| a | b |\n|-|-|\n| 1 | 2 |\n-\n",
            "* * *\n| a | b |\n|-|-|\n",
            "    | a | b |\n    |-|-|\n",
            "   | a | b |\n   |-|-|\n",
            "| a | b |\n    |-|-|\n",
            "x\n    | a | b |\n|-|-|\n",
            "1. item\n\n    | a | b |\n    |-|-|\n",
            "- item\n\n      | a | b |\n      |-|-|\n",
            "<div>\n| a | b |\n|-|-|\n",
            "<span>\n| a | b |\n|-|-|\n",
            "[x]: /u\n| a | b |\n|-|-|\n",
            "# h\n| a | b |\n|-|-|\n",
            "| a | b |\n|-|-|\n| 1 | 2 |\n- \n",
            "a|b\n-|-\n",
            "|a|\n|-|\n",
            "a\n-|\n",
            "| a\n|-\n",
            "| a | b |\n|:-:|-:|\n|  | x |\n| y |\n",
            "| a \\\\| b |\n|-|-|\n",
            "| Code | b |\n|\t-\t|\t-\t|\n| x | y |\n",
            "```\n| Code | Status |\n|-|-|\n```\n| a | b |\n|-|-|\n",
            "~~~~\n| Code |\n```\n~~~\n| a |\n~~~~\n| a | b |\n|-|-|\n",
            "<!--\n| a | b |\n|-|-|\n-->\n| c | d |\n|-|-|\n",
            "- a\n  - b\n\n    | x | y |\n    |-|-|\n    | 1 | 2 |\n",
            "| a | b |\n|-|-|\n| 1 | 2 | 3 | 4 |\n| 1 | 2 | | 4 |\n| 1 | 2 | |\n",
            "\t| a | b |\n\t|-|-|\n",
            "  \t| a | b |\n|-|-|\n",
            // An empty item closes at a blank line: what follows is code.
            "| a | b |\n|-|-|\n-\n\n    | Code | Status |\n    |-|-|\n",
            // Definitions go on lazily, in a list item and in a quote.
            "| a | b |\n|-|-|\n| [q][r] | [r]\\[r] |\n   - [a]: b\n[r]: http://r\n",
            "> | a | b |\n> |-|-|\n> | [q][r] |\n\n>[a]: b\n[r]: http://r\n",
        ] {
            if let Some(found) = disagreement(text) {
                panic!("{found}");
            }
        }
    }

    #[test]
    fn agrees_on_cell_text() {
        for cell in CELLS {
            let text = format!("| Code | Description |\n| --- | --- |\n| {cell} | x {cell} y |\n\n[r]: /r\n[ref]: /ref\n");
            if let Some(found) = disagreement(&text) {
                panic!("{found}");
            }
        }
    }

    /// Cell contents, from plain to every inline construct and its near
    /// misses.
    const CELLS: &[&str] = &[
        "AccessDenied",
        "*emph*",
        "**strong**",
        "_under_",
        "snake_case_name",
        "a * b",
        "`code`",
        "`a\\|b`",
        "a\\|b",
        "[link](http://x)",
        "[ref]",
        "[q][r]",
        "[r][]",
        "[x][]",
        "[x]",
        "![img](i.png)",
        "![al*t*](i)",
        "<br>",
        "<br/>",
        "<BR >",
        "<b>bold</b>",
        "<http://x.y>",
        "<a@b.co>",
        "<x y>",
        "&amp;",
        "&#65;",
        "&#x41;",
        "&copy;",
        "&nbsp;",
        "&#0;",
        "&#x1F600;",
        "&#1234567;",
        "&#;",
        "& amp;",
        "\\*not\\*",
        "a\\\\",
        "***x***",
        "*a **b** c*",
        "__x__",
        "x_y_z",
        "*x",
        "x*",
        "(x)",
        "[",
        "]",
        "<",
        ">",
        "`",
        "`` a ` b ``",
        "``x`",
        "` a `",
        "`  `",
        "~~s~~",
        "5 < 6",
        "\"quote\"",
        "'",
        "!",
        "![",
        "*a*b*",
        "_a_b_",
        "**a*",
        "*a**",
        "[*a*](u)",
        "[a](u \"t\")",
        "[a](<u v>)",
        "[a]( u )",
        "[a](u(v))",
        "[a](u(v)",
        "[a](u \"t)",
        "[a [b](c) d](e)",
        "![a [b](c)](d)",
        "[a]b",
        "**a**b",
        "_a_b",
        "a_b_",
        "*(a)*",
        "_(a)_",
        "**(a)**",
        "a**\"b\"**",
        "*a*\\*",
        "\\",
        "\\a",
        "\\`x`",
        "*`x*`",
        "`*x`*",
        "<!-- c -->",
        "<?p?>",
        "<!X y>",
        "<![CDATA[x]]>",
        "<a href=\"x\">t</a>",
        "<a href='x'>",
        "<a href=x>",
        "<a b=>",
        "</a >",
        "<a/>",
        "<1>",
        "über",
        "caf\u{e9} *x*",
        "a *\u{e9}* b",
        "***a*",
        "a***b***c",
        "*a _b* c_",
        "_a *b_ c*",
        "**a _b** c_",
        "*foo**bar**baz*",
        "*foo**bar*",
        "**foo*bar*baz**",
        "foo***bar***baz",
        "*****a*****",
        "[a]: b",
        "[]()",
        "[](x)",
        "[ ](x)",
        "[a]()",
        "[a](#x)",
        "[r] [ref]",
        "[R]",
        "[ref ][]",
        "[a\\]](x)",
        "[a`]`](x)",
        "`[a](x)`",
        "<http://a>b",
        "&AMP;",
        "&Amp;",
        "&lt;b&gt;",
        "a  b",
        "a\tb",
        "x&y",
        "&&",
        "&#x;",
        "[(<u>)](<http://a.b>` \"t\")",
        "[r](<b>&)",
        "[ref](<br>(u))",
        "![[ref]\\[&,\".,>]",
        "[r]\\[r]",
        "[ref]\\[ ]bc<br>",
        "[r][ ]",
    ];

    /// The seed and count of a generated test: `ERRTABLE_MARKDOWN_SEED`
    /// and `ERRTABLE_MARKDOWN_DOCS` run others, or more (RELIABILITY.md,
    /// "The Markdown reader").
    fn generated(seed: u64, count: u64) -> (u64, u64) {
        let from_env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
        (
            from_env("ERRTABLE_MARKDOWN_SEED").unwrap_or(seed) | 1,
            from_env("ERRTABLE_MARKDOWN_DOCS").unwrap_or(count),
        )
    }

    /// A seeded xorshift: each call a number below its argument.
    fn below(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % below as u64).unwrap()
        }
    }

    #[test]
    fn agrees_on_generated_cells() {
        let (seed, cells) = generated(0x2545_f491_4f6c_dd1d, 50_000);
        let mut next = below(seed);
        let pieces: &[&str] = &[
            "*",
            "**",
            "_",
            "__",
            "***",
            "[",
            "]",
            "(",
            ")",
            "](",
            "![",
            "`",
            "``",
            "\\",
            "\\*",
            "\\_",
            "\\[",
            "<",
            ">",
            "<b>",
            "</b>",
            "<br>",
            "<http://a.b>",
            "&amp;",
            "&#65;",
            "&",
            ";",
            "!",
            "\"",
            "'",
            " ",
            "  ",
            "a",
            "bc",
            "x1",
            "\u{e9}",
            ".",
            ",",
            "-",
            ":",
            "/",
            "\\|",
            "[r]",
            "[ref]",
            "[]",
            "(u)",
            "(<u>)",
            " \"t\")",
        ];
        for _ in 0..cells {
            let cell: String = (0..=next(10)).map(|_| pieces[next(pieces.len())]).collect();
            let text = format!(
                "| Code | Description |\n| --- | --- |\n| {cell} | x |\n\n[r]: /r\n[ref]: /ref\n"
            );
            if let Some(found) = disagreement(&text) {
                panic!("{found}");
            }
        }
    }

    #[test]
    fn agrees_on_generated_documents() {
        let (seed, documents) = generated(0x1234_5678_9abc_def1, 20_000);
        let mut next = below(seed);
        let blocks: &[&str] = &[
            "# Errors",
            "## Table",
            "Some text.",
            "text | with pipe",
            "---",
            "***",
            "===",
            "> quoted",
            "> | Code | Status |",
            "- item",
            "  - nested",
            "1. first",
            "2) second",
            "    indented",
            "\tindented",
            "```",
            "~~~",
            "<div>",
            "</div>",
            "<!-- note -->",
            "<span>",
            "[r]: http://r",
            "[ref]: /x \"t\"",
            "",
            "",
            "",
            "| Code | Status |",
            "|---|---|",
            "| --- | :-: | ---: |",
            "Code | Status",
            "-|-",
            "  | a | b |",
            "     | a | b |",
            "| x |",
            "|-|",
            "- | a | b |",
            "  |-|-|",
            "> |---|---|",
            "> | a | b |",
            ">",
            "> > | Code | Status |",
            "> > |-|-|",
            "> - item",
            ">     code",
            "> ```",
            ">| Code | Status |",
            "- > | Code | Status |",
            "  > |-|-|",
        ];
        for _ in 0..documents {
            let mut text = String::new();
            for _ in 0..next(12) {
                if next(3) == 0 {
                    let columns = 1 + next(3);
                    let pipes = next(2) == 0;
                    let indent = [0, 0, 0, 1, 2, 3, 4][next(7)];
                    let prefix = ["", "", "", "> ", ">", "> > ", "- "][next(7)];
                    let row = |cells: Vec<String>| {
                        let mut line = " ".repeat(indent);
                        line.push_str(prefix);
                        if pipes {
                            line.push_str("| ");
                        }
                        line.push_str(&cells.join(" | "));
                        if pipes {
                            line.push_str(" |");
                        }
                        line
                    };
                    let header = (0..columns)
                        .map(|i| ["Code", "Status", "Type"][i].to_owned())
                        .collect();
                    text.push_str(&row(header));
                    text.push('\n');
                    text.push_str(&row((0..columns)
                        .map(|_| ["---", ":-:", "-", "--:"][next(4)].to_owned())
                        .collect()));
                    text.push('\n');
                    for _ in 0..next(4) {
                        let cells = (0..columns + next(3) - 1.min(columns))
                            .map(|_| CELLS[next(CELLS.len())].to_owned())
                            .collect();
                        text.push_str(&row(cells));
                        text.push('\n');
                    }
                } else {
                    text.push_str(blocks[next(blocks.len())]);
                    text.push('\n');
                }
            }
            if let Some(found) = disagreement(&text) {
                panic!("{found}");
            }
        }
    }
}
