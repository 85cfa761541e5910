//! InitiateJob's body (`JobParameters` in botocore's model), checked as
//! Glacier checks it: well-formed first (SerializationException), then
//! complete (MissingParameterValueException), then valid
//! (InvalidParameterValueException).

use crate::errors;
use crate::json_body::{self, object_field, string_field};
use crate::store::{Action, InventoryFormat, Tier};
use crate::GlacierError;

/// What a valid InitiateJob body asks for.
#[derive(Debug, PartialEq)]
pub struct JobParameters {
    /// What the job does.
    pub action: Action,
    /// `Description`.
    pub description: Option<String>,
    /// `SNSTopic`.
    pub sns_topic: Option<String>,
}

/// Reads and checks an InitiateJob body; no body is no parameters.
pub fn job_parameters(body: &[u8]) -> Result<JobParameters, GlacierError> {
    // No body is no parameters, which the Type check reports.
    let object = &json_body::object(body)?;
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

    let job_type = job_type.ok_or_else(|| {
        errors::parameter_missing("Type (archive-retrieval, inventory-retrieval or select)")
    })?;
    let action = match job_type {
        "inventory-retrieval" => {
            let format = match format.unwrap_or("JSON") {
                "JSON" => InventoryFormat::Json,
                "CSV" => InventoryFormat::Csv,
                other => return Err(errors::inventory_format_invalid(other)),
            };
            Action::Inventory { format }
        }
        "archive-retrieval" | "select" => {
            let select = job_type == "select";
            let archive_id = archive_id.ok_or_else(|| {
                errors::parameter_missing(
                    "ArchiveId (required by archive-retrieval and select jobs)",
                )
            })?;
            if select {
                select_parameters.ok_or_else(|| {
                    errors::parameter_missing("SelectParameters, for a select job")
                })?;
                output_location
                    .ok_or_else(|| errors::parameter_missing("OutputLocation, for a select job"))?;
            }
            let tier = match tier {
                None => Tier::Standard,
                Some(text) => Tier::parse(text).ok_or_else(|| errors::tier_invalid(text))?,
            };
            Action::Retrieval {
                select,
                archive_id: archive_id.to_owned(),
                tier,
                byte_range: byte_range.map(str::to_owned),
            }
        }
        other => return Err(errors::job_type_invalid(other)),
    };
    Ok(JobParameters {
        action,
        description: checked_description(description)?,
        sns_topic: sns_topic.map(str::to_owned),
    })
}

/// At most 1024 printable ASCII characters, as Glacier requires of job and
/// archive descriptions.
pub fn is_valid_description(text: &str) -> bool {
    text.len() <= 1024 && text.bytes().all(|b| (b' '..=b'~').contains(&b))
}

fn checked_description(description: Option<&str>) -> Result<Option<String>, GlacierError> {
    match description {
        Some(text) if !is_valid_description(text) => {
            Err(errors::description_invalid("job description"))
        }
        other => Ok(other.map(str::to_owned)),
    }
}

/// `StartByte-EndByte` of an archive of `size` bytes, megabyte-aligned
/// (the end may also be the archive's last byte), as Glacier accepts it.
pub fn retrieval_range(range: &str, size: u64) -> Result<(u64, u64), GlacierError> {
    range
        .split_once('-')
        .and_then(|(start, end)| Some((start.parse::<u64>().ok()?, end.parse::<u64>().ok()?)))
        .filter(|&(start, end)| crate::tree_hash::is_megabyte_aligned(start, end, size))
        .ok_or_else(|| errors::retrieval_range_invalid(range, size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_ranges_must_be_megabyte_aligned() {
        let size = 4 * 1048576 + 10;
        for (good, bounds) in [
            ("0-1048575", (0, 1048575)),
            ("1048576-4194303", (1048576, 4194303)),
            ("4194304-4194313", (4194304, 4194313)),
            ("0-4194313", (0, 4194313)),
        ] {
            assert_eq!(retrieval_range(good, size).unwrap(), bounds, "{good}");
        }
        for bad in [
            "",
            "0-100",
            "1-1048575",
            "2097152-1048575",
            "0-4194314",
            "4194304-5242879",
            "a-b",
            "0",
            "-1-5",
        ] {
            let err = retrieval_range(bad, size).unwrap_err();
            assert_eq!(err.code(), "InvalidParameterValueException", "{bad}");
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
                format: InventoryFormat::Json
            }
        );
    }
}
