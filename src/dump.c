/* SPDX-License-Identifier: MIT */
/*
 * Shell: the human-readable dump, written on top of tagheap_walk.  The only
 * file that needs stdio; bare-metal builds leave it out.
 *
 * The format (README, "The dump"), one item per line:
 *   tagheap <handle>: <n> words at <block area>, capacity <bytes> bytes
 *   overhead: <a> alignment + <s> state + <f> free-list heads + <m> start map + <p> padding
 *             = <t> bytes before the block area
 *   header line, then one line per block: offset, size, status, the previous
 *   block's status ("none" for the first block, which has no predecessor),
 *   payload address;
 *   the end marker's offset, or the damaged header where the walk stopped.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "annotate.h"
#include "shell.h"

struct dump_state {
    FILE *out;
    size_t next_offset; /* where the block after the last one printed starts */
};

/* The first block's header is word 1: it has no block before it. */
static const char *previous_status(const tagheap_block *block)
{
    if (block->offset == HEADER_WORDS * WORD_BYTES)
        return "none";
    return block->prev_allocated ? "allocated" : "free";
}

static int print_block(const tagheap_block *block, void *context)
{
    struct dump_state *dump = context;
    char offset[OFFSET_TEXT_BYTES];
    offset_text(block->offset, offset);
    fprintf(dump->out, "  %-10s %10zu  %-9s  %-10s  %p\n", offset, block->size,
            block->allocated ? "allocated" : "free", previous_status(block), block->payload);
    dump->next_offset = block->offset + block->size;
    return 0;
}

/* What the region spends before the block area (region.c's layout): aligning
 * the state, the state itself, the free lists' heads, the start map, padding
 * to 16 bytes. */
static void print_overhead(const tagheap *h, FILE *out)
{
    uintptr_t state = (uintptr_t)h;
    uintptr_t heads = (uintptr_t)h->heads;
    uintptr_t map = (uintptr_t)h->core.starts;
    uintptr_t words = (uintptr_t)h->core.words;
    size_t map_bytes = (size_t)(h->core.n / 2);
    fprintf(out,
            "overhead: %zu alignment + %zu state + %zu free-list heads + %zu start map + "
            "%zu padding = %zu bytes before the block area\n",
            (size_t)(state - h->region_start), (size_t)(heads - state), (size_t)(map - heads), map_bytes,
            (size_t)(words - map - map_bytes), (size_t)(words - h->region_start));
}

int tagheap_dump(tagheap *h, FILE *out)
{
    if (out == NULL) {
        set_errno(EINVAL);
        return TAGHEAP_EARG;
    }
    if (!heap_is_live(h)) {
        fprintf(out, "tagheap %p: not a live heap\n", (void *)h);
        set_errno(EINVAL);
        return TAGHEAP_EBADHEAP;
    }
    heap_lock(h);
    const core_heap *c = &h->core;
    fprintf(out, "tagheap %p: %" PRId64 " words at %p, capacity %zu bytes\n", (void *)h, c->n,
            (void *)c->words, heap_capacity(h));
    print_overhead(h, out);
    fprintf(out, "  %-10s %10s  %-9s  %-10s  %s\n", "offset", "bytes", "status", "previous",
            "payload");
    struct dump_state dump = {out, HEADER_WORDS * WORD_BYTES};
    int status = walk_blocks(h, print_block, &dump);
    char offset[OFFSET_TEXT_BYTES];
    offset_text(dump.next_offset, offset);
    if (status == TAGHEAP_ECORRUPT)
        fprintf(out, "  %-10s damaged header 0x%" PRIx64 ": walk stops\n", offset,
                (uint64_t)annotate_peek(&c->words[dump.next_offset / WORD_BYTES]));
    else
        fprintf(out, "  %-10s %10d  end marker\n", offset, 0);
    heap_unlock(h);
    return status;
}
