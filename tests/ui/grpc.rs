use errtable::ErrorTable;

// Every bad gRPC code of a spec is reported with its file and line.
#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/bad_grpc.md")]
pub struct BadColumn;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/bad_grpc.json")]
pub struct BadJson;

// And every bad entry of the option, at the entry.
#[derive(ErrorTable)]
#[error_table(
    spec = "ui/specs/ok.md",
    grpc(409 = "ALREADY_EXISTS", 200 = "NOT_FOUND", 404 = "OK", 409 = "ABORTED", 429 = "SLOW_DOWN")
)]
pub struct BadOption;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", grpc(409 = "ALREADY_EXISTS"), grpc(400 = "OUT_OF_RANGE"))]
pub struct TwoOptions;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", grpc(409 = ABORTED))]
pub struct NotAString;

fn main() {}
