//! A `Reason` cell is one AIP-193 allows (`[A-Z][A-Z0-9_]+[A-Z0-9]`, at
//! most 63 characters) and no other row's: each problem is a compile error
//! naming the file, the line and the column, and the valid rows are still
//! generated.
use errtable::{ErrorTable, Exception};

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/bad_reasons.md")]
pub struct Bookshop;

fn main() {
    // The valid rows are there: no follow-on errors.
    let _ = BookshopException::Fine.code();
    let _ = BookshopException::ShelfFull.code();
}
