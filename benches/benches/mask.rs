//! Throughput of `attached::mask`, the free-text masker, on inputs built to make a masker
//! rescan its text from each match (`://`, `a:b@`, `password=` ... repeated) and on a
//! realistic mix of connection strings, headers and prose. Each input is measured at two
//! sizes: a linear masker shows the same bytes per second at both, a quadratic one falls
//! by the ratio of the sizes.
//!
//! Run: `cd benches && cargo bench --bench mask -- --warm-up-time 1 --measurement-time 3`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

/// The sizes of every input, in bytes.
const SIZES: [usize; 2] = [16 * 1024, 128 * 1024];

/// Units repeated to fill an input: each is a prefix of something the masker looks for.
const ADVERSARIAL: [(&str, &str); 10] = [
    ("scheme_sep", "://"),
    ("userinfo", "a:b@"),
    ("password_eq", "password="),
    ("eq", "="),
    ("at", "@"),
    ("colon", ":"),
    ("url_user", "x://a:"),
    ("quoted_password", "password='"),
    ("json_password", "\"password\":\""),
    ("bearer", "Bearer "),
];

/// A realistic value: connection strings, query strings, a header, JSON, prose.
const MIXED: &str = "postgres://app:hunter2@db-1.internal:5432/billing?sslmode=require \
    redis://:s3cr3t@cache:6379/0 host=db user=app password='a b' port=5432 \
    https://api.example.com/v1/items?page=2&token=abc123&sig=xyz \
    Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc \
    {\"user\": \"ops\", \"password\": \"p\\\"w\"} contact ops@example.com, \
    listen 0.0.0.0:8080; proxy user:pass@proxy:3128 and nothing else here.\n";

/// `unit` repeated to `size` bytes (cut at a character boundary).
fn filled(unit: &str, size: usize) -> String {
    let mut text = unit.repeat(size / unit.len() + 1);
    let mut end = size;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

fn mask(c: &mut Criterion) {
    let inputs = ADVERSARIAL.iter().copied().chain([("mixed", MIXED)]);
    for (name, unit) in inputs {
        let mut group = c.benchmark_group(format!("mask/{name}"));
        for size in SIZES {
            let text = filled(unit, size);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(size / 1024), &text, |b, t| {
                b.iter(|| black_box(attached::mask(black_box(t))))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, mask);
criterion_main!(benches);
