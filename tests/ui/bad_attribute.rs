use errtable::ErrorTable;

#[derive(ErrorTable)]
pub struct NoAttribute;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", colour = "red", exception = "not an ident")]
pub struct UnknownOption;

#[derive(ErrorTable)]
#[error_table(spec = "/etc/errors.md")]
pub struct AbsolutePath;

fn main() {}
