use errtable::ErrorTable;

// A code of the model that the operation does not return: an error at the
// name, listing what the operation returns.
#[derive(ErrorTable)]
#[error_table(
    spec = "../spec/glacier-2012-06-01.json",
    operation = "DescribeJob",
    only(ResourceNotFoundException, LimitExceededException)
)]
pub struct OnlyMissing;

// A code of no row, in `except`: the nearest codes are suggested.
#[derive(ErrorTable)]
#[error_table(
    spec = "../spec/glacier-2012-06-01.json",
    operation = "DescribeJob",
    except(ResourceNotFoundExceptions)
)]
pub struct ExceptMissing;

// A code of neither the model nor the tables.
#[derive(ErrorTable)]
#[error_table(
    spec = "../spec/glacier-2012-06-01.json",
    operation = "DescribeJob",
    only(NoSuchThing)
)]
pub struct Nowhere;

fn main() {}
