/* SPDX-License-Identifier: MIT */
/*
 * Shell: the machine-readable dump — one JSON object describing a heap at one
 * locked moment: where its region's bytes go (state, start map, padding, block
 * area, the block area's two end words), its statistics, and every block as
 * tagheap_walk gives it.  tools/heapmap.py draws it; the format is documented
 * in tagheap.h and versioned by its "version" field.
 *
 * Needs stdio, like dump.c: bare-metal builds leave it out.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "annotate.h"
#include "shell.h"

/* The format's version: raised whenever a field changes meaning or goes away
 * (adding a field does not raise it). */
enum { SNAPSHOT_VERSION = 1 };

/* Where the parts of a heap's region lie, in bytes from the region's start. */
struct region_layout {
    size_t state;     /* struct tagheap, after the skip to its alignment */
    size_t heads;     /* the free lists' heads (one word per size class) and group map */
    size_t start_map; /* the core's start map: one byte per two words */
    size_t words;     /* the block area: n words */
    size_t words_end; /* one past the block area */
    size_t bytes;     /* the region: the mapping for tagheap_create heaps,
                          up to words_end for tagheap_init ones (whose length
                          the heap does not keep) */
};

static struct region_layout layout_of(const tagheap *h)
{
    const core_heap *c = &h->core;
    struct region_layout at;
    at.state = (size_t)((uintptr_t)h - h->region_start);
    at.heads = (size_t)((uintptr_t)h->heads - h->region_start);
    at.start_map = (size_t)((uintptr_t)c->starts - h->region_start);
    at.words = (size_t)((uintptr_t)c->words - h->region_start);
    at.words_end = at.words + (size_t)c->n * WORD_BYTES;
    at.bytes = h->mapping != NULL ? h->mapping_bytes : at.words_end;
    return at;
}

static void print_part(FILE *out, const char *part, size_t offset, size_t bytes, int last)
{
    fprintf(out, "    {\"part\": \"%s\", \"offset\": %zu, \"bytes\": %zu}%s\n", part, offset, bytes,
            last ? "" : ",");
}

/* The region's parts in address order; together they tile it exactly. */
static void print_layout(FILE *out, const tagheap *h, const struct region_layout *at)
{
    size_t map_bytes = (size_t)h->core.n / 2;
    size_t map_end = at->start_map + map_bytes;
    size_t end_marker = at->words_end - WORD_BYTES;
    fprintf(out, "  \"layout\": [\n");
    print_part(out, "alignment", 0, at->state, 0);
    print_part(out, "state", at->state, at->heads - at->state, 0);
    print_part(out, "heads", at->heads, at->start_map - at->heads, 0);
    print_part(out, "start_map", at->start_map, map_bytes, 0);
    print_part(out, "padding", map_end, at->words - map_end, 0);
    print_part(out, "first_word", at->words, WORD_BYTES, 0);
    print_part(out, "blocks", at->words + WORD_BYTES, end_marker - at->words - WORD_BYTES, 0);
    print_part(out, "end_marker", end_marker, WORD_BYTES, 0);
    print_part(out, "unused", at->words_end, at->bytes - at->words_end, 1);
    fprintf(out, "  ],\n");
}

/* Every byte of the region that no block holds, by what it is for. */
static void print_overhead(FILE *out, const tagheap *h, const struct region_layout *at)
{
    size_t state = at->heads - at->state;
    size_t heads = at->start_map - at->heads;
    size_t map = (size_t)h->core.n / 2;
    size_t alignment = at->state + (at->words - at->start_map - map);
    size_t ends = 2 * WORD_BYTES;
    size_t unused = at->bytes - at->words_end;
    fprintf(out,
            "  \"overhead\": {\"state\": %zu, \"heads\": %zu, \"start_map\": %zu, \"alignment\": %zu, "
            "\"block_area_ends\": %zu, \"unused\": %zu, \"total\": %zu},\n",
            state, heads, map, alignment, ends, unused, state + heads + map + alignment + ends + unused);
}

static void print_stats(FILE *out, const tagheap_stats *s)
{
    fprintf(out,
            "  \"stats\": {\"capacity\": %zu, \"allocated_bytes\": %zu, \"free_bytes\": %zu, "
            "\"largest_free\": %zu, \"peak_allocated\": %zu, \"extent\": %zu, \"blocks\": %zu, "
            "\"free_blocks\": %zu, \"failed_allocs\": %zu},\n",
            s->capacity, s->allocated_bytes, s->free_bytes, s->largest_free, s->peak_allocated,
            s->extent, s->blocks, s->free_blocks, s->failed_allocs);
}

struct json_walk {
    FILE *out;
    uintptr_t words;    /* address of the block area, for payload offsets */
    size_t next_offset; /* where the block after the last one printed starts */
};

static int print_block(const tagheap_block *block, void *context)
{
    struct json_walk *walk = context;
    /* the first block has no predecessor: its "previous allocated" bit is set
     * only so that free never looks before the block area */
    const char *previous = block->offset == HEADER_WORDS * WORD_BYTES ? "none"
                           : block->prev_allocated                    ? "allocated"
                                                                      : "free";
    fprintf(walk->out,
            "%s    {\"offset\": %zu, \"size\": %zu, \"status\": \"%s\", \"previous\": \"%s\", "
            "\"payload_offset\": %zu, \"payload\": \"0x%" PRIxPTR "\"}",
            block->offset == HEADER_WORDS * WORD_BYTES ? "" : ",\n", block->offset, block->size,
            block->allocated ? "allocated" : "free", previous,
            (size_t)((uintptr_t)block->payload - walk->words), (uintptr_t)block->payload);
    walk->next_offset = block->offset + block->size;
    return 0;
}

int tagheap_dump_json(tagheap *h, FILE *out)
{
    if (out == NULL || !heap_is_live(h)) {
        set_errno(EINVAL);
        return out == NULL ? TAGHEAP_EARG : TAGHEAP_EBADHEAP;
    }
    heap_lock(h);
    const core_heap *c = &h->core;
    struct region_layout at = layout_of(h);
    tagheap_stats stats = {0};
    stats_of(h, &stats);
    fprintf(out, "{\n  \"format\": \"tagheap-snapshot\",\n  \"version\": %d,\n", SNAPSHOT_VERSION);
    fprintf(out, "  \"library\": \"%s\",\n", tagheap_version());
    fprintf(out, "  \"region\": {\"address\": \"0x%" PRIxPTR "\", \"bytes\": %zu},\n",
            h->region_start, at.bytes);
    print_layout(out, h, &at);
    print_overhead(out, h, &at);
    fprintf(out,
            "  \"block_area\": {\"region_offset\": %zu, \"bytes\": %zu, \"first_header\": %zu, "
            "\"end_marker\": %zu},\n",
            at.words, at.words_end - at.words, (size_t)(HEADER_WORDS * WORD_BYTES),
            at.words_end - at.words - WORD_BYTES);
    print_stats(out, &stats);
    fprintf(out, "  \"blocks\": [\n");
    struct json_walk walk = {out, (uintptr_t)c->words, HEADER_WORDS * WORD_BYTES};
    int status = walk_blocks(h, print_block, &walk);
    fprintf(out, "%s  ],\n", walk.next_offset == HEADER_WORDS * WORD_BYTES ? "" : "\n");
    if (status == TAGHEAP_ECORRUPT)
        fprintf(out,
                "  \"walk\": \"damaged\",\n  \"damaged_offset\": %zu,\n"
                "  \"damaged_header\": \"0x%" PRIx64 "\"\n}\n",
                walk.next_offset,
                (uint64_t)annotate_peek(&c->words[walk.next_offset / WORD_BYTES]));
    else
        fprintf(out, "  \"walk\": \"complete\",\n  \"damaged_offset\": null,\n"
                     "  \"damaged_header\": null\n}\n");
    heap_unlock(h);
    return status;
}
