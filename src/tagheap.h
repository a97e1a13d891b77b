/* SPDX-License-Identifier: MIT */
/*
 * tagheap — a boundary-tag heap allocator over one memory region.
 *
 * A heap is one contiguous region: either mapped with mmap by tagheap_create, or
 * handed in by the caller (tagheap_init, e.g. a static buffer on an embedded
 * target).  The allocator keeps all of its state inside that region.
 *
 * Every block has a one-word header (size, "allocated", "previous allocated");
 * free blocks also carry a footer.  Allocation takes the first free block that
 * fits and splits off the remainder; free merges immediately with free
 * neighbours.  Payloads are 16-byte aligned.  Memory is never cleared except by
 * tagheap_calloc.
 *
 * A tagheap is not thread-safe by itself: callers that share one either
 * serialise access or give it a pair of lock hooks (tagheap_set_lock).
 *
 * Error behaviour, in one place:
 *   - allocation functions return NULL with errno == ENOMEM when the heap cannot
 *     satisfy the request (sizes near SIZE_MAX and overflowing calloc products
 *     included), and the heap is unchanged;
 *   - tagheap_aligned_alloc returns NULL with errno == EINVAL for an alignment
 *     that is not a power of two;
 *   - every function taking a tagheap* returns NULL / a TAGHEAP_E* code / 0 and
 *     sets errno == EINVAL when given NULL or something that is not a live heap;
 *     a required argument that is NULL (dump stream, walk visitor) is
 *     TAGHEAP_EARG with errno == EINVAL;
 *   - tagheap_free returns a negative TAGHEAP_E* code for a pointer that is not a
 *     live block of this heap and leaves the heap exactly as it was.
 */
#ifndef TAGHEAP_H
#define TAGHEAP_H

/*
 * Build options (define them for the library and for code that includes this
 * header alike):
 *
 *   TAGHEAP_BARE_METAL  a freestanding build for firmware: no mmap, no stdio, no
 *       errno.  tagheap_create and tagheap_dump are left out (give the heap a
 *       static buffer with tagheap_init); errors are recorded in tagheap_errno
 *       instead of errno, because a C library's errno may be a function call
 *       (newlib's __errno()) and a firmware may have no C library at all.
 */
#include <stddef.h>
#if !defined(TAGHEAP_BARE_METAL)
#include <stdio.h>
#endif

/* The version of this header; tagheap_version() gives the library's. */
#define TAGHEAP_VERSION_MAJOR 1
#define TAGHEAP_VERSION_MINOR 0
#define TAGHEAP_VERSION_PATCH 0
#define TAGHEAP_VERSION_STRING "1.0.0"

/* The library is built with -fvisibility=hidden: only what is marked TAGHEAP_API
 * is exported, so the allocator's internal names cannot collide with a user's. */
#if defined(__GNUC__) || defined(__clang__)
#define TAGHEAP_API __attribute__((visibility("default")))
#else
#define TAGHEAP_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tagheap tagheap; /* opaque; lives at the start of its region */

/* Error codes: 0 is success, every error is negative. */
enum tagheap_error {
    TAGHEAP_OK = 0,
    /* tagheap_free / tagheap_realloc / tagheap_usable_size on a bad pointer */
    TAGHEAP_EOUTSIDE = -1,    /* pointer is not inside this heap's blocks */
    TAGHEAP_EMISALIGNED = -2, /* pointer is not 16-byte aligned: never a payload */
    TAGHEAP_ENOTBLOCK = -3,   /* not the start of a block: interior pointer, or a
                                 block already freed and merged with a neighbour */
    TAGHEAP_EFREED = -4,      /* the block is already free (double free) */
    TAGHEAP_ECORRUPT = -5,    /* the block's tags are inconsistent (overwritten) */
    TAGHEAP_EBADHEAP = -6,    /* the tagheap* is NULL or not a live heap */
    TAGHEAP_EARG = -7,        /* a required argument is NULL or out of range */
    /* tagheap_check: what is wrong with the heap */
    TAGHEAP_EBADSIZE = -10,  /* block size below the minimum */
    TAGHEAP_ETILING = -11,   /* blocks do not tile the region up to the end marker */
    TAGHEAP_ESTARTMAP = -12, /* block-start map disagrees with the headers */
    TAGHEAP_EFOOTER = -13,   /* a free block's footer differs from its header */
    TAGHEAP_EADJFREE = -14,  /* two adjacent free blocks (missed coalescing) */
    TAGHEAP_EPREVBIT = -15,  /* previous-allocated bit disagrees with the block before */
    TAGHEAP_EENDMARK = -16,  /* the end marker is damaged */
    /* tagheap_check: what is wrong with the free lists (checked once the tags pass) */
    TAGHEAP_ELISTHEAD = -17,  /* a list head is not a free block, or a free block
                                 without a previous link is not its class's head */
    TAGHEAP_ELISTLINK = -18,  /* a free block's link does not lead to a free block
                                 that links back */
    TAGHEAP_ELISTCLASS = -19, /* a free block is listed with blocks of another size
                                 class, or in none the heap has */
    TAGHEAP_EUNLISTED = -20,  /* free blocks that no list head leads to (a ring of
                                 links detached from its list) */
    TAGHEAP_ELISTMAP = -21    /* the group map of non-empty size classes disagrees
                                 with the heads */
};

/* What tagheap_check found; offset is the byte offset of the offending block's
 * header from the start of the heap's block area, as tagheap_walk and
 * tagheap_dump give it (0 when not about one block: no block starts at 0).  The
 * message writes offsets as the dump does: 0x and at least 8 hex digits. */
typedef struct tagheap_report {
    int code;
    size_t offset;
    char message[160];
} tagheap_report;

/* A snapshot of the heap, filled by tagheap_get_stats (walks the heap: O(blocks)). */
typedef struct tagheap_stats {
    size_t capacity;        /* largest payload the empty heap can hand out */
    size_t allocated_bytes; /* usable bytes of all allocated blocks */
    size_t free_bytes;      /* payload bytes the free blocks could hand out */
    size_t largest_free;    /* largest request that would succeed now */
    size_t peak_allocated;  /* high-water mark of allocated_bytes */
    size_t extent;          /* region bytes in use: the state, and the start map and words up to
                               the end of the furthest block ever handed out */
    size_t blocks;          /* blocks, allocated and free (end marker excluded) */
    size_t free_blocks;     /* free blocks */
    size_t failed_allocs;   /* allocation requests answered with NULL */
} tagheap_stats;

#if !defined(TAGHEAP_BARE_METAL)
/* Map `bytes` (rounded up to the page size) with mmap and build a heap in it.
 * NULL with errno EINVAL (too small to hold a heap) or ENOMEM (mmap failed). */
TAGHEAP_API tagheap *tagheap_create(size_t bytes);
#endif

/* Build a heap inside the caller's region.  Any start alignment and length are
 * accepted; the unusable ends are skipped.  NULL with errno EINVAL when region is
 * NULL, too small to hold the heap's state and one minimum block, or runs past
 * the top of the address space (region + bytes wraps). */
TAGHEAP_API tagheap *tagheap_init(void *region, size_t bytes);

/* Unmap what tagheap_create mapped; for tagheap_init heaps only invalidates the
 * handle.  NULL is ignored.  No other thread may be using the heap. */
TAGHEAP_API void tagheap_destroy(tagheap *h);

/* At least n bytes, 16-byte aligned, uncleared.  malloc(h, 0) returns a unique
 * minimum-size block (never NULL while memory remains). */
TAGHEAP_API void *tagheap_malloc(tagheap *h, size_t n);

/* 0, or a negative TAGHEAP_E* code with the heap unchanged.  free(h, NULL) is 0. */
TAGHEAP_API int tagheap_free(tagheap *h, void *p);

/* count*size zeroed bytes; an overflowing product is ENOMEM. */
TAGHEAP_API void *tagheap_calloc(tagheap *h, size_t count, size_t size);

/* Resize keeping the first min(old, new) bytes.  Shrinks and grows in place when
 * it can, otherwise moves.  realloc(h, NULL, n) is malloc(h, n).  realloc(h, p, 0)
 * shrinks p to a minimum-size block and returns it (p is not freed).  On failure
 * NULL is returned and p is untouched: errno ENOMEM, or EINVAL for a p that is not
 * a live block. */
TAGHEAP_API void *tagheap_realloc(tagheap *h, void *p, size_t n);

/* n bytes at an address that is a multiple of alignment (any power of two). */
TAGHEAP_API void *tagheap_aligned_alloc(tagheap *h, size_t alignment, size_t n);

/* Bytes usable at p (>= the size requested); 0 for NULL or a pointer that is not
 * a live block, and 0 with errno EINVAL when h is not a live heap. */
TAGHEAP_API size_t tagheap_usable_size(tagheap *h, const void *p);

/* Walk the whole heap and verify the invariant.  0 if well-formed, otherwise the
 * first problem's code; report (may be NULL) says what and where.
 * TAGHEAP_EBADHEAP with errno EINVAL when h is not a live heap. */
TAGHEAP_API int tagheap_check(tagheap *h, tagheap_report *report);

/* One block as tagheap_walk shows it. */
typedef struct tagheap_block {
    size_t offset;      /* byte offset of its header in the block area (as in tagheap_report) */
    size_t size;        /* bytes, header included */
    int allocated;      /* 1 if handed out, 0 if free */
    int prev_allocated; /* 1 if the block before it is allocated (or it is the first) */
    void *payload;      /* the address tagheap_malloc returned for it, or would */
} tagheap_block;

/* Called once per block; return 0 to go on, a positive value to stop the walk. */
typedef int (*tagheap_visitor)(const tagheap_block *block, void *context);

/* Visit every block in address order, as far as the tags can be trusted.
 * Returns 0 after the last block; the visitor's value if it stopped the walk;
 * TAGHEAP_ECORRUPT if a header holds a size that cannot be walked (the walk
 * stops before that block, whose offset is the last visited block's offset
 * plus its size); TAGHEAP_EBADHEAP, or TAGHEAP_EARG for a NULL visitor, with
 * errno EINVAL.  The visitor runs with the heap's lock held (tagheap_set_lock):
 * it must not call back into the same heap. */
TAGHEAP_API int tagheap_walk(tagheap *h, tagheap_visitor visit, void *context);

#if !defined(TAGHEAP_BARE_METAL)
/* One line per block: offset, size, status, previous block's status, payload
 * address, in a walk (tagheap_walk); then the end marker.  Returns 0;
 * TAGHEAP_ECORRUPT after a line naming the damaged header where the walk
 * stopped; TAGHEAP_EBADHEAP with errno EINVAL for a dead heap (after a line
 * saying so); TAGHEAP_EARG with errno EINVAL when out is NULL. */
TAGHEAP_API int tagheap_dump(tagheap *h, FILE *out);

/* The same walk as one JSON object, for programs (tools/heapmap.py draws it):
 *   "format": "tagheap-snapshot", "version": 1 (raised only when a field changes
 *       meaning or goes away), "library": tagheap_version();
 *   "region": {"address", "bytes"}: the mapping of a tagheap_create heap; for a
 *       tagheap_init heap, from the region's start to the end of the block area
 *       (the heap does not keep the length it was given);
 *   "layout": the region's parts in address order, each {"part", "offset",
 *       "bytes"} in bytes from the region's start, tiling it: "alignment",
 *       "state", "start_map", "padding", "first_word", "blocks", "end_marker",
 *       "unused";
 *   "overhead": the bytes no block holds, by kind ("state", "start_map",
 *       "alignment", "block_area_ends", "unused") and their "total";
 *   "block_area": {"region_offset", "bytes", "first_header", "end_marker"};
 *   "stats": what tagheap_get_stats gives at the same moment;
 *   "blocks": in address order, {"offset", "size", "status", "previous",
 *       "payload_offset", "payload"}: offsets as tagheap_walk gives them,
 *       status "allocated" or "free", previous "allocated", "free" or "none"
 *       (the first block), the payload's address as a "0x..." string;
 *   "walk": "complete" or "damaged", with "damaged_offset" and "damaged_header"
 *       (null when complete).
 * Addresses appear only in "region.address" and "payload".  Returns 0;
 * TAGHEAP_ECORRUPT after a complete object whose walk is "damaged";
 * TAGHEAP_EBADHEAP or TAGHEAP_EARG (out == NULL), with errno EINVAL and
 * nothing written. */
TAGHEAP_API int tagheap_dump_json(tagheap *h, FILE *out);
#endif

TAGHEAP_API void tagheap_get_stats(tagheap *h, tagheap_stats *stats);

/* Lock hooks for a heap shared between threads or RTOS tasks: h calls
 * lock(context) before and unlock(context) after every operation on it
 * (allocation, free, size query, check, walk, dump, statistics), so the hooks
 * can wrap a pthread mutex, an RTOS mutex or an interrupt mask.  Install them
 * before the heap is shared; (NULL, NULL) removes them.  0, or TAGHEAP_EARG
 * when only one of the two is given, or TAGHEAP_EBADHEAP (both with errno
 * EINVAL).  tagheap_destroy does not lock: no thread may use a heap it destroys. */
typedef void (*tagheap_lock_hook)(void *context);
TAGHEAP_API int tagheap_set_lock(tagheap *h, tagheap_lock_hook lock, tagheap_lock_hook unlock,
                                 void *context);

/* A sentence for each TAGHEAP_E* code; never NULL. */
TAGHEAP_API const char *tagheap_strerror(int code);

/* The library's version, "MAJOR.MINOR.PATCH" (TAGHEAP_VERSION_STRING of the
 * header it was built with). */
TAGHEAP_API const char *tagheap_version(void);

#if defined(TAGHEAP_BARE_METAL)
/* Bare-metal builds record here what hosted builds put in errno (EINVAL or
 * ENOMEM, the C library's values, or 22 and 12 without one).  One per program:
 * read it right after the failing call. */
extern TAGHEAP_API int tagheap_errno;
#endif

#ifdef __cplusplus
}
#endif
#endif
