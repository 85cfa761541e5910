//! `only(...)` and `except(...)`: derive an enum for a subset of a table;
//! `operation = "..."`: for the errors one operation of a model returns.

use crate::attr::{Subset, SubsetMode};
use crate::ctxt::Ctxt;
use crate::table::{Operation, Row};
use syn::LitStr;

/// Keeps the rows `only` names, or drops those `except` names. A name may be
/// the wire code or the variant name. Naming a code the spec lacks is a
/// problem at that name; the rows that remain are still returned.
pub(crate) fn select(rows: Vec<Row>, subset: &Subset, sources: &str, ctxt: &Ctxt) -> Vec<Row> {
    let mut seen: Vec<&str> = Vec::new();
    let mut named_all = true;
    for selector in &subset.names {
        if !rows
            .iter()
            .any(|r| matches(&r.code, &r.variant, &selector.name))
        {
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
    let rows: Vec<Row> = rows
        .into_iter()
        .filter(|row| keeps(subset, &row.code, &row.variant))
        .collect();
    if rows.is_empty() && named_all {
        ctxt.spanned(subset.span, "this subset keeps no code of the table");
    }
    rows
}

/// Whether `subset` keeps the code `code`, whose variant is `variant`.
pub(crate) fn keeps(subset: &Subset, code: &str, variant: &str) -> bool {
    let named = subset.names.iter().any(|s| matches(code, variant, &s.name));
    named == (subset.mode == SubsetMode::Only)
}

fn matches(code: &str, variant: &str, name: &str) -> bool {
    code == name || variant == name
}

/// Whether the operation `name` of `operations` can return `code`; `true`
/// when there is no such operation (that is reported on its own).
pub(crate) fn in_operation(operations: &[Operation], name: &str, code: &str) -> bool {
    operations
        .iter()
        .find(|o| o.name == name)
        .is_none_or(|o| o.errors.iter().any(|c| c == code))
}

/// Keeps the rows of the errors the operation `name` can return. An
/// operation the models lack is a problem at its name, which suggests the
/// nearest; so is `operation` without a model among the files (`models`:
/// whether there is one).
pub(crate) fn operation(
    rows: Vec<Row>,
    operations: &[Operation],
    name: &LitStr,
    (sources, models): (&str, bool),
    ctxt: &Ctxt,
) -> Vec<Row> {
    let wanted = name.value();
    let Some(operation) = operations.iter().find(|o| o.name == wanted) else {
        let message = if !models {
            format!(
                "`operation` picks the errors of an operation of a service model (Smithy JSON AST or botocore), \
                 and {sources} holds none: tables list no operations"
            )
        } else if operations.is_empty() {
            format!("no operation `{wanted}` in {sources}: the model has no operations")
        } else {
            let nearest = nearest(&wanted, operations.iter().map(|o| o.name.as_str()));
            let hint = if nearest.is_empty() {
                format!("{} operations, none alike", operations.len())
            } else {
                format!(
                    "did you mean {}?",
                    nearest
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            format!("no operation `{wanted}` in {sources}; {hint}")
        };
        ctxt.spanned(name.span(), message);
        return Vec::new();
    };
    rows.into_iter()
        .filter(|row| operation.errors.contains(&row.code))
        .collect()
}

/// Up to three of `names` nearest `wanted`, nearest first: by edit
/// distance ignoring case, within about a third of the name's length, or
/// names that hold the one wanted (`Describe` → `DescribeJob`).
fn nearest<'a>(wanted: &str, names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    let limit = (wanted.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = names
        .filter_map(|name| {
            let lower = name.to_lowercase();
            let distance = edit_distance(&wanted_lower, &lower);
            (distance <= limit || lower.contains(&wanted_lower)).then_some((distance, name))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, name)| name).collect()
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("describejob", "describejob"), 0);
        assert_eq!(edit_distance("descrbejob", "describejob"), 1);
    }

    #[test]
    fn nearest_names_first() {
        let names = ["DescribeJob", "DescribeVault", "ListJobs", "GetJobOutput"];
        assert_eq!(nearest("DescribeJobs", names.into_iter()), ["DescribeJob"]);
        assert_eq!(nearest("ListJob", names.into_iter()), ["ListJobs"]);
        assert_eq!(
            nearest("Describe", names.into_iter()),
            ["DescribeJob", "DescribeVault"]
        );
        assert_eq!(nearest("describejob", names.into_iter()), ["DescribeJob"]);
        assert!(nearest("PutBucketAcl", names.into_iter()).is_empty());
    }
}
