//! The `#[derive(ErrorTable)]` macro. Use it through the `errtable` crate,
//! which re-exports it together with the types the generated code names.
//!
//! This crate is only the entry point: reading, validating and expanding the
//! spec live in `errtable-codegen` as plain functions, so the CLI and unit
//! tests run the very same code.

use proc_macro::TokenStream;

/// Derives the exception enum, its mappings and serde impls from a spec file.
///
/// See the `errtable` crate for the attribute's options.
#[proc_macro_derive(ErrorTable, attributes(error_table))]
pub fn derive_error_table(input: TokenStream) -> TokenStream {
    errtable_codegen::derive(input.into()).into()
}
