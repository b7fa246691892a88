//! Reading `.env` files of the shapes an attacker would write, at two sizes eight times
//! apart, the larger just under the 1 MiB limit: many distinct names, one name assigned
//! over and over, long quoted values with escapes and line breaks, many references to a
//! variable set earlier, many references to variables never set (each one a warning), and
//! single lines as long as the file. Throughput is in bytes of file: when reading is
//! linear, both sizes of a shape read at the same MB/s.
//!
//! Beside each, a baseline does the least any reader must on the same file: read it, split
//! its lines at `=` and put every pair in a `HashMap`. Where the map outgrows the caches (a
//! few ten thousand names), both slow down per byte alike; the parser's time over the
//! baseline's is what would grow with the size if the parser were not linear.
//!
//! Run: `cd benches && cargo bench --bench dotenv -- --warm-up-time 1 --measurement-time 3`.

use attached::{DotEnv, Source};
use criterion::{BenchmarkId, Criterion, Throughput};
use std::collections::HashMap;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// The sizes, in bytes: 128 KiB and just under 1 MiB.
const SIZES: [usize; 2] = [128 << 10, (1 << 20) - 256];

/// A file of about `size` bytes: `head`, then `line(i)` for i = 0, 1, ... while it fits.
fn lines(size: usize, head: &str, line: impl Fn(usize) -> String) -> String {
    let mut text = head.to_owned();
    for i in 0.. {
        let next = line(i);
        if text.len() + next.len() > size {
            break;
        }
        text.push_str(&next);
    }
    text
}

/// A file of exactly `size` bytes: `start`, `unit` repeated, `end`.
fn one_line(size: usize, start: &str, unit: &str, end: &str) -> String {
    let n = (size - start.len() - end.len()) / unit.len();
    format!("{start}{}{end}", unit.repeat(n))
}

fn shapes(size: usize) -> Vec<(&'static str, String)> {
    let quoted: String =
        "long \\\"quoted\\\" value \\\\ with \\n escapes, $ signs \\$X and\n".repeat(4);
    vec![
        (
            "distinct_names",
            lines(size, "", |i| format!("NAME_{i:07}=value-{i}\n")),
        ),
        (
            "one_name_repeated",
            lines(size, "", |i| format!("export NAME = value-{i} # again\n")),
        ),
        (
            "long_quoted_values",
            lines(size, "", |i| format!("V{i}=\"{quoted}\"\n")),
        ),
        (
            "references",
            lines(size, "BASE=https://example.com\n", |i| {
                format!("R{i}=${{BASE}}/$BASE/\"${{BASE}}\"\n")
            }),
        ),
        (
            "unset_references",
            lines(size, "", |i| format!("R{i}=${{MISSING_{i}}}$GONE\n")),
        ),
        (
            "one_line_of_escapes",
            one_line(size, "A=\"", "\\\\", "\"\n"),
        ),
        ("one_line_of_quotes", one_line(size, "A=", "''", "\n")),
    ]
}

/// The baseline: the file's lines split at `=`, in a map.
fn split_lines(path: &PathBuf) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter_map(|line| line.split_once('='))
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect()
}

fn main() {
    let dir = std::env::temp_dir().join(format!("attached-bench-dotenv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20)
        .configure_from_args();
    let mut files: Vec<(String, usize, PathBuf)> = Vec::new();
    for size in SIZES {
        for (shape, text) in shapes(size) {
            assert!(text.len() <= size);
            let path = dir.join(format!("{shape}-{size}.env"));
            std::fs::write(&path, &text).unwrap();
            // Every shape is read whole, and says so.
            let dotenv = DotEnv::from_path(&path).unwrap_or_else(|e| panic!("{shape}: {e}"));
            let mut n = 0;
            dotenv.names(&mut |_| n += 1);
            assert!(n >= 1, "{shape}");
            files.push((shape.to_owned(), text.len(), path));
        }
    }
    let mut group = c.benchmark_group("dotenv");
    for (shape, len, path) in &files {
        group.throughput(Throughput::Bytes(*len as u64));
        group.bench_with_input(BenchmarkId::new(shape.as_str(), len), path, |b, path| {
            b.iter(|| black_box(DotEnv::from_path(path).unwrap()))
        });
        let baseline = format!("{shape}_baseline");
        group.bench_with_input(BenchmarkId::new(baseline, len), path, |b, path| {
            b.iter(|| black_box(split_lines(path)))
        });
    }
    group.finish();
    c.final_summary();
    let _ = std::fs::remove_dir_all(&dir);
}
