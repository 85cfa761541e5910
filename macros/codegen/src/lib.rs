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
//! (code generation) and `perfect_hash` (the index of big tables). The
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
mod json_source;
mod json_spec;
mod json_syntax;
mod load;
mod markdown_spec;
#[cfg(feature = "models")]
mod model;
mod naming;
mod perfect_hash;
#[cfg(feature = "models")]
mod smithy;
mod subset;
mod table;

pub use files::SpecPath;
pub use load::{load, read, Spec};
pub use naming::variant_name;
pub use table::{Member, Operation, Place, Pos, Problem, Row};

pub mod json;
pub mod markdown;

use ctxt::Ctxt;
use proc_macro2::{Span, TokenStream};
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
    let ctxt = Ctxt::new();
    let mut attrs = attr::parse(&input.attrs, &ctxt);
    let (exception, error, unknown) = expand::default_names(&input.ident, attrs.span);
    let mut names = expand::Names {
        marker: &input.ident,
        generics: &input.generics,
        vis: &input.vis,
        exception: attrs.exception.take().unwrap_or(exception),
        error: attrs.error.take().unwrap_or(error),
        unknown: attrs.unknown.take().unwrap_or(unknown),
        krate: attrs.krate.take().unwrap_or_else(expand::default_crate),
        span: attrs.span,
        exhaustive: attrs.exhaustive,
        protocol: attrs.protocol.take(),
        problem_type: attrs.problem_type.take().map(|lit| lit.value()),
        xml_namespace: attrs
            .xml_namespace
            .take()
            .map(|lit| (lit.value(), lit.span())),
        domain: attrs.domain.take().map(|lit| (lit.value(), lit.span())),
        full: attrs.full.take(),
        grpc: std::mem::take(&mut attrs.grpc),
        request_id_header: attrs.request_id_header.take().map(|header| match header {
            attr::RequestIdHeader::Named(name) => (Some(name.value()), name.span()),
            attr::RequestIdHeader::Off(span) => (None, span),
        }),
    };

    let mut specs = Vec::new();
    if !attrs.specs.is_empty() {
        match &base {
            Ok(base) => {
                for lit in &attrs.specs {
                    let name = lit.value();
                    if Path::new(&name).is_absolute() {
                        ctxt.spanned(
                            lit.span(),
                            "spec paths are relative to the crate's Cargo.toml; an absolute path only works on one machine",
                        );
                    } else {
                        specs.push(SpecPath::resolve(base, &name));
                    }
                }
            }
            Err(message) => ctxt.spanned(Span::call_site(), message),
        }
    }
    // Two files that disagree about a code this derive leaves out are no
    // problem of its.
    let kept = |code: &str, operations: &[Operation]| {
        let in_operation = attrs
            .operation
            .as_ref()
            .is_none_or(|name| subset::in_operation(operations, &name.value(), code));
        in_operation
            && attrs
                .subset
                .as_ref()
                .is_none_or(|s| subset::keeps(s, code, &variant_name(code)))
    };
    let loaded = load::load_keeping(&specs, &names.unknown.to_string(), &kept);
    let spec_is_valid = loaded.problems.is_empty();
    let models_read = loaded.protocol.is_some() || loaded.no_protocol.is_some();
    for problem in loaded.problems {
        ctxt.push(problem);
    }
    // The attribute's protocol wins; else a service model's own. A model
    // that speaks no protocol errtable speaks needs one named in the
    // attribute (`protocol = "..."`, which then makes this no problem).
    // A subset with `full` speaks its full table's protocol unless it names
    // one (see `expand::Names::full`).
    if names.protocol.is_none() && names.full.is_none() {
        if let Some(protocol) = loaded.protocol {
            names.protocol = Some((protocol, attrs.span));
        } else if let Some(problem) = loaded.no_protocol {
            ctxt.push(problem);
        }
    }
    if names.xml_namespace.is_none() && names.full.is_none() {
        names.xml_namespace = loaded.xml_namespace.map(|uri| (uri, attrs.span));
    }
    let sources: Vec<String> = specs.iter().map(|s| s.name.clone()).collect();
    let mut rows = loaded.rows;
    // Naming a code of a row that has problems is no mistake of its own:
    // the subset and the operation are checked once the files are fine.
    let selection_ctxt = if spec_is_valid { &ctxt } else { &Ctxt::new() };
    if let Some(subset) = &attrs.subset {
        rows = subset::select(rows, subset, &sources.join(", "), selection_ctxt);
    }
    if let Some(operation) = &attrs.operation {
        rows = subset::operation(
            rows,
            &loaded.operations,
            operation,
            (&sources.join(", "), models_read),
            selection_ctxt,
        );
    }
    let mut tokens = expand::expand(&names, &rows, &sources, &loaded.read);
    if let Some(full) = &names.full {
        tokens.extend(expand::conversions(&names, &rows, full));
    }
    let errors = ctxt.into_problems().into_iter().map(|problem| {
        // A problem in a spec file points at the literal that named it.
        let span = match &problem.place {
            Place::Attribute(span) => *span,
            Place::Spec { file, .. } => attrs
                .specs
                .iter()
                .find(|lit| lit.value() == *file)
                .map_or(attrs.span, |lit| lit.span()),
        };
        syn::Error::new(span, problem.to_string())
    });
    if let Some(all) = errors.reduce(|mut all, e| {
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
