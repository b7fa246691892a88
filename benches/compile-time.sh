#!/usr/bin/env bash
# Compile time of a 200-field configuration: `#[derive(Attached)]` against the same struct
# with a hand-written loader (`std::env::var` + `str::parse` per field, `#[derive(Debug)]`).
#
# Generates both crates in a temporary workspace, builds their dependencies once (the
# warm-up), then times only the configuration's own crate, each figure the median (and
# the fastest) of 5:
#   - incremental rebuild: `touch src/main.rs`, then `cargo check` / `cargo build` (dev
#     profile, incremental on): what every edit-compile cycle of the user's crate pays;
#   - crate rebuild: `cargo clean -p <crate>`, then `cargo check` / `cargo build`: the
#     crate compiled from nothing, its dependencies already built.
# And the size of the code each adds, from the compiler's own expansion:
#   `RUSTC_BOOTSTRAP=1 cargo rustc --profile=check -- -Zunpretty=expanded`, minus the
#   expansion of the bare struct (no derive, no loader), divided by the number of fields.
#
# Usage: benches/compile-time.sh            (from anywhere; about 1 minute on 2 cores)
# Env:   FIELDS (default 200), RUNS (default 5), TMPDIR (where the workspace is made),
#        KEEP=1 (keep the workspace, to look at the generated code).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fields=${FIELDS:-200}
runs=${RUNS:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/attached-compile-time.XXXXXX")
if [[ -n ${KEEP:-} ]]; then
    echo "keeping $work"
else
    trap 'rm -rf "$work"' EXIT
fi
# The workspace's own target directory: never one shared with other builds.
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR RUSTFLAGS CARGO_INCREMENTAL

# Field i: its Rust type, and whether it has a default. Ten kinds, cycled: 40% plain
# values, 20% with a default, 20% optional, 10% lists.
kind_type=(String u16 u32 u64 bool f64 'Option<String>' 'Option<u32>' 'Vec<String>' i64)
kind_default=('' 8080 '' '' '' '' '' '' '' -1)

# The struct, with `$1` before it and, per field, `attrs` deciding its attributes.
struct() {
    local derive=$1 attrs=$2 i k
    printf '%s\npub struct Config {\n' "$derive"
    for ((i = 0; i < fields; i++)); do
        k=$((i % 10))
        if [[ $attrs == yes && -n ${kind_default[k]} ]]; then
            printf '    #[attached(default = %s)]\n' "${kind_default[k]}"
        fi
        printf '    pub field_%d: %s,\n' "$i" "${kind_type[k]}"
    done
    printf '}\n'
}

# The hand-written loader: one helper call per field.
loader() {
    local i k call
    cat <<'EOF'

fn text(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|t| !t.is_empty())
}

fn parse<T: FromStr>(name: &str, text: &str) -> Result<T, String> {
    text.trim().parse().map_err(|_| format!("{name}: invalid value"))
}

fn required<T: FromStr>(name: &str) -> Result<T, String> {
    parse(name, &text(name).ok_or_else(|| format!("{name}: not set"))?)
}

fn or<T: FromStr>(name: &str, default: T) -> Result<T, String> {
    text(name).map_or(Ok(default), |t| parse(name, &t))
}

fn optional<T: FromStr>(name: &str) -> Result<Option<T>, String> {
    text(name).map(|t| parse(name, &t)).transpose()
}

fn list<T: FromStr>(name: &str) -> Result<Vec<T>, String> {
    let text = text(name).ok_or_else(|| format!("{name}: not set"))?;
    let items = text.split(',').map(str::trim).filter(|item| !item.is_empty());
    items.map(|item| parse(name, item)).collect()
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
        Ok(Config {
EOF
    for ((i = 0; i < fields; i++)); do
        k=$((i % 10))
        case ${kind_type[k]} in
            Option*) call="optional(\"APP_FIELD_$i\")?" ;;
            Vec*) call="list(\"APP_FIELD_$i\")?" ;;
            *) if [[ -n ${kind_default[k]} ]]; then
                   call="or(\"APP_FIELD_$i\", ${kind_default[k]})?"
               else
                   call="required(\"APP_FIELD_$i\")?"
               fi ;;
        esac
        printf '            field_%d: %s,\n' "$i" "$call"
    done
    printf '        })\n    }\n}\n'
}

main_fn='
fn main() {
    match Config::from_env() {
        Ok(config) => println!("{config:?}"),
        Err(error) => eprintln!("{error}"),
    }
}'

mkdir -p "$work/derive/src" "$work/hand/src" "$work/bare/src"
cat > "$work/Cargo.toml" <<EOF
[workspace]
members = ["derive", "hand", "bare"]
resolver = "3"
EOF
for crate in derive hand bare; do
    deps=''
    [[ $crate == derive ]] && deps="attached = { path = \"$repo\" }"
    cat > "$work/$crate/Cargo.toml" <<EOF
[package]
name = "$crate"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$deps
EOF
done
{
    printf 'use attached::Attached;\n\n'
    struct '#[derive(Attached)]
#[attached(prefix = "APP_")]' yes
    printf '%s\n' "$main_fn"
} > "$work/derive/src/main.rs"
{
    printf 'use std::str::FromStr;\n\n'
    struct '#[derive(Debug)]' no
    loader
    printf '%s\n' "$main_fn"
} > "$work/hand/src/main.rs"
{
    struct '#[allow(dead_code)]' no
    printf '\nfn main() {}\n'
} > "$work/bare/src/main.rs"
# The same versions of syn, quote, ... as the repository builds with.
cp "$repo/Cargo.lock" "$work/Cargo.lock" 2>/dev/null || true

cd "$work"
now() { date +%s.%N; }
# Runs "$@" quietly and prints the seconds it took; stops the script if it fails.
timed() {
    local start end
    start=$(now)
    if ! "$@" > "$work/last.log" 2>&1; then
        cat "$work/last.log" >&2
        exit 1
    fi
    end=$(now)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# figure CRATE MODE COMMAND: the median and the fastest of `runs` timings, after one
# untimed warm-up run. On a shared machine other work only ever adds time, so the fastest
# is the steadier of the two.
figure() {
    local crate=$1 mode=$2 cmd=$3 t all=() i
    for ((i = 0; i <= runs; i++)); do
        if [[ $mode == touch ]]; then
            touch "$crate/src/main.rs"
        else
            # `clean -p` keeps the incremental cache, which would make this a rebuild.
            cargo clean -q -p "$crate"
            rm -rf target/debug/incremental/"$crate"-*
        fi
        t=$(timed cargo "$cmd" -q -p "$crate")
        ((i > 0)) && all+=("$t")
    done
    echo "$(median "${all[@]}") $(printf '%s\n' "${all[@]}" | sort -g | head -1)"
}

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "$(rustc --version); $fields fields; median of $runs runs after a warm-up"
echo "building the dependencies once (not timed)..."
cargo check -q --workspace
cargo build -q --workspace

declare -A result
for mode in touch clean; do
    for cmd in check build; do
        for crate in derive hand; do
            result[$crate.$mode.$cmd]=$(figure "$crate" "$mode" "$cmd")
        done
    done
done

expanded_lines() {
    RUSTC_BOOTSTRAP=1 cargo rustc -q -p "$1" --profile=check -- -Zunpretty=expanded 2> /dev/null |
        grep -cv '^\s*$'
}
bare=$(expanded_lines bare)
derive_lines=$(($(expanded_lines derive) - bare))
hand_lines=$(($(expanded_lines hand) - bare))

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a / b }'; }
per() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f\n", a / b }'; }
echo
printf '%-44s %15s %15s %15s\n' "$fields fields" derive hand-written ratio
printf '%-44s %15s %15s %15s\n' "seconds: median (fastest)" "" "" ""
for mode in touch clean; do
    for cmd in check build; do
        if [[ $mode == touch ]]; then
            label="cargo $cmd, incremental (touch main.rs)"
        else
            label="cargo $cmd, crate rebuilt (clean -p)"
        fi
        read -r dm df <<< "${result[derive.$mode.$cmd]}"
        read -r hm hf <<< "${result[hand.$mode.$cmd]}"
        printf '%-44s %15s %15s %15s\n' "$label" \
            "$(printf '%.2f (%.2f)' "$dm" "$df")" "$(printf '%.2f (%.2f)' "$hm" "$hf")" \
            "$(ratio "$dm" "$hm")x ($(ratio "$df" "$hf")x)"
    done
done
printf '%-44s %15s %15s %15s\n' "expanded lines (non-blank) over bare struct" \
    "$derive_lines" "$hand_lines" "$(ratio "$derive_lines" "$hand_lines")x"
printf '%-44s %15s %15s\n' "  per field" "$(per "$derive_lines" "$fields")" "$(per "$hand_lines" "$fields")"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
