//! An error's source, the error behind it: reachable through
//! `Error::source` with its whole chain, shown by `Debug`, and nowhere a
//! client can see it, in any protocol; and `?` in a handler, with each
//! cause type mapped once on the deriving crate's own error type.

use axum_core::response::IntoResponse;
use errtable::{ErrorTable, Exception, Protocol, ServiceError};
use std::collections::hash_map::DefaultHasher;
use std::error::Error;
use std::fmt;
use std::hash::{Hash, Hasher};

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/s3.json", protocol = "rest-xml")]
pub struct S3;

/// What a service never lets out: in a source, in its source's source.
const SECRET: &str = "postgres://admin:hunter2@db.internal";

/// A storage error with an I/O error behind it, as a database driver's
/// errors come.
#[derive(Debug)]
struct StorageError {
    io: std::io::Error,
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "connecting to {SECRET} failed")
    }
}

impl Error for StorageError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.io)
    }
}

fn storage_error() -> StorageError {
    StorageError {
        io: std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused by 10.0.0.7"),
    }
}

/// The deriving crate maps each cause type once...
impl From<StorageError> for GlacierError {
    fn from(err: StorageError) -> Self {
        GlacierError::new(
            GlacierException::ServiceUnavailableException,
            "The service is temporarily unavailable. Try again later.",
        )
        .with_source(err)
    }
}

impl From<std::io::Error> for GlacierError {
    fn from(err: std::io::Error) -> Self {
        GlacierError::new(
            GlacierException::ServiceUnavailableException,
            "Try again later.",
        )
        .with_source(err)
    }
}

fn open_vault() -> Result<(), StorageError> {
    Err(storage_error())
}

/// ... and handlers use `?`, with no `map_err` at the call.
fn describe_vault() -> Result<String, GlacierError> {
    open_vault()?;
    let text = std::fs::read_to_string("/nonexistent/errtable/vault")?;
    Ok(text)
}

fn read_archive() -> Result<Vec<u8>, GlacierError> {
    Ok(std::fs::read("/nonexistent/errtable/archive")?)
}

#[test]
fn question_mark_maps_each_cause_type_once() {
    let err = describe_vault().unwrap_err();
    assert_eq!(
        err.exception(),
        &GlacierException::ServiceUnavailableException
    );
    assert_eq!(err.status(), 500);
    let source = err.source().expect("the storage error");
    assert!(source.downcast_ref::<StorageError>().is_some());

    let err = read_archive().unwrap_err();
    let io = err.source().unwrap().downcast_ref::<std::io::Error>();
    assert_eq!(io.unwrap().kind(), std::io::ErrorKind::NotFound);
}

#[test]
fn the_source_chain_goes_on_from_the_source() {
    let err: GlacierError = storage_error().into();
    let chain: Vec<String> = std::iter::successors(err.source(), |e: &&dyn Error| (*e).source())
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        chain,
        [
            format!("connecting to {SECRET} failed"),
            "refused by 10.0.0.7".to_owned()
        ]
    );
    // The same through the runtime's own type and through a boxed error.
    let inner: ServiceError<GlacierException> = err.clone().into_inner();
    assert!(inner.source().unwrap().source().is_some());
    let boxed: Box<dyn Error + Send + Sync> = Box::new(err);
    assert!(boxed.source().is_some());
    // No source: none.
    let plain = GlacierError::new(GlacierException::BadRequest, "m");
    assert!(plain.source().is_none());
}

#[test]
fn a_string_can_be_a_source() {
    let err = GlacierError::new(GlacierException::BadRequest, "m")
        .with_source(format!("upstream said 502 at {SECRET}"));
    assert_eq!(
        err.source().unwrap().to_string(),
        format!("upstream said 502 at {SECRET}")
    );
}

#[test]
fn debug_shows_the_source() {
    let err: GlacierError = storage_error().into();
    let debug = format!("{err:?}");
    assert!(debug.contains("ConnectionRefused"), "{debug}");
    assert!(debug.contains("refused by 10.0.0.7"), "{debug}");
    // Display is the client-facing line: code and message only.
    assert_eq!(
        err.to_string(),
        "ServiceUnavailableException: The service is temporarily unavailable. Try again later."
    );
}

fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

#[test]
fn errors_that_differ_only_in_source_are_equal() {
    let plain = GlacierError::new(
        GlacierException::ServiceUnavailableException,
        "The service is temporarily unavailable. Try again later.",
    );
    let caused: GlacierError = storage_error().into();
    let other = plain.clone().with_source("another cause entirely");
    assert_eq!(plain, caused);
    assert_eq!(caused, other);
    assert_eq!(hash_of(&plain), hash_of(&caused));
    assert_eq!(hash_of(&caused), hash_of(&other));
    // The rest still counts.
    assert_ne!(caused, plain.clone().with_request_id("r"));
    // A clone shares the source.
    let clone = caused.clone();
    assert!(std::ptr::eq(
        clone.source().unwrap() as *const dyn Error as *const u8,
        caused.source().unwrap() as *const dyn Error as *const u8
    ));
}

/// Everything a client can receive of this error in `protocol`: the
/// bytes of the HTTP response (status line aside: headers and body).
fn wire_bytes<E: Exception>(error: &ServiceError<E>, protocol: &Protocol) -> String {
    let mut text = String::new();
    let response = error.to_http_response_in(protocol);
    for (name, value) in response.headers() {
        text += &format!("{name}: {}\n", String::from_utf8_lossy(value.as_bytes()));
    }
    text += &String::from_utf8_lossy(response.body());
    text += &String::from_utf8_lossy(&error.to_body(protocol));
    text
}

fn all_protocols() -> Vec<Protocol> {
    let mut all: Vec<Protocol> = errtable::ProtocolKind::ALL
        .iter()
        .map(|kind| kind.name().parse().unwrap())
        .collect();
    all.push(Protocol::problem_json("https://errors.example.com/"));
    all
}

#[test]
fn a_secret_in_the_source_reaches_no_client_in_any_protocol() {
    let glacier: GlacierError = storage_error().into();
    let s3 = S3Error::new(
        S3Exception::InternalError,
        "We encountered an internal error.",
    )
    .with_field("BucketName", "examplebucket")
    .with_source(storage_error());
    let protocols = all_protocols();
    assert_eq!(protocols.len(), errtable::ProtocolKind::ALL.len() + 1);
    for protocol in &protocols {
        for bytes in [wire_bytes(&glacier, protocol), wire_bytes(&s3, protocol)] {
            assert!(!bytes.contains("hunter2"), "{}: {bytes}", protocol.name());
            assert!(!bytes.contains("10.0.0.7"), "{}: {bytes}", protocol.name());
            assert!(bytes.contains("Exception") || bytes.contains("InternalError"));
        }
    }
    // serde, and the responses of `From` and axum's `IntoResponse`.
    for text in [
        serde_json::to_string(&glacier).unwrap(),
        serde_json::to_string(&s3).unwrap(),
        glacier.to_json(),
        String::from_utf8(http::Response::<Vec<u8>>::from(glacier.clone()).into_body()).unwrap(),
        String::from_utf8(http::Response::<Vec<u8>>::from(s3.clone()).into_body()).unwrap(),
    ] {
        assert!(!text.contains("hunter2"), "{text}");
    }
    let response = glacier.clone().into_response();
    for (name, value) in response.headers() {
        assert!(
            !String::from_utf8_lossy(value.as_bytes()).contains("hunter2"),
            "{name}"
        );
    }
    let body = futures_body(response.into_body());
    assert!(!body.contains("hunter2"), "{body}");
    assert!(body.contains("ServiceUnavailableException"), "{body}");
}

/// The whole body of an axum response.
fn futures_body(body: axum_core::body::Body) -> String {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let bytes = runtime
        .block_on(axum::body::to_bytes(body, usize::MAX))
        .unwrap();
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn a_parsed_error_has_no_source() {
    let glacier: GlacierError = storage_error().into();
    for protocol in all_protocols() {
        let read = GlacierError::from_body(&protocol, &glacier.to_body(&protocol)).unwrap();
        assert!(read.source().is_none(), "{}", protocol.name());
        assert_eq!(read.exception(), glacier.exception());
    }
}

#[test]
fn the_error_stays_small() {
    // What a handler's `Result` carries on its success path too: clippy's
    // `result_large_err` flags 128 bytes and more in the user's crate.
    assert!(std::mem::size_of::<Result<(), GlacierError>>() < 128);
    assert!(std::mem::size_of::<Result<(), ServiceError<S3Exception>>>() < 128);
}
