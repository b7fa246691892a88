# Sourced by side-by-side.sh and cold-build.sh: what cargo's own `--timings` report says
# of one build.
#
# crate_timings HTML LABEL TOP: one line for the build whose report is HTML
# (`target/cargo-timings/cargo-timing.html`): how many crates it compiled, the sum of
# their times, and the TOP slowest with their seconds ("build-script" is a build script's
# compilation, "run" its run). On 2 cores two compile at once, so a build's wall-clock
# time is less than the sum.
crate_timings() {
    local html=$1 label=$2 top=$3
    awk '/UNIT_DATA = \[/, /^\];/' "$html" |
        awk -F': ' '
            /"name"/ { gsub(/[",]/, "", $2); name = $2 }
            /"target"/ { gsub(/[",]/, "", $2); sub(/^ +/, "", $2); target = $2 }
            /"mode"/ { gsub(/[",]/, "", $2); mode = $2 }
            /"duration"/ {
                gsub(/,/, "", $2)
                label = name
                if (target == "build-script") label = label " (build-script)"
                if (mode == "run-custom-build") label = label " (run)"
                printf "%s %s\n", $2, label
            }' |
        sort -rn | awk -v p="$label" -v top="$top" '
            { sum += $1 }
            NR <= top {
                label = $2
                for (i = 3; i <= NF; i++) label = label " " $i
                line = line (NR > 1 ? ", " : "") label " " $1
            }
            END {
                more = ""
                if (NR > top) more = sprintf(", and %d more", NR - top)
                printf("  %-20s %2d crates, sum %5.1f: %s%s\n", p, NR, sum, line, more)
            }'
}
