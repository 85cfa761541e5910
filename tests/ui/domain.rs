//! `domain` names the service an `ErrorInfo` comes from: never empty, no
//! whitespace or control characters. Each bad one is a compile error at its
//! literal; a subset takes its full table's unless it names its own.
use errtable::ErrorTable;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", domain = "")]
pub struct Empty;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", domain = "book shop.example.com")]
pub struct Spaced;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", domain = "bookshop.example.com\n")]
pub struct Newline;

#[derive(ErrorTable)]
#[error_table(
    spec = "ui/specs/ok.md",
    domain = "a.example.com",
    domain = "b.example.com"
)]
pub struct Twice;

// Fine: a domain, and subsets with their full table's or their own.
#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", domain = "bookshop.example.com")]
pub struct Fine;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", only(BadRequest), full = "FineException")]
pub struct FineSubset;

#[derive(ErrorTable)]
#[error_table(
    spec = "ui/specs/ok.md",
    only(BadRequest),
    full = "FineException",
    domain = "subset.example.com"
)]
pub struct OwnDomain;

fn main() {}
