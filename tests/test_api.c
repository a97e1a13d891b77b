/* SPDX-License-Identifier: MIT */
/*
 * Behaviour of every public function on valid input: allocation, splitting,
 * the four coalescing cases, realloc in place and moving, calloc, aligned
 * allocation, usable size, statistics, dump and strerror.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

enum { HEAP_BYTES = 64 * 1024 };

static int setup(void **state)
{
    return setup_created_heap(state, HEAP_BYTES);
}

static tagheap_stats stats_of(tagheap *h)
{
    tagheap_stats s;
    tagheap_get_stats(h, &s);
    return s;
}

static void test_create_gives_one_free_block(void **state)
{
    tagheap *h = *state;
    tagheap_stats s = stats_of(h);
    assert_int_equal(s.blocks, 1);
    assert_int_equal(s.free_blocks, 1);
    assert_int_equal(s.largest_free, s.capacity);
    assert_true(s.capacity > HEAP_BYTES - 8 * 1024); /* state + start map stay small */
    assert_true(s.capacity < HEAP_BYTES);
    assert_int_equal(s.allocated_bytes, 0);
    assert_heap_ok(h);
}

static void test_create_rejects_zero_bytes(void **state)
{
    (void)state;
    errno = 0;
    assert_null(tagheap_create(0));
    assert_int_equal(errno, EINVAL);
}

static void test_init_in_caller_buffer(void **state)
{
    (void)state;
    static _Alignas(16) unsigned char region[8192];
    tagheap *h = tagheap_init(region, sizeof region);
    assert_non_null(h);
    assert_ptr_equal(h, region); /* state lives at the start of the region */
    unsigned char *p = tagheap_malloc(h, 100);
    assert_non_null(p);
    assert_true(p > region && p + 100 <= region + sizeof region);
    assert_heap_ok(h);
    assert_int_equal(tagheap_free(h, p), 0);
    tagheap_destroy(h);
    assert_int_equal(tagheap_check(h, NULL), TAGHEAP_EBADHEAP); /* handle is dead */
}

/* Anonymous memory of this process in KiB (the kernel's count from the page
 * tables), or -1 where /proc does not say. */
static long anonymous_kib(void)
{
    FILE *f = fopen("/proc/self/smaps_rollup", "r");
    if (f == NULL)
        return -1;
    char line[256];
    long kib = -1;
    while (fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, "Anonymous:", 10) == 0 && sscanf(line + 10, "%ld", &kib) != 1)
            kib = -1;
    fclose(f);
    return kib;
}

/* A fresh mapping is all zero, so tagheap_create writes no start map: a 1 GiB
 * heap costs a few pages until it is used, and its extent counts only what
 * blocks reached (the map used to cost 1/17 of the region: 60 MB here). */
static void test_large_create_costs_what_it_uses(void **state)
{
    (void)state;
    long before = anonymous_kib();
    tagheap *h = tagheap_create((size_t)1 << 30);
    assert_non_null(h);
    long after = anonymous_kib();
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    /* sanitizers poison the block area in shadow memory they map themselves */
    if (before >= 0 && after >= 0)
        assert_true(after - before <= 64);
#else
    (void)before;
    (void)after;
#endif
    tagheap_stats s = stats_of(h);
    assert_true(s.extent < 4096);
    size_t empty = s.extent;
    unsigned char *p = tagheap_malloc(h, 1000);
    assert_non_null(p);
    size_t block = tagheap_usable_size(h, p) + 8;
    s = stats_of(h);
    /* the block's words and their map bytes, one per 16 bytes (first block: word 0 too) */
    assert_true(s.extent >= empty + block + block / 16);
    assert_true(s.extent <= empty + block + 8 + (block + 8) / 16 + 1);
    assert_int_equal(tagheap_free(h, p), TAGHEAP_OK);
    assert_heap_ok(h);
    tagheap_destroy(h);
}

/* A caller's region may hold anything: tagheap_init clears the map itself. */
static void test_init_clears_a_dirty_region(void **state)
{
    (void)state;
    static _Alignas(16) unsigned char region[8192];
    memset(region, 1, sizeof region); /* every map byte would read as a block start */
    tagheap *h = tagheap_init(region, sizeof region);
    assert_non_null(h);
    assert_heap_ok(h);
    void *p = tagheap_malloc(h, 100);
    void *q = tagheap_malloc(h, 2000);
    assert_non_null(p);
    assert_non_null(q);
    assert_int_equal(tagheap_free(h, p), TAGHEAP_OK);
    assert_heap_ok(h);
    assert_int_equal(tagheap_free(h, q), TAGHEAP_OK);
    assert_int_equal(stats_of(h).blocks, 1);
    tagheap_destroy(h);
}

static void test_init_with_unaligned_start_and_odd_length(void **state)
{
    (void)state;
    static _Alignas(16) unsigned char region[4099];
    for (size_t skew = 1; skew < 16; skew++) {
        tagheap *h = tagheap_init(region + skew, sizeof region - skew);
        assert_non_null(h);
        void *p = tagheap_malloc(h, 1000);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        assert_true((unsigned char *)p + 1000 <= region + sizeof region);
        assert_heap_ok(h);
    }
}

static void test_malloc_aligns_and_fits(void **state)
{
    tagheap *h = *state;
    for (size_t n = 0; n < 300; n += 7) {
        unsigned char *p = tagheap_malloc(h, n);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        assert_true(tagheap_usable_size(h, p) >= n);
        memset(p, 0xA5, n);
    }
    assert_heap_ok(h);
}

static void test_malloc_zero_gives_unique_blocks(void **state)
{
    tagheap *h = *state;
    void *a = tagheap_malloc(h, 0);
    void *b = tagheap_malloc(h, 0);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    assert_true(tagheap_usable_size(h, a) > 0);
}

static void test_malloc_splits_the_free_block(void **state)
{
    tagheap *h = *state;
    size_t capacity = stats_of(h).capacity;
    void *p = tagheap_malloc(h, 100);
    assert_non_null(p);
    tagheap_stats s = stats_of(h);
    assert_int_equal(s.blocks, 2);
    assert_int_equal(s.free_blocks, 1);
    /* the remainder lost exactly the block: payload + one header */
    assert_int_equal(s.largest_free, capacity - tagheap_usable_size(h, p) - 8);
    assert_heap_ok(h);
}

static void test_malloc_takes_whole_block_when_rest_is_too_small(void **state)
{
    tagheap *h = *state;
    size_t capacity = stats_of(h).capacity;
    /* leave 16 bytes: less than a minimum block, so no split */
    void *p = tagheap_malloc(h, capacity - 16);
    assert_non_null(p);
    tagheap_stats s = stats_of(h);
    assert_int_equal(s.blocks, 1);
    assert_int_equal(s.free_blocks, 0);
    assert_int_equal(tagheap_usable_size(h, p), capacity);
    assert_heap_ok(h);
}

/* Four adjacent blocks a b c d; d keeps the tail of the heap out of the way. */
struct four {
    void *a, *b, *c, *d;
};

static struct four four_blocks(tagheap *h)
{
    struct four f = {tagheap_malloc(h, 64), tagheap_malloc(h, 64), tagheap_malloc(h, 64),
                     tagheap_malloc(h, 64)};
    assert_non_null(f.d);
    assert_true((char *)f.b > (char *)f.a && (char *)f.c > (char *)f.b);
    return f;
}

static void test_free_without_merge(void **state)
{
    tagheap *h = *state;
    struct four f = four_blocks(h);
    size_t blocks = blocks_of(h);
    assert_int_equal(tagheap_free(h, f.b), 0);
    assert_int_equal(blocks_of(h), blocks);
    assert_int_equal(free_blocks_of(h), 2);
    assert_heap_ok(h);
}

static void test_free_merges_with_next(void **state)
{
    tagheap *h = *state;
    struct four f = four_blocks(h);
    assert_int_equal(tagheap_free(h, f.c), 0);
    size_t blocks = blocks_of(h);
    assert_int_equal(tagheap_free(h, f.b), 0);
    assert_int_equal(blocks_of(h), blocks - 1);
    assert_int_equal(free_blocks_of(h), 2);
    assert_heap_ok(h);
    /* the merged block serves a request neither half could */
    void *big = tagheap_malloc(h, 150);
    assert_ptr_equal(big, f.b);
}

static void test_free_merges_with_previous(void **state)
{
    tagheap *h = *state;
    struct four f = four_blocks(h);
    assert_int_equal(tagheap_free(h, f.a), 0);
    size_t blocks = blocks_of(h);
    assert_int_equal(tagheap_free(h, f.b), 0);
    assert_int_equal(blocks_of(h), blocks - 1);
    assert_int_equal(free_blocks_of(h), 2);
    assert_heap_ok(h);
    assert_ptr_equal(tagheap_malloc(h, 150), f.a);
}

static void test_free_merges_with_both(void **state)
{
    tagheap *h = *state;
    struct four f = four_blocks(h);
    assert_int_equal(tagheap_free(h, f.a), 0);
    assert_int_equal(tagheap_free(h, f.c), 0);
    size_t blocks = blocks_of(h);
    assert_int_equal(free_blocks_of(h), 3);
    assert_int_equal(tagheap_free(h, f.b), 0);
    assert_int_equal(blocks_of(h), blocks - 2);
    assert_int_equal(free_blocks_of(h), 2);
    assert_heap_ok(h);
    assert_ptr_equal(tagheap_malloc(h, 230), f.a);
}

static void test_free_all_leaves_one_block(void **state)
{
    tagheap *h = *state;
    void *p[50];
    for (int k = 0; k < 50; k++)
        p[k] = tagheap_malloc(h, (size_t)(k * 13 % 200));
    for (int k = 0; k < 50; k += 2)
        assert_int_equal(tagheap_free(h, p[k]), 0);
    for (int k = 1; k < 50; k += 2)
        assert_int_equal(tagheap_free(h, p[k]), 0);
    tagheap_stats s = stats_of(h);
    assert_int_equal(s.blocks, 1);
    assert_int_equal(s.largest_free, s.capacity);
    assert_int_equal(s.allocated_bytes, 0);
    assert_heap_ok(h);
}

static void fill_pattern(unsigned char *p, size_t n)
{
    for (size_t k = 0; k < n; k++)
        p[k] = (unsigned char)(k * 31 + 7);
}

static void assert_pattern(const unsigned char *p, size_t n)
{
    for (size_t k = 0; k < n; k++)
        assert_int_equal(p[k], (unsigned char)(k * 31 + 7));
}

static void test_realloc_shrinks_in_place(void **state)
{
    tagheap *h = *state;
    unsigned char *p = tagheap_malloc(h, 1000);
    void *guard = tagheap_malloc(h, 16);
    assert_non_null(guard);
    fill_pattern(p, 1000);
    unsigned char *q = tagheap_realloc(h, p, 100);
    assert_ptr_equal(q, p);
    assert_true(tagheap_usable_size(h, q) < 200);
    assert_pattern(q, 100);
    assert_int_equal(free_blocks_of(h), 2); /* the cut tail is a free block */
    assert_heap_ok(h);
}

static void test_realloc_shrink_merges_tail_with_free_next(void **state)
{
    tagheap *h = *state;
    unsigned char *p = tagheap_malloc(h, 1000);
    fill_pattern(p, 1000);
    size_t blocks = blocks_of(h);
    unsigned char *q = tagheap_realloc(h, p, 100);
    assert_ptr_equal(q, p);
    assert_int_equal(blocks_of(h), blocks); /* tail joined the free rest of the heap */
    assert_pattern(q, 100);
    assert_heap_ok(h);
}

static void test_realloc_grows_in_place_into_free_next(void **state)
{
    tagheap *h = *state;
    unsigned char *p = tagheap_malloc(h, 100);
    unsigned char *next = tagheap_malloc(h, 500);
    void *guard = tagheap_malloc(h, 16);
    assert_non_null(guard);
    fill_pattern(p, 100);
    assert_int_equal(tagheap_free(h, next), 0);
    unsigned char *q = tagheap_realloc(h, p, 400);
    assert_ptr_equal(q, p);
    assert_true(tagheap_usable_size(h, q) >= 400);
    assert_pattern(q, 100);
    assert_heap_ok(h);
}

static void test_realloc_moves_when_next_is_taken(void **state)
{
    tagheap *h = *state;
    unsigned char *p = tagheap_malloc(h, 100);
    void *next = tagheap_malloc(h, 100);
    assert_non_null(next);
    fill_pattern(p, 100);
    size_t allocated = stats_of(h).allocated_bytes;
    size_t old_usable = tagheap_usable_size(h, p);
    unsigned char *q = tagheap_realloc(h, p, 3000);
    assert_non_null(q);
    assert_ptr_not_equal(q, p);
    assert_pattern(q, 100);
    assert_int_equal(tagheap_usable_size(h, p), 0); /* the old block was freed */
    assert_int_equal(stats_of(h).allocated_bytes,
                     allocated - old_usable + tagheap_usable_size(h, q));
    assert_heap_ok(h);
}

static void test_realloc_null_is_malloc(void **state)
{
    tagheap *h = *state;
    void *p = tagheap_realloc(h, NULL, 40);
    assert_non_null(p);
    assert_true(tagheap_usable_size(h, p) >= 40);
}

static void test_realloc_zero_keeps_a_minimum_block(void **state)
{
    tagheap *h = *state;
    unsigned char *p = tagheap_malloc(h, 500);
    p[0] = 42;
    unsigned char *q = tagheap_realloc(h, p, 0);
    assert_ptr_equal(q, p);
    assert_int_equal(q[0], 42);
    assert_true(tagheap_usable_size(h, q) < 32);
    assert_int_equal(tagheap_free(h, q), 0);
    assert_heap_ok(h);
}

static void test_realloc_failure_leaves_block_untouched(void **state)
{
    tagheap *h = *state;
    unsigned char *p = tagheap_malloc(h, 100);
    void *guard = tagheap_malloc(h, 16); /* so p can neither grow in place nor move */
    assert_non_null(guard);
    fill_pattern(p, 100);
    tagheap_stats before = stats_of(h);
    size_t usable = tagheap_usable_size(h, p);
    errno = 0;
    assert_null(tagheap_realloc(h, p, before.capacity - 100));
    assert_int_equal(errno, ENOMEM);
    assert_pattern(p, 100);
    assert_int_equal(tagheap_usable_size(h, p), usable);
    assert_int_equal(stats_of(h).blocks, before.blocks);
    assert_int_equal(stats_of(h).failed_allocs, before.failed_allocs + 1);
    assert_heap_ok(h);
}

static void test_calloc_zeroes_reused_memory(void **state)
{
    tagheap *h = *state;
    unsigned char *dirty = tagheap_malloc(h, 512);
    memset(dirty, 0xFF, 512);
    assert_int_equal(tagheap_free(h, dirty), 0);
    unsigned char *p = tagheap_calloc(h, 16, 32);
    assert_ptr_equal(p, dirty); /* first fit reuses it */
    for (size_t k = 0; k < 512; k++)
        assert_int_equal(p[k], 0);
    assert_non_null(tagheap_calloc(h, 0, 10));
    assert_non_null(tagheap_calloc(h, 10, 0)); /* a zero size is not an overflow */
    assert_heap_ok(h);
}

static void test_aligned_alloc_every_power_of_two(void **state)
{
    tagheap *h = *state;
    for (size_t alignment = 1; alignment <= 8192; alignment *= 2) {
        unsigned char *p = tagheap_aligned_alloc(h, alignment, 24);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % alignment, 0);
        assert_true(tagheap_usable_size(h, p) >= 24);
        memset(p, 1, 24);
        assert_heap_ok(h);
    }
}

static void test_aligned_alloc_gap_is_reusable(void **state)
{
    tagheap *h = *state;
    void *small = tagheap_malloc(h, 16); /* push the next payload off a 4 KiB boundary */
    assert_non_null(small);
    void *p = tagheap_aligned_alloc(h, 4096, 100);
    assert_int_equal((uintptr_t)p % 4096, 0);
    assert_int_equal(free_blocks_of(h), 2); /* the gap in front became a free block */
    assert_heap_ok(h);
    assert_int_equal(tagheap_free(h, p), 0);
    assert_int_equal(tagheap_free(h, small), 0);
    assert_int_equal(blocks_of(h), 1);
}

static void test_aligned_alloc_rejects_bad_alignment(void **state)
{
    tagheap *h = *state;
    size_t bad[] = {0, 3, 24, 48, 1000};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        errno = 0;
        assert_null(tagheap_aligned_alloc(h, bad[k], 16));
        assert_int_equal(errno, EINVAL);
    }
    assert_heap_ok(h);
}

static void test_usable_size(void **state)
{
    tagheap *h = *state;
    unsigned char *p = tagheap_malloc(h, 33);
    assert_int_equal(tagheap_usable_size(h, p), 40); /* 33 + header rounds to 48-byte block */
    assert_int_equal(tagheap_usable_size(h, NULL), 0);
    assert_int_equal(tagheap_usable_size(h, p + 16), 0);
}

static void test_stats_track_allocation(void **state)
{
    tagheap *h = *state;
    void *a = tagheap_malloc(h, 100);
    void *b = tagheap_malloc(h, 1000);
    tagheap_stats s = stats_of(h);
    size_t in_use = tagheap_usable_size(h, a) + tagheap_usable_size(h, b);
    assert_int_equal(s.allocated_bytes, in_use);
    assert_int_equal(s.peak_allocated, in_use);
    assert_int_equal(s.free_bytes, s.largest_free);
    assert_true(s.extent >= in_use);
    assert_int_equal(tagheap_free(h, b), 0);
    s = stats_of(h);
    assert_int_equal(s.allocated_bytes, tagheap_usable_size(h, a));
    assert_int_equal(s.peak_allocated, in_use);
    assert_null(tagheap_malloc(h, s.capacity));
    assert_int_equal(stats_of(h).failed_allocs, 1);
}

static void test_exhaustion_answers_enomem_and_changes_nothing(void **state)
{
    tagheap *h = *state;
    int count = 0;
    while (tagheap_malloc(h, 1000) != NULL)
        count++;
    assert_true(count > 50);
    tagheap_stats before = stats_of(h);
    errno = 0;
    assert_null(tagheap_malloc(h, 1000));
    assert_int_equal(errno, ENOMEM);
    tagheap_stats after = stats_of(h);
    assert_int_equal(after.blocks, before.blocks);
    assert_int_equal(after.free_bytes, before.free_bytes);
    assert_int_equal(after.failed_allocs, before.failed_allocs + 1);
    assert_heap_ok(h);
}

static void test_dump_prints_one_line_per_block(void **state)
{
    tagheap *h = *state;
    void *p = tagheap_malloc(h, 10);
    assert_non_null(tagheap_malloc(h, 20));
    assert_int_equal(tagheap_free(h, p), 0);
    int dumped;
    char *text = printed_by(tagheap_dump, h, &dumped);
    assert_int_equal(dumped, 0);
    int lines = 0, free_lines = 0;
    for (char *line = text; *line; line = strchr(line, '\n') + 1) {
        char status[32] = "";
        lines++;
        if (sscanf(line, " 0x%*x %*d %31s", status) == 1 && strcmp(status, "free") == 0)
            free_lines++;
    }
    assert_int_equal(lines, 3 + 3 + 1); /* title, overhead, column names, 3 blocks, end marker */
    assert_int_equal(free_lines, 2);
    assert_non_null(strstr(text, "end marker"));
    free(text);
}

static void test_version_matches_the_header(void **state)
{
    (void)state;
    assert_string_equal(tagheap_version(), TAGHEAP_VERSION_STRING);
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", TAGHEAP_VERSION_MAJOR, TAGHEAP_VERSION_MINOR,
             TAGHEAP_VERSION_PATCH);
    assert_string_equal(tagheap_version(), expected);
}

/* The documented sentence of every code (README, "Error codes"), pinned: a
 * message that drifts, or two codes that swap sentences, fail here. */
static void test_strerror_gives_the_documented_sentence(void **state)
{
    (void)state;
    static const struct {
        int code;
        const char *sentence;
    } table[] = {
        {TAGHEAP_OK, "no error"},
        {TAGHEAP_EOUTSIDE, "pointer is outside this heap's blocks"},
        {TAGHEAP_EMISALIGNED, "pointer is not 16-byte aligned, so it is no payload"},
        {TAGHEAP_ENOTBLOCK, "pointer is not the start of a block (interior pointer, or a block "
                            "already freed and merged)"},
        {TAGHEAP_EFREED, "block is already free (double free)"},
        {TAGHEAP_ECORRUPT, "block tags are inconsistent (heap metadata overwritten)"},
        {TAGHEAP_EBADHEAP, "not a live tagheap (NULL, destroyed or overwritten)"},
        {TAGHEAP_EARG, "a required argument is NULL or out of range"},
        {TAGHEAP_EBADSIZE, "block header holds an impossible size"},
        {TAGHEAP_ETILING, "blocks do not tile the heap up to the end marker"},
        {TAGHEAP_ESTARTMAP, "block-start map disagrees with the block headers"},
        {TAGHEAP_EFOOTER, "free block's footer differs from its header"},
        {TAGHEAP_EADJFREE, "two adjacent free blocks (missed coalescing)"},
        {TAGHEAP_EPREVBIT, "previous-allocated bit disagrees with the previous block"},
        {TAGHEAP_EENDMARK, "end marker is damaged"},
        {TAGHEAP_ELISTHEAD, "free-list head is not a free block of its class, or a free block "
                            "without a previous link is not its class's head"},
        {TAGHEAP_ELISTLINK, "free-list link does not lead to a free block that links back"},
        {TAGHEAP_ELISTCLASS, "free block is listed outside its size class"},
        {TAGHEAP_EUNLISTED, "free blocks that no free-list head leads to (detached ring of links)"},
        {TAGHEAP_ELISTMAP, "the map of non-empty size classes disagrees with the free-list heads"},
    };
    size_t count = sizeof table / sizeof table[0];
    for (size_t i = 0; i < count; i++)
        assert_string_equal(tagheap_strerror(table[i].code), table[i].sentence);
    /* every other value, the gaps between the codes included, is unknown */
    for (int code = -40; code <= 40; code++) {
        int known = 0;
        for (size_t i = 0; i < count; i++)
            known |= table[i].code == code;
        if (!known)
            assert_string_equal(tagheap_strerror(code), "unknown tagheap error code");
    }
    assert_string_equal(tagheap_strerror(INT32_MIN), "unknown tagheap error code");
}

/* errno is the answer of a failing allocation (and of a dead heap) only: a
 * call that succeeds, or a refused free (its code is the answer), leaves it. */
static void test_errno_untouched_unless_documented(void **state)
{
    tagheap *h = *state;
    int local = 0;
    errno = 1234;
    void *p = tagheap_malloc(h, 10);
    assert_non_null(p);
    p = tagheap_realloc(h, p, 300);
    assert_non_null(p);
    assert_non_null(tagheap_aligned_alloc(h, 256, 10));
    assert_non_null(tagheap_calloc(h, 3, 5));
    assert_true(tagheap_usable_size(h, p) >= 300);
    assert_int_equal(tagheap_usable_size(h, &local), 0);
    assert_int_equal(tagheap_free(h, &local), TAGHEAP_EOUTSIDE);
    assert_int_equal(tagheap_free(h, p), 0);
    assert_int_equal(tagheap_free(h, NULL), 0);
    assert_int_equal(tagheap_check(h, NULL), 0);
    tagheap_stats s;
    tagheap_get_stats(h, &s);
    tagheap_get_stats(h, NULL);
    FILE *out = fopen("/dev/null", "w");
    assert_non_null(out);
    assert_int_equal(tagheap_dump(h, out), 0);
    fclose(out);
    assert_int_equal(errno, 1234);
}

#define HEAP_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown_heap)

int main(void)
{
    const struct CMUnitTest tests[] = {
        HEAP_TEST(test_create_gives_one_free_block),
        cmocka_unit_test(test_create_rejects_zero_bytes),
        cmocka_unit_test(test_init_in_caller_buffer),
        cmocka_unit_test(test_init_with_unaligned_start_and_odd_length),
        cmocka_unit_test(test_large_create_costs_what_it_uses),
        cmocka_unit_test(test_init_clears_a_dirty_region),
        HEAP_TEST(test_malloc_aligns_and_fits),
        HEAP_TEST(test_malloc_zero_gives_unique_blocks),
        HEAP_TEST(test_malloc_splits_the_free_block),
        HEAP_TEST(test_malloc_takes_whole_block_when_rest_is_too_small),
        HEAP_TEST(test_free_without_merge),
        HEAP_TEST(test_free_merges_with_next),
        HEAP_TEST(test_free_merges_with_previous),
        HEAP_TEST(test_free_merges_with_both),
        HEAP_TEST(test_free_all_leaves_one_block),
        HEAP_TEST(test_realloc_shrinks_in_place),
        HEAP_TEST(test_realloc_shrink_merges_tail_with_free_next),
        HEAP_TEST(test_realloc_grows_in_place_into_free_next),
        HEAP_TEST(test_realloc_moves_when_next_is_taken),
        HEAP_TEST(test_realloc_null_is_malloc),
        HEAP_TEST(test_realloc_zero_keeps_a_minimum_block),
        HEAP_TEST(test_realloc_failure_leaves_block_untouched),
        HEAP_TEST(test_calloc_zeroes_reused_memory),
        HEAP_TEST(test_aligned_alloc_every_power_of_two),
        HEAP_TEST(test_aligned_alloc_gap_is_reusable),
        HEAP_TEST(test_aligned_alloc_rejects_bad_alignment),
        HEAP_TEST(test_usable_size),
        HEAP_TEST(test_stats_track_allocation),
        HEAP_TEST(test_exhaustion_answers_enomem_and_changes_nothing),
        HEAP_TEST(test_dump_prints_one_line_per_block),
        cmocka_unit_test(test_strerror_gives_the_documented_sentence),
        cmocka_unit_test(test_version_matches_the_header),
        HEAP_TEST(test_errno_untouched_unless_documented),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
