//! Small text helpers the steps share, written as loops: each iterator
//! adapter with a closure of its own compiles a dozen std functions into
//! every deriving crate's build (BENCHMARKS.md, "The smallest crate").

/// How many bytes from the start of `bytes` `keep` holds for. This and
/// `every` are the crate's byte scans as plain loops over `fn` predicates:
/// iterator adapters instantiated for each closure had the Markdown reader
/// alone add a fifth to errtable-codegen's build (BENCHMARKS.md, "The
/// smallest crate").
pub(crate) fn leading(bytes: &[u8], keep: fn(u8) -> bool) -> usize {
    let mut count = 0;
    while count < bytes.len() && keep(bytes[count]) {
        count += 1;
    }
    count
}

/// Whether `keep` holds for every byte of `text`.
pub(crate) fn every(text: &str, keep: fn(u8) -> bool) -> bool {
    leading(text.as_bytes(), keep) == text.len()
}

/// Whether `name` is an HTTP header name: an RFC 9110 token (what
/// `http::HeaderName` takes).
pub(crate) fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && every(name, |b| {
            b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
        })
}

/// `items` separated by `separator`.
///
/// Instead of `[String]::join`, which std compiles anew for each element
/// type (1,000 lines of LLVM IR each) into every deriving crate.
pub(crate) fn joined(items: &[String], separator: &str) -> String {
    let mut out = String::new();
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push_str(separator);
        }
        out.push_str(item);
    }
    out
}

/// `names` in backticks, separated by commas: "`A`, `B`".
pub(crate) fn quoted_list(names: &[&str]) -> String {
    let mut list = String::new();
    for name in names {
        if !list.is_empty() {
            list.push_str(", ");
        }
        list.push('`');
        list.push_str(name);
        list.push('`');
    }
    list
}

/// `text` with its whitespace runs collapsed to single spaces, and none
/// at either end: a table cell's text as the Markdown reader keeps it (so
/// a text that this changes cannot be written to a table).
pub(crate) fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn joined_is_join() {
        for items in [&[][..], &["a"][..], &["", "b"][..], &["a", "", "c"][..]] {
            let items: Vec<String> = items.iter().map(|s| (*s).to_owned()).collect();
            assert_eq!(super::joined(&items, ", "), items.join(", "), "{items:?}");
        }
    }

    #[test]
    fn collapse_whitespace_keeps_words_apart_by_one_space() {
        assert_eq!(super::collapse_whitespace(" a \t b\n\nc  "), "a b c");
        assert_eq!(super::collapse_whitespace(" \t "), "");
    }
}
