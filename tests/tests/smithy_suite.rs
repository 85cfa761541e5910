//! Smithy's protocol compliance cases for error responses, both ways
//! (tests/specs/smithy-suite, converted from Smithy's IDL by
//! tests/smithy/convert.py). Each protocol's test service is derived from
//! its model, as a service author would derive theirs, and each case is:
//!
//! - **read** as a client reads it: the response's status, headers and
//!   body become the case's error, with its message and members, and the
//!   code a client reports (`vendorParams.code`: the query code of a
//!   query-compatible service);
//! - **written** as a server writes it, unless it applies to clients only:
//!   the case's error, made from its params, gives the case's status, each
//!   of its headers with exactly its value (others are allowed), and an
//!   equivalent body.
//!
//! "Equivalent", as Smithy's own runners compare: whitespace, `xmlns`, the
//! request id (the case's is `foo-id`) and the namespace of `__type` do
//! not count. Two more differences are errtable's, and listed in
//! RELIABILITY.md: a REST-JSON body also carries errtable's `code` and
//! `type` (the seed's body shape, which AWS's clients ignore), and JSON
//! bodies spell the message member `message` (clients read `message` and
//! `Message` alike).

mod support;

use errtable::http::HttpError;
use errtable::{ErrorTable, Exception, ServiceError};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::{Map, Value};

#[derive(ErrorTable)]
#[error_table(spec = "specs/smithy-suite/restJson1_errors.json")]
pub struct RestJson1;

#[derive(ErrorTable)]
#[error_table(spec = "specs/smithy-suite/awsJson1_0_errors.json")]
pub struct AwsJson10;

#[derive(ErrorTable)]
#[error_table(spec = "specs/smithy-suite/awsJson1_1_errors.json")]
pub struct AwsJson11;

#[derive(ErrorTable)]
#[error_table(spec = "specs/smithy-suite/awsJson1_0_query-compatible.json")]
pub struct QueryCompatibleJson10;

#[derive(ErrorTable)]
#[error_table(spec = "specs/smithy-suite/restXml_errors.json")]
pub struct RestXml;

#[derive(ErrorTable)]
#[error_table(spec = "specs/smithy-suite/awsQuery_xml-errors.json")]
pub struct AwsQuery;

#[derive(ErrorTable)]
#[error_table(spec = "specs/smithy-suite/ec2Query_xml-errors.json")]
pub struct Ec2Query;

#[derive(ErrorTable)]
#[error_table(spec = "specs/smithy-suite/rpcv2Cbor_errors.json")]
pub struct RpcV2Cbor;

#[derive(ErrorTable)]
#[error_table(spec = "specs/smithy-suite/rpcv2Cbor_query-compatible.json")]
pub struct QueryCompatibleRpcV2Cbor;

/// The cases a server cannot write as they stand, and why: their bodies
/// hold what their params do not give and their shapes do not model, so
/// no server writes it (RELIABILITY.md). Clients still read them.
const SERVERS_CANNOT_WRITE: [(&str, &str); 3] = [
    (
        "restXml_errors InvalidGreetingError",
        "<AnotherSetting>, which InvalidGreeting has no member for",
    ),
    (
        "restXml_errors ComplexError",
        "<Message>Hi</Message>, which ComplexError has no member for",
    ),
    (
        "ec2Query_xml-errors Ec2ComplexError",
        "<Message>Hi</Message>, which ComplexError has no member for",
    ),
];

/// One `@httpResponseTests` case.
struct Case {
    id: String,
    shape: String,
    client_only: bool,
    params: Map<String, Value>,
    status: u16,
    headers: Vec<(String, String)>,
    /// The body's bytes (CBOR's are given in base64).
    body: Vec<u8>,
    media_type: String,
    /// The code a client reports, where it is not the shape's name.
    reported_code: Option<String>,
}

fn cases(stem: &str) -> Vec<Case> {
    let path = format!(
        "{}/specs/smithy-suite/{stem}.cases.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let cases: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert!(!cases.is_empty(), "{path} has no cases");
    cases
        .into_iter()
        .map(|case| {
            let text = |key: &str| case[key].as_str().unwrap_or_default().to_owned();
            Case {
                id: text("id"),
                shape: text("shape_name"),
                client_only: case["appliesTo"] == "client",
                params: case["params"].as_object().cloned().unwrap_or_default(),
                status: u16::try_from(case["code"].as_u64().unwrap()).unwrap(),
                headers: case["headers"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(name, value)| (name.clone(), value.as_str().unwrap().to_owned()))
                    .collect(),
                body: match case["bodyMediaType"].as_str() {
                    Some("application/cbor") => base64_decode(&text("body")),
                    _ => text("body").into_bytes(),
                },
                media_type: text("bodyMediaType"),
                reported_code: case["vendorParams"]["code"].as_str().map(str::to_owned),
            }
        })
        .collect()
}

/// The message among a case's params, and the other params: the error's
/// members.
fn message_and_members(params: &Map<String, Value>) -> (String, Map<String, Value>) {
    let mut members = params.clone();
    let message = members
        .remove("message")
        .or_else(|| members.remove("Message"))
        .and_then(|m| m.as_str().map(str::to_owned))
        .unwrap_or_default();
    (message, members)
}

/// Runs every case of `stem` against the table of `E`; returns what
/// failed, one line per problem.
fn run<E: Exception>(stem: &str) -> Vec<String> {
    let mut failures = Vec::new();
    for case in cases(stem) {
        let expected = E::from_code(&case.shape);
        assert!(
            expected.is_known(),
            "{}: the table has no row for {}",
            case.id,
            case.shape
        );
        let (message, members) = message_and_members(&case.params);
        let mut fail = |what: String| failures.push(format!("{stem} {}: {what}", case.id));

        // The client's side.
        let mut headers = HeaderMap::new();
        for (name, value) in &case.headers {
            headers.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        let status = StatusCode::from_u16(case.status).unwrap();
        match ServiceError::<E>::from_http_parts(status, &headers, &case.body) {
            Ok(read) => {
                if read.exception() != &expected {
                    fail(format!("read as {}, not {}", read.code(), case.shape));
                }
                let reported = read.exception().query_code().unwrap_or(read.code());
                let want = case.reported_code.as_deref().unwrap_or(&case.shape);
                if reported != want {
                    fail(format!("a client reports {reported}, not {want}"));
                }
                let modelled =
                    case.params.contains_key("message") || case.params.contains_key("Message");
                if modelled && read.message() != message {
                    fail(format!("message {:?}, not {message:?}", read.message()));
                }
                for (name, value) in &members {
                    if read.field(name) != Some(value) {
                        fail(format!("member {name} read as {:?}", read.field(name)));
                    }
                }
                if read.received_status() != Some(case.status) {
                    fail(format!("received status {:?}", read.received_status()));
                }
            }
            Err(err) => fail(format!("not read: {err}")),
        }
        let name = format!("{stem} {}", case.id);
        if case.client_only || SERVERS_CANNOT_WRITE.iter().any(|(id, _)| *id == name) {
            continue;
        }

        // The server's side.
        let mut error = ServiceError::new(expected, message.clone());
        for (name, value) in members {
            error = error.with_field(name, value);
        }
        let response = error.to_http_response();
        if response.status().as_u16() != case.status {
            fail(format!("sent with status {}", response.status()));
        }
        for (name, value) in &case.headers {
            let sent = response.headers().get(name.as_str());
            if sent.and_then(|v| v.to_str().ok()) != Some(value.as_str()) {
                fail(format!("header {name}: {sent:?}, not {value:?}"));
            }
        }
        let body = String::from_utf8_lossy(response.body()).into_owned();
        let expected = String::from_utf8_lossy(&case.body).into_owned();
        let same = match case.media_type.as_str() {
            "application/json" => same_json(&body, &expected),
            "application/xml" => same_xml(&body, &expected),
            "application/cbor" => same_cbor(response.body(), &case.body),
            other => Err(format!("no comparison for bodies of type {other:?}")),
        };
        if let Err(why) = same {
            fail(format!("body {body:?} is not {expected:?}: {why}"));
        }
    }
    failures
}

/// Whether errtable's JSON body `ours` is equivalent to the case's.
fn same_json(ours: &str, theirs: &str) -> Result<(), String> {
    let parse = |text: &str| serde_json::from_str(text).map_err(|e| e.to_string());
    same_data(parse(ours)?, parse(theirs)?)
}

/// Whether errtable's CBOR body `ours` is equivalent to the case's, both
/// decoded by this file's own small decoder (not errtable's reader).
fn same_cbor(ours: &[u8], theirs: &[u8]) -> Result<(), String> {
    let decode = |bytes: &[u8]| {
        let mut at = 0;
        let value = cbor_value(bytes, &mut at)?;
        if at == bytes.len() {
            Ok(value)
        } else {
            Err(format!("{} bytes after the value", bytes.len() - at))
        }
    };
    same_data(decode(ours)?, decode(theirs)?)
}

/// Whether two error bodies' data are equivalent.
fn same_data(ours: Value, theirs: Value) -> Result<(), String> {
    let normal = |value: Value, errtable: bool| -> Result<Map<String, Value>, String> {
        let Value::Object(mut object) = value else {
            return Err("not an object".to_owned());
        };
        if errtable {
            // errtable's own parts of the REST-JSON body.
            object.remove("code");
            object.remove("type");
        }
        if let Some(message) = object.remove("Message") {
            object.insert("message".to_owned(), message);
        }
        if let Some(Value::String(code)) = object.get_mut("__type") {
            if let Some((_, name)) = code.split_once('#') {
                *code = name.to_owned();
            }
        }
        Ok(object)
    };
    let (ours, theirs) = (normal(ours, true)?, normal(theirs, false)?);
    if ours == theirs {
        Ok(())
    } else {
        Err(format!("{ours:?} != {theirs:?}"))
    }
}

/// One CBOR data item at `at`, as JSON: enough of RFC 8949 for the suite's
/// bodies (definite and indefinite maps, arrays and text, integers, floats,
/// simple values).
fn cbor_value(bytes: &[u8], at: &mut usize) -> Result<Value, String> {
    let byte = |at: &mut usize| -> Result<u8, String> {
        let b = *bytes.get(*at).ok_or("the body ends early")?;
        *at += 1;
        Ok(b)
    };
    let initial = byte(at)?;
    let (major, info) = (initial >> 5, initial & 0x1f);
    let argument = |at: &mut usize| -> Result<Option<u64>, String> {
        Ok(Some(match info {
            0..=23 => u64::from(info),
            24..=27 => {
                let mut n = 0u64;
                for _ in 0..(1 << (info - 24)) {
                    n = n << 8 | u64::from(byte(at)?);
                }
                n
            }
            31 => return Ok(None),
            _ => return Err(format!("additional info {info}")),
        }))
    };
    let is_break = |at: &usize| bytes.get(*at) == Some(&0xff);
    Ok(match major {
        0 => Value::from(argument(at)?.ok_or("indefinite integer")?),
        1 => Value::from(-1 - i64::try_from(argument(at)?.ok_or("indefinite integer")?).unwrap()),
        3 => match argument(at)? {
            Some(len) => {
                let end = *at + usize::try_from(len).unwrap();
                let text = std::str::from_utf8(bytes.get(*at..end).ok_or("text beyond the body")?)
                    .map_err(|e| e.to_string())?;
                *at = end;
                Value::from(text)
            }
            None => {
                let mut text = String::new();
                while !is_break(at) {
                    text.push_str(cbor_value(bytes, at)?.as_str().ok_or("a chunk not text")?);
                }
                *at += 1;
                Value::from(text)
            }
        },
        4 => {
            let len = argument(at)?;
            let mut items = Vec::new();
            while len.map_or(!is_break(at), |len| (items.len() as u64) < len) {
                items.push(cbor_value(bytes, at)?);
            }
            if len.is_none() {
                *at += 1;
            }
            Value::Array(items)
        }
        5 => {
            let len = argument(at)?;
            let mut object = Map::new();
            while len.map_or(!is_break(at), |len| (object.len() as u64) < len) {
                let key = cbor_value(bytes, at)?;
                let key = key.as_str().ok_or("a key not text")?.to_owned();
                object.insert(key, cbor_value(bytes, at)?);
            }
            if len.is_none() {
                *at += 1;
            }
            Value::Object(object)
        }
        7 => match info {
            20 => Value::Bool(false),
            21 => Value::Bool(true),
            22 | 23 => Value::Null,
            27 => {
                let bits = argument(at)?.ok_or("no float")?;
                Value::from(f64::from_bits(bits))
            }
            other => return Err(format!("simple value {other}")),
        },
        other => return Err(format!("major type {other}")),
    })
}

/// Base64 (RFC 4648) to bytes, for the suite's CBOR bodies.
fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sextets: Vec<u32> = text
        .bytes()
        .filter(|&b| b != b'=' && !b.is_ascii_whitespace())
        .map(|b| ALPHABET.iter().position(|&a| a == b).unwrap() as u32)
        .collect();
    let mut out = Vec::new();
    for group in sextets.chunks(4) {
        let bits = group
            .iter()
            .enumerate()
            .fold(0u32, |bits, (at, &s)| bits | s << (18 - 6 * at));
        out.extend(&bits.to_be_bytes()[1..group.len()]);
    }
    out
}

/// An XML element as compared: its name, its text (trimmed), its
/// children; attributes (`xmlns`) do not count.
#[derive(Debug, PartialEq)]
struct Element {
    name: String,
    text: String,
    children: Vec<Element>,
}

fn parse_xml(text: &str) -> Result<Element, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<Element> = vec![Element {
        name: String::new(),
        text: String::new(),
        children: Vec::new(),
    }];
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(start) => stack.push(Element {
                name: start.local_name().into_inner().to_owned(),
                text: String::new(),
                children: Vec::new(),
            }),
            Event::Empty(empty) => {
                let element = Element {
                    name: empty.local_name().into_inner().to_owned(),
                    text: String::new(),
                    children: Vec::new(),
                };
                stack.last_mut().unwrap().children.push(element);
            }
            Event::Text(text) => {
                stack
                    .last_mut()
                    .unwrap()
                    .text
                    .push_str(text.xml10_content().trim());
            }
            Event::GeneralRef(reference) => {
                let text = match reference.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(ch) => ch.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&reference)
                        .ok_or("an unknown entity")?
                        .to_owned(),
                };
                stack.last_mut().unwrap().text.push_str(&text);
            }
            Event::End(_) => {
                let done = stack.pop().unwrap();
                // The request id differs from response to response.
                if done.name != "RequestId" && done.name != "RequestID" {
                    stack.last_mut().ok_or("unbalanced")?.children.push(done);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut root = stack.pop().ok_or("no document")?;
    if root.children.len() != 1 {
        return Err(format!("{} root elements", root.children.len()));
    }
    Ok(root.children.remove(0))
}

/// Whether errtable's XML body `ours` is equivalent to the case's.
fn same_xml(ours: &str, theirs: &str) -> Result<(), String> {
    let (ours, theirs) = (parse_xml(ours)?, parse_xml(theirs)?);
    if ours == theirs {
        Ok(())
    } else {
        Err(format!("{ours:?} != {theirs:?}"))
    }
}

/// The cases servers cannot write exist, and would fail if written: the
/// list is no place to hide a case that passes.
#[test]
fn the_cases_servers_cannot_write_are_real() {
    for (name, why) in SERVERS_CANNOT_WRITE {
        let (stem, id) = name.split_once(' ').unwrap();
        let case = cases(stem)
            .into_iter()
            .find(|case| case.id == id)
            .unwrap_or_else(|| panic!("no case {name}"));
        let element = why.split(['<', '>']).nth(1).unwrap();
        assert!(
            String::from_utf8_lossy(&case.body).contains(element),
            "{name}: {why}"
        );
        let (_, members) = message_and_members(&case.params);
        assert!(
            !members.contains_key(element),
            "{name}: its params give {element}"
        );
        assert!(
            !case.params.contains_key("Message") || element != "Message",
            "{name}: its params give the message"
        );
    }
}

/// Runs the cases of every protocol, and fails with all that failed.
#[test]
fn every_case_both_ways() {
    let mut failures = Vec::new();
    failures.extend(run::<RestJson1Exception>("restJson1_errors"));
    failures.extend(run::<AwsJson10Exception>("awsJson1_0_errors"));
    failures.extend(run::<AwsJson11Exception>("awsJson1_1_errors"));
    failures.extend(run::<QueryCompatibleJson10Exception>(
        "awsJson1_0_query-compatible",
    ));
    failures.extend(run::<RestXmlException>("restXml_errors"));
    failures.extend(run::<AwsQueryException>("awsQuery_xml-errors"));
    failures.extend(run::<Ec2QueryException>("ec2Query_xml-errors"));
    failures.extend(run::<RpcV2CborException>("rpcv2Cbor_errors"));
    failures.extend(run::<QueryCompatibleRpcV2CborException>(
        "rpcv2Cbor_query-compatible",
    ));
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A status below 300 is never an error, whatever the body says.
#[test]
fn a_success_is_not_read_as_an_error() {
    let body = br#"{"__type":"aws.protocoltests.json10#InvalidGreeting"}"#;
    assert!(matches!(
        ServiceError::<AwsJson10Exception>::from_http_parts(
            StatusCode::OK,
            &HeaderMap::new(),
            body
        ),
        Err(HttpError::NotAnError(_))
    ));
}

/// The committed fixtures are what the converter writes from Smithy's
/// files, where those are on the machine (the converter says SKIPPED
/// otherwise).
#[test]
fn the_fixtures_are_what_the_converter_writes() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/smithy/convert.py");
    let output = match std::process::Command::new("python3")
        .args([script, "--check"])
        .output()
    {
        Ok(output) => output,
        Err(err) if support::skip_python() => {
            eprintln!("SKIPPED: python3 does not run ({err}) and ERRTABLE_SKIP_PYTHON=1");
            return;
        }
        Err(err) => panic!("python3 does not run: {err} (set ERRTABLE_SKIP_PYTHON=1 to skip)"),
    };
    assert!(
        output.status.success(),
        "convert.py --check: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
