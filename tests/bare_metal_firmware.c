/* SPDX-License-Identifier: MIT */
/*
 * A firmware image in miniature, for `make bare-metal`: a reset handler that
 * calls every function of the bare-metal build on a static buffer.  It is
 * linked with -nostdlib (only libgcc, the compiler's helpers), so a C library
 * call anywhere in the library would be an undefined reference and fail the
 * link; and since it calls everything, its size is the whole library's cost
 * in a firmware.  It is built, never run (no board in CI).
 */
#include "tagheap.h"

static _Alignas(16) unsigned char heap_region[8192];
volatile size_t observed; /* keeps every result alive through -Os and --gc-sections */

static int count_block(const tagheap_block *block, void *context)
{
    *(size_t *)context += block->size;
    return 0;
}

/* What an RTOS port would do: mask interrupts around each operation. */
static void mask_interrupts(void *context)
{
    ++*(volatile int *)context;
}

static void unmask_interrupts(void *context)
{
    --*(volatile int *)context;
}

void reset_handler(void);
void reset_handler(void)
{
    static volatile int mask_depth;
    tagheap *h = tagheap_init(heap_region, sizeof heap_region);
    tagheap_set_lock(h, mask_interrupts, unmask_interrupts, (void *)&mask_depth);
    char *a = tagheap_malloc(h, 100);
    char *b = tagheap_calloc(h, 4, 25);
    char *c = tagheap_aligned_alloc(h, 64, 40);
    a = tagheap_realloc(h, a, 300);
    observed = tagheap_usable_size(h, a);
    tagheap_free(h, b);
    tagheap_report report;
    observed += (size_t)tagheap_check(h, &report) + (size_t)report.message[0];
    size_t walked = 0;
    observed += (size_t)tagheap_walk(h, count_block, &walked) + walked;
    tagheap_stats stats;
    tagheap_get_stats(h, &stats);
    observed += stats.free_bytes + (size_t)tagheap_strerror(TAGHEAP_EFREED)[0] +
                (size_t)tagheap_version()[0] + (size_t)tagheap_errno;
    tagheap_free(h, c);
    tagheap_destroy(h);
    for (;;) {
    }
}
