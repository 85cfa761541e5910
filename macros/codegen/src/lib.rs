//! The machinery behind `#[derive(errtable::ErrorTable)]`, as plain
//! functions over `proc_macro2`, so that unit tests and the `errtable` CLI
//! run exactly what the derive runs.
//!
//! The front door:
//! - [`derive()`] and [`derive_in`]: the derive itself;
//! - [`load`]: read and check a set of spec files as one table;
//! - [`read`]: read and check one spec's text, in the format its name says
//!   (a `.json` text may be an errtable spec or a service model, told apart
//!   by its content);
//! - [`markdown`] and [`json`]: a `read` and a `write` per format (service
//!   models are read through [`json::read`], and never written);
//! - [`variant_name`]: the Rust name a wire code gets.
//!
//! Behind it, one private module per step: `attr` (the attribute), `files`
//! (finding and reading spec files), the format readers (`json_spec` and
//! `markdown_spec`; `smithy` and `botocore` for service models, with
//! `model` for what they share, behind the `models` feature; under the
//! JSON ones `json_source`, the positioned JSON reader, over `json_syntax`;
//! and `html` for models' documentation), `check` (rows and the table as a
//! whole), `load` (reading and checking a set of files),
//! `subset` (`only`/`except`/`operation`), `naming`, `expand`
//! (code generation, its fixed code as source templates that `template`
//! reads into tokens), `perfect_hash` (the index of big tables) and `text`
//! (the small text helpers the steps share). The
//! readers use nothing above them: `load` calls them, and the public
//! [`json`] and [`markdown`] modules call `load`. Every
//! step reports its problems into one collector (`ctxt`) and goes on, so a
//! run reports every problem at once, and whatever part of the table is
//! valid is still generated next to the compile errors: the user's other
//! code keeps type-checking and only the real problems are reported.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod attr;
#[cfg(feature = "models")]
mod botocore;
mod check;
mod ctxt;
mod expand;
mod files;
#[cfg(feature = "models")]
mod html;
mod input;
mod json_source;
mod json_spec;
mod json_syntax;
mod load;
mod markdown_spec;
#[cfg(feature = "models")]
mod model;
mod naming;
#[cfg(feature = "models")]
mod per_operation;
mod perfect_hash;
#[cfg(feature = "models")]
mod smithy;
mod subset;
mod table;
mod template;
mod text;

pub use files::SpecPath;
pub use load::{load, read, Spec};
pub use naming::variant_name;
pub use table::{Member, Operation, Place, Pos, Problem, Row};

pub mod json;
pub mod markdown;

use ctxt::Ctxt;
use input::Input;
use proc_macro2::TokenStream;
use std::path::{Path, PathBuf};

/// Variable that overrides `CARGO_MANIFEST_DIR` as the base of spec paths,
/// for harnesses such as trybuild that build test code in a generated crate
/// elsewhere. It applies only to the crates Cargo was asked to build (Cargo
/// sets `CARGO_PRIMARY_PACKAGE` for those), never to their dependencies,
/// which keep resolving against their own manifest directories.
pub const MANIFEST_DIR_OVERRIDE: &str = "ERRTABLE_MANIFEST_DIR";

/// Expands `#[derive(ErrorTable)]`, with spec paths relative to the
/// deriving crate's manifest directory.
#[must_use]
pub fn derive(input: TokenStream) -> TokenStream {
    derive_with_base(input, &manifest_dir())
}

/// Expands `#[derive(ErrorTable)]` with spec paths relative to `base`, as
/// tools outside a build (the CLI's `expand`) need.
#[must_use]
pub fn derive_in(input: TokenStream, base: &Path) -> TokenStream {
    derive_with_base(input, &Ok(base.to_path_buf()))
}

/// The derive's stages: its input, the table it loads, the rows it
/// selects, the code it generates, and the problems of each, reported
/// together next to whatever could be generated.
fn derive_with_base(tokens: TokenStream, base: &Result<PathBuf, String>) -> TokenStream {
    let item: syn::DeriveInput = match syn::parse2(tokens) {
        Ok(item) => item,
        Err(err) => return err.to_compile_error(),
    };
    let ctxt = Ctxt::new();
    let mut input = Input::from_syn(&item, &ctxt);
    let (specs, common) = input.spec_paths(base, &ctxt);
    let loaded = load::load_table(&specs, &common, &input.unknown.to_string());
    let rows = subset::select(&loaded, &input, &ctxt);
    input.adopt_model(&loaded.spec, &ctxt);
    let mut tokens = expand::expand(&input, &rows, &input.spec_names(), &loaded.spec.read);
    if let Some(full) = &input.full {
        tokens.extend(expand::conversions(&input, &rows, full));
    }
    #[cfg(feature = "models")]
    if input.per_operation.is_some() {
        tokens.extend(per_operation::expand(&input, &loaded, &ctxt));
    }
    tokens.extend(ctxt.report(&input.spec_literals(), input.span));
    tokens
}

/// The indices of `keys` in ascending order of their keys, equal keys in
/// index order.
///
/// Every sort of this crate goes through this one: std's sort is compiled
/// anew for each element type and comparison (about 2,500 lines of LLVM IR
/// each), and every clean build of a deriving crate pays for it.
pub(crate) fn sorted_order(keys: &[[usize; 3]]) -> Vec<usize> {
    let mut keyed = Vec::with_capacity(keys.len());
    for (index, &key) in keys.iter().enumerate() {
        keyed.push((key, index));
    }
    keyed.sort_unstable();
    let mut order = Vec::with_capacity(keyed.len());
    for (_, index) in keyed {
        order.push(index);
    }
    order
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

#[cfg(test)]
mod tests {
    #[test]
    fn sorted_order_is_ascending_and_keeps_equal_keys_in_order() {
        let keys = [[2, 0, 0], [1, 5, 0], [0, 9, 9], [1, 5, 0], [1, 4, 7]];
        assert_eq!(super::sorted_order(&keys), [2, 4, 1, 3, 0]);
        assert!(super::sorted_order(&[]).is_empty());
    }
}
