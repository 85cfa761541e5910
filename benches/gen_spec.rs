//! Prints a generated Markdown error table of N rows (default 200), shaped
//! like real AWS tables; used by build_times.py.

fn main() {
    let rows = std::env::args()
        .nth(1)
        .map(|n| n.parse::<usize>())
        .transpose();
    match rows {
        Ok(rows) => print!(
            "{}",
            errtable_benches::spec_gen::markdown(rows.unwrap_or(200))
        ),
        Err(err) => {
            eprintln!("usage: gen-spec [ROWS]: {err}");
            std::process::exit(2);
        }
    }
}
