use crate::{ErrorType, GrpcCode, Member, RetryKind};
use std::borrow::Cow;
use std::fmt::{Debug, Display};
use std::hash::Hash;

/// The exceptions of one error table: implemented by the enum that
/// `#[derive(ErrorTable)]` generates, and by nothing else (the supertrait
/// that generated code also implements is hidden).
pub trait Exception:
    crate::__private::Table + Clone + Debug + Display + Eq + Hash + Send + Sync + 'static
{
    /// The wire code, e.g. `ResourceNotFoundException`.
    fn code(&self) -> &str;

    /// The HTTP status the table gives this exception.
    fn status(&self) -> u16;

    /// Whether the client or the server is at fault.
    fn error_type(&self) -> ErrorType;

    /// How a client should treat this exception when deciding to retry: the
    /// table's Retryable column, else [`RetryKind::classify`].
    fn retry_kind(&self) -> RetryKind;

    /// The gRPC status code of this exception: its row's `gRPC Code`
    /// column, else the table's `grpc(STATUS = "CODE")` option for its
    /// HTTP status, else [`GrpcCode::from_http_status`]. Codes not in the
    /// table go by the status they arrived with.
    fn grpc_code(&self) -> GrpcCode {
        let status = self.status();
        self.row_grpc_code()
            .or_else(|| Self::status_grpc_code(status))
            .unwrap_or_else(|| GrpcCode::from_http_status(status))
    }

    /// The members its row declares: what an error of this exception
    /// carries besides its code and message, and where each protocol puts
    /// it. Empty for unknown codes and rows that declare none.
    fn members(&self) -> &'static [Member] {
        self.row_members()
    }

    /// The table's description (plain text), empty for unknown codes.
    fn description(&self) -> &str;

    /// The table's exception for `code`, or `None` when the table lacks it:
    /// a check that allocates nothing, hit or miss, where
    /// [`from_code`](Self::from_code) keeps a missing code.
    fn lookup(code: &str) -> Option<Self> {
        Self::find(code)
    }

    /// The exception for any code: the table's, else the unknown variant
    /// keeping the code (type `Unknown`, status 500). A table derived from
    /// a model also knows its AWS query codes
    /// ([`query_code`](Self::query_code)): its codes first, then its query
    /// codes, each the first row in spec order that has it.
    fn from_code(code: &str) -> Self {
        Self::find(code).unwrap_or_else(|| Self::unknown(UnknownCode::new(code)))
    }

    /// The code the AWS query protocols (`query`, `ec2`) send for this
    /// exception, where its row gives one (a model's `awsQueryError`, a
    /// table's `Query Code` column): what query-compatible JSON services
    /// such as SQS also send in `x-amzn-query-error`, and boto3 reports
    /// for them. `None` for unknown codes.
    fn query_code(&self) -> Option<&str> {
        self.row_query_code()
    }

    /// The HTTP status the AWS query protocols send for this exception: a
    /// model's `awsQueryError.httpResponseCode` where it gives one, else
    /// [`status`](Self::status).
    fn query_status(&self) -> u16 {
        self.row_query_status().unwrap_or_else(|| self.status())
    }

    /// The `reason` of its `ErrorInfo` (Google's AIP-193): its row's
    /// `Reason` column, else its code in UPPER_SNAKE_CASE by
    /// [`reason_from_code`](errtable_shared::reason_from_code)'s rule
    /// (`ResourceNotFoundException` gives `RESOURCE_NOT_FOUND_EXCEPTION`).
    fn reason(&self) -> Cow<'static, str> {
        match self.row_reason() {
            Some(reason) => Cow::Borrowed(reason),
            None => Cow::Owned(errtable_shared::reason_from_code(self.code())),
        }
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
    pub(crate) fn received(code: &str, error_type: ErrorType, status: Option<u16>) -> Self {
        UnknownCode {
            code: Box::from(code),
            error_type,
            status: status.unwrap_or(error_type.default_status()),
        }
    }

    /// Sets the type, and the status a code of that type defaults to:
    /// 400 for `Client`, 500 otherwise. Call [`with_status`](Self::with_status)
    /// afterwards to keep a status that was received.
    pub fn with_error_type(mut self, error_type: ErrorType) -> Self {
        self.error_type = error_type;
        self.status = error_type.default_status();
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

    /// The default classification of its code and status,
    /// [`RetryKind::classify`].
    pub fn retry_kind(&self) -> RetryKind {
        RetryKind::classify(&self.code, self.status)
    }
}
