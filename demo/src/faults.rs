//! Internal failures: a panic in a handler and an error of the service's
//! own (an `std::io::Error`, a poisoned lock) become the table's generic
//! ServiceUnavailableException. The details go to the service's log
//! (stderr), never into the response: a client learns that the service
//! failed, not how or where.
//!
//! With `--fault-routes` (for reliability tests only) two routes fail on
//! purpose: `GET /-/faults/panic` panics in its handler, `GET
//! /-/faults/io-error` meets an `std::io::Error`.

use crate::{GlacierError, GlacierException};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::task::{Context, Poll};

/// The message of every internal failure: the same for all, so that it
/// tells nothing about the failure.
pub const INTERNAL_MESSAGE: &str = "The service cannot complete the request.";

/// The response to a failure of the service itself. `detail` is logged
/// with a marker, and is not in the error.
pub fn internal(detail: &dyn std::fmt::Display) -> GlacierError {
    eprintln!("glacier-demo: internal error: {detail}");
    GlacierError::new(
        GlacierException::ServiceUnavailableException,
        INTERNAL_MESSAGE,
    )
}

/// Middleware: a panic anywhere inside (handler, extractor, inner
/// middleware) is caught and answered with [`internal`] instead of the
/// connection being dropped without a response. The panic's own message
/// is printed by the panic hook, on stderr.
pub async fn catch_panic(request: Request, next: Next) -> Response {
    match CatchUnwind(Box::pin(next.run(request))).await {
        Ok(response) => response,
        Err(panic) => {
            let detail = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".to_owned());
            internal(&format_args!("a handler panicked: {detail}")).into_response()
        }
    }
}

/// A future that turns a panic while polling into `Err`.
struct CatchUnwind<F>(Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = std::thread::Result<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.0.as_mut();
        // The future is dropped after a panic, never polled again, so no
        // broken state of it is observed.
        match catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}

/// `GET /-/faults/panic`: panics, with internal details in the message.
pub async fn panic_route() -> Response {
    panic!("fault injected: secret state /var/lib/glacier/db.sqlite at offset 4096");
}

/// `GET /-/faults/io-error`: fails on an `std::io::Error` whose text
/// names a private path.
pub async fn io_error_route() -> Result<Response, GlacierError> {
    let path = "/nonexistent/glacier-demo/private/vault-index.db";
    let bytes =
        std::fs::read(path).map_err(|err| internal(&format_args!("reading {path}: {err}")))?;
    Ok(format!("{} bytes", bytes.len()).into_response())
}
