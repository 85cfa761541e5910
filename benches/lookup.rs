//! Code → exception, the lookup behind parsing: errtable's generated lookup
//! against the `match` a user writes by hand, for tables of real AWS codes
//! from 16 to 2,000 rows, on hits (every code of the table) and near misses
//! (four per code). `index` is the perfect hash big tables get
//! (`errtable::__private::CodeIndex`), measured on the same codes at every
//! size, so BENCHMARKS.md can show where it starts to pay: that size is the
//! derive's threshold (`INDEX_MIN_ROWS` in errtable-codegen's expand.rs).
//!
//! Both sides do what `from_code` does: the exception of a code, or the
//! code kept in the unknown variant (an allocation, on misses only).
//!
//! Run: `cargo bench -p errtable-benches --bench lookup`.

use divan::{black_box, Bencher};
use errtable::Exception;
use errtable_benches::*;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

macro_rules! lookup_size {
    ($size:ident, $hand:ty, $errtable:ty, $index:expr) => {
        mod $size {
            use super::*;

            fn codes(which: &str) -> Vec<String> {
                let hits = <$hand>::ALL.iter().map(|e| e.code());
                if which == "hits" {
                    hits.map(str::to_owned).collect()
                } else {
                    near_misses(hits)
                }
            }

            #[divan::bench(args = ["hits", "misses"])]
            fn hand_match(bencher: Bencher, which: &str) {
                let codes = codes(which);
                bencher.bench_local(|| {
                    for code in &codes {
                        black_box(<$hand>::from_code(black_box(code)));
                    }
                });
            }

            #[divan::bench(args = ["hits", "misses"])]
            fn errtable(bencher: Bencher, which: &str) {
                let codes = codes(which);
                bencher.bench_local(|| {
                    for code in &codes {
                        black_box(<$errtable>::from_code(black_box(code)));
                    }
                });
            }

            #[divan::bench(args = ["hits", "misses"])]
            fn index(bencher: Bencher, which: &str) {
                if !$index {
                    return;
                }
                let codes = codes(which);
                bencher.bench_local(|| {
                    for code in &codes {
                        black_box(Aws2000Exception::from_code(black_box(code)));
                    }
                });
            }
        }
    };
}

// The seed's codes are not in the realistic table: no index figure there.
lookup_size!(rows_0016, Hand16, GlacierException, false);
lookup_size!(rows_0050, Hand50, Aws50Exception, true);
lookup_size!(rows_0100, Hand100, Aws100Exception, true);
lookup_size!(rows_0200, Hand200, Aws200Exception, true);
lookup_size!(rows_0300, Hand300, Aws300Exception, true);
lookup_size!(rows_0500, Hand500, Aws500Exception, true);
lookup_size!(rows_1000, Hand1000, Aws1000Exception, true);
lookup_size!(rows_1500, Hand1500, Aws1500Exception, true);
lookup_size!(rows_2000, Hand2000, Aws2000Exception, true);

/// `status()`, `error_type()` and `code()` of every exception of the seed.
mod accessors {
    use super::*;

    #[divan::bench]
    fn hand_match(bencher: Bencher) {
        bencher.bench_local(|| {
            for e in black_box(Hand16::ALL) {
                black_box((e.status(), e.error_type(), e.code()));
            }
        });
    }

    #[divan::bench]
    fn errtable(bencher: Bencher) {
        bencher.bench_local(|| {
            for e in black_box(GlacierException::ALL) {
                black_box((e.status(), e.error_type(), e.code()));
            }
        });
    }
}
