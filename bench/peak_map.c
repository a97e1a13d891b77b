/* SPDX-License-Identifier: MIT */
/*
 * bench tagheap --map DIR: each stream's tagheap heap snapshotted at its peak
 * (tagheap_dump_json) into DIR/<stream>.json, for tools/heapmap.py (make bench-map).
 * Nothing is timed.
 */
#include <stdio.h>

#include "bench.h"

/* Replay the first `count` operations of s on the tagheap heap, tracking the usable bytes
 * held after each; sets *peak_op to the first operation after which they are highest,
 * *top to the highest payload end reached.  Frees every slot at the end.  Returns the
 * peak's bytes, or 0 if an allocation failed. */
static size_t replay(const struct stream *s, size_t count, void **live, size_t *peak_op,
                     uintptr_t *top)
{
    tagheap *heap = allocator_tagheap();
    size_t held = 0, peak = 0;
    for (size_t k = 0; k < count; k++) {
        const struct op *op = &s->ops[k];
        void **slot = &live[op->slot];
        held -= tagheap_usable_size(heap, *slot); /* 0 for NULL */
        if (op->kind == OP_ALLOC) {
            *slot = bench_malloc(op->size);
        } else if (op->kind == OP_FREE) {
            bench_free(*slot);
            *slot = NULL;
        } else {
            void *q = bench_realloc(*slot, op->size);
            *slot = q != NULL ? q : *slot;
        }
        if (op->kind != OP_FREE && *slot == NULL)
            return 0;
        size_t usable = tagheap_usable_size(heap, *slot);
        held += usable;
        if (*slot != NULL && (uintptr_t)*slot + usable > *top)
            *top = (uintptr_t)*slot + usable;
        if (held > peak) {
            peak = held;
            *peak_op = k;
        }
    }
    for (uint32_t k = 0; k < s->slots; k++) {
        bench_free(live[k]);
        live[k] = NULL;
    }
    return peak;
}

/* A first replay on a 1 GiB heap finds the peak and how far the blocks reach; the second
 * runs up to the peak on a heap just that big (first fit places every block where it did,
 * since no request reaches past the old high-water mark), so the map shows the blocks
 * rather than an untouched gigabyte. */
int write_peak_map(const struct stream *s, void **live, const char *dir)
{
    size_t peak_op = 0;
    uintptr_t top = 0;
    if (allocator_use_tagheap((size_t)1 << 30) != 0)
        return -1;
    void *first = bench_malloc(1); /* the first block: where blocks start */
    uintptr_t base = (uintptr_t)first;
    bench_free(first);
    size_t peak = replay(s, s->count, live, &peak_op, &top);
    allocator_close();
    if (peak == 0)
        return -1;
    /* the blocks, the end words, a free tail and the state and start map (1/16) */
    size_t blocks = (size_t)(top - base) + 64 * 1024;
    if (allocator_use_tagheap(blocks + blocks / 16 + 4096) != 0)
        return -1;
    size_t unused_op;
    uintptr_t unused_top = 0;
    /* replay up to the peak, keeping the blocks: a copy of the stream that ends there */
    struct stream prefix = *s;
    prefix.count = peak_op + 1;
    prefix.slots = 0; /* replay() frees slots [0, slots): none */
    size_t again = replay(&prefix, prefix.count, live, &unused_op, &unused_top);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.json", dir, s->name);
    FILE *out = fopen(path, "w");
    if (out == NULL || again != peak) {
        fprintf(stderr, "%s: %s\n", path, out == NULL ? "cannot write" : "replay differs");
        return -1;
    }
    fprintf(out,
            "{\"label\": \"%s at its peak: after operation %zu of %zu\",\n\"snapshot\": ", s->name,
            peak_op + 1, s->count);
    int status = tagheap_dump_json(allocator_tagheap(), out);
    fprintf(out, "}\n");
    fclose(out);
    for (uint32_t k = 0; k < s->slots; k++)
        live[k] = NULL; /* the heap goes whole */
    allocator_close();
    printf("%s: peak %zu bytes in use after operation %zu: %s\n", s->name, peak, peak_op + 1, path);
    return status;
}
