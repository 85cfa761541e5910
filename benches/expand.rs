//! Macro expansion as the table grows: the derive's whole pipeline (read,
//! parse, check, generate) as the plain function the proc macro runs, in
//! release. The 16 rows are the seed's table, 200 and 2,000 real AWS codes
//! (`tests/specs/realistic/`), 20,000 those 2,000 codes with ten numeric
//! suffixes each (no service has that many).
//!
//! Service models too: Smithy models of `tests/specs/models/` derived whole,
//! and one operation of S3's, whose 2.3 MB model is parsed whole for it
//! (`model`), and again right after, when the derive remembers what the
//! model gave (`model_again`).
//!
//! Run: `cargo bench -p errtable-benches --bench expand`. What rustc itself
//! spends expanding, with the macro built as cargo builds it, is measured by
//! `python3 benches/build_times.py --parts scale` and, for models,
//! `python3 benches/model_times.py`.

use divan::{black_box, Bencher};
use proc_macro2::TokenStream;
use std::path::Path;

const SIZES: [usize; 4] = [16, 200, 2_000, 20_000];

fn main() {
    let dir = std::env::temp_dir().join(format!("errtable-expand-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    write_specs(&dir);
    // Spec paths are relative to the deriving crate's manifest dir.
    std::env::set_var("CARGO_MANIFEST_DIR", &dir);
    divan::main();
    let _ = std::fs::remove_dir_all(&dir);
}

/// `spec_<rows>.json` for every size.
fn write_specs(dir: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let copy = |from: &str, rows: usize| {
        std::fs::copy(
            root.join(from),
            dir.join(format!("spec_{rows}.{}", ext(from))),
        )
        .unwrap();
    };
    for model in ["glacier-2012-06-01", "dynamodb-2012-08-10", "s3-2006-03-01"] {
        let gz = root.join(format!("tests/specs/models/{model}.json.gz"));
        let mut text = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(std::fs::File::open(gz).unwrap()),
            &mut text,
        )
        .unwrap();
        std::fs::write(dir.join(format!("{model}.json")), &text).unwrap();
        for copy in 0..COPIES {
            std::fs::write(dir.join(format!("copy{copy}-{model}.json")), &text).unwrap();
        }
    }
    copy("spec/glacier.md", 16);
    copy("tests/specs/realistic/aws-200.json", 200);
    copy("tests/specs/realistic/aws-2000.json", 2_000);
    let big = errtable_codegen::load(
        &[errtable_codegen::SpecPath::resolve(
            &root,
            "tests/specs/realistic/aws-2000.json",
        )],
        "Unknown",
    );
    let rows: Vec<errtable_codegen::Row> = (0..10)
        .flat_map(|n| {
            big.rows.iter().map(move |row| errtable_codegen::Row {
                code: format!("{}{n}", row.code),
                ..row.clone()
            })
        })
        .collect();
    std::fs::write(
        dir.join("spec_20000.json"),
        errtable_codegen::json::write(&rows),
    )
    .unwrap();
}

fn ext(file: &str) -> &str {
    file.rsplit('.').next().unwrap_or("md")
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn derive(bencher: Bencher, rows: usize) {
    let file = if rows == 16 {
        "spec_16.md".to_owned()
    } else {
        format!("spec_{rows}.json")
    };
    let input: TokenStream = format!("#[error_table(spec = {file:?})] pub struct Generated;")
        .parse()
        .unwrap();
    let once = errtable_codegen::derive(input.clone()).to_string();
    assert!(!once.contains("compile_error"), "the spec must be valid");
    bencher.bench_local(|| black_box(errtable_codegen::derive(black_box(input.clone()))));
}

/// Models derived whole, and one operation of S3 (`file operation`).
const MODELS: [&str; 4] = [
    "glacier-2012-06-01.json",
    "dynamodb-2012-08-10.json",
    "s3-2006-03-01.json",
    "s3-2006-03-01.json GetObject",
];

/// More copies of each model than the derive remembers files (4), taken in
/// turn: every derive reads its model afresh.
const COPIES: usize = 5;

fn model_input(model: &str, copy: Option<usize>) -> TokenStream {
    let (file, operation) = match model.split_once(' ') {
        Some((file, operation)) => (file, format!(", operation = {operation:?}")),
        None => (model, String::new()),
    };
    let file = match copy {
        Some(copy) => format!("copy{copy}-{file}"),
        None => file.to_owned(),
    };
    let input: TokenStream =
        format!("#[error_table(spec = {file:?}{operation})] pub struct Generated;")
            .parse()
            .unwrap();
    let once = errtable_codegen::derive(input.clone()).to_string();
    assert!(
        !once.contains("compile_error"),
        "the model must derive: {once}"
    );
    input
}

/// A derive that reads its model: the first derive of a model in a crate.
#[divan::bench(args = MODELS, sample_count = 10, sample_size = 1)]
fn model(bencher: Bencher, model: &str) {
    let inputs: Vec<TokenStream> = (0..COPIES).map(|c| model_input(model, Some(c))).collect();
    // Copy 0 is the one the others pushed out; the next is always the
    // one longest gone.
    let mut next = COPIES - 1;
    bencher.bench_local(|| {
        next = (next + 1) % COPIES;
        black_box(errtable_codegen::derive(black_box(inputs[next].clone())))
    });
}

/// A derive of a model the previous derive read (one enum per operation):
/// what reading it gave is remembered.
#[divan::bench(args = MODELS, sample_count = 10, sample_size = 1)]
fn model_again(bencher: Bencher, model: &str) {
    let input = model_input(model, None);
    bencher.bench_local(|| black_box(errtable_codegen::derive(black_box(input.clone()))));
}
