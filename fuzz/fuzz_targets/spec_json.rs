//! `errtable_codegen::json::read` on any text: no panic, no hang, every row
//! read names a valid Rust identifier; and its strict parser takes a text
//! for JSON exactly when serde_json does (outside the cases where they are
//! documented to differ: numbers out of f64's range, which the spec reader
//! keeps as written, and nesting near the depth limits).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let spec = errtable_codegen::json::read("f.json", text);
    let ours = !spec
        .problems
        .iter()
        .any(|p| p.message.starts_with("invalid JSON"));
    let nesting = text.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    if nesting < 100 {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(_) => assert!(ours, "serde_json accepts, we refuse: {:?}", spec.problems),
            Err(err) if err.to_string().contains("number out of range") => {}
            Err(err) => assert!(!ours, "serde_json refuses ({err}), we accept"),
        }
    }
    for row in &spec.rows {
        let _ = proc_macro2::Ident::new(&row.variant, proc_macro2::Span::call_site());
        assert!((300..=599).contains(&row.status));
    }
});
