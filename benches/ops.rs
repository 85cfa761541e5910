//! Runs one benchmark operation N times, for counting instructions under
//! callgrind (benches/instructions.py): deterministic figures on a noisy
//! machine, next to divan's times.
//!
//! Usage: ops OPERATION ITERATIONS

use errtable::Exception;
use errtable_benches::*;
use std::hint::black_box;
use std::str::FromStr;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(op), Some(n)) = (
        args.next(),
        args.next().and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: ops OPERATION ITERATIONS");
        std::process::exit(2);
    };
    let codes16: Vec<String> = Hand16::ALL.iter().map(|e| e.code().to_owned()).collect();
    let codes200: Vec<String> = Hand200::ALL.iter().map(|e| e.code().to_owned()).collect();
    let misses16 = misses(Hand16::ALL.iter().map(|e| e.code()));
    let misses200 = misses(Hand200::ALL.iter().map(|e| e.code()));
    let bodies = bodies();
    let body = |name: &str| {
        bodies
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, b)| b.as_bytes().to_vec())
            .unwrap_or_default()
    };
    let (known, unknown, extra) = (body("known"), body("unknown"), body("extra_keys"));
    let err = GlacierError::new(GlacierException::ResourceNotFoundException, MESSAGE);
    let hand = Hand16::from_code("ResourceNotFoundException").unwrap_or(Hand16::V0);
    let mut buf: Vec<u8> = Vec::with_capacity(512);
    // Each operation is one lookup, one body written or one body parsed.
    for i in 0..n {
        match op.as_str() {
            "lookup16-hit/errtable" => keep(black_box(GlacierException::known(black_box(
                &codes16[i % 16],
            )))),
            "lookup16-hit/hand" => keep(black_box(Hand16::from_code(black_box(&codes16[i % 16])))),
            "lookup16-hit/strum" => keep(black_box(
                Strum16::from_str(black_box(&codes16[i % 16])).ok(),
            )),
            "lookup16-miss/errtable" => keep(black_box(GlacierException::known(black_box(
                &misses16[i % misses16.len()],
            )))),
            "lookup16-miss/hand" => keep(black_box(Hand16::from_code(black_box(
                &misses16[i % misses16.len()],
            )))),
            "lookup16-miss/strum" => keep(black_box(
                Strum16::from_str(black_box(&misses16[i % misses16.len()])).ok(),
            )),
            "lookup200-hit/errtable" => keep(black_box(Aws200Exception::known(black_box(
                &codes200[i % 200],
            )))),
            "lookup200-hit/hand" => {
                keep(black_box(Hand200::from_code(black_box(&codes200[i % 200]))))
            }
            "lookup200-hit/strum" => keep(black_box(
                Strum200::from_str(black_box(&codes200[i % 200])).ok(),
            )),
            "lookup200-miss/errtable" => keep(black_box(Aws200Exception::known(black_box(
                &misses200[i % misses200.len()],
            )))),
            "lookup200-miss/hand" => keep(black_box(Hand200::from_code(black_box(
                &misses200[i % misses200.len()],
            )))),
            "lookup200-miss/strum" => keep(black_box(
                Strum200::from_str(black_box(&misses200[i % misses200.len()])).ok(),
            )),
            "serialize/errtable" => {
                buf.clear();
                black_box(&err).write_json(&mut buf);
            }
            "serialize/hand" => {
                buf.clear();
                let e = black_box(hand);
                let body = BodyRef {
                    code: e.code(),
                    message: black_box(MESSAGE),
                    error_type: e.error_type(),
                };
                let _ = serde_json::to_writer(&mut buf, &body);
            }
            "parse-known/errtable" => keep(black_box(GlacierError::from_json(black_box(&known)))),
            "parse-known/hand" => keep(black_box(hand_parse(black_box(&known)))),
            "parse-unknown/errtable" => {
                keep(black_box(GlacierError::from_json(black_box(&unknown))))
            }
            "parse-unknown/hand" => keep(black_box(hand_parse(black_box(&unknown)))),
            "parse-extra-keys/errtable" => {
                keep(black_box(GlacierError::from_json(black_box(&extra))))
            }
            "parse-extra-keys/hand" => keep(black_box(hand_parse(black_box(&extra)))),
            _ => {
                eprintln!("unknown operation {op}");
                std::process::exit(2);
            }
        }
        black_box(&buf);
    }
}

fn hand_parse(body: &[u8]) -> Option<(Option<Hand16>, Body)> {
    let parsed: Body = serde_json::from_slice(body).ok()?;
    Some((Hand16::from_code(&parsed.code), parsed))
}

/// Keeps a result alive for the optimizer without a drop lint on `Copy`s.
fn keep<T>(value: T) {
    black_box(value);
}
