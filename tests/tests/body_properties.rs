//! Bounded, seeded property tests of the error body and the HTTP parsers:
//! any message and any code round-trip exactly (`to_json`/`from_json`,
//! serde, `to_http_response`/`from_http_parts`), hostile bodies give an
//! `Err` or the lenient result documented on `ServiceError::from_json`,
//! mutated bodies read as an independent implementation of the documented
//! rules reads them (serde_json::Value), and random or mutated input never
//! panics. The same properties run
//! unbounded under cargo-fuzz (`fuzz/`, see RELIABILITY.md).

use errtable::http::{HttpError, X_AMZN_ERROR_TYPE, X_AMZN_REQUEST_ID};
use errtable::{BodyError, ErrorTable, ErrorType, Exception, MAX_BODY_LEN};
use http::header::{HeaderMap, HeaderValue, CONTENT_LENGTH};
use http::StatusCode;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;

use errtable_tests::rng::Rng;

/// Characters that stress a JSON writer and reader: quotes, backslashes,
/// every control character, separators JavaScript dislikes, the BOM,
/// non-characters, astral characters, combining marks.
fn nasty_char(rng: &mut Rng) -> char {
    match rng.below(6) {
        0 => char::from(rng.below(0x20) as u8),
        1 => *rng.pick(&[
            '"',
            '\\',
            '/',
            '\u{7f}',
            '\u{2028}',
            '\u{2029}',
            '\u{feff}',
            '\u{fffd}',
            '\u{ffff}',
            '\u{10ffff}',
            '\u{e000}',
            '\u{a0}',
            '\u{301}',
            '💥',
            'é',
            '日',
            '\'',
            '<',
            '&',
            '{',
            '}',
            '[',
            ']',
            ',',
            ':',
            '#',
        ]),
        2 => char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('x'),
        _ => char::from(b' ' + rng.below(95) as u8),
    }
}

fn text(rng: &mut Rng, max: usize) -> String {
    let len = rng.below(max + 1);
    (0..len).map(|_| nasty_char(rng)).collect()
}

/// Any code a peer can send that survives the clients' clean-up: not
/// empty, no `:` or `#` (clients cut there; see `clean_code`).
fn wire_code(rng: &mut Rng) -> String {
    loop {
        let code: String = text(rng, 24).replace([':', '#'], "");
        if !code.is_empty() {
            return code;
        }
    }
}

/// The longest request id or code `to_http_response` echoes into a header,
/// as its documentation says.
const MAX_HEADER_TEXT: usize = 256;

/// A known exception, or an unknown code as a peer would send it.
fn exception(rng: &mut Rng) -> GlacierException {
    if rng.below(3) == 0 {
        rng.pick(GlacierException::ALL).clone()
    } else {
        let error_type = *rng.pick(&[ErrorType::Client, ErrorType::Server, ErrorType::Unknown]);
        match GlacierException::from_code(&wire_code(rng)) {
            GlacierException::Unknown(code) => {
                GlacierException::Unknown(code.with_error_type(error_type))
            }
            known => known,
        }
    }
}

#[test]
fn any_message_and_code_round_trip_through_the_body_and_serde() {
    let mut rng = Rng(1);
    for _ in 0..5_000 {
        let error = GlacierError::new(exception(&mut rng), text(&mut rng, 64));
        let json = error.to_json();
        assert_eq!(json, serde_json::to_string(&error).unwrap());
        let mut written = Vec::new();
        error.write_json(&mut written);
        assert_eq!(written, json.as_bytes());

        assert_eq!(
            GlacierError::from_json(json.as_bytes()).unwrap(),
            error,
            "{json}"
        );
        assert_eq!(serde_json::from_str::<GlacierError>(&json).unwrap(), error);
        // An owning deserializer (no borrowed strings) reads the same.
        let value = serde_json::to_value(&error).unwrap();
        assert_eq!(
            serde_json::from_value::<GlacierError>(value).unwrap(),
            error
        );
        // So does serde_json's reader of a `std::io::Read`.
        let from_reader: GlacierError = serde_json::from_reader(json.as_bytes()).unwrap();
        assert_eq!(from_reader, error);
    }
}

#[test]
fn any_message_code_and_request_id_round_trip_over_http() {
    let mut rng = Rng(2);
    for _ in 0..3_000 {
        let mut error = GlacierError::new(exception(&mut rng), text(&mut rng, 64));
        // Request ids as a service might copy them from a request: fine,
        // empty, too long, with spaces, CR LF, non-ASCII.
        let id = match rng.below(4) {
            0 => None,
            1 => Some(
                (0..1 + rng.below(MAX_HEADER_TEXT))
                    .map(|_| char::from(b'!' + rng.below(94) as u8))
                    .collect::<String>(),
            ),
            2 => Some("a".repeat(MAX_HEADER_TEXT + 1 + rng.below(10))),
            _ => Some(text(&mut rng, 40)),
        };
        if let Some(id) = &id {
            error = error.with_request_id(id.clone());
        }
        let response = error.to_http_response();
        let status = response.status().as_u16();
        assert!((400..=599).contains(&status), "{status}");
        let headers = response.headers();
        let safe = |text: &str| {
            !text.is_empty()
                && text.len() <= MAX_HEADER_TEXT
                && text.bytes().all(|b| b.is_ascii_graphic())
        };
        let sent_id = headers[X_AMZN_REQUEST_ID].to_str().unwrap();
        match id.as_deref() {
            Some(id) if safe(id) => assert_eq!(sent_id, id),
            _ => {
                assert_eq!(sent_id.len(), 36, "a generated id, not {id:?}");
                assert!(sent_id.split('-').count() == 5);
            }
        }
        match headers.get(X_AMZN_ERROR_TYPE) {
            Some(code) => assert_eq!(code, error.code()),
            None => assert!(!safe(error.code()), "{:?}", error.code()),
        }
        assert_eq!(
            headers[CONTENT_LENGTH],
            response.body().len().to_string().as_str()
        );
        assert_eq!(response.body(), error.to_json().as_bytes());

        let received =
            GlacierError::from_http_parts(response.status(), response.headers(), response.body())
                .unwrap();
        assert_eq!(received.code(), error.code());
        assert_eq!(received.message(), error.message());
        assert_eq!(received.error_type(), error.error_type());
        assert_eq!(received.request_id(), Some(sent_id));
        if error.exception().is_known() {
            assert_eq!(received.exception(), error.exception());
        } else {
            // An unknown code keeps the status it arrived with.
            assert_eq!(received.status(), status);
        }
    }
}

#[test]
fn the_size_cap_is_exact_and_serde_reads_any_size() {
    // The body around a one-character message (an empty one is no member).
    let envelope = GlacierError::new(GlacierException::BadRequest, "m")
        .to_json()
        .len()
        - 1;
    let fits = GlacierError::new(
        GlacierException::BadRequest,
        "m".repeat(MAX_BODY_LEN - envelope),
    );
    let json = fits.to_json();
    assert_eq!(json.len(), MAX_BODY_LEN);
    assert_eq!(GlacierError::from_json(json.as_bytes()).unwrap(), fits);
    let response = fits.to_http_response();
    assert_eq!(
        GlacierError::from_http_parts(response.status(), response.headers(), response.body())
            .unwrap()
            .message(),
        fits.message()
    );

    let over = GlacierError::new(
        GlacierException::BadRequest,
        "m".repeat(MAX_BODY_LEN - envelope + 1),
    );
    assert!(matches!(
        GlacierError::from_json(over.to_json().as_bytes()),
        Err(BodyError::TooLarge(err)) if err.body_len() == MAX_BODY_LEN + 1
    ));
    let response = over.to_http_response();
    assert!(matches!(
        GlacierError::from_http_parts(response.status(), response.headers(), response.body()),
        Err(HttpError::TooLarge(_))
    ));

    // 1 MiB messages, plain and all control characters (6 MiB escaped):
    // serde has no cap and reads them back exactly.
    for message in ["m".repeat(1 << 20), "\u{1}".repeat(1 << 20)] {
        let error = GlacierError::new(GlacierException::BadRequest, message);
        let json = serde_json::to_string(&error).unwrap();
        assert_eq!(json, error.to_json());
        assert_eq!(serde_json::from_str::<GlacierError>(&json).unwrap(), error);
    }
}

/// What reading a body gave: `(code, message)`, or the error's text.
type Read = Result<(String, String), String>;

/// What reading a hostile body gives: an error, or the documented lenient
/// result `(code, message)`.
fn read(body: &[u8]) -> Read {
    GlacierError::from_json(body)
        .map(|e| (e.code().to_owned(), e.message().to_owned()))
        .map_err(|e| e.to_string())
}

#[test]
fn hostile_bodies_give_err_or_the_documented_lenient_result() {
    let deep = |depth: usize| "[".repeat(depth) + &"]".repeat(depth);
    let deep_ignored = |depth: usize| format!("{{\"code\":\"X\",\"x\":{}}}", deep(depth));
    let refused: Vec<(&str, Vec<u8>)> = vec![
        ("nested 10,000 deep", deep(10_000).into_bytes()),
        (
            "a code nested 10,000 deep",
            format!(
                "{}{{\"code\":\"X\"}}{}",
                "[".repeat(10_000),
                "]".repeat(10_000)
            )
            .into_bytes(),
        ),
        (
            "a huge number as the code",
            br#"{"code":123456789012345678901234567890}"#.to_vec(),
        ),
        (
            "a huge number as the message",
            br#"{"code":"X","message":1e999999}"#.to_vec(),
        ),
        ("code twice", br#"{"code":"A","code":"B"}"#.to_vec()),
        (
            "message twice",
            br#"{"code":"A","message":"1","message":"2"}"#.to_vec(),
        ),
        (
            "type twice",
            br#"{"code":"A","type":"Client","type":"Client"}"#.to_vec(),
        ),
        ("code as a number", br#"{"code":1}"#.to_vec()),
        ("code as an object", br#"{"code":{"x":"y"}}"#.to_vec()),
        (
            "message as null",
            br#"{"code":"X","message":null}"#.to_vec(),
        ),
        (
            "message as an array",
            br#"{"code":"X","message":["m"]}"#.to_vec(),
        ),
        (
            "type in lower case",
            br#"{"code":"X","type":"client"}"#.to_vec(),
        ),
        ("type as null", br#"{"code":"X","type":null}"#.to_vec()),
        ("an array", br#"[{"code":"X"}]"#.to_vec()),
        ("a string", br#""X""#.to_vec()),
        ("empty", b"".to_vec()),
        ("whitespace", b" \n".to_vec()),
        ("a BOM first", b"\xef\xbb\xbf{\"code\":\"X\"}".to_vec()),
        ("trailing text", br#"{"code":"X"} x"#.to_vec()),
        ("two objects", br#"{"code":"X"}{"code":"Y"}"#.to_vec()),
        (
            "invalid UTF-8 in the message",
            b"{\"code\":\"X\",\"message\":\"\xff\"}".to_vec(),
        ),
        (
            "invalid UTF-8 in the code",
            b"{\"code\":\"\xc3\x28\"}".to_vec(),
        ),
        (
            "invalid UTF-8 in a key",
            b"{\"code\":\"X\",\"\xff\":1}".to_vec(),
        ),
        (
            "invalid UTF-8 outside strings",
            b"{\"code\":\"X\"\xff}".to_vec(),
        ),
        (
            "UTF-16",
            b"{\0\"\0c\0o\0d\0e\0\"\0:\0\"\0X\0\"\0}\0".to_vec(),
        ),
        (
            "a lone high surrogate",
            br#"{"code":"X","message":"\ud800"}"#.to_vec(),
        ),
        (
            "a lone low surrogate",
            br#"{"code":"X","message":"\udc00"}"#.to_vec(),
        ),
        (
            "a reversed pair",
            br#"{"code":"X","message":"\udca5\ud83d"}"#.to_vec(),
        ),
        ("a surrogate in the code", br#"{"code":"\ud800X"}"#.to_vec()),
        (
            "a raw control character",
            b"{\"code\":\"X\",\"message\":\"a\x01b\"}".to_vec(),
        ),
        ("an empty code", br#"{"code":""}"#.to_vec()),
        (
            "a code that cleans to nothing",
            br#"{"__type":"ns#"}"#.to_vec(),
        ),
        ("no code", br#"{"message":"m"}"#.to_vec()),
        ("NaN", br#"{"code":"X","n":NaN}"#.to_vec()),
        ("a leading zero", br#"{"code":"X","n":01}"#.to_vec()),
        ("a single quote", br#"{'code':'X'}"#.to_vec()),
        ("a comment", b"{\"code\":\"X\" /* c */}".to_vec()),
        ("a trailing comma", br#"{"code":"X",}"#.to_vec()),
        // Other keys become extra fields, read as any JSON value.
        (
            "10,000 deep under another key",
            deep_ignored(10_000).into_bytes(),
        ),
        (
            "500,000 deep under another key",
            deep_ignored(500_000).into_bytes(),
        ),
        (
            "a huge number under another key",
            br#"{"code":"X","n":1e999999}"#.to_vec(),
        ),
        (
            "invalid UTF-8 under another key",
            b"{\"code\":\"X\",\"a\":\"\xff\xfe\"}".to_vec(),
        ),
        (
            "a lone surrogate under another key",
            br#"{"code":"X","a":"\ud800"}"#.to_vec(),
        ),
    ];
    for (what, body) in &refused {
        assert!(read(body).is_err(), "{what}: {:?}", read(body));
    }

    let x = |message: &str| Ok(("X".to_owned(), message.to_owned()));
    let lenient: Vec<(&str, Vec<u8>, Read)> = vec![
        (
            "a 100-digit integer under another key",
            format!("{{\"code\":\"X\",\"n\":{}}}", "9".repeat(100)).into_bytes(),
            x(""),
        ),
        (
            "another key twice",
            br#"{"code":"X","a":1,"a":2}"#.to_vec(),
            x(""),
        ),
        (
            "code, Code and __type",
            br#"{"__type":"Z","Code":"Y","code":"X"}"#.to_vec(),
            x(""),
        ),
        (
            "message, Message and errorMessage",
            br#"{"code":"X","errorMessage":"3","Message":"2","message":"1"}"#.to_vec(),
            x("1"),
        ),
        (
            "whitespace around",
            b" \r\n\t{\"code\":\"X\"}\n ".to_vec(),
            x(""),
        ),
        (
            "a NUL escape in the message",
            br#"{"code":"X","message":"a\u0000b"}"#.to_vec(),
            x("a\0b"),
        ),
        (
            "a surrogate pair",
            br#"{"code":"X","message":"\ud83d\udca5"}"#.to_vec(),
            x("💥"),
        ),
        (
            "spaces around the code",
            br#"{"code":" X "}"#.to_vec(),
            Ok((" X ".to_owned(), String::new())),
        ),
        (
            "a decorated code",
            br#"{"__type":"a.b#X:http://c"}"#.to_vec(),
            x(""),
        ),
    ];
    for (what, body, expected) in lenient {
        assert_eq!(read(&body), expected, "{what}");
    }
    // The exact limit: 1 MiB is read, one byte more is not.
    let mut padded = br#"{"code":"X"}"#.to_vec();
    padded.resize(MAX_BODY_LEN, b' ');
    assert_eq!(read(&padded), x(""));
    padded.push(b' ');
    assert!(matches!(
        GlacierError::from_json(&padded),
        Err(BodyError::TooLarge(_))
    ));
}

#[test]
fn every_truncation_of_a_body_is_an_error() {
    let bodies = [
        r#"{"code":"ResourceNotFoundException","message":"Vault \"v\" not found \u00e9 \ud83d\udca5","type":"Client"}"#,
        r#"{"__type":"com.amazon#ThrottlingException","Message":"slow","extra":[1,2.5e3,{"a":null,"b":true}]}"#,
    ];
    for body in bodies {
        assert!(read(body.as_bytes()).is_ok());
        for end in 0..body.len() {
            let cut = &body.as_bytes()[..end];
            assert!(read(cut).is_err(), "{:?}", String::from_utf8_lossy(cut));
        }
    }
}

/// A valid body with random damage: bytes flipped, removed, duplicated,
/// JSON punctuation inserted.
fn mutate(rng: &mut Rng, body: &[u8]) -> Vec<u8> {
    let mut out = body.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(5) {
            0 if at < out.len() => out[at] = rng.next_u64() as u8,
            1 if at < out.len() => {
                let end = (at + rng.below(8)).min(out.len());
                out.drain(at..end);
            }
            2 => {
                let pieces: [&[u8]; 14] = [
                    b"\"",
                    b"\\",
                    b"{",
                    b"}",
                    b"[",
                    b"]",
                    b",",
                    b":",
                    b"\\u",
                    b"\\ud800",
                    b"\xff",
                    b"null",
                    b"\"code\":\"X\",",
                    b"1e999",
                ];
                let piece = *rng.pick(&pieces);
                out.splice(at..at, piece.iter().copied());
            }
            _ => {
                let end = (at + rng.below(16)).min(out.len());
                let copy = out[at..end].to_vec();
                out.splice(at..at, copy);
            }
        }
    }
    out
}

/// A body as the documented rules of `ServiceError::from_json` read it,
/// implemented independently of errtable's reader: serde_json::Value for
/// the content, a serde_derive struct to find read keys given twice.
#[derive(Debug)]
struct ByTheRules {
    code: String,
    message: String,
    known: bool,
    error_type: ErrorType,
}

#[derive(Debug)]
enum Refusal {
    /// serde_json::Value refuses the document.
    Value,
    /// The rules refuse it.
    Rules,
}

/// The keys errtable reads; serde_derive refuses one given twice.
#[derive(serde::Deserialize)]
#[allow(dead_code, non_snake_case)]
struct ReadKeys {
    code: Option<serde::de::IgnoredAny>,
    Code: Option<serde::de::IgnoredAny>,
    __type: Option<serde::de::IgnoredAny>,
    message: Option<serde::de::IgnoredAny>,
    Message: Option<serde::de::IgnoredAny>,
    errorMessage: Option<serde::de::IgnoredAny>,
    #[serde(rename = "type")]
    error_type: Option<serde::de::IgnoredAny>,
}

fn by_the_rules(body: &[u8]) -> Result<ByTheRules, Refusal> {
    if body.len() > MAX_BODY_LEN {
        return Err(Refusal::Rules);
    }
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|_| Refusal::Value)?;
    let object = value.as_object().ok_or(Refusal::Rules)?;
    serde_json::from_slice::<ReadKeys>(body).map_err(|_| Refusal::Rules)?;
    // Every key that is read must hold a string, whether it is used or not.
    let text = |key: &str| string_at(object, key);
    let codes = [text("code")?, text("Code")?, text("__type")?];
    let messages = [text("message")?, text("Message")?, text("errorMessage")?];
    let error_type = match text("type")? {
        None => None,
        Some(name) => Some(name.parse::<ErrorType>().map_err(|_| Refusal::Rules)?),
    };
    let raw = codes.into_iter().flatten().next().ok_or(Refusal::Rules)?;
    // As botocore cleans it: up to the first `:`, after the last `#`.
    let code = raw.split(':').next().unwrap_or("");
    let code = code.rsplit('#').next().unwrap_or("");
    if code.is_empty() {
        return Err(Refusal::Rules);
    }
    let row = GlacierException::ALL.iter().find(|e| e.code() == code);
    let message = messages.into_iter().flatten().next().unwrap_or("");
    Ok(ByTheRules {
        code: code.to_owned(),
        message: message.to_owned(),
        known: row.is_some(),
        error_type: match row {
            Some(row) => row.error_type(),
            None => error_type.unwrap_or(ErrorType::Unknown),
        },
    })
}

fn string_at<'a>(
    object: &'a serde_json::Map<String, serde_json::Value>,
    key: &str,
) -> Result<Option<&'a str>, Refusal> {
    match object.get(key) {
        None => Ok(None),
        Some(serde_json::Value::String(text)) => Ok(Some(text.as_str())),
        Some(_) => Err(Refusal::Rules),
    }
}

/// What from_json documents as skipped unchecked inside keys it does not
/// read, and serde_json::Value refuses: lone surrogates, invalid UTF-8,
/// numbers beyond `f64`, nesting past serde_json's limit.
fn has_lenient_content(body: &[u8]) -> bool {
    let text = String::from_utf8_lossy(body);
    std::str::from_utf8(body).is_err()
        || text.contains("\\ud")
        || text.contains("\\uD")
        || text.contains("1e999")
        || text.matches(['[', '{']).count() > 100
}

#[test]
fn mutated_bodies_and_responses_never_panic_and_stay_consistent() {
    let mut rng = Rng(3);
    let seeds = [
        br#"{"code":"ResourceNotFoundException","message":"m","type":"Client"}"#.as_slice(),
        br#"{"__type":"ns#BrandNewException:url","Message":"\"q\" \\ \u0001","x":[{"y":1}]}"#,
        br#"{"Code":"ThrottlingException","errorMessage":"slow","type":"Server"}"#,
    ];
    let statuses = [200, 301, 400, 403, 404, 408, 500, 503, 599];
    let (mut ok, mut refused) = (0, 0);
    for _ in 0..20_000 {
        let seed = *rng.pick(&seeds);
        let body = mutate(&mut rng, seed);
        let parsed = GlacierError::from_json(&body);
        match (&parsed, by_the_rules(&body)) {
            (Ok(error), Ok(rules)) => assert_eq!(
                (
                    error.code(),
                    error.message(),
                    error.exception().is_known(),
                    error.error_type()
                ),
                (
                    rules.code.as_str(),
                    rules.message.as_str(),
                    rules.known,
                    rules.error_type
                ),
                "{:?}",
                String::from_utf8_lossy(&body)
            ),
            (Err(_), Err(_)) => {}
            // serde_json::Value refuses what errtable skips unchecked in the
            // values of keys it does not read, as from_json documents.
            (Ok(_), Err(Refusal::Value)) => assert!(
                has_lenient_content(&body),
                "{:?}",
                String::from_utf8_lossy(&body)
            ),
            (a, b) => panic!(
                "{:?}: from_json {a:?}, the rules {b:?}",
                String::from_utf8_lossy(&body)
            ),
        }
        if let Ok(error) = &parsed {
            ok += 1;
            let again = GlacierError::from_json(error.to_json().as_bytes()).unwrap();
            assert_eq!(
                (again.code(), again.message()),
                (error.code(), error.message())
            );
        } else {
            refused += 1;
        }

        let mut headers = HeaderMap::new();
        if rng.below(2) == 0 {
            let code =
                String::from_utf8_lossy(&mutate(&mut rng, b"ThrottlingException")).into_owned();
            if let Ok(value) = HeaderValue::from_str(&code) {
                headers.insert(X_AMZN_ERROR_TYPE, value);
            }
        }
        let status = StatusCode::from_u16(*rng.pick(&statuses)).unwrap();
        match GlacierError::from_http_parts(status, &headers, &body) {
            Ok(error) => {
                let response = error.to_http_response();
                let back = GlacierError::from_http_parts(
                    response.status(),
                    response.headers(),
                    response.body(),
                )
                .unwrap();
                assert_eq!(
                    (back.code(), back.message()),
                    (error.code(), error.message())
                );
            }
            Err(HttpError::NotAnError(got)) => assert!(got.as_u16() < 300),
            Err(HttpError::Unidentified { status: got, .. }) => assert_eq!(got, status),
            Err(other) => panic!("{other:?}"),
        }
    }
    // The mutations reach both outcomes, so both branches were checked.
    assert!(
        ok > 1_000 && refused > 1_000,
        "{ok} read, {refused} refused"
    );
}

#[test]
fn hostile_headers_are_ignored_or_read_as_text() {
    let body = br#"{"code":"BadRequest","message":"from the body"}"#;
    let parse = |name: &str, value: &[u8]| {
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_bytes(value).unwrap(),
        );
        GlacierError::from_http_parts(StatusCode::BAD_REQUEST, &headers, body).unwrap()
    };
    // Not UTF-8 (obs-text), blank, or nothing left after clean-up: the
    // header is ignored and the body names the code.
    for value in [&b"\xffCode"[..], b"   ", b"ns#", b":x"] {
        assert_eq!(parse("x-amzn-errortype", value).code(), "BadRequest");
    }
    // UTF-8 bytes in a header are read as text; spaces around are trimmed.
    assert_eq!(
        parse("x-amzn-errortype", "Überfüllt".as_bytes()).code(),
        "Überfüllt"
    );
    assert_eq!(
        parse("x-amzn-errortype", b"  Throttling  ").code(),
        "Throttling"
    );
    // A request id that is not UTF-8 is dropped; a long one is kept as
    // received, and not sent on unchecked.
    assert_eq!(parse("x-amzn-requestid", b"\xff\xfe").request_id(), None);
    let long = parse("x-amzn-requestid", "r".repeat(1000).as_bytes());
    assert_eq!(long.request_id().map(str::len), Some(1000));
    let sent = long.to_http_response();
    assert_eq!(sent.headers()[X_AMZN_REQUEST_ID].len(), 36);
}
