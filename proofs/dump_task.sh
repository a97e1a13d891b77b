#!/bin/bash
# Write the SMT-LIB files WP sends to CVC4 for some goals (not part of make prove).
# WP 25 talks to Why3 through its API and leaves no prover file behind, so this
# registers a "prover" that copies its input file and then runs CVC4 on it.  Use it
# when a goal proves in one tree and not in another with the same printed goal: the
# difference is in the task (which definitions, in which order: proofs/README.md,
# "Invariant preservation", items 7 and 9); diff the two files, then time
# `cvc4 --lang=smt2 FILE` on each.
#   proofs/dump_task.sh OUT_DIR fct FUNCTION PROP      (function flags, as wp_dev.sh)
#   proofs/dump_task.sh OUT_DIR lemma LEMMA            (lemma pass driver)
# Run `make prove` once first, so that build/why3.conf registers the provers.
set -euo pipefail
cd "$(dirname "$0")/.."
. proofs/config.sh
out=$(realpath -m "$1") kind=$2 what=$3 prop=${4:-}
mkdir -p "$out"
conf=$(mktemp) copier=$(mktemp)
trap 'rm -f "$conf" "$copier"' EXIT
cat > "$copier" <<EOF
#!/bin/bash
cp "\$1" "$out/task-\$(date +%s%N).smt2"
exec cvc4 --lang=smt2 --tlimit=1000 "\$1"
EOF
chmod +x "$copier"
# The lemma pass uses the project's CVC4 driver; the function passes Why3's own.
driver=$(sed -n 's/^driver = "\(.*cvc4_tagheap.drv\)"$/\1/p' build/why3.conf | head -1)
[ "$kind" = fct ] && driver=/usr/share/why3/drivers/cvc4_18_strings.drv
{ cat build/why3.conf; printf '\n[prover]\nalternative = "dump"\ncommand = "%s %%f"\n' "$copier"
  printf 'driver = "%s"\nin_place = false\ninteractive = false\n' "$driver"
  printf 'name = "CVC4"\nshortcut = "cvc4-dump"\nversion = "1.8"\n'; } > "$conf"
export WHY3CONFIG=$conf
files=("${CORE_FILES[@]/#/src/}")
if [ "$kind" = lemma ]; then
    frama-c -cpp-extra-args="-Isrc" "${files[@]}" -wp -wp-prop="$what" -wp-prover cvc4-dump -wp-cache none
else
    frama-c -cpp-extra-args="-Isrc" "${files[@]}" -wp "${FUNCTION_FLAGS[@]}" -wp-no-pruning \
        -wp-fct "$what" -wp-prop="$prop" -wp-prover cvc4-dump -wp-cache none
fi
ls -l "$out"
