//! Every problem of a JSON spec's members, at its line and column, at once;
//! the row without problems is still generated.
use errtable::{ErrorTable, Exception};

#[derive(ErrorTable)]
#[error_table(spec = "ui/specs/bad_members.json")]
pub struct BadMembers;

fn main() {
    // `Fine` is generated with its member.
    assert_eq!(BadMembersException::Fine.members()[0].name(), "resource");
}
