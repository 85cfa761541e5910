//! Google's `google-json` bodies: `ServiceError::from_body` on any bytes
//! never panics, and what it reads writes back and reads again with the
//! same code, message and request id. Metadata keys are written in
//! lowerCamelCase, so a second round trip is exact: the error written
//! and read again is the error read.
#![no_main]

use errtable::{ErrorTable, Protocol};
use libfuzzer_sys::fuzz_target;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md", protocol = "google-json")]
pub struct Glacier;

fuzz_target!(|data: &[u8]| {
    let protocol = Protocol::GoogleJson;
    if let Ok(error) = GlacierError::from_body(&protocol, data) {
        let again = GlacierError::from_body(&protocol, &error.to_body(&protocol))
            .expect("a read body writes a readable body");
        assert_eq!(again.code(), error.code());
        assert_eq!(again.message(), error.message());
        assert_eq!(again.request_id(), error.request_id());
        assert_eq!(again.retry_after(), error.retry_after());
        let third = GlacierError::from_body(&protocol, &again.to_body(&protocol))
            .expect("a read body writes a readable body");
        assert_eq!(third, again);
    }
});
