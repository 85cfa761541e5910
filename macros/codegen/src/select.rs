//! `only(...)` and `except(...)`: derive an enum for a subset of a table.

use crate::attr::{Subset, SubsetMode};
use crate::model::Row;

/// Keeps the rows `only` names, or drops those `except` names. A name may be
/// the wire code or the variant name. Naming a code the spec lacks is an
/// error at that name; the errors come back beside the rows that remain.
pub fn select(
    rows: Vec<Row>,
    subset: Option<&Subset>,
    sources: &str,
) -> (Vec<Row>, Vec<syn::Error>) {
    let Some(subset) = subset else {
        return (rows, Vec::new());
    };
    let mut errors: Vec<syn::Error> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for selector in &subset.names {
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
        let named = subset.names.iter().any(|s| matches(row, &s.name));
        named == (subset.mode == SubsetMode::Only)
    };
    let rows: Vec<Row> = rows.into_iter().filter(keep).collect();
    if rows.is_empty() && errors.is_empty() {
        errors.push(syn::Error::new(
            subset.span,
            "this subset keeps no code of the table",
        ));
    }
    (rows, errors)
}

fn matches(row: &Row, name: &str) -> bool {
    row.code == name || row.variant == name
}
