//! Reading a Markdown spec into raw rows: the error tables of a document
//! (`tables`, on `blocks` and `inline`, behind errtable's `markdown` feature),
//! or without the feature one problem saying how to read it. The rows are
//! checked later (`check`); the public `markdown` module reads and checks,
//! and writes.

use crate::ctxt::Ctxt;
use crate::table::RawRow;
#[cfg(feature = "markdown")]
use crate::text::{every, leading};

#[cfg(feature = "markdown")]
mod blocks;
#[cfg(feature = "markdown")]
mod entities;
#[cfg(feature = "markdown")]
mod inline;
#[cfg(all(test, feature = "markdown"))]
mod oracle;
#[cfg(feature = "markdown")]
mod tables;

/// The rows of the error tables, unchecked; problems name `file` and the
/// line they were found on.
#[cfg(feature = "markdown")]
pub(crate) fn read_rows(file: &str, text: &str, ctxt: &Ctxt) -> Vec<RawRow> {
    tables::read_rows(file, text, ctxt)
}

/// Without the `markdown` feature, a Markdown spec is one problem that says
/// how to read it.
#[cfg(not(feature = "markdown"))]
pub(crate) fn read_rows(file: &str, _text: &str, ctxt: &Ctxt) -> Vec<RawRow> {
    ctxt.in_file(
        file,
        "this is a Markdown spec, and errtable's `markdown` feature (on by default) is off: \
         turn it on, or keep the table as JSON (`errtable convert --to json`)",
    );
    Vec::new()
}

/// How many times `byte` repeats from `from`.
#[cfg(feature = "markdown")]
fn run_of(bytes: &[u8], from: usize, byte: u8) -> usize {
    let mut end = from;
    while end < bytes.len() && bytes[end] == byte {
        end += 1;
    }
    end - from
}

#[cfg(feature = "markdown")]
fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// `text` without the spaces and tabs it starts with.
#[cfg(feature = "markdown")]
fn trim_blank_start(text: &str) -> &str {
    &text[leading(text.as_bytes(), is_blank)..]
}

/// `text` without the spaces and tabs it ends with.
#[cfg(feature = "markdown")]
fn trim_blank_end(text: &str) -> &str {
    let mut end = text.len();
    while end > 0 && is_blank(text.as_bytes()[end - 1]) {
        end -= 1;
    }
    &text[..end]
}
