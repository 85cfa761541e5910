//! gRPC errors through tonic: [`ServiceError`] into a [`tonic::Status`] for
//! a service to return, and a `Status` back into the same typed error for
//! its clients. Needs the `tonic` feature.
//!
//! A status carries:
//! - the gRPC code of [`Exception::grpc_code`]: the row's `gRPC Code`
//!   column, else the table's `grpc(STATUS = "CODE")` option, else the
//!   HTTP status mapped by [`GrpcCode::from_http_status`](crate::GrpcCode::from_http_status)
//!   (Google's AIP-193 table);
//! - the error's message as the status message;
//! - in metadata: the wire code ([`CODE`], or [`CODE_BIN`] for a code that
//!   is not printable ASCII), its type ([`TYPE`]), its HTTP status
//!   ([`HTTP_STATUS`]), the request id ([`REQUEST_ID`], generated when
//!   the error has none, as over HTTP), and the extra fields as JSON
//!   ([`FIELDS_BIN`]), so the client reads back the same error. The source
//!   never leaves the service: the status keeps the error as its own
//!   [`source`](std::error::Error::source) on the service's side only,
//!   which tonic never sends.
//!
//! A status becomes a [`ServiceError`] with `TryFrom`. One that carries no
//! errtable code (a peer that is not errtable, or tonic's own statuses:
//! `UNAVAILABLE` for a refused connection, `DEADLINE_EXCEEDED` for a
//! timeout) is [`StatusError::NoCode`], with the status inside: its gRPC
//! code says too little to name one of the table's exceptions (all of a
//! service's 500s are `INTERNAL`), and a guess would be wrong as often as
//! not. Codes the table lacks keep the type and HTTP status they arrived
//! with, as over HTTP.
//!
//! ```
//! use errtable::ErrorTable;
//!
//! #[derive(ErrorTable)]
//! #[error_table(spec = "spec/glacier.md")]
//! pub struct Glacier;
//!
//! // In a tonic service: `Err(error.into())`, or `?` on a `Result<_, GlacierError>`.
//! let sent = GlacierError::new(GlacierException::ResourceNotFoundException, "Vault not found")
//!     .with_request_id("AAABexample");
//! let status = tonic::Status::from(sent.clone());
//! assert_eq!(status.code(), tonic::Code::NotFound);
//! assert_eq!(status.message(), "Vault not found");
//!
//! // In its client: the same error back.
//! let received = GlacierError::try_from(status)?;
//! assert_eq!(received, sent);
//! # Ok::<(), errtable::tonic::StatusError>(())
//! ```

use crate::http::header_value;
use crate::{ErrorType, Exception, GrpcCode, ServiceError, TooLarge};
use ::tonic::metadata::{AsciiMetadataValue, BinaryMetadataValue, MetadataKey, MetadataMap};
use ::tonic::{Code, Status};
use serde_json::Value;
use std::fmt;
use std::sync::Arc;

/// Metadata key of the error's wire code, when it is printable ASCII.
pub const CODE: &str = "x-errtable-code";

/// Metadata key of the error's wire code as UTF-8 bytes, for a code that
/// is not printable ASCII or is longer than 256 bytes.
pub const CODE_BIN: &str = "x-errtable-code-bin";

/// Metadata key of the request id: `x-amzn-requestid`, as over HTTP.
pub const REQUEST_ID: &str = "x-amzn-requestid";

/// Metadata key of the error's type: `Client`, `Server` or `Unknown`.
pub const TYPE: &str = "x-errtable-type";

/// Metadata key of the HTTP status the error has over HTTP.
pub const HTTP_STATUS: &str = "x-errtable-http-status";

/// Metadata key of the error's extra fields, a JSON array of
/// `[name, value]` pairs in the order they were set; absent when it has
/// none.
pub const FIELDS_BIN: &str = "x-errtable-fields-bin";

/// Why a [`Status`] could not be read as a [`ServiceError`].
#[derive(Debug)]
#[non_exhaustive]
pub enum StatusError {
    /// The status is `OK`: it reports no error.
    NotAnError,
    /// The status carries no errtable code in its metadata: it comes from
    /// a peer that does not use errtable, or from tonic itself (a refused
    /// connection, a deadline). It is kept whole for the caller.
    NoCode(Box<Status>),
    /// The status carries an errtable code, but its other metadata cannot
    /// be read: an extra-fields value that is not the JSON errtable writes,
    /// or larger than [`MAX_BODY_LEN`](crate::MAX_BODY_LEN).
    Malformed {
        /// The status as received.
        status: Box<Status>,
        /// What could not be read.
        reason: String,
    },
}

impl StatusError {
    /// The status that could not be read, when there is one.
    pub fn status(&self) -> Option<&Status> {
        match self {
            StatusError::NotAnError => None,
            StatusError::NoCode(status) | StatusError::Malformed { status, .. } => Some(status),
        }
    }
}

impl fmt::Display for StatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusError::NotAnError => f.write_str("gRPC status OK is not an error"),
            StatusError::NoCode(status) => write!(
                f,
                "gRPC status {:?} carries no error code in `{CODE}`: {}",
                status.code(),
                status.message()
            ),
            StatusError::Malformed { status, reason } => write!(
                f,
                "gRPC status {:?} carries an error that cannot be read: {reason}",
                status.code()
            ),
        }
    }
}

impl std::error::Error for StatusError {}

impl<E: Exception> From<ServiceError<E>> for Status {
    /// The status the [module](self) describes; the error, with the request id that
    /// was sent, is the status's source on the service's side.
    fn from(error: ServiceError<E>) -> Self {
        into_status(error, |error| error)
    }
}

/// The one place a gRPC status is made for an error, keeping the error as
/// `keep` makes it (itself, or the deriving crate's error type around it)
/// as the status's source.
pub(crate) fn into_status<E, T>(
    error: ServiceError<E>,
    keep: impl FnOnce(ServiceError<E>) -> T,
) -> Status
where
    E: Exception,
    T: std::error::Error + Send + Sync + 'static,
{
    let (error, request_id) = error.with_sent_request_id(&E::protocol());
    #[cfg(feature = "tracing")]
    crate::trace::error_response(&error, error.wire_status(&E::protocol()));
    let mut metadata = MetadataMap::new();
    match header_value(error.code()).and_then(ascii) {
        Some(code) => {
            metadata.insert(CODE, code);
        }
        None => {
            let code = BinaryMetadataValue::from_bytes(error.code().as_bytes());
            metadata.insert_bin(CODE_BIN, code);
        }
    }
    metadata.insert(
        TYPE,
        AsciiMetadataValue::from_static(error.error_type().as_str()),
    );
    if let Some(status) = ascii(::http::HeaderValue::from(error.wire_status(&E::protocol()))) {
        metadata.insert(HTTP_STATUS, status);
    }
    // The header the table's request ids travel in over HTTP, as metadata.
    let id_key = crate::http::request_id_header::<E>(&E::protocol())
        .and_then(|name| MetadataKey::from_bytes(name.as_str().as_bytes()).ok());
    if let (Some(key), Some(id)) = (id_key, ascii(request_id)) {
        metadata.insert(key, id);
    }
    let fields: Vec<(&str, &Value)> = error.fields().collect();
    if !fields.is_empty() {
        if let Ok(json) = serde_json::to_vec(&fields) {
            metadata.insert_bin(FIELDS_BIN, BinaryMetadataValue::from_bytes(&json));
        }
    }
    let code = Code::from_i32(error.exception().grpc_code().value());
    let mut status = Status::with_metadata(code, error.message(), metadata);
    status.set_source(Arc::new(keep(error)));
    status
}

/// An HTTP header value as ASCII metadata: the same rules, checked once
/// more by tonic.
fn ascii(value: ::http::HeaderValue) -> Option<AsciiMetadataValue> {
    AsciiMetadataValue::try_from(value.as_bytes()).ok()
}

impl<E: Exception> TryFrom<Status> for ServiceError<E> {
    type Error = StatusError;

    /// The error a status carries: see the [module](self) docs. A status
    /// without an errtable code is [`StatusError::NoCode`]; nothing is
    /// guessed from its gRPC code alone.
    fn try_from(status: Status) -> Result<Self, StatusError> {
        if status.code() == Code::Ok {
            return Err(StatusError::NotAnError);
        }
        let metadata = status.metadata();
        let code = match metadata.get(CODE).map(|v| v.to_str()) {
            Some(Ok(code)) => Some(code.trim().to_owned()),
            _ => metadata
                .get_bin(CODE_BIN)
                .and_then(|v| v.to_bytes().ok())
                .and_then(|bytes| String::from_utf8(bytes.to_vec()).ok()),
        };
        let Some(code) = code.filter(|code| !code.is_empty()) else {
            return Err(StatusError::NoCode(Box::new(status)));
        };
        let text = |key: &str| {
            metadata
                .get(key)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
        };
        let error_type = text(TYPE)
            .and_then(|t| t.parse().ok())
            .unwrap_or(ErrorType::Unknown);
        let http_status = text(HTTP_STATUS)
            .and_then(|s| s.parse::<u16>().ok())
            .filter(|s| (300..=599).contains(s))
            .or_else(|| GrpcCode::from_value(i32::from(status.code())).map(GrpcCode::http_status));
        let fields = match metadata.get_bin(FIELDS_BIN).map(|v| v.to_bytes()) {
            None => Vec::new(),
            Some(bytes) => match read_fields(bytes.as_deref().map_err(|e| e.to_string())) {
                Ok(fields) => fields,
                Err(reason) => {
                    return Err(StatusError::Malformed {
                        status: Box::new(status),
                        reason,
                    })
                }
            },
        };
        let exception = crate::__private::from_wire::<E>(&code, error_type, http_status);
        let mut error = ServiceError::new(exception, status.message());
        let named = crate::http::request_id_header::<E>(&E::protocol());
        let id = named
            .as_ref()
            .and_then(|name| text(name.as_str()))
            .or_else(|| text(REQUEST_ID))
            .filter(|id| !id.is_empty());
        if let Some(id) = id {
            error = error.with_request_id(id);
        }
        for (name, value) in fields {
            error = error.with_field(name, value);
        }
        Ok(error)
    }
}

/// The extra fields as [`into_status`] writes them.
fn read_fields(bytes: Result<&[u8], String>) -> Result<Vec<(String, Value)>, String> {
    let bytes = bytes.map_err(|err| format!("`{FIELDS_BIN}`: {err}"))?;
    TooLarge::check(bytes.len()).map_err(|err| format!("`{FIELDS_BIN}`: {err}"))?;
    serde_json::from_slice(bytes).map_err(|err| format!("`{FIELDS_BIN}`: {err}"))
}
