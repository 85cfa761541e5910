//! The typed model of an error table: what the readers produce and what
//! validation turns into rows the generator can trust.

use std::fmt;

/// A 1-based line and column (in characters) inside a spec file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// Maps byte offsets of a text to lines and columns.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, line_starts }
    }

    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |prefix| prefix.chars().count() + 1);
        Pos { line, col }
    }
}

/// One cell of a row as the reader found it: text with Markdown removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub pos: Pos,
}

/// A row as read from a file, before any check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawRow {
    pub pos: Pos,
    pub code: Cell,
    pub status: Cell,
    pub error_type: Cell,
    pub description: Option<Cell>,
    pub retryable: Option<Cell>,
}

/// Which side of the exchange caused the error (mirrors `errtable::ErrorType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    Client,
    Server,
    Unknown,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Client => "Client",
            ErrorKind::Server => "Server",
            ErrorKind::Unknown => "Unknown",
        }
    }
}

/// A retry class set by the spec's optional Retryable column
/// (mirrors `errtable::RetryKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Retry {
    Throttling,
    Transient,
    NotRetryable,
}

impl Retry {
    pub fn as_str(self) -> &'static str {
        match self {
            Retry::Throttling => "Throttling",
            Retry::Transient => "Transient",
            Retry::NotRetryable => "No",
        }
    }
}

/// A checked row: everything the generator needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The wire code, exactly as clients send and receive it.
    pub code: String,
    /// The Rust variant name derived from the code.
    pub variant: String,
    /// Plain text: Markdown escapes removed, links reduced to their text.
    pub description: String,
    pub status: u16,
    pub error_type: ErrorKind,
    /// `None` when the spec leaves retry to the default classification.
    pub retry: Option<Retry>,
    /// The spec file (as the user named it) and where the row stands.
    pub file: String,
    pub pos: Pos,
}

impl Row {
    pub fn location(&self) -> String {
        format!("{}:{}", self.file, self.pos.line)
    }
}

/// A problem found in a spec, with the place it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub pos: Option<Pos>,
    pub message: String,
}

impl Problem {
    pub fn at(file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_owned(),
            pos: Some(pos),
            message: message.into(),
        }
    }

    pub fn in_file(file: &str, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_owned(),
            pos: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pos {
            Some(pos) => write!(
                f,
                "{}:{}:{}: {}",
                self.file, pos.line, pos.col, self.message
            ),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}
