#!/usr/bin/env bash
# Run Frama-C/WP on the verified core, the way `make prove` does.  See proofs/README.md.
#
#   proofs/prove.sh [replay|fresh] [OUT_DIR] [SRC_DIR]
#
#   replay  (default) reuse the committed prover cache in proofs/wp-session and add
#           results for goals it does not hold yet;
#   fresh   ignore every cache: each goal goes to the provers again.
#   OUT_DIR logs, JSON reports and the table (default build/prove);
#   SRC_DIR the sources to prove (default src; prove-mutants passes a mutated copy).
#   WP_SESSION_DIR (environment) overrides the session/cache directory in replay mode.
#   PROVE_ONLY="f g" (environment) proves only these functions; PROVE_LEMMAS=0 skips the lemma pass.
#   PROVE_SMOKE=1|0 (environment) runs the smoke-test pass or not (default: off; the smoke pass alone took 453 s from scratch).
#
# Exit status 0 only if every goal of every pass is proved (lemmas included) and
# every smoke test passed.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=${1:-replay}
OUT=${2:-build/prove}
SRC=${3:-src}
mkdir -p "$OUT"

# ---- toolchain: install what is missing (Debian), configure Why3 inside build/ ----
need_pkgs=()
command -v frama-c >/dev/null || need_pkgs+=(frama-c-base)
command -v why3 >/dev/null || need_pkgs+=(why3)
command -v z3 >/dev/null || need_pkgs+=(z3)
command -v cvc4 >/dev/null || need_pkgs+=(cvc4)
command -v python3 >/dev/null || need_pkgs+=(python3)
if [ ${#need_pkgs[@]} -gt 0 ]; then
    echo "prove: installing ${need_pkgs[*]} (apt-get)"
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi
export WHY3CONFIG="$PWD/build/why3.conf"
if ! grep -q 'shortcut = "z3-tagheap"' "$WHY3CONFIG" 2>/dev/null; then
    mkdir -p build/drivers
    why3 config detect -C "$WHY3CONFIG" >/dev/null 2>&1
    # Drivers for the lemma pass: the standard ones minus six library lemmas that loop
    # on our goals (proofs/drivers/README.md).
    why3_drivers="$(why3 --print-datadir)/drivers"
    for p in z3 cvc4; do
        sed "s#@WHY3_DRIVERS@#$why3_drivers#" "proofs/drivers/${p}_tagheap.drv" >"build/drivers/${p}_tagheap.drv"
    done
    z3_version=$(z3 -version | awk '{print $3}')
    cvc4_version=$(cvc4 --version | sed -n 's/.*version \([0-9.]*\).*/\1/p' | head -1)
    cat >>"$WHY3CONFIG" <<EOF

[prover]
alternative = "tagheap"
command = "$(command -v z3) -smt2 -T:%t sat.random_seed=42 nlsat.randomize=false smt.random_seed=42 -st %f"
driver = "$PWD/build/drivers/z3_tagheap.drv"
in_place = false
interactive = false
name = "Z3"
shortcut = "z3-tagheap"
version = "$z3_version"

[prover]
alternative = "tagheap"
command = "$(command -v cvc4) --stats --tlimit=%t000 --lang=smt2 %f"
driver = "$PWD/build/drivers/cvc4_tagheap.drv"
in_place = false
interactive = false
name = "CVC4"
shortcut = "cvc4-tagheap"
version = "$cvc4_version"
EOF
fi

# ---- what is proved, and how ----
# shellcheck source=proofs/config.sh
. proofs/config.sh

# Smoke tests cost their full timeout on every run (a passed smoke test is a prover
# failure, which WP does not cache): off by default, PROVE_SMOKE=1 turns them on.
case "$MODE" in
    replay) CACHE=(-wp-cache update); SESSION=${WP_SESSION_DIR:-proofs/wp-session}; SMOKE=${PROVE_SMOKE:-0} ;;
    fresh)  CACHE=(-wp-cache none); SESSION="$OUT/session"; SMOKE=${PROVE_SMOKE:-0} ;;
    *) echo "prove: unknown mode $MODE" >&2; exit 2 ;;
esac

# Each pass names its provers: a second -wp-prover adds to the first.
FRAMA=(frama-c -cpp-extra-args="-I$SRC" "${CORE_FILES[@]/#/$SRC/}" -wp -wp-par "$WP_PAR"
       "${CACHE[@]}")

run_pass() { # name, extra flags...
    local name=$1; shift
    local start=$SECONDS
    echo "prove: pass '$name' ..."
    "${FRAMA[@]}" -wp-session "$SESSION/$name" -wp-report-json "$OUT/$name.json" "$@" \
        >"$OUT/$name.log" 2>&1 || { echo "prove: frama-c failed in pass '$name', see $OUT/$name.log"; tail -20 "$OUT/$name.log"; return 1; }
    echo "$((SECONDS - start))" >"$OUT/$name.seconds"
}

# prove-mutants narrows a run to the function it mutated (the specs are unchanged).
if [ -n "${PROVE_ONLY:-}" ]; then
    read -r -a PROVED_FUNCTIONS <<<"$PROVE_ONLY"
    SPLIT_FUNCTIONS=()
fi

start=$SECONDS
rm -f "$OUT"/*.log "$OUT"/*.json "$OUT"/*.seconds
[ "${PROVE_LEMMAS:-1}" = 1 ] && run_pass lemmas -wp-prop=@lemma -wp-timeout "$LEMMA_TIMEOUT" -wp-prover "$LEMMA_PROVERS"

# In a replay the function pass runs as two Frama-C processes side by side, each
# with one prover slot: generating and hashing goals (most of a replay) is
# single-threaded, so one process left a core idle (replay 185 s -> 81 s).  The
# functions are dealt out alternately; both groups share the pass's session and
# cache.  Where the provers do the work (from scratch, or one function as
# prove-mutants runs it) one process with both prover slots is faster: with one
# slot, CVC4 waits for Z3 to give up on each goal (from scratch 4m46s vs 8m38s).
group1=(); group2=()
if [ "$MODE" = replay ] && [ -z "${PROVE_ONLY:-}" ]; then
    for k in "${!PROVED_FUNCTIONS[@]}"; do
        if [ $((k % 2)) = 0 ]; then group1+=("${PROVED_FUNCTIONS[k]}"); else group2+=("${PROVED_FUNCTIONS[k]}"); fi
    done
    FRAMA+=(-wp-par "$(( (WP_PAR + 1) / 2 ))")  # the later -wp-par wins
else
    group1=("${PROVED_FUNCTIONS[@]}")
fi
function_pass() { # name, functions...
    local name=$1; shift
    [ $# -gt 0 ] || return 0
    run_pass "$name" "${FUNCTION_FLAGS[@]}" -wp-prop=-@lemma -wp-prover "$WP_PROVERS" -wp-timeout "$FUNCTION_TIMEOUT" \
        -wp-fct "$(IFS=,; echo "$*")" -wp-session "$SESSION/functions"
}
function_pass functions-1 "${group1[@]}" & pid1=$!
function_pass functions-2 "${group2[@]+"${group2[@]}"}" & pid2=$!
status=0
wait "$pid1" || status=1
wait "$pid2" || status=1
[ "$status" = 0 ] || exit 1
if [ ${#SPLIT_FUNCTIONS[@]} -gt 0 ]; then
    run_pass split "${FUNCTION_FLAGS[@]}" -wp-split -wp-prop=-@lemma -wp-prover "$WP_PROVERS" -wp-timeout "$FUNCTION_TIMEOUT" \
        -wp-fct "$(IFS=,; echo "${SPLIT_FUNCTIONS[*]}")"
fi
# Smoke tests get their own pass: a passed smoke test is a prover *failure*, which
# WP does not cache, so each costs its full timeout on every run.  Only the smoke
# results of this pass are counted (its other goals are the function goals again,
# without RTE, answered from its cache).
[ "$SMOKE" = 1 ] && run_pass smoke -wp-smoke-tests -wp-prop=-@lemma -wp-prover "$SMOKE_PROVER" -wp-timeout "$SMOKE_TIMEOUT" \
    -wp-fct "$(echo "${PROVED_FUNCTIONS[*]} ${SPLIT_FUNCTIONS[*]+"${SPLIT_FUNCTIONS[*]}"}" | xargs | tr ' ' ',')"
echo "$((SECONDS - start))" >"$OUT/total.seconds"

python3 proofs/wp_table.py "$OUT" "${PROVED_FUNCTIONS[@]}" "${SPLIT_FUNCTIONS[@]+"${SPLIT_FUNCTIONS[@]}"}" -- "${NOT_YET_PROVED[@]}"
