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
#   PROVE_SMOKE=1|0 (environment) runs the smoke-test pass or not (default: off; the smoke pass alone took 940 s for 40 functions).
#   PROVE_PROPS="a,b,@assigns" (environment) proves only these properties (clause or
#           assertion names, or WP categories; `-wp-prop`) in the function passes;
#   PROVE_CACHE_FIRST=0 (environment) in a replay, skip the cache-only step of each pass
#           (prove-mutants: a mutated function's goals are not in the cache).
#   PROVE_TIMEOUT=S (environment) per-goal timeout of the function passes, instead of
#           the one in proofs/config.sh.  prove-mutants re-checks a mutant's failing goals
#           with both, in `fresh` mode (no cache).
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
tools/apt_install.sh prove "${need_pkgs[@]+"${need_pkgs[@]}"}"
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

# Every function the core defines (ghost lemma functions included) must be in
# PROVED_FUNCTIONS or NOT_YET_PROVED: a function in neither list has its contract
# used by its callers' proofs while its body is never proved (four group-map
# helpers were missed that way for one stop).  Frama-C's own list of defined
# functions is the reference, not a grep.
# The core must also call no function that has only a contract (or nothing): its
# contract would be assumed, never proved.
check_function_lists() {
    local metrics defined listed missing unknown
    metrics=$(frama-c -cpp-extra-args="-I$SRC" "${CORE_FILES[@]/#/$SRC/}" -metrics 2>&1)
    defined=$(echo "$metrics" |
        sed -n '/Defined functions/,/^ *$/p' | tail -n +3 | tr ';' '\n' |
        sed -E 's/^ *([A-Za-z_][A-Za-z0-9_]*) \(.*/\1/' | grep -E '^[A-Za-z_][A-Za-z0-9_]*$' | sort -u)
    [ -n "$defined" ] || { echo "prove: could not list the core's functions (frama-c -metrics)" >&2; return 1; }
    if ! echo "$metrics" | grep -q 'Specified-only functions (0)' ||
       ! echo "$metrics" | grep -q 'Undefined and unspecified functions (0)'; then
        echo "prove: the core calls a function without a body (its contract would be assumed):" >&2
        echo "$metrics" | sed -n '/Specified-only functions/,/^ *$/p;/Undefined and unspecified/,/^ *$/p' >&2
        return 1
    fi
    listed=$(printf '%s\n' "${PROVED_FUNCTIONS[@]}" "${NOT_YET_PROVED[@]+"${NOT_YET_PROVED[@]}"}" | sort -u)
    missing=$(comm -23 <(echo "$defined") <(echo "$listed"))
    unknown=$(comm -13 <(echo "$defined") <(echo "$listed"))
    if [ -n "$missing" ] || [ -n "$unknown" ]; then
        [ -n "$missing" ] && echo "prove: defined in the core but in neither PROVED_FUNCTIONS nor NOT_YET_PROVED (proofs/config.sh):" $missing >&2
        [ -n "$unknown" ] && echo "prove: listed in proofs/config.sh but not defined in the core:" $unknown >&2
        return 1
    fi
    echo "prove: all $(echo "$defined" | wc -l) functions the core defines are listed in proofs/config.sh; it calls none without a body"
}
# A narrowed run (PROVE_ONLY, prove-mutants) proves part of the list on purpose.
if [ -z "${PROVE_ONLY:-}" ]; then check_function_lists || exit 1; fi
# No annotation WP reads may assume what is not proved: no axiom, admit or assume,
# and axiomatic blocks that hold only lemmas and defined symbols.
python3 proofs/check_annotations.py "${CORE_FILES[@]/#/$SRC/}" "$SRC/core.h" specs/*.h | tail -1 || exit 1

# Smoke tests cost their full timeout on every run (a passed smoke test is a prover
# failure, which WP does not cache): off by default, PROVE_SMOKE=1 turns them on.
case "$MODE" in
    replay) CACHE=(-wp-cache update); SESSION=${WP_SESSION_DIR:-proofs/wp-session}; SMOKE=${PROVE_SMOKE:-0} ;;
    fresh)  CACHE=(-wp-cache none); SESSION="$OUT/session"; SMOKE=${PROVE_SMOKE:-0} ;;
    *) echo "prove: unknown mode $MODE" >&2; exit 2 ;;
esac

# Each pass names its provers: a second -wp-prover adds to the first.
FRAMA=(frama-c -cpp-extra-args="-I$SRC" "${CORE_FILES[@]/#/$SRC/}" -wp -wp-par "$WP_PAR")

frama_pass() { # name, extra flags...: one Frama-C run, its log and JSON report in $OUT
    local name=$1; shift
    "${FRAMA[@]}" -wp-session "$SESSION/$name" -wp-report-json "$OUT/$name.json" "$@" \
        >"$OUT/$name.log" 2>&1 || { echo "prove: frama-c failed in pass '$name', see $OUT/$name.log"; tail -20 "$OUT/$name.log"; return 1; }
}

all_valid() { # JSON report: true if WP proved every goal it lists
    python3 -c 'import json, sys
m = json.load(open(sys.argv[1])).get("wp:global", {}).get("wp:main", {})
sys.exit(0 if m.get("total", 0) == m.get("valid", -1) else 1)' "$1"
}

# In a replay, a pass first answers every goal from the cache alone (-wp-cache
# offline), trying the provers one at a time in the pass's order.  Only if the cache
# lacks an answer (a goal whose text changed, a new goal) is the pass run again in
# update mode, where the provers prove what the cache does not hold.  Why: in update
# mode with two prover slots (the lemma pass), Z3 and CVC4 race on each goal, and
# the loser, whose answer the cache does not hold, was started as a real process and
# killed as soon as the winner's cached answer came: 203 prover runs per replay,
# half of the lemma pass's CPU time (measured: 55 s of CPU, 18 s from the cache
# alone).  Smoke tests are never cached, so the smoke pass goes to the provers.
#
# A function pass that misses the cache re-proves, in update mode, only the
# functions with a goal the cache lacks, then replays the whole pass from the cache
# again; that last offline run's log and report are the pass's verdict.  Why not
# the whole pass in update mode: there WP reads a cached "valid" whose recorded
# time exceeds the timeout as a timeout and tries the next prover, so a goal that
# took CVC4 11 s when the cache was filled (a few of `place`'s and
# `place_after_gap`'s, proofs/README.md) failed in every function pass that had
# any miss, even in a function that did not change (measured 2026-12-07: three
# such failures after four functions joined the list).
run_pass() { # name, extra flags...
    local name=$1; shift
    local start=$SECONDS
    echo "prove: pass '$name' ..."
    if [ "$MODE" = replay ] && [ "$name" != smoke ] && [ "${PROVE_CACHE_FIRST:-1}" = 1 ]; then
        frama_pass "$name" -wp-cache offline "$@" -wp-par 1 || return 1
        if all_valid "$OUT/$name.json"; then
            echo "$((SECONDS - start))" >"$OUT/$name.seconds"
            return 0
        fi
        local missed
        missed=$(functions_missed "$OUT/$name.json")
        if [ -n "$missed" ] && [[ " $* " == *" -wp-fct "* ]]; then
            echo "prove: pass '$name': the cache lacks goals of $missed; proving those functions"
            local narrowed=() arg prev=
            for arg in "$@"; do  # the same flags, with -wp-fct's list replaced
                if [ "$prev" = -wp-fct ]; then narrowed+=("$missed"); else narrowed+=("$arg"); fi
                prev=$arg
            done
            frama_pass "$name" "${CACHE[@]}" "${narrowed[@]}" || return 1
            frama_pass "$name" -wp-cache offline "$@" -wp-par 1 || return 1
            echo "$((SECONDS - start))" >"$OUT/$name.seconds"
            return 0
        fi
        echo "prove: pass '$name': some goals are not in the cache; proving them"
    fi
    frama_pass "$name" "${CACHE[@]}" "$@" || return 1
    echo "$((SECONDS - start))" >"$OUT/$name.seconds"
}

functions_missed() { # JSON report: the functions with a goal WP did not prove, comma-separated
    python3 -c 'import json, sys
fs = json.load(open(sys.argv[1])).get("wp:functions", {})
print(",".join(sorted(f for f, props in fs.items()
      if any(k != "wp:section" and p.get("wp:main", {}).get("valid", 0) < p.get("wp:main", {}).get("total", 0)
             for k, p in props.items()))))' "$1"
}

# prove-mutants narrows a run to the function it mutated (the specs are unchanged).
if [ -n "${PROVE_ONLY:-}" ]; then
    read -r -a PROVED_FUNCTIONS <<<"$PROVE_ONLY"
fi

start=$SECONDS
rm -f "$OUT"/*.log "$OUT"/*.json "$OUT"/*.seconds

# In a replay the lemma pass and the function pass run side by side; from scratch
# the lemma pass runs first, so that its provers do not slow down those of the
# function pass.  The function pass is itself several Frama-C processes
# (functions-1, functions-2, ...), because one process does not keep two cores busy:
#  - in a replay, generating and hashing goals is most of the work and is
#    single-threaded, and a replaying process keeps its core only about 60% busy (it
#    waits on its task scheduler between goals): REPLAY_GROUPS processes with one
#    prover slot each;
#  - from scratch, FRESH_GROUPS processes with one prover slot each, trying the
#    provers in the order FRESH_PROVERS (CVC4 first: it proves about 90% of the
#    goals Qed leaves, so Z3 runs only where CVC4 fails).  Racing both provers on
#    each goal instead (one process, two slots) spends a core on the loser.  The
#    per-goal timeout is FRESH_TIMEOUT: with two provers on two cores, goals that
#    need 8-9 s of CVC4 alone went past 10 s (measured: proofs/README.md).
# The functions are dealt out by their replay time (proofs/replay-seconds), longest
# first, each to the group with the least work so far; all groups share one session
# and cache.  PROVE_ONLY (one function, as prove-mutants runs it) uses one process
# with two prover slots: with one slot, CVC4 waits for Z3 to give up on each goal.
pids=()
if [ "${PROVE_LEMMAS:-1}" = 1 ]; then
    if [ "$MODE" = replay ]; then
        run_pass lemmas -wp-prop=@lemma -wp-timeout "$LEMMA_TIMEOUT" -wp-prover "$LEMMA_PROVERS" & pids+=($!)
    else
        run_pass lemmas -wp-prop=@lemma -wp-timeout "$LEMMA_TIMEOUT" -wp-prover "$LEMMA_PROVERS" || exit 1
    fi
fi
ngroups=1
provers=$WP_PROVERS
timeout=${PROVE_TIMEOUT:-$FUNCTION_TIMEOUT}
if [ -z "${PROVE_ONLY:-}" ]; then
    if [ "$MODE" = replay ]; then
        ngroups=$REPLAY_GROUPS
    else
        ngroups=$FRESH_GROUPS
        provers=$FRESH_PROVERS
        timeout=${PROVE_TIMEOUT:-$FRESH_TIMEOUT}
    fi
    FRAMA+=(-wp-par 1)  # the later -wp-par wins
fi
# deal_out N: the functions on stdin, one line of comma-separated names per group.
deal_out() {
    awk -v n="$1" 'NR == FNR { if ($1 !~ /^#/) t[$1] = $2; next }
         { f[++m] = $1; w[m] = ($1 in t) ? t[$1] : 10 }
         END { for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++)
                   if (w[j] > w[i]) { x = w[i]; w[i] = w[j]; w[j] = x; x = f[i]; f[i] = f[j]; f[j] = x }
               for (i = 1; i <= m; i++) { b = 1; for (g = 2; g <= n; g++) if (load[g] < load[b]) b = g
                   load[b] += w[i]; list[b] = list[b] (list[b] == "" ? "" : ",") f[i] }
               for (g = 1; g <= n; g++) if (list[g] != "") print list[g] }' proofs/replay-seconds -
}
# Lemmas are left out of the function passes (they have their own pass).
props=-@lemma
[ -n "${PROVE_PROPS:-}" ] && props="$PROVE_PROPS,-@lemma"
# The functions in PRUNED_FUNCTIONS keep Qed's pruning, those in SPLIT_FUNCTIONS
# are proved with -wp-split (proofs/config.sh says why); each kind gets a process of
# its own, and the others are dealt out into the groups.
unpruned=() pruned=() split=()
for f in "${PROVED_FUNCTIONS[@]}"; do
    if [[ " ${PRUNED_FUNCTIONS[*]} " == *" $f "* ]]; then pruned+=("$f")
    elif [[ " ${SPLIT_FUNCTIONS[*]} " == *" $f "* ]]; then split+=("$f")
    else unpruned+=("$f"); fi
done
groups=()
[ ${#unpruned[@]} -gt 0 ] && mapfile -t groups < <(printf '%s\n' "${unpruned[@]}" | deal_out "$ngroups")
for k in "${!groups[@]}"; do
    run_pass "functions-$((k + 1))" "${FUNCTION_FLAGS[@]}" -wp-no-pruning -wp-prop="$props" -wp-prover "$provers" \
        -wp-timeout "$timeout" -wp-fct "${groups[k]}" -wp-session "$SESSION/functions" & pids+=($!)
done
if [ ${#pruned[@]} -gt 0 ]; then
    run_pass functions-pruned "${FUNCTION_FLAGS[@]}" -wp-prop="$props" -wp-prover "$provers" \
        -wp-timeout "$timeout" -wp-fct "$(IFS=,; echo "${pruned[*]}")" -wp-session "$SESSION/functions" & pids+=($!)
fi
# From scratch the split functions race Z3 and CVC4 on each goal (two slots): of
# core_check's split goals Z3 proves 85 that CVC4 was never tried on, and CVC4 37
# on which Z3 times out, so trying either prover first could cost a 30 s timeout
# per goal.
split_provers=(-wp-prover "$provers")
[ "$MODE" = fresh ] && [ -z "${PROVE_ONLY:-}" ] && split_provers=(-wp-prover "$WP_PROVERS" -wp-par 2)
if [ ${#split[@]} -gt 0 ]; then
    run_pass functions-split "${FUNCTION_FLAGS[@]}" -wp-no-pruning -wp-split -wp-prop="$props" "${split_provers[@]}" \
        -wp-timeout "$timeout" -wp-fct "$(IFS=,; echo "${split[*]}")" -wp-session "$SESSION/functions" & pids+=($!)
fi
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
[ "$status" = 0 ] || exit 1
# Smoke tests get their own pass: a passed smoke test is a prover *failure*, which
# WP does not cache, so each costs its full timeout on every run.  Only the smoke
# results of this pass are counted (its other goals are the function goals again,
# without RTE, answered from its cache).
[ "$SMOKE" = 1 ] && run_pass smoke -wp-smoke-tests -wp-prop=-@lemma -wp-prover "$SMOKE_PROVER" -wp-timeout "$SMOKE_TIMEOUT" -wp-par "$WP_PAR" \
    -wp-fct "$(IFS=,; echo "${PROVED_FUNCTIONS[*]}")"
echo "$((SECONDS - start))" >"$OUT/total.seconds"

python3 proofs/wp_table.py "$OUT" "${PROVED_FUNCTIONS[@]}" -- "${NOT_YET_PROVED[@]}"
