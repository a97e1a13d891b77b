#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Mutation check of the fuzzers: for each seeded bug in fuzz/mutants.txt, copy
# src/ to OUTDIR/<name>/src (the working tree is never touched), apply the bug,
# build the harnesses against the mutant exactly as fuzz.mk builds them, and
# fuzz until a harness reports it or MUTANT_SECONDS (60) pass: first from the
# hand-written seeds alone (fuzz/corpus/<h>/seed-*: the fuzzer has to find the
# bug itself), then, if it survives, from the whole committed corpus.
# Prints the kill table; fails if any mutant survives, and before fuzzing
# anything if any mutant does not apply (MUTANTS="a b" runs only those).
#
#   fuzz/mutants.sh OUTDIR        (make fuzz-mutants; flags come from fuzz.mk)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/${1:-build/fuzz-mutants}
seconds=${MUTANT_SECONDS:-60}
CLANG=${CLANG:-clang}
: "${FUZZ_CORE_FLAGS:?run through make fuzz-mutants}" "${FUZZ_SHELL_FLAGS:?}" "${FUZZ_HARNESS_FLAGS:?}"
rm -rf "$out"
mkdir -p "$out"
table=$out/kill-table.txt
survivors=0
total=0

# apply FILE FROM TO: replace the one occurrence of FROM (\n = newline) in FILE.
apply() {
    FROM=$2 TO=$3 perl -0777 -i -pe '
        BEGIN { ($from, $to) = ($ENV{FROM}, $ENV{TO}); s/\\n/\n/g for $from, $to; }
        my $n = () = /\Q$from\E/g;
        die "matches $n times\n" unless $n == 1;
        s/\Q$from\E/$to/;' "$1"
}

# build DIR: the fuzz flavour of the mutant's library and every harness.
build() {
    local dir=$1 objs=()
    mkdir -p "$dir/obj"
    for f in "$dir"/src/*.c; do
        local base
        base=$(basename "${f%.c}")
        case $base in
            core*) flags=$FUZZ_CORE_FLAGS ;;
            *) flags=$FUZZ_SHELL_FLAGS ;;
        esac
        # shellcheck disable=SC2086
        "$CLANG" $flags -Wno-error -c "$f" -o "$dir/obj/$base.o" || return 1
        objs+=("$dir/obj/$base.o")
    done
    for h in fuzz/fuzz_*.c; do
        local name
        name=$(basename "${h%.c}")
        # shellcheck disable=SC2086
        "$CLANG" $FUZZ_HARNESS_FLAGS -Wno-error -I"$dir/src" "$h" "${objs[@]}" -o "$dir/$name" ||
            return 1
    done
}

# hunt DIR HARNESS SEEDS: fuzz the mutant from the corpus directory SEEDS;
# prints seconds to the finding, or nothing.
hunt() {
    local dir=$1 h=$2 seeds=$3 start end
    rm -rf "$dir/corpus-$h" "$dir/findings-$h"
    mkdir -p "$dir/corpus-$h" "$dir/findings-$h"
    start=$(date +%s.%N)
    "$dir/fuzz_$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
        -artifact_prefix="$dir/findings-$h/" "$dir/corpus-$h" "$seeds" >"$dir/$h.log" 2>&1
    local rc=$?
    end=$(date +%s.%N)
    if [ "$rc" -ne 0 ] && [ -n "$(ls "$dir/findings-$h")" ]; then
        awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }'
    fi
}

# What the harness said: the oracle's message or the sanitizer's verdict.
reason() {
    if grep -q 'oracle failed at' "$1"; then
        grep -m1 -A1 'oracle failed at' "$1" | tail -1 | sed 's/^ *//' | cut -c1-80
    else
        grep -m1 -oE 'ERROR: [A-Za-z]+Sanitizer: [A-Za-z-]+( on [a-z]+ address)?|runtime error: [^,]{0,60}|deadly signal|timeout' "$1"
    fi
}

# Read fuzz/mutants.txt: call $1 once per block with name, file, harness,
# from, to and bug set (MUTANTS="a b": only the mutants so named).
for_each_mutant() {
    local callback=$1 line
    name='' file='' harness='' from='' to='' bug=''
    while IFS= read -r line || [ -n "$line" ]; do
        case $line in
            '#'*) ;;
            'name: '*) name=${line#name: } ;;
            'file: '*) file=${line#file: } ;;
            'harness: '*) harness=${line#harness: } ;;
            'from: '*) from=${line#from: } ;;
            'to: '*) to=${line#to: } ;;
            'bug: '*) bug=${line#bug: } ;;
            '')
                selected && "$callback"
                name='' file='' harness='' from='' to='' bug=''
                ;;
        esac
    done <fuzz/mutants.txt
    selected && "$callback"
    name='' file='' harness='' from='' to='' bug=''
}
selected() {
    [ -n "$name" ] || return 1
    [ -z "${MUTANTS:-}" ] || [[ " $MUTANTS " == *" $name "* ]]
}

# Before any fuzzing: every mutant must apply to today's sources, exactly once.
# One that no longer matches would otherwise "survive" only after an hour of
# fuzzing the others, or, worse, be skipped and shrink the table unnoticed.
stale=0
check_applies() {
    local scratch=$out/.apply-check
    rm -rf "$scratch"
    mkdir -p "$scratch/src"
    cp "$file" "$scratch/src/" 2>/dev/null || { echo "fuzz-mutants: $name: no file $file" >&2; stale=$((stale + 1)); return; }
    if ! err=$(apply "$scratch/src/$(basename "$file")" "$from" "$to" 2>&1); then
        echo "fuzz-mutants: $name does not apply to $file: $err" >&2
        stale=$((stale + 1))
    fi
    rm -rf "$scratch"
}
for_each_mutant check_applies
if [ "$stale" -ne 0 ]; then
    echo "fuzz-mutants: FAILED: $stale mutant(s) in fuzz/mutants.txt no longer match the sources; re-target them" >&2
    exit 2
fi

printf '%-30s %-8s %-8s %-7s %-6s %s\n' mutant harness verdict from seconds "caught by" | tee "$table"
run_mutant() {
    total=$((total + 1))
    local dir=$out/$name verdict=SURVIVED secs=- by='' used=- origin=-
    mkdir -p "$dir"
    cp -r src "$dir/src"
    [ -d specs ] && cp -r specs "$dir/specs" # core.h includes ../specs/
    if ! err=$(apply "$dir/$file" "$from" "$to" 2>&1); then
        verdict=NOAPPLY
        by="$file: $err"
    elif ! build "$dir" >"$dir/build.log" 2>&1; then
        verdict=NOBUILD
        by="see $dir/build.log"
    else
        for corpus in seeds corpus; do
            for h in $harness; do
                local seeds=fuzz/corpus/$h
                if [ "$corpus" = seeds ]; then
                    seeds=$dir/seeds-$h
                    mkdir -p "$seeds"
                    cp fuzz/corpus/"$h"/seed-* "$seeds"/
                fi
                secs=$(hunt "$dir" "$h" "$seeds")
                used=$h
                if [ -n "$secs" ]; then
                    verdict=KILLED
                    origin=$corpus
                    by=$(reason "$dir/$h.log")
                    break 2
                fi
                secs=-
            done
        done
    fi
    [ "$verdict" = KILLED ] || survivors=$((survivors + 1))
    printf '%-30s %-8s %-8s %-7s %-6s %s\n' "$name" "$used" "$verdict" "$origin" "$secs" "${by:-$bug}" |
        tee -a "$table"
}
for_each_mutant run_mutant

echo "fuzz-mutants: $((total - survivors)) of $total mutants killed within ${seconds}s each (table: $table; logs: $out/<mutant>/)"
[ "$survivors" -eq 0 ]
