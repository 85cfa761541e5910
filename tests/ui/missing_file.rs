use errtable::ErrorTable;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/does-not-exist.md")]
pub struct Missing;

fn main() {}
