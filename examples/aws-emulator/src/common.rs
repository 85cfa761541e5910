//! The table of requests that name no service the emulator serves: AWS's
//! common errors of the JSON services (`common/json.md`) alone, in AWS JSON
//! 1.0. It is also the table the request-context layer is set up for: its
//! request ids (a UUID in `x-amzn-RequestId`) are what all three services
//! send.

use errtable::ErrorTable;

/// `common/json.md`: `CommonException`, `CommonError`.
#[derive(ErrorTable)]
#[error_table(spec = "common/json.md", protocol = "aws-json")]
pub struct Common;

/// The error for an `X-Amz-Target` whose service the emulator does not
/// serve: InvalidAction, the common page's error for an unknown operation.
pub fn unknown_target(target: &str) -> CommonError {
    CommonError::new(
        CommonException::InvalidAction,
        format!(
            "This emulator serves DynamoDB_20120810.* and AmazonSQS.* in AWS JSON, and STS in \
             the query protocol; it does not serve {target}"
        ),
    )
}
