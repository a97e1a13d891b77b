#!/usr/bin/env python3
"""`make audit`: one report for an auditor, generated from the sources and from
WP's own output of the last `make prove`, so that it cannot drift from the proof.

    audit.py [--prove-dir DIR] [--mutants FILE] [--out DIR]

Reads (relative to the repository root):
  - src/tagheap.h (the public functions), the shell's src/*.c (who calls what),
    src/core.h and src/core_*.c (the core functions and their ACSL contracts),
    specs/*.h (the one-sentence comment above each predicate and lemma);
  - proofs/config.sh (PROVED_FUNCTIONS, NOT_YET_PROVED, CORE_FILES, ...);
  - build/prove/<pass>.log and <pass>.json, written by `make prove` (the goals,
    their status, prover and time; WP's "Proved goals: p / t" lines);
  - proofs/mutants-verdicts.json if present (the verdicts of `make prove-mutants`);
  - README.md (the "Trusted base" section and the "Not proved yet" list), and
    `git` (commit, dirty tree, the grep for axioms and friends).
Writes build/audit/AUDIT.md and build/audit/AUDIT.html (self-contained).

Exit status 0 only if a complete proof run was found and every goal in it is
proved; the report is written in every case."""
import datetime
import html
import json
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in proofs/: the report flags a dirty tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wp_table  # noqa: E402  (the log parsing `make prove` itself uses)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The before-stop hook's pattern for what would weaken the proof.  Spelled in
# pieces so that this file does not list itself among the matches.
TRUST_PATTERN = ("\\b(ax" "iom|ad" "mit)\\b|@[[:space:]]*ass" "ume\\b|\\bass" "ume[[:space:]]*:|"
                 "wp-skip" "-fct|wp-prover[= ]+(none|tip)\\b|__FRA" "MAC__")
TRUST_PATHS = ["src", "specs", "proofs", "Makefile"]

CONTRACT_KEYWORDS = ("requires", "ensures", "assigns", "behavior", "assumes", "exits", "terminates",
                     "decreases", "complete", "disjoint", "allocates", "frees")
C_KEYWORDS = {"if", "while", "for", "switch", "return", "sizeof", "_Alignof", "defined"}


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def run(*cmd):
    """stdout of a command run at the root, or None if it cannot run or fails."""
    try:
        proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True, check=False)
    except OSError:
        return None
    return proc.stdout if proc.returncode == 0 else None


def config_arrays(*names):
    """The bash arrays of proofs/config.sh, read by bash itself (no second parser)."""
    script = ". proofs/config.sh; " + "; ".join(
        f'printf "%s\\n" "{name}=${{{name}[*]}}"' for name in names)
    values = {name: [] for name in names}
    for line in (run("bash", "-c", script) or "").splitlines():
        name, _, words = line.partition("=")
        values[name] = words.split()
    return values


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


# ---------------------------------------------------------------- C sources

def strip_c(text):
    """Comments (ACSL included), string and char literals and preprocessor lines
    blanked out, newlines kept: what is left is code."""
    def blank(m):
        return re.sub(r"[^\n]", " ", m.group(0))
    text = re.sub(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', blank, text,
                  flags=re.S)
    return re.sub(r"^[ \t]*#[^\n]*(?:\\\n[^\n]*)*", blank, text, flags=re.M)


def declared_functions(path):
    """Names of the functions a header declares (prototypes at top level)."""
    code = strip_c(read(path))
    return re.findall(r"(?:^|[;}])\s*[A-Za-z_][\w\s\*]*?\b([A-Za-z_]\w*)\s*\([^;{}()]*\)\s*;", code,
                      flags=re.M)


def function_bodies(path):
    """{name: body} of the functions a C file defines."""
    code = strip_c(read(path))
    bodies = {}
    depth, start, last_end = 0, 0, 0
    for k, ch in enumerate(code):
        if ch == "{":
            if depth == 0:
                start = k
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                head = code[last_end:start]
                m = re.search(r"\b([A-Za-z_]\w*)\s*\([^()]*\)\s*$", head)
                if m and m.group(1) not in C_KEYWORDS:
                    bodies[m.group(1)] = code[start:k + 1]
                last_end = k + 1
        elif ch == ";" and depth == 0:
            last_end = k + 1
    return bodies


def calls_in(body):
    return {n for n in re.findall(r"\b([A-Za-z_]\w*)\s*\(", body) if n not in C_KEYWORDS}


def core_reached(public, shell_bodies, core):
    """{public function: {core function: call path}}: the calls of each public
    function into the core, directly or through any shell function."""
    reached = {}
    for fn in public:
        found, paths, todo = {}, {fn: [fn]}, [fn]
        while todo:
            caller = todo.pop(0)
            for callee in sorted(calls_in(shell_bodies.get(caller, ""))):
                path = paths[caller] + [callee]
                if callee in core:
                    found.setdefault(callee, path)
                elif callee in shell_bodies and callee not in paths:
                    paths[callee] = path
                    todo.append(callee)
        reached[fn] = found
    return reached


# ---------------------------------------------------------------- contracts

class Clause:
    """One clause of a contract: `kind` (requires, ensures, assigns, assumes, exits,
    ...), its `name` (None if unnamed), the behavior it belongs to (None for the
    default one), its ACSL text and the `//` comment written just before it."""

    def __init__(self, function, kind, name, behavior, text, comment, where):
        self.function, self.kind, self.name, self.behavior = function, kind, name, behavior
        self.text, self.comment, self.where = text, comment, where
        self.unnamed_index = 1  # k for the k-th unnamed clause of this kind (WP numbers them)

    def acsl(self):
        """The clause's formula, without its keyword and name."""
        return re.sub(r"^(complete behaviors|disjoint behaviors|\w+)\b\s*(?:[A-Za-z_]\w*\s*:(?!:))?\s*", "",
                      self.text)

    def label(self):
        who = f"behavior {self.behavior}: " if self.behavior else ""
        return f"{who}{self.kind} {self.name}" if self.name else f"{who}{self.kind}"

    def goal_base(self):
        """What WP's goal names for this clause start with, after `<function>_`."""
        parts = [self.behavior] if self.behavior else []
        parts.append(self.kind)
        if self.name:
            parts.append(self.name)
        elif self.unnamed_index > 1:
            parts.append(str(self.unnamed_index))
        return "_".join(parts)


def annotations(text):
    """(offset, end, body) of each `/*@ ... */` block and each run of `//@` lines."""
    found = [(m.start(), m.end(), m.group(1)) for m in re.finditer(r"/\*@(.*?)\*/", text, flags=re.S)]
    for m in re.finditer(r"(?:^[ \t]*//@[^\n]*\n)+", text, flags=re.M):
        found.append((m.start(), m.end(), re.sub(r"^[ \t]*//@", "", m.group(0), flags=re.M)))
    return sorted(found)


def split_clauses(body):
    """[("clause", ACSL text, comment, offset)] of a contract body, and
    ("behavior", name, None, offset) markers.  A clause ends at a `;` outside
    brackets that does not end the binder of a `\\let`, `\\forall`, `\\exists`
    or `\\lambda`.  A `//` comment on a line of its own belongs to the next
    clause; one after a clause on the same line, to that clause."""
    items, k, comment, last_end = [], 0, [], 0
    while k < len(body):
        if body[k].isspace():
            k += 1
            continue
        if body.startswith("//", k):
            end = body.find("\n", k)
            end = len(body) if end < 0 else end
            text = body[k + 2:end].strip()
            trailing = items and items[-1][0] == "clause" and "\n" not in body[last_end:k]
            if trailing and not items[-1][2]:  # `ensures x: ...; // why` explains x
                items[-1] = items[-1][:2] + (text,) + items[-1][3:]
            else:
                comment.append(text)
            k = end
            continue
        m = re.compile(r"behavior\s+(\w+)\s*:").match(body, k)
        if m:
            items.append(("behavior", m.group(1), None, k))
            comment, k = [], m.end()
            continue
        start, depth, binders, text = k, 0, [], []  # binders: the depth of each open binder
        while k < len(body):
            if body.startswith("//", k):  # a comment inside a clause is not its text
                end = body.find("\n", k)
                k = len(body) if end < 0 else end
                continue
            ch = body[k]
            if ch in "([{":
                depth += 1
            elif ch in ")]}":
                depth -= 1
                binders = [d for d in binders if d <= depth]
            elif re.match(r"\\(let|forall|exists|lambda)\b", body[k:k + 8]):
                binders.append(depth)
            elif ch == ";":
                if binders and binders[-1] == depth:
                    binders.pop()
                elif depth == 0:
                    k += 1
                    break
            text.append(ch)
            k += 1
        items.append(("clause", " ".join("".join(text).split()), " ".join(comment) or None, start))
        comment, last_end = [], k
    return items


def contracts_in(path):
    """{function: [Clause]} for the function contracts of one file."""
    text = read(path)
    contracts = {}
    for start, end, body in annotations(text):
        first = re.sub(r"^\s*(//[^\n]*\n\s*)*", "", body)
        if not first.startswith(CONTRACT_KEYWORDS):
            continue  # an assertion, a loop annotation, ghost code, logic definitions
        m = re.match(r"\s*(?:/\*(?:(?!\*/).)*\*/\s*)*(?:static\s+)?[A-Za-z_][\w\s\*]*?\b([A-Za-z_]\w*)\s*\(",
                     text[end:], flags=re.S)
        if not m or ";" in m.group(0) or "{" in m.group(0):
            continue
        function, behavior, clauses, unnamed = m.group(1), None, [], {}
        for item in split_clauses(body):
            if item[0] == "behavior":
                behavior = item[1]
                continue
            _, acsl, comment, offset = item
            cm = re.match(r"(complete behaviors|disjoint behaviors|\w+)\b\s*(?:([A-Za-z_]\w*)\s*:(?!:))?",
                          acsl)
            kind, name = cm.group(1), cm.group(2)
            clause = Clause(function, kind, name, behavior, acsl, comment,
                            f"{path}:{line_of(text, start + 3 + offset)}")
            if not name:
                key = (behavior, kind)
                unnamed[key] = unnamed.get(key, 0) + 1
                clause.unnamed_index = unnamed[key]
            clauses.append(clause)
        contracts[function] = clauses
    return contracts


def spec_definitions():
    """{name: (sentence, file)} for every predicate and logic function of specs/*.h
    that has a `//` comment above it (a comment covers the definitions that
    follow it up to the next blank line), and {lemma: file}."""
    sentences, lemmas = {}, {}
    for fname in sorted(os.listdir(os.path.join(ROOT, "specs"))):
        if not fname.endswith(".h"):
            continue
        path = f"specs/{fname}"
        comment, after_definition = [], False
        for line in read(path).splitlines():
            stripped = line.strip()
            if not stripped:
                comment, after_definition = [], False
            elif stripped.startswith("//"):
                if after_definition:  # a new comment after definitions starts afresh
                    comment, after_definition = [], False
                comment.append(stripped[2:].strip())
            else:
                m = re.match(r"(?:predicate|logic\s+[\w\s\*]+?)\s+(\w+)\s*[{(=;]", stripped)
                if m and comment:
                    sentences.setdefault(m.group(1), (" ".join(comment), path))
                lm = re.match(r"lemma\s+(\w+)", stripped)
                if lm:
                    lemmas[lm.group(1)] = path
                after_definition = after_definition or bool(m or lm)
    return sentences, lemmas


def plain_english(clause, sentences):
    """[(None, the clause's own comment)], else [(name, sentence)] for each spec
    definition the clause names."""
    if clause.comment:
        return [(None, clause.comment)]
    named = dict.fromkeys(re.findall(r"\b[A-Za-z_]\w*\b", clause.text))
    return [(n, sentences[n][0]) for n in named if n in sentences]


# ---------------------------------------------------------------- WP output

class Goal:
    def __init__(self, name, function, status, prover, seconds):
        self.name, self.function, self.status = name, function, status
        self.prover, self.seconds = prover, seconds

    @property
    def proved(self):
        return self.status == "Valid" and self.prover is not None


def read_run(out, functions):
    """Goals, smoke tests, WP's own totals and the prover versions of a run."""
    owners = {}  # goal name -> function, from WP's JSON reports
    for name in wp_table.passes(out):
        path = os.path.join(out, name + ".json")
        if name != "smoke" and os.path.exists(path):
            with open(path) as f:
                for fn, goals in json.load(f).get("wp:functions", {}).items():
                    for goal in goals:
                        owners[goal] = fn
    run_ = {"goals": [], "smoke": [], "summary": [0, 0], "versions": set(), "passes": []}
    for name in wp_table.passes(out):
        log = os.path.join(out, name + ".log")
        if not os.path.exists(log):
            continue
        run_["passes"].append(name)
        with open(log) as f:
            for line in f:
                summary = wp_table.SUMMARY.match(line)
                if summary and name != "smoke":
                    run_["summary"][0] += int(summary.group(1))
                    run_["summary"][1] += int(summary.group(2))
                m = wp_table.LINE.match(line.rstrip("\n"))
                if not m:
                    continue
                tag, kind, short, status, rest = m.groups()
                full = re.search(r"(?:Goal|Smoke-test) (\S+)", line).group(1)
                version = re.match(r"(Z3|CVC4|Alt-Ergo)\s+([\d.]+)", tag)
                if version:
                    run_["versions"].add(version.group(1) + " " + version.group(2))
                function = owners.get(short) or wp_table.owner(short, functions)
                if kind == "Smoke-test":
                    if name == "smoke":
                        run_["smoke"].append((full, function, tag == "Passed"))
                    continue
                if name == "smoke":
                    continue  # the function goals again, already counted
                run_["goals"].append(Goal(full, function, status or tag, wp_table.prover_of(tag),
                                          wp_table.seconds(rest)))
    return run_


def suffix_of(goal_name, function):
    name = goal_name[len("typed_"):] if goal_name.startswith("typed_") else goal_name
    return name[len(function) + 1:] if name.startswith(function + "_") else name


def row_keys(goal_name, function, f):
    """The report rows a goal belongs to: a clause of its function's contract, a
    precondition of a callee (also a row of the callee's `requires`), an
    assertion, a loop annotation, a kind of runtime error, or "other"."""
    contracts, core_names = f["contracts"], f["core_all"]
    s = suffix_of(goal_name, function)
    best = None
    for clause in contracts.get(function, []):
        base = clause.goal_base()
        if clause.kind == "requires" and not clause.behavior:
            continue  # checked by the callers, at their call sites
        rest = s[len(base):]
        if s.startswith(base) and (rest == "" or re.fullmatch(
                r"_(?:(?:exit|normal)(?:_part\d+)?|part\d+|\d+)", rest)):
            if best is None or len(base) > len(best.goal_base()):
                best = clause
    if best:
        return [(function, "clause", best.label())]
    for callee in sorted(core_names, key=len, reverse=True):
        m = re.fullmatch(r"call_" + re.escape(callee) + r"(?:_\d+)?_requires(?:_(\w+?))?(?:_part\d+)?", s)
        if m:
            req = next((c for c in contracts.get(callee, []) if c.kind == "requires" and not c.behavior
                        and (c.name == m.group(1) if m.group(1) else not c.name)), None)
            keys = [(function, "call", callee)]
            if req:
                keys.append((callee, "clause", req.label()))
            return keys
    patterns = [(r"assert_rte_(.+?)(?:_\d+)?", "runtime error"),
                (r"loop_invariant(?:_(.+?))?_(?:established|preserved)(?:_part\d+)?", "loop invariant"),
                (r"loop_variant_(?:decrease|positive)()", "loop variant"),
                (r"loop_assigns()(?:_part\d+)?", "loop assigns"),
                (r"assert_(.+?)(?:_part\d+)?", "assertion")]
    for pattern, kind in patterns:
        m = re.fullmatch(pattern, s)
        if m:
            return [(function, kind, annotation_label(kind, m.group(1), f["annotation_names"]))]
    return [(function, "other", "")]


def annotation_label(kind, name, known):
    """`freed_2` is the second assertion named `freed` unless an annotation is
    named `freed_2`; a loop invariant without a name is numbered by WP."""
    if kind not in ("assertion", "loop invariant"):
        return name
    if not name or name.isdigit():
        return f"(unnamed #{name or 1})"
    base = re.sub(r"_\d+$", "", name)
    return base if name not in known and base in known else name


# ---------------------------------------------------------------- git, README, mutants

def git_state():
    commit = (run("git", "rev-parse", "--short", "HEAD") or "unknown").strip()
    changed = [l for l in (run("git", "status", "--porcelain") or "").splitlines() if l.strip()]
    return commit, changed


def trust_grep():
    out = run("git", "grep", "-n", "-I", "-E", TRUST_PATTERN, "--", *TRUST_PATHS)
    return (out or "").splitlines()


def markdown_section(text, heading_re):
    """The lines from a heading matching heading_re up to the next heading of the
    same or a higher level (for a bold pseudo-heading: up to the next blank line
    followed by a heading, a bold line or a paragraph that is not a list)."""
    lines = text.splitlines()
    for k, line in enumerate(lines):
        if re.match(heading_re, line):
            level = len(line) - len(line.lstrip("#")) if line.startswith("#") else None
            out = [line]
            for j in range(k + 1, len(lines)):
                nxt = lines[j]
                if level and re.match(r"#{1,%d} " % level, nxt):
                    break
                if level is None and (nxt.startswith("#") or (lines[j - 1].strip() == "" and nxt.strip()
                                                               and not nxt.lstrip().startswith(("-", "*", "1")))):
                    break
                out.append(nxt)
            return "\n".join(out).rstrip() + "\n"
    return None


def seeded_mutants():
    """The ids of proofs/mutants.py's MUTANTS, in order."""
    import mutants  # noqa: E402  (proofs/, on sys.path above)
    return [m[0] for m in mutants.MUTANTS]


def seeded_inputs():
    """({mutant id: the paths its verdict depends on}, {mutant id: the fingerprint
    of its text}) from proofs/mutants.py."""
    import mutants  # noqa: E402
    return ({m[0]: mutants.verdict_inputs(m[1]) for m in mutants.MUTANTS},
            {m[0]: mutants.mutation_of(m) for m in mutants.MUTANTS})


def changed_since_in(commit, paths):
    """Which of PATHS differ between `commit` and HEAD; None if the commit is unknown."""
    if run("git", "cat-file", "-e", commit + "^{commit}") is None:
        return None
    out = run("git", "diff", "--name-only", commit, "HEAD", "--", *paths)
    return None if out is None else out.split()


def load_mutants(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        data = json.load(f)
    for m in data.get("mutants", []):
        m["failing_goals"] = [g if g.startswith("typed_") else "typed_" + g
                              for g in m.get("failing_goals", [])]
    return data


def changed_since(commit):
    """Core or spec files that differ between `commit` and HEAD; None if unknown."""
    if run("git", "cat-file", "-e", commit + "^{commit}") is None:
        return None
    out = run("git", "diff", "--name-only", commit, "HEAD", "--", "src/core*", "specs/")
    return None if out is None else out.split()


def tool_versions(run_):
    """Prover versions as the WP logs name them; the other tools asked directly."""
    found = sorted(run_["versions"]) if run_ else []
    pieces = [T(", ".join(found) + " (from the WP logs)")] if found else []
    seen = {v.split()[0] for v in found}
    for tool, cmd in (("Frama-C", ["frama-c", "-version"]), ("Why3", ["why3", "--version"]),
                      ("Z3", ["z3", "-version"]), ("CVC4", ["cvc4", "--version"])):
        if tool in seen:
            continue
        out = run(*cmd)
        first = out.strip().splitlines()[0] if out and out.strip() else "not installed"
        name = first if tool.lower() in first.lower() else f"{tool} {first}"
        pieces += [T("; " if pieces else ""), T(f"{name} (from "), C(" ".join(cmd)), T(")")]
    return pieces


# ---------------------------------------------------------------- the document
# A report is a list of blocks; a block's text is a list of inline pieces:
# ("t", text), ("c", code), ("b", bold), ("bad", flagged: red and bold),
# ("a", code, href), ("l", text, href), ("br",).  Both renderers read the same list.

def T(s):
    return ("t", s)


def C(s):
    return ("c", s)


def B(s):
    return ("b", s)


def BAD(s):
    return ("bad", s)


def A(text, href):
    return ("a", text, href)


BR = ("br",)


def prose(text):
    """Text whose `backticked` words are code."""
    return [C(part) if k % 2 else T(part) for k, part in enumerate(text.split("`")) if part]


def slug(text):
    return re.sub(r"[^a-z0-9_ -]", "", text.lower()).strip().replace(" ", "-")


def md_inline(pieces, in_table=False):
    if isinstance(pieces, str):
        pieces = [T(pieces)]
    out = []
    for p in pieces:
        kind = p[0]
        if kind == "br":
            out.append("<br>" if in_table else "  \n")
            continue
        text = p[1]
        if kind == "c":
            text = text.replace("|", "\\|") if in_table else text
            tick = "``" if "`" in text else "`"
            out.append(f"{tick}{text}{tick}")
            continue
        text = re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)
        if kind == "t":
            out.append(text)
        elif kind in ("b", "bad"):  # `**` must touch the text: keep outer spaces outside
            core = text.strip()
            out.append(text[:len(text) - len(text.lstrip())] + f"**{core}**" + text[len(text.rstrip()):])
        elif kind == "a":
            out.append(f"[`{p[1]}`]({p[2]})")
        elif kind == "l":
            out.append(f"[{text}]({p[2]})")
    return "".join(out)


def html_inline(pieces):
    if isinstance(pieces, str):
        pieces = [T(pieces)]
    out = []
    for p in pieces:
        kind = p[0]
        if kind == "br":
            out.append("<br>")
            continue
        text = html.escape(p[1])
        out.append({"t": text, "c": f"<code>{text}</code>", "b": f"<strong>{text}</strong>",
                    "bad": f'<strong class="bad">{text}</strong>',
                    "a": f'<a href="{html.escape(p[-1])}"><code>{text}</code></a>',
                    "l": f'<a href="{html.escape(p[-1])}">{text}</a>'}[kind])
    return "".join(out)


def render_md(blocks):
    out = []
    for b in blocks:
        kind = b[0]
        if kind == "h":
            out.append("#" * b[1] + " " + md_inline(b[2]))
        elif kind == "p":
            out.append(md_inline(b[1]))
        elif kind == "ul":
            out.append("\n".join("- " + md_inline(item) for item in b[1]))
        elif kind == "table":
            rows = ["| " + " | ".join(md_inline(h, True) for h in b[1]) + " |",
                    "|" + "---|" * len(b[1])]
            rows += ["| " + " | ".join(md_inline(c, True) for c in row) + " |" for row in b[2]]
            out.append("\n".join(rows))
        elif kind == "pre":
            out.append("```\n" + b[1].rstrip("\n") + "\n```")
        elif kind == "verbatim":
            out.append(b[1].rstrip("\n"))
    return "\n\n".join(out) + "\n"


STYLE = """body { font-family: sans-serif; max-width: 80em; margin: 1em auto; padding: 0 1em; line-height: 1.4 }
table { border-collapse: collapse; margin: 0.5em 0 } td, th { border: 1px solid #bbb; padding: 0.2em 0.5em;
vertical-align: top; text-align: left } th { background: #eee } code { font-size: 90%; background: #f4f4f4 }
pre { background: #f4f4f4; padding: 0.5em; overflow-x: auto; white-space: pre-wrap } .bad { color: #c00 }"""


def render_html(blocks, title):
    out = [f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>',
           f"<style>{STYLE}</style></head><body>"]
    for b in blocks:
        kind = b[0]
        if kind == "h":
            out.append(f'<h{b[1]} id="{slug(plain(b[2]))}">'
                       f"{html_inline(b[2])}</h{b[1]}>")
        elif kind == "p":
            out.append(f"<p>{html_inline(b[1])}</p>")
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{html_inline(i)}</li>" for i in b[1]) + "</ul>")
        elif kind == "table":
            head = "".join(f"<th>{html_inline(h)}</th>" for h in b[1])
            body = "".join("<tr>" + "".join(f"<td>{html_inline(c)}</td>" for c in row) + "</tr>"
                           for row in b[2])
            out.append(f"<table><tr>{head}</tr>{body}</table>")
        elif kind in ("pre", "verbatim"):
            out.append(f"<pre>{html.escape(b[1])}</pre>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def plain(pieces):
    if isinstance(pieces, str):
        return pieces
    return "".join(p[1] for p in pieces if len(p) > 1)


# ---------------------------------------------------------------- gathering

def gather(prove_dir, mutants_path):
    """Everything the report says, read from the sources and the proof run."""
    config = config_arrays("PROVED_FUNCTIONS", "NOT_YET_PROVED", "CORE_FILES")
    core_files = config["CORE_FILES"]
    core = declared_functions("src/core.h")
    public = [f for f in declared_functions("src/tagheap.h") if f.startswith("tagheap_")]
    shell_files = sorted(f for f in os.listdir(os.path.join(ROOT, "src"))
                         if f.endswith(".c") and f not in core_files)
    shell_bodies = {}
    for fname in shell_files:
        shell_bodies.update(function_bodies("src/" + fname))
    contracts = {}
    for path in ["src/core.h"] + ["src/" + f for f in core_files]:
        contracts.update(contracts_in(path))
    sentences, lemma_files = spec_definitions()
    proved = config["PROVED_FUNCTIONS"]
    # Every function with a contract or goals is a core function for the report.
    core_all = list(dict.fromkeys(proved + [f for f in core if f in contracts] + list(contracts)
                                  + config["NOT_YET_PROVED"]))
    f = {"config": config, "core": core, "core_all": core_all, "public": public,
         "shell_files": shell_files, "contracts": contracts, "sentences": sentences,
         "lemma_files": lemma_files, "proved": proved, "prove_dir": prove_dir,
         "reached": core_reached(public, shell_bodies, set(core)),
         "mutants": load_mutants(mutants_path), "mutants_path": os.path.relpath(mutants_path, ROOT)}
    f["annotation_names"] = {n for path in ["src/" + c for c in core_files] for n in re.findall(
        r"\b(?:assert|check|invariant)\s+([A-Za-z_]\w*)\s*:(?!:)", read(path))}
    f["commit"], f["changed"] = git_state()
    logs = [n for n in os.listdir(prove_dir) if n.endswith(".log")] if os.path.isdir(prove_dir) else []
    f["run"] = read_run(prove_dir, core_all) if logs else None
    f["complete"] = os.path.exists(os.path.join(prove_dir, "total.seconds"))
    f["versions"] = tool_versions(f["run"])
    f["rows"] = assign_rows(f) if f["run"] else {}
    return f


def assign_rows(f):
    """{(function, kind, what): [Goal]} for every goal of the function passes."""
    rows = {}
    for goal in f["run"]["goals"]:
        if goal.function == "(lemmas)":
            continue
        for key in row_keys(goal.name, goal.function, f):
            rows.setdefault(key, []).append(goal)
    return rows


def mutant_rows(f):
    """{row key: [(mutant id, verdict)]}: the rows each mutant's failing goals hit."""
    hits = {}
    for m in (f["mutants"] or {}).get("mutants", []):
        for goal in m["failing_goals"]:
            short = goal[len("typed_"):]
            function = wp_table.owner(short, f["core_all"])
            for key in row_keys(goal, function, f):
                entry = (m["id"], m.get("verdict", "?"))
                if entry not in hits.setdefault(key, []):
                    hits[key].append(entry)
    return hits


def sources_newer_than_run(prove_dir):
    logs = [os.path.join(prove_dir, n) for n in os.listdir(prove_dir) if n.endswith(".log")]
    if not logs:
        return []
    run_time = min(os.path.getmtime(p) for p in logs)
    paths = [os.path.join("src", n) for n in os.listdir(os.path.join(ROOT, "src")) if n.startswith("core")]
    paths += [os.path.join("specs", n) for n in os.listdir(os.path.join(ROOT, "specs")) if n.endswith(".h")]
    paths.append("proofs/config.sh")
    return sorted(p for p in paths if os.path.getmtime(os.path.join(ROOT, p)) > run_time)


# ---------------------------------------------------------------- goal cells

def goal_names_cell(goals):
    """Goal names as WP prints them; numbered siblings (_2, _part3) folded into a range."""
    def number(name):
        return [int(n) for n in re.findall(r"\d+", name[len(re.sub(r"(_part\d+|_\d+)+$", "", name)):])]
    groups = {}
    for g in goals:
        groups.setdefault(re.sub(r"(_part\d+|_\d+)+$", "", g.name), []).append(g.name)
    cell = []
    for base, names in groups.items():
        names.sort(key=number)
        if cell:
            cell.append(BR)
        cell.append(C(names[0]))
        if len(names) > 1:
            cell += [T(" … "), C(names[-1][len(base):]), T(f" ({len(names)} goals)")]
    return cell or [T("—")]


def status_cell(goals, none_text="no goal"):
    if not goals:
        return [T(none_text)]
    failed = [g for g in goals if not g.proved]
    if not failed:
        return [T(f"proved ({len(goals)}/{len(goals)})")]
    cell = [BAD(f"NOT PROVED ({len(goals) - len(failed)}/{len(goals)})")]
    for g in failed:
        cell += [BR, BAD(g.name + ": " + g.status)]
    return cell


def provers_cell(goals):
    counts = {}
    for g in goals:
        key = g.prover if g.proved else g.status  # e.g. "Timeout 1"
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{p} {n}" for p, n in sorted(counts.items())) or "—"


def time_cell(goals):
    return f"{sum(g.seconds for g in goals):.2f}" if goals else "—"


def mutants_cell(hits):
    if not hits:
        return "—"
    cell = []
    for mid, verdict in hits:
        if cell:
            cell.append(T(", "))
        cell += [C(mid), T(" ")] + ([T(verdict)] if verdict == "killed" else [BAD(verdict)])
    return cell


def contract_table(clauses, sentences):
    rows = []
    for c in clauses:
        english = []
        for name, sentence in plain_english(c, sentences):
            english += ([BR] if english else []) + ([C(name), T(": ")] if name else []) + prose(sentence)
        rows.append([[C(c.label())], [C(c.acsl())], english or "(no spec definition named: read the ACSL)"])
    return ("table", ["clause", "ACSL", "plain English"], rows)


# ---------------------------------------------------------------- sections

def goal_totals(f):
    goals = f["run"]["goals"]
    lemmas = [g for g in goals if g.function == "(lemmas)"]
    return {"goals": len(goals), "proved": sum(g.proved for g in goals), "lemmas": len(lemmas),
            "functions": len({g.function for g in goals if g.function != "(lemmas)"})}


def section_header(f):
    changed = f["changed"]
    state = [T("clean")] if not changed else [BAD(f"dirty ({len(changed)} changed or untracked files: "),
                                              C(", ".join(l[3:] for l in changed[:10])),
                                              BAD(" …)" if len(changed) > 10 else ")")]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    items = [[B("Commit:"), T(" "), C(f["commit"]), T(" — ")] + state,
             [B("Generated:"), T(" "), T(now + " by "), C("make audit"), T(" ("), C("proofs/audit.py"), T(")")],
             [B("Tools:"), T(" ")] + f["versions"]]
    blocks = [("h", 1, "tagheap — audit report", None)]
    run_ = f["run"]
    if not run_:
        items.append([BAD("No proof run found — run make prove"), T(f" (nothing in {f['prove_dir_rel']}/)")])
        return blocks + [("ul", items)]
    t = goal_totals(f)
    finished = max(os.path.getmtime(os.path.join(f["prove_dir"], n))
                   for n in os.listdir(f["prove_dir"]) if n.endswith(".log"))
    when = datetime.datetime.fromtimestamp(finished, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    wall = os.path.join(f["prove_dir"], "total.seconds")
    items.append([B("Proof run:"), T(" "), C(f["prove_dir_rel"] + "/"), T(f", passes {', '.join(run_['passes'])}; "
                  f"last log written {when}"
                  + (f"; {read(wall).strip()} s wall" if os.path.exists(wall) else ""))]
                 + ([] if f["complete"] else [T(" — "), BAD("incomplete: no total.seconds (run still going, "
                                                            "or a pass failed)")]))
    verdict = (B(f"{t['proved']} of {t['goals']} proved") if t["proved"] == t["goals"]
               else BAD(f"{t['proved']} of {t['goals']} proved — {t['goals'] - t['proved']} NOT PROVED"))
    items.append([B("Goals:"), T(" "), verdict, T(f" ({t['goals'] - t['lemmas']} in {t['functions']} functions, "
                                           f"{t['lemmas']} lemmas); WP's own summaries (\"Proved goals\" "
                                           f"lines of the logs): {run_['summary'][0]} / {run_['summary'][1]}")])
    smoke = run_["smoke"]
    items.append([B("Smoke tests:"), T(" "), T("not run in this proof run (PROVE_SMOKE=1 runs them)") if not smoke else
                  (T(f"{sum(p for _, _, p in smoke)} of {len(smoke)} passed") if all(p for _, _, p in smoke)
                   else BAD(f"{sum(p for _, _, p in smoke)} of {len(smoke)} passed"))])
    missing = [fn for fn in f["proved"] if not any(k[0] == fn for k in f["rows"])]
    if missing:
        items.append([BAD("In PROVED_FUNCTIONS but without any goal in this run: "), C(" ".join(missing))])
    newer = sources_newer_than_run(f["prove_dir"])
    if newer:
        items.append([BAD("Modified (file time) after this proof run's logs — re-run make prove if their content changed: "),
                      C(", ".join(newer))])
    return blocks + [("ul", items)]


def owned_goals(f, fn):
    return [g for g in (f["run"]["goals"] if f["run"] else []) if g.function == fn]


def status_summary(f, fn):
    """One line: is this core function proved in the run?"""
    goals = owned_goals(f, fn)
    if fn in f["config"]["NOT_YET_PROVED"]:
        return [BAD("not proved yet (NOT_YET_PROVED)")]
    if fn not in f["proved"]:
        return [BAD("not in PROVED_FUNCTIONS: not proved")]
    if not goals:
        return [BAD("no goal in the proof run")]
    bad = sum(not g.proved for g in goals)
    return [T(f"{len(goals)} goals, all proved")] if not bad else [BAD(f"{bad} of {len(goals)} goals NOT PROVED")]


def section_public(f):
    blocks = [("h", 2, "1. Public functions and the core contracts they rely on", None),
              ("p", [T("For each function of "), C("src/tagheap.h"), T(": the core functions it calls (found in "
                     "the shell's sources, through its internal helpers), then each one's contract.  The shell must "
                     "establish every "), C("requires"), T(" before the call: that is trusted, not proved (section 5). "
                     "Plain English is the clause's own "), C("//"), T(" comment, else the sentence above each "
                     "definition of "), C("specs/"), T(" that the clause names.")])]
    for fn in f["public"]:
        blocks.append(("h", 3, [C(fn)], None))
        reached = f["reached"].get(fn, {})
        if not reached:
            blocks.append(("p", [T("Calls no core function: nothing here is proved.")]))
            continue
        items = []
        for core_fn, path in sorted(reached.items()):
            via = [T(" via "), C(" → ".join(path[1:-1]))] if len(path) > 2 else []
            items.append([A(core_fn, "#" + slug(core_fn))] + via + [T(" — ")] + status_summary(f, core_fn))
        blocks.append(("ul", items))
        for core_fn in sorted(reached):
            clauses = f["contracts"].get(core_fn)
            where = clauses[0].where if clauses else "no contract found"
            blocks.append(("p", [B("Contract of"), T(" "), C(core_fn), T(f" ({where}):")]))
            blocks.append(contract_table(clauses, f["sentences"]) if clauses
                          else ("p", [BAD("no contract: nothing is promised")]))
    return blocks


def callers_in_shell(f, core_fn):
    return sorted(fn for fn, reached in f["reached"].items() if core_fn in reached)


def section_core(f, hits):
    blocks = [("h", 2, "2. Core functions: every goal, by clause", None),
              ("p", [T("Goal names, status, prover and prover time as WP printed them in "),
                     C(f["prove_dir_rel"] + "/*.log"), T(".  A "), C("requires"), T(" clause is checked where the "
                     "core calls the function (goals of the caller); calls from the shell are not proved.  An "
                     "assumes is the case in which a behavior's ensures is claimed: it has no goal.")])]
    for fn in f["core_all"]:
        blocks.append(("h", 3, [C(fn)], None))
        clauses = f["contracts"].get(fn, [])
        goals = owned_goals(f, fn)
        line = [T((clauses[0].where if clauses else "no contract") + " · ")] + status_summary(f, fn)
        if goals:
            line += [T(f" · {provers_cell(goals)} · {time_cell(goals)} s of prover time")]
        smoke = [p for _, owner, p in (f["run"] or {}).get("smoke", []) if owner == fn]
        if smoke:
            line += [T(f" · smoke tests {sum(smoke)} of {len(smoke)} passed")]
        shell = callers_in_shell(f, fn)
        if shell:
            line += [T(" · called by "), C(", ".join(shell))]
        blocks.append(("p", line))
        rows = []
        for c in clauses:
            key = (fn, "clause", c.label())
            gs = f["rows"].get(key, [])
            if c.kind == "assumes":
                note = "no goal: the case condition of the behavior"
            elif c.kind == "requires" and not c.behavior:
                note = "no goal: no core function calls it" + ("; the shell's calls are trusted" if shell else "")
            else:
                note = "no goal"
            rows.append([[C(c.label())], goal_names_cell(gs), status_cell(gs, note), provers_cell(gs),
                         time_cell(gs), mutants_cell(hits.get(key))])
        order = {"assertion": 0, "loop invariant": 1, "loop variant": 2, "loop assigns": 3, "call": 4,
                 "runtime error": 5, "other": 6}
        extra = sorted((k for k in f["rows"] if k[0] == fn and k[1] != "clause"),
                       key=lambda k: (order[k[1]], k[2]))
        for key in extra:
            gs = f["rows"][key]
            what = {"call": f"preconditions of {key[2]} (call sites)", "other": "other goals"}.get(
                key[1], f"{key[1]} {key[2]}".strip())
            rows.append([[T(what)], goal_names_cell(gs), status_cell(gs), provers_cell(gs), time_cell(gs),
                         mutants_cell(hits.get(key))])
        seeded = [m for m in (f["mutants"] or {}).get("mutants", []) if m.get("function") == fn]
        blocks.append(("table", ["clause or annotation", "goals (WP's names)", "status", "prover", "time (s)",
                                 "mutants killed here"], rows))
        if seeded:
            blocks.append(("p", [T("Mutants seeded into this function: ")] + mutants_cell(
                [(m["id"], m.get("verdict", "?")) for m in seeded])))
    return blocks


def section_lemmas(f):
    blocks = [("h", 2, "3. Lemmas", None)]
    lemmas = [g for g in f["run"]["goals"] if g.function == "(lemmas)"] if f["run"] else []
    by_file = {}
    for g in lemmas:
        name = suffix_of(g.name, "")[len("lemma_"):] if suffix_of(g.name, "").startswith("lemma_") else g.name
        by_file.setdefault(f["lemma_files"].get(name, "(not found in specs/)"), []).append(g)
    proved = sum(g.proved for g in lemmas)
    verdict = (T(f"{len(lemmas)} lemmas, all proved.") if proved == len(lemmas)
               else BAD(f"{proved} of {len(lemmas)} lemmas proved."))
    blocks.append(("p", [verdict, T(" (the lemma pass: "), C("-wp-prop=@lemma"), T("; a lemma is a fact in every "
                                                                                  "later proof, so each must be proved)")]))
    rows = [[[C(path)], str(len(gs)), status_cell(gs), provers_cell(gs), time_cell(gs)]
            for path, gs in sorted(by_file.items())]
    blocks.append(("table", ["spec file", "lemmas", "status", "prover", "time (s)"], rows))
    unrun = sorted(n for n in f["lemma_files"] if not any(g.name.endswith("lemma_" + n) for g in lemmas))
    if f["run"] and unrun:
        blocks.append(("p", [BAD("Lemmas in specs/ with no goal in this run: "), C(", ".join(unrun))]))
    return blocks


def section_mutants(f):
    blocks = [("h", 2, "4. Mutants", None)]
    data = f["mutants"]
    if data is None:
        return blocks + [("p", [C(f["mutants_path"]), T(" is absent: no mutant verdicts are reported here.  ("),
                                C("make prove-mutants"), T(" prints its verdicts; they appear here once committed as "
                                                           "that file.)")])]
    mutants = data.get("mutants", [])
    killed = sum(m.get("verdict") == "killed" for m in mutants)
    # Each record names its commit; an older file names one for all of them.
    for m in mutants:
        m.setdefault("commit", data.get("commit", "?"))
        m.setdefault("date", data.get("date", "?"))
    listed = seeded_mutants()
    unrun = [mid for mid in listed if mid not in {m.get("id") for m in mutants}]
    head = [T("From "), C(f["mutants_path"]), T(f": {len(mutants)} of the {len(listed)} mutants of "),
            C("proofs/mutants.py"), T(" have a verdict; ")]
    head.append(T(f"{killed} of {len(mutants)} killed.") if killed == len(mutants)
                else BAD(f"{killed} of {len(mutants)} killed."))
    blocks.append(("p", head))
    if unrun:
        blocks.append(("p", [BAD(f"Never run ({len(unrun)}): "), C(", ".join(unrun)),
                             BAD(" (make prove-mutants SAVE=1 STALE=1 runs them).")]))
    # A verdict is current while what it depends on is unchanged since the commit
    # it was measured at (mutants.verdict_inputs: its file, core.h, the specs,
    # the proof scripts).
    inputs, fingerprints = seeded_inputs()
    for m in mutants:
        m["changed"] = changed_since_in(str(m["commit"]), inputs.get(m.get("id"), ["src/", "specs/"]))
        if m["changed"] == [] and m.get("mutation") not in (None, fingerprints.get(m.get("id"))):
            m["changed"] = ["the mutant's text (proofs/mutants.py)"]
    current = [m for m in mutants if m["changed"] == []]
    unknown = [m for m in mutants if m["changed"] is None]
    stale = [m for m in mutants if m["changed"]]
    commits = sorted({str(m["commit"]) for m in current})
    line = [T(f"{len(current)} of these verdicts are current (measured at commit{'s' if len(commits) > 1 else ''} "),
            C(", ".join(commits) or "—"), T("; the mutant's file, core.h, the specs and the proof scripts "
                                           "unchanged since).")]
    if stale:
        line += [BAD(f" {len(stale)} may be stale (what they depend on changed since; make prove-mutants SAVE=1 "
                     "STALE=1 measures them again): "), C(", ".join(m["id"] for m in stale))]
    if unknown:
        line += [BAD(f" {len(unknown)} name a commit that is not in this repository: "),
                 C(", ".join(m["id"] for m in unknown))]
    blocks.append(("p", line))
    rows = []
    for m in mutants:
        verdict = m.get("verdict", "?")
        goals = [C(g) for g in m["failing_goals"]]
        killers = [p for k, g in enumerate(goals) for p in ([BR, g] if k else [g])] or [T("—")]
        rows.append([[C(m.get("id", "?"))], [C(m.get("function", "?"))], m.get("bug", ""),
                     [T(verdict)] if verdict == "killed" else [BAD(verdict)], killers,
                     [BAD("yes")] if m.get("assertions_only") else "no",
                     str(m.get("timeout", data.get("timeout", "?"))),
                     [C(str(m["commit"]))] if m["changed"] == [] else [C(str(m["commit"])), BAD(" (may be stale)")],
                     f"{m['seconds']:.0f}" if isinstance(m.get("seconds"), (int, float)) else "—"])
    blocks.append(("table", ["mutant", "function", "bug", "verdict", "killed by (failing goals)",
                             "killed only by an intermediate assertion", "timeout (s)", "commit", "time (s)"], rows))
    return blocks


def section_trusted(f):
    blocks = [("h", 2, "5. Trusted base", None),
              ("p", [T("Verbatim from "), C("README.md"), T(" (section \"Trusted base\"):")])]
    readme = read("README.md")
    section = markdown_section(readme, r"#+ Trusted base\s*$")
    blocks.append(("verbatim", section) if section else ("p", [BAD("README.md has no \"Trusted base\" section")]))
    blocks.append(("p", [T("Found by machine: every line of "), C(", ".join(TRUST_PATHS)),
                         T(" matching the before-stop hook's pattern ("), C("git grep -n -I -E"), T("):")]))
    hits = trust_grep()
    blocks.append(("pre", "\n".join(hits)) if hits else ("p", [T("no match")]))
    return blocks


def section_not_proved(f):
    blocks = [("h", 2, "6. What is not proved", None)]
    pending = f["config"]["NOT_YET_PROVED"]
    items = [[C("NOT_YET_PROVED"), T(" ("), C("proofs/config.sh"), T("): ")]
             + ([C(" ".join(pending))] if pending else [T("empty")])]
    unlisted = [fn for fn in f["core"] if fn not in f["proved"] and fn not in pending]
    if unlisted:
        items.append([BAD("Declared in src/core.h but in neither list (not proved): "), C(" ".join(unlisted))])
    for fname in f["shell_files"]:
        lines = read("src/" + fname).count("\n")
        items.append([T("the shell: "), C("src/" + fname), T(f" ({lines} lines), read by eye, tested and fuzzed")])
    blocks.append(("ul", items))
    section = markdown_section(read("README.md"), r"\*\*Not proved yet, and not claimed:\*\*")
    blocks.append(("p", [T("Verbatim from "), C("README.md"), T(":")]))
    blocks.append(("verbatim", section) if section
                  else ("p", [BAD("README.md has no \"Not proved yet, and not claimed\" list")]))
    return blocks


def section_vocabulary(f):
    rows = [[[C(name)], prose(sentence), [C(path)]] for name, (sentence, path) in f["sentences"].items()
            if path == "specs/heap.h"]
    return [("h", 2, "7. The specification's vocabulary (specs/heap.h)", None),
            ("table", ["definition", "what it says", "file"], rows)]


# ---------------------------------------------------------------- main

def main(argv):
    args = {"--prove-dir": "build/prove", "--mutants": "proofs/mutants-verdicts.json", "--out": "build/audit"}
    for k in range(0, len(argv), 2):
        if argv[k] not in args or k + 1 >= len(argv):
            print(__doc__, file=sys.stderr)
            return 2
        args[argv[k]] = argv[k + 1]
    prove_dir = os.path.join(ROOT, args["--prove-dir"])
    f = gather(prove_dir, os.path.join(ROOT, args["--mutants"]))
    f["prove_dir_rel"] = os.path.relpath(prove_dir, ROOT)
    blocks = section_header(f)
    if f["run"]:
        hits = mutant_rows(f)
        blocks += section_public(f) + section_core(f, hits) + section_lemmas(f)
        blocks += section_mutants(f) + section_trusted(f) + section_not_proved(f) + section_vocabulary(f)
    titles = [b[2] for b in blocks if b[0] == "h" and b[1] == 2]
    if titles:
        blocks.insert(2, ("p", [B("Contents:"), T(" ")] + [p for k, t in enumerate(titles)
                                                             for p in ([T(" · ")] if k else []) + [("l", t, "#" + slug(t))]]))
    out = os.path.join(ROOT, args["--out"])
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "AUDIT.md"), "w", encoding="utf-8") as fh:
        fh.write(render_md(blocks))
    with open(os.path.join(out, "AUDIT.html"), "w", encoding="utf-8") as fh:
        fh.write(render_html(blocks, "tagheap — audit report"))
    where = os.path.relpath(os.path.join(out, "AUDIT.md"), ROOT)
    if not f["run"]:
        print(f"audit: no proof run found in {f['prove_dir_rel']}/ — run make prove (wrote {where})")
        return 1
    t = goal_totals(f)
    clauses = sum(len(c) for c in f["contracts"].values())
    ok = t["proved"] == t["goals"] and f["complete"]
    state = "all proved" if t["proved"] == t["goals"] else f"{t['goals'] - t['proved']} NOT PROVED"
    if not f["complete"]:
        state += ", proof run incomplete"
    print(f"audit: wrote {where} and AUDIT.html ({len(f['public'])} public functions, {clauses} clauses, "
          f"{t['goals']} goals, {state})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
