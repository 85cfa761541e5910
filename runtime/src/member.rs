//! The members a table's rows declare: what an error carries besides its
//! code and message, and where each protocol puts it.

use crate::protocol::Protocol;
use crate::timestamp;
use crate::MemberShape;
use serde_json::Value;
use std::borrow::Cow;

/// A member of an error, as its row declares it: the name of the error's
/// field that holds the value ([`ServiceError::with_field`]), its
/// [`MemberShape`], and where the protocols put it. The derive generates
/// these from a spec's `members` or a service model's error structure;
/// [`Exception::members`] lists a row's.
///
/// - **Header.** A member bound to a header (`Retry-After`) is sent in that
///   header, and read back from it, in the protocols that bind members to
///   headers: `rest-json`, `rest-xml`, `rest-xml-wrapped` and
///   `problem-json`. In `aws-json`, `query` and `ec2` it goes in the body
///   under its name, as botocore reads it.
/// - **Body.** Otherwise the member is a key of the JSON bodies, under its
///   JSON name in `rest-json` (its name elsewhere), and an element of the
///   XML bodies under its XML name.
/// - **Value.** Timestamps are kept as epoch seconds and written as an
///   http-date in headers, a number in JSON and an RFC 3339 date-time in
///   XML. A document is a JSON value: a JSON object or array in the JSON
///   bodies and nested elements in XML (a list's items as `<member>`
///   elements), its nested keys renamed after [`members`](Self::members).
///
/// [`ServiceError::with_field`]: crate::ServiceError::with_field
/// [`Exception::members`]: crate::Exception::members
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Member {
    name: &'static str,
    shape: MemberShape,
    header: Option<&'static str>,
    json_name: Option<&'static str>,
    xml_name: Option<&'static str>,
    description: &'static str,
    members: &'static [Member],
}

impl Member {
    /// A member carried in the body under its name.
    #[must_use]
    pub const fn new(name: &'static str, shape: MemberShape) -> Self {
        Member {
            name,
            shape,
            header: None,
            json_name: None,
            xml_name: None,
            description: "",
            members: &[],
        }
    }

    /// Binds the member to the header `name`.
    #[must_use]
    pub const fn with_header(mut self, name: &'static str) -> Self {
        self.header = Some(name);
        self
    }

    /// Its key in `rest-json` bodies.
    #[must_use]
    pub const fn with_json_name(mut self, name: &'static str) -> Self {
        self.json_name = Some(name);
        self
    }

    /// Its element name in XML bodies.
    #[must_use]
    pub const fn with_xml_name(mut self, name: &'static str) -> Self {
        self.xml_name = Some(name);
        self
    }

    /// Its documentation.
    #[must_use]
    pub const fn with_description(mut self, description: &'static str) -> Self {
        self.description = description;
        self
    }

    /// For a document, the members of the structure it holds (of each
    /// item of a list, of each value of a map).
    #[must_use]
    pub const fn with_members(mut self, members: &'static [Member]) -> Self {
        self.members = members;
        self
    }

    /// The name of the error's field that holds it.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// How its value is carried.
    #[must_use]
    pub const fn shape(&self) -> MemberShape {
        self.shape
    }

    /// The header it is bound to, if any.
    #[must_use]
    pub const fn header(&self) -> Option<&'static str> {
        self.header
    }

    /// Its key in `rest-json` bodies, where it is not its name.
    #[must_use]
    pub const fn json_name(&self) -> Option<&'static str> {
        self.json_name
    }

    /// Its element name in XML bodies, where it is not its name.
    #[must_use]
    pub const fn xml_name(&self) -> Option<&'static str> {
        self.xml_name
    }

    /// Its documentation, plain text.
    #[must_use]
    pub const fn description(&self) -> &'static str {
        self.description
    }

    /// For a document, the members of the structure it holds.
    #[must_use]
    pub const fn members(&self) -> &'static [Member] {
        self.members
    }

    /// The header it is sent in by `protocol`, if it is bound to one and
    /// the protocol binds members to headers.
    #[must_use]
    pub fn header_in(&self, protocol: &Protocol) -> Option<&'static str> {
        self.header.filter(|_| protocol.binds_headers())
    }

    /// Its name in a body of `protocol`: the JSON name in `rest-json`, the
    /// XML name in the XML protocols, else its name.
    #[must_use]
    pub fn wire_name(&self, protocol: &Protocol) -> &'static str {
        let renamed = match protocol {
            Protocol::RestJson => self.json_name,
            xml if xml.is_xml() => self.xml_name,
            _ => None,
        };
        renamed.unwrap_or(self.name)
    }
}

/// The member of `members` named `name`.
pub(crate) fn find(members: &'static [Member], name: &str) -> Option<&'static Member> {
    members.iter().find(|member| member.name == name)
}

/// The member of `members` whose name in a body of `protocol` is
/// `wire_name`.
pub(crate) fn find_wire(
    members: &'static [Member],
    protocol: &Protocol,
    wire_name: &str,
) -> Option<&'static Member> {
    members
        .iter()
        .find(|member| member.wire_name(protocol) == wire_name)
}

/// How values travel: each shape's form in a header, a JSON body and an
/// XML body (see [`Member`]).
impl Member {
    /// The value as header text; `None` for a document, or a value its
    /// shape cannot be written from.
    pub(crate) fn header_text(&self, value: &Value) -> Option<String> {
        match (self.shape, value) {
            (MemberShape::Document, _) => None,
            (MemberShape::Timestamp, value) => {
                timestamp::http_date(timestamp::seconds_of_value(value)?)
            }
            (_, Value::String(text)) => Some(text.clone()),
            (_, Value::Number(number)) => Some(number.to_string()),
            (_, Value::Bool(flag)) => Some(flag.to_string()),
            _ => None,
        }
    }

    /// The value of header text, as the field keeps it; `None` when the
    /// text is not of the member's shape.
    pub(crate) fn read_header(&self, text: &str) -> Option<Value> {
        let text = text.trim();
        match self.shape {
            MemberShape::String => Some(Value::from(text)),
            MemberShape::Integer => timestamp::integer(text).map(Value::from),
            MemberShape::Boolean => text.parse::<bool>().ok().map(Value::from),
            MemberShape::Timestamp => timestamp::parse_http_date(text).map(Value::from),
            MemberShape::Document => None,
        }
    }

    /// The value as a JSON body of `protocol` carries it: a timestamp as
    /// epoch seconds, a document's keys under their wire names.
    pub(crate) fn json_value<'v>(&self, value: &'v Value, protocol: &Protocol) -> Cow<'v, Value> {
        let changes = match self.shape {
            MemberShape::Timestamp => value.is_string(),
            MemberShape::Document => !self.members.is_empty(),
            _ => false,
        };
        if !changes {
            return Cow::Borrowed(value);
        }
        let mut value = value.clone();
        to_wire_form(self, &mut value, protocol);
        Cow::Owned(value)
    }

    /// A value read from a JSON body of `protocol`, as the field keeps it:
    /// a document's keys under their member names.
    pub(crate) fn read_json(&self, mut value: Value, protocol: &Protocol) -> Value {
        if self.shape == MemberShape::Document && !self.members.is_empty() {
            unrename(&mut value, self.members, protocol, &|text, _| {
                Value::String(text)
            });
        }
        value
    }

    /// A value read from an XML body (text, or nested elements as objects
    /// and arrays of text), as the field keeps it: text of the member's
    /// shape turned into its value, a document's elements under their
    /// member names with their leaves typed by their members' shapes. Text
    /// that is not of its shape stays text.
    pub(crate) fn read_xml(&self, mut value: Value, protocol: &Protocol) -> Value {
        match (self.shape, &mut value) {
            (MemberShape::Document, _) => unrename(&mut value, self.members, protocol, &leaf),
            (_, Value::String(text)) => value = leaf(std::mem::take(text), Some(self)),
            _ => {}
        }
        value
    }
}

/// Text of an XML leaf, typed by the member it belongs to.
fn leaf(text: String, member: Option<&Member>) -> Value {
    let typed = match member.map(Member::shape) {
        Some(MemberShape::Integer) => timestamp::integer(text.trim()).map(Value::from),
        Some(MemberShape::Boolean) => text.trim().parse::<bool>().ok().map(Value::from),
        Some(MemberShape::Timestamp) => timestamp::parse_date_time(&text),
        _ => None,
    };
    typed.unwrap_or(Value::String(text))
}

/// Epoch seconds as a JSON number: whole when they are.
pub(crate) fn number(seconds: f64) -> Value {
    if seconds.fract() == 0.0 && seconds.abs() < 9.0e15 {
        #[allow(
            clippy::cast_possible_truncation,
            reason = "a whole number under 2^53, exact as an i64"
        )]
        Value::from(seconds as i64)
    } else {
        Value::from(seconds)
    }
}

/// Turns `value`, in place, into the form a JSON body of `protocol`
/// carries for `member`: a timestamp given as text into epoch seconds, a
/// document's keys under their wire names.
//
// Maps rebuilt entry by entry with `insert`: collecting new maps
// instantiated `BTreeMap`'s bulk build and sorts in this crate, which
// tripled its LLVM IR and added 0.4 s to its clean build, and
// `Map::remove` its rebalancing (2,500 lines).
fn to_wire_form(member: &Member, value: &mut Value, protocol: &Protocol) {
    match member.shape {
        MemberShape::Timestamp if value.is_string() => {
            if let Some(seconds) = timestamp::seconds_of_value(value) {
                *value = number(seconds);
            }
        }
        MemberShape::Document => rename(value, member.members, protocol),
        _ => {}
    }
}

/// The keys of `value`'s objects (of each item, for an array) that name one
/// of `members`, under their wire names in `protocol`, and their values in
/// its form.
fn rename(value: &mut Value, members: &'static [Member], protocol: &Protocol) {
    match value {
        Value::Array(items) => {
            for item in items {
                rename(item, members, protocol);
            }
        }
        Value::Object(object) => {
            // Every member out first, so that one's wire name never takes
            // another's place.
            let mut found = Vec::new();
            for (key, nested) in std::mem::take(object) {
                match members.iter().find(|member| member.name == key) {
                    Some(member) => found.push((member, nested)),
                    None => {
                        object.insert(key, nested);
                    }
                }
            }
            for (member, mut nested) in found {
                to_wire_form(member, &mut nested, protocol);
                object.insert(member.wire_name(protocol).to_owned(), nested);
            }
        }
        _ => {}
    }
}

/// The keys of `value`'s objects under their member names, and its string
/// leaves made values by `leaf` (given the member they belong to).
fn unrename(
    value: &mut Value,
    members: &'static [Member],
    protocol: &Protocol,
    leaf: &dyn Fn(String, Option<&Member>) -> Value,
) {
    match value {
        Value::Array(items) => {
            for item in items {
                unrename(item, members, protocol, leaf);
            }
        }
        Value::Object(object) => {
            let mut found = Vec::new();
            // Undeclared keys stay as they are, with their values.
            for (key, nested) in std::mem::take(object) {
                match members.iter().find(|m| m.wire_name(protocol) == key) {
                    Some(member) => found.push((member, nested)),
                    None => {
                        object.insert(key, nested);
                    }
                }
            }
            for (member, mut nested) in found {
                match &mut nested {
                    Value::String(text) => nested = leaf(std::mem::take(text), Some(member)),
                    _ => unrename(&mut nested, member.members, protocol, leaf),
                }
                object.insert(member.name.to_owned(), nested);
            }
        }
        Value::String(text) => *value = leaf(std::mem::take(text), None),
        _ => {}
    }
}
