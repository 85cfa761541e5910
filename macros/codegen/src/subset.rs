//! The selection stage. `only(...)` and `except(...)`: derive an enum for
//! a subset of a table; `operation = "..."`: for the errors one operation
//! of a model returns, and the rows of the tables beside the model.

use crate::ctxt::Ctxt;
use crate::input::{Input, Subset, SubsetMode};
use crate::load::Loaded;
use crate::table::{Operation, Row};
use syn::LitStr;

/// The selection stage: the rows the derive keeps, by its `operation` (the
/// errors it returns, and the common errors of the tables beside the
/// model), then
/// its `only(...)` or `except(...)`. It reports the table's problems, the
/// conflicts between rows of a code it keeps, and, once the files are
/// fine, the problems of what the attribute names (naming a code whose row
/// has problems is no mistake of its own).
pub(crate) fn select(loaded: &Loaded, input: &Input<'_>, ctxt: &Ctxt) -> Vec<Row> {
    let spec = &loaded.spec;
    let sources = crate::text::joined(&input.spec_names(), ", ");
    let named = Ctxt::new();
    let mut rows = spec.rows.clone();
    let mut operation = None;
    if let Some(name) = &input.operation {
        let models = (sources.as_str(), loaded.has_model);
        operation = find_operation(&spec.operations, name, models, &named);
        rows = match operation {
            Some(operation) => operation_rows(rows, operation, loaded),
            None => Vec::new(),
        };
    }
    if let Some(subset) = &input.subset {
        let table = (spec.rows.as_slice(), sources.as_str());
        rows = by_name(rows, subset, table, operation, &named);
    }
    let problems = loaded.problems(|code| rows.iter().any(|row| row.code == code));
    let valid = problems.is_empty();
    for problem in problems {
        ctxt.push(problem);
    }
    let named = named.into_problems();
    if valid {
        for problem in named {
            ctxt.push(problem);
        }
    }
    rows
}

/// The rows of the errors `operation` can return: its own and the
/// service's, the `common` files', and those of tables beside the model
/// whose codes the model lacks (the service's common errors; a table's row
/// of a model's error only describes it).
pub(crate) fn operation_rows(rows: Vec<Row>, operation: &Operation, loaded: &Loaded) -> Vec<Row> {
    let mut kept = Vec::with_capacity(rows.len());
    for row in rows {
        if operation.errors.contains(&row.code)
            || loaded.common_codes.contains(&row.code)
            || !loaded.model_codes.contains(&row.code)
        {
            kept.push(row);
        }
    }
    kept
}

/// Keeps the rows `only` names, or drops those `except` names. A name may
/// be the wire code or the variant name. Naming a code `table` (its rows,
/// and the files they come from) lacks is a problem at that name; so is
/// naming one the `operation` cannot return, which lists those it can.
/// The rows that remain are still returned.
fn by_name(
    rows: Vec<Row>,
    subset: &Subset,
    (table, sources): (&[Row], &str),
    operation: Option<&Operation>,
    ctxt: &Ctxt,
) -> Vec<Row> {
    let mut seen: Vec<&str> = Vec::new();
    let mut named_all = true;
    let has = |rows: &[Row], name: &str| rows.iter().any(|r| matches(&r.code, &r.variant, name));
    for selector in &subset.names {
        if !has(&rows, &selector.name) {
            named_all = false;
            let message = match operation {
                Some(operation) if has(table, &selector.name) => {
                    let codes = codes_of(&rows);
                    let nearest = nearest(&selector.name, &codes);
                    let (hint, listed) = if nearest.is_empty() {
                        ("it returns", codes)
                    } else {
                        ("did you mean", nearest)
                    };
                    format!(
                        "operation `{}` does not return `{}`: {hint} {}",
                        operation.name,
                        selector.name,
                        crate::text::quoted_list(&listed)
                    )
                }
                _ => match nearest(&selector.name, &codes_of(table)).as_slice() {
                    [] => format!("no code `{}` in {sources}", selector.name),
                    nearest => format!(
                        "no code `{}` in {sources}; did you mean {}?",
                        selector.name,
                        crate::text::quoted_list(nearest)
                    ),
                },
            };
            ctxt.spanned(selector.span, message);
        }
        if seen.contains(&selector.name.as_str()) {
            ctxt.spanned(selector.span, format!("`{}` is named twice", selector.name));
        }
        seen.push(&selector.name);
    }
    let mut kept = Vec::with_capacity(rows.len());
    for row in rows {
        if keeps(subset, &row.code, &row.variant) {
            kept.push(row);
        }
    }
    let rows = kept;
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

/// The operation `name` of `operations`. An operation the models lack is a
/// problem at its name, which suggests the nearest; so is `operation`
/// without a model among the files (`models`: the files' names, and
/// whether a model is among them).
fn find_operation<'o>(
    operations: &'o [Operation],
    name: &LitStr,
    (sources, models): (&str, bool),
    ctxt: &Ctxt,
) -> Option<&'o Operation> {
    let wanted = name.value();
    if let Some(operation) = operations.iter().find(|o| o.name == wanted) {
        return Some(operation);
    }
    let message = if !models {
        format!(
            "`operation` picks the errors of an operation of a service model (Smithy JSON AST or botocore), \
             and {sources} holds none: tables list no operations"
        )
    } else if operations.is_empty() {
        format!("no operation `{wanted}` in {sources}: the model has no operations")
    } else {
        let mut names = Vec::with_capacity(operations.len());
        for operation in operations {
            names.push(operation.name.as_str());
        }
        let nearest = nearest(&wanted, &names);
        let hint = if nearest.is_empty() {
            format!("{} operations, none alike", operations.len())
        } else {
            format!("did you mean {}?", crate::text::quoted_list(&nearest))
        };
        format!("no operation `{wanted}` in {sources}; {hint}")
    };
    ctxt.spanned(name.span(), message);
    None
}

/// The codes of `rows`, in order.
fn codes_of(rows: &[Row]) -> Vec<&str> {
    let mut codes = Vec::with_capacity(rows.len());
    for row in rows {
        codes.push(row.code.as_str());
    }
    codes
}

/// Up to three of `names` nearest `wanted`, nearest first: by edit
/// distance ignoring case, within about a third of the name's length, or
/// names that hold the one wanted (`Describe` → `DescribeJob`).
fn nearest<'a>(wanted: &str, names: &[&'a str]) -> Vec<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    let limit = (wanted.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = Vec::new();
    for &name in names {
        let lower = name.to_lowercase();
        let distance = edit_distance(&wanted_lower, &lower);
        if distance <= limit || lower.contains(&wanted_lower) {
            scored.push((distance, name));
        }
    }
    let mut nearest = Vec::new();
    while nearest.len() < 3 {
        let Some(best) = scored.iter().min() else {
            break;
        };
        let best = *best;
        nearest.push(best.1);
        scored.retain(|&candidate| candidate != best);
    }
    nearest
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
        assert_eq!(nearest("DescribeJobs", &names), ["DescribeJob"]);
        assert_eq!(nearest("ListJob", &names), ["ListJobs"]);
        assert_eq!(
            nearest("Describe", &names),
            ["DescribeJob", "DescribeVault"]
        );
        assert_eq!(nearest("describejob", &names), ["DescribeJob"]);
        assert!(nearest("PutBucketAcl", &names).is_empty());
    }
}
