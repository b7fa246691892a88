#!/usr/bin/env bash
# Clean `cargo build --release` of a minimal program that loads a 30-field configuration,
# with `attached` (default features, `--no-default-features`, `--features url`) and with
# the alternatives (envy + serde, envconfig): wall-clock time and the number of crates
# compiled (the "Compiling" lines, the program itself included).
#
# Every variant builds in its own fresh target directory, one after the other, in rounds
# (variant order the same in each round); each figure is the median over the rounds, and
# the fastest round is shown too: on a shared machine other work only ever adds time.
# Sources are fetched first, so no download is timed.
#
# Usage: benches/cold-build.sh             (from anywhere; about 5 to 7 minutes on 2 cores)
# Env:   ROUNDS (default 5), TMPDIR (where the programs are made), KEEP=1 (keep them).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=${ROUNDS:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/attached-cold-build.XXXXXX")
if [[ -n ${KEEP:-} ]]; then
    echo "keeping $work"
else
    trap 'rm -rf "$work"' EXIT
fi
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR RUSTFLAGS RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER

# The 30 fields, as `name type` lines; `*` marks the two with a default (`fields.txt`,
# shared with side-by-side.sh).
FIELDS=$(<"$repo/benches/fields.txt")
# shellcheck source=benches/timings.sh
source "$repo/benches/timings.sh"

upper() { tr '[:lower:]' '[:upper:]' <<< "$1"; }

# Each generator prints a program's `src/main.rs`.
attached_derive() {
    local name ty
    printf 'use attached::Attached;\n\n#[derive(Attached)]\n#[attached(prefix = "APP_")]\nstruct Config {\n'
    while read -r name ty; do
        [[ $name == port* ]] && printf '    #[attached(default = 8080)]\n'
        [[ $name == workers* ]] && printf '    #[attached(default = 4)]\n'
        [[ $name == database_url ]] && ty=attached::DatabaseUrl
        [[ $name == redis_url ]] && ty=attached::RedisUrl
        printf '    %s: %s,\n' "${name%\*}" "$ty"
    done <<< "$FIELDS"
    printf '}\n\nfn main() {\n    match Config::from_env() {\n'
    printf '        Ok(config) => println!("{config:?}"),\n        Err(report) => eprintln!("{report}"),\n    }\n}\n'
}

# Without the derive: the same fields read through attached's public API, by hand.
attached_manual() {
    local name ty n
    cat <<'EOF'
use attached::{Env, Raw, Source, Value};

fn get<T: Value>(env: &Env, name: &str) -> Option<T> {
    match env.get(name)?.raw {
        Raw::Text(text) if !text.is_empty() => T::parse(text).ok(),
        _ => None,
    }
}

fn list<T: Value>(env: &Env, name: &str) -> Option<Vec<T>> {
    match env.get(name)?.raw {
        Raw::Text(text) => text.split(',').map(|t| T::parse(t).ok()).collect(),
        Raw::NotUnicode => None,
    }
}

#[derive(Debug)]
struct Config {
EOF
    while read -r name ty; do printf '    %s: %s,\n' "${name%\*}" "$ty"; done <<< "$FIELDS"
    printf '}\n\nfn main() {\n    let env = Env::new();\n    let config = (|| {\n        Some(Config {\n'
    while read -r name ty; do
        n=APP_$(upper "${name%\*}")
        case $ty in
            Option*) printf '            %s: get(&env, "%s"),\n' "${name%\*}" "$n" ;;
            Vec*) printf '            %s: list(&env, "%s")?,\n' "$name" "$n" ;;
            *) if [[ $name == port\* ]]; then
                   printf '            %s: get(&env, "%s").unwrap_or(8080),\n' "${name%\*}" "$n"
               elif [[ $name == workers\* ]]; then
                   printf '            %s: get(&env, "%s").unwrap_or(4),\n' "${name%\*}" "$n"
               else
                   printf '            %s: get(&env, "%s")?,\n' "$name" "$n"
               fi ;;
        esac
    done <<< "$FIELDS"
    printf '        })\n    })();\n    println!("{config:?}");\n}\n'
}

envy_serde() {
    local name ty
    printf 'use serde::Deserialize;\n\nfn port() -> u16 {\n    8080\n}\n\nfn workers() -> u32 {\n    4\n}\n\n'
    printf '#[derive(Deserialize, Debug)]\nstruct Config {\n'
    while read -r name ty; do
        [[ $name == *\* ]] && printf '    #[serde(default = "%s")]\n' "${name%\*}"
        printf '    %s: %s,\n' "${name%\*}" "$ty"
    done <<< "$FIELDS"
    printf '}\n\nfn main() {\n    match envy::prefixed("APP_").from_env::<Config>() {\n'
    printf '        Ok(config) => println!("{config:?}"),\n        Err(error) => eprintln!("{error}"),\n    }\n}\n'
}

envconfig_derive() {
    local name ty
    cat <<'EOF'
use envconfig::Envconfig;
use std::str::FromStr;

/// A comma-separated list: envconfig parses every field with `FromStr`.
#[derive(Debug)]
struct List<T>(Vec<T>);

impl<T: FromStr> FromStr for List<T> {
    type Err = T::Err;
    fn from_str(text: &str) -> Result<Self, T::Err> {
        text.split(',').map(str::parse).collect::<Result<_, _>>().map(List)
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
    printf '}\n\nfn main() {\n    match Config::init_from_env() {\n'
    printf '        Ok(config) => println!("{config:?}"),\n        Err(error) => eprintln!("{error}"),\n    }\n}\n'
}

# variant NAME GENERATOR DEPENDENCY-LINES
variant() {
    mkdir -p "$work/$1/src"
    cat > "$work/$1/Cargo.toml" <<EOF
[package]
name = "cold-$1"
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

variants=(attached attached-no-default attached-url envy-serde envconfig)
variant attached attached_derive "attached = { path = \"$repo\" }"
variant attached-no-default attached_manual "attached = { path = \"$repo\", default-features = false }"
variant attached-url attached_derive "attached = { path = \"$repo\", features = [\"url\"] }"
variant envy-serde envy_serde $'envy = "0.4"\nserde = { version = "1", features = ["derive"] }'
variant envconfig envconfig_derive 'envconfig = "0.11"'

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "$(rustc --version); clean cargo build --release; median of $rounds rounds"
for v in "${variants[@]}"; do
    (cd "$work/$v" && cargo fetch -q)
done

now() { date +%s.%N; }
declare -A times crates
for ((r = 1; r <= rounds; r++)); do
    for v in "${variants[@]}"; do
        rm -rf "$work/$v/target"
        # The last round also writes cargo's per-crate timings (no measurable cost).
        timings=()
        ((r == rounds)) && timings=(--timings)
        start=$(now)
        if ! (cd "$work/$v" && cargo build --release --offline "${timings[@]}" > "$work/$v.log" 2>&1); then
            cat "$work/$v.log" >&2
            exit 1
        fi
        end=$(now)
        times[$v]+="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') "
        crates[$v]=$(grep -c '^ *Compiling ' "$work/$v.log")
    done
done

median() { printf '%s\n' $1 | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
fastest() { printf '%s\n' $1 | sort -g | head -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
base=$(median "${times[envy-serde]}")
base_fastest=$(fastest "${times[envy-serde]}")
echo
printf '%-20s %7s %8s %7s %8s %7s   %s\n' program crates median "vs envy" fastest "vs envy" "all rounds, s"
for v in "${variants[@]}"; do
    m=$(median "${times[$v]}")
    f=$(fastest "${times[$v]}")
    printf '%-20s %7s %8s %6sx %8s %6sx   %s\n' "$v" "${crates[$v]}" "$m" "$(ratio "$m" "$base")" \
        "$f" "$(ratio "$f" "$base_fastest")" "${times[$v]% }"
done
# The crates each compiled, the slowest 8 first, as cargo timed them (last round).
echo
echo "per crate, last round (cargo --timings), s:"
for v in "${variants[@]}"; do
    crate_timings "$work/$v/target/cargo-timings/cargo-timing.html" "$v" 8
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
