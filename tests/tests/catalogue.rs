//! The spec catalogue, part 1: malformed-looking or tricky spec files that
//! must derive, each checked row by row (code, variant, status, type,
//! description, retry class). The files are in `tests/specs/catalogue/`;
//! the ones that must fail are UI tests (`tests/ui/catalogue_*.rs`), and
//! the generated ones (10,000 rows, a 5 MiB description, a non-UTF-8 file,
//! a directory) are in `spec_limits.rs`.

use errtable::{ErrorTable, ErrorType, Exception, RetryKind};
// `all()`, the hidden hook behind `ALL`, lets these checks run over any table.
use errtable::__private::Table;
use errtable_codegen::SpecPath;
use std::path::Path;

/// Derives a table from `specs/catalogue/$file` in a module `$module`.
macro_rules! catalogue {
    ($($module:ident: $file:literal;)*) => {$(
        // Not every table's `SpecError` alias is used.
        #[allow(dead_code)]
        mod $module {
            use errtable::ErrorTable;

            #[derive(ErrorTable)]
            #[error_table(spec = $file)]
            pub struct Spec;
        }
    )*};
}

catalogue! {
    crlf: "specs/catalogue/crlf.md";
    bom: "specs/catalogue/bom.md";
    tabs: "specs/catalogue/tabs.md";
    escaped_pipes: "specs/catalogue/escaped_pipes.md";
    entities: "specs/catalogue/entities.md";
    empty_rows: "specs/catalogue/empty_rows.md";
    unicode: "specs/catalogue/unicode.md";
    two_spellings: "specs/catalogue/two_spellings.md";
    two_tables: "specs/catalogue/two_tables.md";
    first_table_lacks_columns: "specs/catalogue/first_table_lacks_columns.md";
    short_rows: "specs/catalogue/short_rows.md";
    no_outer_pipes: "specs/catalogue/no_outer_pipes.md";
    markup: "specs/catalogue/markup.md";
    blockquote: "specs/catalogue/blockquote.md";
    columns: "specs/catalogue/columns.md";
    statuses: "specs/catalogue/statuses.md";
    no_type_column: "specs/catalogue/no_type_column.md";
    retryable: "specs/catalogue/retryable.md";
    keywords: "specs/catalogue/keywords.md";
    no_final_newline: "specs/catalogue/no_final_newline.md";
    front_matter: "specs/catalogue/front_matter.md";
    unicode_json: "specs/catalogue/unicode.json";
    one_line_json: "specs/catalogue/one_line.json";
}

use ErrorType::{Client, Server, Unknown};

/// Checks a derived table row by row, in spec order: code, status, type,
/// description; and that each code looks up its own variant.
fn rows<E: Exception>(expected: &[(&str, u16, ErrorType, &str)]) {
    let all = E::all();
    let got: Vec<(&str, u16, ErrorType, &str)> = all
        .iter()
        .map(|e| (e.code(), e.status(), e.error_type(), e.description()))
        .collect();
    assert_eq!(got, expected);
    for exception in all {
        assert_eq!(&E::from_code(exception.code()), exception);
    }
}

fn of<T: ErrorTable>(expected: &[(&str, u16, ErrorType, &str)]) {
    rows::<T::Exception>(expected)
}

#[test]
fn line_endings_bom_tabs_and_a_missing_final_newline() {
    of::<crlf::Spec>(&[
        ("CrlfOne", 400, Client, "First row."),
        ("CrlfTwo", 503, Server, "Second row."),
    ]);
    of::<bom::Spec>(&[("BomFirst", 400, Client, "A BOM precedes the table.")]);
    // Tabs around and inside cells, and in the delimiter row (GitHub reads
    // `|\t---\t|` as a delimiter).
    of::<tabs::Spec>(&[("Tabbed", 404, Client, "Tabs inside the cell.")]);
    of::<no_final_newline::Spec>(&[("Last", 400, Client, "No newline at the end.")]);
    assert_eq!(crlf::SpecException::CrlfOne.code(), "CrlfOne");
}

#[test]
fn pipes_entities_and_markup_are_resolved_as_markdown_does() {
    of::<escaped_pipes::Spec>(&[
        ("Pipe|Code", 400, Client, "A | B, and a|b in code."),
        ("CodeSpan", 409, Client, "x | y only."),
    ]);
    assert_eq!(
        escaped_pipes::SpecException::PipeCode.code(),
        "Pipe|Code",
        "the wire code keeps the pipe; the variant drops it"
    );
    // `&#124;` is a pipe that does not split the cell; `&nbsp;` is
    // whitespace, collapsed like any other; an unknown entity stays text.
    of::<entities::Spec>(&[(
        "Entity.Code",
        400,
        Client,
        "Tom & Jerry <tags> | a b A © &bogus;",
    )]);
    assert_eq!(entities::SpecException::EntityCode.code(), "Entity.Code");
    of::<markup::Spec>(&[
        ("Bold", 400, Client, "See the docs and bold then code."),
        ("Linked", 404, Client, "Line break and span."),
    ]);
}

#[test]
fn empty_short_and_bare_rows() {
    of::<empty_rows::Spec>(&[
        ("First", 400, Client, "One."),
        ("Second", 500, Server, "Two."),
    ]);
    of::<short_rows::Spec>(&[
        ("NoDescription", 400, Client, ""),
        ("NoRetry", 503, Server, "Only four cells."),
        ("Full", 429, Client, "All five."),
    ]);
    use short_rows::SpecException as S;
    assert_eq!(
        S::NoRetry.retry_kind(),
        RetryKind::Transient,
        "default for 503"
    );
    assert_eq!(S::Full.retry_kind(), RetryKind::Throttling);
    of::<no_outer_pipes::Spec>(&[("Bare", 400, Client, "No pipes at the ends.")]);
}

#[test]
fn every_table_with_the_error_columns_is_read() {
    // A code in two tables that agree on its status and type is one row,
    // described by its first table.
    of::<two_tables::Spec>(&[
        ("FirstTableCode", 400, Client, "From the first table."),
        ("SharedCode", 400, Client, "Described in the first table."),
        ("SecondTableCode", 500, Server, "From the second table."),
    ]);
    of::<first_table_lacks_columns::Spec>(&[(
        "AfterParameters",
        404,
        Client,
        "The second table is the error table.",
    )]);
    of::<blockquote::Spec>(&[("Quoted", 400, Client, "Inside a blockquote.")]);
    of::<front_matter::Spec>(&[("AfterFrontMatter", 400, Client, "d")]);
    of::<columns::Spec>(&[
        ("Reordered", 502, Server, "Columns in any order and case."),
        ("Unknowing", 418, Unknown, "Type in capitals."),
    ]);
}

#[test]
fn unicode_codes_keep_their_exact_spelling() {
    of::<unicode::Spec>(&[
        (
            "Überfüllt",
            429,
            Client,
            "Zu viele Anfragen — bitte warten.",
        ),
        ("日本エラー", 400, Client, "説明は日本語です。"),
        ("Ωmega", 400, Client, "Greek first letter, Latin rest."),
        (
            "💥Boom",
            500,
            Server,
            "An emoji 💥 in the code and 🎉 here.",
        ),
        (
            "Zero\u{200b}Width",
            400,
            Client,
            "A zero-width space hides in the code.",
        ),
        ("Rtl", 400, Client, "עברית and العربية, right to left."),
        (
            "Cafe\u{301}",
            400,
            Client,
            "Written with a combining accent.",
        ),
    ]);
    use unicode::SpecException as U;
    // Variant names are ASCII: ASCII letters and digits kept, other ASCII
    // a word break, each other character spelled as its code point.
    assert_eq!(U::U00DCberfU00FCllt.code(), "Überfüllt");
    assert_eq!(U::U65E5U672CU30A8U30E9U30FC.code(), "日本エラー");
    assert_eq!(U::U03A9mega.code(), "Ωmega");
    assert_eq!(U::U1F4A5Boom.code(), "💥Boom");
    assert_eq!(U::ZeroU200BWidth.code(), "Zero\u{200b}Width");
    assert_eq!(U::CafeU0301.code(), "Cafe\u{301}");
    // Two spellings of one word are two codes with two variants: rustc
    // would read them as one name if they were kept as written.
    use two_spellings::SpecException as T;
    assert_eq!(T::CafU00E9.code(), "Caf\u{e9}");
    assert_eq!(T::CafeU0301.code(), "Cafe\u{301}");
    // The code is exact: the composed spelling is another, unknown code.
    assert!(!U::from_code("Café").is_known());
    assert!(!U::from_code("ZeroWidth").is_known());

    of::<unicode_json::Spec>(&[
        ("Überfüllt", 429, Client, "Escapes: 💥 \"q\" \\ / \t."),
        ("Reordered", 503, Server, ""),
    ]);
    assert_eq!(
        unicode_json::SpecException::Reordered.retry_kind(),
        RetryKind::Transient
    );
    of::<one_line_json::Spec>(&[("Compact", 400, Client, "")]);
}

#[test]
fn statuses_types_and_retry_classes() {
    of::<statuses::Spec>(&[
        ("Lowest", 300, Client, "d"),
        ("Highest", 599, Server, "d"),
        ("WithPhrase", 404, Client, "d"),
        ("LowerType", 400, Client, "d"),
        // No type: 5xx is the server's fault, anything else the client's.
        ("NoTypeServer", 503, Server, "d"),
        ("NoTypeClient", 409, Client, "d"),
    ]);
    of::<no_type_column::Spec>(&[
        ("ClientSide", 400, Client, "d"),
        ("ServerSide", 503, Server, "d"),
    ]);
    use retryable::SpecException as R;
    of::<retryable::Spec>(&[
        ("SlowDown", 400, Client, ""),
        ("Flaky", 400, Client, ""),
        ("Never", 503, Server, ""),
        ("Nope", 429, Client, ""),
        ("Default", 503, Server, ""),
    ]);
    let kinds: Vec<RetryKind> = R::ALL.iter().map(|e| e.retry_kind()).collect();
    assert_eq!(
        kinds,
        [
            RetryKind::Throttling,
            RetryKind::Transient,
            RetryKind::NotRetryable,
            RetryKind::NotRetryable,
            RetryKind::Transient,
        ]
    );
}

#[test]
fn keywords_and_symbol_only_codes_get_valid_names() {
    use keywords::SpecException as K;
    of::<keywords::Spec>(&[
        ("type", 400, Client, "Keyword."),
        ("self", 400, Client, "Becomes SelfCode."),
        ("crate", 400, Client, "d"),
        ("fn", 400, Client, "d"),
        ("_", 400, Client, "Underscore only."),
        ("---", 400, Client, "Dashes only."),
        ("404Thing", 404, Client, "Digit first."),
    ]);
    let named = [
        (K::Type, "type"),
        (K::SelfCode, "self"),
        (K::Crate, "crate"),
        (K::Fn, "fn"),
        (K::U005F, "_"),
        (K::U002DU002DU002D, "---"),
        (K::_404Thing, "404Thing"),
    ];
    for (variant, code) in named {
        assert_eq!(variant.code(), code);
    }
}

/// The plain-function pipeline (`spec::load`, what the CLI runs) reads
/// every catalogue file as the derive did: same codes, statuses and
/// descriptions, in order. Also counts the catalogue, so a file added
/// without a derive above fails here.
#[test]
fn the_plain_pipeline_agrees_with_the_derive_on_every_file() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(base.join("specs/catalogue"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(files.len(), 23, "{files:?}");
    for file in &files {
        let spec = SpecPath::resolve(base, &format!("specs/catalogue/{file}"));
        let loaded = errtable_codegen::load(&[spec], "Unknown");
        assert!(loaded.problems.is_empty(), "{file}: {:?}", loaded.problems);
        assert!(!loaded.rows.is_empty(), "{file}");
        let table: Vec<(String, u16, String)> = loaded
            .rows
            .iter()
            .map(|r| (r.code.clone(), r.status, r.description.clone()))
            .collect();
        let expected = derived_rows(file);
        assert_eq!(table, expected, "{file}");
    }
}

fn table_of<T: ErrorTable>() -> Vec<(String, u16, String)> {
    T::Exception::all()
        .iter()
        .map(|e| (e.code().to_owned(), e.status(), e.description().to_owned()))
        .collect()
}

fn derived_rows(file: &str) -> Vec<(String, u16, String)> {
    match file {
        "blockquote.md" => table_of::<blockquote::Spec>(),
        "bom.md" => table_of::<bom::Spec>(),
        "columns.md" => table_of::<columns::Spec>(),
        "crlf.md" => table_of::<crlf::Spec>(),
        "empty_rows.md" => table_of::<empty_rows::Spec>(),
        "entities.md" => table_of::<entities::Spec>(),
        "escaped_pipes.md" => table_of::<escaped_pipes::Spec>(),
        "first_table_lacks_columns.md" => table_of::<first_table_lacks_columns::Spec>(),
        "front_matter.md" => table_of::<front_matter::Spec>(),
        "keywords.md" => table_of::<keywords::Spec>(),
        "markup.md" => table_of::<markup::Spec>(),
        "no_final_newline.md" => table_of::<no_final_newline::Spec>(),
        "no_outer_pipes.md" => table_of::<no_outer_pipes::Spec>(),
        "one_line.json" => table_of::<one_line_json::Spec>(),
        "retryable.md" => table_of::<retryable::Spec>(),
        "short_rows.md" => table_of::<short_rows::Spec>(),
        "statuses.md" => table_of::<statuses::Spec>(),
        "no_type_column.md" => table_of::<no_type_column::Spec>(),
        "tabs.md" => table_of::<tabs::Spec>(),
        "two_tables.md" => table_of::<two_tables::Spec>(),
        "unicode.json" => table_of::<unicode_json::Spec>(),
        "unicode.md" => table_of::<unicode::Spec>(),
        "two_spellings.md" => table_of::<two_spellings::Spec>(),
        other => panic!("{other}: add it to the catalogue! above"),
    }
}
