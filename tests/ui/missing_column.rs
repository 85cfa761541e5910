use errtable::ErrorTable;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/missing_column.md")]
pub struct MissingColumn;

fn main() {}
