/*
 * What the unproved shell files share: the layout of a heap's state.  The state
 * sits at the start of the heap's own region, followed by the core's start map
 * and word array (see region.c for the arithmetic).
 */
#ifndef TAGHEAP_SHELL_H
#define TAGHEAP_SHELL_H

#include <stddef.h>
#include <stdint.h>

#include "core.h"
#include "tagheap.h"

#define TAGHEAP_MAGIC UINT64_C(0x7461676865617031) /* "tagheap1" */

struct tagheap {
    uint64_t magic;         /* TAGHEAP_MAGIC while the heap is live, 0 after destroy */
    core_heap core;         /* the words and start map the verified core works on */
    void *mapping;          /* what tagheap_create mapped, or NULL for tagheap_init */
    size_t mapping_bytes;   /* length of that mapping */
    uintptr_t region_start; /* first byte of the caller's region (for extent) */
    size_t allocated_bytes; /* usable bytes of allocated blocks */
    size_t peak_allocated;  /* maximum allocated_bytes ever */
    size_t failed_allocs;   /* allocation requests answered with NULL */
    size_t extent;          /* highest region offset a handed-out block reached */
};

/* 1 if h is a live heap (non-NULL, magic intact). */
int heap_is_live(const tagheap *h);

/* Largest payload the empty heap can hand out: one block spanning it. */
size_t heap_capacity(const tagheap *h);

#endif
