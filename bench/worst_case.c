/* SPDX-License-Identifier: MIT */
/*
 * The worst case of each operation's bounded loops, on a fresh heap of a given
 * size (bench/worst_case.sh runs it under callgrind at several sizes).
 *
 * The only loop of malloc and aligned_alloc that is not linear in the request is
 * the scan of the free lists' heads (first_listed, at most one step per class);
 * it is longest on a fresh heap, where every class is empty but the one of the
 * heap's single free block, the largest.  free has no loop but the size-class
 * computation (level_of, a constant number of steps); its longest path merges
 * with both neighbours.  realloc that cannot grow in place is malloc, a copy of
 * the old payload and free.  Each measured call goes through a worst_* function
 * of its own, which callgrind collects inside.
 *
 *   worst_case BYTES   prints heap_bytes= and capacity=
 */
#include <stdio.h>
#include <stdlib.h>

#include "tagheap.h"

static tagheap *heap;

__attribute__((noipa)) void *worst_malloc(size_t n)
{
    return tagheap_malloc(heap, n);
}

__attribute__((noipa)) void *worst_aligned(size_t alignment, size_t n)
{
    return tagheap_aligned_alloc(heap, alignment, n);
}

__attribute__((noipa)) int worst_free(void *p)
{
    return tagheap_free(heap, p);
}

__attribute__((noipa)) void *worst_realloc(void *p, size_t n)
{
    return tagheap_realloc(heap, p, n);
}

static void *must(void *p, const char *what)
{
    if (p == NULL) {
        fprintf(stderr, "worst_case: %s failed\n", what);
        exit(1);
    }
    return p;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: worst_case BYTES\n");
        return 2;
    }
    size_t bytes = strtoull(argv[1], NULL, 0);
    heap = tagheap_create(bytes);
    must(heap, "tagheap_create");
    /* malloc: the heads of every class from 16 bytes' up to the heap's largest
     * are scanned (all empty but the last) */
    void *a = must(worst_malloc(16), "malloc");
    void *b = must(tagheap_malloc(heap, 16), "malloc");
    void *c = must(tagheap_malloc(heap, 16), "malloc");
    void *d = must(tagheap_malloc(heap, 16), "malloc");
    /* realloc: b's successor is allocated, so b moves: the same scan from 48
     * bytes' class up, a 16-byte copy, and a free of b */
    void *moved = must(worst_realloc(b, 48), "realloc");
    /* free: c merges with both free neighbours, a (merged with b) and d */
    if (tagheap_free(heap, a) != 0 || tagheap_free(heap, d) != 0 || worst_free(c) != 0) {
        fprintf(stderr, "worst_case: free failed\n");
        return 1;
    }
    /* aligned_alloc: the same scan, from the class that holds 16 bytes after
     * the largest gap a 4096-byte alignment can need */
    void *aligned = must(worst_aligned(4096, 16), "aligned_alloc");
    tagheap_stats s;
    tagheap_get_stats(heap, &s);
    printf("heap_bytes=%zu capacity=%zu\n", bytes, s.capacity);
    (void)moved, (void)aligned;
    tagheap_destroy(heap);
    return 0;
}
