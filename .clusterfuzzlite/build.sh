#!/bin/bash -eu
# SPDX-License-Identifier: MIT
# Build tagheap's harnesses the way OSS-Fuzz / ClusterFuzzLite expects: with
# the infrastructure's $CC, $CFLAGS and $LIB_FUZZING_ENGINE, one binary per
# fuzz/fuzz_*.c in $OUT, each with its seed corpus (<name>_seed_corpus.zip)
# and, where there is one, its dictionary (<name>.dict).
#
# With SANITIZER=address the heap is poisoned as in `make fuzz`
# (TAGHEAP_ASAN_HEAP, src/annotate.h): the shell and the harnesses get ASan,
# the verified core is compiled without it because it touches the poisoned
# tags by design.  Other sanitizers (undefined, memory) instrument everything.
#
# Tested locally with, e.g.:
#   SRC=/tmp/cfl/src OUT=/tmp/cfl/out WORK=/tmp/cfl/work CC=clang SANITIZER=address \
#   CFLAGS="-O1 -gline-tables-only -fsanitize=address -fsanitize=fuzzer-no-link" \
#   LIB_FUZZING_ENGINE=-fsanitize=fuzzer .clusterfuzzlite/build.sh
project=${SRC}/tagheap
[ -d "$project" ] || project=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/tmp}/tagheap-build
mkdir -p "$work" "$OUT"

common="-std=c11 -D_DEFAULT_SOURCE -I$project/src"
shell_flags="$CFLAGS"
core_flags="$CFLAGS"
if [ "${SANITIZER:-}" = address ]; then
    shell_flags="$CFLAGS -DTAGHEAP_ASAN_HEAP"
    # -fno-builtin: no memcpy/memset calls (ASan intercepts them) from the core's loops
    core_flags="$(echo "$CFLAGS" | sed -E 's/-fsanitize=address( |$)/\1/; s/-fsanitize-address-[^ ]*//g') -fno-builtin"
fi

objects=()
for source in "$project"/src/*.c; do
    name=$(basename "${source%.c}")
    case $name in
        core*) flags=$core_flags ;;
        *) flags=$shell_flags ;;
    esac
    # shellcheck disable=SC2086
    $CC $flags $common -c "$source" -o "$work/$name.o"
    objects+=("$work/$name.o")
done

for harness in "$project"/fuzz/fuzz_*.c; do
    name=$(basename "${harness%.c}")
    # shellcheck disable=SC2086
    $CC $shell_flags $common "$harness" "${objects[@]}" $LIB_FUZZING_ENGINE -o "$OUT/$name"
    corpus=$project/fuzz/corpus/${name#fuzz_}
    rm -f "$OUT/${name}_seed_corpus.zip"
    (cd "$corpus" && zip -q -r "$OUT/${name}_seed_corpus.zip" .)
    dict=$project/fuzz/${name#fuzz_}.dict
    [ -f "$dict" ] && cp "$dict" "$OUT/$name.dict"
    echo "built $OUT/$name (seed corpus: $(ls "$corpus" | wc -l) inputs)"
done
