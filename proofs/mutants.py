#!/usr/bin/env python3
"""`make prove-mutants`: seed one bug at a time into a scratch copy of src/ and
check that the proof of the function it changes fails on it (the mutant is "killed").

    mutants.py [--save] OUT_DIR [ID...]

Each mutant replaces one exact piece of text in one core file and is proved
with only the function it changes (the specs and lemmas are untouched, and the
other functions rely on its contract, not its code); a mutant whose
text is no longer found is reported as STALE (and fails the run), so the list
cannot silently rot.

A goal that is not proved in that run (a cached replay, at the function timeout of
proofs/config.sh) may be a true goal that timed out on a loaded machine, so it is
not yet a kill: those goals are proved again, from scratch (no cache) with Z3
and CVC4 and a longer timeout (MUTANT_RECHECK_TIMEOUT, default 60 s), a few at a
time (RECHECK_BATCH), the contract's goals before intermediate assertions.  One
goal that still fails is a kill, so the recheck stops at the first batch that has
one; the mutant SURVIVED if every failing goal is proved then ("failed only
under the short timeout").  A killed mutant whose killing goals are all
intermediate assertions or loop invariants is flagged "assertions only": the
contract itself may not be what catches the bug (the order makes the flag exact:
it is set only when every other failing goal was proved at the long timeout).

    mutants.py --save [--stale] OUT_DIR [ID...]

Writes OUT_DIR/verdicts.json (the schema proofs/audit.py reads).  --save also
records each verdict in proofs/mutants-verdicts.json (for `make audit`) as soon as
it is known, with the commit it was measured at, replacing that mutant's earlier
verdict: a run stopped half-way keeps what it measured.  --stale runs only the
mutants whose recorded verdict is missing, not a kill, or measured at a commit
where what the verdict depends on (verdict_inputs: the mutant's file, core.h, the
specs, the proof scripts) differs from HEAD's.  Exit status 0 only if every mutant
run is killed."""
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in proofs/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wp_table  # noqa: E402  (the log parsing `make prove` itself uses)

RECHECK_TIMEOUT = int(os.environ.get("MUTANT_RECHECK_TIMEOUT", "60"))
# Goals proved again per WP run in the recheck: Z3 and CVC4 race on each (WP_PAR=2).
RECHECK_BATCH = 2
SAVED_VERDICTS = "proofs/mutants-verdicts.json"
# What a verdict also depends on, besides the core and the specs.
PROOF_TOOLS = ["proofs/config.sh", "proofs/prove.sh", "proofs/mutants.py"]

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
    ("clear-map-short", "core_block.c", "core_clear_map", "core_clear_map leaves the map's last byte",
     "for (int64_t k = 0; k < n / 2; k++)\n        c->starts[k] = 0;",
     "for (int64_t k = 0; k < n / 2 - 1; k++)\n        c->starts[k] = 0;"),
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
    # The fit test of the first-fit walk is now head_holds, which find_fit and
    # find_aligned_fit ask of each head they consider.
    ("fit-too-small", "core_fit.c", "head_holds", "the fit test (head_holds) accepts a block one granule too small",
     "return header_is_alloc(header) == 0 && size >= need && size <= c->n - 1 - h;",
     "return header_is_alloc(header) == 0 && size + 2 >= need && size <= c->n - 1 - h;"),
    # Replaces the first-fit walk's guard against a corrupt zero size (no walk is
    # left to loop): the guard against a corrupt size in the head the lists give.
    ("fit-no-size-guard", "core_fit.c", "head_holds",
     "the fit test (head_holds) drops the guard against a corrupt size (a head whose block reaches past the end marker)",
     "return header_is_alloc(header) == 0 && size >= need && size <= c->n - 1 - h;",
     "return header_is_alloc(header) == 0 && size >= need;"),
    ("place-split-too-small", "core_alloc.c", "place", "place splits off a remainder smaller than a block",
     "if (block_size(c, i) - need >= MIN_BLOCK_WORDS) {\n        split_free_block(c, i, need);",
     "if (block_size(c, i) - need > 0) {\n        split_free_block(c, i, need);"),
    # The merges moved from core_release to release_tags (core_release now only unlinks
    # and links around it; the same test there would unlink, not merge).
    ("release-merges-allocated", "core_alloc.c", "release_tags", "free (release_tags) merges with an allocated successor",
     "    int64_t next_free = block_is_alloc(c, next) == 0;\n    if (prev_free && next_free) {",
     "    int64_t next_free = block_is_alloc(c, next) != 0;\n    if (prev_free && next_free) {"),
    ("round-down", "core_alloc.c", "core_words_for", "core_words_for rounds the request off by one byte",
     "SIZE_UNIT - 1) / SIZE_UNIT", "SIZE_UNIT - 2) / SIZE_UNIT"),
    ("no-minimum-block", "core_alloc.c", "core_words_for", "core_words_for returns blocks below the minimum",
     "return words < MIN_BLOCK_WORDS ? MIN_BLOCK_WORDS : words;", "return words;"),
    ("validate-no-start-check", "core_alloc.c", "core_validate", "core_validate accepts an interior pointer (no start-map check)",
     "if (i % 2 != 1 || c->starts[i / 2] != 1)", "if (i % 2 != 1)"),
    ("validate-double-free", "core_alloc.c", "core_validate", "core_validate accepts a free block (double free)",
     "    if (header_is_alloc(header) == 0) {\n        //@ assert not_live: !(heap_inv(c) && is_alloc(c, i));\n        return CORE_EFREED;",
     "    if (0) {\n        //@ assert not_live: !(heap_inv(c) && is_alloc(c, i));\n        return CORE_EFREED;"),
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
     "copy_payload(c, i, moved, size) /*@ ghost (heads) */;", "copy_payload(c, i, moved, size - 1) /*@ ghost (heads) */;"),
    ("move-frees-new-block", "core_alloc.c", "move_block", "realloc's move frees the new block instead of the old one",
     "    core_release(c, heads, i);\n    //@ assert kept: \\forall integer k; 0 < k < size ==> block_word(c, moved, k)",
     "    core_release(c, heads, moved);\n    //@ assert kept: \\forall integer k; 0 < k < size ==> block_word(c, moved, k)"),
    ("shrink-wrong-tail", "core_alloc.c", "shrink_in_place", "realloc's shrink frees a tail that starts one granule late",
     "core_release(c, heads, i + need);", "core_release(c, heads, i + need + 2);"),
    ("grow-too-far", "core_alloc.c", "core_realloc", "realloc grows in place when the free neighbour is one granule short",
     "size + block_size(c, next) >= need", "size + block_size(c, next) + 2 >= need"),
    ("calloc-no-overflow-check", "core_alloc.c", "core_product_fits", "calloc's size check lets count * size wrap around",
     "return count <= limit / size;", "return count * size <= limit;"),
    ("aligned-gap-ignored", "core_alloc.c", "core_aligned", "aligned allocation returns the free block, not the aligned block after the gap",
     "int64_t r = i + gap;", "int64_t r = i;"),
    # The checker proved both ways: each test it drops, or an answer it invents, is a bug.
    ("check-always-ok", "core_check.c", "core_check", "core_check answers OK even when the end marker is wrong",
     "return report(bad_index, end, CORE_EENDMARK);", "return report(bad_index, 0, CORE_OK);"),
    ("check-no-footer", "core_check.c", "core_check", "core_check does not compare a free block's footer with its size",
     "if (c->words[i + size - 1] != size * WORD_BYTES) {", "if (0) {"),
    ("check-no-adjacent-free", "core_check.c", "core_check", "core_check accepts two adjacent free blocks",
     "            if (before_alloc == 0) {\n                //@ assert adjacent_free",
     "            if (0) {\n                //@ assert adjacent_free"),
    ("check-no-prev-bit", "core_check.c", "core_check", "core_check does not compare a block's previous bit with its predecessor",
     "if (header_prev_alloc(header) != before_alloc) {", "if (0) {"),
    ("check-interior-short", "core_check.c", "interior_is_clear", "the checker scans the start map of a block's interior one byte short",
     "for (int64_t k = i / 2 + 1; k < (i + size) / 2; k++)", "for (int64_t k = i / 2 + 1; k < (i + size) / 2 - 1; k++)"),
    ("check-end-start-map", "core_check.c", "core_check", "core_check does not look at the end marker's start-map byte",
     "if (c->words[end] != header_make(0, before_alloc, 1) || c->starts[end / 2] != 1) {",
     "if (c->words[end] != header_make(0, before_alloc, 1)) {"),
    # free's validation: what it promises on a damaged heap.
    ("validate-stray-bits", "core_alloc.c", "core_validate", "core_validate accepts a live header with a stray bit",
     "    if (header != header_make(size, header_prev_alloc(header), header_is_alloc(header))) {",
     "    if (0) {"),
    ("validate-next-footer", "core_alloc.c", "free_next_agrees", "free's check of a free successor skips its footer",
     "return c->words[next + next_size - 1] == next_size * WORD_BYTES;", "return 1;"),
    ("validate-next-undecoded", "core_alloc.c", "core_validate", "core_validate does not decode the successor's header",
     "if (c->starts[next / 2] != 1 || !header_decodes(c, next) || header_prev_alloc(next_header) != 1)",
     "if (c->starts[next / 2] != 1 || header_prev_alloc(next_header) != 1)"),
    ("validate-prev-size", "core_alloc.c", "free_prev_agrees", "free's check of a free predecessor skips its size",
     "block_size(c, prev) * WORD_BYTES == footer;", "1;"),
    # malloc: tight, first fit, and nothing else allocated.
    ("malloc-keeps-remainder", "core_alloc.c", "place", "malloc keeps a remainder it could split off",
     "if (block_size(c, i) - need >= MIN_BLOCK_WORDS) {\n        split_free_block(c, i, need);",
     "if (block_size(c, i) - need >= 2 * MIN_BLOCK_WORDS) {\n        split_free_block(c, i, need);"),
    # No walk any more: the block its class search finds is passed over when it is block 1.
    ("fit-skips-first", "core_fit.c", "find_fit", "find_fit passes over the block its class search finds when it is the first block",
     "(head_holds(c, h, need) && links_sane(c, heads, h)) ? h : NO_BLOCK;",
     "(head_holds(c, h, need) && links_sane(c, heads, h) && h != 1) ? h : NO_BLOCK;"),
    # realloc and aligned allocation: tight, and no spurious out-of-memory.
    ("realloc-moves-exact-fit", "core_alloc.c", "core_realloc", "realloc moves when the free successor fits exactly",
     "size + block_size(c, next) >= need", "size + block_size(c, next) > need"),
    ("grow-keeps-surplus", "core_alloc.c", "grow_in_place", "realloc's grow keeps a surplus it could give back",
     "    if (block_size(c, i) - need >= MIN_BLOCK_WORDS)\n        shrink_in_place(c, heads, i, need);\n    //@ assert only:",
     "    if (block_size(c, i) - need >= 2 * MIN_BLOCK_WORDS)\n        shrink_in_place(c, heads, i, need);\n    //@ assert only:"),
    # The fit test of the walk is gone; the class search's fit test demands the granule
    # (a head of the request's own class that is refused is no bug: the search goes on).
    ("aligned-fit-granule-more", "core_fit.c", "find_aligned_fit",
     "an aligned fit demands one granule more than needed of the block its class search finds",
     "(head_holds(c, h, most) && links_sane(c, heads, h))", "(head_holds(c, h, most + 2) && links_sane(c, heads, h))"),
    # realloc and aligned allocation: two-sided frames (nothing leaks).
    ("realloc-move-leaks", "core_alloc.c", "move_block", "realloc's move never frees the old block",
     "    core_release(c, heads, i);\n    //@ assert kept: \\forall integer k; 0 < k < size ==> block_word(c, moved, k)",
     "    //@ assert kept: \\forall integer k; 0 < k < size ==> block_word(c, moved, k)"),
    ("shrink-leaks-tail", "core_alloc.c", "shrink_in_place", "realloc's shrink never frees the tail it cuts off",
     "    core_release(c, heads, i + need);\n", ""),
    ("aligned-keeps-gap", "core_alloc.c", "place_after_gap", "aligned allocation never frees the gap block in front",
     "    core_release(c, heads, i);\n    //@ assert only: \\forall integer j; is_alloc(c, j) ==> \\at(is_alloc(c, j), Pre) || j == i + gap;\n",
     "    //@ assert only: \\forall integer j; is_alloc(c, j) ==> \\at(is_alloc(c, j), Pre) || j == i + gap;\n"),
    # realloc and aligned allocation: every other allocated block keeps its payload words.
    ("copy-payload-swapped", "core_alloc.c", "copy_payload", "realloc's copy has memcpy's arguments swapped (the source is overwritten)",
     "    copy_words(c->words, from, to, count);\n", "    copy_words(c->words, to, from, count);\n"),
    ("aligned-writes-before-block", "core_alloc.c", "core_aligned",
     "aligned allocation stores a word just in front of the block's header, as a hand-rolled aligned malloc keeps its offset",
     "    int64_t r = i + gap;\n", "    int64_t r = i + gap;\n    c->words[r - 1] = 0;\n"),
    # The free lists and size classes (issue 18).
    # Size classes: where a block is listed, and where a search starts.
    ("class-request-rounds-down", "core_class.c", "request_class",
     "request_class rounds the subclass down: its class holds blocks smaller than the request",
     "int64_t sub = (s - low + width - 1) / width;", "int64_t sub = (s - low) / width;"),
    ("class-level-boundary", "core_class.c", "level_of",
     "level_of stops one level short at a level boundary (class_of_size keeps a size of twice a level's first size in that level)",
     "while (s / 2 >= first) {", "while (s / 2 > first) {"),
    ("class-exact-boundary", "core_class.c", "class_of_size",
     "class_of_size sends the last exact size (62 words) to the level search (off by one at the exact classes' end)",
     "    if (s < EXACT_LIMIT_WORDS) {\n        //@ assert facts: by_class_facts;\n        return (s - MIN_BLOCK_WORDS) / GRANULE_WORDS;",
     "    if (s < EXACT_LIMIT_WORDS - GRANULE_WORDS) {\n        //@ assert facts: by_class_facts;\n        return (s - MIN_BLOCK_WORDS) / GRANULE_WORDS;"),
    ("class-exact-off-by-one", "core_class.c", "class_of_size",
     "class_of_size numbers the exact classes from one granule, not from the minimum block (one class too high)",
     "    if (s < EXACT_LIMIT_WORDS) {\n        //@ assert facts: by_class_facts;\n        return (s - MIN_BLOCK_WORDS) / GRANULE_WORDS;",
     "    if (s < EXACT_LIMIT_WORDS) {\n        //@ assert facts: by_class_facts;\n        return (s - GRANULE_WORDS) / GRANULE_WORDS;"),
    ("class-heads-one-short", "core_list.c", "core_classes_for",
     "core_classes_for sizes the heads one class short (the largest block's class has no head)",
     "return class_of_size(n - 2) + 1;", "return class_of_size(n - 2);"),
    # Linking and unlinking: the link words and the heads.
    ("list-link-wrong-class", "core_list.c", "link_free",
     "link_free files a block under the class of its size less header and footer (the wrong class at a class's smallest size)",
     "    int64_t k = class_of_size(block_size(c, b));\n    //@ assert class_low: class_min(k) <= size_of(c, b) && k < CLASS_COUNT;\n"
     "    //@ assert heap_classes: c->n - 2 < class_min(c->classes) && c->classes <= CLASS_COUNT;\n"
     "    //@ assert in_heap: k < c->classes;\n    list_push(",
     "    int64_t k = class_of_size(block_size(c, b) - 2);\n    //@ assert class_low: class_min(k) <= size_of(c, b) && k < CLASS_COUNT;\n"
     "    //@ assert heap_classes: c->n - 2 < class_min(c->classes) && c->classes <= CLASS_COUNT;\n"
     "    //@ assert in_heap: k < c->classes;\n    list_push("),
    ("list-unlink-class-below", "core_list.c", "unlink_free",
     "unlink_free unlinks a block from the class below its own (off by one)",
     "list_unlink(c, heads, b, k) /*@ ghost (x) */;", "list_unlink(c, heads, b, k - 1) /*@ ghost (x) */;"),
    ("list-push-drops-list", "core_list.c", "push_writes",
     "list_push does not link the new head to the old one (the rest of the list is lost)",
     "c->words[b + NEXT_LINK] = h;", "c->words[b + NEXT_LINK] = NO_BLOCK;"),
    ("list-push-prev-unset", "core_list.c", "push_writes",
     "list_push leaves the new head's previous link as it was, not NO_BLOCK",
     "    c->words[b + PREV_LINK] = NO_BLOCK;\n", ""),
    ("list-push-stale-prev", "core_list.c", "push_writes",
     "list_push leaves the old head's previous link at NO_BLOCK (stale: it no longer heads the list)",
     "    if (h != NO_BLOCK)\n        c->words[h + PREV_LINK] = b;\n", ""),
    ("map-new-class-not-set", "core_list.c", "push_writes",
     "list_push sets the head only when the class was non-empty (a class that becomes non-empty stays empty)",
     "    heads[k] = (uint64_t)b;\n", "    if (h != NO_BLOCK)\n        heads[k] = (uint64_t)b;\n"),
    ("list-unlink-prev-next-wrong-word", "core_list.c", "unlink_writes",
     "list_unlink writes the forward link into the previous block's back-link word (its next link still points to b)",
     "c->words[p + NEXT_LINK] = q;", "c->words[p + PREV_LINK] = q;"),
    ("list-unlink-next-prev-stale", "core_list.c", "unlink_writes",
     "list_unlink leaves the next block's back link pointing to the unlinked block",
     "    if (q != NO_BLOCK)\n        c->words[q + PREV_LINK] = p;\n", ""),
    ("list-unlink-head-kept", "core_list.c", "unlink_writes",
     "list_unlink of a class's head leaves the head on the unlinked block",
     "    if (p != NO_BLOCK)\n        c->words[p + NEXT_LINK] = q;\n    else\n        heads[k] = (uint64_t)q;",
     "    if (p != NO_BLOCK)\n        c->words[p + NEXT_LINK] = q;"),
    ("map-empty-class-not-cleared", "core_list.c", "unlink_writes",
     "list_unlink moves the head on only to a next block: a class it empties keeps the unlinked block as its head",
     "    else\n        heads[k] = (uint64_t)q;", "    else if (q != NO_BLOCK)\n        heads[k] = (uint64_t)q;"),
    ("map-init-skips-last", "core_list.c", "core_init_lists",
     "core_init_lists leaves the last class's head uninitialised",
     "for (int64_t k = 0; k < classes; k++)\n        heads[k] = NO_BLOCK;",
     "for (int64_t k = 0; k < classes - 1; k++)\n        heads[k] = NO_BLOCK;"),
    # Safe unlinking: what links_sane must refuse.
    ("list-sane-no-back-link", "core_list.c", "links_sane",
     "links_sane accepts a block whose next block's back link does not point to it",
     "if (q != NO_BLOCK && !(is_link_target(c, q) && c->words[q + PREV_LINK] == b)) {",
     "if (q != NO_BLOCK && !is_link_target(c, q)) {"),
    ("list-sane-no-head-check", "core_list.c", "links_sane",
     "links_sane accepts a block without a previous block when its class is merely non-empty, not headed by it",
     "if (p == NO_BLOCK && heads[k] != (uint64_t)b) {", "if (p == NO_BLOCK && heads[k] == NO_BLOCK) {"),
    # The entry points keep the lists: what they unlink before a merge, and link after a split.
    ("list-release-next-left-linked", "core_alloc.c", "core_release",
     "core_release, merging with both neighbours, leaves the next one linked in its list",
     "    if (next_free) {\n        //@ assert swap:", "    if (next_free && !prev_free) {\n        //@ assert swap:"),
    ("list-grow-next-left-linked", "core_alloc.c", "core_realloc",
     "realloc grows over its free successor without unlinking it (the absorbed block stays listed)",
     "        unlink_free(c, heads, next) /*@ ghost (NO_BLOCK) */;\n", ""),
    ("list-split-rest-unlinked", "core_alloc.c", "take_block",
     "malloc leaves the remainder it splits off out of every list (lost to later requests)",
     "        link_free(c, heads, i + need) /*@ ghost (NO_BLOCK) */;\n", ""),
    # The search over the classes.
    ("map-scan-misses-last", "core_fit.c", "first_listed",
     "first_listed stops one group short (the last group is never searched)",
     "    while (GROUP_CLASSES * g < c->classes &&", "    while (GROUP_CLASSES * (g + 1) < c->classes &&"),
    ("fit-search-class-of-size", "core_fit.c", "find_fit",
     "find_fit searches from the class of the request's size (whose head may be too small) rather than the first class that holds it",
     "int64_t from = request_class(need);", "int64_t from = class_of_size(need);"),
    ("fit-search-one-high", "core_fit.c", "find_fit",
     "find_fit's search starts one class above the first class that holds the request",
     "    h = first_listed(c, heads, from);\n    //@ assert found: h != NO_BLOCK ==> is_free(c, h) && head_of(heads, class_of(c, h)) == h;\n"
     "    //@ assert size: h != NO_BLOCK ==> in_class(size_of(c, h), class_of(c, h));\n"
     "    //@ assert holds: h != NO_BLOCK ==> need <=",
     "    h = first_listed(c, heads, from + 1);\n    //@ assert found: h != NO_BLOCK ==> is_free(c, h) && head_of(heads, class_of(c, h)) == h;\n"
     "    //@ assert size: h != NO_BLOCK ==> in_class(size_of(c, h), class_of(c, h));\n"
     "    //@ assert holds: h != NO_BLOCK ==> need <="),
    ("fit-own-unchecked", "core_fit.c", "find_fit",
     "find_fit returns the head of the request's own class without checking its size (a block below the request)",
     "    if (h != NO_BLOCK && head_holds(c, h, need) && links_sane(c, heads, h))\n        return h;",
     "    if (h != NO_BLOCK && links_sane(c, heads, h))\n        return h;"),
    ("fit-own-skipped", "core_fit.c", "find_fit",
     "find_fit never takes the head of the request's own class (plain TLSF: a freed block is not found again by the same request)",
     "    if (h != NO_BLOCK && head_holds(c, h, need) && links_sane(c, heads, h))\n        return h;",
     "    if (h != NO_BLOCK && head_holds(c, h, need) && links_sane(c, heads, h) && need < 0)\n        return h;"),
    # The list checker (core_check_lists.c).
    ("check-lists-always-ok", "core_check_lists.c", "core_check_lists",
     "core_check_lists returns OK whatever a free block's links say",
     "            int code = block_links_check(c, heads, b);", "            int code = CORE_OK;"),
    ("check-lists-skips-heads", "core_check_lists.c", "core_check_lists",
     "core_check_lists never looks at the heads",
     "    for (int64_t k = 0; k < c->classes; k++) {\n        uint64_t head = heads[k];",
     "    for (int64_t k = 0; k < 0; k++) {\n        uint64_t head = heads[k];"),
    # (stopping one granule short, at n - 3, is no bug: no block starts there, since
    # the last one has at least MIN_BLOCK_WORDS = 4 words; the proof let it through)
    ("check-lists-last-block-skipped", "core_check_lists.c", "core_check_lists",
     "core_check_lists never looks at a minimum-size last block (it stops at n - 5)",
     "    while (b < c->n - 1) {", "    while (b < c->n - 5) {"),
    ("check-lists-no-back-link", "core_check_lists.c", "block_links_check",
     "the list checker does not test that the next block links back",
     "        if (c->words[next + PREV_LINK] != b) {", "        if (c->words[next + PREV_LINK] != b && b < 0) {"),
    ("check-lists-class-unchecked", "core_check_lists.c", "block_links_check",
     "the list checker lets a link lead into another class",
     "        if (free_block_class(c, next) != k) {", "        if (free_block_class(c, next) != k && b < 0) {"),
    ("check-lists-head-unchecked", "core_check_lists.c", "block_links_check",
     "the list checker does not test that a block without a previous link heads its class",
     "    if ((prev == NO_BLOCK) != (heads[k] == (uint64_t)b))", "    if (prev == NO_BLOCK && heads[k] == (uint64_t)b && b < 0)"),
    ("check-lists-allocated-link", "core_check_lists.c", "names_free_block",
     "the list checker accepts a link to an allocated block",
     "    return header_is_alloc(c->words[t]) == 0;", "    return 1;"),
    # The group map (specs/lists.h 8f): exact, set on push, refreshed when a class empties.
    ("map-not-set", "core_list.c", "note_group_used",
     "linking a block leaves its group's entry as it was (a search skips the group)",
     "    c->group_map[k / GROUP_CLASSES] = 1;", "    c->group_map[k / GROUP_CLASSES] = c->group_map[k / GROUP_CLASSES];"),
    ("map-not-cleared", "core_list.c", "update_group",
     "the group's entry is not cleared when its last non-empty class empties",
     "    if (emptied)\n        c->group_map[g]", "    if (0 && emptied)\n        c->group_map[g]"),
    ("map-wrong-group", "core_list.c", "note_group_used",
     "linking marks the group after the block's own",
     "    c->group_map[k / GROUP_CLASSES] = 1;", "    c->group_map[(k + GROUP_CLASSES) / GROUP_CLASSES] = 1;"),
    ("fit-skips-marked-group", "core_fit.c", "first_listed",
     "the search skips the groups the map marks, not the empty ones",
     "c->group_map[g] == 0) {", "c->group_map[g] != 0) {"),
    ("fit-own-group-skipped", "core_fit.c", "first_listed",
     "the search skips the rest of the request's own group",
     "    while (k < GROUP_CLASSES * g && k < c->classes) {", "    while (0 && k < GROUP_CLASSES * g && k < c->classes) {"),
    ("group-scan-short", "core_list.c", "first_in_group",
     "the scan of a group stops before its last class",
     "    while (k < end && heads[k] == NO_BLOCK)", "    while (k + 1 < end && heads[k] == NO_BLOCK)"),
    ("check-lists-map-unchecked", "core_check_lists.c", "core_check_lists",
     "core_check_lists never compares the group map with the heads",
     "        if ((c->group_map[g] != 0) != (group_has_head(c, heads, g) != 0)) {", "        if (0) {"),
]


# What a goal's name says it proves, after "<function>_": the clause or assertion
# name follows one of these words (e.g. keeps_invariant_ensures_invariant,
# call_free_alone_requires_ok, loop_invariant_odd_preserved).
NAMED = re.compile(r"(?:^|_)(?:ensures|assert|check|loop_invariant|requires)_(\w+)$")
RTE = re.compile(r"(?:^|_)assert_rte_([a-z_]+?)(?:_\d+)?$")
# Unnamed clauses are selected by WP's category instead (a superset of the goal).
CATEGORIES = [("assigns", "@assigns"), ("variant", "@variant"), ("exits", "@exits"),
              ("terminates", "@terminates"), ("decreases", "@decreases"), ("ensures", "@ensures"),
              ("requires", "@requires"), ("loop_invariant", "@invariant"), ("assert", "@assert"),
              ("check", "@check")]


def selectors(goal, function):
    """`-wp-prop` selectors that include GOAL (WP's name without "typed_"), or
    None if its name does not say; extra goals they select are ignored."""
    rest = re.sub(r"_part\d+$", "", goal[len(function) + 1:])
    rte = RTE.search(rest)
    if rte:  # RTE guards are named by their kind: signed_overflow, mem_access, ...
        return {rte.group(1)}
    named = NAMED.search(rest)
    if named and not named.group(1).isdigit():  # "ensures_2": the second unnamed one
        name = re.sub(r"_(?:preserved|established)$", "", named.group(1))
        return {name, re.sub(r"_\d+$", "", name)}  # "_2" may be WP's numbering or the name's
    return next(({category} for word, category in CATEGORIES if word in rest), None)


def is_assertion(goal):
    """An intermediate assertion or loop invariant, not a promise of the contract
    (ensures, assigns, a callee's requires, a variant) or a runtime-error guard."""
    return ("_assert_" in goal and "_assert_rte_" not in goal) or "_loop_invariant_" in goal


def seed(out, mid, fname, old, new):
    """A scratch copy of src/ and specs/ with the bug seeded; None if the
    original text is not found exactly once (the mutant is stale)."""
    work = os.path.join(out, mid)
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree("src", os.path.join(work, "src"))
    shutil.copytree("specs", os.path.join(work, "specs"))  # core.h includes ../specs/
    path = os.path.join(work, "src", fname)
    with open(path) as f:
        text = f.read()
    if text.count(old) != 1:
        return None
    with open(path, "w") as f:
        f.write(text.replace(old, new))
    return work


def prove(work, report, mode, function, **env):
    """proofs/prove.sh on the mutant, only FUNCTION, no lemmas or smoke tests.
    Returns (exit status, output lines); WP's logs are in work/REPORT."""
    env = dict(os.environ, PROVE_ONLY=function, PROVE_LEMMAS="0", PROVE_SMOKE="0",
               PROVE_CACHE_FIRST="0", **env)  # a mutant's goals are new: skip the cache-only step
    proc = subprocess.run(["proofs/prove.sh", mode, os.path.join(work, report), os.path.join(work, "src")],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    return proc.returncode, proc.stdout.splitlines()


def crashed(log):
    return next((l for l in log if "frama-c failed" in l), None)


def recheck(work, function, goals):
    """Prove the failing GOALS again, the contract's before the assertions, in
    batches, until a batch has a goal that still fails (that batch's failing goals
    are returned: they kill the mutant) or every goal is proved (an empty list).
    Returns (goals still not proved, error or None)."""
    ordered = sorted(goals, key=is_assertion)  # stable: contract goals first
    for k in range(0, len(ordered), RECHECK_BATCH):
        still, error = recheck_batch(work, function, ordered[k:k + RECHECK_BATCH])
        if still or error:
            return still, error
    return [], None


def recheck_batch(work, function, goals):
    """Prove GOALS again from scratch (`fresh`: no cache answers) with the long
    timeout.  Returns (goals still not proved, error or None).  The goals are
    selected by name; if the selection misses one, the whole function is rechecked."""
    wanted = [selectors(g, function) for g in goals]
    attempts = []
    if all(wanted):
        attempts.append({"PROVE_PROPS": ",".join(sorted(set().union(*wanted)))})
    attempts.append({})  # every goal of the function
    for props in attempts:
        status, log = prove(work, "recheck", "fresh", function, PROVE_TIMEOUT=str(RECHECK_TIMEOUT), **props)
        if crashed(log):
            return [], "recheck: " + crashed(log)
        results = wp_table.goal_results(os.path.join(work, "recheck"))
        if all(g in results for g in goals):
            return [g for g in goals if not results[g]], None
    return [], "recheck did not reach " + ", ".join(g for g in goals if g not in results)


def run_mutant(out, session, mutant):
    """The verdict of one mutant, as a record of the verdicts file (plus a note)."""
    mid, fname, function, what, old, new = mutant
    record = {"id": mid, "file": fname, "function": function, "bug": what, "mutation": mutation_of(mutant),
              "verdict": "STALE",
              "seconds": 0.0, "failing_goals": [], "assertions_only": False,
              "note": "original text not found exactly once"}
    work = seed(out, mid, fname, old, new)
    if work is None:
        return record
    start = time.time()
    status, log = prove(work, "prove", "replay", function, WP_SESSION_DIR=os.path.abspath(session))
    failing = [g for g, ok in wp_table.goal_results(os.path.join(work, "prove")).items() if not ok]
    if crashed(log):
        verdict, note = "ERROR", crashed(log)  # a crash is not a kill: the proof never ran
    elif status == 0:
        verdict, note = "SURVIVED", "every goal proved"
    elif not failing:
        # prove.sh failed, but not on a goal (e.g. the function has no goals any more)
        verdict, note = "ERROR", next((l for l in log if l.startswith("prove: ")), "prove.sh failed")
    else:
        still, error = recheck(work, function, failing)
        if error:
            verdict, note = "ERROR", error
        elif still:
            verdict, note = "killed", ""
            record["failing_goals"] = ["typed_" + g for g in still]
            record["failing_in_replay"] = len(failing)
            record["assertions_only"] = all(is_assertion(g) for g in still)
        else:
            verdict = "SURVIVED"
            note = (f"failed only under the short timeout (all proved at {RECHECK_TIMEOUT} s): "
                    + ", ".join(failing))
    record.update(verdict=verdict, note=note, seconds=round(time.time() - start, 1))
    return record


def shorten(goal, function):
    return goal[len("typed_" + function) + 1:] if goal.startswith("typed_" + function + "_") else goal


def print_table(records):
    print()
    print(f"{'mutant':<26}{'verdict':<26}{'time':>6}  bug / killing goals")
    print("-" * 110)
    for r in records:
        verdict = r["verdict"] + (" (assertions only)" if r["assertions_only"] else "")
        print(f"{r['id']:<26}{verdict:<26}{r['seconds']:>5.0f}s  {r['bug']}")
        detail = ", ".join(shorten(g, r["function"]) for g in r["failing_goals"]) or r["note"]
        if detail:
            print(f"{'':<60}{detail if len(detail) < 100 else detail[:97] + '...'}")
    print("-" * 110)


def head_commit():
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                          text=True).stdout.strip()


def verdicts_data(records):
    """The verdicts in the schema proofs/audit.py reads (the notes are left out);
    each record names the commit and the day it was measured on."""
    commit, today = head_commit(), datetime.date.today().isoformat()
    return {"commit": commit, "date": today, "timeout": RECHECK_TIMEOUT,
            "mutants": [dict({k: v for k, v in r.items() if k != "note"},
                             commit=r.get("commit", commit), date=r.get("date", today)) for r in records]}


def write_json(path, data):
    with open(path + ".tmp", "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    os.replace(path + ".tmp", path)


def saved_records():
    """{id: record} of proofs/mutants-verdicts.json; records of an older file take
    its top-level commit, date and timeout."""
    if not os.path.exists(SAVED_VERDICTS):
        return {}
    with open(SAVED_VERDICTS) as f:
        data = json.load(f)
    return {m["id"]: dict(m, commit=m.get("commit", data.get("commit")), date=m.get("date", data.get("date")),
                          timeout=m.get("timeout", data.get("timeout")))
            for m in data.get("mutants", [])}


def save_record(record):
    """Record one verdict in proofs/mutants-verdicts.json, in MUTANTS' order."""
    saved = saved_records()
    saved[record["id"]] = dict(verdicts_data([record])["mutants"][0], timeout=RECHECK_TIMEOUT)
    order = [m[0] for m in MUTANTS]
    records = sorted(saved.values(), key=lambda r: order.index(r["id"]) if r["id"] in order else len(order))
    write_json(SAVED_VERDICTS, {"mutants": verdicts_data(records)["mutants"]})


def verdict_inputs(fname):
    """The files a mutant's verdict depends on: the file it is seeded in (the
    function's body, and the contracts of that file's static functions), core.h
    (every other contract it calls), the specs, and how WP is run.  (The mutant's
    own text is compared apart: mutation_of.)"""
    return ["src/" + fname, "src/core.h", "specs/", "proofs/config.sh", "proofs/prove.sh"]


def mutation_of(mutant):
    """A fingerprint of what a mutant seeds (its file, function, original and
    mutated text), recorded with its verdict: editing the mutant makes it stale."""
    mid, fname, function, _what, old, new = mutant
    return hashlib.sha1("\0".join([fname, function, old, new]).encode()).hexdigest()[:12]


def changed_since(commit, fname):
    """True if what a verdict on FNAME depends on differs between COMMIT and HEAD
    (or COMMIT is unknown)."""
    diff = subprocess.run(["git", "diff", "--name-only", str(commit), "HEAD", "--", *verdict_inputs(fname)],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return diff.returncode != 0 or bool(diff.stdout.strip())


def stale_ids():
    """Mutants with no recorded kill measured on today's version of what the verdict
    depends on."""
    saved = saved_records()
    return {m[0] for m in MUTANTS if m[0] not in saved or saved[m[0]].get("verdict") != "killed"
            or saved[m[0]].get("mutation") != mutation_of(m) or changed_since(saved[m[0]].get("commit"), m[1])}


def main():
    args = sys.argv[1:]
    save, stale = "--save" in args, "--stale" in args
    args = [a for a in args if a not in ("--save", "--stale")]
    out = args[0] if args else "build/mutants"
    only = set(args[1:])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.chdir(root)
    if save and subprocess.run(["git", "diff", "--quiet", "HEAD", "--", "src/", "specs/", *PROOF_TOOLS]).returncode:
        print("prove-mutants: --save records verdicts against the commit; commit src/, specs/ and "
              + ", ".join(PROOF_TOOLS) + " first",
              file=sys.stderr)
        return 2
    if stale:
        only = (only or {m[0] for m in MUTANTS}) & stale_ids()
        print(f"prove-mutants: {len(only)} mutants without a kill recorded on today's sources", flush=True)
    os.makedirs(out, exist_ok=True)
    # Seed the scratch cache from the committed one, so unchanged goals replay; on
    # every run, so that a cache committed since the last run is not missed.
    session = os.path.join(out, "session")
    if os.path.isdir("proofs/wp-session"):
        shutil.copytree("proofs/wp-session", session, dirs_exist_ok=True)
    records = []
    for mutant in MUTANTS:
        if (only or stale) and mutant[0] not in only:
            continue
        records.append(run_mutant(out, session, mutant))
        print(f"mutant {mutant[0]}: {records[-1]['verdict']} ({records[-1]['seconds']:.0f}s)", flush=True)
        if save:
            save_record(records[-1])

    print_table(records)
    verdicts = os.path.join(out, "verdicts.json")
    write_json(verdicts, verdicts_data(records))
    killed = sum(1 for r in records if r["verdict"] == "killed")
    flagged = sum(1 for r in records if r["assertions_only"])
    print(f"prove-mutants: {killed} of {len(records)} mutants killed ({flagged} by assertions only; "
          f"failing goals rechecked at {RECHECK_TIMEOUT} s without the cache); verdicts in {verdicts}")
    if save:
        print(f"prove-mutants: recorded in {SAVED_VERDICTS} (commit it for `make audit`)")
    return 0 if killed == len(records) else 1


if __name__ == "__main__":
    sys.exit(main())
