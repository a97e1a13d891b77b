/*
 * The verified core of tagheap: every read and write of heap metadata.
 *
 * The core sees the heap as an array of signed 64-bit words indexed from 0, plus
 * a byte map saying where blocks start.  It never sees a pointer into the user's
 * memory and never casts: the shell (tagheap.c) converts between payload
 * pointers and word indices.  Flags are read and written with arithmetic
 * (h % 2, h / 16 * 2, h + 1) rather than bit operations, which compilers turn
 * into the same instructions and which the prover handles.
 *
 * Layout of the words (n words, n even):
 *
 *   index:  0        1                         n-1
 *          [pad ][hdr|payload ...|ftr][hdr|...]...[end marker]
 *
 *   - word 0 is padding: the word area starts 16-byte aligned, so headers sit at
 *     odd indices (addresses = 8 mod 16) and payloads at even ones (16-aligned);
 *   - blocks tile words 1 .. n-2; every block is a multiple of 2 words (16 bytes)
 *     and at least MIN_BLOCK_WORDS long;
 *   - header = size_in_bytes + 2 * previous_allocated + 1 * allocated;
 *   - a free block's last word (footer) holds its size in bytes;
 *   - word n-1 is the end marker: size 0, allocated, so walks stop there and
 *     the last block's "next" always exists;
 *   - the first block's previous-allocated bit is 1: nothing before it can merge.
 *
 * The start map has one byte per possible header index (odd i -> starts[i / 2]):
 * 1 where a block (or the end marker) starts, 0 elsewhere.  It is what lets free
 * reject interior pointers and double frees exactly, without a heap walk, at a
 * cost of one byte per 16 bytes of heap.
 */
#ifndef TAGHEAP_CORE_H
#define TAGHEAP_CORE_H

#include <stdint.h>

typedef int64_t word; /* signed: unsigned arithmetic wraps, and the prover pays for it */

enum {
    WORD_BYTES = 8,
    GRANULE_WORDS = 2,   /* block sizes and payload addresses step by 16 bytes */
    MIN_BLOCK_WORDS = 4, /* header + 2 payload words + footer: room for free-list links later */
    HEADER_WORDS = 1
};

#define ALLOC_FLAG 1      /* header + ALLOC_FLAG marks the block allocated */
#define PREV_ALLOC_FLAG 2 /* header + PREV_ALLOC_FLAG marks the block before as allocated */
#define SIZE_UNIT 16      /* header / SIZE_UNIT * SIZE_UNIT is the size in bytes */

/* Largest heap the core accepts, in words: keeps every size and sum far from overflow. */
#define CORE_MAX_WORDS ((int64_t)1 << 56)

/* The smallest heap: padding, one minimum block, end marker. */
#define CORE_MIN_WORDS (2 + MIN_BLOCK_WORDS)

/* Index meaning "no block" (word 0 is padding, never a block). */
#define NO_BLOCK 0

/* Where a free block keeps its list links (specs/lists.h list_next, list_prev). */
enum {
    NEXT_LINK = 1, /* word b + 1 of free block b: the next block of its list */
    PREV_LINK = 2  /* word b + 2: the previous block */
};

/* Size classes (specs/classes.h says what each holds). */
enum {
    EXACT_LIMIT_WORDS = 64, /* sizes below this, in words, have a class each */
    EXACT_CLASSES = 30,     /* (EXACT_LIMIT_WORDS - MIN_BLOCK_WORDS) / GRANULE_WORDS */
    SUBCLASSES = 16,        /* classes per power-of-two level above */
    LEVELS = 50,            /* levels 0 .. 49: 64 * 2^L words up to the largest heap */
    CLASS_COUNT = 830,      /* EXACT_CLASSES + SUBCLASSES * LEVELS */
    GROUP_CLASSES = 8,      /* classes per entry of the group map: a search skips
                             * 8 empty classes with one read (8 measured better
                             * than 16 and 32 with make bench-callgrind) */
    GROUP_COUNT = 104       /* groups of CLASS_COUNT classes, the last one short */
};

typedef struct core_heap {
    word *words;            /* n words: padding, blocks, end marker */
    unsigned char *starts;  /* n / 2 bytes: starts[i / 2] == 1 iff a block starts at odd i */
    int64_t n;              /* number of words; even, CORE_MIN_WORDS <= n <= CORE_MAX_WORDS */
    int64_t classes;        /* free-list heads in use: classes 0 .. classes - 1, enough
                             * for the largest block (specs/lists.h heads_region) */
    uint32_t *group_map;    /* group_map[g] != 0 iff a class of group g (classes
                             * 8 g .. 8 g + 7) has a head: (classes + 7) / 8 entries */
} core_heap;


/* Core result codes mirror the public ones (tagheap.h) so the shell passes them on. */
enum core_status {
    CORE_OK = 0,
    CORE_EOUTSIDE = -1,
    CORE_ENOTBLOCK = -3,
    CORE_EFREED = -4,
    CORE_ECORRUPT = -5,
    CORE_EBADSIZE = -10,
    CORE_ETILING = -11,
    CORE_ESTARTMAP = -12,
    CORE_EFOOTER = -13,
    CORE_EADJFREE = -14,
    CORE_EPREVBIT = -15,
    CORE_EENDMARK = -16,
    CORE_ELISTHEAD = -17,
    CORE_ELISTLINK = -18,
    CORE_ELISTCLASS = -19,
    CORE_ELISTMAP = -21
};

/* The heap invariant and the vocabulary of the contracts below. */
#include "../specs/heap.h"
/* Which allocated blocks an operation keeps, and which it may add or release. */
#include "../specs/frame.h"
/* Lemmas for "a change preserves the invariant"; included before proof_aids.h so
 * that the lemmas there are not hypotheses of these (see specs/preserve.h). */
#include "../specs/preserve.h"
/* The same for the mutations malloc and free use: freeing a block between
 * allocated neighbours, allocating a free block whole, splitting a free block. */
#include "../specs/preserve_free_alone.h"
#include "../specs/preserve_mark_allocated.h"
#include "../specs/preserve_split.h"
#include "../specs/preserve_merge_next.h"
#include "../specs/preserve_merge_prev.h"
#include "../specs/preserve_merge_both.h"
#include "../specs/preserve_split_allocated.h"
#include "../specs/preserve_absorb.h"
/* What the checker's walk establishes, and the lemmas that make its "OK" mean
 * heap_inv (only core_check's goals see them). */
#include "../specs/check_walk.h"
/* Lemmas and helper predicates for the provers only. */
#include "../specs/proof_aids.h"
/* Size classes of the free lists (last: their lemmas are no hypothesis of the
 * lemmas above). */
#include "../specs/classes.h"
/* The free lists (after the classes they are kept by). */
#include "../specs/lists.h"
#include "../specs/preserve_lists.h"
/* What the list checker tests of each free block, and why its "OK" means lists_ok. */
#include "../specs/check_lists.h"

/* ---- header codec (core_block.c) ---- */

/*@ requires size_even: 0 <= size_words && size_words % 2 == 0;
    requires no_overflow: size_words * WORD_BYTES + PREV_ALLOC_FLAG + ALLOC_FLAG <= INT64_MAX;
    requires bits: 0 <= prev_alloc <= 1 && 0 <= alloc <= 1;
    assigns \nothing;
    ensures value: \result == hdr_make(size_words, prev_alloc, alloc);
    ensures decodes: hdr_size(\result) == size_words && hdr_prev(\result) == prev_alloc &&
                     hdr_alloc(\result) == alloc;
    exits never: \false;
*/
word header_make(int64_t size_words, int64_t prev_alloc, int64_t alloc);

/*@ assigns \nothing;
    ensures \result == hdr_size(header);
    exits never: \false; */
int64_t header_size_words(word header);

/*@ assigns \nothing;
    ensures \result == hdr_alloc(header);
    exits never: \false; */
int64_t header_is_alloc(word header);

/*@ assigns \nothing;
    ensures \result == hdr_prev(header);
    exits never: \false; */
int64_t header_prev_alloc(word header);

/* ---- reading a block (core_block.c) ---- */

/*@ requires \valid_read(c) && \valid_read(c->words + i);
    assigns \nothing;
    ensures \result == size_of(c, i);
    exits never: \false; */
int64_t block_size(const core_heap *c, int64_t i);

/*@ requires \valid_read(c) && \valid_read(c->words + i);
    assigns \nothing;
    ensures \result == alloc_of(c, i);
    exits never: \false; */
int64_t block_is_alloc(const core_heap *c, int64_t i);

/*@ requires \valid_read(c) && \valid_read(c->words + i);
    assigns \nothing;
    ensures \result == prev_of(c, i);
    exits never: \false; */
int64_t block_prev_alloc(const core_heap *c, int64_t i);

/* ---- heap mutations, one per function (core_block.c) ----
 * Each contract says exactly which words and map bytes change and to what
 * ("the description" of the mutation); specs/proof_aids.h relates these to the
 * heap invariant. */

/*@ requires region: heap_region(c);
    assigns c->starts[0 .. c->n / 2 - 1];
    ensures cleared: map_clear(c);
*/
void core_clear_map(core_heap *c);

/* core_init writes four words and two map bytes, whatever the heap's size: the
 * start map must already be clear (a fresh mapping is; core_clear_map clears
 * any other region), so that a large heap costs only the pages it uses. */
/*@ requires region: heap_region(c);
    requires map_clear: map_clear(c);
    assigns c->words[0], c->words[1], c->words[c->n - 2], c->words[c->n - 1],
            c->starts[0], c->starts[(c->n - 1) / 2];
    ensures invariant: heap_inv(c);
    ensures one_free_block: is_free(c, 1) && size_of(c, 1) == c->n - 2 &&
      \forall integer j; is_free(c, j) ==> j == 1;
*/
void core_init(core_heap *c);

/*@ requires region: heap_region(c);
    requires free_block: block_ok(c, i) && alloc_of(c, i) == 0;
    requires sizes: MIN_BLOCK_WORDS <= need && need % 2 == 0 &&
                    size_of(c, i) - need >= MIN_BLOCK_WORDS;
    assigns c->words[i], c->words[i + need], c->words[i + size_of(c, i) - 1],
            c->starts[(i + need) / 2];
    ensures head: c->words[i] == hdr_make(need, \old(prev_of(c, i)), 1);
    ensures rest: c->words[i + need] == hdr_make(\old(size_of(c, i)) - need, 1, 0);
    ensures rest_footer: c->words[i + \old(size_of(c, i)) - 1] ==
                         (\old(size_of(c, i)) - need) * WORD_BYTES;
    ensures rest_starts: c->starts[(i + need) / 2] == 1;
    behavior keeps_invariant:
      assumes well_formed: heap_inv(c) && is_free(c, i);
      ensures invariant: heap_inv(c);
      // Every list is as it was, with the free rest held out of the lists instead of block i.
      ensures lists: \forall uint64_t *h, integer x; lists_same{Pre, Post}(c, h, x, i, x, i + need);
*/
void split_free_block(core_heap *c, int64_t i, int64_t need);

/*@ requires region: heap_region(c);
    requires free_block: block_ok(c, i) && alloc_of(c, i) == 0;
    requires next: header_ok(c, i + size_of(c, i)) && prev_of(c, i + size_of(c, i)) == 0;
    assigns c->words[i], c->words[i + size_of(c, i)];
    ensures head: c->words[i] == \old(c->words[i]) + ALLOC_FLAG;
    ensures next: c->words[i + \old(size_of(c, i))] ==
                  \old(c->words[i + size_of(c, i)]) + PREV_ALLOC_FLAG;
    behavior keeps_invariant:
      assumes well_formed: heap_inv(c) && is_free(c, i);
      ensures invariant: heap_inv(c);
      // Every list is as it was; block i, held out of the lists, is no longer free.
      ensures lists: \forall uint64_t *h, integer x; lists_same{Pre, Post}(c, h, x, i, x, NO_BLOCK);
*/
void mark_allocated(core_heap *c, int64_t i);

/*@ requires region: heap_region(c);
    requires allocated_block: block_ok(c, i) && alloc_of(c, i) == 1;
    requires sizes: MIN_BLOCK_WORDS <= keep && keep % 2 == 0 &&
                    size_of(c, i) - keep >= MIN_BLOCK_WORDS;
    assigns c->words[i], c->words[i + keep], c->starts[(i + keep) / 2];
    ensures head: c->words[i] == hdr_make(keep, \old(prev_of(c, i)), 1);
    ensures tail: c->words[i + keep] == hdr_make(\old(size_of(c, i)) - keep, 1, 1);
    ensures tail_starts: c->starts[(i + keep) / 2] == 1;
    behavior keeps_invariant:
      assumes well_formed: heap_inv(c) && is_alloc(c, i);
      ensures invariant: heap_inv(c);
      // How the lists move (specs/preserve_lists.h): who is held out before and after.
      ensures lists: \forall uint64_t *h, integer x, y; lists_same{Pre, Post}(c, h, x, y, x, y);
*/
void split_allocated_block(core_heap *c, int64_t i, int64_t keep);

/*@ requires region: heap_region(c);
    requires allocated_block: block_ok(c, i) && alloc_of(c, i) == 1;
    requires next_free: block_ok(c, i + size_of(c, i)) && alloc_of(c, i + size_of(c, i)) == 0;
    requires after: header_ok(c, i + size_of(c, i) + size_of(c, i + size_of(c, i))) &&
                    prev_of(c, i + size_of(c, i) + size_of(c, i + size_of(c, i))) == 0;
    assigns c->words[i], c->starts[(i + size_of(c, i)) / 2],
            c->words[i + size_of(c, i) + size_of(c, i + size_of(c, i))];
    exits never: \false;
    ensures head: c->words[i] ==
                  hdr_make(\old(size_of(c, i) + size_of(c, i + size_of(c, i))), \old(prev_of(c, i)), 1);
    ensures next_gone: c->starts[\old(i + size_of(c, i)) / 2] == 0;
    ensures after: c->words[\old(i + size_of(c, i) + size_of(c, i + size_of(c, i)))] ==
                   \old(c->words[i + size_of(c, i) + size_of(c, i + size_of(c, i))]) + PREV_ALLOC_FLAG;
    behavior keeps_invariant:
      assumes well_formed: heap_inv(c) && is_alloc(c, i);
      ensures invariant: heap_inv(c);
      // Every other allocated block stays, with its size (the absorbed block was free).
      ensures others_kept: allocated_kept{Pre, Post}(c, i);
      // How the lists move (specs/preserve_lists.h): who is held out before and after.
      ensures lists: \forall uint64_t *h, integer y; lists_same{Pre, Post}(c, h, y, \old(i + size_of(c, i)), y, NO_BLOCK);
*/
void absorb_next_free(core_heap *c, int64_t i);

/*@ requires region: heap_region(c);
    requires allocated_block: block_ok(c, i) && alloc_of(c, i) == 1;
    requires next: header_ok(c, i + size_of(c, i)) && prev_of(c, i + size_of(c, i)) == 1;
    assigns c->words[i], c->words[i + size_of(c, i) - 1], c->words[i + size_of(c, i)];
    ensures head: c->words[i] == \old(c->words[i]) - ALLOC_FLAG;
    ensures footer: c->words[i + \old(size_of(c, i)) - 1] == \old(size_of(c, i)) * WORD_BYTES;
    ensures next: c->words[i + \old(size_of(c, i))] ==
                  \old(c->words[i + size_of(c, i)]) - PREV_ALLOC_FLAG;
    behavior keeps_invariant:
      assumes well_formed: heap_inv(c) && is_alloc(c, i);
      assumes neighbours_allocated: prev_of(c, i) == 1 && alloc_of(c, i + size_of(c, i)) == 1;
      ensures invariant: heap_inv(c);
      ensures freed: is_free(c, i);
      // How the lists move (specs/preserve_lists.h): who is held out before and after.
      ensures lists: \forall uint64_t *h, integer x; lists_same{Pre, Post}(c, h, x, NO_BLOCK, x, i);
*/
void free_alone(core_heap *c, int64_t i);

/*@ requires region: heap_region(c);
    requires allocated_block: block_ok(c, i) && alloc_of(c, i) == 1;
    requires next_free: block_ok(c, i + size_of(c, i)) && alloc_of(c, i + size_of(c, i)) == 0;
    assigns c->words[i], c->words[i + size_of(c, i) + size_of(c, i + size_of(c, i)) - 1],
            c->starts[(i + size_of(c, i)) / 2];
    ensures head: c->words[i] ==
                  hdr_make(\old(size_of(c, i) + size_of(c, i + size_of(c, i))), \old(prev_of(c, i)), 0);
    ensures footer: c->words[\old(i + size_of(c, i) + size_of(c, i + size_of(c, i))) - 1] ==
                    \old(size_of(c, i) + size_of(c, i + size_of(c, i))) * WORD_BYTES;
    ensures next_gone: c->starts[\old(i + size_of(c, i)) / 2] == 0;
    behavior keeps_invariant:
      assumes well_formed: heap_inv(c) && is_alloc(c, i) && prev_of(c, i) == 1;
      ensures invariant: heap_inv(c);
      ensures freed: is_free(c, i);
      // How the lists move (specs/preserve_lists.h): who is held out before and after.
      ensures lists: \forall uint64_t *h, integer y; lists_same{Pre, Post}(c, h, y, \old(i + size_of(c, i)), y, i);
*/
void free_merge_next(core_heap *c, int64_t i);

/*@ requires region: heap_region(c);
    requires allocated_block: block_ok(c, i) && alloc_of(c, i) == 1 && prev_of(c, i) == 0;
    requires prev_free: prev_footer_ok(c, i);
    requires next: header_ok(c, i + size_of(c, i)) && prev_of(c, i + size_of(c, i)) == 1;
    assigns c->words[prev_start(c, i)], c->words[i + size_of(c, i) - 1],
            c->starts[i / 2], c->words[i + size_of(c, i)];
    ensures head: c->words[\old(prev_start(c, i))] ==
                  hdr_make(\old(i - prev_start(c, i) + size_of(c, i)),
                           \old(prev_of(c, prev_start(c, i))), 0);
    ensures footer: c->words[i + \old(size_of(c, i)) - 1] ==
                    \old(i - prev_start(c, i) + size_of(c, i)) * WORD_BYTES;
    ensures gone: c->starts[i / 2] == 0;
    ensures next: c->words[i + \old(size_of(c, i))] ==
                  \old(c->words[i + size_of(c, i)]) - PREV_ALLOC_FLAG;
    behavior keeps_invariant:
      assumes well_formed: heap_inv(c) && is_alloc(c, i) && alloc_of(c, i + size_of(c, i)) == 1;
      ensures invariant: heap_inv(c);
      ensures freed: is_free(c, \old(prev_start(c, i)));
      // How the lists move (specs/preserve_lists.h): who is held out before and after.
      ensures lists: \forall uint64_t *h, integer y; lists_same{Pre, Post}(c, h, y, \old(prev_start(c, i)), y, \old(prev_start(c, i)));
*/
void free_merge_prev(core_heap *c, int64_t i);

/*@ requires region: heap_region(c);
    requires allocated_block: block_ok(c, i) && alloc_of(c, i) == 1 && prev_of(c, i) == 0;
    requires prev_free: prev_footer_ok(c, i);
    requires next_free: block_ok(c, i + size_of(c, i)) && alloc_of(c, i + size_of(c, i)) == 0;
    assigns c->words[prev_start(c, i)],
            c->words[i + size_of(c, i) + size_of(c, i + size_of(c, i)) - 1],
            c->starts[i / 2], c->starts[(i + size_of(c, i)) / 2];
    ensures head: c->words[\old(prev_start(c, i))] ==
                  hdr_make(\old(i - prev_start(c, i) + size_of(c, i) + size_of(c, i + size_of(c, i))),
                           \old(prev_of(c, prev_start(c, i))), 0);
    ensures footer: c->words[\old(i + size_of(c, i) + size_of(c, i + size_of(c, i))) - 1] ==
                    \old(i - prev_start(c, i) + size_of(c, i) + size_of(c, i + size_of(c, i))) * WORD_BYTES;
    ensures gone: c->starts[i / 2] == 0 && c->starts[\old(i + size_of(c, i)) / 2] == 0;
    behavior keeps_invariant:
      assumes well_formed: heap_inv(c) && is_alloc(c, i);
      ensures invariant: heap_inv(c);
      ensures freed: is_free(c, \old(prev_start(c, i)));
      // How the lists move (specs/preserve_lists.h): who is held out before and after.
      ensures lists: \forall uint64_t *h; lists_same{Pre, Post}(c, h, \old(prev_start(c, i)), \old(i + size_of(c, i)), NO_BLOCK, \old(prev_start(c, i)));
*/
void free_merge_both(core_heap *c, int64_t i);

/* ---- placement (core_fit.c) ---- */

/*@ requires region: heap_region_read(c);
    requires heads: heads_region(c, heads);
    requires lists: lists_ok(c, heads);
    requires from: 0 <= from <= CLASS_COUNT;
    assigns \nothing;
    ensures found: \result == NO_BLOCK ||
      (\exists integer k; from <= k < c->classes && \result == head_of(heads, k));
    ensures free: \result != NO_BLOCK ==> is_free(c, \result) && from <= class_of(c, \result);
    ensures heads_its_class: \result != NO_BLOCK ==> head_of(heads, class_of(c, \result)) == \result;
    ensures empty: \result == NO_BLOCK ==>
      \forall integer k; from <= k < c->classes ==> head_of(heads, k) == NO_BLOCK;
*/
int64_t first_listed(const core_heap *c, const uint64_t *heads, int64_t from);

/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires lists: lists_ok(c, heads);
    requires need: MIN_BLOCK_WORDS <= need <= max_words && need % 2 == 0;
    assigns \nothing;
    ensures fits: \result != NO_BLOCK ==> is_free(c, \result) && need <= size_of(c, \result);
    ensures good_fit: \result != NO_BLOCK ==> head_of(heads, class_of(c, \result)) == \result;
    ensures safe: \result != NO_BLOCK ==> unlink_safe(c, heads, \result);
    ensures none_fits: \result == NO_BLOCK ==>
      \forall integer k; 0 <= k < c->classes && class_min(k) >= need ==> head_of(heads, k) == NO_BLOCK;
    ensures own_class_first: need <= c->n - 2 && head_of(heads, size_class(need)) != NO_BLOCK &&
      need <= size_of(c, head_of(heads, size_class(need))) ==> \result == head_of(heads, size_class(need));
*/
int64_t find_fit(const core_heap *c, const uint64_t *heads, int64_t need);

/*@ requires i: 1 <= i <= max_words && i % 2 == 1;
    requires align: 1 <= align_granules <= max_words && 0 <= base_phase < align_granules;
    assigns \nothing;
    ensures value: \result == aligned_gap_of(i, align_granules, base_phase);
    ensures even: \result % 2 == 0;
    ensures whole_block: \result == 0 || MIN_BLOCK_WORDS <= \result;
    ensures bounded: 0 <= \result <= 2 * align_granules + MIN_BLOCK_WORDS;
    ensures aligned: \exists integer m; 0 <= m &&
                     base_phase + (i + 1) / 2 + \result / 2 == m * align_granules;
*/
int64_t aligned_gap(int64_t i, int64_t align_granules, int64_t base_phase);

/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires lists: lists_ok(c, heads);
    requires need: MIN_BLOCK_WORDS <= need <= max_words && need % 2 == 0;
    requires align: 1 <= align_granules <= max_words && 0 <= base_phase < align_granules;
    assigns \nothing;
    ensures fits: \result != NO_BLOCK ==> is_free(c, \result) &&
      need + aligned_gap_of(\result, align_granules, base_phase) <= size_of(c, \result);
    ensures good_fit: \result != NO_BLOCK ==> head_of(heads, class_of(c, \result)) == \result;
    ensures none_fits: \result == NO_BLOCK ==>
      \forall integer k; 0 <= k < c->classes && class_min(k) >= need + 2 * align_granules + MIN_BLOCK_WORDS ==>
        head_of(heads, k) == NO_BLOCK;
*/
int64_t find_aligned_fit(const core_heap *c, const uint64_t *heads, int64_t need,
                         int64_t align_granules, int64_t base_phase);

/* ---- entry points (core_alloc.c) ---- */

/*@ requires bytes: 0 <= bytes <= max_words * WORD_BYTES;
    assigns \nothing;
    ensures block: MIN_BLOCK_WORDS <= \result && \result % 2 == 0;
    ensures holds: (\result - HEADER_WORDS) * WORD_BYTES >= bytes;
    ensures smallest: \result == MIN_BLOCK_WORDS ||
                      (\result - GRANULE_WORDS - HEADER_WORDS) * WORD_BYTES < bytes;
*/
int64_t core_words_for(int64_t bytes);

/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires lists: lists_ok(c, heads);
    requires need: MIN_BLOCK_WORDS <= need <= max_words && need % 2 == 0;
    requires clock: list_clock <= CLOCK_LIMIT - 1;
    assigns c->words[0 .. c->n - 1], c->starts[0 .. c->n / 2 - 1], heads[0 .. c->classes - 1],
            c->group_map[0 .. (c->classes - 1) / GROUP_CLASSES],
            list_stamp[0 .. CORE_MAX_WORDS / 2 - 1], list_clock;
    ensures clock: \old(list_clock) <= list_clock <= \old(list_clock) + 1;
    // It fails only when every class whose blocks all hold need words is empty.
    ensures none_fits: \result == NO_BLOCK ==>
      \forall integer k; 0 <= k < c->classes && class_min(k) >= need ==> \old(head_of(heads, k)) == NO_BLOCK;
    // So it fails only when no free block holds need rounded up to a class:
    // every free block is smaller than each class start of need words or more.
    ensures complete: \result == NO_BLOCK ==>
      \forall integer b, k; \old(is_free(c, b)) && 0 <= k < c->classes && class_min(k) >= need ==>
        \old(size_of(c, b)) < class_min(k);
    ensures none_unchanged: \result == NO_BLOCK ==>
      (\forall integer k; 0 <= k < c->n ==> c->words[k] == \old(c->words[k])) &&
      (\forall integer k; 0 <= k < c->n / 2 ==> c->starts[k] == \old(c->starts[k]));
    ensures was_free: \result != NO_BLOCK ==> \old(is_free(c, \result)) && need <= \old(size_of(c, \result));
    ensures now_allocated: \result != NO_BLOCK ==> alloc_of(c, \result) == 1 && need <= size_of(c, \result);
    // The block is the request plus less than a minimum block: a larger remainder is split off.
    ensures tight: \result != NO_BLOCK ==> size_of(c, \result) < need + MIN_BLOCK_WORDS;
    // Placement is good fit: the result headed its class's list.
    ensures good_fit: \result != NO_BLOCK ==> \old(head_of(heads, class_of(c, \result))) == \result;
    // The head of need's own class is taken whenever it holds need, so that a block
    // freed is found again by the same request (plain TLSF's search starts at the
    // first class whose every block fits, above a block trimmed to the request).
    ensures own_class_first: need <= c->n - 2 && \old(head_of(heads, size_class(need))) != NO_BLOCK &&
      need <= \old(size_of(c, head_of(heads, size_class(need)))) ==>
      \result == \old(head_of(heads, size_class(need)));
    // No block became allocated except the result: malloc leaks nothing.
    ensures only_result_new: \result != NO_BLOCK ==> allocated_only{Old, Post}(c, NO_BLOCK, \result);
    ensures next_kept: \result != NO_BLOCK ==>
      size_of(c, \result + \old(size_of(c, \result))) == \old(size_of(c, \result + size_of(c, \result))) &&
      alloc_of(c, \result + \old(size_of(c, \result))) == \old(alloc_of(c, \result + size_of(c, \result)));
    ensures map_kept: \result != NO_BLOCK ==>
      \forall integer k; 0 <= k < c->n / 2 && c->starts[k] != \old(c->starts[k]) ==>
        \result < 2 * k + 1 < \result + \old(size_of(c, \result));
    // Every block allocated before keeps its place and size, and (next clause) its payload words.
    ensures allocated_kept: \result != NO_BLOCK ==> allocated_kept{Old, Post}(c, NO_BLOCK);
    ensures others_words: \result != NO_BLOCK ==> \forall integer j, k; \old(is_alloc(c, j)) &&
      0 < k < \old(size_of(c, j)) ==> block_word(c, j, k) == \old(block_word(c, j, k));
    ensures lists: lists_ok(c, heads);
    ensures invariant: heap_inv(c);
*/
int64_t core_malloc(core_heap *c, uint64_t *heads, int64_t need);

/*@ requires region: heap_region_read(c);
    requires heads: heads_region(c, heads);
    assigns \nothing;
    ensures ok_is_live: \result == CORE_OK ==> is_alloc(c, i);
    ensures live_is_ok: heap_inv(c) && lists_ok(c, heads) && is_alloc(c, i) ==> \result == CORE_OK;
    // On any heap, damaged or not, OK also means: block i's header decodes exactly (no stray bit) ...
    ensures ok_block: \result == CORE_OK ==> block_ok(c, i) && alloc_of(c, i) == 1;
    // ... the start after it decodes and says i is allocated, and if it is free (free merges with it)
    // it is a block of at least the minimum size whose footer holds its size ...
    ensures ok_next: \result == CORE_OK ==>
      is_start(c, i + size_of(c, i)) && header_ok(c, i + size_of(c, i)) && prev_of(c, i + size_of(c, i)) == 1 &&
      (alloc_of(c, i + size_of(c, i)) == 0 ==> block_ok(c, i + size_of(c, i)) &&
         c->words[i + size_of(c, i) + size_of(c, i + size_of(c, i)) - 1] == size_of(c, i + size_of(c, i)) * WORD_BYTES);
    // ... and a previous bit of 0 leads, through the footer before i, to a free block that decodes and ends at i.
    ensures ok_prev: \result == CORE_OK && prev_of(c, i) == 0 ==>
      prev_footer_ok(c, i) && is_start(c, prev_start(c, i));
    // ... and the free neighbours (which free unlinks) have links that are safe to unlink.
    ensures ok_links: \result == CORE_OK ==>
      (alloc_of(c, i + size_of(c, i)) == 0 ==> unlink_safe(c, heads, i + size_of(c, i))) &&
      (prev_of(c, i) == 0 ==> unlink_safe(c, heads, prev_start(c, i)));
    ensures code: \result == CORE_OK || \result == CORE_EOUTSIDE || \result == CORE_ENOTBLOCK ||
                  \result == CORE_EFREED || \result == CORE_ECORRUPT;
*/
int core_validate(const core_heap *c, const uint64_t *heads, int64_t i);

/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires lists: lists_ok(c, heads);
    requires live: is_alloc(c, i);
    requires clock: list_clock <= CLOCK_LIMIT - 1;
    assigns c->words[0 .. c->n - 1], c->starts[0 .. c->n / 2 - 1], heads[0 .. c->classes - 1],
            c->group_map[0 .. (c->classes - 1) / GROUP_CLASSES],
            list_stamp[0 .. CORE_MAX_WORDS / 2 - 1], list_clock;
    ensures clock: \old(list_clock) <= list_clock <= \old(list_clock) + 1;
    ensures freed_alone_or_next: \old(prev_of(c, i)) == 1 ==>
      alloc_of(c, i) == 0 && \old(size_of(c, i)) <= size_of(c, i);
    ensures merged_into_prev: \old(prev_of(c, i)) == 0 ==>
      alloc_of(c, \old(prev_start(c, i))) == 0 &&
      \old(size_of(c, i)) < size_of(c, \old(prev_start(c, i)));
    // Every other block allocated before keeps its place and size, and (next clause) its payload words.
    ensures allocated_kept: allocated_kept{Old, Post}(c, i);
    // Block i is no longer allocated and no block became allocated: free releases exactly one block.
    ensures only_others_alloc: allocated_only{Old, Post}(c, i, NO_BLOCK);
    ensures others_words: \forall integer j, k; \old(is_alloc(c, j)) && j != i &&
      0 < k < \old(size_of(c, j)) ==> block_word(c, j, k) == \old(block_word(c, j, k));
    ensures lists: lists_ok(c, heads);
    ensures invariant: heap_inv(c);
*/
void core_release(core_heap *c, uint64_t *heads, int64_t i);
/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires lists: lists_ok(c, heads);
    requires live: is_alloc(c, i);
    requires need: MIN_BLOCK_WORDS <= need <= max_words && need % 2 == 0;
    requires clock: list_clock <= CLOCK_LIMIT - 2;
    assigns c->words[0 .. c->n - 1], c->starts[0 .. c->n / 2 - 1], heads[0 .. c->classes - 1],
            c->group_map[0 .. (c->classes - 1) / GROUP_CLASSES],
            list_stamp[0 .. CORE_MAX_WORDS / 2 - 1], list_clock;
    ensures clock: \old(list_clock) <= list_clock <= \old(list_clock) + 2;
    ensures failed_unchanged: \result == NO_BLOCK ==>
      (\forall integer k; 0 <= k < c->n ==> c->words[k] == \old(c->words[k])) &&
      (\forall integer k; 0 <= k < c->n / 2 ==> c->starts[k] == \old(c->starts[k]));
    ensures allocated: \result != NO_BLOCK ==> is_alloc(c, \result) && need <= size_of(c, \result);
    ensures contents_kept: \result != NO_BLOCK ==>
      \forall integer k; 0 < k < need && k < \old(size_of(c, i)) ==>
        block_word(c, \result, k) == \old(block_word(c, i, k));
    // The block is the request plus less than a minimum block: a larger surplus is given back.
    ensures tight: \result != NO_BLOCK ==> size_of(c, \result) < need + MIN_BLOCK_WORDS;
    // Shrinking happens in place, and so does growing into a free successor that suffices.
    ensures shrinks_in_place: need <= \old(size_of(c, i)) ==> \result == i;
    ensures grows_in_place: \old(alloc_of(c, i + size_of(c, i))) == 0 &&
      need <= \old(size_of(c, i) + size_of(c, i + size_of(c, i))) ==> \result == i;
    // It fails only when every class whose blocks all hold need words is empty (and, by the
    // two clauses above, the block could not grow in place).
    ensures fails_only_when_full: \result == NO_BLOCK ==>
      \forall integer k; 0 <= k < c->classes && class_min(k) >= need ==> \old(head_of(heads, k)) == NO_BLOCK;
    // So it fails only when no free block holds need rounded up to a class.
    ensures complete: \result == NO_BLOCK ==>
      \forall integer b, k; \old(is_free(c, b)) && 0 <= k < c->classes && class_min(k) >= need ==>
        \old(size_of(c, b)) < class_min(k);
    // Block i is replaced by the result: if it moved, the old block is released, and nothing
    // else became allocated.  Every other allocated block keeps place, size and payload words.
    ensures only_result_new: \result != NO_BLOCK ==> allocated_only{Old, Post}(c, i, \result);
    ensures allocated_kept: \result != NO_BLOCK ==> allocated_kept{Old, Post}(c, i);
    ensures others_words: \result != NO_BLOCK ==> \forall integer j, k; \old(is_alloc(c, j)) && j != i &&
      0 < k < \old(size_of(c, j)) ==> block_word(c, j, k) == \old(block_word(c, j, k));
    ensures lists: lists_ok(c, heads);
    ensures invariant: heap_inv(c);
*/
int64_t core_realloc(core_heap *c, uint64_t *heads, int64_t i, int64_t need);
/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires lists: lists_ok(c, heads);
    requires need: MIN_BLOCK_WORDS <= need <= max_words && need % 2 == 0;
    requires align: 1 <= align_granules <= max_words && 0 <= base_phase < align_granules;
    requires clock: list_clock <= CLOCK_LIMIT - 2;
    assigns c->words[0 .. c->n - 1], c->starts[0 .. c->n / 2 - 1], heads[0 .. c->classes - 1],
            c->group_map[0 .. (c->classes - 1) / GROUP_CLASSES],
            list_stamp[0 .. CORE_MAX_WORDS / 2 - 1], list_clock;
    ensures clock: \old(list_clock) <= list_clock <= \old(list_clock) + 2;
    ensures none_unchanged: \result == NO_BLOCK ==>
      (\forall integer k; 0 <= k < c->n ==> c->words[k] == \old(c->words[k])) &&
      (\forall integer k; 0 <= k < c->n / 2 ==> c->starts[k] == \old(c->starts[k]));
    ensures allocated: \result != NO_BLOCK ==> is_alloc(c, \result) && need <= size_of(c, \result);
    ensures aligned: \result != NO_BLOCK ==>
      \exists integer m; 0 <= m && base_phase + (\result + 1) / 2 == m * align_granules;
    // The block is the request plus less than a minimum block.
    ensures tight: \result != NO_BLOCK ==> size_of(c, \result) < need + MIN_BLOCK_WORDS;
    // It fails only when every class whose blocks all hold the request after the largest
    // gap is empty.
    ensures fails_only_when_none_fits: \result == NO_BLOCK ==>
      \forall integer k; 0 <= k < c->classes && class_min(k) >= need + 2 * align_granules + MIN_BLOCK_WORDS ==>
        \old(head_of(heads, k)) == NO_BLOCK;
    // So it fails only when no free block holds that much rounded up to a class.
    ensures complete: \result == NO_BLOCK ==>
      \forall integer b, k; \old(is_free(c, b)) && 0 <= k < c->classes &&
        class_min(k) >= need + 2 * align_granules + MIN_BLOCK_WORDS ==>
        \old(size_of(c, b)) < class_min(k);
    // No block became allocated except the result: the gap block in front of it is free again.
    // Every block allocated before keeps place, size and payload words.
    ensures only_result_new: \result != NO_BLOCK ==> allocated_only{Old, Post}(c, NO_BLOCK, \result);
    ensures allocated_kept: \result != NO_BLOCK ==> allocated_kept{Old, Post}(c, NO_BLOCK);
    ensures others_words: \result != NO_BLOCK ==> \forall integer j, k; \old(is_alloc(c, j)) &&
      0 < k < \old(size_of(c, j)) ==> block_word(c, j, k) == \old(block_word(c, j, k));
    ensures lists: lists_ok(c, heads);
    ensures invariant: heap_inv(c);
*/
int64_t core_aligned(core_heap *c, uint64_t *heads, int64_t need, int64_t align_granules,
                     int64_t base_phase);

/*@ requires invariant: heap_inv(c);
    requires live: is_alloc(c, i);
    assigns c->words[i + 1 .. i + size_of(c, i) - 1];
    ensures zero: \forall integer k; i < k < i + \old(size_of(c, i)) ==> c->words[k] == 0;
    ensures invariant: heap_inv(c);
    // The lists are as they were (heads: the heap's, named for the proof only).
    ensures lists: \old(lists_ok(c, heads)) ==> lists_ok(c, heads);
*/
void core_zero_payload(core_heap *c, int64_t i) /*@ ghost (uint64_t *heads) */;

/*@ requires region: heap_region_read(c);
    requires block: block_ok(c, i);
    assigns \nothing;
    ensures \result == (size_of(c, i) - HEADER_WORDS) * WORD_BYTES;
*/
int64_t core_usable_bytes(const core_heap *c, int64_t i);

/* ---- checker (core_check.c) ---- */

/*@ requires region: heap_region(c);
    requires out: \valid(bad_index) && \separated(bad_index, c, c->words + (0 .. c->n - 1),
                                                  c->starts + (0 .. c->n / 2 - 1));
    assigns *bad_index;
    // CORE_OK exactly when the heap is well-formed: a checker that skipped a test could not prove this.
    ensures ok_iff_well_formed: \result == CORE_OK <==> \old(heap_inv(c));
    // Each error code names a clause of the invariant that is false.
    ensures start_map_error: \result == CORE_ESTARTMAP ==>
      !\old(start_map_bytes(c) && tiles(c) && no_inner_start(c));
    ensures size_error: \result == CORE_EBADSIZE ==> !\old(headers_decode(c));
    ensures tiling_error: \result == CORE_ETILING ==> !\old(tiles(c));
    ensures footer_error: \result == CORE_EFOOTER ==> !\old(footers(c));
    ensures adjacent_free_error: \result == CORE_EADJFREE ==> !\old(coalesced(c));
    ensures prev_bit_error: \result == CORE_EPREVBIT ==> !\old(prev_bits(c));
    ensures end_marker_error: \result == CORE_EENDMARK ==> !\old(tiles(c) && prev_bits(c) && end_marker(c));
    // Only these codes, and an index inside the heap.
    ensures codes: \result == CORE_OK || \result == CORE_ESTARTMAP || \result == CORE_EBADSIZE ||
                   \result == CORE_ETILING || \result == CORE_EFOOTER || \result == CORE_EADJFREE ||
                   \result == CORE_EPREVBIT || \result == CORE_EENDMARK;
    ensures index: 0 <= *bad_index < c->n;
*/
int core_check(const core_heap *c, int64_t *bad_index);

/* ---- calloc's request (core_alloc.c) ---- */

/* Whether count * size bytes fit in `limit` bytes, computed without forming the
 * product (which could wrap): calloc's overflow check. */
/*@ assigns \nothing;
    ensures fits: \result == 1 <==> count * size <= limit;
    ensures boolean: \result == 0 || \result == 1;
*/
int core_product_fits(uint64_t count, uint64_t size, uint64_t limit);

/* ---- free lists (core_list.c) ----
 * The ghost parameter x names the block (NO_BLOCK for none) that the caller
 * holds out of the lists besides b, so that an operation that takes two blocks
 * out (free merging with both neighbours) can say where it stands. */

/* Every listed block's class has a head: a ghost lemma (core_list.c), by
 * induction on the stamps of clause 8g.  It is what makes "every class at or
 * above the request is empty" mean "no free block holds the request". */
/*@ ghost
  /@ requires lists: next_links(c, x, y) && prev_links(c, x, y) && heads_first(c, h, x, y);
     requires ranked: ranked_except(c, x, y);
     assigns \nothing;
     ensures headed: \forall integer b; listed(c, b, x, y) ==> head_of(h, class_of(c, b)) != NO_BLOCK;
  @/
  void listed_class_headed(core_heap *c, uint64_t *h, int64_t x, int64_t y);
*/

/* The same for every free block of a heap between operations, with what
 * placement needs: its class is one of the heap's and has a head, and it starts
 * at or above every class start the block reaches.  So a search that finds
 * every class from some start up empty proves that no free block reaches it. */
/*@ ghost
  /@ requires invariant: heap_inv(c);
     requires lists: lists_ok(c, h);
     assigns \nothing;
     ensures headed: \forall integer b; is_free(c, b) ==>
       0 <= class_of(c, b) < c->classes && head_of(h, class_of(c, b)) != NO_BLOCK &&
       \forall integer k; 0 <= k <= CLASS_COUNT && class_min(k) <= size_of(c, b) ==>
         class_min(k) <= class_min(class_of(c, b));
  @/
  void free_classes_headed(core_heap *c, uint64_t *h);
*/

/* Link free block b, in no list, at the head of the list of its class k. */
/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires block: is_free(c, b) && b != x;
    requires class: k == class_of(c, b) && 0 <= k < c->classes;
    requires lists: lists_except(c, heads, x, b);
    requires clock: list_clock <= CLOCK_LIMIT - 1;
    requires map: group_map_ok(c, heads);
    assigns c->words[0 .. c->n - 1], heads[k], c->group_map[k / GROUP_CLASSES], list_stamp[b / 2], list_clock;
    ensures map: group_map_ok(c, heads);
    ensures lists: lists_except(c, heads, x, NO_BLOCK);
    ensures clock: list_clock == \old(list_clock) + 1;
    ensures head: head_of(heads, k) == b;
    ensures state: c->n == \old(c->n) && c->classes == \old(c->classes) && c->group_map == \old(c->group_map);
    ensures invariant: heap_inv(c);
    ensures tags: tags_kept{Pre, Post}(c);
    // Only b's two link words and the previous link of the old head are written.
    ensures written: \forall integer j; 0 <= j < c->n && j != b + 1 && j != b + 2 &&
      (\old(head_of(heads, k)) == NO_BLOCK || j != \old(head_of(heads, k)) + 2) ==>
      c->words[j] == \old(c->words[j]);
    // No payload word of an allocated block is written.
    ensures payloads: \forall integer j, m; \old(is_alloc(c, j)) && 0 < m < \old(size_of(c, j)) ==>
      block_word(c, j, m) == \old(block_word(c, j, m));
    ensures heads_region: heads_region(c, heads);
    // Allocated blocks are as they were: the same blocks, sizes and payload words.
    ensures alloc_same: allocated_only{Old, Post}(c, NO_BLOCK, NO_BLOCK) && allocated_kept{Old, Post}(c, NO_BLOCK);
*/
void list_push(core_heap *c, uint64_t *heads, int64_t b, int64_t k) /*@ ghost (int64_t x) */;

/* Take free block b, of class k, out of its list. */
/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires block: is_free(c, b) && b != x;
    requires class: k == class_of(c, b) && 0 <= k < c->classes;
    requires lists: lists_except(c, heads, x, NO_BLOCK);
    requires map: group_map_ok(c, heads);
    assigns c->words[0 .. c->n - 1], heads[k], c->group_map[k / GROUP_CLASSES];
    ensures map: group_map_ok(c, heads);
    ensures lists: lists_except(c, heads, x, b);
    ensures state: c->n == \old(c->n) && c->classes == \old(c->classes) && c->group_map == \old(c->group_map);
    ensures invariant: heap_inv(c);
    ensures tags: tags_kept{Pre, Post}(c);
    // Only the next link of b's previous block and the previous link of its next are written.
    ensures written: \forall integer j; 0 <= j < c->n &&
      (\old(list_prev(c, b)) == NO_BLOCK || j != \old(list_prev(c, b)) + 1) &&
      (\old(list_next(c, b)) == NO_BLOCK || j != \old(list_next(c, b)) + 2) ==>
      c->words[j] == \old(c->words[j]);
    // No payload word of an allocated block is written.
    ensures payloads: \forall integer j, m; \old(is_alloc(c, j)) && 0 < m < \old(size_of(c, j)) ==>
      block_word(c, j, m) == \old(block_word(c, j, m));
    ensures heads_region: heads_region(c, heads);
    // Allocated blocks are as they were: the same blocks, sizes and payload words.
    ensures alloc_same: allocated_only{Old, Post}(c, NO_BLOCK, NO_BLOCK) && allocated_kept{Old, Post}(c, NO_BLOCK);
*/
void list_unlink(core_heap *c, uint64_t *heads, int64_t b, int64_t k) /*@ ghost (int64_t x) */;

/* Link free block b, held out of the lists (with x), in the list of its class. */
/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires block: is_free(c, b) && b != x;
    requires lists: lists_except(c, heads, x, b);
    requires map: group_map_ok(c, heads);
    requires clock: list_clock <= CLOCK_LIMIT - 1;
    assigns c->words[0 .. c->n - 1], heads[0 .. c->classes - 1],
            c->group_map[0 .. (c->classes - 1) / GROUP_CLASSES],
            list_stamp[0 .. CORE_MAX_WORDS / 2 - 1], list_clock;
    ensures clock: \old(list_clock) <= list_clock <= \old(list_clock) + 1;
    ensures lists: lists_except(c, heads, x, NO_BLOCK);
    ensures map: group_map_ok(c, heads);
    ensures state: c->n == \old(c->n) && c->classes == \old(c->classes) && c->group_map == \old(c->group_map);
    ensures invariant: heap_inv(c);
    ensures tags: tags_kept{Pre, Post}(c);
    ensures payloads: \forall integer j, m; \old(is_alloc(c, j)) && 0 < m < \old(size_of(c, j)) ==>
      block_word(c, j, m) == \old(block_word(c, j, m));
    ensures heads_region: heads_region(c, heads);
    // Allocated blocks are as they were: the same blocks, sizes and payload words.
    ensures alloc_same: allocated_only{Old, Post}(c, NO_BLOCK, NO_BLOCK) && allocated_kept{Old, Post}(c, NO_BLOCK);
*/
void link_free(core_heap *c, uint64_t *heads, int64_t b) /*@ ghost (int64_t x) */;

/* Take free block b out of the list of its class (x: held out already). */
/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires block: is_free(c, b) && b != x;
    requires lists: lists_except(c, heads, x, NO_BLOCK);
    requires map: group_map_ok(c, heads);
    assigns c->words[0 .. c->n - 1], heads[0 .. c->classes - 1],
            c->group_map[0 .. (c->classes - 1) / GROUP_CLASSES];
    ensures lists: lists_except(c, heads, x, b);
    ensures map: group_map_ok(c, heads);
    ensures state: c->n == \old(c->n) && c->classes == \old(c->classes) && c->group_map == \old(c->group_map);
    ensures invariant: heap_inv(c);
    ensures tags: tags_kept{Pre, Post}(c);
    ensures payloads: \forall integer j, m; \old(is_alloc(c, j)) && 0 < m < \old(size_of(c, j)) ==>
      block_word(c, j, m) == \old(block_word(c, j, m));
    ensures heads_region: heads_region(c, heads);
    // Allocated blocks are as they were: the same blocks, sizes and payload words.
    ensures alloc_same: allocated_only{Old, Post}(c, NO_BLOCK, NO_BLOCK) && allocated_kept{Old, Post}(c, NO_BLOCK);
*/
void unlink_free(core_heap *c, uint64_t *heads, int64_t b) /*@ ghost (int64_t x) */;

/* The heads of a heap that core_init has just laid out: c->classes of them,
 * all empty but the one of the single free block's class. */
/*@ requires invariant: heap_inv(c);
    requires one_free_block: is_free(c, 1) && size_of(c, 1) == c->n - 2 &&
      \forall integer j; is_free(c, j) ==> j == 1;
    requires heads: heads_region(c, heads);
    requires clock: list_clock <= CLOCK_LIMIT - 1;
    assigns c->words[0 .. c->n - 1], heads[0 .. c->classes - 1],
            c->group_map[0 .. (c->classes - 1) / GROUP_CLASSES],
            list_stamp[0 .. CORE_MAX_WORDS / 2 - 1], list_clock;
    ensures clock: \old(list_clock) <= list_clock <= \old(list_clock) + 1;
    ensures lists: lists_ok(c, heads);
    ensures invariant: heap_inv(c);
*/
void core_init_lists(core_heap *c, uint64_t *heads);

/* Free block b's links are safe to unlink (specs/lists.h unlink_safe): always
 * so on a well-formed heap; checked before unlinking a block whose links a
 * client could have overwritten (a write after free), so that such a write
 * makes the operation fail instead of redirecting the unlink's stores. */
/*@ requires region: heap_region_read(c);
    requires heads: heads_region(c, heads);
    requires block: 1 <= b && MIN_BLOCK_WORDS <= size_of(c, b) && b + size_of(c, b) <= c->n - 1;
    assigns \nothing;
    ensures safe: \result != 0 ==> unlink_safe(c, heads, b);
    ensures listed: heap_inv(c) && lists_ok(c, heads) && is_free(c, b) ==> \result != 0;
*/
int links_sane(const core_heap *c, const uint64_t *heads, int64_t b);

/* The first class of group g that has a head, or the group's end (the next
 * group's first class, or c->classes): at most GROUP_CLASSES reads. */
/*@ requires region: heap_region_read(c);
    requires heads: heads_region(c, heads);
    requires group: 0 <= g && GROUP_CLASSES * g < c->classes;
    assigns \nothing;
    ensures range: GROUP_CLASSES * g <= \result <= GROUP_CLASSES * g + GROUP_CLASSES && \result <= c->classes;
    ensures skipped: \forall integer m; GROUP_CLASSES * g <= m < \result ==> head_of(heads, m) == NO_BLOCK;
    ensures found: \result < GROUP_CLASSES * g + GROUP_CLASSES && \result < c->classes ==>
      head_of(heads, \result) != NO_BLOCK;
    ensures used: \result < GROUP_CLASSES * g + GROUP_CLASSES && \result < c->classes <==>
      !group_empty(c, heads, g);
*/
int64_t first_in_group(const core_heap *c, const uint64_t *heads, int64_t g);

/* Whether a class of group g has a head: 1 or 0, at most GROUP_CLASSES reads.
 * (What the group map's entry g must say: refreshed by list_unlink, checked by
 * core_check_lists.) */
/*@ requires region: heap_region_read(c);
    requires heads: heads_region(c, heads);
    requires group: 0 <= g && GROUP_CLASSES * g < c->classes;
    assigns \nothing;
    ensures used: \result == 0 <==> group_empty(c, heads, g);
    ensures bit: \result == 0 || \result == 1;
*/
int group_has_head(const core_heap *c, const uint64_t *heads, int64_t g);

/* How many heads a heap of n words needs (the shell sizes their array). */
/*@ requires n: CORE_MIN_WORDS <= n <= max_words && n % 2 == 0;
    assigns \nothing;
    ensures classes: \result == size_class(n - 2) + 1;
    ensures enough: 1 <= \result <= CLASS_COUNT && class_min(\result - 1) <= n - 2 < class_min(\result);
*/
int64_t core_classes_for(int64_t n);

/* ---- size classes (core_class.c) ---- */

/* The class of a block of s words: where a free block of that size is listed. */
/*@ requires size: MIN_BLOCK_WORDS <= s < max_words && s % 2 == 0;
    assigns \nothing;
    ensures class: in_class(s, \result);
    ensures is_size_class: \result == size_class(s);
*/
int64_t class_of_size(int64_t s);

/* The first class in which every block holds s words: where a search for a
 * block of s words starts (CLASS_COUNT: no class is sure to fit). */
/*@ requires size: MIN_BLOCK_WORDS <= s < max_words && s % 2 == 0;
    assigns \nothing;
    ensures range: 0 <= \result <= CLASS_COUNT;
    ensures every_block_fits: class_min(\result) >= s;
    ensures first: \result > 0 ==> class_min(\result - 1) < s;
*/
int64_t request_class(int64_t s);

/* ---- list checker (core_check_lists.c) ---- */

/* CORE_OK if the free lists are consistent, on a heap whose tags core_check has
 * passed; otherwise the code of the first violation found, with *bad_index the
 * word index of the free block or head that shows it.  Each free block is looked
 * at once, with its two list neighbours; no list is walked, so a damaged link
 * (a cycle, a link into another class) cannot make it loop. */
/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires out: \valid(bad_index) &&
      \separated(bad_index, c, c->words + (0 .. c->n - 1), c->starts + (0 .. c->n / 2 - 1),
                 heads + (0 .. c->classes - 1), c->group_map + (0 .. (c->classes - 1) / GROUP_CLASSES));
    assigns *bad_index;
    // CORE_OK exactly when the lists pass every clause the checker can see (all
    // but 8g, which speaks of ghost stamps): a checker that skipped a test could
    // not prove this.  So it is OK on consistent lists; a ring of free blocks
    // whose links agree and that no head reaches is not reported.
    ensures ok_iff_consistent: \result == CORE_OK <==> \old(lists_local_ok(c, heads));
    ensures ok_if_consistent: \old(lists_ok(c, heads)) ==> \result == CORE_OK;
    // Each error code names a clause of lists_ok (specs/lists.h) that is false.
    ensures head_error: \result == CORE_ELISTHEAD ==>
      !\old(heads_first(c, heads, NO_BLOCK, NO_BLOCK) && heads_listed(c, heads, NO_BLOCK, NO_BLOCK));
    ensures link_error: \result == CORE_ELISTLINK ==>
      !\old(next_links(c, NO_BLOCK, NO_BLOCK) && prev_links(c, NO_BLOCK, NO_BLOCK));
    ensures class_error: \result == CORE_ELISTCLASS ==>
      !\old(classes_in_range(c, NO_BLOCK, NO_BLOCK) && next_links(c, NO_BLOCK, NO_BLOCK) &&
             heads_listed(c, heads, NO_BLOCK, NO_BLOCK));
    ensures map_error: \result == CORE_ELISTMAP ==> !\old(group_map_ok(c, heads));
    // Only these codes, and an index inside the heap.
    ensures codes: \result == CORE_OK || \result == CORE_ELISTHEAD || \result == CORE_ELISTLINK ||
                   \result == CORE_ELISTCLASS || \result == CORE_ELISTMAP;
    ensures index: 0 <= *bad_index < c->n;
*/
int core_check_lists(const core_heap *c, const uint64_t *heads, int64_t *bad_index);

#endif
