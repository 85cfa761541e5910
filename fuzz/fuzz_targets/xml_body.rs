//! XML error bodies: `ServiceError::from_body` in the rest-xml, query and
//! ec2 protocols on any bytes never panics, and what it reads writes back
//! in the same protocol and reads again as the same error.
#![no_main]

use errtable::{ErrorTable, Protocol};
use libfuzzer_sys::fuzz_target;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/s3.json", protocol = "rest-xml")]
pub struct S3;

fuzz_target!(|data: &[u8]| {
    for protocol in [Protocol::RestXml, Protocol::Query, Protocol::Ec2] {
        let Ok(error) = S3Error::from_body(&protocol, data) else {
            continue;
        };
        assert!(!error.code().is_empty());
        let again = S3Error::from_body(&protocol, &error.to_body(&protocol))
            .expect("a read error writes a readable body");
        assert_eq!(again.code(), error.code());
        assert_eq!(again.message(), error.message());
        assert_eq!(again.request_id(), error.request_id());
        assert_eq!(again.fields().count(), error.fields().count());
    }
});
