//! Smithy RPC v2 CBOR error bodies: `ServiceError::from_body` in
//! `rpc-v2-cbor` on any bytes never panics, stays within the body-size
//! limit, and what it reads writes back and reads again as the same error,
//! for a table whose rows declare members (timestamps under tag 1,
//! documents as nested maps) and one whose rows have model shape ids.
#![no_main]

use errtable::{ErrorTable, Exception, Protocol, ServiceError};
use libfuzzer_sys::fuzz_target;

#[derive(ErrorTable)]
#[error_table(spec = "../tests/specs/members.json", protocol = "rpc-v2-cbor")]
pub struct Members;

#[derive(ErrorTable)]
#[error_table(spec = "../tests/specs/smithy-suite/rpcv2Cbor_errors.json")]
pub struct Suite;

/// What `data` reads as, written back and read again.
fn round_trip<E: Exception>(data: &[u8]) {
    let protocol = Protocol::RpcV2Cbor;
    let Ok(error) = ServiceError::<E>::from_body(&protocol, data) else {
        return;
    };
    assert!(!error.code().is_empty());
    let again = ServiceError::<E>::from_body(&protocol, &error.to_body(&protocol))
        .expect("a read error writes a readable body");
    assert_eq!(again.exception(), error.exception());
    assert_eq!(again.message(), error.message());
    let mut ours: Vec<_> = error.fields().collect();
    let mut theirs: Vec<_> = again.fields().collect();
    ours.sort_by_key(|(name, _)| *name);
    theirs.sort_by_key(|(name, _)| *name);
    assert_eq!(ours, theirs);
}

fuzz_target!(|data: &[u8]| {
    round_trip::<MembersException>(data);
    round_trip::<SuiteException>(data);
});
