/* SPDX-License-Identifier: MIT */
/*
 * The setup of the scaling stream: N live blocks before the measured part begins,
 * N plain mallocs through bench_malloc, for every allocator alike.  (tagheap's heap
 * was once filled in reverse through realloc shrinks, because first fit walked every
 * block on each malloc; the free lists made that unnecessary.)
 */
#include "bench.h"

int fill_setup(const struct stream *s, void **live)
{
    for (size_t k = 0; k < s->setup; k++) {
        const struct op *op = &s->ops[k];
        if ((live[op->slot] = bench_malloc(op->size)) == NULL)
            return -1;
    }
    return 0;
}
