//! What every request passes, outermost first:
//!
//! 1. [`finish`]: a request id on every response, the `--docs-examples`
//!    layouts, the access log; any error response that is not one of the
//!    table's (there should be none) becomes one.
//! 2. tower-http's `CatchPanicLayer` with [`panic_response`]: a panic in a
//!    handler answers the table's generic 500 instead of dropping the
//!    connection.
//! 3. [`admit`]: authentication, the rate limit and the API version
//!    header, in AWS's order, before any routing (an unsigned request
//!    learns nothing about which paths exist).

use crate::auth;
use crate::documented_examples;
use crate::errors;
use crate::router::{Shared, API_VERSION};
use crate::{GlacierError, GlacierException};
use axum::extract::{Request, State};
use axum::http::header::HeaderValue;
use axum::http::{Method, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use errtable::http::{RequestContext, X_AMZN_REQUEST_ID};
use std::any::Any;
use std::sync::{Mutex, MutexGuard};
use std::time::{Instant, SystemTime};

/// A poisoned lock means a handler panicked mid-change: the honest answer
/// from then on is the table's 500.
pub fn lock<T>(mutex: &Mutex<T>) -> Result<MutexGuard<'_, T>, GlacierError> {
    mutex
        .lock()
        .map_err(|_| errors::internal(&"a lock is poisoned by an earlier panic"))
}

/// Authentication, the rate limit and the version header.
pub async fn admit(State(state): State<Shared>, request: Request, next: Next) -> Response {
    match check(&state, &request) {
        Ok(()) => next.run(request).await,
        Err(error) => error.into_response(),
    }
}

fn check(state: &Shared, request: &Request) -> Result<(), GlacierError> {
    let headers = request.headers();
    let check_dates = !state.config.docs_examples;
    let key = auth::authenticate(headers, &state.config, SystemTime::now(), check_dates)?;
    if let Some(limiter) = &state.rate_limiter {
        if !lock(limiter)?.allow(&key, Instant::now()) {
            return Err(errors::throttled());
        }
    }
    match headers.get("x-amz-glacier-version") {
        None => Err(errors::version_missing()),
        Some(version) if version != API_VERSION => Err(errors::version_invalid(
            &String::from_utf8_lossy(version.as_bytes()),
            API_VERSION,
        )),
        Some(_) => Ok(()),
    }
}

/// The response to a panic caught by `CatchPanicLayer`. The panic's
/// message goes to the log (the panic hook has printed where it was); the
/// client gets the generic message.
pub fn panic_response(panic: Box<dyn Any + Send>) -> Response {
    let detail = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned());
    errors::internal(&format_args!("a handler panicked: {detail}")).into_response()
}

/// The outermost layer: the documented layouts in `--docs-examples` mode,
/// a request id on every response, the access log.
pub async fn finish(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let uri = request.uri().clone();
    // The request's id for a response that has none (a success): the
    // client's, else a new one, as the table's errors get them.
    let context = RequestContext::for_request::<GlacierException>(request.headers());
    let mut response = next.run(request).await;

    let status = response.status();
    if status.as_u16() >= 400 && response.extensions().get::<GlacierError>().is_none() {
        response = errors::untabled_status(status.as_u16()).into_response();
    }
    if state.config.docs_examples {
        response = documented_examples::rewrite(response);
    }
    if !response.headers().contains_key(X_AMZN_REQUEST_ID) {
        if let Ok(id) = HeaderValue::from_str(context.request_id()) {
            response.headers_mut().insert(X_AMZN_REQUEST_ID, id);
        }
    }
    if !state.config.quiet {
        let code = response
            .extensions()
            .get::<GlacierError>()
            .map_or("-", |error| error.code());
        let id = response
            .headers()
            .get(X_AMZN_REQUEST_ID)
            .and_then(|id| id.to_str().ok())
            .unwrap_or("-");
        eprintln!(
            "{method} {uri} -> {} {code} {id}",
            response.status().as_u16()
        );
    }
    response
}

/// Any method and path the router does not serve.
pub async fn no_operation(method: Method, uri: Uri) -> GlacierError {
    errors::no_operation(method.as_str(), uri.path())
}
