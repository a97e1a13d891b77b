#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Print bench/run.sh's results as tables, each figure with its ratio to glibc.

    bench/report.py --mode time|callgrind [--markdown] RESULTS.tsv

RESULTS.tsv has one line per measured value: allocator, row (a stream, or scaling-N),
key, value -- the key=value pairs bench/bench.c printed, plus the instruction counts
bench/run.sh --callgrind added.  Timing rows appear once per round: the best is kept.
"""
import argparse
import collections
import sys

ALLOCATORS = ["glibc", "jemalloc", "mimalloc", "tcmalloc", "tagheap", "tagheap-preload"]
# Measured for utilisation only: tagheap's API with the pages its creation touched left out.
UTILISATION_ONLY = ["tagheap-blocks"]
STREAMS = ["small-random", "mixed-random", "fifo-window", "realloc-grow"]


def load(path):
    """{(allocator, row): {key: [values]}}, and the rows in the order they were run."""
    results = collections.defaultdict(lambda: collections.defaultdict(list))
    rows = []
    with open(path) as f:
        for line in f:
            allocator, row, key, value = line.rstrip("\n").split("\t")
            results[allocator, row][key].append(value)
            if row not in rows:
                rows.append(row)
    return results, rows


def number(text):
    return float(text)


def row_label(row):
    if row.startswith("scaling-"):
        return "scaling, %s live" % format(int(row[len("scaling-"):]), ",")
    return row


def figure(value, unit):
    if value is None:
        return "—"
    if unit == "%":
        return "%.1f%%" % value
    if value >= 100 or unit == "instructions":
        return format(round(value), ",")
    return "%.1f" % value


def ratio(value, base):
    if value is None or base in (None, 0):
        return ""
    r = value / base
    return "%.2f×" % r if r < 10 else "%s×" % format(round(r), ",")


class Table:
    """Rows of (label, {allocator: value}); every cell also shows its ratio to glibc."""

    def __init__(self, title, unit, allocators, notes):
        self.title, self.unit, self.allocators, self.notes = title, unit, allocators, notes
        self.rows = []

    def add(self, label, values):
        self.rows.append((label, values))

    def cells(self, values):
        base = values.get("glibc")
        out = []
        for a in self.allocators:
            v = values.get(a)
            r = ratio(v, base) if a != "glibc" else ""
            out.append(figure(v, self.unit) + (" (%s)" % r if r else ""))
        return out

    def print_text(self):
        print("\n" + self.title)
        for note in self.notes:
            print("  " + note)
        body = [[label] + self.cells(values) for label, values in self.rows]
        header = [""] + self.allocators
        widths = [max(len(r[k]) for r in body + [header]) for k in range(len(header))]
        for r in [header] + body:
            print(r[0].ljust(widths[0]) + "".join("  " + c.rjust(w) for c, w in zip(r[1:], widths[1:])))

    def print_markdown(self):
        print("\n**%s**\n" % self.title)
        for note in self.notes:
            print("- " + note)
        print("\n| | " + " | ".join(self.allocators) + " |")
        print("| --- |" + " ---: |" * len(self.allocators))
        for label, values in self.rows:
            print("| %s | %s |" % (label, " | ".join(self.cells(values))))


def per_call(results, allocator, row, kind):
    """Instructions per call of one kind, or None when not measured or never called."""
    r = results.get((allocator, row))
    if r is None or "instructions_" + kind not in r:
        return None
    calls = number(r[kind + "s"][0])
    return number(r["instructions_" + kind][0]) / calls if calls else None


def per_op(results, allocator, row):
    r = results.get((allocator, row))
    if r is None or "instructions_malloc" not in r:
        return None
    total = sum(number(r["instructions_" + k][0]) for k in ("malloc", "free", "realloc"))
    return total / number(r["ops"][0])


def best(results, allocator, row, key):
    r = results.get((allocator, row))
    return min(number(v) for v in r[key]) if r and key in r else None


def utilisation(results, allocator, row):
    r = results.get((allocator, row))
    if r is None or "resident_growth" not in r:
        return None
    growth = number(r["resident_growth"][0])
    return 100 * number(r["peak_requested"][0]) / growth if growth else None


def scaling_ops_note(results, rows, allocators):
    """Say how many operations each scaling run measured (every allocator runs
    the same number since placement stopped walking the blocks; a run recorded
    with fewer, as first fit's were, is named)."""
    every = int(results["glibc", rows[-1]]["ops"][0])
    fewer = []
    for row in rows:
        if row.startswith("scaling-"):
            for a in allocators:
                if (a, row) in results and int(results[a, row]["ops"][0]) != every:
                    fewer.append("%s at %s live: %s" % (a, format(int(row[len("scaling-"):]), ","),
                                                        format(int(results[a, row]["ops"][0]), ",")))
    note = "measured operations per scaling run: %s" % format(every, ",")
    return note + (" (fewer: %s)" % "; ".join(fewer) if fewer else ", every allocator")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["time", "callgrind"], required=True)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("results")
    args = parser.parse_args()
    results, rows = load(args.results)
    allocators = [a for a in ALLOCATORS if any(k[0] == a for k in results)]
    with_blocks = allocators + [a for a in UTILISATION_ONLY if any(k[0] == a for k in results)]
    if "glibc" not in allocators:
        sys.exit("report: no glibc results to compare with")
    scaling_rows = [r for r in rows if r.startswith("scaling-")]
    tables = []
    common = ["tagheap: its API on one tagheap_create'd 1 GiB heap; tagheap-preload: "
              "build/libtagheap-preload.so through LD_PRELOAD, like jemalloc, mimalloc and "
              "tcmalloc (libtcmalloc_minimal)"]
    if args.mode == "callgrind":
        t = Table("Instructions per call (callgrind; ratio to glibc)", "instructions", allocators,
                  common + ["each entry point's inclusive cost minus the benchmark's own "
                            "wrapper (bench_malloc, ... in bench/allocator.c): the allocator "
                            "alone; 'per op' is all of them over every measured operation",
                            "instruction counts do not drift with machine load; wall-clock "
                            "times do (make bench)"])
        for row in [r for r in rows if r in STREAMS] + scaling_rows:
            kinds = ["malloc", "free"]
            if any(per_call(results, a, row, "realloc") is not None for a in allocators):
                kinds.append("realloc")
            for kind in kinds:
                t.add("%s: %s" % (row_label(row), kind),
                      {a: per_call(results, a, row, kind) for a in allocators})
            if not row.startswith("scaling-"):
                t.add("%s: per op" % row_label(row), {a: per_op(results, a, row) for a in allocators})
        t.notes.append(scaling_ops_note(results, scaling_rows, allocators))
        tables.append(t)
    else:
        t = Table("Nanoseconds per operation (best of the rounds; ratio to glibc)", "ns",
                  allocators,
                  common + ["wall-clock time of the measured operations over their count; "
                            "noisy on a shared machine (make bench-callgrind counts "
                            "instructions per malloc and per free instead)"])
        for row in rows:
            t.add(row_label(row), {a: best(results, a, row, "ns_per_op") for a in allocators})
        t.notes.append(scaling_ops_note(results, scaling_rows, allocators))
        tables.append(t)
    u = Table("Peak utilisation (ratio to glibc)", "%", with_blocks,
              ["the stream's peak of live requested bytes over the growth of the process's "
               "resident anonymous memory (smaps_rollup, exact; bench/resident.c): the highest "
               "reading after the setup, every 1,000 operations and at the peak of requested "
               "bytes, minus a reading before the first allocation; every page of every block "
               "written; one native run of 1,000,000 operations per allocator and stream "
               "(scaling: as above), the same measure for all",
               "tagheap's heap is created after the first reading, so all it makes resident "
               "counts (tagheap_create writes the state and the end marker, three pages; the "
               "start map is written as blocks reach it); tagheap-blocks: the same heap "
               "created before it, those three pages left out"])
    for row in rows:
        u.add(row_label(row), {a: utilisation(results, a, row) for a in with_blocks})
    tables.append(u)
    for t in tables:
        t.print_markdown() if args.markdown else t.print_text()


if __name__ == "__main__":
    main()
