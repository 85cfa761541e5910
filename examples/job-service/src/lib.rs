//! A second service crate deriving from the same `spec/glacier.md`, with a
//! service-wide type and a per-operation subset that converts into it.

use errtable::ErrorTable;

/// The job service's view of the Glacier table.
#[derive(ErrorTable)]
#[error_table(spec = "../../spec/glacier.md")]
pub struct Jobs;

/// The errors of ListJobs only.
#[derive(ErrorTable)]
#[error_table(
    spec = "../../spec/glacier.md",
    only(
        ResourceNotFoundException,
        InvalidParameterValueException,
        MissingParameterValueException,
        ServiceUnavailableException
    ),
    full = "JobsException"
)]
pub struct ListJobs;

/// The job states ListJobs filters on.
pub const STATUS_CODES: [&str; 3] = ["InProgress", "Succeeded", "Failed"];

/// Checks ListJobs' `statuscode` parameter as Glacier does.
pub fn check_status_code(statuscode: &str) -> Result<(), ListJobsError> {
    if STATUS_CODES.contains(&statuscode) {
        Ok(())
    } else {
        Err(ListJobsError::new(
            ListJobsException::InvalidParameterValueException,
            format!("The job status code is not valid: {statuscode}"),
        ))
    }
}
