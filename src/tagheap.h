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
 * A tagheap is not thread-safe: callers that share one must serialise access.
 *
 * Error behaviour, in one place:
 *   - allocation functions return NULL with errno == ENOMEM when the heap cannot
 *     satisfy the request (sizes near SIZE_MAX and overflowing calloc products
 *     included), and the heap is unchanged;
 *   - tagheap_aligned_alloc returns NULL with errno == EINVAL for an alignment
 *     that is not a power of two;
 *   - every function taking a tagheap* returns NULL / a TAGHEAP_E* code / 0 and
 *     sets errno == EINVAL when given NULL or something that is not a live heap;
 *   - tagheap_free returns a negative TAGHEAP_E* code for a pointer that is not a
 *     live block of this heap and leaves the heap exactly as it was.
 */
#ifndef TAGHEAP_H
#define TAGHEAP_H

#include <stddef.h>
#include <stdio.h>

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
    /* tagheap_check: what is wrong with the heap */
    TAGHEAP_EBADSIZE = -10,  /* block size below the minimum */
    TAGHEAP_ETILING = -11,   /* blocks do not tile the region up to the end marker */
    TAGHEAP_ESTARTMAP = -12, /* block-start map disagrees with the headers */
    TAGHEAP_EFOOTER = -13,   /* a free block's footer differs from its header */
    TAGHEAP_EADJFREE = -14,  /* two adjacent free blocks (missed coalescing) */
    TAGHEAP_EPREVBIT = -15,  /* previous-allocated bit disagrees with the block before */
    TAGHEAP_EENDMARK = -16   /* the end marker is damaged */
};

/* What tagheap_check found; offset is the byte offset of the offending block
 * from the start of the heap's block area (0 when not about one block). */
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
    size_t extent;          /* high-water mark of region bytes handed out, from its start */
    size_t blocks;          /* blocks, allocated and free (end marker excluded) */
    size_t free_blocks;     /* free blocks */
    size_t failed_allocs;   /* allocation requests answered with NULL */
} tagheap_stats;

/* Map `bytes` (rounded up to the page size) with mmap and build a heap in it.
 * NULL with errno EINVAL (too small to hold a heap) or ENOMEM (mmap failed). */
tagheap *tagheap_create(size_t bytes);

/* Build a heap inside the caller's region.  Any start alignment and length are
 * accepted; the unusable ends are skipped.  NULL with errno EINVAL when region is
 * NULL or too small to hold the heap's state and one minimum block. */
tagheap *tagheap_init(void *region, size_t bytes);

/* Unmap what tagheap_create mapped; for tagheap_init heaps only invalidates the
 * handle.  NULL is ignored. */
void tagheap_destroy(tagheap *h);

/* At least n bytes, 16-byte aligned, uncleared.  malloc(h, 0) returns a unique
 * minimum-size block (never NULL while memory remains). */
void *tagheap_malloc(tagheap *h, size_t n);

/* 0, or a negative TAGHEAP_E* code with the heap unchanged.  free(h, NULL) is 0. */
int tagheap_free(tagheap *h, void *p);

/* count*size zeroed bytes; an overflowing product is ENOMEM. */
void *tagheap_calloc(tagheap *h, size_t count, size_t size);

/* Resize keeping the first min(old, new) bytes.  Shrinks and grows in place when
 * it can, otherwise moves.  realloc(h, NULL, n) is malloc(h, n).  realloc(h, p, 0)
 * shrinks p to a minimum-size block and returns it (p is not freed).  On failure
 * NULL is returned and p is untouched: errno ENOMEM, or EINVAL for a p that is not
 * a live block. */
void *tagheap_realloc(tagheap *h, void *p, size_t n);

/* n bytes at an address that is a multiple of alignment (any power of two). */
void *tagheap_aligned_alloc(tagheap *h, size_t alignment, size_t n);

/* Bytes usable at p (>= the size requested); 0 for NULL or a pointer that is not
 * a live block. */
size_t tagheap_usable_size(tagheap *h, const void *p);

/* Walk the whole heap and verify the invariant.  0 if well-formed, otherwise the
 * first problem's code; report (may be NULL) says what and where. */
int tagheap_check(tagheap *h, tagheap_report *report);

/* One line per block: offset, size, status, payload address. */
void tagheap_dump(tagheap *h, FILE *out);

void tagheap_get_stats(tagheap *h, tagheap_stats *stats);

/* A sentence for each TAGHEAP_E* code; never NULL. */
const char *tagheap_strerror(int code);

#ifdef __cplusplus
}
#endif
#endif
