//! The service in process (tower's `oneshot`, no sockets): every error it
//! can send, as exact XML bytes and headers, and read back exactly by
//! `S3Error::from_http_parts`; the 304 and HEAD errors without a body;
//! the operations' successes.

use axum::body::{Body, Bytes, HttpBody};
use axum::http::header::{
    HeaderName, CONTENT_LENGTH, CONTENT_RANGE, CONTENT_TYPE, ETAG, LAST_MODIFIED,
};
use axum::http::{Request, Response};
use axum::Router;
use errtable::http::{HttpError, X_AMZ_ID_2, X_AMZ_REQUEST_ID};
use errtable::Exception;
use s3_service::config::Config;
use s3_service::router::router;
use s3_service::{S3Error, S3Exception};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tower::ServiceExt;

const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

fn service(max_object_size: u64) -> Router {
    router(Config {
        listen: "127.0.0.1:0".to_owned(),
        max_object_size,
    })
}

/// One request, its response with the whole body.
async fn send_body(
    app: &Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: Body,
) -> Response<Bytes> {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(body).expect("a valid request");
    let response = app.clone().oneshot(request).await.expect("infallible");
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .expect("the body");
    Response::from_parts(parts, bytes)
}

async fn send(app: &Router, method: &str, uri: &str, headers: &[(&str, &str)]) -> Response<Bytes> {
    send_body(app, method, uri, headers, Body::empty()).await
}

async fn put(app: &Router, uri: &str, data: &'static [u8]) -> Response<Bytes> {
    let length = data.len().to_string();
    send_body(
        app,
        "PUT",
        uri,
        &[("content-length", &length)],
        Body::from(data),
    )
    .await
}

fn header<'a>(response: &'a Response<Bytes>, name: &HeaderName) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header: {response:?}"))
}

fn body_text(response: &Response<Bytes>) -> &str {
    std::str::from_utf8(response.body()).expect("UTF-8")
}

/// Checks an error response against the table and S3's conventions and
/// reads it back: the table's status, `Content-Type: application/xml`,
/// the exact length, `x-amz-request-id` and `x-amz-id-2` equal to the
/// body's `<RequestId>` and `<HostId>`, and a code read from the body.
fn read_error(response: &Response<Bytes>, exception: S3Exception) -> S3Error {
    assert_eq!(response.status(), exception.status(), "{response:?}");
    assert_eq!(header(response, &CONTENT_TYPE), "application/xml");
    assert_eq!(
        header(response, &CONTENT_LENGTH),
        response.body().len().to_string()
    );
    let error = S3Error::from_http_parts(response.status(), response.headers(), response.body())
        .expect("an S3 error");
    assert_eq!(error.exception(), &exception, "{}", body_text(response));
    assert!(!error.guessed_from_status());
    let request_id = header(response, &X_AMZ_REQUEST_ID);
    assert_eq!(error.request_id(), Some(request_id));
    assert_eq!(request_id.len(), 16, "{request_id}");
    assert!(request_id
        .bytes()
        .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()));
    assert_eq!(field(&error, "HostId"), Some(header(response, &X_AMZ_ID_2)));
    // The body carries them itself, not only through the headers.
    let text = body_text(response);
    assert!(text.contains(&format!("<RequestId>{request_id}</RequestId>")));
    assert!(text.contains(&format!(
        "<HostId>{}</HostId>",
        header(response, &X_AMZ_ID_2)
    )));
    error
}

fn field<'a>(error: &'a S3Error, name: &str) -> Option<&'a str> {
    error.field(name).and_then(|value| value.as_str())
}

/// The body S3 would send for an error: declaration, code, message, the
/// extra elements in order, then the ids from the response's headers.
fn expected_xml(
    response: &Response<Bytes>,
    code: &str,
    message: &str,
    elements: &[(&str, &str)],
) -> String {
    let mut xml = format!("{DECLARATION}<Error><Code>{code}</Code><Message>{message}</Message>");
    for (name, text) in elements {
        xml.push_str(&format!("<{name}>{text}</{name}>"));
    }
    xml.push_str(&format!(
        "<RequestId>{}</RequestId><HostId>{}</HostId></Error>",
        header(response, &X_AMZ_REQUEST_ID),
        header(response, &X_AMZ_ID_2)
    ));
    xml
}

#[tokio::test]
async fn no_such_bucket_is_s3s_xml_exactly() {
    let app = service(1024);
    let response = send(&app, "GET", "/missing-bucket?list-type=2", &[]).await;
    assert_eq!(
        body_text(&response),
        expected_xml(
            &response,
            "NoSuchBucket",
            "The specified bucket does not exist",
            &[
                ("BucketName", "missing-bucket"),
                ("Resource", "/missing-bucket")
            ]
        )
    );
    let error = read_error(&response, S3Exception::NoSuchBucket);
    assert_eq!(error.message(), "The specified bucket does not exist");
    assert_eq!(field(&error, "BucketName"), Some("missing-bucket"));
    assert_eq!(field(&error, "Resource"), Some("/missing-bucket"));

    // Any operation on a missing bucket says so.
    for (method, uri) in [
        ("GET", "/missing-bucket"),
        ("DELETE", "/missing-bucket"),
        ("GET", "/missing-bucket/key"),
        ("DELETE", "/missing-bucket/key"),
    ] {
        let response = send(&app, method, uri, &[]).await;
        read_error(&response, S3Exception::NoSuchBucket);
    }
    let response = put(&app, "/missing-bucket/key", b"data").await;
    read_error(&response, S3Exception::NoSuchBucket);
}

#[tokio::test]
async fn no_such_key_names_the_key() {
    let app = service(1024);
    assert_eq!(send(&app, "PUT", "/bucket", &[]).await.status(), 200);
    let response = send(&app, "GET", "/bucket/dir/a%20%3Cb%3E%26.txt", &[]).await;
    assert_eq!(
        body_text(&response),
        expected_xml(
            &response,
            "NoSuchKey",
            "The specified key does not exist.",
            &[
                ("Key", "dir/a &lt;b&gt;&amp;.txt"),
                ("Resource", "/bucket/dir/a &lt;b&gt;&amp;.txt")
            ]
        )
    );
    let error = read_error(&response, S3Exception::NoSuchKey);
    assert_eq!(error.message(), "The specified key does not exist.");
    assert_eq!(field(&error, "Key"), Some("dir/a <b>&.txt"));
    assert_eq!(field(&error, "Resource"), Some("/bucket/dir/a <b>&.txt"));
}

/// A body that records whether it was read, and fails if it is.
struct WatchedBody(Arc<AtomicBool>);

impl HttpBody for WatchedBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        self.0.store(true, Ordering::SeqCst);
        Poll::Ready(Some(Err(std::io::Error::other("the body was read"))))
    }
}

#[tokio::test]
async fn entity_too_large_is_refused_before_the_body_is_read() {
    let app = service(1024);
    send(&app, "PUT", "/bucket", &[]).await;
    let read = Arc::new(AtomicBool::new(false));
    let response = send_body(
        &app,
        "PUT",
        "/bucket/big",
        &[("content-length", "1025")],
        Body::new(WatchedBody(read.clone())),
    )
    .await;
    assert!(!read.load(Ordering::SeqCst), "the body was read");
    assert_eq!(
        body_text(&response),
        expected_xml(
            &response,
            "EntityTooLarge",
            "Your proposed upload exceeds the maximum allowed size",
            &[
                ("ProposedSize", "1025"),
                ("MaxSizeAllowed", "1024"),
                ("Resource", "/bucket/big")
            ]
        )
    );
    let error = read_error(&response, S3Exception::EntityTooLarge);
    assert_eq!(field(&error, "ProposedSize"), Some("1025"));
    assert_eq!(field(&error, "MaxSizeAllowed"), Some("1024"));
    // Nothing was stored.
    read_error(
        &send(&app, "GET", "/bucket/big", &[]).await,
        S3Exception::NoSuchKey,
    );

    // At the cap exactly, the object is stored.
    static AT_THE_CAP: [u8; 1024] = [7; 1024];
    assert_eq!(put(&app, "/bucket/big", &AT_THE_CAP).await.status(), 200);
    let response = send(&app, "GET", "/bucket/big", &[]).await;
    assert_eq!(response.body().as_ref(), &AT_THE_CAP[..]);
}

#[tokio::test]
async fn uploads_need_their_exact_length() {
    let app = service(1024);
    send(&app, "PUT", "/bucket", &[]).await;
    let response = send_body(&app, "PUT", "/bucket/k", &[], Body::from("data")).await;
    let error = read_error(&response, S3Exception::MissingContentLength);
    assert_eq!(error.status(), 411);
    let response = send_body(
        &app,
        "PUT",
        "/bucket/k",
        &[("content-length", "10")],
        Body::from("short"),
    )
    .await;
    read_error(&response, S3Exception::IncompleteBody);
    let response = send_body(
        &app,
        "PUT",
        "/bucket/k",
        &[("content-length", "2")],
        Body::from("longer"),
    )
    .await;
    read_error(&response, S3Exception::IncompleteBody);
    let long_key = format!("/bucket/{}", "k".repeat(1025));
    let response = put(&app, &long_key, b"x").await;
    let error = read_error(&response, S3Exception::KeyTooLongError);
    assert_eq!(field(&error, "Size"), Some("1025"));
    // 4 bytes of name and 2045 of value: one over 2 KiB.
    let big_metadata = "v".repeat(2045);
    let response = send_body(
        &app,
        "PUT",
        "/bucket/k",
        &[("content-length", "1"), ("x-amz-meta-name", &big_metadata)],
        Body::from("x"),
    )
    .await;
    read_error(&response, S3Exception::MetadataTooLarge);
}

/// Stores `data` as `/bucket/k` and returns its ETag and Last-Modified.
async fn stored_object(app: &Router, data: &'static [u8]) -> (String, String) {
    send(app, "PUT", "/bucket", &[]).await;
    let response = put(app, "/bucket/k", data).await;
    assert_eq!(response.status(), 200);
    let etag = header(&response, &ETAG).to_owned();
    let response = send(app, "HEAD", "/bucket/k", &[]).await;
    assert_eq!(header(&response, &ETAG), etag);
    (etag, header(&response, &LAST_MODIFIED).to_owned())
}

#[tokio::test]
async fn not_modified_is_a_304_without_a_body() {
    let app = service(1024);
    let (etag, last_modified) = stored_object(&app, b"hello world").await;
    assert_eq!(etag, "\"5eb63bbbe01eeed093cb22bb8f5acdc3\""); // MD5, as S3

    for (method, condition, value) in [
        ("GET", "if-none-match", etag.as_str()),
        ("GET", "if-modified-since", last_modified.as_str()),
        ("HEAD", "if-none-match", etag.as_str()),
    ] {
        let response = send(&app, method, "/bucket/k", &[(condition, value)]).await;
        assert_eq!(response.status(), 304, "{method} {condition}");
        assert!(response.body().is_empty());
        // Nothing describes a body that is not there (RFC 9110 8.6). The
        // service sends no Content-Length; axum's router adds `0` to
        // every body of exact length 0, and hyper leaves it off a 304 on
        // the wire (the boto3 test reads the wire).
        assert!(!response.headers().contains_key(CONTENT_TYPE));
        let length = response.headers().get(CONTENT_LENGTH);
        assert!(length.is_none_or(|length| length == "0"), "{length:?}");
        // The validators a 200 would carry (RFC 9110 15.4.5).
        assert_eq!(header(&response, &ETAG), etag);
        assert_eq!(header(&response, &LAST_MODIFIED), last_modified);

        let error =
            S3Error::from_http_parts(response.status(), response.headers(), response.body())
                .expect("a 304 reads back");
        assert_eq!(error.exception(), &S3Exception::NotModified);
        assert_eq!(error.header("ETag"), Some(etag.as_str()));
        assert_eq!(error.header("Last-Modified"), Some(last_modified.as_str()));
        assert!(error.guessed_from_status(), "no body named the code");
        assert_eq!(
            error.request_id(),
            Some(header(&response, &X_AMZ_REQUEST_ID))
        );
        assert_eq!(
            field(&error, "HostId"),
            Some(header(&response, &X_AMZ_ID_2))
        );
    }

    // Conditions that do not hold send the object.
    let response = send(&app, "GET", "/bucket/k", &[("if-none-match", "\"other\"")]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.body().as_ref(), b"hello world");
    let response = send(
        &app,
        "GET",
        "/bucket/k",
        &[("if-modified-since", "Thu, 01 Jan 1970 00:00:01 GMT")],
    )
    .await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn preconditions_that_fail_are_412() {
    let app = service(1024);
    let (etag, _) = stored_object(&app, b"hello world").await;
    let response = send(&app, "GET", "/bucket/k", &[("if-match", "\"other\"")]).await;
    assert_eq!(
        body_text(&response),
        expected_xml(
            &response,
            "PreconditionFailed",
            "At least one of the pre-conditions you specified did not hold",
            &[("Condition", "If-Match"), ("Resource", "/bucket/k")]
        )
    );
    read_error(&response, S3Exception::PreconditionFailed);
    let response = send(
        &app,
        "GET",
        "/bucket/k",
        &[("if-unmodified-since", "Thu, 01 Jan 1970 00:00:01 GMT")],
    )
    .await;
    let error = read_error(&response, S3Exception::PreconditionFailed);
    assert_eq!(field(&error, "Condition"), Some("If-Unmodified-Since"));
    let response = send(&app, "GET", "/bucket/k", &[("if-match", &etag)]).await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn head_errors_have_no_body() {
    let app = service(1024);
    send(&app, "PUT", "/bucket", &[]).await;
    for (uri, exception) in [
        ("/bucket/missing", S3Exception::NoSuchKey),
        ("/missing-bucket", S3Exception::NoSuchBucket),
        ("/missing-bucket/key", S3Exception::NoSuchBucket),
    ] {
        let response = send(&app, "HEAD", uri, &[]).await;
        assert_eq!(response.status(), 404, "{uri}");
        assert!(response.body().is_empty(), "{uri}");
        assert_eq!(header(&response, &X_AMZ_REQUEST_ID).len(), 16);
        assert!(response.headers().contains_key(X_AMZ_ID_2));
        // The headers are those of the GET's error response: its length.
        let get = send(&app, "GET", uri, &[]).await;
        assert_eq!(
            header(&response, &CONTENT_LENGTH),
            get.body().len().to_string()
        );
        read_error(&get, exception);
        // Nothing names the code, and S3's table has several 404 rows:
        // the status alone identifies nothing, as botocore reports `404`.
        match S3Error::from_http_parts(response.status(), response.headers(), response.body()) {
            Err(HttpError::Unidentified { status, .. }) => assert_eq!(status, 404),
            other => panic!("{uri}: {other:?}"),
        }
    }
    let response = send(&app, "HEAD", "/bucket", &[]).await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn bucket_errors() {
    let app = service(1024);
    assert_eq!(send(&app, "PUT", "/bucket", &[]).await.status(), 200);

    let response = send(&app, "PUT", "/bucket", &[]).await;
    assert_eq!(
        body_text(&response),
        expected_xml(
            &response,
            "BucketAlreadyOwnedByYou",
            "Your previous request to create the named bucket succeeded and you already own it.",
            &[("BucketName", "bucket"), ("Resource", "/bucket")]
        )
    );
    let error = read_error(&response, S3Exception::BucketAlreadyOwnedByYou);
    assert_eq!(field(&error, "BucketName"), Some("bucket"));

    put(&app, "/bucket/k", b"x").await;
    let response = send(&app, "DELETE", "/bucket", &[]).await;
    let error = read_error(&response, S3Exception::BucketNotEmpty);
    assert_eq!(
        error.message(),
        "The bucket you tried to delete is not empty"
    );
    assert_eq!(field(&error, "BucketName"), Some("bucket"));

    for name in ["ab", "Upper", "under_score", "192.168.5.4", "a..b", "-a-"] {
        let response = send(&app, "PUT", &format!("/{name}"), &[]).await;
        let error = read_error(&response, S3Exception::InvalidBucketName);
        assert_eq!(error.message(), "The specified bucket is not valid.");
        assert_eq!(field(&error, "BucketName"), Some(name));
    }
}

#[tokio::test]
async fn method_not_allowed_names_method_and_resource() {
    let app = service(1024);
    send(&app, "PUT", "/bucket", &[]).await;
    for (method, uri, resource_type) in [
        ("POST", "/bucket/k", "OBJECT"),
        ("PATCH", "/bucket/k", "OBJECT"),
        ("PATCH", "/bucket", "BUCKET"),
        ("DELETE", "/", "SERVICE"),
    ] {
        let response = send(&app, method, uri, &[]).await;
        assert_eq!(
            body_text(&response),
            expected_xml(
                &response,
                "MethodNotAllowed",
                "The specified method is not allowed against this resource.",
                &[
                    ("Method", method),
                    ("ResourceType", resource_type),
                    ("Resource", uri)
                ]
            )
        );
        read_error(&response, S3Exception::MethodNotAllowed);
        let allowed = if uri == "/" {
            "GET"
        } else {
            "GET, HEAD, PUT, DELETE"
        };
        assert_eq!(
            header(&response, &HeaderName::from_static("allow")),
            allowed
        );
    }
}

#[tokio::test]
async fn ranges() {
    let app = service(1024);
    stored_object(&app, b"hello world").await;
    let response = send(&app, "GET", "/bucket/k", &[("range", "bytes=0-4")]).await;
    assert_eq!(response.status(), 206);
    assert_eq!(response.body().as_ref(), b"hello");
    assert_eq!(header(&response, &CONTENT_RANGE), "bytes 0-4/11");
    assert_eq!(header(&response, &CONTENT_LENGTH), "5");

    let response = send(&app, "GET", "/bucket/k", &[("range", "bytes=-5")]).await;
    assert_eq!(response.body().as_ref(), b"world");

    let response = send(&app, "GET", "/bucket/k", &[("range", "bytes=11-")]).await;
    assert_eq!(
        body_text(&response),
        expected_xml(
            &response,
            "InvalidRange",
            "The requested range is not satisfiable",
            &[
                ("RangeRequested", "bytes=11-"),
                ("ActualObjectSize", "11"),
                ("Resource", "/bucket/k")
            ]
        )
    );
    assert_eq!(header(&response, &CONTENT_RANGE), "bytes */11");
    let error = read_error(&response, S3Exception::InvalidRange);
    assert_eq!(error.status(), 416);

    // A range that is not one (several, or malformed) is ignored.
    let response = send(&app, "GET", "/bucket/k", &[("range", "bytes=0-1,4-5")]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.body().as_ref(), b"hello world");
}

#[tokio::test]
async fn operations_the_service_lacks_are_not_implemented() {
    let app = service(1024);
    send(&app, "PUT", "/bucket", &[]).await;
    put(&app, "/bucket/k", b"x").await;
    for (method, uri, headers) in [
        // Not a CreateBucket of an existing bucket.
        ("PUT", "/bucket?versioning", &[][..]),
        ("GET", "/bucket?location", &[]),
        ("DELETE", "/bucket?policy", &[]),
        ("POST", "/bucket?delete", &[]),
        ("POST", "/bucket/k?uploads", &[]),
        ("GET", "/bucket/k?acl", &[]),
        (
            "PUT",
            "/bucket/k2",
            &[("x-amz-copy-source", "/bucket/k")][..],
        ),
        (
            "PUT",
            "/bucket/k2",
            &[
                ("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
                ("content-length", "1"),
            ][..],
        ),
    ] {
        let response = send(&app, method, uri, headers).await;
        let error = read_error(&response, S3Exception::NotImplemented);
        assert_eq!(error.status(), 501);
        assert!(error
            .message()
            .starts_with("This service does not implement"));
    }
    // botocore's operation name is accepted everywhere.
    let response = send(&app, "GET", "/bucket/k?x-id=GetObject", &[]).await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn malformed_requests_are_the_tables_errors() {
    let app = service(1024);
    send(&app, "PUT", "/bucket", &[]).await;
    let response = send(&app, "GET", "/bucket/%FF", &[]).await;
    let error = read_error(&response, S3Exception::InvalidURI);
    assert_eq!(field(&error, "URI"), Some("/bucket/%FF"));
    // The undecodable path is the Resource as sent.
    assert_eq!(field(&error, "Resource"), Some("/bucket/%FF"));

    for (uri, name) in [
        ("/bucket?list-type=2&max-keys=many", "max-keys"),
        ("/bucket?list-type=2&encoding-type=base64", "encoding-type"),
        (
            "/bucket?list-type=2&continuation-token=zz",
            "continuation-token",
        ),
    ] {
        let response = send(&app, "GET", uri, &[]).await;
        let error = read_error(&response, S3Exception::InvalidArgument);
        assert_eq!(field(&error, "ArgumentName"), Some(name), "{uri}");
    }
}

#[tokio::test]
async fn objects_round_trip() {
    let app = service(1024);
    assert_eq!(send(&app, "PUT", "/bucket", &[]).await.status(), 200);
    let response = send_body(
        &app,
        "PUT",
        "/bucket/dir/a.txt",
        &[
            ("content-length", "5"),
            ("content-type", "text/plain"),
            ("x-amz-meta-colour", "blue"),
        ],
        Body::from("hello"),
    )
    .await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, &X_AMZ_REQUEST_ID).len(), 16);
    assert!(response.headers().contains_key(X_AMZ_ID_2));

    for method in ["GET", "HEAD"] {
        let response = send(&app, method, "/bucket/dir/a.txt", &[]).await;
        assert_eq!(response.status(), 200);
        assert_eq!(header(&response, &CONTENT_TYPE), "text/plain");
        assert_eq!(header(&response, &CONTENT_LENGTH), "5");
        assert_eq!(
            header(&response, &HeaderName::from_static("x-amz-meta-colour")),
            "blue"
        );
        let expected: &[u8] = if method == "GET" { b"hello" } else { b"" };
        assert_eq!(response.body().as_ref(), expected);
    }

    let response = send(&app, "GET", "/bucket?list-type=2&delimiter=/", &[]).await;
    assert_eq!(header(&response, &CONTENT_TYPE), "application/xml");
    assert_eq!(
        body_text(&response),
        format!(
            "{DECLARATION}<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\
             <Name>bucket</Name><Prefix></Prefix><Delimiter>/</Delimiter><MaxKeys>1000</MaxKeys>\
             <KeyCount>1</KeyCount><IsTruncated>false</IsTruncated>\
             <CommonPrefixes><Prefix>dir/</Prefix></CommonPrefixes></ListBucketResult>"
        )
    );
    let response = send(&app, "GET", "/", &[]).await;
    assert!(body_text(&response).contains("<Bucket><Name>bucket</Name><CreationDate>"));

    let response = send(&app, "DELETE", "/bucket/dir/a.txt", &[]).await;
    assert_eq!(response.status(), 204);
    // Deleting a missing key succeeds too, as in S3.
    let response = send(&app, "DELETE", "/bucket/dir/a.txt", &[]).await;
    assert_eq!(response.status(), 204);
    let response = send(&app, "DELETE", "/bucket", &[]).await;
    assert_eq!(response.status(), 204);
    let response = send(&app, "GET", "/", &[]).await;
    assert!(!body_text(&response).contains("<Bucket>"));
}
