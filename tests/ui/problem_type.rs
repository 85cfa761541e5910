//! `problem_type` is an absolute URI with no query or fragment, never
//! `about:blank`: each of these is a compile error at its attribute.
use errtable::ErrorTable;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md", protocol = "problem-json", problem_type = "not a uri")]
pub struct NotAUri;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md", protocol = "problem-json", problem_type = "/problems/")]
pub struct Relative;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md", protocol = "problem-json", problem_type = "about:blank")]
pub struct Blank;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md", protocol = "problem-json", problem_type = "https://e.example/p?v=1")]
pub struct Query;

#[derive(ErrorTable)]
#[error_table(spec = "../spec/glacier.md", protocol = "problem-json", problem_type = "https://e.example/p#x")]
pub struct Fragment;

fn main() {}
