#!/bin/bash
# SPDX-License-Identifier: MIT
# `make bench-worst`: instructions of each operation's worst case (bench/worst_case.c
# says which) on fresh heaps from 64 KiB to 16 GiB, counted by callgrind inside the
# worst_* function that makes the call (its inclusive cost minus its own).  A bound
# that holds whatever the heap's size shows as a column that stops growing once the
# heap has all its classes.
#   WORST=build/worst_case bench/worst_case.sh
set -euo pipefail
worst=${WORST:-build/worst_case}
sizes=(65536 1048576 67108864 1073741824 17179869184)
printf '%-12s %10s %10s %10s %14s\n' "heap bytes" malloc free realloc aligned_alloc
for bytes in "${sizes[@]}"; do
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" \
        --toggle-collect=worst_malloc --toggle-collect=worst_free \
        --toggle-collect=worst_realloc --toggle-collect=worst_aligned \
        "$worst" "$bytes" >/dev/null 2>&1
    inclusive=$(callgrind_annotate --auto=no --threshold=100 --inclusive=yes "$out" 2>/dev/null)
    self=$(callgrind_annotate --auto=no --threshold=100 "$out" 2>/dev/null)
    rm -f "$out"
    row=()
    for f in worst_malloc worst_free worst_realloc worst_aligned; do
        row+=("$(awk -v f="$f" -v incl="$inclusive" -v own="$self" 'BEGIN {
            n = split(incl, lines, "\n"); for (k = 1; k <= n; k++) if (lines[k] ~ (":" f " ")) { split(lines[k], w, " "); gsub(",", "", w[1]); total += w[1] }
            n = split(own, lines, "\n"); for (k = 1; k <= n; k++) if (lines[k] ~ (":" f " ")) { split(lines[k], w, " "); gsub(",", "", w[1]); total -= w[1] }
            print total + 0 }')")
    done
    printf '%-12s %10s %10s %10s %14s\n' "$bytes" "${row[@]}"
done
