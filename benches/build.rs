//! Generates what the benchmarks compare errtable with, from the very rows
//! errtable reads: for each table size, the first rows of the realistic
//! 2,000-row table (`tests/specs/realistic/aws-2000.json`) as a spec that
//! errtable derives, and the enum a user would write by hand for the same
//! rows (a fieldless enum, a `match` on the code, a `match` per accessor).

use errtable_codegen::{Row, SpecPath};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The table sizes the lookup is measured at (16 is the seed's table).
const SIZES: [usize; 8] = [50, 100, 200, 300, 500, 1000, 1500, 2000];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    for input in [
        "build.rs",
        "../spec/glacier.md",
        "../tests/specs/realistic/aws-2000.json",
    ] {
        println!("cargo:rerun-if-changed={input}");
    }
    let glacier = load(&manifest, "../spec/glacier.md");
    let aws = load(&manifest, "../tests/specs/realistic/aws-2000.json");

    let mut code = hand_written("Hand16", &glacier);
    for size in SIZES {
        let rows = &aws[..size];
        let spec = out.join(format!("aws-{size}.json"));
        std::fs::write(&spec, errtable_codegen::json::write(rows)).expect("write spec");
        let path = spec.to_string_lossy();
        // The derive takes paths relative to this crate's manifest.
        let relative = relative(&manifest, &spec);
        writeln!(
            code,
            "/// The first {size} rows of the realistic table ({path}), derived by errtable.\n\
             #[derive(errtable::ErrorTable)]\n\
             #[error_table(spec = {relative:?})]\n\
             pub struct Aws{size};\n"
        )
        .unwrap();
        code += &hand_written(&format!("Hand{size}"), rows);
    }
    std::fs::write(out.join("generated.rs"), code).expect("write generated code");
}

fn load(manifest: &Path, name: &str) -> Vec<Row> {
    let spec = errtable_codegen::load(&[SpecPath::resolve(manifest, name)], "Unknown");
    assert!(spec.problems.is_empty(), "{:?}", spec.problems);
    spec.rows
}

/// `to` relative to `from`.
fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut path = PathBuf::new();
    for _ in common..from.len() {
        path.push("..");
    }
    for part in &to[common..] {
        path.push(part);
    }
    path.to_string_lossy().into_owned()
}

/// What a user would write by hand for what errtable derives: an enum of
/// the rows plus one that keeps a code the table lacks (as s3s's
/// `S3ErrorCode::Custom` does), a `match` on the code string, and a `match`
/// for each of code, status and type.
fn hand_written(name: &str, rows: &[Row]) -> String {
    let mut s = format!(
        "/// The hand-written equivalent of {} rows.\n\
         #[derive(Clone, Debug, PartialEq, Eq, Hash)]\npub enum {name} {{\n",
        rows.len()
    );
    for i in 0..rows.len() {
        writeln!(s, "    V{i},").unwrap();
    }
    s += "    Unknown(Box<str>),\n}\n\n";
    writeln!(s, "impl {name} {{").unwrap();
    s += "    pub const ALL: &'static [Self] = &[";
    for i in 0..rows.len() {
        write!(s, "Self::V{i}, ").unwrap();
    }
    s += "];\n\n    pub fn from_code(code: &str) -> Self {\n        match code {\n";
    for (i, row) in rows.iter().enumerate() {
        writeln!(s, "            {:?} => Self::V{i},", row.code).unwrap();
    }
    s += "            other => Self::Unknown(other.into()),\n        }\n    }\n\n";
    s += "    pub fn code(&self) -> &str {\n        match self {\n";
    for (i, row) in rows.iter().enumerate() {
        writeln!(s, "            Self::V{i} => {:?},", row.code).unwrap();
    }
    s += "            Self::Unknown(code) => code,\n";
    s += "        }\n    }\n\n    pub fn status(&self) -> u16 {\n        match self {\n";
    for (i, row) in rows.iter().enumerate() {
        writeln!(s, "            Self::V{i} => {},", row.status).unwrap();
    }
    s += "            Self::Unknown(_) => 500,\n";
    s += "        }\n    }\n\n    pub fn error_type(&self) -> &'static str {\n        match self {\n";
    for (i, row) in rows.iter().enumerate() {
        writeln!(
            s,
            "            Self::V{i} => {:?},",
            row.error_type.as_str()
        )
        .unwrap();
    }
    s += "            Self::Unknown(_) => \"Unknown\",\n";
    s += "        }\n    }\n}\n\n";
    s
}
