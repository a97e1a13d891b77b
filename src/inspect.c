/* SPDX-License-Identifier: MIT */
/*
 * Shell: looking at a heap — the checker's report, the block walk, the
 * statistics.  Reads only; the walks here trust nothing and stop at the first
 * tag they cannot follow.  No stdio: the report's sentence is assembled here,
 * so a bare-metal build has the checker too (the dump, which prints, is dump.c).
 */
#include "annotate.h"
#include "shell.h"

/* Append text to the message at *used, always leaving it NUL-terminated. */
static void append(tagheap_report *report, size_t *used, const char *text)
{
    while (*text != '\0' && *used + 1 < sizeof report->message)
        report->message[(*used)++] = *text++;
    report->message[*used] = '\0';
}

void offset_text(size_t offset, char text[OFFSET_TEXT_BYTES])
{
    static const char hex[] = "0123456789abcdef";
    char digits[2 * sizeof(size_t)];
    size_t count = 0;
    do {
        digits[count++] = hex[offset % 16];
        offset /= 16;
    } while (offset != 0);
    size_t at = 0;
    text[at++] = '0';
    text[at++] = 'x';
    for (size_t pad = count; pad < 8; pad++)
        text[at++] = '0';
    while (count > 0)
        text[at++] = digits[--count];
    text[at] = '\0';
}

/* The report of a check: the code, and the offending block's offset only when
 * the code is about one block (a dead heap has no blocks to point at). */
static void fill_report(tagheap_report *report, int code, size_t offset)
{
    size_t used = 0;
    report->code = code;
    report->offset = code == TAGHEAP_OK || code == TAGHEAP_EBADHEAP ? 0 : offset;
    if (code == TAGHEAP_OK) {
        append(report, &used, "heap is well-formed");
        return;
    }
    append(report, &used, tagheap_strerror(code));
    if (report->offset != 0) {
        char text[OFFSET_TEXT_BYTES];
        offset_text(report->offset, text);
        append(report, &used, " (block at offset ");
        append(report, &used, text);
        append(report, &used, ")");
    }
}

/* Every free block is reached from the head of its class: what the proved list
 * checker cannot yet say, since its clauses are local and allow a ring of free
 * blocks that links only to itself (specs/lists.h, "Not stated yet").  Run after
 * core_check and core_check_lists have passed, so each list from a head ends
 * (a repeated block would need two previous links) and the lists are disjoint;
 * then they reach every free block exactly when they reach as many blocks as
 * the heap has free ones.  Each step is counted against that number, so even a
 * list that did loop could not hold the checker. */
static int lists_reach_every_free_block(const core_heap *c, const uint64_t *heads)
{
    int64_t free_blocks = 0;
    for (int64_t i = 1; i < c->n - 1; i += block_size(c, i))
        free_blocks += block_is_alloc(c, i) == 0;
    int64_t reached = 0;
    for (int64_t k = 0; k < c->classes; k++)
        for (word b = (word)heads[k]; b != NO_BLOCK && reached <= free_blocks;
             b = annotate_peek(&c->words[b + NEXT_LINK]))
            reached++;
    return reached == free_blocks ? TAGHEAP_OK : TAGHEAP_EUNLISTED;
}

/* The proved checkers, tags first (the list checker needs well-formed tags),
 * then the count of listed blocks. */
static int check_heap(const tagheap *h, int64_t *bad_index)
{
    int code = core_check(&h->core, bad_index);
    if (code == CORE_OK)
        code = core_check_lists(&h->core, h->heads, bad_index);
    if (code == CORE_OK)
        code = lists_reach_every_free_block(&h->core, h->heads);
    return code;
}

int tagheap_check(tagheap *h, tagheap_report *report)
{
    int64_t bad_index = 0;
    int code = TAGHEAP_EBADHEAP;
    if (heap_is_live(h)) {
        heap_lock(h);
        annotate_core_enter();
        code = check_heap(h, &bad_index);
        annotate_core_leave();
        heap_unlock(h);
    } else {
        set_errno(EINVAL);
    }
    if (report != NULL)
        fill_report(report, code, (size_t)bad_index * WORD_BYTES);
    return code;
}

/* Size of block i if its tag is usable for walking, else 0. */
static int64_t walkable_size(const tagheap *h, int64_t i)
{
    int64_t size = block_size(&h->core, i);
    return size >= MIN_BLOCK_WORDS && size <= h->core.n - 1 - i ? size : 0;
}

int walk_blocks(const tagheap *h, tagheap_visitor visit, void *context)
{
    const core_heap *c = &h->core;
    int64_t i = 1;
    int status = TAGHEAP_OK;
    annotate_core_enter(); /* the walk reads tags directly */
    while (status == TAGHEAP_OK && i < c->n - 1) {
        int64_t size = walkable_size(h, i);
        if (size == 0) {
            status = TAGHEAP_ECORRUPT;
            break;
        }
        tagheap_block block = {
            .offset = (size_t)i * WORD_BYTES,
            .size = (size_t)size * WORD_BYTES,
            .allocated = block_is_alloc(c, i) != 0,
            .prev_allocated = block_prev_alloc(c, i) != 0,
            .payload = c->words + i + HEADER_WORDS,
        };
        /* the visitor is client code: memory checkers watch it again */
        annotate_core_leave();
        status = visit(&block, context);
        annotate_core_enter();
        i += size;
    }
    annotate_core_leave();
    return status;
}

int tagheap_walk(tagheap *h, tagheap_visitor visit, void *context)
{
    if (!heap_is_live(h) || visit == NULL) {
        set_errno(EINVAL);
        return heap_is_live(h) ? TAGHEAP_EARG : TAGHEAP_EBADHEAP;
    }
    heap_lock(h);
    int status = walk_blocks(h, visit, context);
    heap_unlock(h);
    return status;
}

/* Statistics of the free blocks, gathered by a walk. */
static int count_block(const tagheap_block *block, void *context)
{
    tagheap_stats *stats = context;
    stats->blocks++;
    if (!block->allocated) {
        size_t usable = block->size - HEADER_WORDS * WORD_BYTES;
        stats->free_blocks++;
        stats->free_bytes += usable;
        if (usable > stats->largest_free)
            stats->largest_free = usable;
    }
    return 0;
}

void stats_of(const tagheap *h, tagheap_stats *stats)
{
    stats->capacity = heap_capacity(h);
    stats->allocated_bytes = h->allocated_bytes;
    stats->peak_allocated = h->peak_allocated;
    stats->failed_allocs = h->failed_allocs;
    stats->extent = h->extent;
    walk_blocks(h, count_block, stats);
}

void tagheap_get_stats(tagheap *h, tagheap_stats *stats)
{
    if (stats == NULL)
        return;
    clear_bytes(stats, sizeof *stats);
    if (!heap_is_live(h)) {
        set_errno(EINVAL);
        return;
    }
    heap_lock(h);
    stats_of(h, stats);
    heap_unlock(h);
}
