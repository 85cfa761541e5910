//! Error responses over HTTP, as AWS services send them and AWS clients
//! (botocore, the AWS SDKs) read them. Needs the `http` feature.
//!
//! A service turns a [`ServiceError`] into a response with
//! [`ServiceError::to_http_response`] or `http::Response::from(error)`: the
//! table's status, `Content-Type: application/json`, `x-amzn-RequestId`
//! (generated when the error has none), `x-amzn-ErrorType: <code>`,
//! `Content-Length`, `Date` and the compact JSON body.
//!
//! A client reads one back with [`ServiceError::from_http_parts`], which
//! looks for the code where the clients do: the `x-amzn-ErrorType` header
//! first, then the body's `code`, `Code` and `__type`.
//!
//! ```
//! use errtable::{ErrorTable, Exception};
//! use errtable::http::X_AMZN_ERROR_TYPE;
//!
//! #[derive(ErrorTable)]
//! #[error_table(spec = "../spec/glacier.md")]
//! pub struct Glacier;
//!
//! let sent = GlacierError::new(GlacierException::ThrottlingException, "Rate exceeded");
//! let response = sent.to_http_response();
//! assert_eq!(response.status(), 400);
//! assert_eq!(response.headers()[X_AMZN_ERROR_TYPE], "ThrottlingException");
//!
//! let (parts, body) = response.into_parts();
//! let received = GlacierError::from_http_parts(parts.status, &parts.headers, &body)?;
//! assert_eq!(received.exception(), sent.exception());
//! assert_eq!(received.message(), "Rate exceeded");
//! assert!(received.request_id().is_some()); // generated when sending
//! # Ok::<(), errtable::http::HttpError>(())
//! ```

use crate::json_read::read_body;
use crate::wire_code::wire_code;
use crate::{BodyError, ErrorType, Exception, ServiceError, TooLarge};
use ::http::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, DATE};
use ::http::{Response, StatusCode};
use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

/// `x-amzn-RequestId`: the id a service gives each request.
pub const X_AMZN_REQUEST_ID: HeaderName = HeaderName::from_static("x-amzn-requestid");

/// `x-amz-request-id`: the request id header of S3-style services, read
/// when `x-amzn-RequestId` is absent.
pub const X_AMZ_REQUEST_ID: HeaderName = HeaderName::from_static("x-amz-request-id");

/// `x-amzn-ErrorType`: the error code, which clients prefer to the body's.
pub const X_AMZN_ERROR_TYPE: HeaderName = HeaderName::from_static("x-amzn-errortype");

/// The longest request id or code sent as a header. Both are short in
/// practice (AWS request ids have 36 to 52 characters); a longer one came
/// from elsewhere (a client, a peer) and is not echoed into headers, where
/// proxies and clients cap sizes.
const MAX_HEADER_TEXT: usize = 256;

/// Why an HTTP response could not be read as a [`ServiceError`].
#[derive(Debug)]
#[non_exhaustive]
pub enum HttpError {
    /// The status is below 300: the response reports no error, and reading
    /// an error out of it would turn a success into a failure.
    NotAnError(StatusCode),
    /// The body is larger than [`MAX_BODY_LEN`](crate::MAX_BODY_LEN).
    TooLarge(TooLarge),
    /// Nothing names the error: no `x-amzn-ErrorType` header, a body that
    /// is not a JSON error object with a code (`source` says why), and a
    /// status that fits none or several of the table's rows.
    Unidentified {
        /// The response's status.
        status: StatusCode,
        /// Why the body gave no code.
        source: serde_json::Error,
    },
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HttpError::NotAnError(status) => {
                write!(f, "status {status} is not an error response")
            }
            HttpError::TooLarge(err) => err.fmt(f),
            HttpError::Unidentified { status, source } => write!(
                f,
                "error response with status {status} names no error code: \
                 no x-amzn-ErrorType header, no code in the body ({source}), \
                 and the status fits none or several of the table's errors"
            ),
        }
    }
}

impl std::error::Error for HttpError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HttpError::Unidentified { source, .. } => Some(source),
            HttpError::TooLarge(err) => Some(err),
            HttpError::NotAnError(_) => None,
        }
    }
}

impl HttpError {
    /// The status of the response that could not be read, when it was read
    /// that far.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            HttpError::NotAnError(status) | HttpError::Unidentified { status, .. } => Some(*status),
            HttpError::TooLarge(_) => None,
        }
    }
}

impl<E: Exception> ServiceError<E> {
    /// The HTTP response a service sends for this error: the table's status,
    /// `Content-Type: application/json`, `x-amzn-RequestId`,
    /// `x-amzn-ErrorType`, `Content-Length`, `Date` and the compact JSON body
    /// of [`to_json`](Self::to_json).
    ///
    /// - The request id is the error's, or a fresh one from
    ///   [`generate_request_id`] when it has none or it cannot be sent
    ///   safely as a header: anything but printable ASCII (spaces, control
    ///   characters, a `\r\n` that would inject a header) or longer than
    ///   256 bytes. An id taken from a request is therefore
    ///   never reflected unchecked. Set one with
    ///   [`with_request_id`](Self::with_request_id) to log the same id.
    /// - `x-amzn-ErrorType` is left out when the code is not printable
    ///   ASCII or longer than 256 bytes (possible for codes
    ///   received from elsewhere): clients then read the body's `code`,
    ///   which carries any text intact.
    /// - A status outside 400..=599 (an unknown code that arrived with one)
    ///   is sent as 500, since clients take any other status for a success
    ///   or a redirect.
    ///
    /// `http::Response::from(error)` does the same and also keeps the error,
    /// with the request id that was sent, in the response's extensions.
    pub fn to_http_response(&self) -> Response<Vec<u8>> {
        let request_id = self
            .request_id()
            .and_then(header_value)
            .unwrap_or_else(|| id_value(&generate_request_id()));
        self.build_response(request_id)
    }

    fn build_response(&self, request_id: HeaderValue) -> Response<Vec<u8>> {
        let mut body = Vec::with_capacity(40 + self.code().len() + self.message().len());
        self.write_json(&mut body);
        let status = match self.status() {
            status @ 400..=599 => StatusCode::from_u16(status).ok(),
            _ => None,
        }
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);

        let mut response = Response::new(Vec::new());
        *response.status_mut() = status;
        let headers = response.headers_mut();
        headers.insert(X_AMZN_REQUEST_ID, request_id);
        if let Some(code) = header_value(self.code()) {
            headers.insert(X_AMZN_ERROR_TYPE, code);
        }
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
        if let Ok(date) = HeaderValue::from_str(&httpdate::fmt_http_date(SystemTime::now())) {
            headers.insert(DATE, date);
        }
        *response.body_mut() = body;
        response
    }

    /// Reads an error response: its status, headers and body.
    ///
    /// - The code comes from the `x-amzn-ErrorType` header, then the body's
    ///   `code`, `Code` and `__type`, with `ns#` prefixes and `:url` suffixes
    ///   removed, in the order botocore uses.
    /// - The message comes from the body's `message`, `Message` or
    ///   `errorMessage`. A body that is not a JSON error object is kept
    ///   whole (decoded lossily as UTF-8) as the message.
    /// - The request id comes from `x-amzn-RequestId`, then
    ///   `x-amz-request-id`.
    /// - Known codes take the table's status and type; unknown codes keep
    ///   the response's status and the body's `type`.
    /// - When neither the header nor the body names a code, the status
    ///   decides only if exactly one row of the table has it (for Glacier,
    ///   404 is ResourceNotFoundException while 400 fits nine rows);
    ///   otherwise the result is [`HttpError::Unidentified`].
    ///
    /// Statuses below 300 are [`HttpError::NotAnError`] and bodies over
    /// [`MAX_BODY_LEN`](crate::MAX_BODY_LEN) are [`HttpError::TooLarge`].
    /// Never panics.
    pub fn from_http_parts(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Self, HttpError> {
        if status.as_u16() < 300 {
            return Err(HttpError::NotAnError(status));
        }
        TooLarge::check(body.len()).map_err(HttpError::TooLarge)?;
        let request_id = header_text(headers, &X_AMZN_REQUEST_ID)
            .or_else(|| header_text(headers, &X_AMZ_REQUEST_ID));
        let header_code = header_text(headers, &X_AMZN_ERROR_TYPE).and_then(wire_code);
        let wire = read_body(body);
        let raw_body = || String::from_utf8_lossy(body).into_owned();
        let received = |code: &str, error_type: Option<ErrorType>| {
            crate::__private::from_wire::<E>(
                code,
                error_type.unwrap_or(ErrorType::Unknown),
                Some(status.as_u16()),
            )
        };

        let error = match (header_code, wire) {
            (Some(code), Ok(wire)) => ServiceError::new(
                received(code, wire.error_type),
                wire.message.unwrap_or_default(),
            ),
            (Some(code), Err(_)) => ServiceError::new(received(code, None), raw_body()),
            (None, Ok(wire)) => match wire.code.as_deref().and_then(wire_code) {
                Some(code) => ServiceError::new(
                    received(code, wire.error_type),
                    wire.message.unwrap_or_default(),
                ),
                None => {
                    let exception =
                        only_row_with(status).ok_or_else(|| HttpError::Unidentified {
                            status,
                            source: serde::de::Error::missing_field("code"),
                        })?;
                    ServiceError::new(exception, wire.message.unwrap_or_default())
                }
            },
            (None, Err(BodyError::Invalid(source))) => {
                let exception =
                    only_row_with(status).ok_or(HttpError::Unidentified { status, source })?;
                ServiceError::new(exception, raw_body())
            }
            // Checked above; kept so a change to the limit cannot panic.
            (None, Err(BodyError::TooLarge(err))) => return Err(HttpError::TooLarge(err)),
        };
        Ok(match request_id {
            Some(id) => error.with_request_id(id),
            None => error,
        })
    }

    /// [`from_http_parts`](Self::from_http_parts) for a whole response.
    pub fn from_http_response<B: AsRef<[u8]>>(response: &Response<B>) -> Result<Self, HttpError> {
        Self::from_http_parts(
            response.status(),
            response.headers(),
            response.body().as_ref(),
        )
    }
}

impl<E: Exception> From<ServiceError<E>> for Response<Vec<u8>> {
    /// [`ServiceError::to_http_response`], keeping the error in the
    /// response's extensions (with the request id that was sent), where
    /// middleware can find it: `response.extensions().get::<ServiceError<E>>()`.
    fn from(error: ServiceError<E>) -> Self {
        let (mut response, error) = match error.request_id().and_then(header_value) {
            Some(request_id) => (error.build_response(request_id), error),
            None => {
                let request_id = generate_request_id();
                let response = error.build_response(id_value(&request_id));
                (response, error.with_request_id(request_id))
            }
        };
        response.extensions_mut().insert(error);
        response
    }
}

/// A generated request id as a header value.
fn id_value(generated: &str) -> HeaderValue {
    // Generated ids are base64url, always a valid header value; the
    // fallback only spares a panic path.
    HeaderValue::from_str(generated).unwrap_or(HeaderValue::from_static("AAAB"))
}

/// The value as a header, if it is non-empty printable ASCII of at most
/// [`MAX_HEADER_TEXT`] bytes.
fn header_value(text: &str) -> Option<HeaderValue> {
    if text.is_empty()
        || text.len() > MAX_HEADER_TEXT
        || !text.bytes().all(|byte| byte.is_ascii_graphic())
    {
        return None;
    }
    HeaderValue::from_str(text).ok()
}

/// A header's first value, if it is UTF-8 and not blank.
fn header_text<'h>(headers: &'h HeaderMap, name: &HeaderName) -> Option<&'h str> {
    let value = headers.get(name)?;
    let text = std::str::from_utf8(value.as_bytes()).ok()?.trim();
    (!text.is_empty()).then_some(text)
}

/// The table's only exception with this status, if exactly one has it.
fn only_row_with<E: Exception>(status: StatusCode) -> Option<E> {
    let mut rows = E::all().iter().filter(|e| e.status() == status.as_u16());
    match (rows.next(), rows.next()) {
        (Some(only), None) => Some(only.clone()),
        _ => None,
    }
}

/// A new request id, shaped like AWS's (47 characters of `A-Z a-z 0-9 - _`
/// starting `AAAB`, e.g. `AAABaZ9N92Iiyv4N7sru3ABEpSQkuFtmH3NP6aAC51ixfjg`).
/// Its 256 bits after the prefix hash a process-wide counter and the time
/// with a key chosen at random per process (std's SipHash `RandomState`):
/// no repeats short of a hash collision, nothing to guess from outside the
/// process, and no dependency. Not for secrets.
pub fn generate_request_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    static KEYS: OnceLock<RandomState> = OnceLock::new();
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| since.as_nanos())
        .unwrap_or_default();
    let keys = KEYS.get_or_init(RandomState::new);

    // 0x000001 first: AWS ids begin with "AAAB".
    let mut bytes = [0u8; 35];
    bytes[2] = 1;
    for (block, chunk) in bytes[3..].chunks_exact_mut(8).enumerate() {
        let mut hasher = keys.build_hasher();
        hasher.write_u64(count);
        hasher.write_u128(nanos);
        hasher.write_usize(block);
        chunk.copy_from_slice(&hasher.finish().to_be_bytes());
    }
    base64url(&bytes)
}

/// Unpadded base64url, whose alphabet is safe in headers and URLs.
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk.iter().enumerate().fold(0u32, |acc, (at, &byte)| {
            acc | u32::from(byte) << (16 - 8 * at)
        });
        for sextet in 0..=chunk.len() {
            out.push(char::from(
                ALPHABET[(group >> (18 - 6 * sextet) & 0x3f) as usize],
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        // RFC 4648 section 10, unpadded; the last two use the url alphabet.
        for (input, expected) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url(input.as_bytes()), expected);
        }
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url(&[0, 0, 1]), "AAAB");
    }

    #[test]
    fn request_ids_look_like_aws_and_do_not_repeat() {
        let ids: Vec<String> = (0..1000).map(|_| generate_request_id()).collect();
        for id in &ids {
            assert_eq!(id.len(), 47, "{id}");
            assert!(id.starts_with("AAAB"), "{id}");
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "{id}"
            );
            assert!(HeaderValue::from_str(id).is_ok());
        }
        let unique: std::collections::HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len());
        // Consecutive ids share nothing but the prefix.
        assert_ne!(ids[0][4..8], ids[1][4..8]);
        assert_ne!(ids[0][43..], ids[1][43..]);
    }

    #[test]
    fn header_values_are_printable_ascii_only() {
        assert!(header_value("ResourceNotFoundException").is_some());
        assert!(header_value("").is_none());
        assert!(header_value("Bad Code").is_none());
        assert!(header_value("Ünïcode").is_none());
        assert!(header_value("a\r\nInjected: yes").is_none());
        assert!(header_value(&"a".repeat(MAX_HEADER_TEXT)).is_some());
        assert!(header_value(&"a".repeat(MAX_HEADER_TEXT + 1)).is_none());
    }
}
