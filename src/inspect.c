/*
 * Shell: looking at a heap — the checker's report, the dump, the statistics.
 * Reads only; the walks here trust nothing and stop at the first bad tag.
 */
#include <errno.h>
#include <inttypes.h>

#include "annotate.h"
#include "shell.h"

int tagheap_check(tagheap *h, tagheap_report *report)
{
    int64_t bad_index = 0;
    annotate_core_enter();
    int code = heap_is_live(h) ? core_check(&h->core, &bad_index) : TAGHEAP_EBADHEAP;
    annotate_core_leave();
    if (report != NULL) {
        report->code = code;
        report->offset = (size_t)bad_index * WORD_BYTES;
        if (code == TAGHEAP_OK)
            snprintf(report->message, sizeof report->message, "heap is well-formed");
        else
            snprintf(report->message, sizeof report->message, "%s (block at byte offset %zu)",
                     tagheap_strerror(code), report->offset);
    }
    return code;
}

/* Size of block i if its tag is usable for walking, else 0. */
static int64_t walkable_size(const tagheap *h, int64_t i)
{
    int64_t size = block_size(&h->core, i);
    return size >= MIN_BLOCK_WORDS && size <= h->core.n - 1 - i ? size : 0;
}

void tagheap_dump(tagheap *h, FILE *out)
{
    if (!heap_is_live(h)) {
        fprintf(out, "tagheap %p: not a live heap\n", (void *)h);
        return;
    }
    const core_heap *c = &h->core;
    fprintf(out, "tagheap %p: %" PRId64 " words at %p, capacity %zu bytes\n", (void *)h, c->n,
            (void *)c->words, heap_capacity(h));
    fprintf(out, "  %-10s %10s  %-9s  %-10s  %s\n", "offset", "bytes", "status", "previous",
            "payload");
    int64_t i = 1;
    annotate_core_enter(); /* the walk reads tags directly */
    while (i < c->n - 1) {
        int64_t size = walkable_size(h, i);
        if (size == 0) {
            fprintf(out, "  0x%08" PRIx64 " corrupted header 0x%" PRIx64 ": walk stops\n",
                    (uint64_t)i * WORD_BYTES, (uint64_t)annotate_peek(&c->words[i]));
            annotate_core_leave();
            return;
        }
        fprintf(out, "  0x%08" PRIx64 " %10" PRId64 "  %-9s  %-10s  %p\n", (uint64_t)i * WORD_BYTES,
                size * WORD_BYTES, block_is_alloc(c, i) ? "allocated" : "free",
                block_prev_alloc(c, i) ? "allocated" : "free", (void *)(c->words + i + 1));
        i += size;
    }
    annotate_core_leave();
    fprintf(out, "  0x%08" PRIx64 " %10d  end marker\n", (uint64_t)i * WORD_BYTES, 0);
}

void tagheap_get_stats(tagheap *h, tagheap_stats *stats)
{
    if (stats == NULL)
        return;
    *stats = (tagheap_stats){0};
    if (!heap_is_live(h)) {
        errno = EINVAL;
        return;
    }
    const core_heap *c = &h->core;
    stats->capacity = heap_capacity(h);
    stats->allocated_bytes = h->allocated_bytes;
    stats->peak_allocated = h->peak_allocated;
    stats->failed_allocs = h->failed_allocs;
    stats->extent = h->extent;
    int64_t i = 1;
    int64_t size;
    annotate_core_enter();
    while (i < c->n - 1 && (size = walkable_size(h, i)) != 0) {
        size_t usable = (size_t)core_usable_bytes(c, i);
        stats->blocks++;
        if (!block_is_alloc(c, i)) {
            stats->free_blocks++;
            stats->free_bytes += usable;
            if (usable > stats->largest_free)
                stats->largest_free = usable;
        }
        i += size;
    }
    annotate_core_leave();
}
