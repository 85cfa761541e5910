//! One [`tracing`] event per error response. Needs the `tracing` feature.
//!
//! Where an error becomes a response (axum's `IntoResponse`, actix-web's
//! `ResponseError`, the conversion to `tonic::Status`, and
//! `http::Response::from`), errtable emits one event with target
//! `errtable` and these fields:
//!
//! | field        | value                                                    |
//! |--------------|----------------------------------------------------------|
//! | `code`       | the error code, `ResourceNotFoundException`              |
//! | `status`     | the HTTP status sent, `404`                              |
//! | `error_type` | `Client` or `Server`                                     |
//! | `request_id` | the request id sent, generated if the error had none     |
//! | `message`    | the message sent, the event's own message                |
//! | `cause`      | the [source](crate::ServiceError::with_source) chain, joined with `": "`; absent without a source |
//!
//! Server faults (and errors of unknown type with a 5xx status) log at
//! `ERROR`: the service failed. Client faults log at
//! `INFO` by default, since a 404 or a throttled caller is the service
//! working; [`set_client_fault_level`] changes that for the whole process.
//!
//! The cause goes to the log and never to the client: that is where a
//! database error or an internal host name belongs.
//!
//! ```
//! use errtable::ErrorTable;
//!
//! #[derive(ErrorTable)]
//! #[error_table(spec = "spec/glacier.md")]
//! pub struct Glacier;
//!
//! // Client faults (4xx) at DEBUG, for a service whose logs are busy.
//! errtable::trace::set_client_fault_level(tracing::Level::DEBUG);
//!
//! let disk = std::io::Error::other("disk quota exceeded");
//! let error = GlacierError::new(GlacierException::ServiceUnavailableException, "Try again later.")
//!     .with_source(disk);
//! // Logs at ERROR: code=ServiceUnavailableException status=500 ... cause="disk quota exceeded"
//! let response = http::Response::from(error);
//! assert_eq!(response.status(), 500);
//! ```

use crate::{ErrorType, Exception, ServiceError};
use std::error::Error;
use std::sync::atomic::{AtomicU8, Ordering};
use tracing::Level;

/// The level of client faults, as [`level_number`] numbers it: `INFO`.
static CLIENT_FAULT_LEVEL: AtomicU8 = AtomicU8::new(2);

/// Sets the level at which client faults (errors of type
/// [`ErrorType::Client`]) are logged, for the whole process; `INFO` until
/// set. Server faults always log at `ERROR`.
pub fn set_client_fault_level(level: Level) {
    CLIENT_FAULT_LEVEL.store(level_number(level), Ordering::Relaxed);
}

/// The level at which client faults are logged.
pub fn client_fault_level() -> Level {
    match CLIENT_FAULT_LEVEL.load(Ordering::Relaxed) {
        0 => Level::TRACE,
        1 => Level::DEBUG,
        2 => Level::INFO,
        3 => Level::WARN,
        _ => Level::ERROR,
    }
}

fn level_number(level: Level) -> u8 {
    match level {
        Level::TRACE => 0,
        Level::DEBUG => 1,
        Level::INFO => 2,
        Level::WARN => 3,
        _ => 4,
    }
}

/// Emits the event for `error`, sent with `status` and the request id it
/// now carries.
pub(crate) fn error_response<E: Exception>(error: &ServiceError<E>, status: u16) {
    let level = level_of(error.error_type(), status);
    // The check first spares building the cause chain for a disabled level.
    if enabled(level) {
        Event::of(error, status).emit();
    }
}

/// What the event of one error response says: an errtable error's parts,
/// or only the status and request id of a response errtable did not write.
/// The request-context layer finds it in the response's extensions and
/// emits it once the response leaves the layer.
#[derive(Clone, Debug)]
pub(crate) struct Event {
    code: Option<String>,
    message: String,
    status: u16,
    error_type: ErrorType,
    request_id: Option<String>,
    cause: Option<String>,
}

impl Event {
    pub(crate) fn of<E: Exception>(error: &ServiceError<E>, status: u16) -> Self {
        Event {
            code: Some(error.code().to_owned()),
            message: error.message().to_owned(),
            status,
            error_type: error.error_type(),
            request_id: error.request_id().map(str::to_owned),
            cause: cause_chain(error),
        }
    }

    /// An error response errtable did not write (a framework's rejection,
    /// a fallback's 404): its status and the request's id.
    #[cfg_attr(not(any(feature = "tower", feature = "actix")), allow(dead_code))]
    pub(crate) fn plain(status: u16, request_id: &str) -> Self {
        Event {
            code: None,
            message: String::from("error response"),
            status,
            error_type: ErrorType::from_status(status),
            request_id: Some(request_id.to_owned()),
            cause: None,
        }
    }

    /// Sets the request id, as the response that carries the event was
    /// stamped.
    #[cfg_attr(not(any(feature = "tower", feature = "actix")), allow(dead_code))]
    pub(crate) fn with_request_id(mut self, request_id: &str) -> Self {
        self.request_id = Some(request_id.to_owned());
        self
    }

    pub(crate) fn emit(&self) {
        // `event!` takes its level as a constant, hence one call per level.
        macro_rules! emit {
            ($level:expr) => {
                tracing::event!(
                    target: "errtable",
                    $level,
                    message = self.message.as_str(),
                    code = self.code.as_deref(),
                    status = self.status,
                    error_type = self.error_type.as_str(),
                    request_id = self.request_id.as_deref(),
                    cause = self.cause.as_deref(),
                )
            };
        }
        match level_of(self.error_type, self.status) {
            Level::ERROR => emit!(Level::ERROR),
            Level::WARN => emit!(Level::WARN),
            Level::INFO => emit!(Level::INFO),
            Level::DEBUG => emit!(Level::DEBUG),
            _ => emit!(Level::TRACE),
        }
    }
}

/// The level of an error response: `ERROR` for a server fault (or one of
/// unknown type with a 5xx status), the client fault level otherwise.
fn level_of(error_type: ErrorType, status: u16) -> Level {
    let server_fault = match error_type {
        ErrorType::Server => true,
        ErrorType::Client => false,
        ErrorType::Unknown => status >= 500,
    };
    if server_fault {
        Level::ERROR
    } else {
        client_fault_level()
    }
}

/// Whether an event of `level` would be recorded.
fn enabled(level: Level) -> bool {
    match level {
        Level::ERROR => tracing::enabled!(target: "errtable", Level::ERROR),
        Level::WARN => tracing::enabled!(target: "errtable", Level::WARN),
        Level::INFO => tracing::enabled!(target: "errtable", Level::INFO),
        Level::DEBUG => tracing::enabled!(target: "errtable", Level::DEBUG),
        _ => tracing::enabled!(target: "errtable", Level::TRACE),
    }
}

/// The source and the errors behind it, `outer: inner: innermost`.
fn cause_chain(error: &(dyn Error + 'static)) -> Option<String> {
    let mut source = error.source()?;
    let mut chain = source.to_string();
    while let Some(next) = source.source() {
        chain.push_str(": ");
        chain.push_str(&next.to_string());
        source = next;
    }
    Some(chain)
}
