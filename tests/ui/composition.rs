use errtable::ErrorTable;

// A code defined in two files names both places.
#[derive(ErrorTable)]
#[error_table(spec = ["ui/specs/ok.md", "ui/specs/redefines.json"])]
pub struct Twice;

// One missing file among several is reported; the others still load.
#[derive(ErrorTable)]
#[error_table(spec = ["ui/specs/ok.md", "ui/specs/absent.md"])]
pub struct MissingOne;

fn main() {
    let _still_generated = MissingOneException::BadRequest;
}
