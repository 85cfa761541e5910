use crate::{ErrorType, Exception, RetryKind};
use std::fmt;

/// An error of a service: an exception of its table, the message that
/// explains this occurrence, and the request id it was reported under.
///
/// Serializes to the compact body services send,
/// `{"code":"...","message":"...","type":"Client"}`, and parses the
/// spellings real services use (see [`ServiceError::from_json`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ServiceError<E> {
    exception: E,
    message: String,
    request_id: Option<String>,
}

impl<E: Exception> ServiceError<E> {
    /// An error with no request id yet.
    pub fn new(exception: E, message: impl Into<String>) -> Self {
        ServiceError {
            exception,
            message: message.into(),
            request_id: None,
        }
    }

    /// Sets the request id (the `x-amzn-RequestId` header of a response).
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// The exception.
    pub fn exception(&self) -> &E {
        &self.exception
    }

    /// The message of this occurrence.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The request id, if one is known.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The wire code.
    pub fn code(&self) -> &str {
        self.exception.code()
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.exception.status()
    }

    /// Whether the client or the server is at fault.
    pub fn error_type(&self) -> ErrorType {
        self.exception.error_type()
    }

    /// How a client should treat this error when deciding to retry.
    pub fn retry_kind(&self) -> RetryKind {
        self.exception.retry_kind()
    }

    /// The same error under another table's exception type, such as a
    /// per-operation subset's error widened to the service-wide one
    /// (`#[error_table(full = "...")]` generates the `From`).
    pub fn convert<F: Exception + From<E>>(self) -> ServiceError<F> {
        ServiceError {
            exception: self.exception.into(),
            message: self.message,
            request_id: self.request_id,
        }
    }

    /// The same error under a subset's exception type, or the error back
    /// unchanged when the subset does not have its exception.
    pub fn try_convert<F: Exception + TryFrom<E, Error = E>>(
        self,
    ) -> Result<ServiceError<F>, Self> {
        match F::try_from(self.exception) {
            Ok(exception) => Ok(ServiceError {
                exception,
                message: self.message,
                request_id: self.request_id,
            }),
            Err(exception) => Err(ServiceError { exception, ..self }),
        }
    }

    /// Splits the error into its exception, message and request id.
    pub fn into_parts(self) -> (E, String, Option<String>) {
        (self.exception, self.message, self.request_id)
    }
}

impl<E: Exception> fmt::Display for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.message)
    }
}

impl<E: Exception> std::error::Error for ServiceError<E> {}
