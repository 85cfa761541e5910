//! The typed error table: what the readers produce, what checking turns
//! into rows the generator can trust, and the problems found on the way.

use errtable_shared::{ErrorType, GrpcCode, MemberShape, ProtocolKind, RetryKind};
use proc_macro2::Span;
use std::fmt;

/// A 1-based line and column (in characters) inside a spec file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub col: usize,
}

/// Maps byte offsets of a text to lines and columns.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// Per line, whether it is ASCII: its columns are then byte offsets,
    /// so a spec written on one long line (compact JSON) does not count
    /// characters from its start for every cell.
    ascii_lines: Vec<bool>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        let mut ascii_lines = Vec::new();
        for line in text.split('\n') {
            ascii_lines.push(line.is_ascii());
            line_starts.push(line_starts[line_starts.len() - 1] + line.len() + 1);
        }
        // The last line ends the text: no line starts after it.
        line_starts.pop();
        LineIndex {
            text,
            line_starts,
            ascii_lines,
        }
    }

    pub(crate) fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let col = if self.ascii_lines.get(line - 1) == Some(&true) {
            offset - start + 1
        } else {
            self.text
                .get(start..offset)
                .map_or(1, |prefix| prefix.chars().count() + 1)
        };
        Pos { line, col }
    }
}

/// One cell of a row as the reader found it: text with Markdown removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cell {
    pub(crate) text: String,
    pub(crate) pos: Pos,
}

/// A row as read from a file, before any check. A cell is `None` when the
/// reader already reported why it has none (a JSON `null`, say): the other
/// cells are still checked, so one problem never hides another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawRow {
    pub(crate) pos: Pos,
    pub(crate) code: Option<Cell>,
    pub(crate) status: Option<Cell>,
    /// Absent or empty: the type follows from the status.
    pub(crate) error_type: Option<Cell>,
    pub(crate) description: Option<Cell>,
    pub(crate) retryable: Option<Cell>,
    /// The code AWS query protocols send for this error (`awsQueryError`).
    pub(crate) query_code: Option<Cell>,
    /// The status AWS query protocols send for this error, where it is not
    /// `status` (`awsQueryError.httpResponseCode`).
    pub(crate) query_status: Option<Cell>,
    /// The error's shape id in its service model (`ns#Name`).
    pub(crate) shape_id: Option<Cell>,
    /// A human title for problem details' `title`.
    pub(crate) title: Option<Cell>,
    /// The reason of Google's `ErrorInfo` (AIP-193), where it is not the
    /// one derived from the code.
    pub(crate) reason: Option<Cell>,
    /// The gRPC code of this error, where the HTTP status' is not it.
    pub(crate) grpc_code: Option<Cell>,
    /// The members the error carries besides its code and message, as the
    /// reader checked them (a member with a problem is reported there and
    /// left out, and the row marked faulty).
    pub(crate) members: Vec<Member>,
    /// Whether the reader found a problem in this row itself (an unknown
    /// key, a cell of the wrong JSON type): it is checked, never kept.
    pub(crate) faulty: bool,
}

/// What a reader found in one file: its rows and, for a service model,
/// what else the model says.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawTable {
    pub(crate) rows: Vec<RawRow>,
    pub(crate) model: Option<RawModel>,
}

impl From<Vec<RawRow>> for RawTable {
    fn from(rows: Vec<RawRow>) -> Self {
        RawTable { rows, model: None }
    }
}

/// What a service model says beyond its error shapes.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawModel {
    /// The first protocol the model's service speaks that errtable speaks
    /// too, by errtable's name (`rest-json`).
    pub(crate) protocol: Option<ProtocolKind>,
    /// Why there is no protocol, when there is none: reported only if the
    /// derive's attribute names none either.
    pub(crate) no_protocol: Option<Problem>,
    /// The service's XML namespace, where it gives one.
    pub(crate) xml_namespace: Option<String>,
    pub(crate) operations: Vec<Operation>,
}

/// An operation of a service model and the errors it can return.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    /// The operation's name, without its namespace (`DescribeJob`).
    pub name: String,
    /// The wire codes of the errors it can return: its own, in the model's
    /// order, then the service's that it does not list itself.
    pub errors: Vec<String>,
    /// The model file (as the user named it).
    pub file: String,
    /// Where the operation's shape stands in it.
    pub pos: Pos,
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
    /// The HTTP status, in 300..=599.
    pub status: u16,
    /// Whether the client or the server is at fault.
    pub error_type: ErrorType,
    /// `None` when the spec leaves retry to [`RetryKind::classify`].
    pub retry: Option<RetryKind>,
    /// The code the AWS query protocols send for this error, where the
    /// spec gives one (`AWS.SimpleQueueService.NonExistentQueue` for SQS's
    /// `QueueDoesNotExist`; a model's `awsQueryError`): AWS JSON services
    /// that are query-compatible send it in `x-amzn-query-error`, even when
    /// it is the code itself.
    pub query_code: Option<String>,
    /// The HTTP status the AWS query protocols send for this error, where
    /// it is not `status` (a model's `awsQueryError.httpResponseCode`).
    pub query_status: Option<u16>,
    /// The error's shape id in its service model
    /// (`com.amazonaws.cloudwatch#LimitExceededFault`), which Smithy's RPC
    /// v2 CBOR sends as `__type`: a model's rows have one.
    pub shape_id: Option<String>,
    /// A short human title of the problem (`Title` column, `title` in JSON
    /// specs): problem details' `title`, where the table has a type base.
    pub title: Option<String>,
    /// The reason of the error's Google `ErrorInfo` (AIP-193; `Reason`
    /// column, `reason` in JSON specs), where the spec gives one: a valid
    /// reason, unique in the table. Rows without one have
    /// [`errtable_shared::reason_from_code`] of their code (see
    /// [`Row::effective_reason`]).
    pub reason: Option<String>,
    /// The gRPC status code the spec gives this error (its `gRPC Code`
    /// column), where it is not the one its HTTP status maps to.
    pub grpc_code: Option<GrpcCode>,
    /// What the error carries besides its code and message, in the spec's
    /// order.
    pub members: Vec<Member>,
    /// The spec file (as the user named it).
    pub file: String,
    /// Where the row stands in it.
    pub pos: Pos,
}

/// A member of an error: a value it carries besides its code and message
/// (`retryAfterSeconds`, S3's `BucketName`), with where each protocol puts
/// it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// The member's name: the name of the error's field that holds it.
    pub name: String,
    /// What kind of value it is.
    pub shape: MemberShape,
    /// The HTTP header it is bound to (`Retry-After`), in the protocols
    /// that bind members to headers (rest-json, rest-xml, problem-json).
    pub header: Option<String>,
    /// Its key in rest-json bodies, where not `name`.
    pub json_name: Option<String>,
    /// Its element name in XML bodies, where not `name`.
    pub xml_name: Option<String>,
    /// Plain text.
    pub description: String,
    /// For a document, the members of the structure it holds (of each
    /// element, for a list; of each value, for a map), where they give
    /// their leaves a shape or a wire name of their own; empty otherwise.
    pub members: Vec<Member>,
}

impl Member {
    /// A member with no binding, wire name or documentation.
    pub fn new(name: impl Into<String>, shape: MemberShape) -> Self {
        Member {
            name: name.into(),
            shape,
            header: None,
            json_name: None,
            xml_name: None,
            description: String::new(),
            members: Vec::new(),
        }
    }
}

impl Row {
    /// `file:line`, for messages.
    #[must_use]
    pub fn location(&self) -> String {
        format!("{}:{}", self.file, self.pos.line)
    }

    /// The `ErrorInfo` reason clients get: the spec's, else the one derived
    /// from the code.
    #[must_use]
    pub fn effective_reason(&self) -> std::borrow::Cow<'_, str> {
        match &self.reason {
            Some(reason) => std::borrow::Cow::Borrowed(reason),
            None => std::borrow::Cow::Owned(errtable_shared::reason_from_code(&self.code)),
        }
    }

    /// The retry class clients get: the spec's, else the default one.
    #[must_use]
    pub fn retry_kind(&self) -> RetryKind {
        self.retry
            .unwrap_or_else(|| RetryKind::classify(&self.code, self.status))
    }
}

/// Where a problem was found.
#[derive(Clone, Debug)]
pub enum Place {
    /// In a spec file (as the user named it), at a position when one is known.
    Spec {
        /// The file, as the user named it.
        file: String,
        /// The position, when one is known.
        pos: Option<Pos>,
    },
    /// In the derive's input, such as an option of `#[error_table(...)]`.
    Attribute(Span),
}

/// A problem found in a spec or in the derive's input.
#[derive(Clone, Debug)]
pub struct Problem {
    /// Where it was found.
    pub place: Place,
    /// What is wrong, and how to fix it where that is known.
    pub message: String,
}

impl Problem {
    /// A problem at a position of a spec file.
    pub fn at(file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Problem {
            place: Place::Spec {
                file: file.to_owned(),
                pos: Some(pos),
            },
            message: message.into(),
        }
    }

    /// A problem with a spec file as a whole.
    pub fn in_file(file: &str, message: impl Into<String>) -> Self {
        Problem {
            place: Place::Spec {
                file: file.to_owned(),
                pos: None,
            },
            message: message.into(),
        }
    }

    /// The spec file the problem is in, if it is in one.
    #[must_use]
    pub fn file(&self) -> Option<&str> {
        match &self.place {
            Place::Spec { file, .. } => Some(file),
            Place::Attribute(_) => None,
        }
    }

    /// The position in the spec file, if there is one.
    #[must_use]
    pub fn pos(&self) -> Option<Pos> {
        match &self.place {
            Place::Spec { pos, .. } => *pos,
            Place::Attribute(_) => None,
        }
    }
}

impl PartialEq for Problem {
    /// Spans have no equality: problems in the derive's input compare by
    /// message alone.
    fn eq(&self, other: &Self) -> bool {
        self.message == other.message && self.file() == other.file() && self.pos() == other.pos()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Place::Spec {
                file,
                pos: Some(pos),
            } => write!(f, "{file}:{}:{}: {}", pos.line, pos.col, self.message),
            Place::Spec { file, pos: None } => write!(f, "{file}: {}", self.message),
            Place::Attribute(_) => f.write_str(&self.message),
        }
    }
}

/// Each member of `row` as a line (name, shape, header, JSON and XML
/// names, description), nested ones indented: what the readers' tests
/// compare.
#[cfg(all(test, feature = "models"))]
pub(crate) fn member_lines(row: &Row) -> Vec<String> {
    fn describe(members: &[Member], indent: usize, out: &mut Vec<String>) {
        for m in members {
            out.push(format!(
                "{}{} {} {:?} {:?} {:?} {:?}",
                " ".repeat(indent),
                m.name,
                m.shape,
                m.header,
                m.json_name,
                m.xml_name,
                m.description
            ));
            describe(&m.members, indent + 2, out);
        }
    }
    let mut out = Vec::new();
    describe(&row.members, 0, &mut out);
    out
}
