/* SPDX-License-Identifier: MIT */
/*
 * Preload: where the free block around a freed block lies, so that release.c
 * can give its pages back.  Shell code that only reads the heap: the tags of
 * one or two blocks and the start map, through the core's own readers.
 *
 * After a free, the freed block is part of a free block that starts either at
 * its own header or, when the block before it was free, at that block's header
 * (immediate coalescing).  Which one is decided before the free, from the
 * previous-allocated bit and the free predecessor's footer; the caller has just
 * validated those very tags (heap_live_usable: core_validate checks the free
 * neighbours' footers), and holds the lock, so they cannot change in between.
 */
#include "preload.h"
#include "shell.h"

/* Words kept at the start of a free block's payload: the two free-list links
 * segregated fits will store there (the design notes, section 2). */
enum { LINK_WORDS = 2 };

static int64_t header_index_of(const core_heap *c, const void *payload)
{
    return (int64_t)((const word *)payload - c->words) - HEADER_WORDS;
}

int64_t merge_target_of(const tagheap *h, const void *p)
{
    const core_heap *c = &h->core;
    int64_t i = header_index_of(c, p);
    if (block_prev_alloc(c, i))
        return i;
    /* a free block's footer holds its size in bytes */
    return i - c->words[i - 1] / WORD_BYTES;
}

struct free_span free_span_at(const tagheap *h, int64_t i)
{
    const core_heap *c = &h->core;
    struct free_span none = {0, 0};
    if (i < 1 || i >= c->n - 1 || i % 2 == 0 || c->starts[i / 2] != 1 || block_is_alloc(c, i))
        return none;
    int64_t size = block_size(c, i);
    if (size < MIN_BLOCK_WORDS || size > c->n - 1 - i)
        return none;
    struct free_span span = {
        .start = (uintptr_t)(c->words + i + HEADER_WORDS + LINK_WORDS),
        .end = (uintptr_t)(c->words + i + size - 1), /* the footer is the last word */
    };
    return span;
}

struct free_span free_span_after(const tagheap *h, const void *p)
{
    const core_heap *c = &h->core;
    int64_t i = header_index_of(c, p);
    return free_span_at(h, i + block_size(c, i));
}

size_t free_span_capacity(struct free_span span)
{
    if (span.end <= span.start)
        return 0;
    return (size_t)(span.end - span.start) + (LINK_WORDS + 1) * WORD_BYTES; /* links, footer */
}
