//! Driving the router in process (no socket), shared by the tests that do.

use axum::body::Body;
use axum::http::{Request, Response};
use glacier_demo::aws_dates;
use std::time::SystemTime;
use tower::ServiceExt;

/// A request signed (well enough: signatures are not verified) by `key`,
/// with the version header.
pub fn signed(method: &str, uri: &str, key: &str, body: &str) -> Request<Body> {
    let now = aws_dates::basic(SystemTime::now());
    Request::builder()
        .method(method)
        .uri(uri)
        .header("x-amz-date", &now)
        .header("x-amz-glacier-version", "2012-06-01")
        .header(
            "authorization",
            format!(
                "AWS4-HMAC-SHA256 Credential={key}/{}/us-west-2/glacier/aws4_request, \
                 SignedHeaders=host;x-amz-date, Signature={}",
                &now[..8],
                "ab".repeat(32)
            ),
        )
        .body(Body::from(body.to_owned()))
        .unwrap()
}

/// Sends `request` through the router; the response head and its body.
pub async fn send(app: &axum::Router, request: Request<Body>) -> (Response<()>, Vec<u8>) {
    let response = app.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    (Response::from_parts(parts, ()), bytes.to_vec())
}
