//! The derive's one input: the item it is on and its `#[error_table]`
//! options, defaults resolved. `attr` fills it; every later stage reads it.

use crate::ctxt::Ctxt;
use crate::files::SpecPath;
use crate::load::Spec;
use errtable_shared::{GrpcCode, ProtocolKind};
use proc_macro2::Span;
use quote::format_ident;
use std::path::{Path, PathBuf};
use syn::{Generics, Ident, LitStr, Visibility};

/// What `#[derive(ErrorTable)]` is asked to do.
#[derive(Clone)]
pub(crate) struct Input<'a> {
    /// The marker type the derive is on.
    pub marker: &'a Ident,
    pub generics: &'a Generics,
    pub vis: &'a Visibility,
    /// Where the first `#[error_table]` attribute stands: generated code is
    /// spanned there, so what the compiler says about it points at the
    /// attribute that asked for it.
    pub span: Span,
    /// `spec = "file"` or `spec = ["a.md", "b.md"]`, relative to the
    /// deriving crate's manifest directory.
    pub specs: Vec<LitStr>,
    /// `common = "common.md"` or a list: tables of the errors every
    /// operation can return, merged into the table and, with an
    /// `operation` or `per_operation`, into every operation's table.
    pub common: Vec<LitStr>,
    /// `per_operation`: besides the table, a table per operation of the
    /// model in a module, and an enum of the operations.
    pub per_operation: Option<Span>,
    /// `module = "name"`: the module of `per_operation`'s tables, else the
    /// marker's name in snake case.
    pub module: Option<Ident>,
    /// `only(A, B)` or `except(A, B)`: derive a subset of the table.
    pub subset: Option<Subset>,
    /// `operation = "DescribeJob"`: derive the errors one operation of a
    /// service model can return (its own and the service's), and the rows
    /// of the tables beside the model.
    pub operation: Option<LitStr>,
    /// `exception = "Name"`, else the marker's name + `Exception`.
    pub exception: Ident,
    /// `error = "Name"`, else the marker's name + `Error`.
    pub error: Ident,
    /// `unknown = "Name"`, else `Unknown`: the variant for codes not in the
    /// table.
    pub unknown: Ident,
    /// `crate = "path"`, else `::errtable`.
    pub krate: syn::Path,
    /// `exhaustive`: leave `#[non_exhaustive]` off the enum.
    pub exhaustive: bool,
    /// `full = "path::FullException"`: the whole table's enum, which this
    /// one converts into and out of, and whose table-level options
    /// (protocol and problem type, request-id header, XML namespace, gRPC
    /// codes, `ErrorInfo` domain) a subset takes where it names none.
    pub full: Option<syn::Path>,
    /// `protocol = "rest-xml"`, else a service model's, with the span that
    /// names it.
    pub protocol: Option<(ProtocolKind, Span)>,
    /// `problem_type = "https://..."`: with `problem-json`, the base of
    /// problem details' `type`.
    pub problem_type: Option<LitStr>,
    /// `xml_namespace = "..."`, else a service model's `xmlNamespace`.
    pub xml_namespace: Option<LitStr>,
    /// `domain = "..."`: the domain of the table's Google `ErrorInfo`
    /// (AIP-193); without it, the deriving crate's name.
    pub domain: Option<LitStr>,
    /// `request_id_header = "..."` or `= false`.
    pub request_id_header: Option<RequestIdHeader>,
    /// `grpc(409 = "ALREADY_EXISTS")`: the table's gRPC code per HTTP
    /// status, where it is not the one the status maps to.
    pub grpc: Vec<(u16, GrpcCode)>,
}

impl Input<'_> {
    /// The literals naming spec files: `spec`'s, then `common`'s.
    pub(crate) fn spec_literals(&self) -> Vec<LitStr> {
        self.specs.iter().chain(&self.common).cloned().collect()
    }

    /// The names of the spec files, as the attribute gives them: `spec`'s,
    /// then `common`'s.
    pub(crate) fn spec_names(&self) -> Vec<String> {
        self.specs
            .iter()
            .chain(&self.common)
            .map(LitStr::value)
            .collect()
    }

    /// The spec files and the common ones, resolved against `base` (the
    /// deriving crate's manifest directory, or why there is none). An
    /// absolute path is a problem at its literal: it only works on one
    /// machine.
    pub(crate) fn spec_paths(
        &self,
        base: &Result<PathBuf, String>,
        ctxt: &Ctxt,
    ) -> (Vec<SpecPath>, Vec<SpecPath>) {
        let base = match base {
            Ok(base) => base,
            Err(message) if !self.specs.is_empty() => {
                ctxt.spanned(Span::call_site(), message);
                return (Vec::new(), Vec::new());
            }
            Err(_) => return (Vec::new(), Vec::new()),
        };
        let resolve = |lits: &[LitStr]| resolve(lits, base, ctxt);
        (resolve(&self.specs), resolve(&self.common))
    }

    /// Takes what a service model among the specs says where the attribute
    /// says nothing: its protocol and XML namespace. A model that speaks no
    /// protocol errtable speaks needs one named in the attribute. A subset
    /// with `full` speaks its full table's (see [`Input::full`]).
    pub(crate) fn adopt_model(&mut self, spec: &Spec, ctxt: &Ctxt) {
        if self.full.is_some() {
            return;
        }
        if self.protocol.is_none() {
            if let Some(protocol) = spec.protocol {
                self.protocol = Some((protocol, self.span));
            } else if let Some(problem) = &spec.no_protocol {
                ctxt.push(problem.clone());
            }
        }
        if self.xml_namespace.is_none() {
            self.xml_namespace = spec
                .xml_namespace
                .as_ref()
                .map(|uri| LitStr::new(uri, self.span));
        }
    }
}

/// `lits`, resolved against `base`; an absolute path is a problem at its
/// literal.
fn resolve(lits: &[LitStr], base: &Path, ctxt: &Ctxt) -> Vec<SpecPath> {
    let mut specs = Vec::new();
    for lit in lits {
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
    specs
}

/// Where a table's request ids travel, when its attribute says.
#[derive(Clone)]
pub(crate) enum RequestIdHeader {
    /// `request_id_header = "x-request-id"`: this header, in any protocol.
    Named(LitStr),
    /// `request_id_header = false`: no header.
    Off(Span),
}

/// Whether a subset keeps or drops the codes it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SubsetMode {
    Only,
    Except,
}

/// `only(...)` or `except(...)`, with the span of the keyword for errors
/// about the subset as a whole.
#[derive(Clone, Debug)]
pub(crate) struct Subset {
    pub mode: SubsetMode,
    pub span: Span,
    pub names: Vec<Selector>,
}

/// A code named in `only(...)` or `except(...)`: an identifier
/// (`ResourceNotFoundException`) or, for codes that are not one, a string.
#[derive(Clone, Debug)]
pub(crate) struct Selector {
    pub name: String,
    pub span: Span,
}

/// The default item names for a marker: `<Marker>Exception`,
/// `<Marker>Error` and `Unknown`.
pub(crate) fn default_names(marker: &Ident, span: Span) -> (Ident, Ident, Ident) {
    let mut exception = format_ident!("{}Exception", marker);
    let mut error = format_ident!("{}Error", marker);
    exception.set_span(span);
    error.set_span(span);
    (exception, error, Ident::new("Unknown", span))
}
