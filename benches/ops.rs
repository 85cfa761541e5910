//! Runs one benchmark operation N times, for counting instructions under
//! callgrind (benches/instructions.py): figures that do not depend on the
//! machine's load, next to divan's times.
//!
//! Usage: ops OPERATION ITERATIONS, where OPERATION is one of `lookup16-hit`,
//! `lookup16-miss`, `lookup200-hit`, `lookup200-miss`, `lookup2000-hit`,
//! `lookup2000-miss`, `accessors` (status, type and code of the 16 rows),
//! `serialize`, `problem-json` (an RFC 9457 body), `rest-xml` (S3's
//! `<Error>`), `http-response` (the
//! whole REST-JSON response: status,
//! headers, body), `uuid` (a request's id, outside S3), `s3-request-id` (with a host id),
//! or `parse-<shape>` for a shape of
//! `Shape::ALL`, followed by `/errtable` or `/hand`. A lookup is
//! `from_code`: the exception, or the code kept as unknown.

use errtable::http::RequestContext;
use errtable::Exception;
use errtable_benches::*;
use std::hint::black_box;

/// The request id both sides of `http-response` send.
const REQUEST_ID: &str = "AAABaZ9N92Iiyv4N7sru3ABEpSQkuFtmH3NP6aAC51ixfjg";

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(op), Some(n)) = (
        args.next(),
        args.next().and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: ops OPERATION ITERATIONS");
        std::process::exit(2);
    };
    let Some((what, subject)) = op.split_once('/') else {
        eprintln!("unknown operation {op}");
        std::process::exit(2);
    };
    let hand = subject == "hand";
    let codes = |all: &[&'static str], hit: bool| -> Vec<String> {
        if hit {
            all.iter().map(|c| (*c).to_owned()).collect()
        } else {
            near_misses(all.iter().copied())
        }
    };
    let codes16: Vec<&str> = Hand16::ALL.iter().map(|e| e.code()).collect();
    let codes200: Vec<&str> = Hand200::ALL.iter().map(|e| e.code()).collect();
    let codes2000: Vec<&str> = Hand2000::ALL.iter().map(|e| e.code()).collect();
    let err = GlacierError::new(GlacierException::ResourceNotFoundException, MESSAGE);
    let hand_exception = Hand16::from_code("ResourceNotFoundException");
    let mut buf: Vec<u8> = Vec::with_capacity(512);
    let no_headers = http::HeaderMap::new();
    macro_rules! lookups {
        ($all:expr, $hit:expr, $hand:ty, $errtable:ty) => {{
            let inputs = codes($all, $hit);
            for i in 0..n {
                let code = black_box(inputs[i % inputs.len()].as_str());
                if hand {
                    black_box(<$hand>::from_code(code));
                } else {
                    black_box(<$errtable>::from_code(code));
                }
            }
        }};
    }
    match what {
        "lookup16-hit" => lookups!(&codes16, true, Hand16, GlacierException),
        "lookup16-miss" => lookups!(&codes16, false, Hand16, GlacierException),
        "lookup200-hit" => lookups!(&codes200, true, Hand200, Aws200Exception),
        "lookup200-miss" => lookups!(&codes200, false, Hand200, Aws200Exception),
        "lookup2000-hit" => lookups!(&codes2000, true, Hand2000, Aws2000Exception),
        "lookup2000-miss" => lookups!(&codes2000, false, Hand2000, Aws2000Exception),
        "accessors" => {
            for _ in 0..n {
                if hand {
                    for e in black_box(Hand16::ALL) {
                        black_box((e.status(), e.error_type(), e.code()));
                    }
                } else {
                    for e in black_box(GlacierException::ALL) {
                        black_box((e.status(), e.error_type(), e.code()));
                    }
                }
            }
        }
        "serialize" => {
            for _ in 0..n {
                buf.clear();
                if hand {
                    let e = black_box(&hand_exception);
                    let body = BodyRef {
                        code: e.code(),
                        message: black_box(MESSAGE),
                        error_type: e.error_type(),
                    };
                    let _ = serde_json::to_writer(&mut buf, &body);
                } else {
                    black_box(&err).write_json(&mut buf);
                }
                black_box(&buf);
            }
        }
        // S3's <Error>, against quick-xml's `Writer` used by hand.
        "rest-xml" => {
            use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
            let sent = err
                .clone()
                .with_field("Key", "2024/dog.jpg")
                .with_field("Resource", "/photos/2024/dog.jpg")
                .with_field(
                    "HostId",
                    "eftixk72aD6Ap51TnqcoF8eFidJG9Z/2mkiDFu8yU9AS1ed4OpIszj7UDNEHGran",
                )
                .with_request_id("4442587FB7D0A2F9");
            let protocol = errtable::Protocol::RestXml;
            for _ in 0..n {
                if hand {
                    fn element(xml: &mut quick_xml::Writer<&mut Vec<u8>>, name: &str, text: &str) {
                        let _ = xml.write_event(Event::Start(BytesStart::new(name)));
                        let _ = xml.write_event(Event::Text(BytesText::new(text)));
                        let _ = xml.write_event(Event::End(BytesEnd::new(name)));
                    }
                    let e = black_box(&hand_exception);
                    let mut out = Vec::with_capacity(512);
                    let mut xml = quick_xml::Writer::new(&mut out);
                    let _ =
                        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
                    let _ = xml.write_event(Event::Start(BytesStart::new("Error")));
                    element(&mut xml, "Code", e.code());
                    element(&mut xml, "Message", black_box(MESSAGE));
                    element(&mut xml, "Key", "2024/dog.jpg");
                    element(&mut xml, "Resource", "/photos/2024/dog.jpg");
                    element(&mut xml, "RequestId", "4442587FB7D0A2F9");
                    element(
                        &mut xml,
                        "HostId",
                        "eftixk72aD6Ap51TnqcoF8eFidJG9Z/2mkiDFu8yU9AS1ed4OpIszj7UDNEHGran",
                    );
                    let _ = xml.write_event(Event::End(BytesEnd::new("Error")));
                    black_box(out);
                } else {
                    black_box(black_box(&sent).to_body(&protocol));
                }
            }
        }
        // Problem details, against the serde_derive struct a user writes.
        "problem-json" => {
            #[derive(serde::Serialize)]
            struct Problem<'a> {
                #[serde(rename = "type")]
                problem_type: String,
                title: &'a str,
                status: u16,
                detail: &'a str,
                code: &'a str,
            }
            let protocol = errtable::Protocol::problem_json("https://errors.example.com/");
            for _ in 0..n {
                if hand {
                    let e = black_box(&hand_exception);
                    let body = Problem {
                        problem_type: format!("https://errors.example.com/{}", e.code()),
                        title: e.code(),
                        status: e.status(),
                        detail: black_box(MESSAGE),
                        code: e.code(),
                    };
                    black_box(serde_json::to_vec(&body).unwrap_or_default());
                } else {
                    black_box(black_box(&err).to_body(&protocol));
                }
            }
        }
        // The error response a service sends, against the same response
        // built by hand with `http` and serde_derive.
        "http-response" => {
            use http::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, DATE};
            let sent = err.clone().with_request_id(REQUEST_ID);
            for _ in 0..n {
                if hand {
                    let e = black_box(&hand_exception);
                    let body = serde_json::to_vec(&BodyRef {
                        code: e.code(),
                        message: black_box(MESSAGE),
                        error_type: e.error_type(),
                    })
                    .unwrap_or_default();
                    let length = body.len();
                    let mut response = http::Response::new(body);
                    *response.status_mut() = http::StatusCode::from_u16(e.status())
                        .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
                    let headers = response.headers_mut();
                    if let Ok(code) = HeaderValue::from_str(e.code()) {
                        headers.insert("x-amzn-errortype", code);
                    }
                    // A request's id is known at run time, as the error's is.
                    if let Ok(id) = HeaderValue::from_str(black_box(REQUEST_ID)) {
                        headers.insert("x-amzn-requestid", id);
                    }
                    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
                    let date = httpdate::fmt_http_date(std::time::SystemTime::now());
                    if let Ok(date) = HeaderValue::from_str(&date) {
                        headers.insert(DATE, date);
                    }
                    black_box(response);
                } else {
                    black_box(black_box(&sent).to_http_response());
                }
            }
        }
        // Ids as a service makes one per request: the request-context
        // layer's context for a request that brings none. By hand: what std
        // offers without a crate, a randomly keyed SipHash of a counter,
        // formatted (for S3, the request id only).
        "uuid" | "s3-request-id" => {
            use std::hash::{BuildHasher, Hasher};
            let keys = std::collections::hash_map::RandomState::new();
            for i in 0..n {
                if hand {
                    let mut hasher = keys.build_hasher();
                    hasher.write_usize(i);
                    let high = hasher.finish();
                    hasher.write_usize(i);
                    let low = hasher.finish();
                    black_box(match what {
                        "s3-request-id" => format!("{high:016X}"),
                        _ => format!(
                            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
                            high >> 32,
                            (high >> 16) & 0xffff,
                            high & 0xfff,
                            (low >> 48) & 0x3fff | 0x8000,
                            low & 0xffff_ffff_ffff
                        ),
                    });
                } else {
                    let none = black_box(&no_headers);
                    black_box(match what {
                        "uuid" => RequestContext::for_request::<GlacierException>(none),
                        _ => RequestContext::for_request::<S3Exception>(none),
                    });
                }
            }
        }
        parse => {
            let Some(shape) = Shape::ALL
                .into_iter()
                .find(|s| parse.strip_prefix("parse-") == Some(s.name()))
            else {
                eprintln!("unknown operation {op}");
                std::process::exit(2);
            };
            let body = shape.body();
            for _ in 0..n {
                if hand {
                    black_box(shape.parse_by_hand(black_box(&body)));
                } else {
                    black_box(GlacierError::from_json(black_box(&body)).ok());
                }
            }
        }
    }
}
