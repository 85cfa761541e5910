//! Error bodies: `ServiceError::from_json` on any bytes never panics, and
//! what it reads writes back and reads again as the same error. Also
//! `to_json` against serde_json for any message and code.
#![no_main]

use errtable::{ErrorTable, ServiceError, UnknownCode};
use libfuzzer_sys::fuzz_target;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;

fuzz_target!(|data: &[u8]| {
    let parsed = GlacierError::from_json(data);
    if data.len() > errtable::MAX_BODY_LEN {
        assert!(matches!(parsed, Err(errtable::BodyError::TooLarge(_))));
    }
    if let Ok(error) = &parsed {
        assert!(!error.code().is_empty());
        let again = GlacierError::from_json(error.to_json().as_bytes());
        let again = again.expect("a parsed error writes a readable body");
        assert_eq!(again.code(), error.code());
        assert_eq!(again.message(), error.message());
        assert_eq!(again.error_type(), error.error_type());
    }

    // Any text as a message and as an unknown code: our writer and
    // serde_json's write the same bytes.
    let text = String::from_utf8_lossy(data);
    let chars = usize::from(data.first().copied().unwrap_or(0) % 32);
    let cut = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(at, _)| at);
    let (code, message) = text.split_at(cut);
    let exception = GlacierException::Unknown(UnknownCode::new(code));
    let error: ServiceError<GlacierException> = ServiceError::new(exception, message);
    assert_eq!(error.to_json(), serde_json::to_string(&error).unwrap());
    let back = GlacierError::from_json(error.to_json().as_bytes());
    if !code.is_empty()
        && !code.contains([':', '#'])
        && error.to_json().len() <= errtable::MAX_BODY_LEN
    {
        let back = back.expect("any code and message round-trip");
        assert_eq!(back.code(), code);
        assert_eq!(back.message(), message);
    }
});
