//! AWS JSON 1.0 (DynamoDB, SQS): reading an operation's input from the
//! request body and writing its output. The errors are the tables'; the
//! runtime writes them.
//!
//! Validation answers as AWS's Coral services do: a required member that
//! is missing or `null` is a ValidationException ("1 validation error
//! detected: Value null at 'tableName' failed to satisfy constraint: Member
//! must not be null"), and a body that is not a JSON object, or a member of
//! the wrong JSON type, a SerializationException (see `common/json.md`).

use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use errtable::{Exception, ServiceError};
use serde_json::{Map, Value};
use std::marker::PhantomData;

/// The `Content-Type` of AWS JSON 1.0 requests and responses.
pub const CONTENT_TYPE_1_0: &str = "application/x-amz-json-1.0";

/// What reading a JSON input needs of a service's table: its error type,
/// and the rows AWS answers bad input with. Both JSON services derive
/// `common/json.md`, so both have them.
pub trait JsonTable: Exception {
    /// The table's error type (`DynamoDbError`).
    type Error: From<ServiceError<Self>>;
    /// ValidationException: a required member is missing, or a value is
    /// out of its range.
    fn validation() -> Self;
    /// SerializationException: the body or a member is not of the
    /// operation's input shape.
    fn serialization() -> Self;
}

/// An operation's input, the body's JSON object, read for the service of
/// table `E`: what is wrong with it is an error of `E`.
pub struct Input<E> {
    members: Map<String, Value>,
    table: PhantomData<fn() -> E>,
}

impl<E> std::fmt::Debug for Input<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Input").field(&self.members).finish()
    }
}

impl<E> PartialEq for Input<E> {
    fn eq(&self, other: &Self) -> bool {
        self.members == other.members
    }
}

/// "Value null at 'tableName' failed to satisfy constraint: Member must
/// not be null": Coral names members in lower camel case.
fn member_path(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A ValidationException for `name` missing, with Coral's message.
pub fn missing<E: JsonTable>(name: &str) -> E::Error {
    error(
        E::validation(),
        format!(
            "1 validation error detected: Value null at '{}' failed to satisfy constraint: \
             Member must not be null",
            member_path(name)
        ),
    )
}

/// A ValidationException with `message`.
pub fn invalid<E: JsonTable>(message: impl Into<String>) -> E::Error {
    error(E::validation(), message)
}

/// An error of `E`'s table: its row `exception`, with `message`.
fn error<E: JsonTable>(exception: E, message: impl Into<String>) -> E::Error {
    ServiceError::new(exception, message).into()
}

fn wrong_type<E: JsonTable>(name: &str, expected: &str) -> E::Error {
    error(
        E::serialization(),
        format!("Member {name} must be {expected}"),
    )
}

impl<E: JsonTable> Input<E> {
    /// An input without members.
    pub fn empty() -> Input<E> {
        Input::from_members(Map::new())
    }

    fn from_members(members: Map<String, Value>) -> Input<E> {
        Input {
            members,
            table: PhantomData,
        }
    }

    /// The input in `body`: a JSON object; an empty body is an empty input.
    pub fn parse(body: &[u8]) -> Result<Input<E>, E::Error> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Input::empty());
        }
        match serde_json::from_slice(body) {
            Ok(Value::Object(members)) => Ok(Input::from_members(members)),
            Ok(_) => Err(error(
                E::serialization(),
                "The request body must be a JSON object",
            )),
            Err(err) => Err(error(
                E::serialization(),
                format!("The request body is not JSON: {err}"),
            )),
        }
    }

    /// The input of these members (an object; anything else is an empty
    /// input), for tests and callers in Rust.
    pub fn from_value(value: Value) -> Input<E> {
        match value {
            Value::Object(members) => Input::from_members(members),
            _ => Input::empty(),
        }
    }

    /// Member `name`, unless absent or `null`.
    fn member(&self, name: &str) -> Option<&Value> {
        self.members.get(name).filter(|value| !value.is_null())
    }

    /// A required string member.
    pub fn string(&self, name: &str) -> Result<&str, E::Error> {
        self.optional_string(name)?
            .ok_or_else(|| missing::<E>(name))
    }

    /// An optional string member.
    pub fn optional_string(&self, name: &str) -> Result<Option<&str>, E::Error> {
        match self.member(name) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(_) => Err(wrong_type::<E>(name, "a string")),
        }
    }

    /// A required object member (a structure or map).
    pub fn object(&self, name: &str) -> Result<&Map<String, Value>, E::Error> {
        self.optional_object(name)?
            .ok_or_else(|| missing::<E>(name))
    }

    /// An optional object member.
    pub fn optional_object(&self, name: &str) -> Result<Option<&Map<String, Value>>, E::Error> {
        match self.member(name) {
            None => Ok(None),
            Some(Value::Object(members)) => Ok(Some(members)),
            Some(_) => Err(wrong_type::<E>(name, "an object")),
        }
    }

    /// A required list member.
    pub fn list(&self, name: &str) -> Result<&[Value], E::Error> {
        self.optional_list(name)?.ok_or_else(|| missing::<E>(name))
    }

    /// An optional list member.
    pub fn optional_list(&self, name: &str) -> Result<Option<&[Value]>, E::Error> {
        match self.member(name) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(_) => Err(wrong_type::<E>(name, "a list")),
        }
    }

    /// An optional integer member.
    pub fn optional_integer(&self, name: &str) -> Result<Option<i64>, E::Error> {
        match self.member(name) {
            None => Ok(None),
            Some(value) => value
                .as_i64()
                .map(Some)
                .ok_or_else(|| wrong_type::<E>(name, "an integer")),
        }
    }
}

/// An operation's output: answered 200 with the body as JSON, in AWS JSON
/// 1.0's `Content-Type`. The request-context layer adds the request id.
#[derive(Clone, Debug, PartialEq)]
pub struct Output(pub Value);

impl Output {
    /// `{}`: the output of an operation that returns nothing.
    pub fn empty() -> Output {
        Output(Value::Object(Map::new()))
    }

    /// The body's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        // A Value always serializes.
        serde_json::to_vec(&self.0).unwrap_or_default()
    }
}

impl IntoResponse for Output {
    fn into_response(self) -> Response {
        response(self.to_bytes())
    }
}

/// A 200 response whose body is `bytes`, an output's JSON.
pub fn response(bytes: Vec<u8>) -> Response {
    let mut response = bytes.into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE_1_0));
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dynamodb::DynamoDbException;
    use serde_json::json;

    type DynamoDbInput = Input<DynamoDbException>;

    #[test]
    fn bodies() {
        assert_eq!(DynamoDbInput::parse(b"").unwrap(), DynamoDbInput::empty());
        assert_eq!(
            DynamoDbInput::parse(b" \n").unwrap(),
            DynamoDbInput::empty()
        );
        let input = DynamoDbInput::parse(br#"{"TableName":"t"}"#).unwrap();
        assert_eq!(input.string("TableName").unwrap(), "t");
        for bad in [&b"{["[..], b"[]", b"\"t\"", b"{} x"] {
            let error = DynamoDbInput::parse(bad).unwrap_err();
            assert_eq!(error.code(), "SerializationException");
            assert_eq!(error.status(), 400);
        }
    }

    #[test]
    fn members() {
        let input =
            DynamoDbInput::from_value(json!({"S": "s", "N": 3, "L": [1], "O": {}, "Null": null}));
        assert_eq!(input.string("S").unwrap(), "s");
        assert_eq!(input.optional_integer("N").unwrap(), Some(3));
        assert_eq!(input.list("L").unwrap().len(), 1);
        assert!(input.object("O").unwrap().is_empty());
        assert_eq!(input.optional_string("Nothing").unwrap(), None);

        // Missing and null are both missing: a ValidationException with
        // Coral's message, naming the member in lower camel case.
        for name in ["TableName", "Null"] {
            let error = input.string(name).unwrap_err();
            assert_eq!(error.code(), "ValidationException");
            assert!(error
                .message()
                .starts_with("1 validation error detected: Value null at '"));
        }
        assert_eq!(
            input.string("TableName").unwrap_err().message(),
            "1 validation error detected: Value null at 'tableName' failed to satisfy \
             constraint: Member must not be null"
        );

        // The wrong type is a SerializationException.
        assert_eq!(
            input.string("N").unwrap_err().code(),
            "SerializationException"
        );
        assert_eq!(
            input.optional_integer("S").unwrap_err().code(),
            "SerializationException"
        );
        assert_eq!(
            input.list("O").unwrap_err().code(),
            "SerializationException"
        );
    }

    #[test]
    fn outputs() {
        let response = Output(json!({"TableNames": []})).into_response();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()[CONTENT_TYPE], CONTENT_TYPE_1_0);
        assert_eq!(Output::empty().to_bytes(), b"{}");
    }
}
