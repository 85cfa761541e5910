use errtable::ErrorTable;

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/name_collision.md")]
pub struct Collide;

fn main() {}
