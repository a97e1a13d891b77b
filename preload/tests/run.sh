#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The drop-in malloc's tests (make test-preload): each program runs as an
# ordinary glibc program with LD_PRELOAD=$PRELOAD_SO, and each check says PASS
# or FAIL with what it saw.
#
#   PRELOAD_SO=build/libtagheap-preload.so TESTS=build/preload/tests preload/tests/run.sh
set -uo pipefail
so=$(realpath "$PRELOAD_SO")
tests=$TESTS
out=$tests/out
mkdir -p "$out"
failed=0
ulimit -c 0 # an abort is an expected outcome here, not a core file

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1"; failed=1; }

# run NAME ENV... -- COMMAND...: run with the preload; stdout, stderr and the
# exit status land in $out/NAME.{out,err,status}.
run() {
    local name=$1; shift
    local env=()
    while [ "$1" != -- ]; do env+=("$1"); shift; done; shift
    # in a group whose stderr is dropped: bash's own "Aborted" notice for an
    # expected abort is not the program's output
    { env LD_PRELOAD="$so" "${env[@]}" "$@" >"$out/$name.out" 2>"$out/$name.err"; } 2>/dev/null
    echo $? >"$out/$name.status"
}

# The exit summary proves the calls reached tagheap (and counts them).
calls_of() { sed -n 's/^tagheap: stats: \([0-9]*\) calls;.*/\1/p' "$out/$1.err"; }

# ---- the machine code: the drop-in never calls an allocation function ----
# It is malloc: a call from inside it to malloc, calloc, ... (its own, through the
# PLT, or one the compiler made up, such as a malloc and memset folded into
# calloc) would recurse.  -fno-builtin forbids the folding; this checks the
# result of the build as shipped (-O3, link-time optimisation).
allocation_calls=$(objdump -d "$so" | grep -E 'call.*<(malloc|calloc|realloc|free|reallocarray|memalign|aligned_alloc|posix_memalign|valloc|pvalloc)(@plt)?>')
if [ -z "$allocation_calls" ]; then
    pass "machine code: no call to an allocation function ($(objdump -d "$so" | grep -c 'call') calls read)"
else
    fail "machine code calls an allocation function:"; echo "$allocation_calls"
fi

# ---- the interface ----
# api and threads move 20 MiB blocks into dedicated regions and back: regions of
# 64 MiB make those dedicated (above a quarter of a region), as the tests say.
run api TAGHEAP_STATS=1 TAGHEAP_REGION_MB=64 -- "$tests/api" "$(realpath "$(dirname "$so")")/libtagheap.so"
if [ "$(cat "$out/api.status")" = 0 ] && [ "$(calls_of api)" -gt 0 ]; then
    pass "api: results, errno, alignment, growth, dlopen and threads ($(calls_of api) calls on tagheap)"
else
    fail "api (status $(cat "$out/api.status")):"; cat "$out/api.err"
fi

# ---- misuse: one exact line on stderr, then abort (134) or, under warn, go on ----
outside="pointer was not handed out by tagheap (outside every heap region)"
misaligned="pointer is not 16-byte aligned, so it is no payload"
interior="pointer is not the start of a block (interior pointer, or a block already freed and merged)"
freed="block is already free (double free)"
check_misuse() { # CASE CALL MESSAGE
    local case=$1 call=$2 message=$3 policy line
    for policy in abort warn; do
        run "misuse-$case-$policy" TAGHEAP_INVALID_POINTER=$policy -- "$tests/misuse" "$case"
        local p; p=$(head -1 "$out/misuse-$case-$policy.out")
        local status; status=$(cat "$out/misuse-$case-$policy.status")
        line="tagheap: $call($p): $message"
        if [ $policy = abort ]; then
            want_status=134
        else
            want_status=0 line="$line; ignored"
        fi
        if [ "$(cat "$out/misuse-$case-$policy.err")" = "$line" ] && [ "$status" = $want_status ]; then
            pass "misuse $case ($policy): exit $status, '$line'"
        else
            fail "misuse $case ($policy): exit $status (want $want_status), stderr:"
            cat "$out/misuse-$case-$policy.err"
            echo "wanted: $line"
        fi
    done
}
check_misuse free-foreign free "$outside"
check_misuse free-misaligned free "$misaligned"
check_misuse free-interior free "$interior"
check_misuse double-free free "$freed"
check_misuse double-free-merged free "$interior"
check_misuse realloc-foreign realloc "$outside"
check_misuse realloc-freed realloc "$freed"
check_misuse usable-size-interior malloc_usable_size "$interior"

# an overflow into the next block's header, caught by the next call's check
run misuse-overflow TAGHEAP_CHECK_EVERY=1 -- "$tests/misuse" overflow
if [ "$(cat "$out/misuse-overflow.status")" = 134 ] &&
    grep -qxE 'tagheap: heap check failed after call [0-9]+: .+ \(block at offset 0x[0-9a-f]{8,}\)' \
        "$out/misuse-overflow.err" && [ "$(wc -l <"$out/misuse-overflow.err")" = 1 ]; then
    pass "misuse overflow (TAGHEAP_CHECK_EVERY=1): exit 134, '$(cat "$out/misuse-overflow.err")'"
else
    fail "misuse overflow: exit $(cat "$out/misuse-overflow.status"), stderr:"; cat "$out/misuse-overflow.err"
fi

# ---- threads, fork, memory given back ----
run threads TAGHEAP_CHECK_EVERY=20000 TAGHEAP_STATS=1 TAGHEAP_REGION_MB=64 -- "$tests/threads" --ops 1000000
if [ "$(cat "$out/threads.status")" = 0 ] && [ "$(calls_of threads)" -ge 1000000 ]; then
    pass "threads: $(head -1 "$out/threads.out") ($(calls_of threads) calls on tagheap, checked every 20000)"
else
    fail "threads (status $(cat "$out/threads.status")):"; cat "$out/threads.err"
fi

run fork TAGHEAP_CHECK_EVERY=1000 -- "$tests/fork"
if [ "$(cat "$out/fork.status")" = 0 ]; then
    pass "fork: $(head -1 "$out/fork.out")"
else
    fail "fork (status $(cat "$out/fork.status")):"; cat "$out/fork.err"
fi

run rss -- "$tests/rss"
if [ "$(cat "$out/rss.status")" = 0 ]; then
    pass "rss: $(head -1 "$out/rss.out")"
else
    fail "rss (status $(cat "$out/rss.status")):"; cat "$out/rss.out" "$out/rss.err"
fi

if [ $failed = 0 ]; then
    echo "test-preload: every check passed (outputs in $out)"
else
    echo "test-preload: FAILED (outputs in $out)"
fi
exit $failed
