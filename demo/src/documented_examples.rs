//! `--docs-examples`: the seed document's example requests get its example
//! responses byte for byte (but for `Date` and the true `Content-Length`):
//! its request ids, its pretty-printed bodies, no `x-amzn-ErrorType`
//! header, and Example 2's body with its broken `"type: "Client"` key,
//! which is not JSON. The responses are still made from the GlacierError
//! the handler returned; only the layout changes.

use crate::{GlacierError, GlacierException};
use axum::body::Body;
use axum::http::header::{HeaderValue, CONTENT_LENGTH};
use axum::response::Response;
use errtable::http::X_AMZN_ERROR_TYPE;

/// One documented response: the error it reports and how it was printed.
struct Example {
    exception: GlacierException,
    message: &'static str,
    request_id: &'static str,
    /// Example 2 prints `"type: "Client"`, which is not JSON.
    broken_type_key: bool,
}

const EXAMPLES: [Example; 3] = [
    Example {
        exception: GlacierException::ResourceNotFoundException,
        message: "The job ID was not found: HkF9p6o7yjhFx-K3CGl6fuSm6VzW9T7esGQfco8nUXVYwS0jlb5gq1JZ55yHgt5vP54ZShjoQzQVVEXAMPLEbadJobID",
        request_id: "AAABaZ9N92Iiyv4N7sru3ABEpSQkuFtmH3NP6aAC51ixfjg",
        broken_type_key: false,
    },
    Example {
        exception: GlacierException::ResourceNotFoundException,
        message: "Vault not found for ARN: arn:aws:glacier:us-west-2:012345678901:vaults/examplevault",
        request_id: "AAABBeC9Zw0rp_5D0L8VfB3FA_WlTupqTKAUehMcPhdgni0",
        broken_type_key: false,
    },
    Example {
        exception: GlacierException::InvalidParameterValueException,
        message: "The job status code is not valid: finished",
        request_id: "AAABaZ9N92Iiyv4N7sru3ABEpSQkuFtmH3NP6aAC51ixfjg",
        broken_type_key: true,
    },
];

/// The documented response instead of `response`, when `response` carries
/// the error of one of the documented examples.
pub fn rewrite(response: Response) -> Response {
    let Some(error) = response.extensions().get::<GlacierError>() else {
        return response;
    };
    let Some(example) = EXAMPLES.iter().find(|example| {
        &example.exception == error.exception() && example.message == error.message()
    }) else {
        return response;
    };
    let error = error.clone().with_request_id(example.request_id);
    let body = documented_body(&error, example.broken_type_key);
    let mut documented = axum::http::Response::<Vec<u8>>::from(error);
    documented.headers_mut().remove(X_AMZN_ERROR_TYPE);
    documented
        .headers_mut()
        .insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
    *documented.body_mut() = body;
    documented.map(Body::from)
}

/// The body as the documentation prints it: two-space indents, one key a
/// line.
fn documented_body(error: &GlacierError, broken_type_key: bool) -> Vec<u8> {
    let quote = |text: &str| serde_json::Value::from(text).to_string();
    let type_key = if broken_type_key {
        "\"type: "
    } else {
        "\"type\": "
    };
    format!(
        "{{\n  \"code\": {},\n  \"message\": {},\n  {type_key}{}\n}}",
        quote(error.code()),
        quote(error.message()),
        quote(error.error_type().as_str()),
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::response::IntoResponse;

    #[test]
    fn example_2_is_printed_as_documented() {
        let error = GlacierError::new(
            GlacierException::InvalidParameterValueException,
            "The job status code is not valid: finished",
        );
        let response = rewrite(error.into_response());
        assert_eq!(response.status(), 400);
        assert!(!response.headers().contains_key(X_AMZN_ERROR_TYPE));
        assert_eq!(
            response.headers()["x-amzn-requestid"],
            "AAABaZ9N92Iiyv4N7sru3ABEpSQkuFtmH3NP6aAC51ixfjg"
        );
        let doc = include_str!("../../spec/glacier.md");
        let body = documented_body(response.extensions().get::<GlacierError>().unwrap(), true);
        let text = String::from_utf8(body).unwrap();
        assert!(doc.contains(&format!("{text}\n```")), "{text}");
        assert_eq!(
            response.headers()[CONTENT_LENGTH],
            text.len().to_string().as_str()
        );
    }

    #[test]
    fn other_errors_are_left_alone() {
        let error = GlacierError::new(
            GlacierException::InvalidParameterValueException,
            "The job status code is not valid: done",
        );
        let response = rewrite(error.into_response());
        assert_eq!(
            response.headers()[X_AMZN_ERROR_TYPE],
            "InvalidParameterValueException"
        );
    }
}
