//! InitiateJob's body (`JobParameters` in botocore's model), checked as
//! Glacier checks it: well-formed first (SerializationException), then
//! complete (MissingParameterValueException), then valid
//! (InvalidParameterValueException).

use crate::extract::{invalid, missing};
use crate::store::{Action, Tier};
use crate::{GlacierError, GlacierException};
use serde_json::{Map, Value};

/// What a valid InitiateJob body asks for.
#[derive(Debug, PartialEq)]
pub struct JobParameters {
    pub action: Action,
    pub description: Option<String>,
    pub sns_topic: Option<String>,
}

/// The JSON kind of a value, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn serialization(message: String) -> GlacierError {
    GlacierError::new(GlacierException::SerializationException, message)
}

fn string_field<'a>(
    object: &'a Map<String, Value>,
    key: &str,
) -> Result<Option<&'a str>, GlacierError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(serialization(format!(
            "{key} must be a string, not {}",
            kind(other)
        ))),
    }
}

fn object_field<'a>(
    object: &'a Map<String, Value>,
    key: &str,
) -> Result<Option<&'a Map<String, Value>>, GlacierError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(inner)) => Ok(Some(inner)),
        Some(other) => Err(serialization(format!(
            "{key} must be an object, not {}",
            kind(other)
        ))),
    }
}

/// Reads and checks an InitiateJob body; no body is no parameters.
pub fn job_parameters(body: &[u8]) -> Result<JobParameters, GlacierError> {
    // No body is no parameters, which the Type check reports.
    let value: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Object(Map::new())
    } else {
        serde_json::from_slice(body)
            .map_err(|err| serialization(format!("The request body is not valid JSON: {err}")))?
    };
    let Value::Object(object) = &value else {
        return Err(serialization(format!(
            "The request body must be a JSON object, not {}",
            kind(&value)
        )));
    };
    let job_type = string_field(object, "Type")?;
    let archive_id = string_field(object, "ArchiveId")?;
    let tier = string_field(object, "Tier")?;
    let format = string_field(object, "Format")?;
    let description = string_field(object, "Description")?;
    let sns_topic = string_field(object, "SNSTopic")?;
    let byte_range = string_field(object, "RetrievalByteRange")?;
    let select_parameters = object_field(object, "SelectParameters")?;
    let output_location = object_field(object, "OutputLocation")?;
    object_field(object, "InventoryRetrievalParameters")?;

    let job_type = job_type
        .ok_or_else(|| missing("Type (archive-retrieval, inventory-retrieval or select)"))?;
    let action = match job_type {
        "inventory-retrieval" => {
            let format = format.unwrap_or("JSON");
            if format != "JSON" && format != "CSV" {
                return Err(invalid(format!(
                    "The inventory format is not valid: {format}. It must be CSV or JSON."
                )));
            }
            Action::Inventory {
                format: format.to_owned(),
            }
        }
        "archive-retrieval" | "select" => {
            let select = job_type == "select";
            let archive_id = archive_id.ok_or_else(|| {
                missing("ArchiveId (required by archive-retrieval and select jobs)")
            })?;
            if select {
                select_parameters.ok_or_else(|| missing("SelectParameters, for a select job"))?;
                output_location.ok_or_else(|| missing("OutputLocation, for a select job"))?;
            }
            let tier = match tier {
                None => Tier::Standard,
                Some(text) => Tier::parse(text).ok_or_else(|| {
                    invalid(format!(
                        "The tier is not valid: {text}. It must be Expedited, Standard or Bulk."
                    ))
                })?,
            };
            if let Some(range) = byte_range {
                check_byte_range(range)?;
            }
            Action::Retrieval {
                select,
                archive_id: archive_id.to_owned(),
                tier,
                byte_range: byte_range.map(str::to_owned),
            }
        }
        other => {
            return Err(invalid(format!(
                "The job type is not valid: {other}. It must be archive-retrieval, inventory-retrieval or select."
            )))
        }
    };
    Ok(JobParameters {
        action,
        description: checked_description(description)?,
        sns_topic: sns_topic.map(str::to_owned),
    })
}

/// At most 1024 printable ASCII characters, as Glacier requires.
fn checked_description(description: Option<&str>) -> Result<Option<String>, GlacierError> {
    match description {
        Some(text) if text.len() > 1024 || !text.bytes().all(|b| (b' '..=b'~').contains(&b)) => Err(invalid(
            "The job description is not valid: it must be at most 1024 printable ASCII characters.",
        )),
        other => Ok(other.map(str::to_owned)),
    }
}

/// `StartByte-EndByte`, megabyte-aligned: the demo keeps no archives, so it
/// cannot allow the unaligned end that Glacier accepts at an archive's end.
fn check_byte_range(range: &str) -> Result<(), GlacierError> {
    const MIB: u64 = 1 << 20;
    let bounds = range
        .split_once('-')
        .and_then(|(start, end)| Some((start.parse::<u64>().ok()?, end.parse::<u64>().ok()?)));
    match bounds {
        Some((start, end)) if start <= end && start % MIB == 0 && end % MIB == MIB - 1 => Ok(()),
        _ => Err(invalid(format!(
            "The retrieval byte range is not valid: {range}. It must be StartByte-EndByte, \
             megabyte-aligned (0-1048575, 1048576-4194303, ...)."
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_ranges_must_be_megabyte_aligned() {
        for good in ["0-1048575", "1048576-4194303"] {
            assert!(check_byte_range(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "0-100",
            "1-1048575",
            "2097152-1048575",
            "a-b",
            "0",
            "-1-5",
        ] {
            assert!(check_byte_range(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn job_parameters_are_checked_in_glacier_order() {
        let code = |body: &str| {
            job_parameters(body.as_bytes())
                .unwrap_err()
                .code()
                .to_owned()
        };
        assert_eq!(code("{"), "SerializationException");
        assert_eq!(code("[]"), "SerializationException");
        assert_eq!(code(r#"{"Type":5}"#), "SerializationException");
        assert_eq!(
            code(r#"{"Type":"select","SelectParameters":[]}"#),
            "SerializationException"
        );
        assert_eq!(code(""), "MissingParameterValueException");
        assert_eq!(
            code(r#"{"Type":"archive-retrieval"}"#),
            "MissingParameterValueException"
        );
        assert_eq!(
            code(r#"{"Type":"select","ArchiveId":"a"}"#),
            "MissingParameterValueException"
        );
        assert_eq!(
            code(r#"{"Type":"restore"}"#),
            "InvalidParameterValueException"
        );
        assert_eq!(
            code(r#"{"Type":"archive-retrieval","ArchiveId":"a","Tier":"Fast"}"#),
            "InvalidParameterValueException"
        );
        assert_eq!(
            code(r#"{"Type":"inventory-retrieval","Format":"XML"}"#),
            "InvalidParameterValueException"
        );
        assert_eq!(
            code(r#"{"Type":"inventory-retrieval","Description":"tab\t"}"#),
            "InvalidParameterValueException"
        );

        let parameters = job_parameters(
            br#"{"Type":"archive-retrieval","ArchiveId":"a","Tier":"Expedited","Description":"d","SNSTopic":"t","Unknown":1}"#,
        )
        .unwrap();
        assert_eq!(
            parameters.action,
            Action::Retrieval {
                select: false,
                archive_id: "a".into(),
                tier: Tier::Expedited,
                byte_range: None
            }
        );
        assert_eq!(parameters.description.as_deref(), Some("d"));
        assert_eq!(parameters.sns_topic.as_deref(), Some("t"));
        let parameters = job_parameters(br#"{"Type":"inventory-retrieval"}"#).unwrap();
        assert_eq!(
            parameters.action,
            Action::Inventory {
                format: "JSON".into()
            }
        );
    }
}
