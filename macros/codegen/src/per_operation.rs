//! `per_operation`: beside a service's table, one table per operation of
//! its model, in a module (`dynamo_db::GetItemError`), each converting to
//! and from the service's, and an enum of the operations
//! (`DynamoDbOperation`).

use crate::ctxt::Ctxt;
use crate::expand;
use crate::input::Input;
use crate::load::Loaded;
use crate::naming::variant_name;
use crate::subset;
use crate::table::{Operation, Row};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote_spanned};
use syn::{Generics, Visibility};

/// The operations' tables, their module and conversions, and the enum of
/// the operations. Each table holds the operation's errors, the service's,
/// and the common ones (see [`subset::operation_rows`]), less what `only`
/// or `except` leave out, and speaks as the service's table does.
pub(crate) fn expand(input: &Input<'_>, loaded: &Loaded, ctxt: &Ctxt) -> TokenStream {
    let span = input.per_operation.unwrap_or(input.span);
    // With `operation` or `full` (reported by `attr`), the service's table
    // is not the whole table the operations' convert into.
    if input.operation.is_some() || input.full.is_some() {
        return TokenStream::new();
    }
    let operations = &loaded.spec.operations;
    if operations.is_empty() {
        let why = if loaded.has_model {
            "`per_operation` derives a table per operation, and the model has none"
        } else {
            "`per_operation` derives a table per operation of a service model (Smithy JSON AST or botocore), and the specs hold none: tables list no operations"
        };
        ctxt.spanned(span, why);
        return TokenStream::new();
    }
    let unknown = Ident::new("Unknown", span);
    if let Some(row) = loaded.spec.rows.iter().find(|row| row.variant == "Unknown") {
        ctxt.spanned(
            span,
            format!(
                "code `{}` would become the variant `Unknown`, which the operations' tables keep for codes they lack",
                row.code
            ),
        );
        return TokenStream::new();
    }
    let module = input
        .module
        .clone()
        .unwrap_or_else(|| Ident::new(&snake_case(&input.marker.to_string()), span));
    let vis = inner_visibility(input.vis);
    let generics = Generics::default();
    let markers: Vec<Ident> = operations
        .iter()
        .map(|operation| Ident::new(&variant_name(&operation.name), span))
        .collect();
    let sources = input.spec_names();
    let mut tables = TokenStream::new();
    let mut codes = Vec::with_capacity(operations.len());
    for (operation, marker) in operations.iter().zip(&markers) {
        let rows = rows_of(operation, input, loaded);
        codes.push(rows.iter().map(|row| literal(&row.code, span)).collect());
        let table = Input {
            marker,
            generics: &generics,
            vis: &vis,
            exception: format_ident!("{}Exception", marker, span = span),
            error: format_ident!("{}Error", marker, span = span),
            unknown: unknown.clone(),
            full: None,
            per_operation: None,
            module: None,
            subset: None,
            ..input.clone()
        };
        let doc = format!(
            " The errors the `{}` operation of the [`{}`](super::{}) service can return.",
            operation.name, input.marker, input.marker
        );
        tables.extend(quote_spanned! {span=>
            #[doc = #doc]
            #vis struct #marker;
        });
        tables.extend(expand::expand(&table, &rows, &sources, &[]));
        tables.extend(conversions(input, &table, &rows));
    }
    // A module's own doc resolves links where the module stands.
    let module_doc = format!(
        " The tables of the operations of the [`{}`] service: one error type per operation (`<Operation>Error`), converting to and from [`{}`].",
        input.marker, input.error
    );
    let outer = input.vis;
    // A catalogue: a crate uses the tables of the operations it serves.
    let mut tokens = quote_spanned! {span=>
        #[doc = #module_doc]
        #[allow(dead_code)]
        #outer mod #module {
            #tables
        }
    };
    tokens.extend(operation_enum(input, operations, &markers, &codes, &module));
    tokens
}

/// The rows of `operation`'s table.
fn rows_of(operation: &Operation, input: &Input<'_>, loaded: &Loaded) -> Vec<Row> {
    let rows = subset::operation_rows(loaded.spec.rows.clone(), operation, loaded);
    match &input.subset {
        Some(names) => rows
            .into_iter()
            .filter(|row| subset::keeps(names, &row.code, &row.variant))
            .collect(),
        None => rows,
    }
}

/// Both ways between an operation's table and the service's: into the
/// service's, every exception as itself; from it, an exception the
/// operation lacks as its unknown, which keeps its code, type, statuses,
/// query code and members, so that it goes on the wire unchanged.
fn conversions(service: &Input<'_>, table: &Input<'_>, rows: &[Row]) -> TokenStream {
    let span = table.span;
    let krate = &service.krate;
    let (service_exception, service_error) = (&service.exception, &service.error);
    let (exception, error) = (&table.exception, &table.error);
    let variants: Vec<Ident> = rows.iter().map(|r| Ident::new(&r.variant, span)).collect();
    quote_spanned! {span=>
        #[automatically_derived]
        impl ::core::convert::From<#exception> for super::#service_exception {
            /// The same exception in the service's table.
            fn from(exception: #exception) -> Self {
                match exception {
                    #( #exception::#variants => super::#service_exception::#variants, )*
                    #exception::Unknown(code) => #krate::__private::Table::from_unknown(code),
                }
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<super::#service_exception> for #exception {
            /// The same exception in this operation's table, or its unknown
            /// one keeping everything the service's row says.
            fn from(exception: super::#service_exception) -> Self {
                match exception {
                    #( super::#service_exception::#variants => Self::#variants, )*
                    other => Self::Unknown(#krate::UnknownCode::of(&other)),
                }
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<#error> for super::#service_error {
            /// The same error in the service's table.
            fn from(error: #error) -> Self {
                ::core::convert::From::from(error.into_inner().convert::<super::#service_exception>())
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<super::#service_error> for #error {
            /// The same error in this operation's table, so that `?` works
            /// on the service's errors in every operation's handler.
            fn from(error: super::#service_error) -> Self {
                ::core::convert::From::from(error.into_inner().convert::<#exception>())
            }
        }
    }
}

/// `<Marker>Operation`: the model's operations, by name, with the codes of
/// each one's table.
fn operation_enum(
    input: &Input<'_>,
    operations: &[Operation],
    markers: &[Ident],
    codes: &[Vec<Literal>],
    module: &Ident,
) -> TokenStream {
    let span = input.per_operation.unwrap_or(input.span);
    let marker = input.marker;
    let vis = input.vis;
    let krate = &input.krate;
    let name = format_ident!("{}Operation", marker, span = span);
    let names: Vec<Literal> = operations.iter().map(|o| literal(&o.name, span)).collect();
    let enum_doc = format!(
        " The {} operations of the [`{marker}`] service, in its model's order; each has its errors' table in [`{module}`].",
        operations.len()
    );
    let variant_docs = operations.iter().zip(markers).map(|(operation, m)| {
        format!(
            " `{}`: its errors are [`{module}::{m}Error`].",
            operation.name
        )
    });
    quote_spanned! {span=>
        #[doc = #enum_doc]
        #[allow(dead_code)]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy)]
        #[derive(::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        #vis enum #name {
            #( #[doc = #variant_docs] #markers, )*
        }

        #[allow(dead_code)]
        impl #name {
            /// Every operation, in the model's order.
            pub const ALL: &'static [Self] = &[ #( Self::#markers, )* ];

            /// The operation's name in the model.
            pub const fn name(self) -> &'static str {
                match self {
                    #( Self::#markers => #names, )*
                }
            }

            /// The codes of the errors the operation can return: its
            /// table's, in spec order.
            pub const fn codes(self) -> &'static [&'static str] {
                match self {
                    #( Self::#markers => &[ #( #codes, )* ], )*
                }
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.name())
            }
        }

        #[automatically_derived]
        impl ::core::str::FromStr for #name {
            type Err = #krate::UnknownOperation;

            /// The operation of this name in the model.
            fn from_str(name: &str) -> ::core::result::Result<Self, Self::Err> {
                match name {
                    #( #names => ::core::result::Result::Ok(Self::#markers), )*
                    _ => ::core::result::Result::Err(#krate::UnknownOperation(::core::convert::From::from(name))),
                }
            }
        }
    }
}

/// The visibility of the items in the operations' module that the
/// marker's `vis` gives outside it: a private marker's are `pub(super)`,
/// visible where the marker is.
fn inner_visibility(vis: &Visibility) -> Visibility {
    match vis {
        Visibility::Inherited => syn::parse_quote!(pub(super)),
        Visibility::Restricted(restricted)
            if restricted.in_token.is_none() && restricted.path.is_ident("super") =>
        {
            syn::parse_quote!(pub(in super::super))
        }
        other => other.clone(),
    }
}

/// A name in snake case, as a module is named: `DynamoDb` gives
/// `dynamo_db`.
pub(crate) fn snake_case(name: &str) -> String {
    errtable_shared::words(name)
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("_")
}

fn literal(text: &str, span: Span) -> Literal {
    let mut literal = Literal::string(text);
    literal.set_span(span);
    literal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_are_named_in_snake_case() {
        for (name, module) in [
            ("DynamoDb", "dynamo_db"),
            ("Sqs", "sqs"),
            ("S3", "s3"),
            ("STSService", "sts_service"),
            ("CloudWatch2", "cloud_watch2"),
        ] {
            assert_eq!(snake_case(name), module);
        }
    }
}
