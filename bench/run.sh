#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Run bench/bench against every allocator in one invocation and print ns/op and
# the ratio to glibc.  Rounds alternate between allocators so that drift on this
# shared machine hits all of them alike; each cell is the best of its rounds.
# With --callgrind, count instructions per operation instead (stable under load).
set -euo pipefail
bench=${BENCH:-build/bench}
ops=${BENCH_OPS:-1000000}
rounds=${BENCH_ROUNDS:-3}
mode=time
[ "${1:-}" = --callgrind ] && mode=callgrind

find_lib() { ldconfig -p | awk -v n="$1" '$1 == n { print $NF; exit }'; }
declare -A preload=([glibc]="" [jemalloc]="$(find_lib libjemalloc.so.2)" [mimalloc]="$(find_lib libmimalloc.so.2)" [tagheap]="")
allocators=(glibc jemalloc mimalloc tagheap)
echo "dlmalloc: not measured (no Debian package provides it)"
for a in jemalloc mimalloc; do
    if [ -z "${preload[$a]}" ]; then
        echo "$a: not installed (make setup installs it); skipped"
        allocators=("${allocators[@]/$a}")
    fi
done

declare -A best
run_one() { # allocator -> lines "workload value"
    local a=$1 target=system
    [ "$a" = tagheap ] && target=tagheap
    if [ "$mode" = callgrind ]; then
        local out; out=$(mktemp)
        LD_PRELOAD="${preload[$a]}" valgrind --tool=callgrind --callgrind-out-file=/dev/null \
            --toggle-collect='run' "$bench" "$target" --ops "$ops" --rounds 1 2>"$out" >/dev/null
        # callgrind reports the instructions collected inside run(); spread over its ops
        local total; total=$(awk '/Collected/ { print $NF }' "$out"); rm -f "$out"
        echo "all-workloads $total"
    else
        LD_PRELOAD="${preload[$a]}" "$bench" "$target" --ops "$ops" --rounds 1
    fi
}

passes=$rounds; [ "$mode" = callgrind ] && passes=1
for ((r = 0; r < passes; r++)); do
    for a in ${allocators[@]}; do
        while read -r workload value; do
            key="$a/$workload"
            if [ -z "${best[$key]:-}" ] || awk -v x="$value" -v y="${best[$key]}" 'BEGIN { exit !(x < y) }'; then
                best[$key]=$value
            fi
        done < <(run_one "$a")
    done
done

workloads=$(printf '%s\n' "${!best[@]}" | sed 's|.*/||' | sort -u)
unit="ns/op"; [ "$mode" = callgrind ] && unit="instructions/op"
printf '\n%-16s' "$unit"
for a in ${allocators[@]}; do printf '%14s' "$a"; done
printf '%14s\n' "tagheap/glibc"
for w in $workloads; do
    printf '%-16s' "$w"
    for a in ${allocators[@]}; do
        v=${best[$a/$w]}
        [ "$mode" = callgrind ] && v=$(awk -v t="$v" -v n="$ops" 'BEGIN { printf "%.0f", t / (4 * n) }')
        printf '%14s' "$v"
    done
    awk -v t="${best[tagheap/$w]}" -v g="${best[glibc/$w]}" 'BEGIN { printf "%13.1fx\n", t / g }'
done
