//! Error responses: `from_http_parts` on any status, headers and body
//! never panics, never turns a success into an error, and what it reads
//! survives `to_http_response` and a second read with the same code and
//! message (a 304 has no body, so only a header can name its code); a
//! response always carries a valid request id.
//!
//! Input layout: 2 bytes of status, then three header values (the error
//! type, `x-amzn-RequestId`, `x-amz-request-id`) each preceded by its
//! length byte, then the body.
#![no_main]

use errtable::http::{HttpError, X_AMZN_ERROR_TYPE, X_AMZN_REQUEST_ID, X_AMZ_REQUEST_ID};
use errtable::ErrorTable;
use http::header::{HeaderMap, HeaderValue};
use http::StatusCode;
use libfuzzer_sys::fuzz_target;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;

fn take<'a>(data: &mut &'a [u8], len: usize) -> &'a [u8] {
    let (head, tail) = data.split_at(len.min(data.len()));
    *data = tail;
    head
}

fuzz_target!(|data: &[u8]| {
    let mut data = data;
    let raw_status = take(&mut data, 2);
    let status = u16::from_le_bytes([
        raw_status.first().copied().unwrap_or(0),
        raw_status.get(1).copied().unwrap_or(0),
    ]);
    let Ok(status) = StatusCode::from_u16(100 + status % 900) else {
        return;
    };
    let mut headers = HeaderMap::new();
    for name in [X_AMZN_ERROR_TYPE, X_AMZN_REQUEST_ID, X_AMZ_REQUEST_ID] {
        let len = usize::from(take(&mut data, 1).first().copied().unwrap_or(0));
        let value = take(&mut data, len);
        if let Ok(value) = HeaderValue::from_bytes(value) {
            if len > 0 {
                headers.insert(name, value);
            }
        }
    }
    let body = data;
    match GlacierError::from_http_parts(status, &headers, body) {
        Ok(error) => {
            assert!(status.as_u16() >= 300);
            assert!(!error.code().is_empty());
            let response = error.to_http_response();
            assert!((300..=599).contains(&response.status().as_u16()));
            let id = response.headers()[X_AMZN_REQUEST_ID].to_str().unwrap();
            assert!(
                !id.is_empty() && id.bytes().all(|b| b.is_ascii_graphic()),
                "{id:?}"
            );
            let again = GlacierError::from_http_parts(response.status(), response.headers(), response.body());
            if response.status() == http::StatusCode::NOT_MODIFIED {
                // No body: only the x-amzn-ErrorType header can name the code.
                if let Ok(again) = again {
                    assert_eq!(again.code(), error.code());
                }
            } else if response.body().len() <= errtable::MAX_BODY_LEN {
                let again = again.expect("a parsed error sends a readable response");
                assert_eq!(again.code(), error.code());
                assert_eq!(again.message(), error.message());
                assert_eq!(again.request_id(), Some(id));
            }
        }
        Err(HttpError::NotAnError(got)) => assert!(got.as_u16() < 300),
        Err(HttpError::TooLarge(err)) => assert!(err.body_len() > errtable::MAX_BODY_LEN),
        Err(HttpError::Unidentified { status: got, .. }) => assert_eq!(got, status),
        Err(other) => panic!("unexpected {other:?}"),
    }
});
