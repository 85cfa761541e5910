use crate::{ErrorType, RetryKind};
use std::fmt::{Debug, Display};
use std::hash::Hash;

/// The exceptions of one error table: implemented by the enum that
/// `#[derive(ErrorTable)]` generates.
pub trait Exception: Sized + Clone + Debug + Display + Eq + Hash + Send + Sync + 'static {
    /// The wire code, e.g. `ResourceNotFoundException`.
    fn code(&self) -> &str;

    /// The HTTP status the table gives this exception.
    fn status(&self) -> u16;

    /// Whether the client or the server is at fault.
    fn error_type(&self) -> ErrorType;

    /// The table's description (plain text), empty for unknown codes.
    fn description(&self) -> &str;

    /// How a client should treat this exception when deciding to retry.
    fn retry_kind(&self) -> RetryKind;

    /// The table's exception for `code`, or `None` if the table lacks it.
    fn known(code: &str) -> Option<Self>;

    /// Wraps a code the table does not have.
    fn unknown(code: UnknownCode) -> Self;

    /// The code kept for an exception not in the table.
    fn as_unknown(&self) -> Option<&UnknownCode>;

    /// The known exceptions, in spec order.
    fn all() -> &'static [Self];

    /// The exception for any code: a known one, else an unknown one that
    /// keeps the code (type `Unknown`, status 500).
    fn from_code(code: &str) -> Self {
        Self::known(code).unwrap_or_else(|| Self::unknown(UnknownCode::new(code)))
    }

    /// The exception for a code received from a peer, with the type and
    /// status it came with. Known codes take the table's type and status;
    /// unknown codes keep what arrived.
    fn from_wire(code: &str, error_type: ErrorType, status: Option<u16>) -> Self {
        Self::known(code)
            .unwrap_or_else(|| Self::unknown(UnknownCode::received(code, error_type, status)))
    }

    /// Whether the code is in the table.
    fn is_known(&self) -> bool {
        self.as_unknown().is_none()
    }
}

/// Ties a `#[derive(ErrorTable)]` marker type to the enum derived for it.
pub trait ErrorTable {
    /// The generated exception enum.
    type Exception: Exception;
}

/// A code that is not in the table, kept losslessly with the type and
/// HTTP status it arrived with.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownCode {
    code: Box<str>,
    error_type: ErrorType,
    status: u16,
}

impl UnknownCode {
    /// An unknown code with type `Unknown` and status 500.
    pub fn new(code: impl Into<String>) -> Self {
        UnknownCode {
            code: code.into().into_boxed_str(),
            error_type: ErrorType::Unknown,
            status: 500,
        }
    }

    /// A code received with `error_type` and, when known, its HTTP status.
    #[inline]
    pub(crate) fn received(code: &str, error_type: ErrorType, status: Option<u16>) -> Self {
        UnknownCode {
            code: Box::from(code),
            error_type,
            status: status.unwrap_or(default_status(error_type)),
        }
    }

    /// Sets the type, and the status a code of that type defaults to:
    /// 400 for `Client`, 500 otherwise. Call [`with_status`](Self::with_status)
    /// afterwards to keep a status that was received.
    pub fn with_error_type(mut self, error_type: ErrorType) -> Self {
        self.error_type = error_type;
        self.status = default_status(error_type);
        self
    }

    /// Sets the HTTP status this code arrived with.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// The code, exactly as received.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The type it arrived with.
    pub fn error_type(&self) -> ErrorType {
        self.error_type
    }

    /// The HTTP status it arrived with (or the type's default).
    pub fn status(&self) -> u16 {
        self.status
    }
}

/// The status a code of `error_type` gets when none arrived with it.
fn default_status(error_type: ErrorType) -> u16 {
    match error_type {
        ErrorType::Client => 400,
        ErrorType::Server | ErrorType::Unknown => 500,
    }
}
