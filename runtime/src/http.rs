//! Error responses over HTTP, in each [`Protocol`], as services send them
//! and clients (botocore, the AWS SDKs, RFC 9457 readers) read them. Needs
//! the `http` feature; the XML protocols also `xml`.
//!
//! A service turns a [`ServiceError`] into a response with
//! [`ServiceError::to_http_response`] (in the table's protocol, REST-JSON
//! unless `protocol = "..."` says otherwise), with
//! [`to_http_response_in`](ServiceError::to_http_response_in) in any
//! protocol, or with `http::Response::from(error)`: the table's status, the
//! protocol's `Content-Type`, body and headers, a request id (generated
//! when the error has none), `Content-Length` and `Date`.
//!
//! A client reads one back with [`ServiceError::from_http_parts`], which
//! tells the protocol from the `Content-Type` and the body, or with
//! [`from_http_parts_in`](ServiceError::from_http_parts_in).
//!
//! ```
//! use errtable::{ErrorTable, Exception};
//! use errtable::http::X_AMZN_ERROR_TYPE;
//!
//! #[derive(ErrorTable)]
//! #[error_table(spec = "spec/glacier.md")]
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

use crate::__private::RequestIdHeader;
use crate::body::{read_in, Read, Uncoded};
pub use crate::context::RequestContext;
use crate::request_id::new_request_id;
use crate::wire_code::wire_code;
use crate::{BodyError, ErrorType, Exception, Protocol, ServiceError, TooLarge};
use ::http::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, DATE};
use ::http::{Response, StatusCode};
use errtable_shared::ProtocolKind;
use std::fmt;
use std::time::SystemTime;

/// `x-amzn-RequestId`: the id a service gives each request.
pub const X_AMZN_REQUEST_ID: HeaderName = HeaderName::from_static("x-amzn-requestid");

/// `x-amz-request-id`: the request id header of S3-style services, read
/// when `x-amzn-RequestId` is absent.
pub const X_AMZ_REQUEST_ID: HeaderName = HeaderName::from_static("x-amz-request-id");

/// `x-amzn-ErrorType`: the error code, which clients prefer to the body's.
pub const X_AMZN_ERROR_TYPE: HeaderName = HeaderName::from_static("x-amzn-errortype");

/// `x-amz-id-2`: S3's host id, also the body's `<HostId>`; read into and
/// written from the error's `HostId` field.
pub const X_AMZ_ID_2: HeaderName = HeaderName::from_static("x-amz-id-2");

/// `smithy-protocol`: `rpc-v2-cbor` on Smithy RPC v2 CBOR responses.
pub const SMITHY_PROTOCOL: HeaderName = HeaderName::from_static("smithy-protocol");

/// `x-amzn-query-error`: `Code;Sender` for AWS JSON services compatible with
/// their query protocol (SQS), written for rows that have a query code.
pub const X_AMZN_QUERY_ERROR: HeaderName = HeaderName::from_static("x-amzn-query-error");

use errtable_shared::PROTOCOL_HEADERS;

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
    /// Nothing names the error: no code in a header, a body that could not
    /// be read or names no code (`source` says which), and a status that
    /// fits none or several of the table's rows, or a body that could not be
    /// read, from which no code is guessed.
    Unidentified {
        /// The response's status.
        status: StatusCode,
        /// Why the body gave no code.
        source: BodyError,
    },
    /// The body could not be received: the connection failed or timed out
    /// part way (an HTTP client's error, such as `reqwest::Error`).
    Receive {
        /// The response's status.
        status: StatusCode,
        /// The client's error.
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
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
                "error response with status {status} names no error code ({source})"
            ),
            HttpError::Receive { status, source } => write!(
                f,
                "the body of the error response with status {status} could not be received ({source})"
            ),
        }
    }
}

impl std::error::Error for HttpError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HttpError::Unidentified { source, .. } => Some(source),
            HttpError::TooLarge(err) => Some(err),
            HttpError::Receive { source, .. } => Some(&**source),
            HttpError::NotAnError(_) => None,
        }
    }
}

impl HttpError {
    /// The status of the response that could not be read, when it was read
    /// that far.
    #[must_use]
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            HttpError::NotAnError(status)
            | HttpError::Unidentified { status, .. }
            | HttpError::Receive { status, .. } => Some(*status),
            HttpError::TooLarge(_) => None,
        }
    }
}

impl<E: Exception> ServiceError<E> {
    /// The HTTP response a service sends for this error, in the table's
    /// protocol: see [`to_http_response_in`](Self::to_http_response_in).
    /// The same bytes as `http::Response::from(error)`, axum's
    /// `IntoResponse` and actix-web's `ResponseError`, logged the same way.
    pub fn to_http_response(&self) -> Response<Vec<u8>> {
        self.to_http_response_in(&E::protocol())
    }

    /// The HTTP response of this error in `protocol`: the table's status,
    /// the protocol's `Content-Type` and body, its request id and code
    /// headers (see [`Protocol`]), `Content-Length` and `Date`.
    ///
    /// - The status is the table's, 300 to 599; an unknown code that
    ///   arrived with another status is sent as 500, since clients take a
    ///   lower one for a success. A 304 carries no body, as HTTP requires,
    ///   and no `Content-Length` (RFC 9110 allows one only if it gives the
    ///   length of the 200 response, which the error does not know).
    /// - The request id is the error's, or a fresh one in the protocol's
    ///   shape (as [`RequestContext`] makes them) when it has none or it cannot be sent
    ///   safely as a header: anything but printable ASCII (spaces, control
    ///   characters, a `\r\n` that would inject a header) or longer than
    ///   256 bytes. An id taken from a request is therefore never reflected
    ///   unchecked. Set one with [`with_request_id`](Self::with_request_id)
    ///   to log the same id.
    /// - `x-amzn-ErrorType` (rest-json), `x-amzn-query-error` (aws-json) and
    ///   `x-amz-id-2` (rest-xml, from the `HostId` field) are left out when
    ///   their text is not printable ASCII or longer than 256 bytes:
    ///   clients then read the body, which carries any text intact.
    ///
    /// Like every transport, it keeps the error, with the request id that
    /// was sent, in the response's extensions
    /// (`response.extensions().get::<ServiceError<E>>()`), and with the
    /// `tracing` feature logs it (once the response leaves the
    /// request-context layer, where there is one). To write a body
    /// without answering a request, use [`to_body`](Self::to_body).
    pub fn to_http_response_in(&self, protocol: &Protocol) -> Response<Vec<u8>> {
        self.clone().into_http_response_in(protocol, |error| error)
    }

    /// The response of this error in `protocol`, without logging it or
    /// keeping it: what an `OpenAPI` document shows.
    #[cfg(feature = "utoipa")]
    pub(crate) fn example_response(&self, protocol: &Protocol) -> Response<Vec<u8>> {
        let request_id = self
            .request_id()
            .and_then(header_value)
            .unwrap_or_else(|| id_value(&new_request_id(protocol)));
        self.build_response(protocol, request_id)
    }

    fn build_response(&self, protocol: &Protocol, request_id: HeaderValue) -> Response<Vec<u8>> {
        let status = self.wire_status(protocol);
        let mut body = Vec::new();
        if status != 304 {
            body.reserve(self.body_capacity(protocol));
            let id = request_id.to_str().ok();
            self.write_body(protocol, id, status, &mut body);
        }
        let mut response = Response::new(Vec::new());
        *response.status_mut() =
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        // Each later insert replaces an earlier one: `with_header`'s, then
        // the members', then the protocol's own win.
        self.insert_headers(protocol, headers);
        match protocol {
            Protocol::RestJson => {
                if let Some(code) = header_value(self.code()) {
                    headers.insert(X_AMZN_ERROR_TYPE, code);
                }
            }
            Protocol::AwsJson | Protocol::AwsJson11 => self.insert_query_error(headers),
            #[cfg(feature = "cbor")]
            Protocol::RpcV2Cbor => {
                headers.insert(SMITHY_PROTOCOL, HeaderValue::from_static("rpc-v2-cbor"));
                self.insert_query_error(headers);
            }
            #[cfg(feature = "xml")]
            Protocol::RestXml => {
                let host_id = self.field("HostId").and_then(|v| v.as_str());
                if let Some(host_id) = host_id.and_then(header_value) {
                    headers.insert(X_AMZ_ID_2, host_id);
                }
            }
            _ => {}
        }
        if let Some(id_header) = request_id_header::<E>(protocol) {
            headers.insert(id_header, request_id);
        }
        if !body.is_empty() {
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static(protocol.content_type()),
            );
        }
        // RFC 9110 (8.6): a 304 must not carry a Content-Length unless it
        // is the length of the 200 response, which an error does not know.
        if status != 304 {
            headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
        }
        if let Some(date) = date_now() {
            headers.insert(DATE, date);
        }
        *response.body_mut() = body;
        response
    }

    /// `x-amzn-query-error: Code;Sender` (or `Receiver`), for a row with a
    /// query code: what query-compatible services send in JSON and CBOR.
    fn insert_query_error(&self, headers: &mut HeaderMap) {
        let query_error = self.exception().query_code().map(|code| {
            let fault = match self.error_type() {
                ErrorType::Client => "Sender",
                ErrorType::Server | ErrorType::Unknown => "Receiver",
            };
            format!("{code};{fault}")
        });
        if let Some(value) = query_error.as_deref().and_then(header_value) {
            headers.insert(X_AMZN_QUERY_ERROR, value);
        }
    }

    /// Inserts the headers set on the error, then those of its members
    /// bound to headers in `protocol`, none of the protocol's own.
    fn insert_headers(&self, protocol: &Protocol, headers: &mut HeaderMap) {
        let set = self
            .headers()
            .map(|(name, value)| (name, std::borrow::Cow::Borrowed(value)));
        let bound = self.fields().filter_map(|(name, value)| {
            let member = self.member(name)?;
            Some((
                member.header_in(protocol)?,
                member.header_text(value)?.into(),
            ))
        });
        for (name, value) in set.chain(bound) {
            let name = HeaderName::from_bytes(name.as_bytes());
            let value = HeaderValue::from_str(&value);
            if let (Ok(name), Ok(value)) = (name, value) {
                let owned = PROTOCOL_HEADERS.contains(&name.as_str())
                    || request_id_header::<E>(protocol).as_ref() == Some(&name);
                if !owned {
                    headers.insert(name, value);
                }
            }
        }
    }

    /// What the headers of a response in `protocol` say of an error: its
    /// members bound to headers, into their fields, and the headers an
    /// error is read with ([`KEPT_HEADERS`](crate::headers::KEPT_HEADERS))
    /// that no member holds.
    fn read_headers(mut self, protocol: &Protocol, headers: &HeaderMap) -> Self {
        for member in self.exception().members() {
            let Some(name) = member.header_in(protocol) else {
                continue;
            };
            let value = headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .and_then(|text| member.read_header(text));
            if let Some(value) = value {
                self = self.with_field(member.name(), value);
            }
        }
        for name in crate::headers::KEPT_HEADERS {
            let bound = self.bound_member(name).is_some() && protocol.binds_headers();
            if let (false, Some(text)) = (bound, headers.get(name).and_then(|v| v.to_str().ok())) {
                self = self.with_header(name, text);
            }
        }
        self
    }

    /// Reads an error response: its status, headers and body, in the
    /// protocol its `Content-Type` names (`application/problem+json`; JSON;
    /// XML) or, without one, its body starts with (`{`, `<`): the table's
    /// own protocol where it is of that family, then as
    /// [`from_http_parts_in`](Self::from_http_parts_in) does.
    ///
    /// # Errors
    ///
    /// Those of [`from_http_parts_in`](Self::from_http_parts_in).
    pub fn from_http_parts(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Self, HttpError> {
        let protocol = guess_protocol::<E>(headers, body);
        Self::from_http_parts_in(&protocol, status, headers, body)
    }

    /// Reads an error response in `protocol`.
    ///
    /// - The code comes from the `x-amzn-ErrorType` header first, then from
    ///   the body as [`from_body`](Self::from_body) reads it, with `ns#`
    ///   prefixes and `:url` suffixes removed, in the order botocore uses.
    /// - The message comes from the body. A body that cannot be read in its
    ///   protocol, under a code from the header, is kept whole (decoded
    ///   lossily as UTF-8) as the message.
    /// - The request id comes from the body (XML), then `x-amzn-RequestId`,
    ///   then `x-amz-request-id`; S3's host id from the body, then
    ///   `x-amz-id-2`, into the `HostId` field.
    /// - Known codes take the table's status and type; unknown codes keep
    ///   the response's status and the body's type.
    /// - Only when the body names no code at all (it is empty, or read
    ///   without a code in it) does the status decide, and only if exactly
    ///   one row of the table has it (for S3, 304 is `NotModified`);
    ///   [`guessed_from_status`](Self::guessed_from_status) then says so. A
    ///   body that could not be read might name a code: nothing is guessed
    ///   from it, and the result is [`HttpError::Unidentified`].
    ///
    /// # Errors
    ///
    /// Statuses below 300 are [`HttpError::NotAnError`] and bodies over
    /// [`MAX_BODY_LEN`](crate::MAX_BODY_LEN) are [`HttpError::TooLarge`].
    /// Never panics.
    pub fn from_http_parts_in(
        protocol: &Protocol,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Self, HttpError> {
        if status.as_u16() < 300 {
            return Err(HttpError::NotAnError(status));
        }
        TooLarge::check(body.len()).map_err(HttpError::TooLarge)?;
        let received = Some(status.as_u16());
        let read = if body.iter().all(u8::is_ascii_whitespace) {
            Ok(Read::NoCode(Uncoded::default()))
        } else {
            read_in(protocol, body, received)
        };
        let header_code = header_text(headers, &X_AMZN_ERROR_TYPE).and_then(wire_code);
        let error = match (header_code, read) {
            // The header names the code; the body, the rest.
            (Some(code), Ok(Read::Error(read))) => {
                let error_type = read.error_type();
                read.with_exception(crate::__private::from_wire(code, error_type, received))
            }
            (Some(code), Ok(Read::NoCode(body))) => body.into_error(
                crate::__private::from_wire::<E>(code, ErrorType::Unknown, received),
                protocol,
            ),
            (Some(code), Err(_)) => ServiceError::new(
                crate::__private::from_wire::<E>(code, ErrorType::Unknown, received),
                String::from_utf8_lossy(body).into_owned(),
            ),
            (None, Ok(Read::Error(read))) => read,
            (None, Ok(Read::NoCode(body))) => match only_row_with::<E>(status) {
                Some(exception) => body.into_error(exception, protocol).guessed(),
                None => {
                    return Err(HttpError::Unidentified {
                        status,
                        source: BodyError::NoCode,
                    })
                }
            },
            (None, Err(BodyError::TooLarge(err))) => return Err(HttpError::TooLarge(err)),
            (None, Err(source)) => return Err(HttpError::Unidentified { status, source }),
        };
        let mut error = error
            .read_headers(protocol, headers)
            .received_with(status.as_u16());
        if error.request_id().is_none() {
            let named = request_id_header::<E>(protocol);
            let id = named
                .as_ref()
                .and_then(|name| header_text(headers, name))
                .or_else(|| header_text(headers, &X_AMZN_REQUEST_ID))
                .or_else(|| header_text(headers, &X_AMZ_REQUEST_ID));
            if let Some(id) = id {
                error = error.with_request_id(id);
            }
        }
        if error.field("HostId").is_none() {
            if let Some(host_id) = header_text(headers, &X_AMZ_ID_2) {
                error = error.with_field("HostId", host_id);
            }
        }
        Ok(error)
    }
}

/// The protocol a response is in, from its `Content-Type`, else from the
/// first character of its body: which reader to use. The table's own
/// protocol where the response is of its family (its JSON, its XML form),
/// so that an SSM table reads SSM's responses as JSON 1.1 and a `CloudFront`
/// table `CloudFront`'s as wrapped XML; else the family's first.
fn guess_protocol<E: Exception>(headers: &HeaderMap, body: &[u8]) -> Protocol {
    let own = E::protocol();
    let content_type = header_text(headers, &CONTENT_TYPE)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if content_type.contains("problem+json") {
        return match own {
            Protocol::ProblemJson { .. } => own,
            _ => Protocol::ProblemJson { type_base: None },
        };
    }
    if content_type.contains("json") && looks_like_google(body) {
        return Protocol::GoogleJson;
    }
    if content_type.contains("json") {
        let aws_json = matches!(
            own.kind(),
            ProtocolKind::RestJson | ProtocolKind::AwsJson | ProtocolKind::AwsJson11
        );
        return match own {
            Protocol::ProblemJson { .. } => own,
            _ if looks_like_a_problem(body) => Protocol::ProblemJson { type_base: None },
            _ if aws_json => own,
            _ => Protocol::RestJson,
        };
    }
    // CBOR has no first byte to tell it by: its `Content-Type` or the
    // `smithy-protocol` header says so.
    #[cfg(feature = "cbor")]
    if content_type.contains("cbor")
        || header_text(headers, &SMITHY_PROTOCOL) == Some("rpc-v2-cbor")
    {
        return Protocol::RpcV2Cbor;
    }
    let xml = content_type.contains("xml")
        || body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<');
    match xml {
        #[cfg(feature = "xml")]
        true if own.is_xml() => own,
        #[cfg(feature = "xml")]
        true => Protocol::RestXml,
        // Without the `xml` feature an XML body cannot be read: the JSON
        // reader refuses it, and only a code header can name the error.
        _ => Protocol::RestJson,
    }
}

impl<E: Exception> From<ServiceError<E>> for Response<Vec<u8>> {
    /// [`ServiceError::to_http_response`], keeping the error in the
    /// response's extensions (with the request id that was sent), where
    /// middleware can find it: `response.extensions().get::<ServiceError<E>>()`.
    /// The error type `#[derive(ErrorTable)]` declares does the same and
    /// keeps itself: `response.extensions().get::<GlacierError>()`.
    fn from(error: ServiceError<E>) -> Self {
        error.into_http_response(|error| error)
    }
}

impl<E: Exception> ServiceError<E> {
    /// The response of [`to_http_response`](Self::to_http_response), with
    /// the error, given the request id that was sent, kept in its
    /// extensions as `keep` makes it: itself, or the deriving crate's error
    /// type around it.
    pub(crate) fn into_http_response<T: Clone + Send + Sync + 'static>(
        self,
        keep: impl FnOnce(Self) -> T,
    ) -> Response<Vec<u8>> {
        self.into_http_response_in(&E::protocol(), keep)
    }

    /// The one place an error becomes an HTTP response: in `protocol`,
    /// logged (or left for the request-context layer to log), and kept in
    /// its extensions as `keep` makes it.
    fn into_http_response_in<T: Clone + Send + Sync + 'static>(
        self,
        protocol: &Protocol,
        keep: impl FnOnce(Self) -> T,
    ) -> Response<Vec<u8>> {
        // Inside the request-context layer, the request's ids, and the
        // layer logs; elsewhere, this logs.
        let context = RequestContext::current();
        let error = match &context {
            Some(context) => self.in_context(context),
            None => self,
        };
        let (error, request_id) = error.with_sent_request_id(protocol);
        let mut response = error.build_response(protocol, request_id);
        #[cfg(feature = "tracing")]
        {
            let status = response.status().as_u16();
            match context {
                Some(_) => {
                    let event = crate::trace::Event::of(&error, status);
                    response.extensions_mut().insert(event);
                }
                None => crate::trace::error_response(&error, status),
            }
        }
        response.extensions_mut().insert(keep(error));
        response
    }

    /// The error as the request of `context` sends it: under its request
    /// id, and its host id where the error has none.
    fn in_context(self, context: &RequestContext) -> Self {
        let error = self.with_request_id(context.request_id());
        match context.host_id() {
            Some(host_id) if error.field("HostId").is_none() => error.with_field("HostId", host_id),
            _ => error,
        }
    }

    /// The error as it is sent, with the request id it is sent under, also
    /// as a header value: its own id where that can be a header, else a
    /// fresh one that the error then carries, so that what is logged and
    /// kept is what the client got.
    pub(crate) fn with_sent_request_id(self, protocol: &Protocol) -> (Self, HeaderValue) {
        if let Some(request_id) = self.request_id().and_then(header_value) {
            (self, request_id)
        } else {
            let request_id = new_request_id(protocol);
            let value = id_value(&request_id);
            (self.with_request_id(request_id), value)
        }
    }
}

/// The header request ids of `E`'s table travel in, in `protocol`: the
/// table's `request_id_header`, else the protocol's own (`x-amz-request-id`
/// for rest-xml, none for problem-json, `x-amzn-RequestId` otherwise).
pub(crate) fn request_id_header<E: Exception>(protocol: &Protocol) -> Option<HeaderName> {
    match E::request_id_header() {
        RequestIdHeader::Named(name) => HeaderName::from_bytes(name.as_bytes()).ok(),
        RequestIdHeader::Off => None,
        RequestIdHeader::Protocol => match protocol {
            protocol if protocol.is_s3() => Some(X_AMZ_REQUEST_ID),
            Protocol::ProblemJson { .. } | Protocol::GoogleJson => None,
            _ => Some(X_AMZN_REQUEST_ID),
        },
    }
}

/// A generated request id as a header value.
fn id_value(generated: &str) -> HeaderValue {
    // Generated ids are hex digits and dashes, always a valid header
    // value; the fallback only spares a panic path.
    HeaderValue::from_str(generated).unwrap_or(HeaderValue::from_static("0"))
}

/// The value as a header, if it is non-empty printable ASCII of at most
/// [`MAX_HEADER_TEXT`] bytes.
pub(crate) fn header_value(text: &str) -> Option<HeaderValue> {
    if text.is_empty() || text.len() > MAX_HEADER_TEXT || !text.is_ascii() {
        return None;
    }
    // `from_str` takes printable ASCII (and bytes over 127, refused above),
    // spaces and tabs; then no space or tab: word-at-a-time checks rather
    // than a byte loop (`ops http-response`, 0.96x -> 1.00x).
    let value = HeaderValue::from_str(text).ok()?;
    memchr::memchr2(b' ', b'\t', text.as_bytes())
        .is_none()
        .then_some(value)
}

/// The `Date` header's value now (`Sun, 06 Dec 2026 18:30:00 GMT`),
/// formatted on the stack: `fmt_http_date` builds a `String` that the
/// header value then copies (`ops http-response`, 0.97x -> 1.0x).
fn date_now() -> Option<HeaderValue> {
    use std::io::Write;
    let mut buf = [0u8; 29];
    let mut out = &mut buf[..];
    write!(out, "{}", httpdate::HttpDate::from(SystemTime::now())).ok()?;
    let written = 29 - out.len();
    HeaderValue::from_bytes(&buf[..written]).ok()
}

/// Whether a body labelled plain JSON is problem details: its `type` is a
/// URI (REST-JSON's `type` is `Client` or `Server`) and it has a `title` or
/// a `status`. Only bodies that mention `"type"` and `"title"` or
/// `"status"` are parsed to see: AWS's JSON bodies are read once.
fn looks_like_a_problem(body: &[u8]) -> bool {
    let mentions = |key: &[u8]| memchr::memmem::find(body, key).is_some();
    if !mentions(b"\"type\"") || !(mentions(b"\"title\"") || mentions(b"\"status\"")) {
        return false;
    }
    let Ok(serde_json::Value::Object(object)) = serde_json::from_slice(body) else {
        return false;
    };
    let uri = object
        .get("type")
        .and_then(serde_json::Value::as_str)
        .is_some_and(|t| t.contains(':'));
    uri && (object.contains_key("title") || object.contains_key("status"))
}

/// Whether a body labelled JSON is Google's: an object whose `error` is
/// an object with a numeric `code`. Only bodies that start with
/// `{"error":` (spaces allowed) are parsed to see.
fn looks_like_google(body: &[u8]) -> bool {
    let mut rest = body.iter().filter(|b| !b.is_ascii_whitespace());
    if !b"{\"error\":{".iter().all(|b| rest.next() == Some(b)) {
        return false;
    }
    let Ok(serde_json::Value::Object(object)) = serde_json::from_slice(body) else {
        return false;
    };
    object
        .get("error")
        .and_then(|error| error.get("code"))
        .is_some_and(serde_json::Value::is_u64)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(crate::ErrorTable)]
    #[allow(dead_code)] // only the derived types are used
    #[error_table(spec = "spec/glacier.md", crate = "crate")]
    struct Glacier;

    #[test]
    fn a_304_has_no_body_and_no_content_length() {
        let moved = crate::UnknownCode::new("NotModified").with_status(304);
        let error = GlacierError::new(GlacierException::Unknown(moved), "Not Modified");
        let response = error.to_http_response();
        assert_eq!(response.status(), 304);
        assert!(response.body().is_empty());
        assert!(!response.headers().contains_key(CONTENT_TYPE));
        assert!(!response.headers().contains_key(CONTENT_LENGTH));
        // Other error responses state their length, even when it is 0.
        let teapot = crate::UnknownCode::new("Teapot").with_status(418);
        let response = GlacierError::new(GlacierException::Unknown(teapot), "m").to_http_response();
        assert_eq!(
            response.headers()[CONTENT_LENGTH],
            response.body().len().to_string().as_str()
        );
    }

    /// Inside a request, an error is sent under the request's id, with the
    /// request's host id unless it has its own.
    #[test]
    fn inside_a_request_an_error_takes_its_ids_but_keeps_its_own_host_id() {
        let context = RequestContext::new("req-7", Some("host-of-request".to_owned()));
        let sent = |error: GlacierError| {
            let response = context.enter(|| error.to_http_response());
            let kept = response
                .extensions()
                .get::<ServiceError<GlacierException>>();
            kept.unwrap().clone()
        };
        let plain = sent(GlacierError::new(
            GlacierException::ResourceNotFoundException,
            "gone",
        ));
        assert_eq!(plain.request_id(), Some("req-7"));
        assert_eq!(
            plain.field("HostId"),
            Some(&serde_json::json!("host-of-request"))
        );
        let own = sent(
            GlacierError::new(GlacierException::ResourceNotFoundException, "gone")
                .with_field("HostId", "its-own"),
        );
        assert_eq!(own.field("HostId"), Some(&serde_json::json!("its-own")));
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
