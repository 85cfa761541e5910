//! Macro expansion time as the table grows: the derive's whole pipeline
//! (read, parse, check, generate) as the plain function the proc macro runs.
//! Run: `cargo bench -p errtable-benches --bench expand`.

use divan::{black_box, Bencher};
use errtable_benches::spec_gen;
use proc_macro2::TokenStream;

const SIZES: [usize; 4] = [16, 200, 2_000, 20_000];

fn main() {
    let dir = std::env::temp_dir().join(format!("errtable-expand-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for rows in SIZES {
        std::fs::write(
            dir.join(format!("spec_{rows}.md")),
            spec_gen::markdown(rows),
        )
        .unwrap();
    }
    // Spec paths are relative to the deriving crate's manifest dir.
    std::env::set_var("CARGO_MANIFEST_DIR", &dir);
    divan::main();
    let _ = std::fs::remove_dir_all(&dir);
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn derive(bencher: Bencher, rows: usize) {
    let input: TokenStream =
        format!("#[error_table(spec = \"spec_{rows}.md\")] pub struct Generated;")
            .parse()
            .unwrap();
    let once = errtable_codegen::derive(input.clone()).to_string();
    assert!(
        !once.contains("compile_error"),
        "the generated spec must be valid"
    );
    bencher.bench_local(|| black_box(errtable_codegen::derive(black_box(input.clone()))));
}
