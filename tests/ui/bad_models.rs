use errtable::ErrorTable;

// A JSON file that is neither an errtable spec nor a service model.
#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/models/not_a_model.json")]
pub struct NotAModel;

// A Smithy model with an unknown protocol trait, an operation and an error
// that point nowhere, and a shape listed as an error that is not one.
#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/models/dangling.json")]
pub struct Dangling;

// A botocore model without error shapes.
#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/models/no_errors.json")]
pub struct NoErrors;

// A model that speaks only a protocol errtable does not: its own.
#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/models/own_protocol.json")]
pub struct OwnProtocol;

fn main() {
    // The valid error shapes are still generated.
    let _ = DanglingException::VaultNotFound;
    let _ = OwnProtocolException::LimitExceeded;
}
