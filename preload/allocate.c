/* SPDX-License-Identifier: MIT */
/*
 * Preload: what each function of the C allocation interface means, on a heap
 * made of tagheap regions (regions.c).
 *
 *   - A request that the block made by the last free can hold goes to that
 *     free's region first (struct region's last_free_capacity); otherwise to
 *     the first standard region, in address order, that can take it; a region
 *     where a malloc of n bytes failed is skipped for requests of n bytes or
 *     more until a free there makes a block that holds more (struct region's
 *     no_fit_from); when none can, a new region is mapped.
 *     A request above preload_config.dedicated_min gets a region of its own.
 *   - errno as POSIX says: ENOMEM on failure, EINVAL for a bad alignment
 *     (posix_memalign returns its error instead and leaves errno alone), and
 *     unchanged on success and by free.
 *   - malloc(0) is a unique minimum block; free(NULL) does nothing;
 *     realloc(p, 0) frees p and returns NULL, as glibc's does.
 *   - A pointer that is not a live block (never handed out, interior, already
 *     freed) is reported by report.c under the configured policy.
 *
 * Every function takes the one lock once (lock.c); the report of a bad pointer
 * is made after it is released.
 */
#include <errno.h>
#include <string.h>

#include "preload.h"
#include "shell.h"

struct preload_stats preload_stats;

/* The smallest alignment that needs more than malloc: payloads are 16-aligned. */
enum { MALLOC_ALIGNMENT = SIZE_UNIT };

static void call_begins(void)
{
    preload_lock();
    config_read();
    preload_stats.calls++;
}

static void call_ends(void)
{
    check_if_due();
    preload_unlock();
}

static void account_allocated(const struct region *r, const void *p)
{
    preload_stats.bytes_in_use += heap_usable_of_allocated(r->heap, p);
    if (preload_stats.bytes_in_use > preload_stats.peak_in_use)
        preload_stats.peak_in_use = preload_stats.bytes_in_use;
}

/* The standard region where the last free was made, NULL before the first
 * (standard regions are never unmapped). */
static struct region *last_free_region;

/* Region r forgets the free block its last free made: an allocation or a
 * resize there may have taken it. */
static void forget_last_free(struct region *r)
{
    r->last_free_capacity = 0;
}

/* A free in r made the free block of `span`: requests it can hold may fit
 * again, larger ones still cannot.  A failed malloc of n bytes means that no
 * free block holds n, nor any larger request (the search rounds a larger
 * request to the same class or a higher one); a free grows one free block,
 * to `capacity` bytes, and merges into it the free blocks it absorbs. */
static void note_free_space(struct region *r, struct free_span span)
{
    size_t capacity = free_span_capacity(span);
    r->last_free_capacity = capacity;
    if (!r->dedicated) /* a dedicated region is unmapped when its block is freed */
        last_free_region = r;
    if (capacity == 0)
        r->no_fit_from = SIZE_MAX; /* unknown: search it again */
    else if (r->no_fit_from != SIZE_MAX && capacity + 1 > r->no_fit_from)
        r->no_fit_from = capacity + 1;
}

/* One block of n bytes at `alignment` from region r, zeroed if asked; NULL
 * (errno ENOMEM) when r has no free block that holds it. */
static void *allocate_in(struct region *r, size_t n, size_t alignment, int zeroed)
{
    void *p;
    if (alignment > MALLOC_ALIGNMENT)
        p = tagheap_aligned_alloc(r->heap, alignment, n);
    else
        p = zeroed ? tagheap_calloc(r->heap, 1, n) : tagheap_malloc(r->heap, n);
    if (p == NULL) {
        /* an aligned request can fail where a plain one of the same size fits */
        if (alignment <= MALLOC_ALIGNMENT && n < r->no_fit_from)
            r->no_fit_from = n;
        return NULL;
    }
    forget_last_free(r);
    if (zeroed && alignment > MALLOC_ALIGNMENT)
        memset(p, 0, n);
    account_allocated(r, p);
    return p;
}

static void *allocate_dedicated(size_t n, size_t alignment, int zeroed)
{
    struct region *r = region_add_dedicated(n, alignment);
    if (r == NULL)
        return NULL;
    void *p = allocate_in(r, n, alignment, zeroed);
    if (p == NULL) {
        region_remove(r);
        errno = ENOMEM;
    }
    return p;
}

/* With the lock held: a block from the first region that has one. */
static void *allocate_locked(size_t n, size_t alignment, int zeroed)
{
    if (n > preload_config.dedicated_min || alignment > preload_config.dedicated_min)
        return allocate_dedicated(n, alignment, zeroed);
    /* first the region of the last free, if the block it made holds n: it
     * serves n at the first try (struct region, last_free_capacity) */
    struct region *last = last_free_region;
    if (last != NULL && alignment <= MALLOC_ALIGNMENT && n <= last->last_free_capacity) {
        void *p = allocate_in(last, n, alignment, zeroed);
        if (p != NULL)
            return p;
    }
    for (size_t k = 0; k < region_count(); k++) {
        struct region *r = region_at(k);
        if (r->dedicated || n >= r->no_fit_from)
            continue;
        void *p = allocate_in(r, n, alignment, zeroed);
        if (p != NULL)
            return p;
    }
    struct region *fresh = region_add_standard(n + alignment);
    return fresh == NULL ? NULL : allocate_in(fresh, n, alignment, zeroed);
}

/* malloc, calloc and the aligned family: errno is left alone on success (a
 * region that could not serve the request has set ENOMEM on the way). */
static void *allocate(size_t n, size_t alignment, int zeroed)
{
    int saved_errno = errno;
    call_begins();
    void *p = allocate_locked(n, alignment, zeroed);
    call_ends();
    if (p != NULL)
        errno = saved_errno;
    return p;
}

/* With the lock held: TAGHEAP_OK, p's region and its usable bytes, or what is
 * wrong with p.  This is the one validation of p in a free or realloc: what
 * acts on p afterwards (free_block) relies on it. */
static int live_region_of(const void *p, struct region **region, size_t *usable)
{
    struct region *r = region_of(p);
    if (r == NULL)
        return NOT_OURS;
    *region = r;
    return heap_live_usable(r->heap, p, usable);
}

/* With the lock held: free live block p (usable bytes) of region r and give
 * back what it can.  live_region_of found p live; since then at most an
 * allocation ran on r (move_locked), and allocations move no allocated block. */
static void free_block(struct region *r, void *p, size_t usable)
{
    preload_stats.bytes_in_use -= usable;
    if (r->dedicated) {
        region_remove(r); /* its one block: the whole mapping goes back */
        return;
    }
    int64_t merged_into = merge_target_of(r->heap, p);
    heap_free_validated(r->heap, p); /* validated by live_region_of */
    struct free_span span = free_span_at(r->heap, merged_into);
    note_free_space(r, span);
    release_free_pages(span, (uintptr_t)p - WORD_BYTES, (uintptr_t)p + usable);
}

static int free_locked(void *p)
{
    struct region *r;
    size_t usable;
    int status = live_region_of(p, &r, &usable);
    if (status == TAGHEAP_OK)
        free_block(r, p, usable);
    return status;
}

void *preload_malloc(size_t n)
{
    return allocate(n, MALLOC_ALIGNMENT, 0);
}

void preload_free(void *p)
{
    if (p == NULL)
        return;
    int saved_errno = errno;
    call_begins();
    int status = free_locked(p);
    call_ends();
    if (status != TAGHEAP_OK)
        report_bad_pointer("free", p, status);
    errno = saved_errno;
}

void *preload_calloc(size_t count, size_t size)
{
    size_t n;
    if (__builtin_mul_overflow(count, size, &n)) {
        errno = ENOMEM;
        return NULL;
    }
    return allocate(n, MALLOC_ALIGNMENT, 1);
}

/* With the lock held: p (old usable bytes) moved to a new block of n bytes
 * anywhere, or NULL (errno ENOMEM) with p untouched. */
static void *move_locked(struct region *r, void *p, size_t old, size_t n)
{
    void *q = allocate_locked(n, MALLOC_ALIGNMENT, 0);
    if (q == NULL)
        return NULL;
    memcpy(q, p, old < n ? old : n);
    free_block(r, p, old);
    return q;
}

/* With the lock held: tagheap_realloc inside p's standard region, then give
 * back what it freed (a shrunk tail, or the old block of a move).  NULL
 * (errno ENOMEM) with p untouched when the region has no room. */
static void *resize_in_region(struct region *r, void *p, size_t old, size_t n)
{
    int64_t old_merged_into = merge_target_of(r->heap, p);
    void *q = heap_realloc_validated(r->heap, p, n); /* validated by live_region_of */
    if (q == NULL) {
        if (n < r->no_fit_from)
            r->no_fit_from = n;
        return NULL;
    }
    preload_stats.bytes_in_use -= old;
    account_allocated(r, q);
    forget_last_free(r); /* growing in place may have taken it */
    struct free_span span;
    uintptr_t old_end = (uintptr_t)p + old;
    if (q == p) {
        span = free_span_after(r->heap, p); /* a shrink's tail, merged with what follows */
    } else {
        /* the old block is free now, merged as a free would have merged it,
         * unless the new block was carved from the start of that free
         * predecessor: then the free block holding it begins after the new one */
        span = free_span_at(r->heap, old_merged_into);
        if (!(span.start <= old_end && (uintptr_t)p < span.end))
            span = free_span_after(r->heap, q);
    }
    note_free_space(r, span);
    if (span.start <= old_end && (uintptr_t)p < span.end)
        release_free_pages(span, (uintptr_t)p - WORD_BYTES, old_end);
    return q;
}

static void *realloc_locked(void *p, size_t n, int *status)
{
    struct region *r;
    size_t old;
    *status = live_region_of(p, &r, &old);
    if (*status != TAGHEAP_OK)
        return NULL;
    int wants_dedicated = n > preload_config.dedicated_min;
    if (r->dedicated !=
        wants_dedicated) /* a large block shrinks into, or grows out of, a standard region */
        return move_locked(r, p, old, n);
    void *q = resize_in_region(r, p, old, n);
    return q != NULL ? q : move_locked(r, p, old, n);
}

void *preload_realloc(void *p, size_t n)
{
    if (p == NULL)
        return preload_malloc(n);
    if (n == 0) {
        preload_free(p);
        return NULL;
    }
    int saved_errno = errno;
    call_begins();
    int status;
    void *q = realloc_locked(p, n, &status);
    call_ends();
    if (status != TAGHEAP_OK) {
        report_bad_pointer("realloc", p, status);
        errno = EINVAL;
        return NULL;
    }
    if (q != NULL)
        errno = saved_errno;
    return q;
}

void *preload_reallocarray(void *p, size_t count, size_t size)
{
    size_t n;
    if (__builtin_mul_overflow(count, size, &n)) {
        errno = ENOMEM;
        return NULL;
    }
    return preload_realloc(p, n);
}

static int is_power_of_two(size_t a)
{
    return a != 0 && (a & (a - 1)) == 0;
}

int preload_posix_memalign(void **out, size_t alignment, size_t n)
{
    if (!is_power_of_two(alignment) || alignment % sizeof(void *) != 0)
        return EINVAL;
    int saved_errno = errno;
    void *p = allocate(n, alignment, 0);
    if (p == NULL) {
        errno = saved_errno; /* posix_memalign reports through its result only */
        return ENOMEM;
    }
    *out = p;
    return 0;
}

void *preload_aligned_alloc(size_t alignment, size_t n)
{
    if (!is_power_of_two(alignment)) {
        errno = EINVAL;
        return NULL;
    }
    return allocate(n, alignment, 0);
}

/* glibc's memalign rounds an alignment that is no power of two up to one. */
void *preload_memalign(size_t alignment, size_t n)
{
    size_t power = MALLOC_ALIGNMENT;
    while (power < alignment) {
        if (power > SIZE_MAX / 2) {
            errno = EINVAL;
            return NULL;
        }
        power *= 2;
    }
    return allocate(n, power, 0);
}

void *preload_valloc(size_t n)
{
    return allocate(n, page_bytes(), 0);
}

/* valloc with the size rounded up to whole pages (0 gives one page). */
void *preload_pvalloc(size_t n)
{
    size_t page = page_bytes();
    if (n > SIZE_MAX - page) {
        errno = ENOMEM;
        return NULL;
    }
    size_t rounded = n == 0 ? page : (n + page - 1) / page * page;
    return allocate(rounded, page, 0);
}

size_t preload_malloc_usable_size(void *p)
{
    if (p == NULL)
        return 0;
    call_begins();
    struct region *r;
    size_t usable = 0;
    int status = live_region_of(p, &r, &usable);
    call_ends();
    if (status != TAGHEAP_OK)
        report_bad_pointer("malloc_usable_size", p, status);
    return usable;
}
