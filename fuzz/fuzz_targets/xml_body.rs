//! XML error bodies: `ServiceError::from_body` in the rest-xml, query and
//! ec2 protocols on any bytes never panics, and what it reads writes back
//! in the same protocol and reads again as the same error: for S3's table
//! (fields as text) and for a table whose rows declare members (typed
//! leaves, documents as nested elements, XML names).
#![no_main]

use errtable::{ErrorTable, Exception, Protocol, ServiceError};
use libfuzzer_sys::fuzz_target;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/s3.json", protocol = "rest-xml")]
pub struct S3;

#[derive(ErrorTable)]
#[error_table(spec = "../tests/specs/members.json", protocol = "rest-xml")]
pub struct Members;

/// What `data` reads as in `protocol`, written back and read again.
fn round_trip<E: Exception>(protocol: &Protocol, data: &[u8]) {
    let Ok(error) = ServiceError::<E>::from_body(protocol, data) else {
        return;
    };
    assert!(!error.code().is_empty());
    let again = ServiceError::<E>::from_body(protocol, &error.to_body(protocol))
        .expect("a read error writes a readable body");
    assert_eq!(again.code(), error.code());
    assert_eq!(again.message(), error.message());
    assert_eq!(again.request_id(), error.request_id());
    // A member bound to a header is sent in it, not in the body.
    let in_body = |error: &ServiceError<E>| -> Vec<(String, serde_json::Value)> {
        let members = error.exception().members();
        error
            .fields()
            .filter(|(name, _)| {
                !members
                    .iter()
                    .any(|m| m.name() == *name && m.header_in(protocol).is_some())
            })
            .map(|(name, value)| (name.to_owned(), value.clone()))
            .collect()
    };
    // In any order, as the error's own equality compares them: a body
    // writes the declared members first, in the model's order (found by
    // this target: `<Error>…</Error><limit>` read back as `limit` first).
    let sorted = |mut fields: Vec<(String, serde_json::Value)>| {
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        fields
    };
    assert_eq!(sorted(in_body(&again)), sorted(in_body(&error)));
}

fuzz_target!(|data: &[u8]| {
    for protocol in [Protocol::RestXml, Protocol::Query, Protocol::Ec2] {
        round_trip::<S3Exception>(&protocol, data);
        round_trip::<MembersException>(&protocol, data);
    }
});
