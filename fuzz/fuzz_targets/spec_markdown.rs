//! `errtable_codegen::markdown::read`, as the derive runs it, on any text:
//! no panic, no hang, every row read names a variant that is a valid Rust
//! identifier (`proc_macro2::Ident::new` panics otherwise) and a code and
//! status the checks allow, and every problem stands inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let spec = errtable_codegen::markdown::read("f.md", text);
    for row in &spec.rows {
        let _ = proc_macro2::Ident::new(&row.variant, proc_macro2::Span::call_site());
        assert!(!row.code.is_empty());
        assert!((300..=599).contains(&row.status));
        assert!(!row.code.contains([':', '#']), "{:?}", row.code);
    }
    for problem in &spec.problems {
        if let Some(pos) = problem.pos() {
            assert!(
                pos.line >= 1 && pos.line <= text.lines().count() + 1,
                "{problem}"
            );
        }
    }
});
