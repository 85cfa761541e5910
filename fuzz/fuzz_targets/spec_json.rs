//! `json::read` (over `json_syntax::parse`) then validation, on any text:
//! no panic, no hang; and the strict parser accepts exactly the documents
//! serde_json accepts (outside the cases where they are documented to
//! differ: numbers out of f64's range, which the spec reader keeps as
//! written, and nesting near the depth limits).
#![no_main]

use errtable_codegen::json_syntax;
use errtable_codegen::validate::{self, FileRows};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = json_syntax::parse(text);
    if let Err(err) = &ours {
        assert!(err.offset <= text.len());
    }
    let nesting = text.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    if nesting < 100 {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(_) => assert!(ours.is_ok(), "serde_json accepts, we refuse: {ours:?}"),
            Err(err) if err.to_string().contains("number out of range") => {}
            Err(err) => assert!(ours.is_err(), "serde_json refuses ({err}), we accept"),
        }
    }
    if let Ok(rows) = errtable_codegen::json::read("f.json", text) {
        let files = [FileRows {
            file: "f.json",
            rows,
        }];
        let (rows, _) = validate::check(&files, "Unknown");
        for row in &rows {
            let _ = proc_macro2::Ident::new(&row.variant, proc_macro2::Span::call_site());
        }
    }
});
