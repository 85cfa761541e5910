use errtable::ErrorTable;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/no_table.md")]
pub struct NoTable;

fn main() {}
