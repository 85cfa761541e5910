//! RFC 9457 problem details: `ServiceError::from_body` in the problem-json
//! protocol on any bytes never panics, and what it reads writes back and
//! reads again as the same error, extension members included (a number
//! that is not an integer comes back within a unit in the last place, as
//! serde_json parses floats without its `float_roundtrip` feature).
#![no_main]

use errtable::{ErrorTable, Protocol};
use libfuzzer_sys::fuzz_target;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md", protocol = "problem-json")]
pub struct Glacier;

fuzz_target!(|data: &[u8]| {
    let protocol = Protocol::ProblemJson { type_base: None };
    if let Ok(error) = GlacierError::from_body(&protocol, data) {
        assert!(!error.code().is_empty());
        let again = GlacierError::from_body(&protocol, &error.to_body(&protocol))
            .expect("read details write readable details");
        assert_eq!(again.code(), error.code());
        assert_eq!(again.message(), error.message());
        let names = |e: &GlacierError| e.fields().map(|(n, _)| n.to_owned()).collect::<Vec<_>>();
        assert_eq!(names(&again), names(&error));
        for ((_, a), (_, b)) in again.fields().zip(error.fields()) {
            assert!(same(a, b), "{a} != {b}");
        }
    }
});

/// Equal JSON values, floats within a few units in the last place.
fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) if x.is_finite() && y.is_finite() => {
                x == y || (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs())
            }
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((kx, vx), (ky, vy))| kx == ky && same(vx, vy))
        }
        _ => a == b,
    }
}
