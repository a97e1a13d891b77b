#!/usr/bin/env python3
"""What the proof may assume, checked in the annotations `make prove` reads.

Reads every ACSL annotation (`/*@ ... */`, `//@ ...`) of the core sources and
the spec headers and fails if one could add a hypothesis that is not proved:
  - an `axiom`, an `admit` or an ACSL `assume` anywhere;
  - in an `axiomatic` block, anything but lemmas and defined symbols (a logic
    function or predicate declared without a body would be free for axioms
    to constrain; the blocks here only group lemmas behind a marker).
It also lists the `assumes` clauses of behaviors (case conditions: a
behavior's `ensures` is claimed only when they hold), so that the list in
proofs/README.md ("Trusted base", item 2) can be compared with the code.

  proofs/check_annotations.py FILE...     exit 0 when nothing is assumed
"""
import re
import sys


def annotations(text):
    """The text of every ACSL annotation, with its line number."""
    for m in re.finditer(r"/\*@(.*?)\*/|//@([^\n]*)", text, re.S):
        body = m.group(1) if m.group(1) is not None else m.group(2)
        yield text.count("\n", 0, m.start()) + 1, body


def strip_comments(acsl):
    """ACSL comments (// to the end of the line) are prose, not clauses."""
    return re.sub(r"//[^\n]*", "", acsl)


def axiomatic_blocks(acsl):
    """(name, body) of each `axiomatic Name { ... }`, braces matched."""
    for m in re.finditer(r"\baxiomatic\s+(\w+)\s*\{", acsl):
        depth, k = 1, m.end()
        while depth and k < len(acsl):
            depth += {"{": 1, "}": -1}.get(acsl[k], 0)
            k += 1
        yield m.group(1), acsl[m.end():k - 1]


def statements(block):
    """The declarations of an axiomatic's body, each from its keyword (`lemma`,
    `predicate`, `logic`, `axiom`, ...) to the next one at brace depth 0: a
    lemma's own `;` (in `\\let x = e; ...`) does not end it."""
    starts, depth = [], 0
    for k, ch in enumerate(block):
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        elif depth == 0 and re.match(r"\b(lemma|predicate|logic|axiom|type|inductive)\b", block[k:]) \
                and (k == 0 or not (block[k - 1].isalnum() or block[k - 1] == "_")):
            starts.append(k)
    for a, b in zip(starts, starts[1:] + [len(block)]):
        yield block[a:b].strip()
    if not starts and block.strip():
        yield block.strip()


def check(path):
    problems, assumes = [], []
    text = open(path, encoding="utf-8").read()
    for line, raw in annotations(text):
        acsl = strip_comments(raw)
        for word in ("axiom", "admit", "assume"):
            for m in re.finditer(r"\b%s\b" % word, acsl):
                problems.append(f"{path}:{line}: `{word}` in an annotation")
        for m in re.finditer(r"\bassumes\s+(\w+)\s*:", acsl):
            assumes.append(f"{path}:{line}: assumes {m.group(1)}")
        for name, body in axiomatic_blocks(acsl):
            for st in statements(body):
                if st.startswith("lemma ") or re.match(r"(predicate|logic)\b[^;]*?=", st):
                    continue
                problems.append(f"{path}:{line}: axiomatic {name} declares `{st[:60]}` "
                                "(neither a lemma nor a defined symbol)")
    return problems, assumes


def main(paths):
    problems, assumes = [], []
    for p in paths:
        pr, a = check(p)
        problems += pr
        assumes += a
    for a in assumes:
        print(f"check_annotations: behavior case condition (not a hypothesis): {a}")
    for p in problems:
        print(f"check_annotations: ASSUMED, NOT PROVED: {p}", file=sys.stderr)
    print(f"check_annotations: {len(paths)} files, no axiom, admit or assume; "
          f"every axiomatic holds only lemmas and defined symbols"
          if not problems else f"check_annotations: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
