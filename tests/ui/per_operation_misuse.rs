use errtable::ErrorTable;

// One operation's table, or every operation's: not both.
#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier-2012-06-01.json", per_operation, operation = "DescribeJob")]
pub struct Both;

// The operations' tables convert into the whole table they derive with it.
#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier-2012-06-01.json", per_operation, full = "crate::Whole")]
pub struct WithFull;

// `module` names per_operation's module.
#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", module = "ops")]
pub struct ModuleAlone;

// A table lists no operations.
#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/ok.md", per_operation)]
pub struct NoModel;

// A module name must be one.
#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier-2012-06-01.json", per_operation, module = "two words")]
pub struct BadModule;

fn main() {}
