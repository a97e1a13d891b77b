#!/usr/bin/env python3
"""Checks run by `make audit` after proofs/audit.py wrote build/audit/:

  - the report's goal total is the sum of WP's own "[wp] Proved goals: p / t"
    lines in build/prove/*.log, and so is the sum of its per-function and lemma
    counts (no goal lost or counted twice on the way);
  - every function of PROVED_FUNCTIONS has its section, in AUDIT.md and AUDIT.html;
  - the contract parser and the goal-to-clause mapping on small inputs, and the
    mutants section on proofs/testdata/mutants-verdicts.sample.json."""
import contextlib
import glob
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in proofs/: the report flags a dirty tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import audit  # noqa: E402
import check_annotations  # noqa: E402

ROOT = audit.ROOT
REPORT = os.path.join(ROOT, "build/audit/AUDIT.md")
PROVE = os.path.join(ROOT, "build/prove")


def wp_summaries():
    proved = total = 0
    for log in glob.glob(os.path.join(PROVE, "*.log")):
        if os.path.basename(log) == "smoke.log":
            continue  # the function goals again, without RTE
        with open(log) as f:
            for line in f:
                m = re.match(r"^\[wp\] Proved goals:\s+(\d+) / (\d+)", line)
                if m:
                    proved, total = proved + int(m.group(1)), total + int(m.group(2))
    return proved, total


class ReportAgreesWithWP(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(REPORT, encoding="utf-8") as f:
            cls.md = f.read()
        with open(REPORT[:-2] + "html", encoding="utf-8") as f:
            cls.html = f.read()

    def test_total_is_wp_summary(self):
        m = re.search(r"\*\*Goals:\*\* \*\*(\d+) of (\d+) proved", self.md)
        self.assertIsNotNone(m, "no goal total in the report")
        self.assertEqual((int(m.group(1)), int(m.group(2))), wp_summaries())
        self.assertRegex(self.html, rf"<strong>Goals:</strong> <strong[^>]*>{m.group(1)} of {m.group(2)} proved")

    def test_function_and_lemma_counts_add_up(self):
        counted = 0
        for m in re.finditer(r" · (?:\*\*(\d+) of )?(\d+) goals(?:, all proved| NOT PROVED)", self.md):
            counted += int(m.group(2))
        lemmas = re.search(r"^\*{0,2}(?:\d+ of )?(\d+) lemmas", self.md, flags=re.M)
        self.assertIsNotNone(lemmas, "no lemma count in the report")
        self.assertEqual(counted + int(lemmas.group(1)), wp_summaries()[1])

    def test_every_proved_function_has_a_section(self):
        functions = audit.config_arrays("PROVED_FUNCTIONS")["PROVED_FUNCTIONS"]
        self.assertTrue(functions, "PROVED_FUNCTIONS is empty or unreadable")
        for fn in functions:
            self.assertIn(f"\n### `{fn}`\n", self.md, fn)
            self.assertIn(f'<h3 id="{fn}">', self.html, fn)


CONTRACT = r"""
    requires region: heap_region(c);
    // The block is free and big enough.
    requires fits: \forall integer k; (\forall integer j; j < k ==> ok(j)) && size_of(c, k) > 0;
    assigns c->words[i];
    ensures value: \let s = size_of(c, i); s > 0; // sized
    ensures \result == 0;
    behavior keeps_invariant:
      assumes well_formed: heap_inv(c);
      ensures invariant: heap_inv(c);
"""


class ContractParser(unittest.TestCase):
    def clauses(self):
        return [item for item in audit.split_clauses(CONTRACT)]

    def test_clauses_end_at_their_own_semicolon(self):
        texts = [item[1] for item in self.clauses() if item[0] == "clause"]
        self.assertEqual(len(texts), 7, texts)
        self.assertTrue(texts[1].startswith("requires fits:") and texts[1].endswith("size_of(c, k) > 0"))
        self.assertEqual(texts[3], "ensures value: \\let s = size_of(c, i); s > 0")

    def test_comments_go_with_their_clause(self):
        comments = {item[1].split(":")[0]: item[2] for item in self.clauses() if item[0] == "clause"}
        self.assertEqual(comments["requires fits"], "The block is free and big enough.")
        self.assertEqual(comments["ensures value"], "sized")
        self.assertIsNone(comments["requires region"])

    def test_goal_names_map_to_clauses(self):
        clause = audit.Clause("f", "ensures", "invariant", "keeps_invariant", "", None, "")
        other = audit.Clause("f", "ensures", "inv", None, "", None, "")
        facts = {"contracts": {"f": [other, clause], "g": []}, "core_all": ["f", "g"],
                 "annotation_names": {"freed"}}
        key = audit.row_keys("typed_f_keeps_invariant_ensures_invariant", "f", facts)
        self.assertEqual(key, [("f", "clause", "behavior keeps_invariant: ensures invariant")])
        self.assertEqual(audit.row_keys("typed_f_ensures_inv_part2", "f", facts)[0][2], "ensures inv")
        self.assertEqual(audit.row_keys("typed_f_assert_freed_2", "f", facts), [("f", "assertion", "freed")])
        self.assertEqual(audit.row_keys("typed_g_call_f_2_requires", "g", facts)[0], ("g", "call", "f"))


class Mutants(unittest.TestCase):
    def test_sample_verdicts_reach_their_clauses(self):
        if not glob.glob(os.path.join(PROVE, "*.log")):
            self.skipTest("no proof run")
        with tempfile.TemporaryDirectory() as out:
            with contextlib.redirect_stdout(io.StringIO()):
                audit.main(["--mutants", "proofs/testdata/mutants-verdicts.sample.json", "--out", out])
            with open(os.path.join(out, "AUDIT.md"), encoding="utf-8") as f:
                md = f.read()
        fits = next(line for line in md.splitlines() if line.startswith("| `ensures fits` | `typed_find_fit"))
        self.assertIn("`fit-too-small` killed", fits)
        live = next(line for line in md.splitlines()
                    if line.startswith("| `ensures live_is_ok` | `typed_core_validate"))
        self.assertIn("`validate-rejects-last` killed", live)
        self.assertIn("3 of 4 killed.", md)
        self.assertIn("is not in this repository", md)
        self.assertRegex(md, r"\| `merge-prev-wrong-size` \|.*\| \*\*yes\*\* \| 60 \| `abc1234` \*\*\(may be stale\)\*\* \| 40 \|")
        # the sample has 4 of the seeded mutants' verdicts: the others are named as never run
        self.assertRegex(md, r"4 of the \d+ mutants of `proofs/mutants.py` have a verdict")
        self.assertIn("prev-bit-dropped", next(line for line in md.splitlines() if "Never run" in line))

    def test_each_verdict_is_dated_by_its_own_commit(self):
        if not glob.glob(os.path.join(PROVE, "*.log")):
            self.skipTest("no proof run")
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                              text=True, check=True).stdout.strip()
        with open("proofs/testdata/mutants-verdicts.sample.json") as f:
            data = json.load(f)
        data["mutants"][0]["commit"] = head  # measured on today's core
        with tempfile.TemporaryDirectory() as out:
            path = os.path.join(out, "verdicts.json")
            with open(path, "w") as f:
                json.dump(data, f)
            with contextlib.redirect_stdout(io.StringIO()):
                audit.main(["--mutants", path, "--out", out])
            with open(os.path.join(out, "AUDIT.md"), encoding="utf-8") as f:
                md = f.read()
        self.assertIn(f"1 of these verdicts are current (measured at commit `{head}`", md)
        self.assertIn("3 name a commit that is not in this repository", md)


class NothingAssumed(unittest.TestCase):
    """proofs/check_annotations.py, which prove.sh runs before proving."""

    def problems(self, text):
        with tempfile.NamedTemporaryFile("w", suffix=".h", delete=False) as f:
            f.write(text)
        try:
            return check_annotations.check(f.name)[0]
        finally:
            os.unlink(f.name)

    def test_the_sources_assume_nothing(self):
        files = sorted(glob.glob(os.path.join(ROOT, "src/core*.[ch]")) + glob.glob(os.path.join(ROOT, "specs/*.h")))
        for path in files:
            self.assertEqual(check_annotations.check(path)[0], [], path)

    def test_each_kind_of_assumption_is_caught(self):
        self.assertEqual(len(self.problems("/*@ axiom bad: \\false; */")), 1)
        self.assertEqual(len(self.problems("//@ admit requires 1 == 1;")), 1)
        self.assertEqual(len(self.problems("/*@ axiomatic A { logic integer f(integer x); } */")), 1)
        self.assertEqual(len(self.problems("/*@ axiomatic A { predicate p(integer x); } */")), 1)

    def test_lemmas_and_definitions_pass(self):
        self.assertEqual(self.problems(
            "/*@ axiomatic A { predicate by_a = \\true;\n"
            "  lemma l{L}: \\forall integer x; \\let y = x + 1; y > x;\n"
            "  logic integer g(integer x) = x + 1; } */\n"
            "/*@ behavior b: assumes x > 0; ensures \\true; */"), [])


def main():
    stream = io.StringIO()
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(stream=stream, verbosity=1).run(suite)
    if not result.wasSuccessful():
        print(stream.getvalue())
        print("audit: the report disagrees with WP's output or the sources (above)")
        return 1
    print(f"audit: {result.testsRun} consistency checks passed (totals = WP's \"Proved goals\" lines, "
          f"every proved function present, no axiom, admit or assume in the annotations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
