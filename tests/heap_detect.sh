#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Heap-integration tests: run tests/heap_bugs as a child once per deliberate bug
# and require the memory checker to report it (its report, at the line of the
# bug, and a non-zero exit); the clean run must exit 0 with no report.  A test
# fails if the detection does not happen.
#
#   tests/heap_detect.sh asan     build/asan-heap/heap_bugs
#   tests/heap_detect.sh valgrind build/valgrind-heap/heap_bugs
set -uo pipefail
checker=$1
bin=$2
out=$(dirname "$bin")/heap_detect
mkdir -p "$out"
passed=0
failed=0

run() { # mode -> output in $out/$mode.txt, exit status returned
    if [ "$checker" = valgrind ]; then
        valgrind --tool=memcheck --error-exitcode=99 --leak-check=no "$bin" "$1" >"$out/$1.txt" 2>&1
    else
        ASAN_OPTIONS=detect_leaks=0 "$bin" "$1" >"$out/$1.txt" 2>&1
    fi
}

# verdict OK PASS-TEXT FAIL-TEXT FILE: count the result; on failure show the output.
verdict() {
    if [ "$1" = 1 ]; then
        echo "PASS $2"
        passed=$((passed + 1))
    else
        echo "FAIL $3; output in $4:"
        sed 's/^/    /' "$4" | head -30
        failed=$((failed + 1))
    fi
}

# expect MODE "pattern"...: non-zero exit and every pattern in the report.
expect() {
    local mode=$1
    shift
    run "$mode"
    local rc=$? ok=1
    [ "$rc" -ne 0 ] || ok=0
    for pattern in "$@"; do
        grep -qE -- "$pattern" "$out/$mode.txt" || { ok=0; echo "  missing: $pattern"; }
    done
    verdict "$ok" "$checker detects $mode (exit $rc)" \
        "$checker did not report $mode (exit $rc)" "$out/$mode.txt"
}

run clean
rc=$?
ok=0
[ "$rc" -eq 0 ] && ! grep -qE 'AddressSanitizer|Invalid (read|write)|uninitialised' "$out/clean.txt" && ok=1
verdict "$ok" "$checker reports nothing for correct use" \
    "$checker complained about correct use (exit $rc)" "$out/clean.txt"

if [ "$checker" = valgrind ]; then
    expect use-after-free 'Invalid read of size 1' 'use_after_free \(heap_bugs.c:' \
        'inside a block of size [0-9]+ free.d'
    # The byte past a is also 8 bytes before b (b's header lies between them):
    # memcheck names whichever of the two blocks its search meets first, which
    # depends on where the static region lands (two builds differing only in
    # shell code gave one each), so either description is the detection.
    expect overflow 'Invalid write of size 1' 'overflow \(heap_bugs.c:' \
        '(0 bytes after|8 bytes before) a block of size [0-9]+ alloc.d'
else
    expect use-after-free 'ERROR: AddressSanitizer: use-after-poison' 'READ of size 1' \
        'in use_after_free .*heap_bugs.c:'
    expect overflow 'ERROR: AddressSanitizer: use-after-poison' 'WRITE of size 1' \
        'in overflow .*heap_bugs.c:'
fi
echo "heap integration ($checker): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
