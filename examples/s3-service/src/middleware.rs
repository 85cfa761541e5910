//! What every request passes, outermost first:
//!
//! 1. [`identify`]: a request id and a host id for the request, on every
//!    response (`x-amz-request-id`, `x-amz-id-2`) and in every error body
//!    (`<RequestId>`, `<HostId>`) with its `<Resource>`; HEAD responses
//!    without a body; the access log.
//! 2. tower-http's `CatchPanicLayer` with [`panic_response`]: a panic in
//!    the handler answers the table's InternalError instead of dropping
//!    the connection.

use crate::errors;
use crate::S3Error;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{Method, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use errtable::http::{generate_request_id, X_AMZ_ID_2, X_AMZ_REQUEST_ID};
use percent_encoding::percent_decode_str;
use std::any::Any;
use std::collections::hash_map::DefaultHasher;
use std::hash::Hasher;

/// The ids S3 gives a request: sent as `x-amz-request-id` and `x-amz-id-2`
/// on every response, and as `<RequestId>` and `<HostId>` in error bodies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestIds {
    /// Shaped like S3's: 16 uppercase hex digits (`4442587FB7D0A2F9`).
    pub request_id: String,
    /// S3's extended request id, which names the host that served the
    /// request: here 47 characters of base64url.
    pub host_id: String,
}

impl RequestIds {
    /// Fresh ids, unique per request. Both come from errtable's
    /// [`generate_request_id`] (a keyed hash of a counter and the time):
    /// the request id is 64 bits of a hash of one, the host id another.
    pub fn fresh() -> RequestIds {
        let mut hasher = DefaultHasher::new();
        hasher.write(generate_request_id().as_bytes());
        RequestIds {
            request_id: format!("{:016X}", hasher.finish()),
            host_id: generate_request_id(),
        }
    }
}

/// The outermost layer. Handlers build errors with what went wrong; this
/// adds what belongs to the request, so every error, whichever layer made
/// it, carries the same ids as the response's headers:
///
/// - an error response (an `S3Error` in the response's extensions) is
///   written again with the request id, `HostId` and `Resource` (the
///   decoded path), keeping the handler's other headers (a 304's `ETag`);
/// - an error response without an `S3Error` (none is expected) becomes
///   the table's InternalError;
/// - every response gets `x-amz-request-id` and `x-amz-id-2`;
/// - a HEAD response loses its body (S3 sends HEAD errors without one, so
///   clients see only the status), keeping the headers a GET would send.
pub async fn identify(request: Request, next: Next) -> Response {
    let ids = RequestIds::fresh();
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
        let error = error
            .with_request_id(ids.request_id.clone())
            .with_field("Resource", resource)
            .with_field("HostId", ids.host_id.clone());
        let handler_headers = std::mem::take(response.headers_mut());
        response = error.into_response();
        for (name, value) in &handler_headers {
            // The body was written again: its length and type are the new
            // response's.
            let describes_body = *name == CONTENT_LENGTH || *name == CONTENT_TYPE;
            if !describes_body && !response.headers().contains_key(name) {
                response.headers_mut().append(name.clone(), value.clone());
            }
        }
    }
    let headers = response.headers_mut();
    if let Ok(id) = HeaderValue::from_str(&ids.request_id) {
        headers.insert(X_AMZ_REQUEST_ID, id);
    }
    if let Ok(host_id) = HeaderValue::from_str(&ids.host_id) {
        headers.insert(X_AMZ_ID_2, host_id);
    }
    if method == Method::HEAD {
        *response.body_mut() = Body::empty();
    }
    log(&method, &uri, &response, &ids);
    response
}

/// One line per request on stderr: method, path and query, status, code,
/// request id.
fn log(method: &Method, uri: &Uri, response: &Response, ids: &RequestIds) {
    let code = response
        .extensions()
        .get::<S3Error>()
        .map_or("-", |error| error.code());
    eprintln!(
        "{method} {} -> {} {code} {}",
        uri.path_and_query().map_or("/", |p| p.as_str()),
        response.status().as_u16(),
        ids.request_id
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
    use std::collections::HashSet;

    #[test]
    fn ids_are_shaped_like_s3_and_do_not_repeat() {
        let ids: Vec<RequestIds> = (0..1000).map(|_| RequestIds::fresh()).collect();
        for id in &ids {
            assert_eq!(id.request_id.len(), 16);
            assert!(id
                .request_id
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)));
            assert!(HeaderValue::from_str(&id.host_id).is_ok());
        }
        let request_ids: HashSet<&str> = ids.iter().map(|id| id.request_id.as_str()).collect();
        let host_ids: HashSet<&str> = ids.iter().map(|id| id.host_id.as_str()).collect();
        assert_eq!((request_ids.len(), host_ids.len()), (1000, 1000));
    }

    #[test]
    fn a_panic_is_the_tables_internal_error() {
        let response = panic_response(Box::new("boom"));
        assert_eq!(response.status(), 500);
        let error = response.extensions().get::<S3Error>().unwrap();
        assert_eq!(error.code(), "InternalError");
        assert_eq!(error.message(), errors::INTERNAL_MESSAGE);
    }
}
