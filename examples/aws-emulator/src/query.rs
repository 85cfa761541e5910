//! The AWS query protocol (STS): reading an operation's parameters from a
//! form-encoded request and writing its XML output. The errors are the
//! table's; the runtime writes them (`<ErrorResponse>`, with the row's
//! query code).
//!
//! A missing required parameter is a ValidationError with Coral's message,
//! as STS answers it.

use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use errtable::{Exception, ServiceError};
use std::marker::PhantomData;

/// The `Content-Type` of query responses, errors and successes alike.
pub const CONTENT_TYPE_XML: &str = "text/xml";

/// What reading query parameters needs of a service's table: its error
/// type, and the row AWS answers a missing or bad parameter with. STS
/// derives `common/query.md`, which has it.
pub trait QueryTable: Exception {
    /// The table's error type (`StsError`).
    type Error: From<ServiceError<Self>>;
    /// ValidationError.
    fn validation() -> Self;
}

/// A request's parameters: the URI's query string, then the form-encoded
/// body, decoded, in order; read for the service of table `E`: what is
/// wrong with them is an error of `E`.
pub struct Parameters<E> {
    pairs: Vec<(String, String)>,
    table: PhantomData<fn() -> E>,
}

impl<E> std::fmt::Debug for Parameters<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Parameters").field(&self.pairs).finish()
    }
}

impl<E: QueryTable> Parameters<E> {
    /// The parameters of a request with this URI query (after `?`) and
    /// body. The body is read as a form whatever its `Content-Type`, as
    /// query services do; bytes that are not UTF-8 become U+FFFD.
    pub fn parse(query: Option<&str>, body: &[u8]) -> Parameters<E> {
        let from_uri = form_urlencoded::parse(query.unwrap_or_default().as_bytes());
        let from_body = form_urlencoded::parse(body);
        Parameters {
            pairs: from_uri
                .chain(from_body)
                .map(|(name, value)| (name.into_owned(), value.into_owned()))
                .collect(),
            table: PhantomData,
        }
    }

    /// The first value of `name`; an empty value is a value.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.as_str())
    }

    /// A required parameter: ValidationError when absent.
    pub fn required(&self, name: &str) -> Result<&str, E::Error> {
        self.get(name).ok_or_else(|| missing::<E>(name))
    }
}

/// A ValidationError for `name` missing, with Coral's message (members in
/// lower camel case: `roleArn`).
pub fn missing<E: QueryTable>(name: &str) -> E::Error {
    let mut chars = name.chars();
    let member: String = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    invalid::<E>(format!(
        "1 validation error detected: Value null at '{member}' failed to satisfy constraint: \
         Member must not be null"
    ))
}

/// A ValidationError with `message`.
pub fn invalid<E: QueryTable>(message: impl Into<String>) -> E::Error {
    ServiceError::new(E::validation(), message).into()
}

/// `text` with XML's special characters escaped, for element content.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// An operation's output, as the query protocol sends it:
/// `<{Action}Response xmlns="..."><{Action}Result>…</{Action}Result>
/// <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata>
/// </{Action}Response>`, 200, `text/xml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output(String);

impl Output {
    /// The response to `action` whose result element holds `result` (XML,
    /// already escaped), in the service's XML `namespace`, for the request
    /// `request_id`.
    pub fn new(action: &str, namespace: &str, result: &str, request_id: &str) -> Output {
        Output(format!(
            "<{action}Response xmlns=\"{namespace}\"><{action}Result>{result}</{action}Result>\
             <ResponseMetadata><RequestId>{}</RequestId></ResponseMetadata></{action}Response>",
            escape(request_id)
        ))
    }

    /// The document.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl IntoResponse for Output {
    fn into_response(self) -> Response {
        let mut response = self.0.into_response();
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE_XML));
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sts::StsException;

    #[test]
    fn parameters_from_the_uri_and_the_body() {
        let parameters = Parameters::<StsException>::parse(
            Some("Action=GetCallerIdentity"),
            b"Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr&Policy=%7B+%7D&Empty=",
        );
        assert_eq!(parameters.get("Action"), Some("GetCallerIdentity"));
        assert_eq!(parameters.get("RoleArn"), Some("arn:aws:iam::1:role/r"));
        assert_eq!(parameters.get("Policy"), Some("{ }"));
        assert_eq!(parameters.get("Empty"), Some(""));
        assert_eq!(parameters.get("Nothing"), None);

        let error = parameters.required("RoleSessionName").unwrap_err();
        assert_eq!(error.exception(), &StsException::ValidationError);
        assert_eq!(
            error.message(),
            "1 validation error detected: Value null at 'roleSessionName' failed to satisfy \
             constraint: Member must not be null"
        );
    }

    #[test]
    fn outputs() {
        let output = Output::new("GetCallerIdentity", "https://ns/", "<A>&amp;</A>", "id<1>");
        assert_eq!(
            output.as_str(),
            "<GetCallerIdentityResponse xmlns=\"https://ns/\"><GetCallerIdentityResult><A>&amp;</A>\
             </GetCallerIdentityResult><ResponseMetadata><RequestId>id&lt;1&gt;</RequestId>\
             </ResponseMetadata></GetCallerIdentityResponse>"
        );
        let response = output.into_response();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()[CONTENT_TYPE], CONTENT_TYPE_XML);
        assert_eq!(escape("a&b<c>\"'"), "a&amp;b&lt;c&gt;&quot;&apos;");
    }
}
