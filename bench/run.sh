#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Run bench/bench against every allocator on every stream in one invocation, then print
# the tables with bench/report.py (ratios against glibc).
#
#   bench/run.sh               speed in ns per operation (best of BENCH_ROUNDS, rounds
#                              alternating between allocators, so that drift on a shared
#                              machine hits all of them alike)
#   bench/run.sh --callgrind   speed in instructions per malloc, per free and per realloc,
#                              which machine load does not change
#
# Both also measure peak utilisation (bench/bench.c --footprint, natively) and run the
# scaling stream at 1,000 .. 1,000,000 live blocks.
#
# Allocators: glibc (the process's own), jemalloc, mimalloc and tcmalloc through
# LD_PRELOAD, tagheap through its API (bench tagheap: one tagheap_create'd 1 GiB heap) and
# through its drop-in malloc (LD_PRELOAD=build/libtagheap-preload.so, as a program gets it).
# tcmalloc is installed if missing (Debian's libgoogle-perftools4, which brings
# libtcmalloc-minimal4: the allocator without the profiler is the one measured).
#
# Environment: BENCH (the program), PRELOAD_SO (the drop-in), BENCH_OPS (operations per
# stream), BENCH_ROUNDS, BENCH_SCALING_OPS (measured operations at each live count),
# BENCH_FOOTPRINT_OPS (operations per stream for utilisation), BENCH_RESULTS (where the raw
# results go).
set -euo pipefail
bench=${BENCH:-build/bench}
preload_so=${PRELOAD_SO:-build/libtagheap-preload.so}
mode=time
[ "${1:-}" = --callgrind ] && mode=callgrind
if [ "$mode" = callgrind ]; then ops=${BENCH_OPS:-100000}; else ops=${BENCH_OPS:-1000000}; fi
rounds=${BENCH_ROUNDS:-3}
[ "$mode" = callgrind ] && rounds=1
scaling_ops=${BENCH_SCALING_OPS:-100000}
# Utilisation depends on how long a stream runs, so both modes measure it on streams of
# the same length (natively: a few seconds for tagheap's first fit).
footprint_ops=${BENCH_FOOTPRINT_OPS:-1000000}
results=${BENCH_RESULTS:-build/bench-results-$mode.tsv}
streams=(small-random mixed-random fifo-window realloc-grow)
live_counts=(1000 10000 100000 1000000)

find_lib() { ldconfig -p | awk -v n="$1" '$1 == n { print $NF; exit }'; }
# tcmalloc: make setup installs it; a machine set up before it joined the table lacks it
[ -n "$(find_lib libtcmalloc_minimal.so.4)" ] || "$(dirname "$0")/../tools/apt_install.sh" bench libgoogle-perftools4
declare -A preload=([glibc]="" [jemalloc]="$(find_lib libjemalloc.so.2)"
    [mimalloc]="$(find_lib libmimalloc.so.2)" [tcmalloc]="$(find_lib libtcmalloc_minimal.so.4)"
    [tagheap]="" [tagheap-preload]="$(realpath "$preload_so")")
allocators=()
for a in glibc jemalloc mimalloc tcmalloc tagheap tagheap-preload; do
    if [ "$a" != glibc ] && [ "$a" != tagheap ] && [ ! -e "${preload[$a]}" ]; then
        echo "bench: $a not found (make setup installs it); left out"
    else
        allocators+=("$a")
    fi
done

# Every allocator runs the scaling stream with the same number of measured operations:
# tagheap's placement no longer walks the blocks (good fit over the free lists).
scaling_ops_for() { # allocator live -> measured operations
    echo "$scaling_ops"
}

# run allocator args... : bench's key=value line for that allocator
run() {
    local a=$1; shift
    local target=system; [ "$a" = tagheap ] && target=tagheap
    LD_PRELOAD="${preload[$a]}" "$bench" "$target" "$@"
}

# The instructions inside bench_malloc, bench_free and bench_realloc (bench/allocator.c),
# each minus the function's own: the allocator's cost per kind of call.  Instrumentation
# is off until bench.c turns it on for the measured operations.
run_callgrind() {
    local a=$1; shift
    local target=system; [ "$a" = tagheap ] && target=tagheap
    local out; out=$(mktemp)
    local line
    line=$(LD_PRELOAD="${preload[$a]}" valgrind --tool=callgrind --instr-atstart=no \
        --callgrind-out-file="$out" --toggle-collect=bench_malloc --toggle-collect=bench_free \
        --toggle-collect=bench_realloc "$bench" "$target" "$@" 2>/dev/null)
    local inclusive self
    inclusive=$(callgrind_annotate --auto=no --threshold=100 --inclusive=yes "$out" 2>/dev/null)
    self=$(callgrind_annotate --auto=no --threshold=100 "$out" 2>/dev/null)
    rm -f "$out"
    local kind
    for kind in malloc free realloc; do
        local cost
        cost=$(awk -v f="bench_$kind" -v incl="$inclusive" -v own="$self" 'BEGIN {
            n = split(incl, lines, "\n"); for (k = 1; k <= n; k++) if (lines[k] ~ (":" f " ")) { split(lines[k], w, " "); gsub(",", "", w[1]); total += w[1] }
            n = split(own, lines, "\n"); for (k = 1; k <= n; k++) if (lines[k] ~ (":" f " ")) { split(lines[k], w, " "); gsub(",", "", w[1]); total -= w[1] }
            print total + 0 }')
        line="$line instructions_$kind=$cost"
    done
    echo "$line"
}

# record allocator row line : append the line's key=value pairs to the results
record() {
    local a=$1 row=$2 line=$3 pair
    for pair in $line; do
        printf '%s\t%s\t%s\t%s\n' "$a" "$row" "${pair%%=*}" "${pair#*=}" >>"$results"
    done
}

rows=()
for s in "${streams[@]}"; do rows+=("$s:$s:"); done
for live in "${live_counts[@]}"; do rows+=("scaling-$live:scaling:$live"); done

mkdir -p "$(dirname "$results")"
: >"$results"
started=$SECONDS
echo "bench: $mode, ${allocators[*]}; ${#streams[@]} streams of $ops operations and the scaling stream at ${live_counts[*]} live blocks (raw results: $results)"
for spec in "${rows[@]}"; do
    IFS=: read -r row stream live <<<"$spec"
    for ((r = 0; r < rounds; r++)); do
        for a in "${allocators[@]}"; do
            if [ -n "$live" ]; then
                n=$(scaling_ops_for "$a" "$live")
                [ -z "$n" ] && continue
                args=("$stream" --live "$live" --ops "$n")
                footprint_args=("${args[@]}")
            else
                args=("$stream" --ops "$ops")
                footprint_args=("$stream" --ops "$footprint_ops")
            fi
            if [ "$mode" = callgrind ]; then
                record "$a" "$row" "$(run_callgrind "$a" "${args[@]}")"
            else
                record "$a" "$row" "$(run "$a" "${args[@]}")"
            fi
            [ "$r" = 0 ] && record "$a" "$row" "$(run "$a" "${footprint_args[@]}" --footprint)"
            # tagheap's placement alone: the pages its creation touches made resident before the first reading
            [ "$r" = 0 ] && [ "$a" = tagheap ] &&
                record tagheap-blocks "$row" "$(run "$a" "${footprint_args[@]}" --footprint --heap-first)"
        done
    done
    echo "bench: $row done ($((SECONDS - started)) s)"
done
python3 bench/report.py --mode "$mode" "$results"
