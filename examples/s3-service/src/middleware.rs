//! What every request passes, outermost first:
//!
//! 1. errtable's `RequestContextLayer`: a request id and a host id shaped
//!    like S3's for the request, on every response (`x-amz-request-id`,
//!    `x-amz-id-2`) and in every error made inside it (`<RequestId>`,
//!    `<HostId>`), whichever layer made the error.
//! 2. [`identify`]: each error's `<Resource>`; HEAD responses without a
//!    body; the access log.
//! 3. tower-http's `CatchPanicLayer` with [`panic_response`]: a panic in
//!    the handler answers the table's InternalError instead of dropping
//!    the connection.

use crate::errors;
use crate::S3Error;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{Method, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use errtable::http::RequestContext;
use percent_encoding::percent_decode_str;
use std::any::Any;

/// Inside the request-context layer. Handlers build errors with what went
/// wrong; this adds what belongs to the request (the ids come from the
/// layer):
///
/// - an error response (an `S3Error` in the response's extensions) is
///   written again with its `Resource` (the decoded path), keeping the
///   handler's other headers (a 304's `ETag`);
/// - an error response without an `S3Error` (none is expected) becomes
///   the table's InternalError;
/// - a HEAD response loses its body (S3 sends HEAD errors without one, so
///   clients see only the status), keeping the headers a GET would send.
pub async fn identify(request: Request, next: Next) -> Response {
    let context = request.extensions().get::<RequestContext>().cloned();
    let method = request.method().clone();
    let uri = request.uri().clone();
    let path = uri.path();
    let mut response = next.run(request).await;

    let status = response.status().as_u16();
    let error = response
        .extensions_mut()
        .remove::<S3Error>()
        .or_else(|| (status >= 400).then(|| errors::untabled_status(status)));
    if let Some(error) = error {
        let resource = percent_decode_str(path)
            .decode_utf8()
            .map_or_else(|_| path.to_owned(), |decoded| decoded.into_owned());
        let handler_headers = std::mem::take(response.headers_mut());
        response = error.with_field("Resource", resource).into_response();
        for (name, value) in &handler_headers {
            // The body was written again: its length and type are the new
            // response's.
            let describes_body = *name == CONTENT_LENGTH || *name == CONTENT_TYPE;
            if !describes_body && !response.headers().contains_key(name) {
                response.headers_mut().append(name.clone(), value.clone());
            }
        }
    }
    if method == Method::HEAD {
        *response.body_mut() = Body::empty();
    }
    let request_id = context.as_ref().map_or("-", RequestContext::request_id);
    log(&method, &uri, &response, request_id);
    response
}

/// One line per request on stderr: method, path and query, status, code,
/// request id.
fn log(method: &Method, uri: &Uri, response: &Response, request_id: &str) {
    let code = response
        .extensions()
        .get::<S3Error>()
        .map_or("-", |error| error.code());
    eprintln!(
        "{method} {} -> {} {code} {}",
        uri.path_and_query().map_or("/", |p| p.as_str()),
        response.status().as_u16(),
        request_id
    );
}

/// The response to a panic caught by `CatchPanicLayer`: InternalError,
/// with the panic's message in the log only.
pub fn panic_response(panic: Box<dyn Any + Send>) -> Response {
    let detail = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned());
    errors::internal(&format_args!("a handler panicked: {detail}")).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_the_tables_internal_error() {
        let response = panic_response(Box::new("boom"));
        assert_eq!(response.status(), 500);
        let error = response.extensions().get::<S3Error>().unwrap();
        assert_eq!(error.code(), "InternalError");
        assert_eq!(error.message(), errors::INTERNAL_MESSAGE);
    }
}
