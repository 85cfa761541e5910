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
    /// it. Empty for rows that declare none, and for unknown codes but
    /// those that another table's row became (a per-operation table's
    /// unknown for a service-wide row keeps the row's members).
    fn members(&self) -> &'static [Member] {
        match self.as_unknown() {
            Some(unknown) => unknown.members,
            None => self.row_members(),
        }
    }

    /// The table's description (plain text), empty for unknown codes.
    fn description(&self) -> &str;

    /// The table's exception for `code`, or `None` when the table lacks it:
    /// a check that allocates nothing, hit or miss, where
    /// [`from_code`](Self::from_code) keeps a missing code.
    #[must_use]
    fn lookup(code: &str) -> Option<Self> {
        Self::find(code)
    }

    /// The exception for any code: the table's, else the unknown variant
    /// keeping the code (type `Unknown`, status 500). A table derived from
    /// a model also knows its AWS query codes
    /// ([`query_code`](Self::query_code)): its codes first, then its query
    /// codes, each the first row in spec order that has it.
    #[must_use]
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
            .or_else(|| self.as_unknown()?.query_code.as_deref())
    }

    /// The HTTP status the AWS query protocols send for this exception: a
    /// model's `awsQueryError.httpResponseCode` where it gives one, else
    /// [`status`](Self::status).
    fn query_status(&self) -> u16 {
        self.row_query_status()
            .or_else(|| self.as_unknown()?.query_status)
            .unwrap_or_else(|| self.status())
    }

    /// The `reason` of its `ErrorInfo` (Google's AIP-193): its row's
    /// `Reason` column, else its code in `UPPER_SNAKE_CASE` by
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
/// HTTP status it arrived with; when it is another table's row (a
/// service-wide error handed to a per-operation table), with that row's
/// query code and status and its members too.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UnknownCode {
    code: Box<str>,
    error_type: ErrorType,
    status: u16,
    query_code: Option<Box<str>>,
    query_status: Option<u16>,
    members: &'static [Member],
}

impl Debug for UnknownCode {
    /// The code, type and status; the query code and status and the
    /// members where another table's row gave them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = f.debug_struct("UnknownCode");
        out.field("code", &self.code)
            .field("error_type", &self.error_type)
            .field("status", &self.status);
        if let Some(query_code) = &self.query_code {
            out.field("query_code", query_code);
        }
        if let Some(query_status) = &self.query_status {
            out.field("query_status", query_status);
        }
        if !self.members.is_empty() {
            out.field("members", &self.members);
        }
        out.finish()
    }
}

impl UnknownCode {
    /// An unknown code with type `Unknown` and status 500.
    pub fn new(code: impl Into<String>) -> Self {
        UnknownCode {
            code: code.into().into_boxed_str(),
            error_type: ErrorType::Unknown,
            status: 500,
            query_code: None,
            query_status: None,
            members: &[],
        }
    }

    /// A code received with `error_type` and, when known, its HTTP status.
    pub(crate) fn received(code: &str, error_type: ErrorType, status: Option<u16>) -> Self {
        UnknownCode {
            code: Box::from(code),
            error_type,
            status: status.unwrap_or(error_type.default_status()),
            query_code: None,
            query_status: None,
            members: &[],
        }
    }

    /// Another table's exception as a code this table lacks: its code,
    /// type and status, query code and status, and members, so that it
    /// goes on the wire as it would have.
    pub fn of<E: Exception>(exception: &E) -> Self {
        if let Some(unknown) = exception.as_unknown() {
            return unknown.clone();
        }
        UnknownCode {
            code: Box::from(exception.code()),
            error_type: exception.error_type(),
            status: exception.status(),
            query_code: exception.query_code().map(Box::from),
            query_status: Some(exception.query_status()).filter(|&q| q != exception.status()),
            members: exception.members(),
        }
    }

    /// Sets the type, and the status a code of that type defaults to:
    /// 400 for `Client`, 500 otherwise. Call [`with_status`](Self::with_status)
    /// afterwards to keep a status that was received.
    #[must_use]
    pub fn with_error_type(mut self, error_type: ErrorType) -> Self {
        self.error_type = error_type;
        self.status = error_type.default_status();
        self
    }

    /// Sets the HTTP status this code arrived with.
    #[must_use]
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// The code, exactly as received.
    #[must_use]
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The type it arrived with.
    #[must_use]
    pub fn error_type(&self) -> ErrorType {
        self.error_type
    }

    /// The HTTP status it arrived with (or the type's default).
    #[must_use]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The default classification of its code and status,
    /// [`RetryKind::classify`].
    #[must_use]
    pub fn retry_kind(&self) -> RetryKind {
        RetryKind::classify(&self.code, self.status)
    }
}

/// A name that is none of a service's operations: the error of `FromStr`
/// on the operation enum `#[error_table(per_operation)]` generates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownOperation(pub String);

impl Display for UnknownOperation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no operation `{}` in this service",
            self.0.escape_debug()
        )
    }
}

impl std::error::Error for UnknownOperation {}
