//! The positioned JSON reader the JSON formats share (`json_spec`, and
//! `model` with `smithy` and `botocore`): a text parsed by `json_syntax`,
//! read with every problem placed at the line and column of the value it
//! concerns; and, for the service-model readers (the `models` feature),
//! the accessors that report a value of the wrong kind.

use crate::ctxt::Ctxt;
#[cfg(feature = "models")]
use crate::json_syntax::{Member, Node, Value};
use crate::table::{Cell, LineIndex, Pos};

/// A JSON file being read: positions and problems.
pub(crate) struct Source<'a> {
    pub(crate) file: &'a str,
    pub(crate) lines: LineIndex<'a>,
    pub(crate) ctxt: &'a Ctxt,
}

impl Source<'_> {
    pub(crate) fn pos(&self, offset: usize) -> Pos {
        self.lines.pos(offset)
    }

    pub(crate) fn problem(&self, offset: usize, message: impl Into<String>) {
        self.ctxt.at(self.file, self.pos(offset), message);
    }

    pub(crate) fn cell(&self, text: impl Into<String>, offset: usize) -> Cell {
        Cell {
            text: text.into(),
            pos: self.pos(offset),
        }
    }
}

#[cfg(feature = "models")]
impl Source<'_> {
    /// The members of `node`, which must be an object; otherwise a problem
    /// saying what `what` should have been.
    pub(crate) fn object<'n, 'a>(
        &self,
        node: &'n Node<'a>,
        what: &str,
    ) -> Option<&'n [Member<'a>]> {
        if let Value::Object(members) = &node.value {
            Some(members)
        } else {
            self.problem(
                node.offset,
                format!("{what} must be a JSON object, found `{}`", short(node.raw)),
            );
            None
        }
    }

    /// The items of `node`, which must be an array.
    pub(crate) fn array<'n, 'a>(&self, node: &'n Node<'a>, what: &str) -> Option<&'n [Node<'a>]> {
        if let Value::Array(items) = &node.value {
            Some(items)
        } else {
            self.problem(
                node.offset,
                format!("{what} must be a JSON array, found `{}`", short(node.raw)),
            );
            None
        }
    }

    /// The text of `node`, which must be a string.
    pub(crate) fn text<'n>(&self, node: &'n Node<'_>, what: &str) -> Option<&'n str> {
        if let Value::String(text) = &node.value {
            Some(text)
        } else {
            self.problem(
                node.offset,
                format!("{what} must be a string, found `{}`", short(node.raw)),
            );
            None
        }
    }
}

/// The value of the first member named `key`.
#[cfg(feature = "models")]
pub(crate) fn get<'n, 'a>(members: &'n [Member<'a>], key: &str) -> Option<&'n Node<'a>> {
    members.iter().find(|m| m.key == key).map(|m| &m.value)
}

/// `node`'s members, if it is an object (no problem otherwise).
#[cfg(feature = "models")]
pub(crate) fn members<'n, 'a>(node: &'n Node<'a>) -> &'n [Member<'a>] {
    match &node.value {
        Value::Object(members) => members,
        _ => &[],
    }
}

/// A value's text for a message, cut short.
#[cfg(feature = "models")]
pub(crate) fn short(raw: &str) -> String {
    const MAX: usize = 40;
    match raw.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}...", &raw[..at]),
        None => raw.to_owned(),
    }
}
