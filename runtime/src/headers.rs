//! The headers an error is sent with besides the protocol's own: set by
//! name, or by the typed helpers for what HTTP and its RFCs require of
//! some statuses (`Retry-After` on a 429 or 503, `WWW-Authenticate` on a
//! 401, `Allow` on a 405, `Content-Range` on a 416, `ETag` and
//! `Last-Modified` on a 304).

use crate::{Exception, ServiceError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The headers a received response keeps on the error it is read into
/// (besides those its row's members are bound to, which become fields).
#[cfg(feature = "http")]
pub(crate) const KEPT_HEADERS: [&str; 6] = [
    "Retry-After",
    "WWW-Authenticate",
    "Allow",
    "Content-Range",
    "ETag",
    "Last-Modified",
];

impl<E: Exception> ServiceError<E> {
    /// Sets a header to send with the error, replacing one of the same
    /// name (names are case-insensitive). Every HTTP transport sends it:
    /// `to_http_response` (with the `http` feature), axum,
    /// actix-web and `http::Response::from`.
    ///
    /// Where two set the same header, the first of these wins: the headers
    /// the protocol itself writes (`Content-Type`, `Content-Length`,
    /// `Date`, the request-id and error-type headers), which this never
    /// replaces; the row's members bound to headers; then this. A name
    /// that is not a header name, or a value with control characters, is
    /// not sent.
    #[must_use]
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        let value = value.into();
        let headers = &mut self.extra_mut().headers;
        match headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(&name))
        {
            Some(header) => header.1 = value,
            None => headers.push((name, value)),
        }
        self
    }

    /// The header `name` (any case) set with [`with_header`](Self::with_header)
    /// or a helper, or kept from a received response.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.header_slice()
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The headers set, in the order they were first set.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.header_slice()
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// Tells the client when to retry: `Retry-After` in whole seconds
    /// (rounded up), as RFC 9110 asks of a 503 and RFC 6585 of a 429. When
    /// the row declares a member bound to `Retry-After` (AWS's
    /// `retryAfterSeconds`), the value is that member's, and goes where the
    /// protocol puts it.
    #[must_use]
    pub fn with_retry_after(self, delay: Duration) -> Self {
        let seconds = delay.as_secs() + u64::from(delay.subsec_nanos() > 0);
        self.with_bound_header("Retry-After", seconds.to_string())
    }

    /// The delay `Retry-After` gives, in seconds, from the member bound to
    /// it or the header.
    pub fn retry_after(&self) -> Option<Duration> {
        let bound = self.bound_member("Retry-After").and_then(|member| {
            let value = self.field(member.name())?;
            member.header_text(value)
        });
        let text = bound.as_deref().or_else(|| self.header("Retry-After"))?;
        crate::timestamp::decimal(text.trim()).map(Duration::from_secs)
    }

    /// Adds a challenge to `WWW-Authenticate` (`Bearer realm="api"`), which
    /// RFC 9110 requires on a 401; challenges added before are kept.
    #[must_use]
    pub fn with_www_authenticate(self, challenge: impl Into<String>) -> Self {
        let challenge = challenge.into();
        let value = match self.header("WWW-Authenticate") {
            Some(earlier) => format!("{earlier}, {challenge}"),
            None => challenge,
        };
        self.with_bound_header("WWW-Authenticate", value)
    }

    /// `Allow` with the methods the resource supports, which RFC 9110
    /// requires on a 405: `with_allow(["GET", "HEAD"])`.
    #[must_use]
    pub fn with_allow<M: AsRef<str>>(self, methods: impl IntoIterator<Item = M>) -> Self {
        let mut value = String::new();
        for method in methods {
            if !value.is_empty() {
                value.push_str(", ");
            }
            value.push_str(method.as_ref());
        }
        self.with_bound_header("Allow", value)
    }

    /// `Content-Range: bytes */{complete_length}`, which RFC 9110 asks of a
    /// 416 (Range Not Satisfiable): the length of the whole representation.
    #[must_use]
    pub fn with_content_range(self, complete_length: u64) -> Self {
        self.with_bound_header("Content-Range", format!("bytes */{complete_length}"))
    }

    /// `ETag`, as a 304 must send it: the entity tag is quoted unless it
    /// already is (`"abc"`, `W/"abc"`).
    #[must_use]
    pub fn with_etag(self, etag: impl AsRef<str>) -> Self {
        let etag = etag.as_ref();
        let quoted = if etag.starts_with('"') || etag.starts_with("W/\"") {
            etag.to_owned()
        } else {
            format!("\"{etag}\"")
        };
        self.with_bound_header("ETag", quoted)
    }

    /// `Last-Modified`, as an http-date, as a 304 sends it.
    #[must_use]
    pub fn with_last_modified(self, time: SystemTime) -> Self {
        let seconds = match time.duration_since(UNIX_EPOCH) {
            Ok(after) => after.as_secs_f64(),
            Err(before) => -before.duration().as_secs_f64(),
        };
        match crate::timestamp::http_date(seconds) {
            Some(date) => self.with_bound_header("Last-Modified", date),
            None => self,
        }
    }

    /// The member of the row bound to `header`, if any.
    pub(crate) fn bound_member(&self, header: &str) -> Option<&'static crate::Member> {
        self.exception().members().iter().find(|member| {
            member
                .header()
                .is_some_and(|h| h.eq_ignore_ascii_case(header))
        })
    }

    /// `header: text`, in the member bound to `header` when the row has one.
    fn with_bound_header(self, header: &str, text: String) -> Self {
        let member = self.bound_member(header);
        match member.and_then(|member| Some((member.name(), member.read_header(&text)?))) {
            Some((name, value)) => self.with_field(name, value),
            None => self.with_header(header, text),
        }
    }
}
