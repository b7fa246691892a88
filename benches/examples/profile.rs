//! Runs one loader of the benchmark many times, for a profiler: instruction counts under
//! callgrind are exact and do not depend on what else the machine is doing.
//!
//! ```text
//! cargo build --release --manifest-path benches/Cargo.toml --example profile
//! valgrind --tool=callgrind target/release/examples/profile from_env/attached 1000
//! callgrind_annotate --inclusive=yes callgrind.out.<pid>
//! ```
//!
//! Arguments: `GROUP/LOADER` as the bench names them (`from_env/attached`,
//! `from_map/hand_written`, ...) and the number of loads (default 1000).

#[path = "../benches/common/mod.rs"]
mod common;

use std::hint::black_box;

fn main() {
    common::with_environment();
    let mut args = std::env::args().skip(1);
    let which = args
        .next()
        .unwrap_or_else(|| "from_env/attached".to_owned());
    let count: u32 = args.next().map_or(1000, |n| n.parse().expect("a count"));
    let loaders = common::loaders(common::map());
    let loader = loaders
        .iter()
        .find(|l| format!("{}/{}", l.group, l.name) == which)
        .unwrap_or_else(|| panic!("no loader {which}"));
    for _ in 0..count {
        black_box((loader.run)());
    }
}
