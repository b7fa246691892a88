#!/usr/bin/env bash
# One configuration of 30 fields loaded by six programs: a hand-written loader
# (`std::env::var` or a map lookup + `str::parse` per field), the same with `NAME_FILE`
# (each field's `NAME_FILE` looked up too, as `attached` reads it), envy + serde, envconfig,
# `attached` (default features, the derive) with its two service URLs typed
# (`DatabaseUrl`, `RedisUrl`, checked at load), and `attached` with them as `String`, as
# the other loaders keep them (like for like). Every row is measured on all six, side by
# side, and printed as a ratio to the (first) hand-written program:
#
#   load from the environment, load from a `HashMap<String, String>`:
#       ns per load (wall clock, the program times its own loop) and instructions per
#       load (callgrind: exact, and independent of what else the machine is doing), in a
#       loop and for the first load of a process (what a service pays at startup);
#   clean `cargo build --release` (own fresh target directory per program, sources
#       fetched beforehand, so no download is timed);
#   `cargo build --release` after `touch src/main.rs` (the edit-rebuild loop);
#   size of the stripped release binary.
#
# Timed measurements are interleaved: every round builds (or runs) each program, then the
# next round each again, so a busy neighbour slows all alike. Each figure is the
# median over the rounds; the fastest round is shown beside it (on a shared machine other
# work only ever adds time). Before timing, the script checks that the programs read
# the same configuration, from the environment and from the map.
#
# The programs run in a fixed environment: `PATH`, `HOME`, the configuration's variables
# and FILLER unrelated ones (the size of the environment matters to a loader that takes a
# snapshot of it).
#
# Usage: benches/side-by-side.sh       (from anywhere; a round is mostly the six clean builds:
#        4 to 5 minutes a round on 2 cores under a load average of 10)
# Env:   RUNS (rounds, default 3; 5 for steadier medians), FILLER (unrelated variables,
#        default 30), TMPDIR (where the programs are made), KEEP=1 (keep them),
#        NO_CALLGRIND=1 (skip the instruction counts),
#        AT="REV REV ..." (to measure a change: instead of envy, envconfig and attached untyped, `attached`
#        at each of these commits, checked out side by side; every row, interleaved).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-3}
filler=${FILLER:-30}
work=$(mktemp -d "${TMPDIR:-/tmp}/attached-side-by-side.XXXXXX")
if [[ -n ${KEEP:-} ]]; then
    echo "keeping $work"
else
    trap 'rm -rf "$work"; git -C "$repo" worktree prune' EXIT
fi
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR RUSTFLAGS RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER \
    CARGO_INCREMENTAL CARGO_PROFILE_RELEASE_DEBUG

# The 30 fields, as `name type` lines; `*` marks the two with a default (`fields.txt`,
# shared with cold-build.sh). The same configuration as `benches/benches/common/mod.rs`.
FIELDS=$(<"$repo/benches/fields.txt")
# shellcheck source=benches/timings.sh
source "$repo/benches/timings.sh"

# The variables set; APP_PORT, APP_WORKERS (defaults), APP_ADMIN_EMAIL and APP_MAINTENANCE
# (`None`) are left unset.
VARS=(
    APP_HOST=0.0.0.0
    APP_LOG_LEVEL=info
    APP_DATABASE_URL=postgres://billing:pw@db.internal:5432/billing
    APP_REDIS_URL=redis://cache.internal:6379/0
    APP_MAX_CONNECTIONS=32
    APP_MIN_CONNECTIONS=4
    APP_REQUEST_TIMEOUT_MS=30000
    APP_RETRIES=3
    APP_SAMPLE_RATE=0.25
    APP_DEBUG=false
    APP_METRICS=true
    APP_TRACING=true
    APP_SERVICE_NAME=billing
    APP_REGION=eu-west-1
    APP_API_TOKEN=t0ps3cret
    APP_CACHE_TTL_SECS=300
    APP_QUEUE_CAPACITY=1024
    APP_CLOCK_SKEW_MS=-15
    APP_SENTRY_DSN=https://public@sentry.example/1
    APP_MAX_BODY_BYTES=1048576
    APP_ALLOWED_ORIGINS=https://a.example,https://b.example
    APP_EXTRA_PORTS=8081,8082,8083
    APP_TRUSTED_PROXIES=10.0.0.1,10.0.0.2
    APP_BUCKET=billing-invoices
    APP_DATA_DIR=/var/lib/billing
    APP_SHUTDOWN_GRACE_SECS=10
)
ENVIRONMENT=("PATH=$PATH" "HOME=${HOME:-/}" "${VARS[@]}")
for ((i = 0; i < filler; i++)); do
    ENVIRONMENT+=("FILLER_VARIABLE_$i=some value of an unrelated variable number $i")
done
# Runs a program in the fixed environment.
in_env() { env -i "${ENVIRONMENT[@]}" "$@"; }

upper() { tr '[:lower:]' '[:upper:]' <<< "$1"; }

# What every program shares after its `load_env` and `load_map`: the map (the same
# variables, built once), a `check` mode that prints every field, and the timing modes.
# `repeat` only loads (for callgrind); `time` prints the median ns per load over batches.
# shellcheck disable=SC2016
main_fn() {
    local name ty
    printf '\nconst VARS: &[(&str, &str)] = &[\n'
    for v in "${VARS[@]}"; do printf '    ("%s", "%s"),\n' "${v%%=*}" "${v#*=}"; done
    printf '];\n\nfn check(c: &Config) {\n'
    while read -r name ty; do
        name=${name%\*}
        case $1.$name in
            attached.database_url | attached.redis_url) printf '    print!("{:?};", c.%s.expose());\n' "$name" ;;
            envconfig.allowed_origins | envconfig.extra_ports | envconfig.trusted_proxies) printf '    print!("{:?};", c.%s.0);\n' "$name" ;;
            *) printf '    print!("{:?};", c.%s);\n' "$name" ;;
        esac
    done <<< "$FIELDS"
    cat <<'EOF'
    println!();
}

fn main() {
    let map: HashMap<String, String> =
        VARS.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let args: Vec<String> = std::env::args().collect();
    let from_map = args.get(2).is_some_and(|a| a == "map");
    let load = || if from_map { load_map(&map) } else { load_env() };
    let n: u32 = args.get(3).map_or(0, |n| n.parse().unwrap());
    match args.get(1).map(String::as_str) {
        Some("check") => check(&load()),
        Some("repeat") => {
            for _ in 0..n {
                std::hint::black_box(load());
            }
        }
        Some("time") => {
            // Batches of `n` loads after one warm-up batch; the median batch.
            let mut per_load: Vec<f64> = (0..8)
                .map(|_| {
                    let start = std::time::Instant::now();
                    for _ in 0..n {
                        std::hint::black_box(load());
                    }
                    start.elapsed().as_nanos() as f64 / f64::from(n)
                })
                .skip(1)
                .collect();
            per_load.sort_by(f64::total_cmp);
            println!("{:.0}", per_load[per_load.len() / 2]);
        }
        _ => check(&load()),
    }
}
EOF
}

hand_written() {
    local name ty n
    cat <<'EOF'
use std::collections::HashMap;
use std::str::FromStr;

#[derive(Debug)]
struct Config {
EOF
    while read -r name ty; do printf '    %s: %s,\n' "${name%\*}" "$ty"; done <<< "$FIELDS"
    cat <<'EOF'
}

fn parse<T: FromStr>(name: &str, text: String) -> Result<T, String> {
    text.parse().map_err(|_| format!("{name}: invalid value"))
}

/// A comma-separated list: items trimmed, empty items skipped.
fn split<T: FromStr>(text: &str) -> Result<Vec<T>, T::Err> {
    text.split(',').map(str::trim).filter(|item| !item.is_empty()).map(str::parse).collect()
}

fn load(get: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
    let required = |name: &str| get(name).ok_or_else(|| format!("{name}: not set"));
    Ok(Config {
EOF
    while read -r name ty; do
        n=APP_$(upper "${name%\*}")
        case $name.$ty in
            port\**) printf '        port: match get("%s") { Some(t) => parse("%s", t)?, None => 8080 },\n' "$n" "$n" ;;
            workers\**) printf '        workers: match get("%s") { Some(t) => parse("%s", t)?, None => 4 },\n' "$n" "$n" ;;
            *.String) printf '        %s: required("%s")?,\n' "$name" "$n" ;;
            *.Option*) printf '        %s: match get("%s") { Some(t) => Some(parse("%s", t)?), None => None },\n' "$name" "$n" "$n" ;;
            *.Vec*) printf '        %s: split(&required("%s")?).map_err(|_| "%s: invalid list".to_string())?,\n' "$name" "$n" "$n" ;;
            *) printf '        %s: parse("%s", required("%s")?)?,\n' "$name" "$n" "$n" ;;
        esac
    done <<< "$FIELDS"
    cat <<'EOF'
    })
}
EOF
    if [[ ${1:-} == file ]]; then
        # `NAME_FILE` as `attached` reads it: looked up for every field, the file read when
        # only it is set, the load failing when both are (a panic: the load is unwrapped).
        cat <<'EOF'

fn file_forms(get: impl Fn(&str) -> Option<String>) -> impl Fn(&str) -> Option<String> {
    move |name| {
        let mut buffer = [0u8; 64];
        let end = name.len() + "_FILE".len();
        buffer[..name.len()].copy_from_slice(name.as_bytes());
        buffer[name.len()..end].copy_from_slice(b"_FILE");
        let file_name = std::str::from_utf8(&buffer[..end]).unwrap();
        match (get(name), get(file_name)) {
            (Some(_), Some(_)) => panic!("{name} and {file_name} are both set"),
            (Some(text), None) => Some(text),
            (None, Some(path)) => Some(std::fs::read_to_string(path).unwrap()),
            (None, None) => None,
        }
    }
}

fn load_env() -> Config {
    load(file_forms(|name| std::env::var(name).ok())).unwrap_or_else(|e| panic!("{e}"))
}

fn load_map(map: &HashMap<String, String>) -> Config {
    load(file_forms(|name| map.get(name).cloned())).unwrap_or_else(|e| panic!("{e}"))
}
EOF
    else
        cat <<'EOF'

fn load_env() -> Config {
    load(|name| std::env::var(name).ok()).unwrap_or_else(|e| panic!("{e}"))
}

fn load_map(map: &HashMap<String, String>) -> Config {
    load(|name| map.get(name).cloned()).unwrap_or_else(|e| panic!("{e}"))
}
EOF
    fi
    main_fn hand
}
hand_written_file() { hand_written file; }

envy_serde() {
    local name ty
    printf 'use serde::Deserialize;\nuse std::collections::HashMap;\n\n'
    printf 'fn port() -> u16 {\n    8080\n}\n\nfn workers() -> u32 {\n    4\n}\n\n'
    printf '#[derive(Deserialize, Debug)]\nstruct Config {\n'
    while read -r name ty; do
        [[ $name == *\* ]] && printf '    #[serde(default = "%s")]\n' "${name%\*}"
        printf '    %s: %s,\n' "${name%\*}" "$ty"
    done <<< "$FIELDS"
    cat <<'EOF'
}

fn load_env() -> Config {
    envy::prefixed("APP_").from_env::<Config>().unwrap_or_else(|e| panic!("{e}"))
}

fn load_map(map: &HashMap<String, String>) -> Config {
    let pairs = map.iter().map(|(k, v)| (k.clone(), v.clone()));
    envy::prefixed("APP_").from_iter::<_, Config>(pairs).unwrap_or_else(|e| panic!("{e}"))
}
EOF
    main_fn envy
}

envconfig_derive() {
    local name ty
    cat <<'EOF'
use envconfig::Envconfig;
use std::collections::HashMap;
use std::str::FromStr;

/// A comma-separated list: envconfig parses every field with `FromStr`.
#[derive(Debug)]
struct List<T>(Vec<T>);

impl<T: FromStr> FromStr for List<T> {
    type Err = T::Err;
    fn from_str(text: &str) -> Result<Self, T::Err> {
        text.split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map(List)
    }
}

#[derive(Envconfig, Debug)]
struct Config {
EOF
    while read -r name ty; do
        ty=${ty/Vec/List}
        if [[ $name == port* ]]; then
            printf '    #[envconfig(from = "APP_PORT", default = "8080")]\n'
        elif [[ $name == workers* ]]; then
            printf '    #[envconfig(from = "APP_WORKERS", default = "4")]\n'
        else
            printf '    #[envconfig(from = "APP_%s")]\n' "$(upper "$name")"
        fi
        printf '    %s: %s,\n' "${name%\*}" "$ty"
    done <<< "$FIELDS"
    cat <<'EOF'
}

fn load_env() -> Config {
    Config::init_from_env().unwrap_or_else(|e| panic!("{e}"))
}

fn load_map(map: &HashMap<String, String>) -> Config {
    Config::init_from_hashmap(map).unwrap_or_else(|e| panic!("{e}"))
}
EOF
    main_fn envconfig
}

# attached_derive [untyped]: with `untyped`, the two service URLs are `String`, as the other
# programs keep them (the like-for-like comparison); otherwise `DatabaseUrl` and `RedisUrl`,
# checked at load, as a user of `attached` writes them.
attached_derive() {
    local name ty
    printf 'use attached::Attached;\nuse std::collections::HashMap;\n\n'
    printf '#[derive(Attached)]\n#[attached(prefix = "APP_")]\nstruct Config {\n'
    while read -r name ty; do
        [[ $name == port* ]] && printf '    #[attached(default = 8080)]\n'
        [[ $name == workers* ]] && printf '    #[attached(default = 4)]\n'
        if [[ ${1:-} != untyped ]]; then
            [[ $name == database_url ]] && ty=attached::DatabaseUrl
            [[ $name == redis_url ]] && ty=attached::RedisUrl
        fi
        printf '    %s: %s,\n' "${name%\*}" "$ty"
    done <<< "$FIELDS"
    cat <<'EOF'
}

fn load_env() -> Config {
    Config::from_env().unwrap_or_else(|report| panic!("{report}"))
}

fn load_map(map: &HashMap<String, String>) -> Config {
    Config::from_source(map).unwrap_or_else(|report| panic!("{report}"))
}
EOF
    main_fn "attached${1:+_$1}"
}
attached_untyped() { attached_derive untyped; }

# program NAME GENERATOR DEPENDENCY-LINES
program() {
    mkdir -p "$work/$1/src"
    cat > "$work/$1/Cargo.toml" <<EOF
[package]
name = "side-$1"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
$3
EOF
    "$2" > "$work/$1/src/main.rs"
    if [[ $3 == attached* ]]; then
        cp "$repo/Cargo.lock" "$work/$1/Cargo.lock" 2> /dev/null || true
    fi
}

programs=(hand handfile envy envconfig attached untyped)
declare -A label=([hand]=hand-written [handfile]="hand, with NAME_FILE" [envy]="envy + serde"
    [envconfig]=envconfig [attached]=attached [untyped]="attached, URLs String")
program hand hand_written ''
program handfile hand_written_file ''
program envy envy_serde $'envy = "0.4"\nserde = { version = "1", features = ["derive"] }'
program envconfig envconfig_derive 'envconfig = "0.11"'
program attached attached_derive "attached = { path = \"$repo\" }"
program untyped attached_untyped "attached = { path = \"$repo\" }"
if [[ -n ${AT:-} ]]; then
    programs=(hand)
    for rev in $AT; do
        id=at-$(git -C "$repo" rev-parse --short "$rev")
        git -C "$repo" worktree add -q --detach "$work/$id.src" "$rev"
        program "$id" attached_derive "attached = { path = \"$work/$id.src\" }"
        programs+=("$id")
        label[$id]="attached $rev"
    done
fi

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "$(rustc --version); $(date -u '+%Y-%m-%d %H:%M UTC'); attached at $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- attached-core attached-derive src Cargo.toml || echo ' (with uncommitted changes)')"
echo "$runs interleaved rounds; the programs run with ${#ENVIRONMENT[@]} variables in their environment"
for p in "${programs[@]}"; do
    (cd "$work/$p" && cargo fetch -q)
done

# build PROGRAM [ARGS]: `cargo build --release` in the program's own target directory;
# prints its wall-clock seconds and the CPU seconds (user + system) of cargo and every
# rustc it ran. On 2 cores the wall clock is at least half the CPU time, and it is more
# when the crates wait for one another.
build() {
    local p=$1 times
    if ! times=$({
        TIMEFORMAT='%R %U %S'
        time (cd "$work/$p" && CARGO_TARGET_DIR="$work/target-$p" cargo build --release --offline "${@:2}" > "$work/$p.log" 2>&1)
    } 2>&1); then
        cat "$work/$p.log" >&2
        exit 1
    fi
    awk '{ printf "%.2f %.2f", $1, $2 + $3 }' <<< "$times"
}
binary() { echo "$work/target-$1/release/side-$1"; }

declare -A clean clean_cpu touched env_ns map_ns batch
for ((r = 1; r <= runs; r++)); do
    echo "round $r of $runs (load average $(cut -d' ' -f1 /proc/loadavg))"
    for p in "${programs[@]}"; do
        rm -rf "$work/target-$p"
        # The last round also writes cargo's per-crate timings (no measurable cost).
        timings=()
        ((r == runs)) && timings=(--timings)
        times=$(build "$p" "${timings[@]}")
        read -r wall cpu <<< "$times"
        clean[$p]+="$wall "
        clean_cpu[$p]+="$cpu "
    done
    if ((r == 1)); then
        # All must read the same values, or the comparison means nothing.
        expected=$(in_env "$(binary hand)" check env)
        for p in "${programs[@]}"; do
            for source in env map; do
                got=$(in_env "$(binary "$p")" check "$source")
                if [[ $got != "$expected" ]]; then
                    printf '%s from %s read:\n%s\nthe hand-written program read:\n%s\n' \
                        "$p" "$source" "$got" "$expected" >&2
                    exit 1
                fi
            done
            # About 20 ms per timed batch.
            first=$(in_env "$(binary "$p")" time env 100)
            batch[$p]=$(awk -v ns="$first" 'BEGIN { n = int(2e7 / (ns + 1)); print (n < 100 ? 100 : n) }')
        done
    fi
    for p in "${programs[@]}"; do
        touch "$work/$p/src/main.rs"
        times=$(build "$p")
        read -r wall cpu <<< "$times"
        touched[$p]+="$wall "
    done
    for p in "${programs[@]}"; do
        env_ns[$p]+="$(in_env "$(binary "$p")" time env "${batch[$p]}") "
        map_ns[$p]+="$(in_env "$(binary "$p")" time map "${batch[$p]}") "
    done
done

# Instructions per load, under callgrind: a run of 200 loads less a run of none, divided
# by 200 (the steady state of a loop), and a run of one load less a run of none (the first
# load of a process: what a service pays at startup, on an allocator that has not yet
# recycled anything). Printed as "STEADY FIRST".
declare -A env_ir map_ir env_first map_first size
instructions() {
    local out="$work/callgrind.out" total=()
    for n in 0 1 200; do
        in_env valgrind --tool=callgrind --callgrind-out-file="$out" "$@" "$n" > /dev/null 2>&1
        total+=("$(sed -n 's/^summary: *//p' "$out")")
    done
    echo $(((total[2] - total[0]) / 200)) $((total[1] - total[0]))
}
for p in "${programs[@]}"; do
    if [[ -z ${NO_CALLGRIND:-} ]] && command -v valgrind > /dev/null; then
        read -r "env_ir[$p]" "env_first[$p]" < <(instructions "$(binary "$p")" repeat env)
        read -r "map_ir[$p]" "map_first[$p]" < <(instructions "$(binary "$p")" repeat map)
    fi
    strip -o "$work/$p.stripped" "$(binary "$p")"
    size[$p]=$(stat -c %s "$work/$p.stripped")
done

median() { printf '%s\n' $1 | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
fastest() { printf '%s\n' $1 | sort -g | head -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
group() { printf "%'d" "$1" 2> /dev/null || printf '%d' "$1"; }

echo
printf '%-40s' ''
for p in "${programs[@]}"; do printf ' %21s' "${label[$p]}"; done
echo
# row LABEL UNIT ARRAY: the median (and ratio to hand-written) of every program; a second
# line with the fastest round.
row() {
    local -n values=$3
    local base base_f p m f
    base=$(median "${values[hand]}")
    base_f=$(fastest "${values[hand]}")
    printf '%-40s' "$1, median"
    for p in "${programs[@]}"; do
        m=$(median "${values[$p]}")
        printf ' %21s' "$m$2 $(ratio "$m" "$base")"
    done
    echo
    printf '%-40s' "  fastest round"
    for p in "${programs[@]}"; do
        f=$(fastest "${values[$p]}")
        printf ' %21s' "$f$2 $(ratio "$f" "$base_f")"
    done
    echo
}
# exact LABEL UNIT ARRAY: one figure per program (instructions, bytes).
exact() {
    local -n values=$3
    local p
    printf '%-40s' "$1"
    for p in "${programs[@]}"; do
        printf ' %21s' "$(group "${values[$p]}")$2 $(ratio "${values[$p]}" "${values[hand]}")"
    done
    echo
}
row "load from env, ns" "" env_ns
row "load from map, ns" "" map_ns
if [[ -n ${env_ir[hand]:-} ]]; then
    exact "load from env, instructions" "" env_ir
    exact "load from map, instructions" "" map_ir
    exact "  first load of a process, from env" "" env_first
    exact "  first load of a process, from map" "" map_first
fi
row "clean release build, s" "" clean
row "  CPU time of that build, s" "" clean_cpu
row "rebuild after touch (release), s" "" touched
declare -A kib
for p in "${programs[@]}"; do kib[$p]=$(((size[$p] + 512) / 1024)); done
exact "stripped release binary, KiB" "" kib
printf '%-40s' "  over hand-written, KiB"
for p in "${programs[@]}"; do printf ' %21s' "+$((kib[$p] - kib[hand]))"; done
echo

echo
echo "all rounds, s (clean build | rebuild after touch) and ns (env | map):"
for p in "${programs[@]}"; do
    printf '  %-14s %s| %s| %s| %s\n' "${label[$p]}" "${clean[$p]}" "${touched[$p]}" "${env_ns[$p]}" "${map_ns[$p]}"
done
# The crates each clean build compiled, the slowest 6 first, as cargo timed them (last
# round).
echo
echo "per crate, last clean build (cargo --timings), s:"
for p in "${programs[@]}"; do
    crate_timings "$work/target-$p/cargo-timings/cargo-timing.html" "${label[$p]}" 6
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
