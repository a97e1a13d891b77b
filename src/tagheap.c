/* SPDX-License-Identifier: MIT */
/*
 * Shell: the public allocation API.  Everything here is conversion and
 * bookkeeping the proof does not cover — payload pointer <-> word index (with
 * range and alignment checks), bytes -> words, errno, statistics, the lock
 * hooks.  Every change to heap metadata is made by the verified core.
 *
 * Each public function checks the handle, takes the heap's lock, and calls a
 * *_locked helper; helpers call each other, never the public functions, so the
 * lock is taken once per operation.
 */
#include <stdint.h>

#include "annotate.h"
#include "shell.h"

/* Word index of the header whose payload is p, or a TAGHEAP_E* code. */
static int payload_index(const tagheap *h, const void *p, int64_t *index)
{
    uintptr_t address = (uintptr_t)p;
    uintptr_t base = (uintptr_t)h->core.words;
    /* payloads lie between word 2 (first block) and the end marker */
    if (address < base + 2 * WORD_BYTES ||
        address >= base + (uintptr_t)(h->core.n - 1) * WORD_BYTES)
        return TAGHEAP_EOUTSIDE;
    if ((address - base) % SIZE_UNIT != 0)
        return TAGHEAP_EMISALIGNED;
    *index = (int64_t)((address - base) / WORD_BYTES) - HEADER_WORDS;
    return TAGHEAP_OK;
}

/* Index of the live block whose payload is p, or a negative TAGHEAP_E* code. */
static int live_block(const tagheap *h, const void *p, int64_t *index)
{
    int status = payload_index(h, p, index);
    if (status != TAGHEAP_OK)
        return status;
    annotate_core_enter();
    status = core_validate(&h->core, h->heads, *index);
    annotate_core_leave();
    return status;
}

static void *payload_of(const tagheap *h, int64_t i)
{
    return h->core.words + i + HEADER_WORDS;
}

static size_t usable_of(const tagheap *h, int64_t i)
{
    annotate_core_enter();
    size_t usable = (size_t)core_usable_bytes(&h->core, i);
    annotate_core_leave();
    return usable;
}

static void *allocation_failed(tagheap *h, int error)
{
    h->failed_allocs++;
    set_errno(error);
    return NULL;
}

/* Record that block i (usable_before bytes before this call) is now handed out. */
static void *handed_out(tagheap *h, int64_t i, size_t usable_before)
{
    h->allocated_bytes = h->allocated_bytes - usable_before + usable_of(h, i);
    if (h->allocated_bytes > h->peak_allocated)
        h->peak_allocated = h->allocated_bytes;
    annotate_core_enter();
    size_t reached = heap_bytes_reached(h, i + block_size(&h->core, i));
    annotate_core_leave();
    if (reached > h->extent)
        h->extent = reached;
    return payload_of(h, i);
}

/* handed_out for a block that was free before this call. */
static void *handed_out_fresh(tagheap *h, int64_t i, int zeroed)
{
    void *p = handed_out(h, i, 0);
    annotate_block_allocated(p, usable_of(h, i), zeroed);
    return p;
}

/* Words for a request of n bytes, or 0 when no block of this heap could hold it. */
static int64_t words_for_request(const tagheap *h, size_t n)
{
    return n > heap_capacity(h) ? 0 : core_words_for((int64_t)n);
}

/* Index of a newly allocated block of at least n bytes, or NO_BLOCK (counted). */
static int64_t allocate(tagheap *h, size_t n)
{
    int64_t need = words_for_request(h, n);
    annotate_core_enter();
    int64_t i = need == 0 ? NO_BLOCK : core_malloc(&h->core, h->heads, need);
    annotate_core_leave();
    if (i == NO_BLOCK)
        allocation_failed(h, ENOMEM);
    return i;
}

static void *malloc_locked(tagheap *h, size_t n)
{
    int64_t i = allocate(h, n);
    return i == NO_BLOCK ? NULL : handed_out_fresh(h, i, 0);
}

/* Free live block i, whose payload is p. */
static void release_live(tagheap *h, int64_t i, void *p)
{
    size_t usable = usable_of(h, i);
    h->allocated_bytes -= usable;
    annotate_core_enter();
    core_release(&h->core, h->heads, i);
    annotate_core_leave();
    annotate_block_freed(p, usable);
}

static int free_locked(tagheap *h, void *p)
{
    if (p == NULL)
        return TAGHEAP_OK;
    int64_t i;
    int status = live_block(h, p, &i);
    if (status != TAGHEAP_OK)
        return status;
    release_live(h, i, p);
    return TAGHEAP_OK;
}

static void *calloc_locked(tagheap *h, size_t count, size_t size)
{
    if (!core_product_fits(count, size, SIZE_MAX))
        return allocation_failed(h, ENOMEM);
    int64_t i = allocate(h, count * size);
    if (i == NO_BLOCK)
        return NULL;
    annotate_core_enter();
    core_zero_payload(&h->core, i);
    annotate_core_leave();
    return handed_out_fresh(h, i, 1);
}

/* Resize live block i, whose payload is p, to n bytes. */
static void *realloc_live(tagheap *h, int64_t i, void *p, size_t n)
{
    int64_t need = words_for_request(h, n);
    if (need == 0)
        return allocation_failed(h, ENOMEM);
    size_t usable_before = usable_of(h, i);
    annotate_core_enter();
    int64_t j = core_realloc(&h->core, h->heads, i, need);
    annotate_core_leave();
    if (j == NO_BLOCK)
        return allocation_failed(h, ENOMEM);
    void *moved = handed_out(h, j, usable_before);
    annotate_block_moved(p, usable_before, moved, usable_of(h, j));
    return moved;
}

static void *realloc_locked(tagheap *h, void *p, size_t n)
{
    if (p == NULL)
        return malloc_locked(h, n);
    int64_t i;
    if (live_block(h, p, &i) != TAGHEAP_OK) {
        set_errno(EINVAL);
        return NULL;
    }
    return realloc_live(h, i, p, n);
}

static void *aligned_alloc_locked(tagheap *h, size_t alignment, size_t n)
{
    if (alignment <= SIZE_UNIT)
        return malloc_locked(h, n);
    int64_t need = words_for_request(h, n);
    /* Only an alignment the core cannot take (more granules than any heap has
     * words) is refused here: an alignment above the capacity may still fall
     * on a free block's payload, and then the request fits. */
    uint64_t align_granules = alignment / SIZE_UNIT; /* a variable: on a 32-bit target gcc
                                                       * would call the test below always false */
    if (need == 0 || align_granules > (uint64_t)CORE_MAX_WORDS)
        return allocation_failed(h, ENOMEM);
    uint64_t base_phase = ((uintptr_t)h->core.words / SIZE_UNIT) % align_granules;
    annotate_core_enter();
    int64_t i = core_aligned(&h->core, h->heads, need, (int64_t)align_granules, (int64_t)base_phase);
    annotate_core_leave();
    if (i == NO_BLOCK)
        return allocation_failed(h, ENOMEM);
    return handed_out_fresh(h, i, 0);
}

static size_t usable_size_locked(const tagheap *h, const void *p)
{
    int64_t i;
    if (p == NULL || live_block(h, p, &i) != TAGHEAP_OK)
        return 0;
    return usable_of(h, i);
}

/* NULL with errno EINVAL: a dead heap, or an alignment that is no power of two. */
static void *invalid_argument(void)
{
    set_errno(EINVAL);
    return NULL;
}

void *tagheap_malloc(tagheap *h, size_t n)
{
    if (!heap_is_live(h))
        return invalid_argument();
    heap_lock(h);
    void *p = malloc_locked(h, n);
    heap_unlock(h);
    return p;
}

int tagheap_free(tagheap *h, void *p)
{
    if (!heap_is_live(h)) {
        set_errno(EINVAL);
        return TAGHEAP_EBADHEAP;
    }
    heap_lock(h);
    int status = free_locked(h, p);
    heap_unlock(h);
    return status;
}

void *tagheap_calloc(tagheap *h, size_t count, size_t size)
{
    if (!heap_is_live(h))
        return invalid_argument();
    heap_lock(h);
    void *p = calloc_locked(h, count, size);
    heap_unlock(h);
    return p;
}

void *tagheap_realloc(tagheap *h, void *p, size_t n)
{
    if (!heap_is_live(h))
        return invalid_argument();
    heap_lock(h);
    void *q = realloc_locked(h, p, n);
    heap_unlock(h);
    return q;
}

void *tagheap_aligned_alloc(tagheap *h, size_t alignment, size_t n)
{
    if (!heap_is_live(h) || alignment == 0 || (alignment & (alignment - 1)) != 0)
        return invalid_argument();
    heap_lock(h);
    void *p = aligned_alloc_locked(h, alignment, n);
    heap_unlock(h);
    return p;
}

size_t tagheap_usable_size(tagheap *h, const void *p)
{
    if (!heap_is_live(h)) {
        set_errno(EINVAL);
        return 0;
    }
    heap_lock(h);
    size_t usable = usable_size_locked(h, p);
    heap_unlock(h);
    return usable;
}

int heap_live_usable(tagheap *h, const void *p, size_t *usable)
{
    int64_t i;
    heap_lock(h);
    int status = live_block(h, p, &i);
    *usable = status == TAGHEAP_OK ? usable_of(h, i) : 0;
    heap_unlock(h);
    return status;
}

size_t heap_usable_of_allocated(tagheap *h, const void *p)
{
    int64_t i = 0;
    heap_lock(h);
    int status = payload_index(h, p, &i);
    size_t usable = status == TAGHEAP_OK ? usable_of(h, i) : 0;
    heap_unlock(h);
    return usable;
}

void heap_free_validated(tagheap *h, void *p)
{
    int64_t i = 0;
    heap_lock(h);
    if (payload_index(h, p, &i) == TAGHEAP_OK)
        release_live(h, i, p);
    heap_unlock(h);
}

void *heap_realloc_validated(tagheap *h, void *p, size_t n)
{
    int64_t i = 0;
    heap_lock(h);
    void *q = payload_index(h, p, &i) == TAGHEAP_OK ? realloc_live(h, i, p, n) : NULL;
    heap_unlock(h);
    return q;
}

int heap_pointer_status(tagheap *h, const void *p)
{
    int64_t i;
    heap_lock(h);
    int status = live_block(h, p, &i);
    heap_unlock(h);
    return status;
}
