#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make preload-check: real programs nobody here wrote, each run twice -- on
# glibc's malloc and with LD_PRELOAD=$PRELOAD_SO -- with their outputs compared
# byte for byte, and a table of wall time and peak resident memory (GNU time's
# %M: the largest process of the run) with the ratios tagheap/glibc.
#
#   PRELOAD_SO=build/libtagheap-preload.so preload/check_programs.sh OUT_DIR
#
# Workloads (preload/workloads/): python3 building, sorting and json-encoding
# 300,000 records; sqlite3 filling 100,000 rows, indexing and querying them;
# git committing six revisions of a generated 200-file tree, then log, diff,
# gc and fsck; gcc -O2 compiling a generated 150-function C file and three of
# tagheap's own sources, and the program it built; sort on a 1,000,000-line file.
# The gcc file is smaller than it could be: with 600 functions gcc takes 148 s
# on tagheap (5.6 s on glibc), because first fit walks every live block.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
so=$(realpath "$PRELOAD_SO")
workloads=preload/workloads

# ---- the programs: install what is missing (Debian) ----
need_pkgs=()
command -v sqlite3 >/dev/null || need_pkgs+=(sqlite3)
command -v git >/dev/null || need_pkgs+=(git)
[ -x /usr/bin/time ] || need_pkgs+=(time)
[ -x /usr/bin/python3 ] || need_pkgs+=(python3)
command -v gcc >/dev/null || need_pkgs+=(gcc)
tools/apt_install.sh preload-check "${need_pkgs[@]+"${need_pkgs[@]}"}"

rm -rf "$out"
mkdir -p "$out/input" "$out/glibc" "$out/tagheap"
input=$(realpath "$out/input")
awk 'BEGIN { srand(42); for (i = 0; i < 1000000; i++)
        printf "%08d %s %d\n", int(rand() * 1e8), substr("abcdefghijklmnopqrstuvwxyz", int(rand() * 22) + 1, 5), i }' \
    >"$input/sort.in"
awk -v functions=150 -f $workloads/generate_c.awk >"$input/generated.c"

# Each workload writes what is compared into the directory $1.
python_run() { /usr/bin/python3 $workloads/python_objects.py 300000 >"$1/python.out"; }
sqlite_run() { rm -f "$1/rows.db"; sqlite3 "$1/rows.db" <$workloads/sqlite_rows.sql >"$1/sqlite.out"; }
git_run() { bash $workloads/git_history.sh "$1/git" >"$1/git.out"; }
gcc_run() {
    gcc -O2 -c "$input/generated.c" -o "$1/generated.o"
    for f in core_alloc tagheap inspect; do gcc -O2 -Isrc -c src/$f.c -o "$1/$f.o"; done
    gcc "$1/generated.o" -o "$1/generated"
    "$1/generated" >"$1/gcc.out"
}
sort_run() { LC_ALL=C sort -k2,2 -k1,1n "$input/sort.in" >"$1/sort.out"; }

# What each workload's run must reproduce exactly.
declare -A compared=(
    [python]="python.out" [sqlite]="sqlite.out" [git]="git.out"
    [gcc]="gcc.out generated.o core_alloc.o tagheap.o inspect.o" [sort]="sort.out"
)
programs=(python sqlite git gcc sort)
export -f python_run sqlite_run git_run gcc_run sort_run
export workloads input

# measure PROGRAM ALLOCATOR: run it, with "seconds peak_KiB" in $out/ALLOCATOR/PROGRAM.time.
measure() {
    local program=$1 allocator=$2 dir=$out/$2
    local preload=()
    [ "$allocator" = tagheap ] && preload=(LD_PRELOAD="$so" TAGHEAP_STATS=1)
    if ! /usr/bin/time -f "%e %M" -o "$dir/$program.time" \
        env -u LD_PRELOAD "${preload[@]}" bash -c "${program}_run $(realpath "$dir")" 2>"$dir/$program.err"; then
        echo "FAIL $program on $allocator: exit status not 0 (stderr in $dir/$program.err):"
        tail -5 "$dir/$program.err"
        return 1
    fi
}

failed=0
for program in "${programs[@]}"; do
    echo "preload-check: $program (glibc, then tagheap)"
    measure "$program" glibc || failed=1
    measure "$program" tagheap || failed=1
    for file in ${compared[$program]}; do
        if ! cmp -s "$out/glibc/$file" "$out/tagheap/$file"; then
            echo "FAIL $program: $file differs between glibc and tagheap"
            failed=1
        fi
    done
done

# Calls that reached tagheap, summed over the processes that printed their
# exit summary (coreutils close stderr before it: sort's count is its shell's).
calls_of() {
    local n
    n=$(sed -n 's/^tagheap: stats: \([0-9]*\) calls;.*/\1/p' "$out/tagheap/$1.err" | awk '{ s += $1 } END { print s + 0 }')
    [ "$n" = 0 ] && echo "-" || echo "$n"
}

{
    printf "%-8s %9s %10s %7s %10s %11s %7s %11s  %s\n" program "glibc s" "tagheap s" ratio \
        "glibc MiB" "tagheap MiB" ratio "calls" output
    for program in "${programs[@]}"; do
        read -r gs gk <"$out/glibc/$program.time" || { gs=0; gk=0; }
        read -r ts tk <"$out/tagheap/$program.time" || { ts=0; tk=0; }
        same=identical
        for file in ${compared[$program]}; do
            cmp -s "$out/glibc/$file" "$out/tagheap/$file" || same=DIFFERENT
        done
        awk -v p="$program" -v gs="$gs" -v gk="$gk" -v ts="$ts" -v tk="$tk" -v calls="$(calls_of "$program")" \
            -v same="$same" 'BEGIN {
            printf "%-8s %9.2f %10.2f %6.1fx %10.1f %11.1f %6.2fx %11s  %s\n", p, gs, ts,
                (gs > 0 ? ts / gs : 0), gk / 1024, tk / 1024, (gk > 0 ? tk / gk : 0), calls, same }'
    done
} | tee "$out/table.txt"

if [ $failed = 0 ]; then
    echo "preload-check: every program gave identical output on tagheap (table in $out/table.txt)"
else
    echo "preload-check: FAILED (outputs in $out)"
fi
exit $failed
