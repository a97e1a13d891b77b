/*
 * Block layer of the verified core: the header codec and every mutation of the
 * heap's tags, one function per mutation.  Each mutation takes a heap that
 * satisfies the invariant (plus the local facts its contract names) and leaves
 * one that satisfies it again; the entry points in core_alloc.c only decide
 * which mutation to apply.  See core.h for the layout.
 */
#include "core.h"

word header_make(int64_t size_words, int64_t prev_alloc, int64_t alloc)
{
    return size_words * WORD_BYTES + PREV_ALLOC_FLAG * prev_alloc + ALLOC_FLAG * alloc;
}

int64_t header_size_words(word header)
{
    return header / SIZE_UNIT * GRANULE_WORDS;
}

int64_t header_is_alloc(word header)
{
    return header % 2;
}

int64_t header_prev_alloc(word header)
{
    return header / 2 % 2;
}

int64_t block_size(const core_heap *c, int64_t i)
{
    return header_size_words(c->words[i]);
}

int64_t block_is_alloc(const core_heap *c, int64_t i)
{
    return header_is_alloc(c->words[i]);
}

int64_t block_prev_alloc(const core_heap *c, int64_t i)
{
    return header_prev_alloc(c->words[i]);
}

/* One free block spanning the heap, between the padding word and the end marker. */
void core_init(core_heap *c)
{
    int64_t n = c->n;
    for (int64_t k = 0; k < n / 2; k++)
        c->starts[k] = 0;
    c->words[0] = 0;
    c->words[1] = header_make(n - 2, 1, 0);
    c->words[n - 2] = (n - 2) * WORD_BYTES;
    c->words[n - 1] = header_make(0, 0, 1);
    c->starts[0] = 1;
    c->starts[(n - 1) / 2] = 1;
}

/* Free block i becomes an allocated block of `need` words followed by a free
 * remainder.  The block after the remainder keeps "previous free". */
void split_free_block(core_heap *c, int64_t i, int64_t need)
{
    int64_t size = block_size(c, i);
    int64_t prev = block_prev_alloc(c, i);
    int64_t rest = i + need;
    c->words[i] = header_make(need, prev, 1);
    c->words[rest] = header_make(size - need, 1, 0);
    c->words[i + size - 1] = (size - need) * WORD_BYTES;
    c->starts[rest / 2] = 1;
}

/* Free block i, too small to split, becomes allocated whole. */
void mark_allocated(core_heap *c, int64_t i)
{
    int64_t size = block_size(c, i);
    c->words[i] = c->words[i] + ALLOC_FLAG;
    c->words[i + size] = c->words[i + size] + PREV_ALLOC_FLAG;
}

/* Allocated block i keeps its first `keep` words; the rest becomes a second
 * allocated block, which the caller then releases (merging it as needed). */
void split_allocated_block(core_heap *c, int64_t i, int64_t keep)
{
    int64_t size = block_size(c, i);
    int64_t prev = block_prev_alloc(c, i);
    int64_t tail = i + keep;
    c->words[i] = header_make(keep, prev, 1);
    c->words[tail] = header_make(size - keep, 1, 1);
    c->starts[tail / 2] = 1;
}

/* Allocated block i grows over the free block after it. */
void absorb_next_free(core_heap *c, int64_t i)
{
    int64_t size = block_size(c, i);
    int64_t next = i + size;
    int64_t next_size = block_size(c, next);
    int64_t prev = block_prev_alloc(c, i);
    c->words[i] = header_make(size + next_size, prev, 1);
    c->starts[next / 2] = 0;
    c->words[next + next_size] = c->words[next + next_size] + PREV_ALLOC_FLAG;
}

/* Free allocated block i whose neighbours are both allocated. */
void free_alone(core_heap *c, int64_t i)
{
    int64_t size = block_size(c, i);
    c->words[i] = c->words[i] - ALLOC_FLAG;
    c->words[i + size - 1] = size * WORD_BYTES;
    c->words[i + size] = c->words[i + size] - PREV_ALLOC_FLAG;
}

/* Free allocated block i and merge it with the free block after it. */
void free_merge_next(core_heap *c, int64_t i)
{
    int64_t size = block_size(c, i);
    int64_t next = i + size;
    int64_t merged = size + block_size(c, next);
    int64_t prev = block_prev_alloc(c, i);
    c->words[i] = header_make(merged, prev, 0);
    c->words[i + merged - 1] = merged * WORD_BYTES;
    c->starts[next / 2] = 0;
}

/* Free allocated block i and merge it into the free block before it, found
 * through that block's footer. */
void free_merge_prev(core_heap *c, int64_t i)
{
    int64_t size = block_size(c, i);
    int64_t prev_size = c->words[i - 1] / WORD_BYTES;
    int64_t prev = i - prev_size;
    int64_t merged = prev_size + size;
    int64_t prev_prev = block_prev_alloc(c, prev);
    c->words[prev] = header_make(merged, prev_prev, 0);
    c->words[prev + merged - 1] = merged * WORD_BYTES;
    c->starts[i / 2] = 0;
    c->words[i + size] = c->words[i + size] - PREV_ALLOC_FLAG;
}

/* Free allocated block i and merge it with the free blocks on both sides. */
void free_merge_both(core_heap *c, int64_t i)
{
    int64_t size = block_size(c, i);
    int64_t next = i + size;
    int64_t prev_size = c->words[i - 1] / WORD_BYTES;
    int64_t prev = i - prev_size;
    int64_t merged = prev_size + size + block_size(c, next);
    int64_t prev_prev = block_prev_alloc(c, prev);
    c->words[prev] = header_make(merged, prev_prev, 0);
    c->words[prev + merged - 1] = merged * WORD_BYTES;
    c->starts[i / 2] = 0;
    c->starts[next / 2] = 0;
}
