//! The tables of a Markdown document, found line by line as GitHub's
//! Markdown finds them: a header row and a delimiter row with as many
//! cells start a table, which runs to a blank line or the next block;
//! nothing inside code blocks or HTML blocks is a table; tables in list
//! items and block quotes are read too.
//!
//! This is the part of `CommonMark` (with GFM tables) that decides where
//! tables are, not a Markdown renderer: pulldown-cmark, a full one, cost a
//! deriving crate more than a second of every clean build (BENCHMARKS.md,
//! "The smallest crate"). Its readings are the test oracle (`oracle`'s
//! tests): on any document this reader finds the same tables, cells and
//! positions, or refuses with a problem, never a different answer.

use super::inline::{self, Definitions};
use super::{every, is_blank, leading, run_of, trim_blank_end, trim_blank_start};
use crate::table::{Cell, LineIndex, Pos};

/// One table: its header's cells, its rows' cells, and per row where text
/// past the header's count of cells starts (Markdown drops it).
#[cfg_attr(test, derive(Debug, PartialEq))]
pub(super) struct Table {
    pub(super) pos: Pos,
    pub(super) header: Vec<Cell>,
    pub(super) rows: Vec<(Pos, Vec<Cell>)>,
    pub(super) excess: Vec<Option<Pos>>,
}

/// What reading the document found: its tables; the first line in a code
/// block that reads like a table's header with `looks_like_header`; and
/// what it refused to guess.
pub(super) struct Document {
    pub(super) tables: Vec<Table>,
    pub(super) header_in_code_block: Option<Pos>,
    pub(super) refusals: Vec<(Pos, String)>,
}

/// A line of the document without its line ending, and where it starts.
#[derive(Clone, Copy)]
struct Line<'a> {
    start: usize,
    text: &'a str,
}

impl<'a> Line<'a> {
    /// Columns of indentation (a tab to the next multiple of 4) and the
    /// byte offset of the first other character.
    fn indent(&self) -> (usize, usize) {
        let mut columns = 0;
        for (at, b) in self.text.bytes().enumerate() {
            match b {
                b' ' => columns += 1,
                b'\t' => columns += 4 - columns % 4,
                _ => return (columns, at),
            }
        }
        (columns, self.text.len())
    }

    fn rest(&self) -> &'a str {
        &self.text[self.indent().1..]
    }
}

/// Block quotes nest as scans in scans; deeper ones are read as text
/// (a table in them refused), so that `>>>>…` cannot exhaust the stack.
const MAX_QUOTE_DEPTH: usize = 32;

/// A table found by the block scan, before its cells are read (link
/// definitions anywhere in the document decide those).
struct TableLines<'a> {
    /// The header row, from its first character.
    header: Line<'a>,
    columns: usize,
    rows: Vec<Line<'a>>,
}

/// The leaf block the scan is in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Leaf {
    None,
    /// A paragraph: its last line and the byte offset its text starts at
    /// (past a list marker), and whether that line can be a table's header
    /// (not indented 4 or more, not a lazy continuation).
    Paragraph {
        last: usize,
        from: usize,
        header_ok: bool,
        /// Whether it went on lazily, without its container's indentation,
        /// at some line: where a table after that starts, pulldown-cmark
        /// and GitHub disagree, so this reader refuses it.
        lazy: bool,
    },
    /// A paragraph that so far holds only link reference definitions
    /// (more may follow; its lines are no table's header).
    Definitions,
    Table,
    Fence {
        marker: u8,
        length: usize,
    },
    IndentedCode,
    Html(HtmlEnd),
    /// A block quote, whose content `Scan::quote` reads.
    Quote,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum HtmlEnd {
    Text(&'static str),
    BlankLine,
}

/// Every table of `text`, with what else `Document` holds;
/// `looks_like_header` says whether a line of a code block reads like the
/// header of a table worth naming.
pub(super) fn document(text: &str, looks_like_header: &dyn Fn(&str) -> bool) -> Document {
    let index = LineIndex::new(text);
    let mut refusals = Vec::new();
    if let Some(at) = text
        .match_indices('\r')
        .find(|&(at, _)| text.as_bytes().get(at + 1) != Some(&b'\n'))
        .map(|(at, _)| at)
    {
        refusals.push((
            index.pos(at),
            "a carriage return without a line feed: save the file with `\\n` or `\\r\\n` line endings".to_owned(),
        ));
    }
    if let Some(at) = text.find('\0') {
        refusals.push((index.pos(at), "a NUL character".to_owned()));
    }
    let mut start = 0;
    let mut lines = Vec::new();
    for raw in text.split_inclusive('\n') {
        lines.push(Line {
            start,
            text: raw.trim_end_matches('\n').trim_end_matches('\r'),
        });
        start += raw.len();
    }
    let mut scan = Scan::new(looks_like_header, 0);
    for line in lines {
        scan.push(line);
    }
    scan.end_quote();
    let Scan {
        tables: found,
        definitions,
        header_in_code_block,
        refusals: scan_refusals,
        ..
    } = scan;
    for (at, message) in scan_refusals {
        refusals.push((index.pos(at), message));
    }
    let mut defined = Definitions::new();
    for label in definitions {
        defined.insert(label);
    }
    let mut tables = Vec::with_capacity(found.len());
    for table in &found {
        tables.push(read_table(table, &defined, &index, &mut refusals));
    }
    Document {
        tables,
        header_in_code_block: header_in_code_block.map(|at| index.pos(at)),
        refusals,
    }
}

/// The block structure of a document (or of a block quote's content), line
/// by line.
struct Scan<'l, 'a> {
    /// How many block quotes this scan is inside.
    depth: usize,
    lines: Vec<Line<'a>>,
    /// The content columns of the open list items, innermost last.
    lists: Vec<usize>,
    /// The innermost list item is empty so far (its line had only the
    /// marker): a blank line next closes it.
    empty_item: bool,
    leaf: Leaf,
    /// The content of the open block quote (`Leaf::Quote`), scanned as a
    /// document of its own: its lines without their `>`.
    quote: Option<Box<Scan<'l, 'a>>>,
    tables: Vec<TableLines<'a>>,
    /// The labels of link reference definitions, normalised.
    definitions: Vec<String>,
    header_in_code_block: Option<usize>,
    refusals: Vec<(usize, String)>,
    looks_like_header: &'l dyn Fn(&str) -> bool,
}

impl<'l, 'a> Scan<'l, 'a> {
    fn new(looks_like_header: &'l dyn Fn(&str) -> bool, depth: usize) -> Self {
        Scan {
            depth,
            lines: Vec::new(),
            lists: Vec::new(),
            empty_item: false,
            leaf: Leaf::None,
            quote: None,
            tables: Vec::new(),
            definitions: Vec::new(),
            header_in_code_block: None,
            refusals: Vec::new(),
            looks_like_header,
        }
    }

    fn push(&mut self, line: Line<'a>) {
        self.lines.push(line);
        self.line(self.lines.len() - 1);
    }

    /// Closes the open block quote, taking in what its content held.
    fn end_quote(&mut self) {
        if let Some(mut quote) = self.quote.take() {
            quote.end_quote();
            self.tables.append(&mut quote.tables);
            self.definitions.append(&mut quote.definitions);
            self.header_in_code_block = self.header_in_code_block.or(quote.header_in_code_block);
            self.refusals.append(&mut quote.refusals);
        }
        if self.leaf == Leaf::Quote {
            self.leaf = Leaf::None;
        }
    }

    fn lazy(&self) -> bool {
        matches!(self.leaf, Leaf::Paragraph { lazy: true, .. })
    }

    /// Whether the innermost open block is a paragraph (inside quotes too),
    /// which a line may lazily go on with.
    fn open_paragraph(&self) -> bool {
        match &self.quote {
            Some(quote) if self.leaf == Leaf::Quote => quote.open_paragraph(),
            _ => self.in_paragraph(),
        }
    }

    fn in_paragraph(&self) -> bool {
        matches!(self.leaf, Leaf::Paragraph { .. } | Leaf::Definitions)
    }

    /// Whether `rest`, a line indented `indent` columns, less than its
    /// container (a block quote or list item) asks, ends the container
    /// rather than lazily going on with its paragraph: as a block start
    /// ends a paragraph (counted from the innermost item the line fits
    /// in), but a non-empty list item of any number does, and so does a
    /// `-` underline (an `=` one is text), as pulldown-cmark reads them.
    fn ends_lazy_text(&self, indent: usize, rest: &str) -> bool {
        self.fitting(indent) < 4
            && (starts_block(rest, 0, true)
                || list_item(rest, false).is_some_and(|item| item.spaces.is_some())
                || (is_setext_underline(rest) && rest.starts_with('-')))
    }

    /// A line's indentation past the innermost open list item it is
    /// indented enough to belong to.
    fn fitting(&self, indent: usize) -> usize {
        indent
            - self
                .lists
                .iter()
                .rev()
                .find(|&&column| column <= indent)
                .copied()
                .unwrap_or(0)
    }

    fn container(&self) -> usize {
        self.lists.last().copied().unwrap_or(0)
    }

    fn line(&mut self, number: usize) {
        let line = self.lines[number];
        let (indent, first) = line.indent();
        let rest = &line.text[first..];
        // Lines that belong to an open code or HTML block, whatever they hold.
        match self.leaf {
            Leaf::Fence { marker, length } if rest.is_empty() || indent >= self.container() => {
                let relative = indent.saturating_sub(self.container());
                let fence = run_of(rest.as_bytes(), 0, marker);
                let closing = relative < 4 && fence >= length && every(&rest[fence..], is_blank);
                if closing {
                    self.leaf = Leaf::None;
                } else {
                    self.code_line(line);
                }
                return;
            }
            Leaf::Html(end)
                if rest.is_empty()
                    || indent >= self.container()
                    || matches!(end, HtmlEnd::Text(_)) =>
            {
                match end {
                    HtmlEnd::BlankLine if rest.is_empty() => self.leaf = Leaf::None,
                    HtmlEnd::Text(close) if line.text.to_ascii_lowercase().contains(close) => {
                        self.leaf = Leaf::None;
                    }
                    _ => {}
                }
                return;
            }
            _ => {}
        }
        if rest.is_empty() {
            self.end_quote();
            if self.leaf != Leaf::IndentedCode {
                self.leaf = Leaf::None;
            }
            // An item can start with at most one blank line.
            if std::mem::take(&mut self.empty_item) {
                self.lists.pop();
            }
            return;
        }
        self.empty_item = false;
        if self.leaf == Leaf::Quote {
            if rest.starts_with('>') && (self.container()..self.container() + 4).contains(&indent) {
                self.quoted(line.start + first, rest);
                return;
            }
            let quote_text = self
                .quote
                .as_ref()
                .is_some_and(|quote| quote.open_paragraph());
            if quote_text && !self.ends_lazy_text(indent, rest) {
                if let Some(quote) = self.quote.as_mut() {
                    quote.lazy_line(line);
                }
                return;
            }
            self.end_quote();
        }
        // A line indented less than the innermost list item's content
        // closes it, unless it lazily continues that item's paragraph.
        if indent < self.container() {
            let lazy = self.in_paragraph() && !self.ends_lazy_text(indent, rest);
            // A delimiter row outdented from its header's list item: a
            // table or not, lazy text or a new list, depends on the reader.
            if let Leaf::Paragraph { last, from, .. } = self.leaf {
                if self.table_after(last, from, rest).is_some() {
                    self.refuse_lazy_table(from);
                }
            }
            if lazy {
                self.lazy_text(line);
                return;
            }
            while indent < self.container() {
                self.lists.pop();
            }
            self.leaf = Leaf::None;
        }
        let relative = indent - self.container();
        self.block(number, line.start + first, rest, relative);
    }

    /// A non-blank line of the innermost container, `relative` columns in.
    fn block(&mut self, number: usize, at: usize, rest: &'a str, relative: usize) {
        if relative >= 4 {
            match self.leaf {
                // After definitions, even an indented line can be a
                // table's header (as pulldown-cmark reads them).
                Leaf::Paragraph { .. } | Leaf::Definitions => {
                    self.leaf = Leaf::Paragraph {
                        last: number,
                        from: at,
                        header_ok: self.leaf == Leaf::Definitions,
                        lazy: self.lazy(),
                    };
                }
                // pulldown-cmark ends a table at an indented line that
                // would start a block unindented; that line is code.
                Leaf::Table if !interrupts_table(rest) => self.table_row(number),
                _ => {
                    self.leaf = Leaf::IndentedCode;
                    self.code_line(self.lines[number]);
                }
            }
            return;
        }
        if let Leaf::Paragraph {
            last,
            from,
            header_ok,
            lazy,
        } = self.leaf
        {
            if self.table_after(last, from, rest).is_some() && lazy {
                self.refuse_lazy_table(from);
            }
            if let Some(columns) = self
                .table_after(last, from, rest)
                .filter(|_| header_ok && !lazy)
            {
                {
                    let line = self.lines[last];
                    self.tables.push(TableLines {
                        header: Line {
                            start: from,
                            text: &line.text[from - line.start..],
                        },
                        columns,
                        rows: Vec::new(),
                    });
                    self.leaf = Leaf::Table;
                    return;
                }
            }
        }
        let in_paragraph = self.in_paragraph();
        // A lone HTML tag (type 7) interrupts neither a paragraph nor a table.
        let html_interrupts = !in_paragraph && self.leaf != Leaf::Table;
        if let Some((marker, length)) = fence(rest) {
            self.leaf = Leaf::Fence { marker, length };
            self.code_line(self.lines[number]);
        } else if is_heading(rest)
            || is_thematic_break(rest)
            || (matches!(self.leaf, Leaf::Paragraph { .. }) && is_setext_underline(rest))
        {
            self.leaf = Leaf::None;
        } else if let Some(end) = html_block(rest, !html_interrupts) {
            self.leaf = Leaf::Html(end);
            if let HtmlEnd::Text(close) = end {
                if rest.to_ascii_lowercase()[1..].contains(close) {
                    self.leaf = Leaf::None;
                }
            }
        } else if rest.starts_with('>') && self.depth < MAX_QUOTE_DEPTH {
            self.leaf = Leaf::Quote;
            self.quote = Some(Box::new(Scan::new(self.looks_like_header, self.depth + 1)));
            self.quoted(at, rest);
        } else if rest.starts_with('>')
            && delimiter_cells(&rest[leading(rest.as_bytes(), |b| b == b'>' || is_blank(b))..])
                .is_some()
        {
            self.refusals.push((
                at,
                format!("a table in block quotes nested more than {MAX_QUOTE_DEPTH} deep"),
            ));
        } else if let Some(content) = list_item(rest, in_paragraph) {
            // The marker's column: past the line's indentation, or past an
            // outer marker on the same line.
            let line = self.lines[number];
            let marker_end = columns(&line.text[..at - line.start]) + content.marker;
            let content_column = match content.spaces {
                None | Some(5..) => marker_end + 1,
                Some(spaces) => marker_end + spaces,
            };
            self.lists.push(content_column);
            self.empty_item = content.spaces.is_none();
            self.leaf = Leaf::None;
            let inner = &rest[rest.len() - content.text.len()..];
            if !inner.trim().is_empty() {
                let inner_at = at + (rest.len() - inner.len());
                let inner_rest = trim_blank_start(inner);
                let inner_at = inner_at + (inner.len() - inner_rest.len());
                self.block(number, inner_at, inner_rest, 0);
            }
        } else if self.leaf == Leaf::Table {
            self.table_row(number);
        } else if let Some(label) =
            definition(rest).filter(|_| !matches!(self.leaf, Leaf::Paragraph { .. }))
        {
            self.definitions.push(inline::normalize_label(label));
            self.leaf = Leaf::Definitions;
        } else if in_paragraph {
            // A table interrupts a paragraph only from a header that starts
            // with a pipe (as pulldown-cmark reads them); definitions are
            // no paragraph to interrupt.
            self.leaf = Leaf::Paragraph {
                last: number,
                from: at,
                header_ok: rest.starts_with('|') || self.leaf == Leaf::Definitions,
                lazy: self.lazy(),
            };
        } else {
            self.leaf = Leaf::Paragraph {
                last: number,
                from: at,
                header_ok: true,
                lazy: false,
            };
        }
    }

    /// The number of columns, if `rest` is a delimiter row that makes a
    /// table of the paragraph line `last` (its text from `from`).
    fn table_after(&self, last: usize, from: usize, rest: &str) -> Option<usize> {
        let columns = delimiter_cells(rest)?;
        let header = &self.lines[last].text[from - self.lines[last].start..];
        // A header ending in an unescaped `\` (a hard line break) makes
        // no table.
        let end = header.trim_end().as_bytes();
        let mut backslashes = 0;
        while backslashes < end.len() && end[end.len() - 1 - backslashes] == b'\\' {
            backslashes += 1;
        }
        let ok = has_pipe(header) && backslashes % 2 == 0 && split_cells(header).len() == columns;
        ok.then_some(columns)
    }

    /// A table in a paragraph that went on lazily: where it starts, GitHub
    /// and pulldown-cmark disagree, so no reading is right.
    fn refuse_lazy_table(&mut self, header: usize) {
        self.refusals.push((
            header,
            "a table right after text that went on without its list item's indentation: \
             put a blank line before the table, or indent it with the item"
                .to_owned(),
        ));
    }

    fn table_row(&mut self, number: usize) {
        let line = self.lines[number];
        if let Some(table) = self.tables.last_mut() {
            table.rows.push(line);
        }
    }

    fn code_line(&mut self, line: Line) {
        if self.header_in_code_block.is_none() && (self.looks_like_header)(line.rest()) {
            self.header_in_code_block = Some(line.start + line.indent().1);
        }
    }

    /// A line of the open block quote, `rest` from its `>` at `at`: its
    /// content goes to the quote's own scan.
    fn quoted(&mut self, at: usize, rest: &'a str) {
        let content = &rest[1..];
        let (skip, text) = match content.strip_prefix(' ') {
            Some(text) => (2, text),
            None => (1, content),
        };
        if let Some(quote) = self.quote.as_mut() {
            quote.push(Line {
                start: at + skip,
                text,
            });
        }
    }

    /// A line that lazily goes on with the paragraph the scan is in.
    fn lazy_line(&mut self, line: Line<'a>) {
        if let Some(quote) = self.quote.as_mut() {
            quote.lazy_line(line);
            return;
        }
        self.lines.push(line);
        self.lazy_text(line);
    }

    /// The paragraph goes on with `line` (the last of `lines`) lazily: as
    /// text, or a further definition after definitions.
    fn lazy_text(&mut self, line: Line<'a>) {
        if self.leaf == Leaf::Definitions {
            if let Some(label) = definition(line.rest()) {
                self.definitions.push(inline::normalize_label(label));
                return;
            }
        }
        self.leaf = Leaf::Paragraph {
            last: self.lines.len() - 1,
            from: line.start + line.indent().1,
            header_ok: false,
            lazy: true,
        };
    }
}

/// The columns `text` spans, a tab to the next multiple of 4.
fn columns(text: &str) -> usize {
    let mut column = 0;
    for c in text.chars() {
        column = if c == '\t' {
            column + 4 - column % 4
        } else {
            column + 1
        };
    }
    column
}

/// Whether `rest` (a line from its first non-blank character) starts a
/// block that ends a paragraph; `in_paragraph` applies the rules for list
/// items and HTML that cannot interrupt one.
fn starts_block(rest: &str, indent: usize, in_paragraph: bool) -> bool {
    indent < 4
        && (fence(rest).is_some()
            || is_heading(rest)
            || is_thematic_break(rest)
            || html_block(rest, in_paragraph).is_some()
            || rest.starts_with('>')
            || list_item(rest, in_paragraph).is_some())
}

/// Whether `rest` starts a block that ends a table: as for a paragraph,
/// but any list item does.
fn interrupts_table(rest: &str) -> bool {
    fence(rest).is_some()
        || is_heading(rest)
        || is_thematic_break(rest)
        || html_block(rest, true).is_some()
        || rest.starts_with('>')
        || list_item(rest, false).is_some()
}

/// Whether `line` has a `|` that separates cells (not one escaped).
fn has_pipe(line: &str) -> bool {
    let bytes = line.as_bytes();
    (0..bytes.len()).any(|at| bytes[at] == b'|' && (at == 0 || bytes[at - 1] != b'\\'))
}

/// The cells of a table row (`line` from its first non-blank character),
/// as byte ranges: split at each `|` not after a `\`, without the outer
/// pipes.
fn split_cells(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut start = usize::from(bytes.first() == Some(&b'|'));
    let end = {
        let trimmed = trim_blank_end(line).len();
        if trimmed > start
            && bytes[trimmed - 1] == b'|'
            && (trimmed < 2 || bytes[trimmed - 2] != b'\\')
        {
            trimmed - 1
        } else {
            line.len()
        }
    };
    let mut cells = Vec::new();
    let mut at = start;
    while at < end {
        if bytes[at] == b'|' && (at == 0 || bytes[at - 1] != b'\\') {
            cells.push((start, at));
            start = at + 1;
        }
        at += 1;
    }
    cells.push((start, end.max(start)));
    cells
}

/// The number of cells of a delimiter row (`|---|:--:|`), if `rest` is one.
fn delimiter_cells(rest: &str) -> Option<usize> {
    if !has_pipe(rest) {
        return None;
    }
    let cells = split_cells(rest);
    for &(start, end) in &cells {
        let cell = trim_blank_end(trim_blank_start(&rest[start..end]));
        let inner = cell.strip_prefix(':').unwrap_or(cell);
        let inner = inner.strip_suffix(':').unwrap_or(inner);
        if inner.is_empty() || !every(inner, |b| b == b'-') {
            return None;
        }
    }
    Some(cells.len())
}

/// A code fence: its character and length.
fn fence(rest: &str) -> Option<(u8, usize)> {
    let marker = *rest.as_bytes().first()?;
    if marker != b'`' && marker != b'~' {
        return None;
    }
    let length = run_of(rest.as_bytes(), 0, marker);
    let info = &rest[length..];
    (length >= 3 && !(marker == b'`' && info.contains('`'))).then_some((marker, length))
}

fn is_heading(rest: &str) -> bool {
    let hashes = run_of(rest.as_bytes(), 0, b'#');
    (1..=6).contains(&hashes) && matches!(rest.as_bytes().get(hashes), None | Some(b' ' | b'\t'))
}

fn is_thematic_break(rest: &str) -> bool {
    let Some(&marker) = rest.as_bytes().first() else {
        return false;
    };
    if !matches!(marker, b'*' | b'-' | b'_') {
        return false;
    }
    let mut markers = 0;
    for &b in rest.as_bytes() {
        if b == marker {
            markers += 1;
        } else if !is_blank(b) {
            return false;
        }
    }
    markers >= 3
}

fn is_setext_underline(rest: &str) -> bool {
    let trimmed = trim_blank_end(rest);
    !trimmed.is_empty() && (every(trimmed, |b| b == b'=') || every(trimmed, |b| b == b'-'))
}

/// The HTML block `rest` starts, by how it ends; type 7 (any lone tag)
/// cannot interrupt a paragraph.
fn html_block(rest: &str, in_paragraph: bool) -> Option<HtmlEnd> {
    if !rest.starts_with('<') {
        return None;
    }
    let lower = rest.to_ascii_lowercase();
    let name_end =
        |from: usize| from + leading(&lower.as_bytes()[from..], |b| b.is_ascii_alphanumeric());
    let followed_well = |at: usize, slash: bool| match lower.as_bytes().get(at) {
        None | Some(b' ' | b'\t' | b'>') => true,
        Some(b'/') => slash && lower.as_bytes().get(at + 1) == Some(&b'>'),
        _ => false,
    };
    for (tag, close) in [
        ("pre", "</pre>"),
        ("script", "</script>"),
        ("style", "</style>"),
        ("textarea", "</textarea>"),
    ] {
        if lower[1..].starts_with(tag)
            && name_end(1) == 1 + tag.len()
            && followed_well(1 + tag.len(), false)
        {
            return Some(HtmlEnd::Text(close));
        }
    }
    if lower.starts_with("<!--") {
        return Some(HtmlEnd::Text("-->"));
    }
    if lower.starts_with("<?") {
        return Some(HtmlEnd::Text("?>"));
    }
    if lower.starts_with("<![cdata[") {
        return Some(HtmlEnd::Text("]]>"));
    }
    if lower.starts_with("<!") && lower.as_bytes().get(2).is_some_and(u8::is_ascii_alphabetic) {
        return Some(HtmlEnd::Text(">"));
    }
    let name_start = if lower.starts_with("</") { 2 } else { 1 };
    let end = name_end(name_start);
    if BLOCK_TAGS.contains(&&lower[name_start..end]) && followed_well(end, true) {
        return Some(HtmlEnd::BlankLine);
    }
    let lone_tag =
        inline::html_tag_length(rest, &mut inline::Unclosed::default()).is_some_and(|length| {
            rest[length..].trim().is_empty() && !rest.starts_with("<!") && !rest.starts_with("<?")
        });
    (lone_tag && !in_paragraph).then_some(HtmlEnd::BlankLine)
}

/// The tags that start an HTML block of type 6.
const BLOCK_TAGS: [&str; 62] = [
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// A list item's marker: its width, the spaces after it (`None` when the
/// item is empty), and the text after those.
struct ListItem<'a> {
    marker: usize,
    spaces: Option<usize>,
    text: &'a str,
}

/// The list item `rest` starts; in a paragraph only a non-empty item, and
/// an ordered one only from 1, interrupts it.
fn list_item(rest: &str, in_paragraph: bool) -> Option<ListItem<'_>> {
    let bytes = rest.as_bytes();
    let digits = leading(bytes, |b| b.is_ascii_digit());
    let marker = match bytes.first()? {
        b'-' | b'+' | b'*' => 1,
        _ if (1..=9).contains(&digits) && matches!(bytes.get(digits), Some(b'.' | b')')) => {
            if in_paragraph && &rest[..digits] != "1" {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    let after = &rest[marker..];
    if after.is_empty() {
        return (!in_paragraph).then_some(ListItem {
            marker,
            spaces: None,
            text: after,
        });
    }
    if !after.starts_with([' ', '\t']) {
        return None;
    }
    let text = trim_blank_start(after);
    if text.is_empty() {
        return (!in_paragraph).then_some(ListItem {
            marker,
            spaces: None,
            text,
        });
    }
    let spaces = after.len() - text.len();
    Some(ListItem {
        marker,
        spaces: Some(spaces),
        text,
    })
}

/// The label of a link reference definition (`[label]: destination
/// "title"`) on one line.
fn definition(rest: &str) -> Option<&str> {
    let inner = rest.strip_prefix('[')?;
    let close = inner.find("]:")?;
    let label = &inner[..close];
    if label.trim().is_empty() || label.contains(['[', ']']) {
        return None;
    }
    let after = trim_blank_start(&inner[close + 2..]);
    let destination_end = if let Some(angle) = after.strip_prefix('<') {
        angle.find('>')? + 2
    } else {
        leading(after.as_bytes(), |b| !is_blank(b))
    };
    if destination_end == 0 {
        return None;
    }
    let title = after[destination_end..].trim();
    let closed = |open: char, close: char| {
        title.len() >= 2 && title.starts_with(open) && title.ends_with(close)
    };
    let title_ok = title.is_empty() || closed('"', '"') || closed('\'', '\'') || closed('(', ')');
    (title_ok && (title.is_empty() || after[destination_end..].starts_with([' ', '\t'])))
        .then_some(label)
}

/// A found table's cells, read as text.
fn read_table(
    found: &TableLines,
    definitions: &Definitions,
    index: &LineIndex,
    refusals: &mut Vec<(Pos, String)>,
) -> Table {
    let mut read_row = |line: Line| -> (Pos, Vec<Cell>, Option<Pos>) {
        let rest = line.rest();
        let row_at = line.start + line.indent().1;
        let mut cells = Vec::new();
        let mut excess = None;
        for (count, &(start, end)) in split_cells(rest).iter().enumerate() {
            let raw = &rest[start..end];
            let content = trim_blank_start(raw);
            let at = row_at + start + (raw.len() - content.len());
            let content = trim_blank_end(content);
            if count >= found.columns {
                if excess.is_none() && !content.is_empty() {
                    excess = Some(index.pos(at));
                }
                continue;
            }
            let text = match inline::cell_text(&content.replace("\\|", "|"), definitions) {
                Ok(text) => text,
                Err(refusal) => {
                    refusals.push((
                        index.pos(at + refusal.offset.min(content.len())),
                        refusal.message,
                    ));
                    String::new()
                }
            };
            cells.push(Cell {
                text: crate::text::collapse_whitespace(&text),
                pos: index.pos(at),
            });
        }
        // A short row reads as padded with empty cells at its end.
        let end = index.pos(line.start + line.text.trim_end().len());
        while cells.len() < found.columns {
            cells.push(Cell {
                text: String::new(),
                pos: end,
            });
        }
        (index.pos(row_at), cells, excess)
    };
    let (pos, header, _) = read_row(found.header);
    let mut rows = Vec::new();
    let mut excess = Vec::new();
    for &line in &found.rows {
        let (pos, cells, cut) = read_row(line);
        rows.push((pos, cells));
        excess.push(cut);
    }
    Table {
        pos,
        header,
        rows,
        excess,
    }
}
