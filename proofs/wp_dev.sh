#!/bin/bash
# A quick WP run while developing specs (not part of make prove): no cache, the
# project's flags, only the named lemmas or functions.  Run `make prove` once
# first so that build/why3.conf registers the provers.
#   proofs/wp_dev.sh lemmas "lemma_a,lemma_b" [timeout]      (lemma pass provers)
#   proofs/wp_dev.sh fct "f,g" [timeout] [more frama-c flags] (function flags)
set -euo pipefail
cd "$(dirname "$0")/.."
. proofs/config.sh
export WHY3CONFIG="$PWD/build/why3.conf"
kind=$1 what=$2 timeout=${3:-10}
shift 2; [ $# -gt 0 ] && shift
files=("${CORE_FILES[@]/#/src/}")
if [ "$kind" = lemmas ]; then
    frama-c -cpp-extra-args="-Isrc" "${files[@]}" -wp -wp-par 2 -wp-prop="$what" -wp-timeout "$timeout" \
        -wp-prover "$LEMMA_PROVERS" -wp-cache none "$@"
else
    frama-c -cpp-extra-args="-Isrc" "${files[@]}" -wp -wp-par 2 "${FUNCTION_FLAGS[@]}" -wp-no-pruning \
        -wp-prop=-@lemma -wp-fct "$what" -wp-timeout "$timeout" -wp-prover "$WP_PROVERS" -wp-cache none "$@"
fi
