//! Parses `#[error_table(...)]`, keeping spans so errors point at the
//! option the user wrote.

use crate::ctxt::Ctxt;
use crate::input::{default_names, Input, RequestIdHeader, Selector, Subset, SubsetMode};
use errtable_shared::{GrpcCode, ProtocolKind};
use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{DeriveInput, Ident, LitStr, Token};

/// One `STATUS = "CODE"` of `grpc(...)`.
struct GrpcOverride {
    status: syn::LitInt,
    code: LitStr,
}

impl syn::parse::Parse for GrpcOverride {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let status = input.parse()?;
        input.parse::<Token![=]>()?;
        let code = input.parse()?;
        Ok(GrpcOverride { status, code })
    }
}

impl syn::parse::Parse for Selector {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        if input.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            Ok(Selector {
                name: lit.value(),
                span: lit.span(),
            })
        } else {
            let ident: Ident = input.call(syn::ext::IdentExt::parse_any)?;
            Ok(Selector {
                name: ident.to_string(),
                span: ident.span(),
            })
        }
    }
}

const OPTIONS: &str = "spec, common, operation, per_operation, module, exception, error, unknown, only, except, full, crate, exhaustive, protocol, problem_type, xml_namespace, domain, request_id_header, grpc";

impl<'a> Input<'a> {
    /// The input of a derive on `item`; each problem with its attributes
    /// goes to `ctxt`, and the options that could be read are kept.
    pub(crate) fn from_syn(item: &'a DeriveInput, ctxt: &Ctxt) -> Input<'a> {
        parse(item, ctxt)
    }
}

/// Reads every `#[error_table]` attribute of `item`; each problem goes to
/// `ctxt`, and the options that could be read are returned, the others at
/// their defaults.
fn parse<'a>(item: &'a DeriveInput, ctxt: &Ctxt) -> Input<'a> {
    let mut exception: Option<Ident> = None;
    let mut error: Option<Ident> = None;
    let mut unknown: Option<Ident> = None;
    let mut krate: Option<syn::Path> = None;
    let mut out = Input {
        marker: &item.ident,
        generics: &item.generics,
        vis: &item.vis,
        span: Span::call_site(),
        specs: Vec::new(),
        common: Vec::new(),
        per_operation: None,
        module: None,
        exception: item.ident.clone(),
        error: item.ident.clone(),
        unknown: item.ident.clone(),
        subset: None,
        full: None,
        krate: syn::parse_quote!(::errtable),
        exhaustive: false,
        protocol: None,
        problem_type: None,
        xml_namespace: None,
        domain: None,
        operation: None,
        request_id_header: None,
        grpc: Vec::new(),
    };
    let mut seen_grpc = false;
    let mut seen_any = false;
    let mut failed = false;
    for attr in item
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("error_table"))
    {
        if !seen_any {
            out.span = attr
                .path()
                .segments
                .first()
                .map_or(attr.pound_token.span, |segment| segment.ident.span());
        }
        seen_any = true;
        let result = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(std::string::ToString::to_string)
                .unwrap_or_default();
            let duplicate = || meta.error(format!("`{key}` is given twice"));
            match key.as_str() {
                "spec" => {
                    if !out.specs.is_empty() {
                        return Err(duplicate());
                    }
                    out.specs = parse_specs(meta.value()?)?;
                }
                "common" => {
                    if !out.common.is_empty() {
                        return Err(duplicate());
                    }
                    out.common = parse_specs(meta.value()?)?;
                }
                "per_operation" => {
                    if out.per_operation.is_some() {
                        return Err(duplicate());
                    }
                    out.per_operation = Some(meta.path.span());
                }
                "module" => {
                    if out.module.is_some() {
                        return Err(duplicate());
                    }
                    let lit: LitStr = meta.value()?.parse()?;
                    out.module = Some(lit.parse::<Ident>().map_err(|_| {
                        syn::Error::new(
                            lit.span(),
                            format!("`{}` is not a valid Rust module name", lit.value()),
                        )
                    })?);
                }
                "exception" | "error" | "unknown" => {
                    let slot = match key.as_str() {
                        "exception" => &mut exception,
                        "error" => &mut error,
                        _ => &mut unknown,
                    };
                    if slot.is_some() {
                        return Err(duplicate());
                    }
                    let lit: LitStr = meta.value()?.parse()?;
                    *slot = Some(lit.parse::<Ident>().map_err(|_| {
                        syn::Error::new(
                            lit.span(),
                            format!("`{}` is not a valid Rust identifier", lit.value()),
                        )
                    })?);
                }
                "only" | "except" => {
                    if out.subset.is_some() {
                        return Err(meta.error(
                            "give one `only(...)` or one `except(...)`, not both or twice",
                        ));
                    }
                    let content;
                    syn::parenthesized!(content in meta.input);
                    let names = Punctuated::<Selector, Token![,]>::parse_terminated(&content)?;
                    out.subset = Some(Subset {
                        mode: if key == "only" {
                            SubsetMode::Only
                        } else {
                            SubsetMode::Except
                        },
                        span: meta
                            .path
                            .get_ident()
                            .map_or_else(Span::call_site, Ident::span),
                        names: names.into_iter().collect(),
                    });
                }
                "full" | "crate" => {
                    let slot = if key == "full" {
                        &mut out.full
                    } else {
                        &mut krate
                    };
                    if slot.is_some() {
                        return Err(duplicate());
                    }
                    let lit: LitStr = meta.value()?.parse()?;
                    *slot = Some(lit.parse::<syn::Path>().map_err(|_| {
                        syn::Error::new(lit.span(), format!("`{}` is not a Rust path", lit.value()))
                    })?);
                }
                "protocol" => {
                    if out.protocol.is_some() {
                        return Err(duplicate());
                    }
                    let lit: LitStr = meta.value()?.parse()?;
                    let Some(kind) = ProtocolKind::from_name(&lit.value()) else {
                        return Err(syn::Error::new(
                            lit.span(),
                            format!(
                                "unknown protocol `{}`: expected one of {}",
                                lit.value(),
                                ProtocolKind::names()
                            ),
                        ));
                    };
                    out.protocol = Some((kind, lit.span()));
                }
                "problem_type" | "xml_namespace" | "domain" => {
                    let slot = match key.as_str() {
                        "problem_type" => &mut out.problem_type,
                        "xml_namespace" => &mut out.xml_namespace,
                        _ => &mut out.domain,
                    };
                    if slot.is_some() {
                        return Err(duplicate());
                    }
                    *slot = Some(meta.value()?.parse()?);
                }
                "request_id_header" => {
                    if out.request_id_header.is_some() {
                        return Err(duplicate());
                    }
                    out.request_id_header = Some(request_id_header(meta.value()?)?);
                }
                "operation" => {
                    if out.operation.is_some() {
                        return Err(duplicate());
                    }
                    out.operation = Some(meta.value()?.parse()?);
                }
                "grpc" => {
                    if seen_grpc {
                        return Err(duplicate());
                    }
                    seen_grpc = true;
                    let content;
                    syn::parenthesized!(content in meta.input);
                    let overrides =
                        Punctuated::<GrpcOverride, Token![,]>::parse_terminated(&content)?;
                    // Each bad entry is reported, and the good ones kept.
                    for entry in overrides {
                        if let Some(pair) = grpc_override(&entry, &out.grpc, ctxt) {
                            out.grpc.push(pair);
                        }
                    }
                }
                "exhaustive" => {
                    if out.exhaustive {
                        return Err(duplicate());
                    }
                    out.exhaustive = true;
                }
                _ => return Err(meta.error(format!("unknown option; expected one of: {OPTIONS}"))),
            }
            Ok(())
        });
        if let Err(err) = result {
            failed = true;
            ctxt.syn_error(err);
        }
    }
    let (default_exception, default_error, default_unknown) = default_names(&item.ident, out.span);
    out.exception = exception.unwrap_or(default_exception);
    out.error = error.unwrap_or(default_error);
    out.unknown = unknown.unwrap_or(default_unknown);
    if let Some(krate) = krate {
        out.krate = krate;
    }
    if let Some(base) = &out.problem_type {
        if let Err(problem) = check_problem_type(&base.value()) {
            ctxt.spanned(base.span(), problem);
        }
        let problem_json = out
            .protocol
            .as_ref()
            .is_some_and(|(kind, _)| *kind == ProtocolKind::ProblemJson);
        if !problem_json {
            ctxt.spanned(
                base.span(),
                "`problem_type` is the base of problem details' `type`: it goes with `protocol = \"problem-json\"`",
            );
        }
    }
    check_per_operation(&out, ctxt);
    if let Some(domain) = &out.domain {
        if let Err(problem) = check_domain(&domain.value()) {
            ctxt.spanned(domain.span(), problem);
        }
    }
    if !seen_any {
        ctxt.spanned(
            Span::call_site(),
            "missing `#[error_table(spec = \"path/to/spec.md\")]` (the path is relative to the crate's Cargo.toml)",
        );
    } else if out.specs.is_empty() && !failed {
        ctxt.spanned(
            out.span,
            "missing `spec = \"path/to/spec.md\"` in #[error_table(...)]",
        );
    }
    out
}

/// `per_operation` derives every operation's table, so it takes neither
/// one operation nor a full table; `module` names its module.
fn check_per_operation(input: &Input<'_>, ctxt: &Ctxt) {
    let Some(span) = input.per_operation else {
        if let Some(module) = &input.module {
            ctxt.spanned(
                module.span(),
                "`module` names the module of `per_operation`'s tables: add `per_operation`",
            );
        }
        return;
    };
    if let Some(operation) = &input.operation {
        ctxt.spanned(
            operation.span(),
            "`per_operation` derives a table for every operation: leave `operation` out, or `per_operation` for one operation's table",
        );
    }
    if input.full.is_some() {
        ctxt.spanned(
            span,
            "`per_operation` derives the whole table and converts each operation's into it: leave `full` out",
        );
    }
    // Operations come from service models only.
    if cfg!(not(feature = "models")) {
        ctxt.spanned(
            span,
            "`per_operation` derives a table per operation of a service model: turn on errtable's `models` feature",
        );
    }
}

/// A problem type base: an absolute URI (a scheme, `:`, then more) with no
/// query or fragment, since the code is joined on as a path segment; never
/// `about:blank`, which is the type of problems without one.
fn check_problem_type(base: &str) -> Result<(), String> {
    let why = if base == "about:blank" {
        "is the type of problems without a base: leave `problem_type` out for it"
    } else if !base.split_once(':').is_some_and(|(scheme, rest)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && crate::text::every(scheme, |b| {
                b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
            })
            && !rest.is_empty()
    }) {
        "is not an absolute URI (a scheme such as `https:`, then the rest)"
    } else if base.contains(['?', '#']) {
        "has a query or fragment, after which no code can be joined on as a path segment"
    } else if base
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || !c.is_ascii())
    {
        "holds a character a URI cannot (whitespace, a control character or non-ASCII)"
    } else {
        return Ok(());
    };
    Err(format!(
        "`problem_type = \"{}\"` {why}",
        base.escape_debug()
    ))
}

/// An `ErrorInfo` domain: a name such as `bookshop.example.com` (AIP-193:
/// the service's DNS name, or whatever names the error's source), so
/// nothing empty and no whitespace or control characters.
fn check_domain(domain: &str) -> Result<(), String> {
    if domain.is_empty() {
        return Err(
            "`domain` is empty: name the service the errors come from, such as `domain = \"bookshop.example.com\"`, or leave the option out for the crate's name"
                .to_owned(),
        );
    }
    if let Some(bad) = domain.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "`domain = \"{}\"` holds {bad:?}: a domain is a name without whitespace or control characters, such as `bookshop.example.com`",
            domain.escape_debug()
        ));
    }
    Ok(())
}

/// `"x-request-id"` (a header name) or `false`.
fn request_id_header(value: syn::parse::ParseStream) -> syn::Result<RequestIdHeader> {
    if value.peek(syn::LitBool) {
        let flag: syn::LitBool = value.parse()?;
        if flag.value {
            return Err(syn::Error::new(
                flag.span,
                "`request_id_header = true` is the default (the protocol's header): leave the option out, or name a header",
            ));
        }
        return Ok(RequestIdHeader::Off(flag.span));
    }
    let name: LitStr = value.parse()?;
    let text = name.value();
    if !crate::text::is_header_name(&text) {
        return Err(syn::Error::new(
            name.span(),
            format!("`{}` is not an HTTP header name", text.escape_debug()),
        ));
    }
    Ok(RequestIdHeader::Named(name))
}

/// A checked `STATUS = "CODE"`, or `None` once its problems are reported.
fn grpc_override(
    entry: &GrpcOverride,
    before: &[(u16, GrpcCode)],
    ctxt: &Ctxt,
) -> Option<(u16, GrpcCode)> {
    let status = if let Ok(status @ 300..=599) = entry.status.base10_parse::<u16>() {
        Some(status)
    } else {
        ctxt.spanned(
            entry.status.span(),
            format!(
                "`{}` is not an error status: `grpc(...)` maps HTTP statuses in 300..=599 to gRPC codes",
                entry.status
            ),
        );
        None
    };
    let code = match crate::check::parse_grpc_code(&entry.code.value()) {
        Ok(Some(code)) => Some(code),
        Ok(None) => {
            ctxt.spanned(entry.code.span(), "empty gRPC code");
            None
        }
        Err(message) => {
            ctxt.spanned(entry.code.span(), message);
            None
        }
    };
    let status = status?;
    if before.iter().any(|(s, _)| *s == status) {
        ctxt.spanned(
            entry.status.span(),
            format!("status {status} is given twice in `grpc(...)`"),
        );
        return None;
    }
    Some((status, code?))
}

fn parse_specs(input: syn::parse::ParseStream) -> syn::Result<Vec<LitStr>> {
    if input.peek(syn::token::Bracket) {
        let content;
        syn::bracketed!(content in input);
        let specs: Vec<LitStr> = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?
            .into_iter()
            .collect();
        if specs.is_empty() {
            return Err(content.error("`spec = [...]` names no file"));
        }
        Ok(specs)
    } else {
        Ok(vec![input.parse()?])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(not(feature = "models"))]
    fn per_operation_without_models_says_which_feature() {
        let (_, problems) = attrs(quote::quote! {
            #[error_table(spec = "s.json", per_operation)]
            struct S;
        });
        assert_eq!(
            problems,
            ["`per_operation` derives a table per operation of a service model: turn on errtable's `models` feature"]
        );
    }

    fn attrs(tokens: proc_macro2::TokenStream) -> (Input<'static>, Vec<String>) {
        // Leaked, so the input can borrow the item: a test's only.
        let item: &'static DeriveInput = Box::leak(Box::new(syn::parse2(tokens).unwrap()));
        let ctxt = Ctxt::new();
        let attrs = parse(item, &ctxt);
        let problems = ctxt
            .into_problems()
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        (attrs, problems)
    }

    #[test]
    fn reads_all_options() {
        let (a, problems) = attrs(quote::quote! {
            #[error_table(spec = ["a.md", "b.json"], exception = "E", error = "Err", unknown = "Other", only(A, "B.c"), full = "crate::Full", crate = "my::errtable", exhaustive, operation = "DescribeJob")]
            struct S;
        });
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(a.specs.len(), 2);
        assert_eq!(a.exception, "E");
        assert_eq!(a.error, "Err");
        assert_eq!(a.unknown, "Other");
        let subset = a.subset.unwrap();
        assert_eq!(subset.mode, SubsetMode::Only);
        let only: Vec<String> = subset.names.into_iter().map(|s| s.name).collect();
        assert_eq!(only, ["A", "B.c"]);
        assert!(a.full.is_some());
        let krate = a.krate;
        assert_eq!(quote::quote!(#krate).to_string(), "my :: errtable");
        assert!(a.exhaustive);
        assert_eq!(a.operation.unwrap().value(), "DescribeJob");
    }

    #[test]
    fn rejects_unknown_and_repeated_options() {
        let (_, messages) = attrs(quote::quote! {
            #[error_table(spec = "a.md", spec = "b.md")]
            #[error_table(colour = "red")]
            struct S;
        });
        assert_eq!(messages.len(), 2);
        assert_eq!(messages[0], "`spec` is given twice");
        assert!(messages[1].starts_with("unknown option"));
    }

    #[test]
    fn reads_and_checks_the_domain() {
        let (a, problems) = attrs(quote::quote! {
            #[error_table(spec = "a.md", domain = "bookshop.example.com")]
            struct S;
        });
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(a.domain.unwrap().value(), "bookshop.example.com");
        let (a, _) = attrs(quote::quote! {
            #[error_table(spec = "a.md")]
            struct S;
        });
        assert!(a.domain.is_none());
        let (_, problems) = attrs(quote::quote! {
            #[error_table(spec = "a.md", domain = "")]
            #[error_table(domain = "book shop")]
            struct S;
        });
        // The first is checked; a second is not read.
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0], "`domain` is given twice");
        assert!(problems[1].starts_with("`domain` is empty"));
        for (domain, message) in [
            ("", "`domain` is empty: name the service the errors come from, such as `domain = \"bookshop.example.com\"`, or leave the option out for the crate's name"),
            ("book shop", "`domain = \"book shop\"` holds ' ': a domain is a name without whitespace or control characters, such as `bookshop.example.com`"),
            ("a\u{7}b", "`domain = \"a\\u{7}b\"` holds '\\u{7}': a domain is a name without whitespace or control characters, such as `bookshop.example.com`"),
        ] {
            let (_, problems) = attrs(quote::quote! {
                #[error_table(spec = "a.md", domain = #domain)]
                struct S;
            });
            assert_eq!(problems, [message], "{domain:?}");
        }
    }
}
