use errtable::ErrorTable;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", only())]
pub struct Empty;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", except(ResourceNotFoundException, BadRequest))]
pub struct NothingLeft;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", only(BadRequest), except(ResourceNotFoundException))]
pub struct Both;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", only(BadRequest, BadRequest))]
pub struct Repeated;

fn main() {}
