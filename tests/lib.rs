//! errtable's integration and UI tests live in `tests/`. The tables here
//! are derived under `#![deny(warnings, missing_docs)]` and clippy, so any
//! warning or undocumented item in generated code fails the build.
#![deny(warnings, missing_docs, clippy::all)]

/// The seed's Glacier table.
pub mod glacier {
    use errtable::ErrorTable;

    /// Marker for the Glacier error table.
    #[derive(ErrorTable)]
    #[error_table(spec = "../spec/glacier.md")]
    pub struct Glacier;
}

/// A JSON table of codes that are not Rust identifiers, with renamed items.
pub mod tricky {
    use errtable::ErrorTable;

    /// Marker for a table of awkward codes.
    #[derive(ErrorTable)]
    #[error_table(
        spec = "specs/tricky.json",
        exception = "Awkward",
        error = "AwkwardFailure",
        unknown = "Unlisted"
    )]
    pub struct Tricky;
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
