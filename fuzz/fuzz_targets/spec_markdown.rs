//! `markdown::read` then validation, as the derive runs them, on any text:
//! no panic, no hang, and every row that validates names a variant that
//! is a valid Rust identifier (`proc_macro2::Ident::new` panics otherwise)
//! and a code the checks allow.
#![no_main]

use errtable_codegen::validate::{self, FileRows};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(rows) = errtable_codegen::markdown::read("f.md", text) else {
        return;
    };
    let files = [FileRows { file: "f.md", rows }];
    let (rows, _problems) = validate::check(&files, "Unknown");
    for row in &rows {
        let _ = proc_macro2::Ident::new(&row.variant, proc_macro2::Span::call_site());
        assert!(!row.code.is_empty());
        assert!((100..=599).contains(&row.status));
        assert!(!row.code.contains([':', '#']), "{:?}", row.code);
    }
});
