//! Hostile input for the readers of the XML forms and of problem details:
//! entity expansion, external entities, deep nesting, a 1 MiB message,
//! every truncation, invalid UTF-8 and random damage give an `Err` or the
//! documented result, never a panic or a wrong error. The same readers run
//! unbounded under cargo-fuzz (`fuzz/fuzz_targets/xml_body.rs`,
//! `problem_body.rs`).

use errtable::{BodyError, ErrorTable, Protocol, MAX_BODY_LEN};
use errtable_tests::rng::Rng;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/s3.json", protocol = "rest-xml")]
pub struct S3;

fn xml(body: &[u8]) -> Result<S3Error, BodyError> {
    S3Error::from_body(&Protocol::RestXml, body)
}

fn problem(body: &[u8]) -> Result<S3Error, BodyError> {
    S3Error::from_body(&Protocol::ProblemJson { type_base: None }, body)
}

const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

#[test]
fn entities_of_the_sender_are_never_expanded() {
    let billion_laughs = format!(
        "{DECL}<!DOCTYPE lolz [<!ENTITY lol \"lol\">\
         <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\
         <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\
         <Error><Code>NoSuchKey</Code><Message>&lol3;</Message></Error>"
    );
    let external = format!(
        "{DECL}<!DOCTYPE e [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\
         <Error><Code>NoSuchKey</Code><Message>&secret;</Message></Error>"
    );
    let undeclared = "<Error><Code>NoSuchKey</Code><Message>&secret;</Message></Error>";
    for body in [billion_laughs.as_str(), external.as_str(), undeclared] {
        let err = xml(body.as_bytes()).unwrap_err();
        assert!(matches!(err, BodyError::InvalidXml(_)), "{err}");
    }
}

/// A document type declaration is refused for itself, not for the entity
/// references that usually come with it: a body with a DTD and nothing to
/// expand is still refused, and says why.
#[test]
fn a_document_type_declaration_is_refused_for_itself() {
    for body in [
        format!("{DECL}<!DOCTYPE Error><Error><Code>NoSuchKey</Code></Error>"),
        "<!DOCTYPE Error [<!ELEMENT Error ANY>]><Error><Code>NoSuchKey</Code></Error>".to_owned(),
    ] {
        let err = xml(body.as_bytes()).unwrap_err();
        assert!(matches!(err, BodyError::InvalidXml(_)), "{err}");
        assert!(
            err.to_string().contains("document type declaration"),
            "{body}: {err}"
        );
    }
}

/// A name that repeats is a flattened list, however often it repeats; an
/// element holding `<member>`s is a list of its own, kept whole inside it.
#[test]
fn repeated_elements_are_one_list() {
    let body = "<Error><Code>NoSuchKey</Code><Keys>\
                <Key>a</Key><Key>b</Key><Key>c</Key>\
                <Tag><member>x</member></Tag><Tag>y</Tag>\
                </Keys></Error>";
    let err = xml(body.as_bytes()).unwrap();
    assert_eq!(
        err.field("Keys"),
        Some(&serde_json::json!({"Key": ["a", "b", "c"], "Tag": [["x"], "y"]}))
    );
}

/// An XML body is read as XML without a `Content-Type` too, by its first
/// character past white space.
#[test]
fn an_xml_body_is_known_by_its_first_character() {
    let body = b"\n  <Error><Code>NoSuchKey</Code><Message>m</Message></Error>";
    let error =
        S3Error::from_http_parts(http::StatusCode::NOT_FOUND, &http::HeaderMap::new(), body)
            .unwrap();
    assert_eq!(error.code(), "NoSuchKey");
    assert_eq!(error.message(), "m");
}

#[test]
fn nesting_is_bounded() {
    let depth = 100_000;
    let deep = format!(
        "<Error>{}{}</Error>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    let err = xml(deep.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("nested too deep"), "{err}");
    let deep_json = format!(
        "{{\"code\":\"X\",\"x\":{}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert!(problem(deep_json.as_bytes()).is_err());
}

/// A field nested deeper than the reader goes is written within its depth
/// (the rest as JSON text) in every XML form, so that it reads back, and
/// what reads back writes the same body again.
#[test]
fn deep_fields_are_written_within_the_readers_depth() {
    let mut object = serde_json::json!("bottom");
    let mut list = serde_json::json!("bottom");
    for level in 0..40 {
        object = serde_json::json!({ format!("level{level}"): object });
        list = serde_json::json!([list]);
    }
    let error = S3Error::new(S3Exception::NoSuchKey, "m")
        .with_field("Deep", object)
        .with_field("Listed", list);
    for protocol in [
        Protocol::RestXml,
        Protocol::RestXmlWrapped,
        Protocol::Query,
        Protocol::Ec2,
    ] {
        let body = error.to_body(&protocol);
        let read = xml_of(&protocol, &body).unwrap_or_else(|e| panic!("{protocol}: {e}"));
        assert_eq!(read.code(), "NoSuchKey");
        let deep = read.field("Deep").unwrap().to_string();
        assert!(
            deep.contains("level39") && deep.contains("bottom"),
            "{protocol}: {deep}"
        );
        assert_eq!(read.to_body(&protocol), body, "{protocol}");
    }
}

#[test]
fn a_message_of_up_to_the_limit_round_trips_and_more_is_refused() {
    // Markup characters grow 5-fold when escaped: the message fills the
    // limit once written.
    let message = "<&>'\"x".repeat(MAX_BODY_LEN / 30);
    let error = S3Error::new(S3Exception::NoSuchKey, message.as_str());
    for protocol in [
        Protocol::RestXml,
        Protocol::Query,
        Protocol::Ec2,
        Protocol::ProblemJson { type_base: None },
    ] {
        let body = error.to_body(&protocol);
        assert!(body.len() <= MAX_BODY_LEN, "{protocol}: {}", body.len());
        let back = S3Error::from_body(&protocol, &body).unwrap();
        assert_eq!(back.message(), message, "{protocol}");
    }
    let huge = format!(
        "<Error><Code>NoSuchKey</Code><Message>{}</Message></Error>",
        "m".repeat(MAX_BODY_LEN)
    );
    assert!(matches!(xml(huge.as_bytes()), Err(BodyError::TooLarge(_))));
}

#[test]
fn every_truncation_is_an_error() {
    let error = S3Error::new(
        S3Exception::NoSuchBucket,
        "The specified bucket does not exist",
    )
    .with_request_id("r")
    .with_field("BucketName", "b");
    for protocol in [Protocol::RestXml, Protocol::Query, Protocol::Ec2] {
        let body = error.to_body(&protocol);
        for end in 0..body.len() {
            let cut = &body[..end];
            assert!(
                xml_of(&protocol, cut).is_err(),
                "{protocol}: {:?}",
                String::from_utf8_lossy(cut)
            );
        }
    }
    let body = error.to_body(&Protocol::ProblemJson { type_base: None });
    for end in 0..body.len() {
        assert!(problem(&body[..end]).is_err());
    }
}

fn xml_of(protocol: &Protocol, body: &[u8]) -> Result<S3Error, BodyError> {
    S3Error::from_body(protocol, body)
}

#[test]
fn what_is_not_utf8_or_not_an_error_body_is_refused() {
    for body in [
        &b"<Error><Code>NoSuch\xffKey</Code></Error>"[..],
        b"\xef\xbb",
        b"",
        b"   ",
        b"<html><body>502 Bad Gateway</body></html>",
        b"<Error><Code>A</Code></Error><Error><Code>B</Code></Error>",
        b"<Error><Code>A</Code></Error>trailing",
        b"<Error><Code>A</Code></Oops>",
        b"<Error><Code>A</Code><Type>Sometimes</Type></Error>",
        b"<Error><Message>no code</Message></Error>",
        b"<Error><Code></Code></Error>",
        b"not xml at all",
    ] {
        assert!(xml(body).is_err(), "{:?}", String::from_utf8_lossy(body));
    }
    for body in [
        &b"{\"code\":\"A\",\"code\":\"B\"}"[..],
        b"{\"code\":1}",
        b"[\"code\"]",
        b"{\"title\":\"no code\"}",
        b"{\"code\":\"A\",\"m\":\"\\ud800\"}",
    ] {
        assert!(
            problem(body).is_err(),
            "{:?}",
            String::from_utf8_lossy(body)
        );
    }
    // RFC 9457, 3.1: a member of the wrong type is ignored, as if absent.
    for body in [
        &b"{\"status\":\"404\",\"code\":\"A\"}"[..],
        b"{\"detail\":null,\"code\":\"A\"}",
    ] {
        let error = problem(body).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((error.code(), error.message()), ("A", ""));
    }
}

#[test]
fn what_xml_allows_is_read_as_xml_means_it() {
    let cases: [(&[u8], &str, &str); 5] = [
        (
            b"<?xml version=\"1.0\"?>\n<!-- c --><Error>\n  <Code>NoSuchKey</Code>\n  <Message><![CDATA[a <b> & c]]></Message>\n</Error>\n",
            "NoSuchKey",
            "a <b> & c",
        ),
        (
            b"<Error><Code>NoSuchKey</Code><Message>&#x1F4A5; &#252; &lt;&amp;&gt;</Message></Error>",
            "NoSuchKey",
            "\u{1f4a5} \u{fc} <&>",
        ),
        (
            b"<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>X</Code><Message/></Error><RequestId>r</RequestId></ErrorResponse>",
            "X",
            "",
        ),
        (
            b"<Response><Errors><Error><Code>First</Code><Message>1</Message></Error><Error><Code>Second</Code><Message>2</Message></Error></Errors><RequestID>r</RequestID></Response>",
            "First",
            "1",
        ),
        (
            b"<Error><Code>NoSuchKey</Code><Message>line\r\nbreak</Message></Error>",
            "NoSuchKey",
            "line\nbreak",
        ),
    ];
    for (body, code, message) in cases {
        let read = xml(body).unwrap_or_else(|e| panic!("{e}: {:?}", String::from_utf8_lossy(body)));
        assert_eq!((read.code(), read.message()), (code, message));
    }
}

#[test]
fn damaged_bodies_never_panic() {
    let error = S3Error::new(S3Exception::NoSuchKey, "The <key> & \"quote\"")
        .with_request_id("r")
        .with_field("Key", "k");
    let seeds: Vec<Vec<u8>> = [
        Protocol::RestXml,
        Protocol::Query,
        Protocol::Ec2,
        Protocol::ProblemJson { type_base: None },
    ]
    .iter()
    .map(|p| error.to_body(p))
    .collect();
    let pieces: [&[u8]; 12] = [
        b"<",
        b">",
        b"</",
        b"&",
        b"&amp;",
        b"&#0;",
        b"<!DOCTYPE x>",
        b"<![CDATA[",
        b"\xff",
        b"\"",
        b"{",
        b"}",
    ];
    let mut rng = Rng(12);
    let mut read = 0;
    for _ in 0..20_000 {
        let mut body = rng.pick(&seeds).clone();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(body.len() + 1);
            match rng.below(3) {
                0 if at < body.len() => {
                    let end = (at + rng.below(8)).min(body.len());
                    body.drain(at..end);
                }
                1 => {
                    let piece = rng.pick(&pieces);
                    body.splice(at..at, piece.iter().copied());
                }
                _ => {
                    if at < body.len() {
                        body[at] = rng.next_u64() as u8;
                    }
                }
            }
        }
        for protocol in [Protocol::RestXml, Protocol::ProblemJson { type_base: None }] {
            if let Ok(error) = S3Error::from_body(&protocol, &body) {
                read += 1;
                assert!(!error.code().is_empty());
                // What was read writes and reads back the same.
                let again = S3Error::from_body(&protocol, &error.to_body(&protocol)).unwrap();
                assert_eq!(
                    (again.code(), again.message()),
                    (error.code(), error.message())
                );
            }
        }
    }
    assert!(read > 1_000, "{read}");
}

/// Found by the xml_body fuzz target: a child of `<Error>` named like a
/// part another form writes (`RequestID` in an S3 `<Error>` read as EC2)
/// was kept as a field that the EC2 writer then left out, so a read error
/// did not read back the same. Now every form reads the same part names,
/// no writer writes a field of those names, and an inner request id is
/// the request id when the body has no other.
#[test]
fn what_is_read_writes_back_and_reads_the_same_in_every_xml_form() {
    let fuzzed = "<?TF-8\"?><Error>ors><RequestID>r</RequestID>g/>e>TNoSucs:/shKeyError>\
                  <Code>NoSuchKey</Code><Messag/>e>TNoSucs:/sh dd></Error>";
    let inner_ids = [
        "<Response><Errors><Error><Code>NoSuchKey</Code><RequestID>inner</RequestID></Error></Errors></Response>",
        "<ErrorResponse><Error><Code>NoSuchKey</Code><RequestId>inner</RequestId></Error></ErrorResponse>",
    ];
    let types = [
        "<Error><Code>NoSuchKey</Code><Type>Sender</Type><HostId>h</HostId></Error>",
        "<Response><Errors><Error><Code>NoSuchKey</Code><Type>Receiver</Type><HostId>h</HostId></Error></Errors></Response>",
    ];
    for body in [fuzzed].iter().chain(&inner_ids).chain(&types) {
        for protocol in [Protocol::RestXml, Protocol::Query, Protocol::Ec2] {
            let Ok(error) = S3Error::from_body(&protocol, body.as_bytes()) else {
                continue;
            };
            let again = S3Error::from_body(&protocol, &error.to_body(&protocol)).unwrap();
            assert_eq!(again.code(), error.code(), "{body} in {protocol:?}");
            assert_eq!(again.message(), error.message(), "{body} in {protocol:?}");
            assert_eq!(
                again.request_id(),
                error.request_id(),
                "{body} in {protocol:?}"
            );
            let fields = |e: &S3Error| -> Vec<(String, serde_json::Value)> {
                e.fields().map(|(n, v)| (n.to_owned(), v.clone())).collect()
            };
            assert_eq!(fields(&again), fields(&error), "{body} in {protocol:?}");
        }
    }
    // The inner request id is the request id, not a field...
    let ec2 = S3Error::from_body(&Protocol::Ec2, inner_ids[0].as_bytes()).unwrap();
    assert_eq!(ec2.request_id(), Some("inner"));
    assert_eq!(ec2.fields().count(), 0);
    // ...unless the form keeps one outside, which wins.
    let both = "<ErrorResponse><Error><Code>NoSuchKey</Code><RequestId>inner</RequestId></Error>\
                <RequestId>outer</RequestId></ErrorResponse>";
    let query = S3Error::from_body(&Protocol::Query, both.as_bytes()).unwrap();
    assert_eq!(query.request_id(), Some("outer"));
    // A field named like a part is written in no form.
    let typed = S3Error::new(S3Exception::NoSuchKey, "m").with_field("Type", "x");
    for protocol in [Protocol::RestXml, Protocol::Query, Protocol::Ec2] {
        let body = String::from_utf8(typed.to_body(&protocol)).unwrap();
        assert!(!body.contains("<Type>x</Type>"), "{body}");
    }
}
