use errtable::ErrorTable;

// Every problem of the file is reported at once, each with its line.
#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/bad_rows.md")]
pub struct BadRows;

fn main() {}
