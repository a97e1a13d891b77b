/* SPDX-License-Identifier: MIT */
/*
 * The drop-in malloc (build/libtagheap-preload.so): what its files share.
 *
 * The preload layer is shell code, like src/tagheap.c: it decides which tagheap
 * region serves a request, takes one lock around every call, and says what
 * happened; every change to a heap's metadata is still made by the verified
 * core through the tagheap_* API.  Nothing declared here is exported: only the
 * C allocation interface in exports.c leaves the library (preload/preload.map).
 *
 *   exports.c      malloc, free, ... : the symbols a program's calls bind to
 *   allocate.c     what each of them means (errno, alignment, realloc across regions)
 *   regions.c      the heap as a set of tagheap regions, found by address
 *   free_extent.c  where the free block around a freed block lies (reads tags only)
 *   release.c      giving the pages of large free blocks back to the kernel
 *   config.c       the TAGHEAP_* environment variables
 *   report.c       one-line messages, the bad-pointer policy, the exit summary
 *   lock.c         the one lock, and keeping it consistent across fork
 */
#ifndef TAGHEAP_PRELOAD_H
#define TAGHEAP_PRELOAD_H

#include <stddef.h>
#include <stdint.h>

#include "tagheap.h"

/* ---- the allocation interface, under internal names (allocate.c) ----
 * exports.c binds the C names to these; the ThreadSanitizer test calls them
 * directly, because TSan's runtime owns the names malloc and free itself. */
void *preload_malloc(size_t n);
void preload_free(void *p);
void *preload_calloc(size_t count, size_t size);
void *preload_realloc(void *p, size_t n);
void *preload_reallocarray(void *p, size_t count, size_t size);
int preload_posix_memalign(void **out, size_t alignment, size_t n);
void *preload_aligned_alloc(size_t alignment, size_t n);
void *preload_memalign(size_t alignment, size_t n);
void *preload_valloc(size_t n);
void *preload_pvalloc(size_t n);
size_t preload_malloc_usable_size(void *p);

/* ---- settings, read once from the environment (config.c) ---- */
enum bad_pointer_policy {
    BAD_POINTER_ABORT, /* default: one line on stderr, then abort() */
    BAD_POINTER_WARN   /* one line on stderr, and the call does nothing */
};
struct preload_config {
    size_t region_bytes;            /* TAGHEAP_REGION_MB: size of the largest standard region */
    size_t dedicated_min;           /* requests above this get a region of their own */
    size_t release_keep;            /* TAGHEAP_RELEASE_KIB: resident head of each free block */
    enum bad_pointer_policy policy; /* TAGHEAP_INVALID_POINTER=abort|warn */
    unsigned long check_every;      /* TAGHEAP_CHECK_EVERY: 0 = never */
    int stats_at_exit;              /* TAGHEAP_STATS=1 */
};
extern struct preload_config preload_config;
void config_read(void);
/* The kernel's page size (sysconf, read once). */
size_t page_bytes(void);

/* ---- the one lock (lock.c) ---- */
void preload_lock(void);
void preload_unlock(void);

/* ---- regions (regions.c) ---- */
struct region {
    uintptr_t start, end; /* the mapping: this record, then the tagheap region */
    tagheap *heap;
    int dedicated;      /* holds one large block; unmapped when that block is freed */
    size_t no_fit_from; /* a malloc of this many bytes or more is known to fail here */
    /* Bytes of the free block this region's last free made, 0 if an allocation
     * or a resize here came since: that block heads its class's list, so the
     * core's good-fit search serves any request it holds, with it or with a
     * block as good (core_malloc's clauses own_class_first and none_fits). */
    size_t last_free_capacity;
};
/* The region whose mapping holds p, or NULL: a binary search by address. */
struct region *region_of(const void *p);
/* The k-th region in address order, k < region_count(). */
size_t region_count(void);
struct region *region_at(size_t k);
/* A new standard region that can hold a request of `request` bytes, or a
 * dedicated one able to hold one block of `bytes` at `alignment`; NULL (errno
 * ENOMEM) when the kernel refuses the mapping or the table cannot grow. */
struct region *region_add_standard(size_t request);
struct region *region_add_dedicated(size_t bytes, size_t alignment);
/* Unmap a dedicated region whose block was freed. */
void region_remove(struct region *r);
/* Mapped bytes of all regions now, and at most ever. */
size_t regions_mapped_bytes(void);
size_t regions_peak_mapped_bytes(void);

/* ---- the free block around a freed one (free_extent.c) ---- */
/* Payload bytes of a free block that hold no tag and no free-list link: what
 * may be given back to the kernel.  Empty (start == end) when there is none. */
struct free_span {
    uintptr_t start, end;
};
/* For a live block p of h, before it is freed: the header index of the block
 * it will be part of once freed (its own, or a free predecessor's). */
int64_t merge_target_of(const tagheap *h, const void *p);
/* After the free: the span of the free block whose header is at index i, or an
 * empty span if no free block starts there. */
struct free_span free_span_at(const tagheap *h, int64_t i);
/* The span of the free block right after live block p, or an empty span (the
 * tail a realloc that shrank p in place has freed and merged). */
struct free_span free_span_after(const tagheap *h, const void *p);
/* Bytes a malloc could take from the free block of `span` (its whole payload). */
size_t free_span_capacity(struct free_span span);

/* ---- giving memory back (release.c) ---- */
/* Bytes [freed_start, freed_end) were a block that is now part of the free
 * block `span`: return the whole pages of span near them, beyond its first
 * release_keep bytes, with madvise(MADV_DONTNEED). */
void release_free_pages(struct free_span span, uintptr_t freed_start, uintptr_t freed_end);

/* ---- counters, for the exit summary (allocate.c, release.c, regions.c) ---- */
struct preload_stats {
    size_t calls;           /* allocation-interface calls that reached the heap */
    size_t bytes_in_use;    /* usable bytes of live blocks */
    size_t peak_in_use;     /* maximum of bytes_in_use */
    size_t regions_created; /* standard and dedicated */
    size_t dedicated_created;
    size_t released_bytes; /* handed to madvise(MADV_DONTNEED), summed over calls */
    size_t release_calls;
    size_t bad_pointers; /* reported under the warn policy */
    size_t checks;       /* TAGHEAP_CHECK_EVERY heap checks run */
};
extern struct preload_stats preload_stats;

/* ---- messages (report.c) ---- */
/* What is wrong with a pointer: a TAGHEAP_E* code, or NOT_OURS for one
 * outside every region. */
enum { NOT_OURS = 1 };
/* Report `call`(p) on a pointer that is not a live block; called without the
 * lock held.  Aborts under the abort policy; returns under the warn policy. */
void report_bad_pointer(const char *call, const void *p, int error);
/* Report a failed heap check and abort; called without the lock held. */
void report_check_failure(size_t operation, const tagheap_report *report);
/* After every operation, with the lock held: run the checker every
 * check_every calls; on a violation, unlock and report. */
void check_if_due(void);

#endif
