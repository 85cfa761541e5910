//! Run-time cost of errtable's derived types against hand-written code (a
//! `match` on the code, serde_derive bodies) and strum, on the same inputs.
//! Run: `cargo bench -p errtable-benches --bench runtime`.

use divan::{black_box, Bencher};
use errtable::Exception;
use errtable_benches::*;
use std::str::FromStr;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

/// Code → variant, over every code of a table (hits) and over near misses.
macro_rules! lookup_group {
    ($group:ident, $errtable:ty, $hand:ident, $strum:ident) => {
        mod $group {
            use super::*;

            fn hits() -> Vec<String> {
                $hand::ALL.iter().map(|e| e.code().to_owned()).collect()
            }

            fn misses() -> Vec<String> {
                errtable_benches::misses($hand::ALL.iter().map(|e| e.code()))
            }

            #[divan::bench(args = ["hits", "misses"])]
            fn errtable(bencher: Bencher, which: &str) {
                let codes = if which == "hits" { hits() } else { misses() };
                bencher.bench_local(|| {
                    for code in &codes {
                        black_box(<$errtable>::known(black_box(code)));
                    }
                });
            }

            #[divan::bench(args = ["hits", "misses"])]
            fn hand_match(bencher: Bencher, which: &str) {
                let codes = if which == "hits" { hits() } else { misses() };
                bencher.bench_local(|| {
                    for code in &codes {
                        black_box($hand::from_code(black_box(code)));
                    }
                });
            }

            #[divan::bench(args = ["hits", "misses"])]
            fn strum(bencher: Bencher, which: &str) {
                let codes = if which == "hits" { hits() } else { misses() };
                bencher.bench_local(|| {
                    for code in &codes {
                        black_box($strum::from_str(black_box(code)).ok());
                    }
                });
            }
        }
    };
}

lookup_group!(lookup_16, GlacierException, Hand16, Strum16);
lookup_group!(lookup_200, Aws200Exception, Hand200, Strum200);

/// `status()`, `error_type()` and `code()` of every exception of the table.
mod accessors_16 {
    use super::*;

    #[divan::bench]
    fn errtable(bencher: Bencher) {
        bencher.bench_local(|| {
            for e in black_box(GlacierException::ALL) {
                black_box((e.status(), e.error_type(), e.code()));
            }
        });
    }

    #[divan::bench]
    fn hand_match(bencher: Bencher) {
        bencher.bench_local(|| {
            for &e in black_box(Hand16::ALL) {
                black_box((e.status(), e.error_type(), e.code()));
            }
        });
    }

    #[divan::bench]
    fn strum(bencher: Bencher) {
        let all: Vec<Strum16> = Hand16::ALL
            .iter()
            .map(|e| Strum16::from_str(e.code()).unwrap())
            .collect();
        bencher.bench_local(|| {
            for &e in black_box(&all) {
                // strum has no status or type: the code only.
                black_box(<&'static str>::from(e));
            }
        });
    }
}

/// Writing the compact error body into a caller's buffer.
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
    fn errtable_serde_json(bencher: Bencher) {
        let err = error();
        let mut buf = Vec::with_capacity(512);
        bencher.bench_local(|| {
            buf.clear();
            serde_json::to_writer(&mut buf, black_box(&err)).unwrap();
            black_box(&buf);
        });
    }

    #[divan::bench]
    fn hand_serde_derive(bencher: Bencher) {
        let e = Hand16::from_code("ResourceNotFoundException").unwrap();
        let mut buf = Vec::with_capacity(512);
        bencher.bench_local(|| {
            buf.clear();
            let e = black_box(e);
            let body = BodyRef {
                code: e.code(),
                message: black_box(MESSAGE),
                error_type: e.error_type(),
            };
            serde_json::to_writer(&mut buf, &body).unwrap();
            black_box(&buf);
        });
    }
}

/// Parsing an error body into a typed error.
mod parse {
    use super::*;

    fn body(which: &str) -> Vec<u8> {
        bodies()
            .into_iter()
            .find(|(name, _)| *name == which)
            .map(|(_, body)| body.into_bytes())
            .unwrap()
    }

    #[divan::bench(args = ["known", "unknown", "extra_keys"])]
    fn errtable(bencher: Bencher, which: &str) {
        let body = body(which);
        bencher.bench_local(|| black_box(GlacierError::from_json(black_box(&body)).unwrap()));
    }

    #[divan::bench(args = ["known", "unknown", "extra_keys"])]
    fn hand_serde_derive(bencher: Bencher, which: &str) {
        let body = body(which);
        bencher.bench_local(|| {
            let parsed: Body = serde_json::from_slice(black_box(&body)).unwrap();
            black_box((Hand16::from_code(&parsed.code), parsed))
        });
    }
}
