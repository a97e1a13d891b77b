#!/usr/bin/env bash
# Measure how long a cached replay of each proved function takes on its own and
# rewrite proofs/replay-seconds, which prove.sh uses to deal the functions out into
# replay groups of equal length.  Run it after the goal set changes a lot (new
# functions, a rebuilt cache).  Reads the committed session; writes nothing into it.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/why3.conf ] || { echo "replay_seconds: run 'make prove' once first (it configures Why3)" >&2; exit 2; }
export WHY3CONFIG="$PWD/build/why3.conf"
# shellcheck source=proofs/config.sh
. proofs/config.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for f in "${PROVED_FUNCTIONS[@]}"; do
    pruning=-wp-no-pruning
    [[ " ${PRUNED_FUNCTIONS[*]} " == *" $f "* ]] && pruning=-wp-pruning
    start=$(date +%s%N)
    frama-c -cpp-extra-args=-Isrc "${CORE_FILES[@]/#/src/}" -wp -wp-par 1 "${FUNCTION_FLAGS[@]}" "$pruning" \
        -wp-prop=-@lemma -wp-prover "$WP_PROVERS" -wp-timeout "$FUNCTION_TIMEOUT" -wp-fct "$f" \
        -wp-cache replay -wp-session proofs/wp-session/functions >"$out/$f.log" 2>&1
    tenths=$(( ($(date +%s%N) - start) / 100000000 ))
    printf '%-24s %3d.%d\n' "$f" $((tenths / 10)) $((tenths % 10)) >>"$out/times"
    echo "replay_seconds: $(tail -1 "$out/times")"
done
{
    echo "# Seconds a cached replay of each function takes on its own (one Frama-C process,"
    echo "# one prover slot), measured by proofs/replay_seconds.sh on $(date -u +%Y-%m-%d)."
    echo "# prove.sh uses them only to deal the functions out into replay groups of equal"
    echo "# length; a function missing here counts as 10 s."
    sort -k2 -n -r "$out/times"
} >proofs/replay-seconds
