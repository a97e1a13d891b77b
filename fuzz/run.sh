#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Run each named harness under libFuzzer for SECONDS, one after the other (one
# process each: the machine is shared), and print executions, coverage and
# findings per harness.  Exits non-zero on any finding.
#
#   fuzz/run.sh SECONDS HARNESS...      (make fuzz / make fuzz-smoke)
#
# Each harness fuzzes from its committed seeds (fuzz/corpus/<h>, never written)
# plus a growing working corpus (build/fuzz/corpus/<h>); reproducers land in
# build/fuzz/findings/<h>/ and the full log in build/fuzz/<h>.log.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=$1
shift
status=0
printf '%-6s %8s %12s %10s %6s %6s %6s  %s\n' harness seconds executions exec/s cov ft corpus findings
for h in "$@"; do
    bin=build/fuzz/fuzz_$h
    work=build/fuzz/corpus/$h
    findings=build/fuzz/findings/$h
    log=build/fuzz/$h.log
    mkdir -p "$work" "$findings"
    dict=()
    [ -f "fuzz/$h.dict" ] && dict=(-dict="fuzz/$h.dict")
    touch "$findings/.started" # what this run saves is newer
    "$bin" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
        -max_len=4096 -artifact_prefix="$findings/" "${dict[@]}" "$work" "fuzz/corpus/$h" \
        >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
    corpus=$(ls "$work" | wc -l)
    found=$(find "$findings" -type f ! -name .started -newer "$findings/.started" | sort)
    printf '%-6s %8s %12s %10s %6s %6s %6s  %s\n' "$h" "$seconds" "${execs:-?}" "${rate:-?}" \
        "${cov:-?}" "${ft:-?}" "$corpus" "$(echo "$found" | grep -c . || true)"
    if [ "$rc" -ne 0 ] || [ -n "$found" ]; then
        status=1
        echo "  $h: FINDING (libFuzzer exit $rc); the report, from $log:"
        grep -A1 -E 'ERROR|oracle failed|SUMMARY' "$log" | grep -v '^--$' | head -8 | sed 's/^/    /'
        for f in $found; do
            echo "  reproducer: $f"
            echo "    replay:   $bin $f    or    build/fuzz-gcc/replay_$h $f"
        done
    fi
done
[ "$status" -eq 0 ] && echo "fuzz: every harness ran ${seconds}s clean (logs: build/fuzz/*.log)"
exit "$status"
