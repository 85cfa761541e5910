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
    #[must_use]
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
    /// The body is not a well-formed XML error body.
    InvalidXml(XmlError),
    /// The body is not a well-formed CBOR error body.
    InvalidCbor(CborError),
    /// The body is well-formed but names no error code.
    NoCode,
}

/// Why an XML body could not be read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlError {
    offset: usize,
    message: String,
}

impl XmlError {
    #[cfg_attr(not(feature = "xml"), allow(dead_code))]
    pub(crate) fn at(offset: usize, message: &str) -> XmlError {
        XmlError {
            offset,
            message: message.to_owned(),
        }
    }

    /// The byte offset in the body where reading stopped.
    #[must_use]
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.offset)
    }
}

impl std::error::Error for XmlError {}

/// Why a CBOR body could not be read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CborError {
    offset: usize,
    message: String,
}

impl CborError {
    #[cfg_attr(not(feature = "cbor"), allow(dead_code))]
    pub(crate) fn at(offset: usize, message: &str) -> CborError {
        CborError {
            offset,
            message: message.to_owned(),
        }
    }

    /// The byte offset in the body where reading stopped.
    #[must_use]
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for CborError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.offset)
    }
}

impl std::error::Error for CborError {}

impl From<CborError> for BodyError {
    fn from(err: CborError) -> Self {
        BodyError::InvalidCbor(err)
    }
}

impl From<XmlError> for BodyError {
    fn from(err: XmlError) -> Self {
        BodyError::InvalidXml(err)
    }
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::TooLarge(err) => err.fmt(f),
            BodyError::Invalid(err) => write!(f, "invalid error body: {err}"),
            BodyError::InvalidXml(err) => write!(f, "invalid XML error body: {err}"),
            BodyError::InvalidCbor(err) => write!(f, "invalid CBOR error body: {err}"),
            BodyError::NoCode => f.write_str("the error body names no error code"),
        }
    }
}

impl std::error::Error for BodyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BodyError::TooLarge(err) => Some(err),
            BodyError::Invalid(err) => Some(err),
            BodyError::InvalidXml(err) => Some(err),
            BodyError::InvalidCbor(err) => Some(err),
            BodyError::NoCode => None,
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
