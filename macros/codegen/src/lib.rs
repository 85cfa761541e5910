//! The machinery behind `#[derive(errtable::ErrorTable)]`, as plain
//! functions over `proc_macro2` so that unit tests and the `errtable` CLI run
//! exactly what the derive runs.
//!
//! The pipeline, one file per step:
//! - [`attr`]: the `#[error_table(...)]` options;
//! - [`source`]: finding and reading spec files;
//! - [`markdown`], [`json`]: reading a table out of each format
//!   ([`json_syntax`] is the JSON parser, positions kept);
//! - [`model`]: raw rows, checked rows and problems;
//! - [`validate`]: checking rows and the table as a whole;
//! - [`spec`]: the steps above for a set of files;
//! - [`select`]: `only(...)` / `except(...)` subsets;
//! - [`naming`]: variant names for wire codes;
//! - [`expand`]: code generation;
//! - [`lookup`]: the generated code → variant perfect hash;
//! - [`text`]: the per-row parts of the output, written as source and lexed
//!   once (cheap in a macro built unoptimised).
//!
//! Errors never stop the expansion: whatever part of the table is valid is
//! still generated next to the compile errors, so the user's other code
//! keeps type-checking and only the real problems are reported.

pub mod attr;
pub mod expand;
pub mod json;
pub mod json_syntax;
pub mod lookup;
pub mod markdown;
pub mod model;
pub mod naming;
pub mod select;
pub mod source;
pub mod spec;
pub mod text;
pub mod validate;

use proc_macro2::TokenStream;
use source::SpecPath;
use std::path::{Path, PathBuf};

/// Variable that overrides `CARGO_MANIFEST_DIR` as the base of spec paths,
/// for harnesses such as trybuild that build test code in a generated crate
/// elsewhere. It applies only to the crates Cargo was asked to build (Cargo
/// sets `CARGO_PRIMARY_PACKAGE` for those), never to their dependencies,
/// which keep resolving against their own manifest directories.
pub const MANIFEST_DIR_OVERRIDE: &str = "ERRTABLE_MANIFEST_DIR";

/// Expands `#[derive(ErrorTable)]`, with spec paths relative to the
/// deriving crate's manifest directory.
pub fn derive(input: TokenStream) -> TokenStream {
    derive_with_base(input, manifest_dir())
}

/// Expands `#[derive(ErrorTable)]` with spec paths relative to `base`, as
/// tools outside a build (the CLI's `expand`) need.
pub fn derive_in(input: TokenStream, base: &Path) -> TokenStream {
    derive_with_base(input, Ok(base.to_path_buf()))
}

fn derive_with_base(input: TokenStream, base: Result<PathBuf, String>) -> TokenStream {
    let input: syn::DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(err) => return err.to_compile_error(),
    };
    let mut errors: Vec<syn::Error> = Vec::new();
    let attrs = attr::parse(&input.attrs).unwrap_or_else(|err| {
        errors.push(err);
        attr::Attrs::default()
    });
    let names = expand::Names::new(
        &input,
        attrs.exception.clone(),
        attrs.error.clone(),
        attrs.unknown.clone(),
    );
    let mut specs = Vec::new();
    if !attrs.specs.is_empty() {
        match base {
            Ok(base) => {
                for lit in &attrs.specs {
                    let name = lit.value();
                    if Path::new(&name).is_absolute() {
                        errors.push(syn::Error::new(
                            lit.span(),
                            "spec paths are relative to the crate's Cargo.toml; an absolute path only works on one machine",
                        ));
                    } else {
                        specs.push(SpecPath::resolve(&base, &name));
                    }
                }
            }
            Err(message) => errors.push(syn::Error::new(proc_macro2::Span::call_site(), message)),
        }
    }
    let loaded = spec::load(&specs, &names.unknown.to_string());
    for problem in &loaded.problems {
        let span = attrs
            .specs
            .iter()
            .find(|lit| lit.value() == problem.file)
            .map_or_else(proc_macro2::Span::call_site, |lit| lit.span());
        errors.push(syn::Error::new(span, problem.to_string()));
    }
    let source_names: Vec<String> = specs.iter().map(|s| s.name.clone()).collect();
    let (rows, selection_errors) =
        select::select(loaded.rows, attrs.subset.as_ref(), &source_names.join(", "));
    // Subset errors only make sense once the files themselves are fine.
    if loaded.problems.is_empty() {
        errors.extend(selection_errors);
    }
    let mut tokens = expand::expand(&names, &rows, &source_names, &loaded.read);
    if let Some(full) = &attrs.full {
        tokens.extend(expand::conversions(&names, &rows, full));
    }
    if let Some(all) = errors.into_iter().reduce(|mut all, e| {
        all.combine(e);
        all
    }) {
        tokens.extend(all.to_compile_error());
    }
    tokens
}

fn manifest_dir() -> Result<PathBuf, String> {
    let primary = std::env::var_os("CARGO_PRIMARY_PACKAGE").is_some();
    primary
        .then(|| std::env::var_os(MANIFEST_DIR_OVERRIDE))
        .flatten()
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR"))
        .map(PathBuf::from)
        .ok_or_else(|| {
            format!("CARGO_MANIFEST_DIR is not set: build with Cargo, or set {MANIFEST_DIR_OVERRIDE} to the directory spec paths are relative to")
        })
}
