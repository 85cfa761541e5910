//! Generates the benchmark tables: the 200-row spec with long shared
//! prefixes, and for it and for spec/glacier.md the hand-written and strum
//! equivalents, from the very same rows errtable reads.

use errtable_codegen::model::{ErrorKind, Row};
use errtable_codegen::source::SpecPath;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../spec/glacier.md");
    println!("cargo:rerun-if-changed=spec_gen.rs");

    let glacier = load(&manifest, "../spec/glacier.md");
    let spec200 = out.join("aws200.md");
    std::fs::write(&spec200, spec_gen::markdown(200)).expect("write spec");
    let rel200 = relative(&manifest, &spec200);
    let aws200 = load(&manifest, &rel200);

    let mut code = String::new();
    writeln!(
        code,
        "/// The 200-row table, derived by errtable.\n\
         #[derive(errtable::ErrorTable)]\n\
         #[error_table(spec = {rel200:?})]\n\
         pub struct Aws200;\n"
    )
    .unwrap();
    code += &hand_written("Hand16", &glacier);
    code += &hand_written("Hand200", &aws200);
    code += &strum_enum("Strum16", &glacier);
    code += &strum_enum("Strum200", &aws200);
    std::fs::write(out.join("generated.rs"), code).expect("write generated code");
}

#[path = "spec_gen.rs"]
mod spec_gen;

fn load(manifest: &Path, name: &str) -> Vec<Row> {
    let spec = errtable_codegen::spec::load(&[SpecPath::resolve(manifest, name)], "Unknown");
    assert!(spec.problems.is_empty(), "{:?}", spec.problems);
    spec.rows
}

/// `to` relative to `from`: the derive takes manifest-relative paths only.
fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
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

fn type_str(kind: ErrorKind) -> &'static str {
    kind.as_str()
}

/// What a user would write by hand: an enum, a `match` on the code string,
/// and `match`es for code, status and type.
fn hand_written(name: &str, rows: &[Row]) -> String {
    let mut s = format!(
        "/// Hand-written equivalent of a table.\n#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum {name} {{\n"
    );
    for (i, _) in rows.iter().enumerate() {
        writeln!(s, "    /// Row {i}.\n    V{i},").unwrap();
    }
    s += "}\n\n";
    write!(
        s,
        "impl {name} {{\n    /// All rows.\n    pub const ALL: &'static [{name}] = &["
    )
    .unwrap();
    for (i, _) in rows.iter().enumerate() {
        write!(s, "{name}::V{i}, ").unwrap();
    }
    s += "];\n\n    /// The variant for a code.\n    pub fn from_code(code: &str) -> Option<Self> {\n        match code {\n";
    for (i, row) in rows.iter().enumerate() {
        writeln!(s, "            {:?} => Some({name}::V{i}),", row.code).unwrap();
    }
    s += "            _ => None,\n        }\n    }\n\n    /// The wire code.\n    pub fn code(self) -> &'static str {\n        match self {\n";
    for (i, row) in rows.iter().enumerate() {
        writeln!(s, "            {name}::V{i} => {:?},", row.code).unwrap();
    }
    s += "        }\n    }\n\n    /// The HTTP status.\n    pub fn status(self) -> u16 {\n        match self {\n";
    for (i, row) in rows.iter().enumerate() {
        writeln!(s, "            {name}::V{i} => {},", row.status).unwrap();
    }
    s += "        }\n    }\n\n    /// The type.\n    pub fn error_type(self) -> &'static str {\n        match self {\n";
    for (i, row) in rows.iter().enumerate() {
        writeln!(
            s,
            "            {name}::V{i} => {:?},",
            type_str(row.error_type)
        )
        .unwrap();
    }
    s += "        }\n    }\n}\n\n";
    s
}

/// The same enum with strum's `EnumString` and `IntoStaticStr`.
fn strum_enum(name: &str, rows: &[Row]) -> String {
    let mut s = format!(
        "/// strum equivalent of a table.\n#[derive(Clone, Copy, Debug, PartialEq, Eq, strum_macros::EnumString, strum_macros::IntoStaticStr)]\npub enum {name} {{\n"
    );
    for (i, row) in rows.iter().enumerate() {
        writeln!(
            s,
            "    /// Row {i}.\n    #[strum(serialize = {:?})]\n    V{i},",
            row.code
        )
        .unwrap();
    }
    s += "}\n\n";
    s
}
