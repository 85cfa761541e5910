use errtable::ErrorTable;

// A code defined in two files names both places.
#[derive(ErrorTable)]
#[error_table(spec = ["ui/specs/ok.md", "ui/specs/redefines.json"])]
pub struct Twice;

// Glacier's docs table and its published model disagree on
// InsufficientCapacityException (503 Server against 400 Client); the
// codes they agree on are one row each.
#[derive(ErrorTable)]
#[error_table(spec = ["../spec/glacier.md", "../spec/glacier-2012-06-01.json"])]
pub struct DocsAndModel;

// One missing file among several is reported; the others still load.
#[derive(ErrorTable)]
#[error_table(spec = ["ui/specs/ok.md", "ui/specs/absent.md"])]
pub struct MissingOne;

fn main() {
    let _still_generated = MissingOneException::BadRequest;
    let _first_definition_kept = DocsAndModelException::InsufficientCapacityException;
}
