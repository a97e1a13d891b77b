/* SPDX-License-Identifier: MIT */
/*
 * The setup of the scaling stream: N live blocks before the measured part begins.
 *
 * With the process's malloc it is N plain mallocs.  A tagheap heap is filled another way,
 * because its first fit walks every block before the free tail: N mallocs in a row would
 * visit N^2/2 blocks, about 10^13 instructions for a million, before anything is
 * measured.  Instead one large block A is allocated first; then for each block, A is
 * shrunk in place by exactly that block's size (tagheap_realloc splits the tail off as a
 * free block) and the malloc takes that hole, the first free block after A.  Each
 * allocation then visits two blocks.  The heap ends with A (shrunk to a minimum block)
 * followed by the N blocks in reverse order: the same blocks, sizes and free space a run
 * of N mallocs makes, mirrored, which no measured operation can tell apart.  A stays
 * allocated until the clean-up.
 */
#include <stdio.h>

#include "bench.h"

static void *reverse_fill_anchor; /* A, or NULL */

/* Bytes of the block tagheap makes for a request of n bytes, measured on the empty heap:
 * two consecutive allocations on a fresh heap lie back to back under first fit. */
static size_t block_bytes(tagheap *h, size_t n)
{
    char *p = tagheap_malloc(h, n);
    char *next = tagheap_malloc(h, 1);
    size_t bytes = p != NULL && next > p ? (size_t)(next - p) : 0;
    tagheap_free(h, next);
    tagheap_free(h, p);
    return bytes;
}

static int reverse_fill(tagheap *h, const struct stream *s, void **live)
{
    enum { LARGEST_SIZE = 1 << 16 };
    static size_t bytes_of[LARGEST_SIZE + 1]; /* block bytes per request size; 0: not yet */
    size_t total = 0;
    for (size_t k = 0; k < s->setup; k++) {
        uint32_t n = s->ops[k].size;
        if (n > LARGEST_SIZE)
            return -1;
        if (bytes_of[n] == 0 && (bytes_of[n] = block_bytes(h, n)) == 0)
            return -1;
        total += bytes_of[n];
    }
    char *anchor = tagheap_malloc(h, total + 32); /* what stays of A is a block of its own */
    if (anchor == NULL)
        return -1;
    char *previous = NULL;
    for (size_t k = 0; k < s->setup; k++) {
        const struct op *op = &s->ops[k];
        size_t keep = tagheap_usable_size(h, anchor) - bytes_of[op->size];
        char *p = tagheap_realloc(h, anchor, keep) == anchor ? tagheap_malloc(h, op->size) : NULL;
        if (p == NULL || p < anchor || (previous != NULL && p > previous)) {
            fprintf(stderr, "bench: the reverse fill went wrong at block %zu of %zu\n", k + 1,
                    s->setup);
            return -1;
        }
        live[op->slot] = previous = p;
    }
    reverse_fill_anchor = anchor;
    return 0;
}

int fill_setup(const struct stream *s, void **live)
{
    tagheap *h = allocator_tagheap();
    if (h != NULL)
        return reverse_fill(h, s, live);
    for (size_t k = 0; k < s->setup; k++) {
        const struct op *op = &s->ops[k];
        if ((live[op->slot] = bench_malloc(op->size)) == NULL)
            return -1;
    }
    return 0;
}

void fill_release(void)
{
    bench_free(reverse_fill_anchor);
    reverse_fill_anchor = NULL;
}
