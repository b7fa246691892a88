#!/usr/bin/env bash
# The release build of attached-core alone (the clean build's critical path), at two or
# more commits: for each, `touch attached-core/src/lib.rs && cargo build --release -p
# attached-core`, its wall-clock seconds and the CPU seconds (user + system) of cargo and
# rustc. The commits are checked out side by side, each with a target directory of its
# own, built once untimed, then timed in rounds (A B A B ...), so that a busy neighbour
# slows them alike. Prints the median and the fastest of each.
#
# Usage: benches/core-build.sh REV REV [REV ...]   (e.g. HEAD~1 HEAD; one untimed build of about
#        10 s per commit, then about 4 s a timed build on 2 cores)
# Env:   RUNS (rounds, default 5), TMPDIR (where the checkouts are made), KEEP=1.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-5}
(($# >= 2)) || {
    echo "usage: $0 REV REV [REV ...]" >&2
    exit 2
}
work=$(mktemp -d "${TMPDIR:-/tmp}/attached-core-build.XXXXXX")
cleanup() {
    for dir in "$work"/rev-*; do
        [[ -d $dir ]] && git -C "$repo" worktree remove --force "$dir" > /dev/null 2>&1
    done
    rm -rf "$work"
}
if [[ -n ${KEEP:-} ]]; then
    echo "keeping $work"
else
    trap cleanup EXIT
fi
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR RUSTFLAGS RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER

revs=("$@")
for i in "${!revs[@]}"; do
    git -C "$repo" worktree add --detach "$work/rev-$i" "${revs[$i]}" > /dev/null 2>&1
    (cd "$work/rev-$i" && cargo build -q --release -p attached-core --target-dir "$work/target-$i")
done

# build I: prints "WALL CPU" of one touched build of checkout I.
build() {
    local times
    touch "$work/rev-$1/attached-core/src/lib.rs"
    times=$({
        TIMEFORMAT='%R %U %S'
        time (cd "$work/rev-$1" && cargo build -q --release -p attached-core --target-dir "$work/target-$1")
    } 2>&1)
    awk '{ printf "%.2f %.2f", $1, $2 + $3 }' <<< "$times"
}

declare -A wall cpu
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at start; $runs rounds"
for ((r = 1; r <= runs; r++)); do
    for i in "${!revs[@]}"; do
        read -r w c <<< "$(build "$i")"
        wall[$i]+="$w "
        cpu[$i]+="$c "
    done
done

median() { printf '%s\n' $1 | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
fastest() { printf '%s\n' $1 | sort -g | head -1; }
printf '%-14s %-10s %18s %18s\n' rev commit "wall s (fastest)" "CPU s (fastest)"
for i in "${!revs[@]}"; do
    printf '%-14s %-10s %11s (%4s) %11s (%4s)\n' "${revs[$i]}" \
        "$(git -C "$repo" rev-parse --short "${revs[$i]}")" \
        "$(median "${wall[$i]}")" "$(fastest "${wall[$i]}")" \
        "$(median "${cpu[$i]}")" "$(fastest "${cpu[$i]}")"
done
echo "all rounds, CPU s:"
for i in "${!revs[@]}"; do echo "  ${revs[$i]}: ${cpu[$i]}"; done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
