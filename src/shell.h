/* SPDX-License-Identifier: MIT */
/*
 * What the unproved shell files share: the layout of a heap's state, the lock
 * hooks around each operation, and how a failure is recorded.  The state sits
 * at the start of the heap's own region, followed by the core's start map and
 * word array (see region.c for the arithmetic).
 *
 * Nothing declared here is exported: the library is built with
 * -fvisibility=hidden and only tagheap.h's TAGHEAP_API names leave it.
 */
#ifndef TAGHEAP_SHELL_H
#define TAGHEAP_SHELL_H

#include <stddef.h>
#include <stdint.h>

#include "core.h"
#include "tagheap.h"

#define TAGHEAP_MAGIC UINT64_C(0x7461676865617031) /* "tagheap1" */

struct tagheap {
    uint64_t magic;       /* TAGHEAP_MAGIC while the heap is live, 0 after destroy */
    core_heap core;       /* the words and start map the verified core works on */
    uint64_t *heads;      /* the free lists' heads (core.classes of them), after this struct */
    void *mapping;        /* what tagheap_create mapped, or NULL for tagheap_init */
    size_t mapping_bytes; /* length of that mapping */
    void (*unmap)(void *mapping, size_t bytes); /* how destroy gives the mapping back */
    uintptr_t region_start;                     /* first byte of the caller's region (for extent) */
    size_t allocated_bytes;                     /* usable bytes of allocated blocks */
    size_t peak_allocated;                      /* maximum allocated_bytes ever */
    size_t failed_allocs;                       /* allocation requests answered with NULL */
    size_t extent;          /* region bytes in use: heap_bytes_reached of the furthest block */
    tagheap_lock_hook lock; /* tagheap_set_lock's hooks, or NULL */
    tagheap_lock_hook unlock;
    void *lock_context;
};

/* tagheap_init, for memory the caller knows is all zero (memory_is_zero = 1: a
 * fresh anonymous mapping, whose start map then need not be written), or may
 * hold anything (0: the map is cleared, n/2 bytes) (region.c). */
tagheap *heap_lay_out(void *region, size_t bytes, int memory_is_zero);

/* The extent once the heap's words [0, end_word) are reached: the bytes before
 * the start map (alignment and the heap state), the map bytes of those words,
 * and the words themselves (region.c).  The end marker's word and map byte,
 * written at the region's end by core_init, are not counted. */
size_t heap_bytes_reached(const tagheap *h, int64_t end_word);

/* 1 if h is a live heap (non-NULL, magic intact). */
int heap_is_live(const tagheap *h);

/* Largest payload the empty heap can hand out: one block spanning it. */
size_t heap_capacity(const tagheap *h);

/* Around every public operation on a live heap (lock.c). */
void heap_lock(const tagheap *h);
void heap_unlock(const tagheap *h);

/* Why p is or is not a live block of the live heap h: TAGHEAP_OK, or the code
 * tagheap_free would return, with the heap unchanged and errno untouched
 * (tagheap.c).  For callers that must name the error before acting, such as
 * the drop-in malloc's realloc (preload/). */
int heap_pointer_status(tagheap *h, const void *p);

/* The drop-in's (preload/) fast path, so that a pointer is validated once per
 * call (tagheap.c):
 *  - heap_live_usable: heap_pointer_status, and the usable bytes of p when it is
 *    a live block (0 otherwise);
 *  - heap_usable_of_allocated: the usable bytes of p, which an allocation on h has
 *    just returned (not validated);
 *  - heap_free_validated: tagheap_free of p, which heap_live_usable has just found
 *    live, with no operation on h in between but allocations (which move no
 *    allocated block: the core's proved frame); it is not validated again, so a
 *    caller that breaks this rule corrupts the heap;
 *  - heap_realloc_validated: tagheap_realloc of such a p (n > 0), on the same rule. */
int heap_live_usable(tagheap *h, const void *p, size_t *usable);
size_t heap_usable_of_allocated(tagheap *h, const void *p);
void heap_free_validated(tagheap *h, void *p);
void *heap_realloc_validated(tagheap *h, void *p, size_t n);

/* tagheap_walk with the heap's lock already held (inspect.c). */
int walk_blocks(const tagheap *h, tagheap_visitor visit, void *context);

/* tagheap_get_stats with the heap's lock already held, into zeroed *stats
 * (inspect.c): the JSON dump reports the statistics of the moment it walks. */
void stats_of(const tagheap *h, tagheap_stats *stats);

/* Write "0x" and at least 8 lowercase hex digits of offset, NUL-terminated:
 * the one offset format of the checker's report and the dump (inspect.c). */
enum { OFFSET_TEXT_BYTES = 2 + 2 * sizeof(size_t) + 1 };
void offset_text(size_t offset, char text[OFFSET_TEXT_BYTES]);

/* Zero n bytes at `at`.  Not memset, nor `*p = (struct ...){0}` (which
 * compilers turn into a memset call): the bare-metal build calls no C library
 * function, and is compiled with -fno-tree-loop-distribute-patterns so that
 * this loop stays a loop. */
static inline void clear_bytes(void *at, size_t n)
{
    unsigned char *byte = at;
    for (size_t k = 0; k < n; k++)
        byte[k] = 0;
}

/* How a failure is recorded: errno in a hosted build; tagheap_errno in a
 * bare-metal one, where errno may be a C library call or not exist. */
#if defined(TAGHEAP_BARE_METAL)
#if defined(__has_include)
#if __has_include(<errno.h>)
#include <errno.h> /* only for the values of EINVAL and ENOMEM */
#endif
#endif
#ifndef EINVAL
#define EINVAL 22
#endif
#ifndef ENOMEM
#define ENOMEM 12
#endif
#define set_errno(e) (tagheap_errno = (e))
#else
#include <errno.h>
#define set_errno(e) (errno = (e))
#endif

#endif
