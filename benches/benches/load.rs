//! Run time of loading one 30-field configuration, by `attached` and by the alternatives a
//! user would pick: a hand-written loader (`std::env::var` + `str::parse` per field),
//! envy (serde) and envconfig. Each loads the same variables into the same fields, once
//! from the process environment and once from a `HashMap<String, String>`.
//!
//! After the criterion groups, the bench times every loader again in interleaved rounds
//! (so that a busy neighbour on a shared machine slows all of them alike) and prints each
//! one's median as a ratio to the hand-written loader of the same source.
//!
//! Run: `cargo bench --manifest-path benches/Cargo.toml`.

#[path = "common/mod.rs"]
mod common;

use criterion::Criterion;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The parts of `attached`'s `from_env`: the snapshot alone, the fields read from a snapshot
/// already taken, and the checking of the two service URLs (work the other loaders, which
/// keep them as `String`, do not do).
fn parts(c: &mut Criterion) {
    use attached::{Attached, Env};
    let mut group = c.benchmark_group("attached_parts");
    group.bench_function("env_snapshot", |b| b.iter(|| black_box(Env::new())));
    let env = Env::new();
    group.bench_function("fields_from_snapshot", |b| {
        b.iter(|| black_box(common::with_attached::Config::from_source(&env).unwrap()))
    });
    group.bench_function("two_service_urls", |b| {
        use attached::{DatabaseUrl, RedisUrl, Value};
        b.iter(|| {
            black_box(DatabaseUrl::parse(black_box(common::DATABASE_URL)).unwrap());
            black_box(RedisUrl::parse(black_box(common::REDIS_URL)).unwrap());
        })
    });
    group.finish();
}

/// Median ns per call of every routine, from `rounds` interleaved rounds of about
/// `round_time` each: a neighbour that slows the machine for a while slows every routine
/// alike, so the ratios hold where criterion's separate estimates may not.
fn medians(routines: &[&dyn Fn()], rounds: usize, round_time: Duration) -> Vec<f64> {
    let iterations: Vec<u32> = routines
        .iter()
        .map(|run| {
            let start = Instant::now();
            let mut n = 0u32;
            while start.elapsed() < round_time / 4 {
                run();
                n += 1;
            }
            (n * 4).max(1)
        })
        .collect();
    let mut samples = vec![Vec::with_capacity(rounds); routines.len()];
    for _ in 0..rounds {
        for ((run, &n), s) in routines.iter().zip(&iterations).zip(&mut samples) {
            let start = Instant::now();
            for _ in 0..n {
                run();
            }
            s.push(start.elapsed().as_nanos() as f64 / f64::from(n));
        }
    }
    samples
        .into_iter()
        .map(|mut s| {
            s.sort_by(f64::total_cmp);
            s[s.len() / 2]
        })
        .collect()
}

fn main() {
    common::with_environment();
    let loaders = common::loaders(common::map());

    // Every loader must read the same configuration, or the comparison means nothing.
    let expected = (loaders[0].run)();
    for l in &loaders {
        assert_eq!((l.run)(), expected, "{}/{} differs", l.group, l.name);
    }

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    for group in ["from_env", "from_map"] {
        let mut g = c.benchmark_group(group);
        for l in loaders.iter().filter(|l| l.group == group) {
            g.bench_function(l.name, |b| b.iter(|| black_box((l.run)())));
        }
        g.finish();
    }
    parts(&mut c);
    c.final_summary();

    // `cargo bench -- --test` (and `cargo test --benches`) only checks that each runs.
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    let rounds = 31;
    let env = attached::Env::new();
    let parts: [(&str, &dyn Fn()); 3] = [
        ("env_snapshot", &|| drop(black_box(attached::Env::new()))),
        ("fields_from_snapshot", &|| {
            use attached::Attached;
            black_box(common::with_attached::Config::from_source(&env).unwrap());
        }),
        ("two_service_urls", &|| {
            use attached::{DatabaseUrl, RedisUrl, Value};
            black_box(DatabaseUrl::parse(black_box(common::DATABASE_URL)).unwrap());
            black_box(RedisUrl::parse(black_box(common::REDIS_URL)).unwrap());
        }),
    ];
    let runs: Vec<Box<dyn Fn() + '_>> = loaders
        .iter()
        .map(|l| Box::new(|| drop(black_box((l.run)()))) as Box<dyn Fn()>)
        .collect();
    let routines: Vec<&dyn Fn()> = runs
        .iter()
        .map(|r| &**r)
        .chain(parts.iter().map(|(_, run)| *run))
        .collect();
    let medians = medians(&routines, rounds, Duration::from_millis(20));
    let (loads, part_medians) = medians.split_at(loaders.len());
    println!();
    println!(
        "Ratios to hand-written (median of {rounds} interleaved rounds; {} variables in the environment):",
        std::env::vars_os().count()
    );
    println!(
        "{:<15} {:<21} {:>9} {:>8}",
        "source", "loader", "ns/load", "ratio"
    );
    let base = |group: &str| {
        loaders
            .iter()
            .zip(loads)
            .find(|(l, _)| l.group == group && l.name == "hand_written")
            .map(|(_, m)| *m)
            .expect("a hand-written loader in every group")
    };
    for group in ["from_env", "from_map"] {
        for (l, m) in loaders.iter().zip(loads).filter(|(l, _)| l.group == group) {
            println!(
                "{:<15} {:<21} {:>9.0} {:>7.2}x",
                l.group,
                l.name,
                m,
                m / base(group)
            );
        }
    }
    // The parts of `from_env/attached`, as fractions of the hand-written `from_env`.
    for ((name, _), m) in parts.iter().zip(part_medians) {
        println!(
            "{:<15} {:<21} {:>9.0} {:>7.2}x",
            "attached_parts",
            name,
            m,
            m / base("from_env")
        );
    }
}
