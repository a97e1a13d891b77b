#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The libraries export exactly the public API: what `nm -D --defined-only`
# lists for libtagheap.so (each under the TAGHEAP_1.0 version node) and the
# global symbols libtagheap.a defines must both equal the committed list.
#
#   tests/check_symbols.sh BUILD_DIR tests/exported_symbols.txt
set -euo pipefail
dir=$1
expected=$2
failed=0

# compare WHAT LIST: print the difference and count a failure when they differ.
compare() {
    if diff -u "$expected" - <<<"$2" >"$dir/symbols.diff"; then
        echo "PASS $1: $(wc -l <"$expected") symbols, all tagheap_*, as in $expected"
    else
        echo "FAIL $1 differs from $expected:"
        cat "$dir/symbols.diff"
        failed=1
    fi
}

# The version node itself shows up as an absolute symbol (A TAGHEAP_1.0): it
# is the version definition, not code or data, and is left out of the list.
shared=$(nm -D --defined-only "$dir/libtagheap.so" | awk '$2 != "A" { print $3 }')
if grep -qv '@@TAGHEAP_1\.0$' <<<"$shared"; then
    echo "FAIL libtagheap.so: a symbol outside the TAGHEAP_1.0 version node:"
    grep -v '@@TAGHEAP_1\.0$' <<<"$shared"
    failed=1
fi
compare "nm -D --defined-only $dir/libtagheap.so" "$(sed 's/@.*//' <<<"$shared" | sort)"
compare "nm -g --defined-only $dir/libtagheap.a" \
    "$(nm -g --defined-only "$dir/libtagheap.a" | awk 'NF == 3 { print $3 }' | sort)"

soname=$(readelf -d "$dir/libtagheap.so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
if [[ $soname =~ ^libtagheap\.so\.[0-9]+$ ]]; then
    echo "PASS soname $soname"
else
    echo "FAIL soname '$soname' is not libtagheap.so.MAJOR"
    failed=1
fi
exit $failed
