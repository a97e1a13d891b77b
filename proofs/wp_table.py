#!/usr/bin/env python3
"""Summarise a `make prove` run: one row per function (goals, proved, by Qed / Z3 /
CVC4, prover time) plus the lemmas, checked against WP's own JSON reports and
against the "Proved goals: p / t" summary WP prints at the end of each pass.

    wp_table.py OUT_DIR PROVED_FUNCTION... -- NOT_YET_PROVED...

Reads OUT_DIR/<pass>.log and OUT_DIR/<pass>.json for every pass that ran (see passes()).  Exit
status 0 only if every goal is proved, every smoke test passed, and the three
counts agree."""
import json
import os
import re
import sys

LINE = re.compile(r"^\[wp\] \[([^\]]+)\] (Goal|Smoke-test) (?:typed_)?(\S+)(?: : (\w+))?(.*)$")
SUMMARY = re.compile(r"^\[wp\] Proved goals:\s+(\d+) / (\d+)")
DURATION = re.compile(r"\((?:Qed:)?(\d+(?:\.\d+)?)(ms|s)\)")


# The passes prove.sh runs; the function pass is split into groups functions-1,
# functions-2, ..., functions-pruned and functions-split (proofs/config.sh), run side by side.
def passes(out):
    groups = sorted((f[:-4] for f in os.listdir(out) if re.fullmatch(r"functions-(\d+|pruned|split)\.log", f)),
                    key=lambda n: (not n.split("-")[1].isdigit(), n.split("-")[1].zfill(6)))
    return ("lemmas", *groups, "smoke")


def seconds(rest):
    """Prover time of one log line: the last duration, else the Qed one."""
    found = DURATION.findall(rest)
    if not found:
        return 0.0
    value, unit = found[-1]
    return float(value) / (1000.0 if unit == "ms" else 1.0)


def prover_of(tag):
    if tag.startswith("Z3"):
        return "Z3"
    if tag.startswith("CVC4"):
        return "CVC4"
    if tag in ("Qed", "CFG"):
        return "Qed"  # CFG: WP's control-flow pass ("Valid (Unreachable)"), e.g. "exits" of a leaf
    return None  # Failed, Passed, Unknown, Timeout, ...


def proved(tag, status):
    """A goal line counts as proved only if its status is Valid and a prover (or Qed) says so."""
    return status == "Valid" and prover_of(tag) is not None


def goal_results(out):
    """{goal: proved?} for every goal (WP's name, without "typed_") of the passes
    in OUT, in log order; smoke tests are not goals and are left out."""
    results = {}
    for name in passes(out):
        log = os.path.join(out, name + ".log")
        if name == "smoke" or not os.path.exists(log):
            continue
        with open(log) as f:
            for line in f:
                m = LINE.match(line.rstrip("\n"))
                if m and m.group(2) == "Goal":
                    goal = m.group(3)
                    results[goal] = results.get(goal, True) and proved(m.group(1), m.group(4))
    return results


def owner(goal, functions):
    if goal.startswith("lemma_"):
        return "(lemmas)"
    best = None
    for f in functions:
        if goal.startswith(f + "_") and (best is None or len(f) > len(best)):
            best = f
    return best or "(other)"


def main():
    out = sys.argv[1]
    args = sys.argv[2:]
    cut = args.index("--") if "--" in args else len(args)
    functions, pending = args[:cut], args[cut + 1:]
    rows = {}
    smoke_failed = []
    failed = []
    json_total = json_valid = 0
    cfg_valid = 0  # goals WP proves by control flow: in its summary, not in its JSON totals
    summary_total = summary_proved = 0  # WP's own "Proved goals: p / t" lines
    for name in passes(out):
        log = os.path.join(out, name + ".log")
        if not os.path.exists(log):
            continue
        with open(log) as f:
            for line in f:
                summary = SUMMARY.match(line)
                if summary and name != "smoke":
                    summary_proved += int(summary.group(1))
                    summary_total += int(summary.group(2))
                m = LINE.match(line.rstrip("\n"))
                if not m:
                    continue
                tag, kind, goal, status, rest = m.groups()
                if name == "smoke" and kind != "Smoke-test":
                    continue  # the function goals again, already counted
                if name != "smoke" and kind == "Smoke-test":
                    continue
                fn = owner(goal, functions)
                row = rows.setdefault(fn, {"goals": 0, "proved": 0, "Qed": 0, "Z3": 0,
                                           "CVC4": 0, "time": 0.0, "smoke": 0})
                if kind == "Smoke-test":
                    row["smoke"] += 1
                    if tag != "Passed":
                        smoke_failed.append(goal)
                    continue
                row["goals"] += 1
                row["time"] += seconds(rest)
                p = prover_of(tag)
                if proved(tag, status):
                    row["proved"] += 1
                    row[p] += 1
                    cfg_valid += tag == "CFG"
                else:
                    failed.append(goal)
        report = os.path.join(out, name + ".json")
        if name != "smoke" and os.path.exists(report):
            with open(report) as f:
                main_ = json.load(f).get("wp:global", {}).get("wp:main", {})
            json_total += main_.get("total", 0)
            json_valid += main_.get("valid", 0)
    json_total += cfg_valid
    json_valid += cfg_valid

    header = f"{'function':<24}{'goals':>7}{'proved':>8}{'Qed':>6}{'Z3':>6}{'CVC4':>6}{'time(s)':>9}{'smoke':>7}"
    print(header)
    print("-" * len(header))
    order = [f for f in functions if f in rows] + sorted(k for k in rows if k not in functions)
    tot = {"goals": 0, "proved": 0, "Qed": 0, "Z3": 0, "CVC4": 0, "time": 0.0, "smoke": 0}
    for fn in order:
        r = rows[fn]
        print(f"{fn:<24}{r['goals']:>7}{r['proved']:>8}{r['Qed']:>6}{r['Z3']:>6}{r['CVC4']:>6}"
              f"{r['time']:>9.1f}{r['smoke']:>7}")
        for k in tot:
            tot[k] += r[k]
    print("-" * len(header))
    print(f"{'total':<24}{tot['goals']:>7}{tot['proved']:>8}{tot['Qed']:>6}{tot['Z3']:>6}{tot['CVC4']:>6}"
          f"{tot['time']:>9.1f}{tot['smoke']:>7}")
    missing = [f for f in functions if f not in rows]
    for f in missing:
        failed.append(f + " (no goal generated: is the function still there?)")
    wall = {n: open(os.path.join(out, n + ".seconds")).read().strip()
            for n in passes(out) + ("total",)
            if os.path.exists(os.path.join(out, n + ".seconds"))}
    print("wall time (s): " + ", ".join(f"{k} {v}" for k, v in wall.items()))
    print(f"WP JSON reports ({out}/*.json): {json_valid} of {json_total} goals valid "
          f"(lemmas and functions passes); this table: {tot['proved']} of {tot['goals']} goals, "
          f"{tot['smoke'] - len(smoke_failed)} of {tot['smoke']} smoke tests passed")
    print(f"WP's own summaries (\"Proved goals\" in {out}/*.log): {summary_proved} of {summary_total}")
    ok = True
    if json_total != tot["goals"] or json_valid != tot["proved"]:
        print("prove: the table and WP's JSON report disagree")
        ok = False
    if summary_total != tot["goals"] or summary_proved != tot["proved"]:
        print("prove: the table and WP's own summary disagree")
        ok = False
    if failed:
        print("prove: NOT PROVED: " + ", ".join(failed))
        ok = False
    if smoke_failed:
        print("prove: SMOKE TEST FAILED (inconsistent precondition or dead code): " + ", ".join(smoke_failed))
        ok = False
    if not os.path.exists(os.path.join(out, "smoke.log")):
        print("prove: smoke tests not run this time (PROVE_SMOKE=1 make prove-fresh runs them, about 16 min more)")
    if pending:
        print(f"prove: not yet proved, and not claimed ({len(pending)} core functions): " + " ".join(pending))
    if ok:
        print(f"prove: all {tot['goals']} goals proved ({tot['goals'] - rows.get('(lemmas)', {}).get('goals', 0)} "
              f"in {len(functions)} functions, {rows.get('(lemmas)', {}).get('goals', 0)} lemmas)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
