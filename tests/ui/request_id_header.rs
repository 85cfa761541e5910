use errtable::ErrorTable;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md", request_id_header = true)]
pub struct OnByDefault;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md", request_id_header = "x request id")]
pub struct NotAHeader;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md", request_id_header = "a", request_id_header = "b")]
pub struct Twice;

fn main() {}
