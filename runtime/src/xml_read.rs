//! Reading the XML error bodies of rest-xml, query and ec2, with quick-xml.
//!
//! One reader serves the three forms, told apart by their root element:
//! S3's `<Error>`, `<ErrorResponse>` (query, and rest-xml outside S3) and
//! EC2's `<Response>`. Documents with a DTD are refused, so no entity of
//! the sender's is ever expanded (billion laughs, external entities);
//! nesting is bounded; text must be UTF-8.

use crate::body_error::{BodyError, TooLarge, XmlError};
use crate::ErrorType;
use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::Value;

/// XML's white space.
const XML_SPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// Deeper than this, a document is not an error body.
pub(crate) const MAX_DEPTH: usize = 16;

/// What an XML error body says: each part absent when it lacks it.
#[derive(Debug, Default)]
pub(crate) struct XmlBody {
    pub(crate) code: Option<String>,
    pub(crate) message: Option<String>,
    /// From `<Type>`: `Sender` is the client's fault, `Receiver` the
    /// server's.
    pub(crate) error_type: Option<ErrorType>,
    pub(crate) request_id: Option<String>,
    /// The other elements of the error, in order: text as a string,
    /// nested elements as [`nested`] makes them.
    pub(crate) fields: Vec<(String, Value)>,
}

/// An element inside a field being read, and what it holds so far.
struct Open {
    children: Vec<(String, Value)>,
}

/// The value of an element: its text when it has no child elements; else
/// its children, as an array when they are all `<member>` (a list as
/// Smithy writes it), otherwise as an object, a name that repeats holding
/// the array of its values (a flattened list). Text beside child elements
/// is white space between them in an error body, and is dropped.
fn nested(children: Vec<(String, Value)>, text: &str) -> Value {
    if children.is_empty() {
        return Value::String(text.to_owned());
    }
    if children.iter().all(|(name, _)| name == "member") {
        return Value::Array(children.into_iter().map(|(_, value)| value).collect());
    }
    let mut object = serde_json::Map::new();
    let mut repeated: Vec<String> = Vec::new();
    for (name, value) in children {
        match object.get_mut(&name) {
            Some(Value::Array(items)) if repeated.contains(&name) => items.push(value),
            Some(first) => {
                let first = first.take();
                object.insert(name.clone(), Value::Array(vec![first, value]));
                repeated.push(name);
            }
            None => {
                object.insert(name, value);
            }
        }
    }
    Value::Object(object)
}

/// Where an element's text goes.
enum Part {
    Code,
    Message,
    Type,
    RequestId,
    /// A request id inside `<Error>` where the form keeps it outside:
    /// taken when the body has no other, so that it is neither lost nor
    /// kept as a field that the form would not write back.
    InnerRequestId,
    Field(String),
    Ignored,
}

/// Reads an XML error body of at most [`MAX_BODY_LEN`](crate::MAX_BODY_LEN)
/// bytes.
pub(crate) fn read_xml(body: &[u8]) -> Result<XmlBody, BodyError> {
    TooLarge::check(body.len())?;
    let text = std::str::from_utf8(body)
        .map_err(|err| XmlError::at(err.valid_up_to(), "the body is not UTF-8"))?;
    // Text is not trimmed: quick-xml splits `a &lt;b` into text, an entity
    // and text, and trimming each piece would drop the spaces between
    // them. Values come back exact, as botocore reads them; the whitespace
    // that indents elements is the text of containers, which is not kept.
    let mut reader = Reader::from_str(text);
    let mut read = XmlBody::default();
    let mut path: Vec<String> = Vec::new();
    // The elements open inside the field being read, outermost first.
    let mut open: Vec<Open> = Vec::new();
    let mut content = String::new();
    let mut root_seen = false;
    // EC2 may list several errors: the first one is the error.
    let mut errors_seen = 0;
    loop {
        // Bodies are at most `MAX_BODY_LEN` bytes: the position fits.
        let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader
            .read_event()
            .map_err(|err| XmlError::at(at, &err.to_string()))?;
        match event {
            Event::Start(start) => {
                if path.is_empty() && root_seen {
                    return Err(XmlError::at(at, "a second root element").into());
                }
                if path.is_empty() {
                    check_root(start.local_name().into_inner(), at)?;
                }
                root_seen = true;
                if path.len() == MAX_DEPTH {
                    return Err(XmlError::at(at, "elements nested too deep for an error body").into());
                }
                path.push(element_name(start.local_name().into_inner(), at)?);
                if !open.is_empty() || is_field(&path, errors_seen) {
                    open.push(Open {
                        children: Vec::new(),
                    });
                }
                content.clear();
            }
            Event::Empty(start) => {
                if path.is_empty() {
                    if root_seen {
                        return Err(XmlError::at(at, "a second root element").into());
                    }
                    check_root(start.local_name().into_inner(), at)?;
                    root_seen = true;
                    continue;
                }
                let name = element_name(start.local_name().into_inner(), at)?;
                content.clear();
                if let Some(parent) = open.last_mut() { parent.children.push((name, Value::String(String::new()))) } else {
                    path.push(name);
                    store(&mut read, &path, Value::String(String::new()), &mut errors_seen)?;
                    path.pop();
                }
            }
            Event::End(_) => {
                if let Some(bad) = content.chars().find(|&c| !allowed_in_xml(c)) {
                    return Err(XmlError::at(
                        at,
                        &format!("U+{:04X} is not a character XML 1.0 allows", u32::from(bad)),
                    )
                    .into());
                }
                let value = match open.pop() {
                    Some(element) => nested(element.children, &content),
                    None => Value::String(content.clone()),
                };
                content.clear();
                let name = path.pop().unwrap_or_default();
                if let Some(parent) = open.last_mut() { parent.children.push((name, value)) } else {
                    path.push(name);
                    store(&mut read, &path, value, &mut errors_seen)?;
                    path.pop();
                }
            }
            Event::Text(text) => {
                let text = text.xml10_content();
                if path.is_empty() {
                    if !text.trim_matches(XML_SPACE).is_empty() {
                        return Err(XmlError::at(at, "text outside the root element").into());
                    }
                    continue;
                }
                content.push_str(&text);
            }
            Event::CData(data) => content.push_str(&data.xml10_content()),
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(ch)) => ch.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&reference)
                        .ok_or_else(|| XmlError::at(at, "an entity XML does not predefine"))?
                        .to_owned(),
                    Err(err) => return Err(XmlError::at(at, &err.to_string()).into()),
                };
                content.push_str(&resolved);
            }
            Event::DocType(_) => {
                return Err(XmlError::at(
                    at,
                    "a document type declaration: error bodies have none, and its entities are not expanded",
                )
                .into())
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !path.is_empty() {
        return Err(XmlError::at(text.len(), "the body ends inside an element").into());
    }
    if !root_seen {
        return Err(XmlError::at(text.len(), "no element").into());
    }
    Ok(read)
}

/// Whether `name` is a plain XML element name: an ASCII letter or `_`,
/// then letters, digits, `_`, `-` or `.`. Error bodies use no other, and
/// quick-xml does not check names: `<a<b/>` reads as an element `a<b`.
pub(crate) fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// `name`, if it is a plain XML name.
fn element_name(name: &str, at: usize) -> Result<String, BodyError> {
    if is_xml_name(name) {
        Ok(name.to_owned())
    } else {
        Err(XmlError::at(
            at,
            &format!(
                "`{}` is not an element name of an error body",
                name.escape_debug()
            ),
        )
        .into())
    }
}

/// Whether XML 1.0 allows `c` in a document, raw or as a reference: not the
/// control characters but tab, line feed and carriage return, nor U+FFFE
/// and U+FFFF.
fn allowed_in_xml(c: char) -> bool {
    !((c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}'))
}

/// The root of an error body is one of the three forms': anything else (an
/// HTML page from a proxy) is not an error body.
fn check_root(name: &str, at: usize) -> Result<(), BodyError> {
    if matches!(name, "Error" | "ErrorResponse" | "Response") {
        Ok(())
    } else {
        Err(XmlError::at(
            at,
            &format!(
                "`<{name}>` is not the root of an error body (Error, ErrorResponse or Response)"
            ),
        )
        .into())
    }
}

/// Whether the element at the end of `path` is a field of the error, whose
/// nested elements are read into its value.
fn is_field(path: &[String], errors_seen: usize) -> bool {
    matches!(part_at(path, errors_seen), Part::Field(_))
}

/// Stores the value of the element at the end of `path` (its text, or what
/// its nested elements make), by where it stands in its form.
fn store(
    read: &mut XmlBody,
    path: &[String],
    value: Value,
    errors_seen: &mut usize,
) -> Result<(), BodyError> {
    if matches!(
        path.iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice(),
        ["Response", "Errors", "Error"]
    ) {
        *errors_seen += 1;
        return Ok(());
    }
    let (part, text) = match (part_at(path, *errors_seen), value) {
        (Part::Field(name), value) => {
            read.fields.retain(|(n, _)| *n != name);
            read.fields.push((name, value));
            return Ok(());
        }
        (part, Value::String(text)) => (part, text),
        // Elements inside a code or message: not an error body's.
        _ => return Ok(()),
    };
    match part {
        Part::Code => read.code = Some(text),
        Part::Message => read.message = Some(text),
        Part::RequestId => read.request_id = Some(text),
        Part::InnerRequestId => {
            read.request_id.get_or_insert(text);
        }
        Part::Type => {
            read.error_type = Some(match text.as_str() {
                "Sender" => ErrorType::Client,
                "Receiver" => ErrorType::Server,
                other => {
                    return Err(XmlError::at(
                        0,
                        &format!(
                            "unknown <Type> `{}`: expected Sender or Receiver",
                            other.escape_debug()
                        ),
                    )
                    .into())
                }
            });
        }
        Part::Field(_) | Part::Ignored => {}
    }
    Ok(())
}

/// Where the element at the end of `path` stands in its form.
fn part_at(path: &[String], errors_seen: usize) -> Part {
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    match names.as_slice() {
        // S3: <Error><Code/>...<RequestId/><HostId/></Error>; query and
        // wrapped rest-xml: <ErrorResponse><Error/><RequestId/></ErrorResponse>;
        // EC2: <Response><Errors/><RequestID/></Response>.
        ["Error" | "ErrorResponse", "RequestId"] | ["Response", "RequestID" | "RequestId"] => {
            Part::RequestId
        }
        ["Error", name] | ["ErrorResponse", "Error", name] => part_of_error(name),
        // EC2: the first of <Errors>.
        ["Response", "Errors", "Error", name] if errors_seen == 0 => part_of_error(name),
        _ => Part::Ignored,
    }
}

/// A child of `<Error>`, whatever the form: a part of the error by its
/// name (the writers write no field of these names,
/// `xml_write::PART_NAMES`), else a field.
fn part_of_error(name: &str) -> Part {
    match name {
        "Code" => Part::Code,
        "Message" => Part::Message,
        "Type" => Part::Type,
        "RequestId" | "RequestID" => Part::InnerRequestId,
        other => Part::Field(other.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(is_xml_name("BucketName"));
        assert!(is_xml_name("x-amz.y_1"));
        assert!(!is_xml_name("1a"));
        assert!(!is_xml_name("a b"));
        assert!(!is_xml_name(""));
        assert!(!is_xml_name("a<b"));
    }

    #[test]
    fn text_comes_back_exact_around_entities() {
        let body =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>NoSuchKey</Code>\n  \
                    <Message>a &lt;b&gt; &amp; c</Message>\n  <Key> dir/a &lt;b&gt;.txt </Key>\n  \
                    <RequestId>4442587FB7D0A2F9</RequestId>\n</Error>\n";
        let read = read_xml(body.as_bytes()).unwrap();
        assert_eq!(read.code.as_deref(), Some("NoSuchKey"));
        assert_eq!(read.message.as_deref(), Some("a <b> & c"));
        assert_eq!(read.request_id.as_deref(), Some("4442587FB7D0A2F9"));
        assert_eq!(
            read.fields,
            [("Key".to_owned(), Value::from(" dir/a <b>.txt "))]
        );
        assert!(read_xml(b"<Error><Code>A</Code></Error> x").is_err());
    }
}
