//! actix-web's `ResponseError` for errtable's errors: through actix-web's
//! own test service and through a real actix-web server on loopback, each
//! response is the one `to_http_response` makes (status, headers, body) and
//! reads back with `from_http_parts` as the error that was returned, in
//! REST-JSON (Glacier) and S3's rest-xml.

use actix_web::{test, web, App, HttpRequest, HttpResponse, HttpServer, ResponseError};
use errtable::{ErrorTable, Exception, ServiceError, UnknownCode};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use std::io::{Read, Write};

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;

#[derive(ErrorTable)]
#[error_table(spec = "specs/s3-errors.md", protocol = "rest-xml")]
pub struct S3;

const MESSAGE: &str = "It failed: \"quoted\" <tagged> & 'ü'";

/// The error a handler returns for the path `/glacier/{index}`: the row at
/// `index`, with a request id; past the rows, an unknown code.
fn glacier_error(index: usize) -> GlacierError {
    let exception = GlacierException::ALL
        .get(index)
        .cloned()
        .unwrap_or_else(|| {
            GlacierException::Unknown(UnknownCode::new("BrandNewException").with_status(418))
        });
    GlacierError::new(exception, MESSAGE).with_request_id(format!("request-{index}"))
}

/// The error for `/s3/{index}`, with S3's extra fields.
fn s3_error(index: usize) -> S3Error {
    S3Error::new(S3Exception::ALL[index].clone(), MESSAGE)
        .with_request_id(format!("s3-request-{index}"))
        .with_field("BucketName", "amzn-s3-demo-bucket")
        .with_field("HostId", "host-id-1")
}

async fn glacier(path: web::Path<usize>) -> Result<HttpResponse, GlacierError> {
    Err(glacier_error(path.into_inner()))
}

async fn s3(path: web::Path<usize>) -> Result<HttpResponse, S3Error> {
    Err(s3_error(path.into_inner()))
}

/// A handler that returns the runtime's `ServiceError` itself.
async fn plain(_: HttpRequest) -> Result<HttpResponse, ServiceError<GlacierException>> {
    Err(ServiceError::new(
        GlacierException::ThrottlingException,
        MESSAGE,
    ))
}

fn app() -> App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .route("/glacier/{index}", web::get().to(glacier))
        .route("/s3/{index}", web::get().to(s3))
        .route("/plain", web::get().to(plain))
}

/// Headers as the http 1 crate holds them, for `from_http_parts`.
fn http_headers<'a>(pairs: impl Iterator<Item = (&'a str, &'a [u8])>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for (name, value) in pairs {
        headers.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_bytes(value).unwrap(),
        );
    }
    headers
}

/// The headers of `expected` that are the same in every response of the
/// same error (everything but `Date`, and the request id when generated).
fn assert_same_response(
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
    expected: &http::Response<Vec<u8>>,
) {
    assert_eq!(status, expected.status().as_u16());
    assert_eq!(body, expected.body().as_slice());
    for (name, value) in expected.headers() {
        if name == http::header::DATE {
            assert!(headers.contains_key(name));
            continue;
        }
        let got: Vec<&HeaderValue> = headers.get_all(name).iter().collect();
        assert_eq!(got, [value], "header {name}");
    }
}

#[test]
fn the_test_service_sends_what_to_http_response_sends() {
    actix_web::rt::System::new().block_on(async {
        let app = test::init_service(app()).await;
        for index in 0..=GlacierException::ALL.len() {
            let request = test::TestRequest::get()
                .uri(&format!("/glacier/{index}"))
                .to_request();
            let response = test::call_service(&app, request).await;
            let status = response.status().as_u16();
            let headers = http_headers(
                response
                    .headers()
                    .iter()
                    .map(|(n, v)| (n.as_str(), v.as_bytes())),
            );
            // The error stays in the extensions, as the derived type.
            let kept = response
                .response()
                .extensions()
                .get::<GlacierError>()
                .cloned();
            let body = test::read_body(response).await;
            let sent = glacier_error(index);
            assert_eq!(kept.as_ref(), Some(&sent));
            assert_same_response(status, &headers, &body, &sent.to_http_response());
            let received = GlacierError::from_http_parts(
                StatusCode::from_u16(status).unwrap(),
                &headers,
                &body,
            )
            .unwrap();
            assert_eq!(received, sent, "row {index}");
        }
        for index in 0..S3Exception::ALL.len() {
            let request = test::TestRequest::get()
                .uri(&format!("/s3/{index}"))
                .to_request();
            let response = test::call_service(&app, request).await;
            let status = response.status().as_u16();
            let headers = http_headers(
                response
                    .headers()
                    .iter()
                    .map(|(n, v)| (n.as_str(), v.as_bytes())),
            );
            let body = test::read_body(response).await;
            let sent = s3_error(index);
            assert_same_response(status, &headers, &body, &sent.to_http_response());
            let received =
                S3Error::from_http_parts(StatusCode::from_u16(status).unwrap(), &headers, &body)
                    .unwrap();
            if sent.exception().status() == 304 {
                // A 304 has no body: only the status names the error.
                assert_eq!(received.exception(), sent.exception());
                assert!(received.guessed_from_status());
                continue;
            }
            assert_eq!(received, sent, "row {index}");
        }
    });
}

#[test]
fn a_service_error_without_a_request_id_gets_one_and_keeps_it() {
    actix_web::rt::System::new().block_on(async {
        let app = test::init_service(app()).await;
        let response =
            test::call_service(&app, test::TestRequest::get().uri("/plain").to_request()).await;
        assert_eq!(response.status(), 400);
        let id = response
            .headers()
            .get("x-amzn-requestid")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert!(id.split('-').count() == 5, "{id}");
        let kept = response
            .response()
            .extensions()
            .get::<ServiceError<GlacierException>>()
            .cloned()
            .unwrap();
        assert_eq!(kept.request_id(), Some(id.as_str()));
        // actix-web also keeps the error it turned into this response.
        let error = response.response().error().unwrap();
        let original = error.as_error::<ServiceError<GlacierException>>().unwrap();
        assert_eq!(original.exception(), &GlacierException::ThrottlingException);
    });
}

#[test]
fn response_error_status_is_the_wire_status() {
    let teapot = GlacierError::new(
        GlacierException::Unknown(UnknownCode::new("Ok").with_status(200)),
        "not a success",
    );
    // An error is never sent with a success status.
    assert_eq!(ResponseError::status_code(&teapot).as_u16(), 500);
    assert_eq!(teapot.error_response().status().as_u16(), 500);
    let not_found = glacier_error(10);
    assert_eq!(
        ResponseError::status_code(&not_found).as_u16(),
        not_found.status()
    );
}

/// One response read off a socket: status, headers and body.
struct RawResponse {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

/// GETs `path` over HTTP/1.1 with a plain socket, so that what is checked
/// is what went over the wire.
fn get(address: std::net::SocketAddr, path: &str) -> RawResponse {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = std::str::from_utf8(&raw[..split]).unwrap();
    let body = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = http_headers(lines.map(|line| {
        let (name, value) = line.split_once(':').unwrap();
        (name, value.trim().as_bytes())
    }));
    RawResponse {
        status,
        headers,
        body,
    }
}

#[test]
fn a_real_server_sends_what_to_http_response_sends() {
    let (sender, receiver) = std::sync::mpsc::channel();
    let server = std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(app)
                .workers(1)
                .bind(("127.0.0.1", 0))
                .unwrap();
            let address = server.addrs()[0];
            let running = server.run();
            sender.send((address, running.handle())).unwrap();
            running.await
        })
    });
    let (address, handle) = receiver.recv().unwrap();

    for index in 0..=GlacierException::ALL.len() {
        let response = get(address, &format!("/glacier/{index}"));
        let sent = glacier_error(index);
        assert_same_response(
            response.status,
            &response.headers,
            &response.body,
            &sent.to_http_response(),
        );
        // actix-web wrote Content-Length itself, once.
        assert_eq!(response.headers.get_all("content-length").iter().count(), 1);
        let received = GlacierError::from_http_parts(
            StatusCode::from_u16(response.status).unwrap(),
            &response.headers,
            &response.body,
        )
        .unwrap();
        assert_eq!(received.code(), sent.code());
        assert_eq!(received.message(), MESSAGE);
        assert_eq!(received.request_id(), sent.request_id());
        assert_eq!(received, sent, "row {index}");
    }
    for index in 0..S3Exception::ALL.len() {
        let response = get(address, &format!("/s3/{index}"));
        let sent = s3_error(index);
        assert_same_response(
            response.status,
            &response.headers,
            &response.body,
            &sent.to_http_response(),
        );
        let received = S3Error::from_http_parts(
            StatusCode::from_u16(response.status).unwrap(),
            &response.headers,
            &response.body,
        )
        .unwrap();
        assert_eq!(received.exception(), sent.exception());
        if sent.status() != 304 {
            assert_eq!(received, sent, "row {index}");
        }
    }

    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(handle.stop(true));
    server.join().unwrap().unwrap();
}
