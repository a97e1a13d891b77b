/* SPDX-License-Identifier: MIT */
/*
 * Shell: the human-readable dump, written on top of tagheap_walk.  The only
 * file that needs stdio; bare-metal builds leave it out.
 */
#include <inttypes.h>
#include <stdio.h>

#include "annotate.h"
#include "shell.h"

struct dump_state {
    FILE *out;
    size_t next_offset; /* where the block after the last one printed starts */
};

static int print_block(const tagheap_block *block, void *context)
{
    struct dump_state *dump = context;
    char offset[OFFSET_TEXT_BYTES];
    offset_text(block->offset, offset);
    fprintf(dump->out, "  %-10s %10zu  %-9s  %-10s  %p\n", offset, block->size,
            block->allocated ? "allocated" : "free", block->prev_allocated ? "allocated" : "free",
            block->payload);
    dump->next_offset = block->offset + block->size;
    return 0;
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
    fprintf(out, "  %-10s %10s  %-9s  %-10s  %s\n", "offset", "bytes", "status", "previous",
            "payload");
    /* the first block's header is word 1 */
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
