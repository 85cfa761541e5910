use errtable::ErrorTable;

// An operation the model lacks: the nearest names are suggested.
#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier-2012-06-01.json", operation = "DescribeJobs")]
pub struct Typo;

// A table lists no operations.
#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", operation = "DescribeJob")]
pub struct NotAModel;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier-2012-06-01.json", operation = "ListJobs", operation = "DescribeJob")]
pub struct Twice;

fn main() {}
