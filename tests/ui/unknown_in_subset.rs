use errtable::ErrorTable;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", only(ResourceNotFoundException, NoSuchCode))]
pub struct DescribeJob;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", except("Not.There"))]
pub struct Other;

fn main() {}
