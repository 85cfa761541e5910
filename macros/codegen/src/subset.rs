//! `only(...)` and `except(...)`: derive an enum for a subset of a table.

use crate::attr::{Subset, SubsetMode};
use crate::ctxt::Ctxt;
use crate::table::Row;

/// Keeps the rows `only` names, or drops those `except` names. A name may be
/// the wire code or the variant name. Naming a code the spec lacks is a
/// problem at that name; the rows that remain are still returned.
pub(crate) fn select(rows: Vec<Row>, subset: &Subset, sources: &str, ctxt: &Ctxt) -> Vec<Row> {
    let mut seen: Vec<&str> = Vec::new();
    let mut named_all = true;
    for selector in &subset.names {
        if !rows.iter().any(|r| matches(r, &selector.name)) {
            named_all = false;
            ctxt.spanned(
                selector.span,
                format!("no code `{}` in {sources}", selector.name),
            );
        }
        if seen.contains(&selector.name.as_str()) {
            ctxt.spanned(selector.span, format!("`{}` is named twice", selector.name));
        }
        seen.push(&selector.name);
    }
    let keep = |row: &Row| {
        let named = subset.names.iter().any(|s| matches(row, &s.name));
        named == (subset.mode == SubsetMode::Only)
    };
    let rows: Vec<Row> = rows.into_iter().filter(keep).collect();
    if rows.is_empty() && named_all {
        ctxt.spanned(subset.span, "this subset keeps no code of the table");
    }
    rows
}

fn matches(row: &Row, name: &str) -> bool {
    row.code == name || row.variant == name
}
