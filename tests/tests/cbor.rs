//! Smithy RPC v2 CBOR (`rpc-v2-cbor`, the `cbor` feature): errors written
//! and read back, the headers a response carries, any valid CBOR read (as
//! RFC 8949 allows writing it), and hostile bodies refused with where,
//! never a panic, never a wrong result.

mod support;

use errtable::http::{SMITHY_PROTOCOL, X_AMZN_QUERY_ERROR};
use errtable::{BodyError, ErrorTable, Exception, Protocol, ServiceError, MAX_BODY_LEN};
use serde_json::json;

#[derive(ErrorTable)]
#[error_table(spec = "specs/members.json", protocol = "rpc-v2-cbor")]
pub struct Members;

#[derive(ErrorTable)]
#[error_table(spec = "specs/query_table.json", protocol = "rpc-v2-cbor")]
pub struct Monitoring;

fn read(body: &[u8]) -> Result<MembersError, BodyError> {
    MembersError::from_body(&Protocol::RpcV2Cbor, body)
}

/// The CBOR of a map with the given (text key, encoded value) entries, as
/// a definite map.
fn map(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = vec![0xa0 | u8::try_from(entries.len()).unwrap()];
    for (key, value) in entries {
        out.push(0x60 | u8::try_from(key.len()).unwrap());
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(value);
    }
    out
}

/// A short CBOR text string.
fn text(s: &str) -> Vec<u8> {
    let mut out = vec![0x60 | u8::try_from(s.len()).unwrap()];
    out.extend_from_slice(s.as_bytes());
    out
}

#[test]
fn every_error_round_trips_with_its_members() {
    use MembersException::*;
    let errors = [
        MembersError::new(ThrottlingException, "Slow down")
            .with_field("retryAfterSeconds", 42)
            .with_field("quotaCode", "L-1234"),
        MembersError::new(ValidationException, "Bad input: \"ü\" 💥")
            .with_field("reason", "fieldValidationFailed")
            .with_field(
                "fieldList",
                json!([{"name": "maxResults", "line": 3, "seen": 1_700_000_000}]),
            )
            .with_field("deadline", 1_700_000_000)
            .with_field("strict", true)
            .with_field("limit", -7)
            .with_field("extra", json!({"nested": [1.5, null, "x"]}))
            // Parts of AWS JSON bodies are plain members in CBOR (found by
            // the cbor_body fuzz target).
            .with_field("type", 3)
            .with_field("Code", "c"),
        MembersError::new(NoSuchThing, ""),
        MembersError::new(MembersException::from_code("Brand.NewError"), "unknown"),
    ];
    for error in errors {
        let body = error.to_body(&Protocol::RpcV2Cbor);
        let back = read(&body).unwrap_or_else(|e| panic!("{error}: {e}"));
        assert_eq!(back.code(), error.code());
        assert_eq!(back.message(), error.message());
        let fields: Vec<_> = error.fields().collect();
        let back_fields: Vec<_> = back.fields().collect();
        assert_eq!(back_fields.len(), fields.len(), "{back:?}");
        for (name, value) in fields {
            assert_eq!(back.field(name), Some(value), "{name} of {error}");
        }
    }
}

#[test]
fn a_response_carries_the_protocols_headers() {
    let error = MembersError::new(MembersException::ThrottlingException, "Slow down")
        .with_field("retryAfterSeconds", 42);
    let response = error.to_http_response();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["content-type"], "application/cbor");
    assert_eq!(response.headers()[SMITHY_PROTOCOL], "rpc-v2-cbor");
    assert!(response.headers().contains_key("x-amzn-requestid"));
    // CBOR binds no member to a header: it travels in the body.
    assert!(!response.headers().contains_key("retry-after"));
    let back =
        MembersError::from_http_parts(response.status(), response.headers(), response.body())
            .unwrap();
    assert_eq!(back.field("retryAfterSeconds"), Some(&json!(42)));
    assert_eq!(
        back.request_id(),
        response.headers()["x-amzn-requestid"].to_str().ok()
    );
    // Query-compatible services say the query code, as in JSON.
    let throttled = MonitoringError::new(MonitoringException::ThrottledException, "Rate");
    let response = throttled.to_http_response();
    assert_eq!(response.headers()[X_AMZN_QUERY_ERROR], "Throttling;Sender");
    assert_eq!(response.status(), 400);
    // Without a `Content-Type`, `smithy-protocol` says it is CBOR.
    let mut headers = response.headers().clone();
    headers.remove("content-type");
    let back =
        MonitoringError::from_http_parts(response.status(), &headers, response.body()).unwrap();
    assert_eq!(back.exception(), &MonitoringException::ThrottledException);
}

#[test]
fn any_valid_cbor_reads() {
    // An indefinite map, an indefinite text in two chunks, a length in
    // more bytes than it needs (0x79 0x00 0x07), and an indefinite array.
    let mut body = vec![0xbf];
    body.extend(text("__type"));
    body.extend([0x7f, 0x65]);
    body.extend(b"NoSuc");
    body.extend([0x66]);
    body.extend(b"hThing");
    body.push(0xff);
    body.extend([0x79, 0x00, 0x07]);
    body.extend(b"message");
    body.extend([0x7a, 0x00, 0x00, 0x00, 0x02]);
    body.extend(b"hi");
    body.extend(text("list"));
    body.extend([0x9f, 0x01, 0x38, 0x63, 0xf9, 0x3c, 0x00, 0xff]);
    body.extend(text("when"));
    body.extend([0xc1, 0x1a, 0x65, 0x53, 0xf1, 0x00]);
    body.extend(text("blob"));
    body.extend([0x43, b'f', b'o', b'o']);
    body.extend(text("nan"));
    body.extend([0xfb, 0x7f, 0xf8, 0, 0, 0, 0, 0, 0]);
    body.push(0xff);
    let error = read(&body).unwrap();
    assert_eq!(error.exception(), &MembersException::NoSuchThing);
    assert_eq!(error.message(), "hi");
    assert_eq!(error.field("list"), Some(&json!([1, -100, 1.0])));
    assert_eq!(error.field("when"), Some(&json!(1_700_000_000)));
    assert_eq!(error.field("blob"), Some(&json!("Zm9v")));
    assert_eq!(error.field("nan"), Some(&json!("NaN")));
    // A message that is not text is ignored, not kept as a member (found
    // by the cbor_body fuzz target).
    let body = map(&[("__type", &text("NoSuchThing")), ("message", &[0xa0])]);
    let error = read(&body).unwrap();
    assert_eq!((error.message(), error.fields().count()), ("", 0));
    // A namespaced `__type`, as Smithy's services send it.
    let body = map(&[
        ("__type", &text("com.example#NoSuchThing")),
        ("Message", &text("m")),
    ]);
    let error = read(&body).unwrap();
    assert_eq!(error.exception(), &MembersException::NoSuchThing);
    assert_eq!(error.message(), "m");
}

#[test]
fn hostile_bodies_are_refused_with_where() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("not a map", text("NoSuchThing")),
        (
            "an unterminated indefinite map",
            [&[0xbf][..], &text("__type"), &text("X")].concat(),
        ),
        (
            "an unterminated indefinite text",
            [&[0xa1][..], &text("__type"), &[0x7f, 0x61, b'X']].concat(),
        ),
        (
            "an unterminated indefinite array",
            [
                &[0xa2][..],
                &text("__type"),
                &text("X"),
                &text("a"),
                &[0x9f, 0x01],
            ]
            .concat(),
        ),
        (
            "a break in a definite array",
            [
                &[0xa2][..],
                &text("__type"),
                &text("X"),
                &text("a"),
                &[0x82, 0x01, 0xff],
            ]
            .concat(),
        ),
        (
            "a key without a value",
            [
                &[0xbf][..],
                &text("__type"),
                &text("X"),
                &text("a"),
                &[0xff],
            ]
            .concat(),
        ),
        (
            "a definite chunk kind mixed in an indefinite text",
            [&[0xa1][..], &text("__type"), &[0x7f, 0x41, b'X', 0xff]].concat(),
        ),
        (
            "a map longer than the body",
            [
                &[0xbb, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff][..],
                &text("__type"),
                &text("X"),
            ]
            .concat(),
        ),
        (
            "a text longer than the body",
            [
                &[0xa1][..],
                &text("__type"),
                &[0x7b, 0, 0, 0, 1, 0, 0, 0, 0],
                b"X",
            ]
            .concat(),
        ),
        (
            "bytes longer than the body",
            [
                &[0xa2][..],
                &text("__type"),
                &text("X"),
                &text("b"),
                &[0x5a, 0xff, 0xff, 0xff, 0xff],
            ]
            .concat(),
        ),
        (
            "a bignum tag",
            [
                &[0xa2][..],
                &text("__type"),
                &text("X"),
                &text("n"),
                &[0xc2, 0x49, 1, 0, 0, 0, 0, 0, 0, 0, 0],
            ]
            .concat(),
        ),
        (
            "a tag but 1",
            [
                &[0xa2][..],
                &text("__type"),
                &text("X"),
                &text("n"),
                &[0xc0],
                &text("2024-01-01"),
            ]
            .concat(),
        ),
        (
            "tag 1 of text",
            [
                &[0xa2][..],
                &text("__type"),
                &text("X"),
                &text("n"),
                &[0xc1],
                &text("2024-01-01"),
            ]
            .concat(),
        ),
        (
            "an integer below -2^64+1",
            [
                &[0xa2][..],
                &text("__type"),
                &text("X"),
                &text("n"),
                &[0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
            ]
            .concat(),
        ),
        (
            "invalid UTF-8 text",
            [&[0xa1][..], &text("__type"), &[0x62, 0xc3, 0x28]].concat(),
        ),
        (
            "invalid UTF-8 in a key",
            [&[0xa1][..], &[0x62, 0xff, 0xfe], &text("X")].concat(),
        ),
        (
            "a key that is not text",
            [&[0xa1, 0x01][..], &text("X")].concat(),
        ),
        (
            "a key given twice",
            map(&[("__type", &text("X")), ("__type", &text("Y"))]),
        ),
        ("`__type` that is not text", map(&[("__type", &[0x01])])),
        (
            "bytes after the map",
            [map(&[("__type", &text("X"))]), vec![0x00]].concat(),
        ),
        (
            "a simple value",
            map(&[("__type", &text("X")), ("s", &[0xf0])]),
        ),
        (
            "a truncated float",
            map(&[("__type", &text("X")), ("f", &[0xfb, 0x00])]),
        ),
        (
            "a truncated half float",
            [
                &[0xa2][..],
                &text("__type"),
                &text("X"),
                &text("f"),
                &[0xf9, 0x3c],
            ]
            .concat(),
        ),
        (
            "a reserved additional info",
            map(&[("__type", &text("X")), ("r", &[0x1c])]),
        ),
    ];
    for (what, body) in cases {
        match read(&body) {
            Err(BodyError::InvalidCbor(err)) => {
                assert!(err.offset() <= body.len(), "{what}: {err}");
                assert!(!err.to_string().is_empty(), "{what}");
            }
            other => panic!("{what}: {other:?}"),
        }
    }
    // A body that names no code is that, not invalid.
    assert!(matches!(
        read(&map(&[("message", &text("m"))])),
        Err(BodyError::NoCode)
    ));
}

#[test]
fn deep_nesting_is_bounded() {
    for depth in [17, 1_000, 100_000] {
        for open in [0x81_u8, 0x9f, 0xa1] {
            let mut body = map(&[("__type", &text("X"))]);
            body[0] = 0xa2;
            body.extend(text("deep"));
            for _ in 0..depth {
                body.push(open);
                if open == 0xa1 {
                    body.extend(text("k"));
                }
            }
            body.push(0x00);
            assert!(
                matches!(read(&body), Err(BodyError::InvalidCbor(_))),
                "{depth} deep"
            );
        }
    }
    // As deep as the cap allows reads.
    let mut body = vec![0xa2];
    body.extend(text("__type"));
    body.extend(text("X"));
    body.extend(text("deep"));
    body.extend(std::iter::repeat_n(0x81, 14));
    body.push(0x00);
    assert!(read(&body).is_ok());
}

#[test]
fn values_as_deep_as_the_reader_takes_round_trip() {
    // Read at every depth up to the deepest the reader takes (the top map
    // is 1 deep, a member's value 2), written back and read again: the
    // same (the writer once wrote the deepest as JSON text; found by the
    // cbor_body fuzz target).
    for arrays in 1..=15 {
        let mut body = vec![0xa2];
        body.extend(text("__type"));
        body.extend(text("NoSuchThing"));
        body.extend(text("deep"));
        body.extend(std::iter::repeat_n(0x81, arrays));
        body.push(0x00);
        let back = read(&body).unwrap_or_else(|e| panic!("{arrays}: {e}"));
        let again = read(&back.to_body(&Protocol::RpcV2Cbor)).unwrap();
        assert_eq!(again.field("deep"), back.field("deep"), "{arrays} arrays");
    }
}

#[test]
fn the_body_size_limit_holds() {
    let mut body = vec![0xa2];
    body.extend(text("__type"));
    body.extend(text("X"));
    body.extend(text("m"));
    body.extend([0x5a]);
    body.extend(u32::try_from(MAX_BODY_LEN).unwrap().to_be_bytes());
    body.resize(body.len() + MAX_BODY_LEN, 0);
    assert!(matches!(read(&body), Err(BodyError::TooLarge(_))));
    let huge = ServiceError::new(MembersException::NoSuchThing, "m".repeat(MAX_BODY_LEN));
    let body = huge.to_body(&Protocol::RpcV2Cbor);
    assert!(matches!(read(&body), Err(BodyError::TooLarge(_))));
}

/// cbor2 (PyPI), a CBOR implementation nobody here wrote, decodes every
/// body errtable writes into the map the error is: `__type`, `message`,
/// the members (a timestamp under tag 1 as its instant).
#[test]
fn cbor2_decodes_every_body_errtable_writes() {
    if !support::python_has("cbor2") {
        return;
    }
    let mut errors: Vec<MembersError> = MembersException::ALL
        .iter()
        .map(|e| MembersError::new(e.clone(), format!("{e} happened: \"ü\" 💥")))
        .collect();
    errors.push(
        MembersError::new(MembersException::ValidationException, "")
            .with_field("deadline", 1_700_000_000)
            .with_field("fieldList", json!([{"name": "a", "line": 3}]))
            .with_field("limit", -7)
            .with_field("strict", false)
            .with_field("ratio", 0.25),
    );
    let bodies: Vec<String> = errors
        .iter()
        .map(|e| base64(&e.to_body(&Protocol::RpcV2Cbor)))
        .collect();
    let decoded = support::python_json("cbor2_decode.py", &[], &bodies);
    assert_eq!(decoded.len(), errors.len());
    for (error, got) in errors.iter().zip(&decoded) {
        let mut want = serde_json::Map::new();
        want.insert("__type".into(), json!(error.code()));
        if !error.message().is_empty() {
            want.insert("message".into(), json!(error.message()));
        }
        for (name, value) in error.fields() {
            want.insert(name.to_owned(), value.clone());
        }
        assert_eq!(got, &serde_json::Value::Object(want), "{error}");
    }
}

/// Bytes as base64, for the script's input.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for group in bytes.chunks(3) {
        let bits = group
            .iter()
            .enumerate()
            .fold(0u32, |bits, (at, &b)| bits | u32::from(b) << (16 - 8 * at));
        for at in 0..4 {
            out.push(if at <= group.len() {
                char::from(ALPHABET[(bits >> (18 - 6 * at)) as usize & 0x3f])
            } else {
                '='
            });
        }
    }
    out
}
