use errtable::ErrorTable;

// Spec catalogue: files that are not UTF-8 text, and a directory named like a spec.

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/not_utf8.md")]
pub struct NotUtf8Md;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/not_utf8.json")]
pub struct NotUtf8Json;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/catalogue/a_directory.md")]
pub struct ADirectoryMd;

fn main() {}
