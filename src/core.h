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

typedef struct core_heap {
    word *words;            /* n words: padding, blocks, end marker */
    unsigned char *starts;  /* n / 2 bytes: starts[i / 2] == 1 iff a block starts at odd i */
    int64_t n;              /* number of words; even, CORE_MIN_WORDS <= n <= CORE_MAX_WORDS */
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
    CORE_EENDMARK = -16
};

/* ---- header codec (core_block.c) ---- */
word header_make(int64_t size_words, int64_t prev_alloc, int64_t alloc);
int64_t header_size_words(word header);
int64_t header_is_alloc(word header);
int64_t header_prev_alloc(word header);

/* ---- reading a block (core_block.c) ---- */
int64_t block_size(const core_heap *c, int64_t i);
int64_t block_is_alloc(const core_heap *c, int64_t i);
int64_t block_prev_alloc(const core_heap *c, int64_t i);

/* ---- heap mutations, one per function (core_block.c) ---- */
void core_init(core_heap *c);
void split_free_block(core_heap *c, int64_t i, int64_t need);
void mark_allocated(core_heap *c, int64_t i);
void split_allocated_block(core_heap *c, int64_t i, int64_t keep);
void absorb_next_free(core_heap *c, int64_t i);
void free_alone(core_heap *c, int64_t i);
void free_merge_next(core_heap *c, int64_t i);
void free_merge_prev(core_heap *c, int64_t i);
void free_merge_both(core_heap *c, int64_t i);

/* ---- placement (core_fit.c) ---- */
int64_t find_fit(const core_heap *c, int64_t need);
int64_t aligned_gap(int64_t i, int64_t align_granules, int64_t base_phase);
int64_t find_aligned_fit(const core_heap *c, int64_t need, int64_t align_granules,
                         int64_t base_phase);

/* ---- entry points (core_alloc.c) ---- */
int64_t core_words_for(int64_t bytes);
int64_t core_malloc(core_heap *c, int64_t need);
int core_validate(const core_heap *c, int64_t i);
void core_release(core_heap *c, int64_t i);
int64_t core_realloc(core_heap *c, int64_t i, int64_t need);
int64_t core_aligned(core_heap *c, int64_t need, int64_t align_granules, int64_t base_phase);
void core_zero_payload(core_heap *c, int64_t i);
int64_t core_usable_bytes(const core_heap *c, int64_t i);

/* ---- checker (core_check.c) ---- */
int core_check(const core_heap *c, int64_t *bad_index);

#endif
