//! What every request passes, outermost first:
//!
//! 1. errtable's `RequestContextLayer`: a request id on every response and
//!    error, and one tracing event per error response (with the error's
//!    cause chain);
//! 2. [`rate_limit`]: RateLimited (429, `Retry-After`) over `--rate-limit`
//!    requests a second;
//! 3. tower-http's `CatchPanicLayer` with [`panic_response`]: a panic
//!    answers Internal (500), its message kept as the error's source;
//! 4. [`problems_only`]: any error response that errtable did not write
//!    (none is expected) becomes a problem too.

use crate::errors;
use crate::BookshopError;
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::any::Any;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// A limit on the requests the whole server answers per second: a window
/// of one second, counted from its first request.
#[derive(Debug)]
pub struct RateLimiter {
    per_second: u32,
    window: Mutex<(Instant, u32)>,
}

/// The window's length.
const WINDOW: Duration = Duration::from_secs(1);

impl RateLimiter {
    /// At most `per_second` requests a second.
    pub fn new(per_second: u32) -> Self {
        RateLimiter {
            per_second,
            window: Mutex::new((Instant::now(), 0)),
        }
    }

    /// Counts a request at `now`: `Ok`, or how long until the next window.
    pub fn check(&self, now: Instant) -> Result<(), Duration> {
        let mut window = self.window.lock().unwrap_or_else(PoisonError::into_inner);
        let (start, count) = &mut *window;
        let elapsed = now.saturating_duration_since(*start);
        // A window starts with its first request.
        if *count == 0 || elapsed >= WINDOW {
            *start = now;
            *count = 0;
        }
        if *count < self.per_second {
            *count += 1;
            Ok(())
        } else {
            Err(WINDOW.saturating_sub(now.saturating_duration_since(*start)))
        }
    }
}

/// RateLimited over the limit, with `Retry-After` (whole seconds, at least
/// 1); no limit without one.
pub async fn rate_limit(
    State(limiter): State<Option<Arc<RateLimiter>>>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(limiter) = limiter {
        if let Err(wait) = limiter.check(Instant::now()) {
            return errors::rate_limited(wait.max(Duration::from_secs(1))).into_response();
        }
    }
    next.run(request).await
}

/// A panic's answer: Internal, the panic's message as its source (logged,
/// never sent).
pub fn panic_response(payload: Box<dyn Any + Send + 'static>) -> Response {
    let message = if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_owned()
    };
    errors::internal(format!("handler panicked: {message}")).into_response()
}

/// Every error response a problem: one errtable did not write (an error
/// status without a `BookshopError` in its extensions) is written again as
/// the table's error for its status, keeping its other headers (`Allow`).
pub async fn problems_only(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    if status < 400 || response.extensions().get::<BookshopError>().is_some() {
        return response;
    }
    let error = match status {
        404 => errors::no_such_route(&path),
        405 => errors::method_not_allowed(method.as_str(), &path),
        500.. => errors::internal(format!("a response of status {status} without a problem")),
        _ => errors::validation_failed(&[errors::InvalidField::new(
            "",
            format!("the request was refused with status {status}"),
        )]),
    };
    let (parts, _) = response.into_parts();
    let mut rewritten = error.into_response();
    for (name, value) in &parts.headers {
        let describes_body = *name == CONTENT_LENGTH || *name == CONTENT_TYPE;
        if !describes_body && !rewritten.headers().contains_key(name) {
            rewritten.headers_mut().append(name.clone(), value.clone());
        }
    }
    rewritten
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_a_second() {
        let limiter = RateLimiter::new(2);
        let start = Instant::now();
        assert_eq!(limiter.check(start), Ok(()));
        assert_eq!(limiter.check(start), Ok(()));
        let wait = limiter
            .check(start + Duration::from_millis(300))
            .unwrap_err();
        assert_eq!(wait, Duration::from_millis(700));
        assert_eq!(limiter.check(start + WINDOW), Ok(()));
    }
}
