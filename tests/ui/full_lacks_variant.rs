use errtable::ErrorTable;

// A "full" table that lacks one of the subset's codes: the conversion
// cannot be generated, and the compiler says which variant is missing.
#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", only(BadRequest))]
pub struct Narrow;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", full = "NarrowException")]
pub struct Wide;

fn main() {}
