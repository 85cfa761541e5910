//! gRPC errors through tonic: [`ServiceError`] into a [`tonic::Status`] for
//! a service to return, and a `Status` back into the same typed error for
//! its clients. Needs the `tonic` feature.
//!
//! A status carries, as Google's AIP-193 asks and tonic-types,
//! grpcio-status and Google's client libraries read:
//! - the gRPC code of [`Exception::grpc_code`]: the row's `gRPC Code`
//!   column, else the table's `grpc(STATUS = "CODE")` option, else the
//!   HTTP status mapped by [`GrpcCode::from_http_status`](crate::GrpcCode::from_http_status)
//!   (Google's AIP-193 table);
//! - the error's message as the status message;
//! - in `grpc-status-details-bin`, a `google.rpc.Status` whose details are
//!   the error's `ErrorInfo` ([`ServiceError::error_info`]: its reason,
//!   the table's domain, the code and extra fields as metadata), a
//!   `RequestInfo` with the request id (generated when the error has none,
//!   as over HTTP), and a `RetryInfo` when the error has a
//!   [retry delay](ServiceError::retry_after);
//! - the request id also in the metadata key the table's request ids
//!   travel in over HTTP, where it has one.
//!
//! The source never leaves the service: the status keeps the error as its
//! own [`source`](std::error::Error::source) on the service's side only,
//! which tonic never sends.
//!
//! A status becomes a [`ServiceError`] with `TryFrom`, read as the
//! [`google`](crate::google) module says: the row by `code` or reason
//! within the table's domain. One that carries no `ErrorInfo` (a peer
//! that does not send one, or tonic's own statuses: `UNAVAILABLE` for a
//! refused connection, `DEADLINE_EXCEEDED` for a timeout) is
//! [`StatusError::NoCode`], with the status inside: its gRPC code says too
//! little to name one of the table's exceptions (all of a service's 500s
//! are `INTERNAL`), and a guess would be wrong as often as not. A code the
//! table lacks takes the HTTP status of its gRPC code
//! ([`GrpcCode::http_status`](crate::GrpcCode::http_status)), and the type
//! of that status.
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

use crate::google::{with_details, ErrorInfo};
use crate::{Exception, GrpcCode, ServiceError};
use ::tonic::metadata::{AsciiMetadataValue, MetadataKey, MetadataMap};
use ::tonic::{Code, Status};
use std::fmt;
use std::sync::Arc;
use tonic_types::{ErrorDetails, StatusExt};

/// Why a [`Status`] could not be read as a [`ServiceError`].
#[derive(Debug)]
#[non_exhaustive]
pub enum StatusError {
    /// The status is `OK`: it reports no error.
    NotAnError,
    /// The status carries no `ErrorInfo`: it comes from a peer that does
    /// not send one, or from tonic itself (a refused connection, a
    /// deadline). It is kept whole for the caller.
    NoCode(Box<Status>),
    /// The status's `grpc-status-details-bin` is not a `google.rpc.Status`.
    Malformed {
        /// The status as received.
        status: Box<Status>,
        /// What could not be read.
        reason: String,
    },
}

impl StatusError {
    /// The status that could not be read, when there is one.
    #[must_use]
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
                "gRPC status {:?} carries no ErrorInfo: {}",
                status.code(),
                status.message()
            ),
            StatusError::Malformed { status, reason } => write!(
                f,
                "gRPC status {:?} carries details that cannot be read: {reason}",
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
    let info = error.error_info();
    let mut details = ErrorDetails::with_error_info(
        info.reason,
        info.domain,
        info.metadata
            .into_iter()
            .collect::<std::collections::HashMap<_, _>>(),
    );
    if let Some(id) = error.request_id() {
        details.set_request_info(id, "");
    }
    if let Some(delay) = error.retry_after() {
        details.set_retry_info(Some(delay));
    }
    // The header the table's request ids travel in over HTTP, as metadata.
    let mut metadata = MetadataMap::new();
    let id_key = crate::http::request_id_header::<E>(&E::protocol())
        .and_then(|name| MetadataKey::from_bytes(name.as_str().as_bytes()).ok());
    if let (Some(key), Ok(id)) = (id_key, AsciiMetadataValue::try_from(request_id.as_bytes())) {
        metadata.insert(key, id);
    }
    let code = Code::from_i32(error.exception().grpc_code().value());
    let mut status =
        Status::with_error_details_and_metadata(code, error.message(), details, metadata);
    status.set_source(Arc::new(keep(error)));
    status
}

impl<E: Exception> TryFrom<Status> for ServiceError<E> {
    type Error = StatusError;

    /// The error a status carries: see the [module](self) docs. A status
    /// without an `ErrorInfo` is [`StatusError::NoCode`]; nothing is
    /// guessed from its gRPC code alone.
    fn try_from(status: Status) -> Result<Self, StatusError> {
        if status.code() == Code::Ok {
            return Err(StatusError::NotAnError);
        }
        let details = match status.check_error_details() {
            Ok(details) => details,
            Err(err) => {
                return Err(StatusError::Malformed {
                    status: Box::new(status),
                    reason: format!("`grpc-status-details-bin`: {err}"),
                })
            }
        };
        let Some(info) = details.error_info() else {
            return Err(StatusError::NoCode(Box::new(status)));
        };
        // The map's order is the sender's hash order: sorted, so that the
        // same status always reads as the same error.
        let mut metadata: Vec<(String, String)> = info.metadata.clone().into_iter().collect();
        metadata.sort();
        let info = ErrorInfo {
            reason: info.reason.clone(),
            domain: info.domain.clone(),
            metadata,
        };
        let http_status =
            GrpcCode::from_value(i32::from(status.code())).map_or(500, GrpcCode::http_status);
        let error = info.into_error::<E>(http_status, status.message().to_owned());
        let header_id = || {
            let named = crate::http::request_id_header::<E>(&E::protocol())?;
            let id = status.metadata().get(named.as_str())?.to_str().ok()?.trim();
            (!id.is_empty()).then(|| id.to_owned())
        };
        let request_id = details
            .request_info()
            .map(|info| info.request_id.clone())
            .filter(|id| !id.is_empty())
            .or_else(header_id);
        let delay = details.retry_info().and_then(|info| info.retry_delay);
        Ok(with_details(error, request_id, delay, Vec::new()))
    }
}
