//! `only(...)` and `except(...)`: derive an enum for a subset of a table.

use crate::attr::Selector;
use crate::model::Row;

/// Keeps the rows `only` names, or drops those `except` names. A name may be
/// the wire code or the variant name. Naming a code the spec lacks is an
/// error at that name; the errors come back beside the rows that remain.
pub fn select(
    rows: Vec<Row>,
    only: Option<&[Selector]>,
    except: Option<&[Selector]>,
    sources: &str,
) -> (Vec<Row>, Vec<syn::Error>) {
    let mut errors: Vec<syn::Error> = Vec::new();
    if let (Some(_), Some(except)) = (only, except) {
        let span = except
            .first()
            .map_or_else(proc_macro2::Span::call_site, |s| s.span);
        errors.push(syn::Error::new(
            span,
            "use either `only(...)` or `except(...)`, not both",
        ));
    }
    let names = only.or(except).unwrap_or_default();
    let mut seen: Vec<&str> = Vec::new();
    for selector in names {
        if !rows.iter().any(|r| matches(r, &selector.name)) {
            errors.push(syn::Error::new(
                selector.span,
                format!("no code `{}` in {sources}", selector.name),
            ));
        }
        if seen.contains(&selector.name.as_str()) {
            errors.push(syn::Error::new(
                selector.span,
                format!("`{}` is named twice", selector.name),
            ));
        }
        seen.push(&selector.name);
    }
    let keep = |row: &Row| {
        let named = names.iter().any(|s| matches(row, &s.name));
        if only.is_some() {
            named
        } else {
            !named
        }
    };
    let rows: Vec<Row> = rows.into_iter().filter(keep).collect();
    if rows.is_empty() && (only.is_some() || except.is_some()) && errors.is_empty() {
        errors.push(syn::Error::new(
            proc_macro2::Span::call_site(),
            "this subset keeps no code of the table",
        ));
    }
    (rows, errors)
}

fn matches(row: &Row, name: &str) -> bool {
    row.code == name || row.variant == name
}
