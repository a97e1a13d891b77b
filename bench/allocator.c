/* SPDX-License-Identifier: MIT */
/*
 * The allocator under test: a tagheap heap through its API, or whatever malloc the
 * process has (glibc, or jemalloc, mimalloc, tcmalloc, tagheap's drop-in through
 * LD_PRELOAD).
 *
 * The bench_* functions are the only places the measured part of a stream calls the
 * allocator.  They are out of line and in their own translation unit so that callgrind
 * sees each as a function of its own: bench/run.sh --callgrind collects inside them
 * (--toggle-collect) and takes each one's inclusive cost minus its own, which is the
 * allocator's cost alone, call by call kind.
 */
#include <stdlib.h>

#include "bench.h"

static tagheap *heap; /* NULL: the process's malloc */

int allocator_use_tagheap(size_t bytes)
{
    heap = tagheap_create(bytes);
    return heap == NULL ? -1 : 0;
}

tagheap *allocator_tagheap(void)
{
    return heap;
}

void allocator_close(void)
{
    tagheap_destroy(heap);
    heap = NULL;
}

__attribute__((noinline)) void *bench_malloc(size_t n)
{
    return heap ? tagheap_malloc(heap, n) : malloc(n);
}

__attribute__((noinline)) void bench_free(void *p)
{
    if (heap)
        tagheap_free(heap, p);
    else
        free(p);
}

__attribute__((noinline)) void *bench_realloc(void *p, size_t n)
{
    return heap ? tagheap_realloc(heap, p, n) : realloc(p, n);
}
