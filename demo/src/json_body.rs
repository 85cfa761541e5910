//! Reading the JSON request bodies (InitiateJob, access policies, tags,
//! the data retrieval policy) as Glacier does: not JSON, or a field of the
//! wrong kind, is SerializationException.

use crate::errors;
use crate::GlacierError;
use serde_json::{Map, Value};

/// The body as a JSON object; an empty body is an empty object, so that a
/// missing field is reported as missing.
pub fn object(body: &[u8]) -> Result<Map<String, Value>, GlacierError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body).map_err(|err| errors::json_invalid(&err))? {
        Value::Object(object) => Ok(object),
        other => Err(errors::json_kind(
            "The request body",
            "a JSON object",
            kind(&other),
        )),
    }
}

/// The JSON kind of a value, for messages.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `key` of `object` as a string; absent or null is `None`.
pub fn string_field<'a>(
    object: &'a Map<String, Value>,
    key: &str,
) -> Result<Option<&'a str>, GlacierError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(errors::json_kind(key, "a string", kind(other))),
    }
}

/// `key` of `object` as an object; absent or null is `None`.
pub fn object_field<'a>(
    object: &'a Map<String, Value>,
    key: &str,
) -> Result<Option<&'a Map<String, Value>>, GlacierError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(inner)) => Ok(Some(inner)),
        Some(other) => Err(errors::json_kind(key, "an object", kind(other))),
    }
}

/// `key` of `object` as an array; absent or null is `None`.
pub fn array_field<'a>(
    object: &'a Map<String, Value>,
    key: &str,
) -> Result<Option<&'a Vec<Value>>, GlacierError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => Ok(Some(items)),
        Some(other) => Err(errors::json_kind(key, "an array", kind(other))),
    }
}
