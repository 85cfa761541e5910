//! Compile-fail tests: every kind of bad spec or attribute is a compile
//! error naming the file, the line and the problem.

#[test]
fn ui() {
    // trybuild builds the cases in its own directory under target/; spec
    // paths in the cases stay relative to this crate, as in real use.
    std::env::set_var("ERRTABLE_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR"));
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
}
