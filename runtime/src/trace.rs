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
    // An error read from a peer may have no type; its status decides.
    let server_fault = match error.error_type() {
        ErrorType::Server => true,
        ErrorType::Client => false,
        ErrorType::Unknown => status >= 500,
    };
    let level = if server_fault {
        Level::ERROR
    } else {
        client_fault_level()
    };
    // `event!` takes its level as a constant, hence one call per level;
    // the check first spares building the cause chain for a disabled one.
    macro_rules! emit {
        ($level:expr) => {
            if tracing::enabled!(target: "errtable", $level) {
                tracing::event!(
                    target: "errtable",
                    $level,
                    message = error.message(),
                    code = error.code(),
                    status,
                    error_type = error.error_type().as_str(),
                    request_id = error.request_id(),
                    cause = cause_chain(error).as_deref(),
                )
            }
        };
    }
    match level {
        Level::ERROR => emit!(Level::ERROR),
        Level::WARN => emit!(Level::WARN),
        Level::INFO => emit!(Level::INFO),
        Level::DEBUG => emit!(Level::DEBUG),
        _ => emit!(Level::TRACE),
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
