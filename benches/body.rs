//! Error bodies: errtable's reader and writer against the serde_derive
//! struct a user writes for each body shape (plus the code clean-up the AWS
//! SDKs do and a `match` lookup), on the same bytes.
//!
//! Run: `cargo bench -p errtable-benches --bench body`.

use divan::{black_box, Bencher};
use errtable_benches::*;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

const SHAPES: [&str; 5] = [
    "rest-json",
    "rest-json-unknown",
    "extra-keys",
    "dunder-type",
    "dunder-type-capital",
];

fn shape(name: &str) -> Shape {
    Shape::ALL
        .into_iter()
        .find(|s| s.name() == name)
        .expect("a shape of SHAPES")
}

mod parse {
    use super::*;

    #[divan::bench(args = SHAPES)]
    fn errtable(bencher: Bencher, name: &str) {
        let body = shape(name).body();
        bencher.bench_local(|| black_box(GlacierError::from_json(black_box(&body)).ok()));
    }

    #[divan::bench(args = SHAPES)]
    fn hand_serde_derive(bencher: Bencher, name: &str) {
        let shape = shape(name);
        let body = shape.body();
        bencher.bench_local(|| black_box(shape.parse_by_hand(black_box(&body))));
    }
}

mod serialize {
    use super::*;

    fn error() -> GlacierError {
        GlacierError::new(GlacierException::ResourceNotFoundException, MESSAGE)
    }

    #[divan::bench]
    fn errtable_write_json(bencher: Bencher) {
        let err = error();
        let mut buf = Vec::with_capacity(512);
        bencher.bench_local(|| {
            buf.clear();
            black_box(&err).write_json(&mut buf);
            black_box(&buf);
        });
    }

    #[divan::bench]
    fn errtable_serde(bencher: Bencher) {
        let err = error();
        let mut buf = Vec::with_capacity(512);
        bencher.bench_local(|| {
            buf.clear();
            let _ = serde_json::to_writer(&mut buf, black_box(&err));
            black_box(&buf);
        });
    }

    #[divan::bench]
    fn hand_serde_derive(bencher: Bencher) {
        let e = Hand16::from_code("ResourceNotFoundException");
        let mut buf = Vec::with_capacity(512);
        bencher.bench_local(|| {
            buf.clear();
            let e = black_box(&e);
            let body = BodyRef {
                code: e.code(),
                message: black_box(MESSAGE),
                error_type: e.error_type(),
            };
            let _ = serde_json::to_writer(&mut buf, &body);
            black_box(&buf);
        });
    }
}
