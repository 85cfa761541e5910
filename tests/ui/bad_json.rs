use errtable::ErrorTable;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/bad_syntax.json")]
pub struct BadSyntax;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/bad_entries.json")]
pub struct BadEntries;

fn main() {}
