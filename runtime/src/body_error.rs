//! Why an error body could not be read.

use std::fmt;

/// Bodies larger than this are refused before parsing: an error body is a
/// few hundred bytes, and a peer must not make us buffer without bound.
pub const MAX_BODY_LEN: usize = 1 << 20;

/// A body over [`MAX_BODY_LEN`], refused unread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge {
    len: usize,
}

impl TooLarge {
    /// The error for a body of `len` bytes, if that is too many.
    pub(crate) fn check(len: usize) -> Result<(), TooLarge> {
        if len > MAX_BODY_LEN {
            Err(TooLarge { len })
        } else {
            Ok(())
        }
    }

    /// The body's length in bytes.
    pub fn body_len(&self) -> usize {
        self.len
    }
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "error body of {} bytes is larger than the {MAX_BODY_LEN} bytes accepted",
            self.len
        )
    }
}

impl std::error::Error for TooLarge {}

/// Why an error body could not be read.
#[derive(Debug)]
#[non_exhaustive]
pub enum BodyError {
    /// The body is larger than [`MAX_BODY_LEN`].
    TooLarge(TooLarge),
    /// The body is not valid JSON, or not an error object.
    Invalid(serde_json::Error),
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::TooLarge(err) => err.fmt(f),
            BodyError::Invalid(err) => write!(f, "invalid error body: {err}"),
        }
    }
}

impl std::error::Error for BodyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BodyError::TooLarge(err) => Some(err),
            BodyError::Invalid(err) => Some(err),
        }
    }
}

impl From<TooLarge> for BodyError {
    fn from(err: TooLarge) -> Self {
        BodyError::TooLarge(err)
    }
}

impl From<serde_json::Error> for BodyError {
    fn from(err: serde_json::Error) -> Self {
        BodyError::Invalid(err)
    }
}
