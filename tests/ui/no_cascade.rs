use errtable::{ErrorTable, Exception};

// A bad row is reported once; the valid rows are still generated, so code
// that uses them compiles and adds no follow-on errors.
#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/one_bad_row.md")]
pub struct Partial;

fn main() {
    let e = PartialException::ResourceNotFoundException;
    assert_eq!(e.status(), 404);
    let _err = PartialError::new(e, "m");
}
