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

/// A seeded pseudo-random generator for the bounded property tests:
/// reproducible runs, no dependency.
pub mod rng {
    /// splitmix64.
    pub struct Rng(pub u64);

    impl Rng {
        /// The next 64 random bits.
        pub fn next_u64(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }

        /// A number in `0..n` (`n` > 0).
        pub fn below(&mut self, n: usize) -> usize {
            (self.next_u64() % n as u64) as usize
        }

        /// One of `items` (not empty).
        pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.below(items.len())]
        }
    }
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// docs/sharing.md's examples.
#[cfg(doctest)]
#[doc = include_str!("../docs/sharing.md")]
pub struct SharingDoctests;

/// docs/specs.md's examples.
#[cfg(doctest)]
#[doc = include_str!("../docs/specs.md")]
pub struct SpecsDoctests;
