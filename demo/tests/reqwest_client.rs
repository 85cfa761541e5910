//! errtable's `reqwest` feature: a reqwest client reads the running demo's
//! error responses back into typed `GlacierError`s, and refuses bodies over
//! `MAX_BODY_LEN` from a local server without buffering them.

mod common;

use common::{signed_headers, Demo};
use errtable::http::HttpError;
use errtable::{Exception, MAX_BODY_LEN};
use glacier_demo::{GlacierError, GlacierException};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// The headers of a request signed as AKIDEXAMPLE.
fn signed() -> HeaderMap {
    signed_headers()
        .lines()
        .filter_map(|line| line.split_once(": "))
        .map(|(name, value)| {
            (
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            )
        })
        .collect()
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

#[tokio::test]
async fn typed_errors_come_back_from_the_demo() {
    let demo = Demo::start("reqwest", &["--fault-routes"]);
    let client = client();

    // DescribeVault on a vault that does not exist.
    let response = client
        .get(format!("{}/-/vaults/no-such-vault", demo.url))
        .headers(signed())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let sent_id = response.headers()["x-amzn-requestid"]
        .to_str()
        .unwrap()
        .to_owned();
    let error = GlacierError::from_reqwest(response).await.unwrap();
    assert_eq!(
        error.exception(),
        &GlacierException::ResourceNotFoundException
    );
    assert_eq!(
        error.message(),
        "Vault not found for ARN: arn:aws:glacier:us-west-2:012345678901:vaults/no-such-vault"
    );
    assert_eq!(error.request_id(), Some(sent_id.as_str()));
    // A UUID, as errtable makes request ids outside S3.
    assert_eq!(
        sent_id.split('-').map(str::len).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12],
        "{sent_id}"
    );

    // No credentials at all.
    let response = client
        .get(format!("{}/-/vaults", demo.url))
        .send()
        .await
        .unwrap();
    let error = GlacierError::from_reqwest(response).await.unwrap();
    assert_eq!(
        error.exception(),
        &GlacierException::MissingAuthenticationTokenException
    );
    assert_eq!(error.message(), "Missing Authentication Token");
    assert_eq!(error.status(), 400);

    // A server fault, read as such, with nothing of its cause.
    let response = client
        .get(format!("{}/-/faults/io-error", demo.url))
        .headers(signed())
        .send()
        .await
        .unwrap();
    let error = GlacierError::from_reqwest(response).await.unwrap();
    assert_eq!(
        error.exception(),
        &GlacierException::ServiceUnavailableException
    );
    assert_eq!(error.error_type(), errtable::ErrorType::Server);
    assert!(!error.message().contains("vault-index"), "{error}");

    // A success is no error: it is left unread.
    let response = client
        .put(format!("{}/-/vaults/examplevault", demo.url))
        .headers(signed())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    match GlacierError::from_reqwest(response).await {
        Err(HttpError::NotAnError(status)) => assert_eq!(status, 201),
        other => panic!("{other:?}"),
    }
    let response = client
        .get(format!("{}/-/vaults/examplevault", demo.url))
        .headers(signed())
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    assert!(GlacierError::from_reqwest(response).await.is_err());

    // The same reader through ServiceError and in a named protocol.
    let response = client
        .delete(format!("{}/-/vaults/other-missing-vault", demo.url))
        .headers(signed())
        .send()
        .await
        .unwrap();
    let error = errtable::ServiceError::<GlacierException>::from_reqwest_in(
        &errtable::Protocol::RestJson,
        response,
    )
    .await
    .unwrap();
    assert_eq!(error.code(), "ResourceNotFoundException");
    assert!(error.exception().is_known());
}

/// A server on loopback that answers one request with `head` and then
/// `body_chunks` chunks of `chunk` (with chunked framing when `chunked`),
/// stopping at the first failed write. The bytes of body it wrote.
async fn serve_once(
    listener: TcpListener,
    head: String,
    chunked: bool,
    chunk: Vec<u8>,
    body_chunks: usize,
) -> usize {
    let (mut socket, _) = listener.accept().await.unwrap();
    // The request head (small; the client sends no body).
    let mut request = vec![0u8; 4096];
    let mut read = 0;
    while !request[..read].windows(4).any(|w| w == b"\r\n\r\n") {
        let n = socket.read(&mut request[read..]).await.unwrap();
        assert!(n > 0, "the client closed before its request ended");
        read += n;
    }
    if socket.write_all(head.as_bytes()).await.is_err() {
        return 0;
    }
    let mut written = 0;
    for _ in 0..body_chunks {
        let sent = if chunked {
            let mut frame = format!("{:x}\r\n", chunk.len()).into_bytes();
            frame.extend_from_slice(&chunk);
            frame.extend_from_slice(b"\r\n");
            socket.write_all(&frame).await
        } else {
            socket.write_all(&chunk).await
        };
        if sent.is_err() {
            return written;
        }
        written += chunk.len();
    }
    if chunked {
        let _ = socket.write_all(b"0\r\n\r\n").await;
    }
    let _ = socket.flush().await;
    // Held open until the client is done, so that only the client's limit
    // ends the exchange.
    let _ = socket.read(&mut [0u8; 1]).await;
    written
}

async fn local_server() -> (TcpListener, String) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    (listener, url)
}

const ERROR_HEAD: &str = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\
                          x-amzn-RequestId: local-1\r\n";

#[tokio::test]
async fn a_streamed_body_over_the_limit_is_refused_as_it_arrives() {
    let (listener, url) = local_server().await;
    // 64 MiB in 16 KiB chunks: far more than the socket buffers hold, so
    // the server finishes only if the client reads it all.
    let chunk = vec![b' '; 16 * 1024];
    let chunks = 64 * 64;
    let head = format!("{ERROR_HEAD}Transfer-Encoding: chunked\r\n\r\n");
    let server = tokio::spawn(serve_once(listener, head, true, chunk, chunks));

    let response = client().get(url).send().await.unwrap();
    let result = tokio::time::timeout(
        Duration::from_secs(20),
        GlacierError::from_reqwest(response),
    )
    .await
    .expect("the reader stops at the limit, not at the end of the body");
    let too_large = match result {
        Err(HttpError::TooLarge(too_large)) => too_large,
        other => panic!("{other:?}"),
    };
    // Refused with the chunk that passed the limit, before any more.
    assert!(too_large.body_len() > MAX_BODY_LEN, "{too_large}");
    assert!(
        too_large.body_len() <= MAX_BODY_LEN + 16 * 1024,
        "{too_large}"
    );
    // The response is dropped with the error, closing the connection: the
    // server's writes fail long before the 64 MiB.
    let written = tokio::time::timeout(Duration::from_secs(20), server)
        .await
        .expect("the server stops once the client has gone")
        .unwrap();
    assert!(
        written < 16 * MAX_BODY_LEN,
        "the server wrote {written} bytes"
    );
}

#[tokio::test]
async fn an_announced_length_over_the_limit_is_refused_unread() {
    let (listener, url) = local_server().await;
    let announced = 64 * MAX_BODY_LEN;
    let head = format!("{ERROR_HEAD}Content-Length: {announced}\r\n\r\n");
    // A few bytes of the announced body, then the server waits: reading
    // the body would hang until the test's timeout.
    let server = tokio::spawn(serve_once(listener, head, false, b"{\"code\"".to_vec(), 1));

    let response = client().get(url).send().await.unwrap();
    let result = tokio::time::timeout(
        Duration::from_secs(20),
        GlacierError::from_reqwest(response),
    )
    .await
    .expect("refused on the announced length, without reading the body");
    match result {
        Err(HttpError::TooLarge(too_large)) => assert_eq!(too_large.body_len(), announced),
        other => panic!("{other:?}"),
    }
    server.abort();
}

#[tokio::test]
async fn a_body_of_exactly_the_limit_is_read() {
    let (listener, url) = local_server().await;
    // A ThrottlingException whose message pads the body to MAX_BODY_LEN,
    // streamed in chunks without a length.
    let start = br#"{"code":"ThrottlingException","message":""#;
    let end = br#""}"#;
    let mut body = start.to_vec();
    body.resize(MAX_BODY_LEN - end.len(), b'a');
    body.extend_from_slice(end);
    assert_eq!(body.len(), MAX_BODY_LEN);
    let head = format!("{ERROR_HEAD}Transfer-Encoding: chunked\r\n\r\n");
    let server = tokio::spawn(serve_once(listener, head, true, body, 1));

    let response = client().get(url).send().await.unwrap();
    let error = GlacierError::from_reqwest(response).await.unwrap();
    assert_eq!(error.exception(), &GlacierException::ThrottlingException);
    assert_eq!(
        error.message().len(),
        MAX_BODY_LEN - start.len() - end.len()
    );
    assert_eq!(error.request_id(), Some("local-1"));
    server.abort();
}
