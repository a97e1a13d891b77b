#!/usr/bin/env python3
"""`make prove-mutants`: seed one bug at a time into a scratch copy of src/ and
check that `proofs/prove.sh` fails on it (the mutant is "killed").

    mutants.py OUT_DIR [ID...]

Each mutant replaces one exact piece of text in one core file and is proved
with only the function it changes (the specs and lemmas are untouched, and the
other functions rely on its contract, not its code); a mutant whose
text is no longer found is reported as STALE (and fails the run), so the list
cannot silently rot.  Exit status 0 only if every mutant is killed."""
import os
import shutil
import subprocess
import sys
import time

MUTANTS = [
    # (id, file, function, what the bug is, original text, mutated text)
    ("prev-bit-dropped", "core_block.c", "header_make", "header_make forgets the previous-allocated bit",
     "size_words * WORD_BYTES + PREV_ALLOC_FLAG * prev_alloc + ALLOC_FLAG * alloc",
     "size_words * WORD_BYTES + ALLOC_FLAG * alloc"),
    ("size-keeps-flags", "core_block.c", "header_size_words", "header_size_words keeps the flag bits in the size",
     "return header / SIZE_UNIT * GRANULE_WORDS;", "return header / WORD_BYTES;"),
    ("alloc-bit-wrong", "core_block.c", "header_is_alloc", "header_is_alloc reads the previous-allocated bit",
     "return header % 2;", "return header / 2 % 2;"),
    ("size-of-next-word", "core_block.c", "block_size", "block_size reads the word after the header",
     "return header_size_words(c->words[i]);", "return header_size_words(c->words[i + 1]);"),
    ("init-no-end-marker", "core_block.c", "core_init", "core_init leaves the end marker free",
     "c->words[n - 1] = header_make(0, 0, 1);", "c->words[n - 1] = header_make(0, 0, 0);"),
    ("split-off-by-one", "core_block.c", "split_free_block", "split_free_block makes the remainder one granule short",
     "c->words[rest] = header_make(size - need, 1, 0);",
     "c->words[rest] = header_make(size - need - 2, 1, 0);"),
    ("split-stale-footer", "core_block.c", "split_free_block", "split_free_block leaves the old footer value",
     "c->words[i + size - 1] = (size - need) * WORD_BYTES;", "c->words[i + size - 1] = size * WORD_BYTES;"),
    ("mark-forgets-prev-bit", "core_block.c", "mark_allocated", "mark_allocated forgets the next block's previous-allocated bit",
     "c->words[i + size] = next_header + PREV_ALLOC_FLAG;", "c->words[i + size] = next_header;"),
    ("free-alone-no-footer", "core_block.c", "free_alone", "free_alone writes no footer",
     "c->words[i + size - 1] = size * WORD_BYTES;\n    c->words[i + size] = next_header - PREV_ALLOC_FLAG;",
     "c->words[i + size] = next_header - PREV_ALLOC_FLAG;"),
    ("merge-next-stale-footer", "core_block.c", "free_merge_next", "free_merge_next writes the footer at the end of the first block",
     "c->words[i + merged - 1] = merged * WORD_BYTES;", "c->words[i + size - 1] = merged * WORD_BYTES;"),
    ("merge-next-start-kept", "core_block.c", "free_merge_next", "free_merge_next leaves the absorbed block in the start map",
     "    c->starts[next / 2] = 0;\n    /*@ for keeps_invariant: assert head: size_of(c, i) == merged && alloc_of(c, i) == 0",
     "    /*@ for keeps_invariant: assert head: size_of(c, i) == merged && alloc_of(c, i) == 0"),
    ("merge-prev-wrong-size", "core_block.c", "free_merge_prev", "free_merge_prev gives the merged block only the previous block's size",
     "int64_t merged = prev_size + size;", "int64_t merged = prev_size;"),
    ("merge-prev-start-kept", "core_block.c", "free_merge_prev", "free_merge_prev leaves the freed block in the start map",
     "    c->starts[i / 2] = 0;\n    c->words[i + size] = next_header - PREV_ALLOC_FLAG;",
     "    c->words[i + size] = next_header - PREV_ALLOC_FLAG;"),
    ("merge-both-size", "core_block.c", "free_merge_both", "free_merge_both forgets the next block's size",
     "int64_t merged = prev_size + size + block_size(c, next);", "int64_t merged = prev_size + size;"),
    ("absorb-prev-bit", "core_block.c", "absorb_next_free", "absorb_next_free does not tell the following block",
     "c->words[after] = after_header + PREV_ALLOC_FLAG;", "c->words[after] = after_header;"),
    ("fit-too-small", "core_fit.c", "find_fit", "find_fit accepts a block one granule too small",
     "if (header_is_alloc(header) == 0 && size >= need)", "if (header_is_alloc(header) == 0 && size + 2 >= need)"),
    ("fit-no-size-guard", "core_fit.c", "find_fit", "find_fit drops the guard against a corrupt zero size (loops forever)",
     "        if (size < MIN_BLOCK_WORDS || size > c->n - 1 - i)\n            return NO_BLOCK; /* corrupted tag: stop rather than loop or write outside */\n        if (header_is_alloc(header) == 0 && size >= need)",
     "        if (header_is_alloc(header) == 0 && size >= need)"),
    ("place-split-too-small", "core_alloc.c", "place", "place splits off a remainder smaller than a block",
     "if (block_size(c, i) - need >= MIN_BLOCK_WORDS) {\n        split_free_block(c, i, need);",
     "if (block_size(c, i) - need > 0) {\n        split_free_block(c, i, need);"),
    ("release-merges-allocated", "core_alloc.c", "core_release", "core_release merges with an allocated successor",
     "int64_t next_free = block_is_alloc(c, next) == 0;",
     "int64_t next_free = block_is_alloc(c, next) != 0;"),
    ("round-down", "core_alloc.c", "core_words_for", "core_words_for rounds the request off by one byte",
     "SIZE_UNIT - 1) / SIZE_UNIT", "SIZE_UNIT - 2) / SIZE_UNIT"),
    ("no-minimum-block", "core_alloc.c", "core_words_for", "core_words_for returns blocks below the minimum",
     "return words < MIN_BLOCK_WORDS ? MIN_BLOCK_WORDS : words;", "return words;"),
    ("validate-no-start-check", "core_alloc.c", "core_validate", "core_validate accepts an interior pointer (no start-map check)",
     "if (i % 2 != 1 || c->starts[i / 2] != 1)", "if (i % 2 != 1)"),
    ("validate-double-free", "core_alloc.c", "core_validate", "core_validate accepts a free block (double free)",
     "    if (header_is_alloc(header) == 0)\n        return CORE_EFREED;\n", ""),
    # Killed only by completeness (a live block validates): over-strict checks.
    ("validate-rejects-last", "core_alloc.c", "core_validate", "core_validate rejects a live block that ends at the end marker",
     "if (size < MIN_BLOCK_WORDS || size > c->n - 1 - i)", "if (size < MIN_BLOCK_WORDS || size >= c->n - 1 - i)"),
    ("prev-check-first-block", "core_alloc.c", "free_prev_agrees", "free_prev_agrees rejects a free first block before the freed one",
     "footer > (i - 1) * WORD_BYTES)", "footer >= (i - 1) * WORD_BYTES)"),
    ("zero-one-short", "core_alloc.c", "core_zero_payload", "core_zero_payload leaves the last payload word",
     "for (int64_t k = 1; k < size; k++)\n        c->words[i + k] = 0;", "for (int64_t k = 1; k < size - 1; k++)\n        c->words[i + k] = 0;"),
    ("usable-counts-header", "core_alloc.c", "core_usable_bytes", "core_usable_bytes counts the header as payload",
     "return (block_size(c, i) - HEADER_WORDS) * WORD_BYTES;",
     "return block_size(c, i) * WORD_BYTES;"),
    ("alignment-off-by-one", "core_fit.c", "aligned_gap", "aligned_gap rounds to the wrong granule",
     "(align_granules - misalign) * GRANULE_WORDS;", "(align_granules - misalign + 1) * GRANULE_WORDS;"),
    ("gap-too-small", "core_fit.c", "aligned_gap", "aligned_gap leaves a gap too small to be a free block",
     "if (gap > 0 && gap < MIN_BLOCK_WORDS) {", "if (gap > MIN_BLOCK_WORDS) {"),
    ("copy-one-short", "core_alloc.c", "copy_words", "copy_words stops one word before the end",
     "for (int64_t k = 1; k < count; k++)", "for (int64_t k = 1; k < count - 1; k++)"),
    ("move-copies-short", "core_alloc.c", "move_block", "realloc's move copies one payload word too few",
     "copy_payload(c, i, moved, size);", "copy_payload(c, i, moved, size - 1);"),
    ("move-frees-new-block", "core_alloc.c", "move_block", "realloc's move frees the new block instead of the old one",
     "    core_release(c, i);\n    //@ assert kept: \\forall integer k; 0 < k < size ==> block_word(c, moved, k)",
     "    core_release(c, moved);\n    //@ assert kept: \\forall integer k; 0 < k < size ==> block_word(c, moved, k)"),
    ("shrink-wrong-tail", "core_alloc.c", "shrink_in_place", "realloc's shrink frees a tail that starts one granule late",
     "core_release(c, i + need);", "core_release(c, i + need + 2);"),
    ("grow-too-far", "core_alloc.c", "core_realloc", "realloc grows in place when the free neighbour is one granule short",
     "size + block_size(c, next) >= need", "size + block_size(c, next) + 2 >= need"),
    ("calloc-no-overflow-check", "core_alloc.c", "core_product_fits", "calloc's size check lets count * size wrap around",
     "return count <= limit / size;", "return count * size <= limit;"),
    ("aligned-gap-ignored", "core_alloc.c", "core_aligned", "aligned allocation returns the free block, not the aligned block after the gap",
     "int64_t r = i + gap;", "int64_t r = i;"),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "build/mutants"
    only = set(sys.argv[2:])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.chdir(root)
    os.makedirs(out, exist_ok=True)
    # Seed the scratch cache from the committed one, so unchanged goals replay.
    session = os.path.join(out, "session")
    if not os.path.exists(session) and os.path.isdir("proofs/wp-session"):
        shutil.copytree("proofs/wp-session", session)
    results = []
    for mid, fname, function, what, old, new in MUTANTS:
        if only and mid not in only:
            continue
        work = os.path.join(out, mid)
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree("src", os.path.join(work, "src"))
        shutil.copytree("specs", os.path.join(work, "specs"))  # core.h includes ../specs/
        path = os.path.join(work, "src", fname)
        text = open(path).read()
        if text.count(old) != 1:
            results.append((mid, what, "STALE", 0.0, "original text not found exactly once"))
            continue
        open(path, "w").write(text.replace(old, new))
        start = time.time()
        env = dict(os.environ, WP_SESSION_DIR=os.path.abspath(session), PROVE_ONLY=function,
                   PROVE_LEMMAS="0", PROVE_SMOKE="0")
        proc = subprocess.run(["proofs/prove.sh", "replay", os.path.join(work, "prove"),
                               os.path.join(work, "src")],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        took = time.time() - start
        log = proc.stdout.splitlines()
        why = next((l[len("prove: NOT PROVED: "):] for l in log if l.startswith("prove: NOT PROVED: ")),
                   next((l for l in log if "SMOKE" in l or "frama-c failed" in l), ""))
        if any("frama-c failed" in l for l in log):
            verdict = "ERROR"  # a crash is not a kill: the proof never ran
        else:
            verdict = "killed" if proc.returncode != 0 else "SURVIVED"
        results.append((mid, what, verdict, took, why))
        print(f"mutant {mid}: {verdict} ({took:.0f}s)", flush=True)

    print()
    print(f"{'mutant':<26}{'verdict':<10}{'time':>6}  bug / first failing goals")
    print("-" * 100)
    for mid, what, verdict, took, why in results:
        goals = why if len(why) < 70 else why[:67] + "..."
        print(f"{mid:<26}{verdict:<10}{took:>5.0f}s  {what}")
        if goals:
            print(f"{'':<44}{goals}")
    killed = sum(1 for r in results if r[2] == "killed")
    print("-" * 100)
    print(f"prove-mutants: {killed} of {len(results)} mutants killed")
    return 0 if killed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
