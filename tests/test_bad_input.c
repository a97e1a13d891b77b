/* SPDX-License-Identifier: MIT */
/*
 * Bad input: every invalid pointer, impossible size and dead handle gets its
 * documented error, and the heap's bytes are exactly as they were (compared
 * against a snapshot of the whole region) — never silent corruption.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

enum { REGION_BYTES = 16 * 1024 };

static _Alignas(16) unsigned char region[REGION_BYTES];
static unsigned char snapshot[REGION_BYTES];

struct fixture {
    tagheap *h;
    unsigned char *a, *b, *c; /* three live blocks, a and c with free neighbours */
};

static int setup(void **state)
{
    static struct fixture f;
    memset(region, 0x5A, sizeof region);
    f.h = tagheap_init(region, sizeof region);
    if (f.h == NULL)
        return -1;
    unsigned char *before_a = tagheap_malloc(f.h, 64);
    f.a = tagheap_malloc(f.h, 64);
    f.b = tagheap_malloc(f.h, 64);
    f.c = tagheap_malloc(f.h, 64);
    tagheap_free(f.h, before_a);
    *state = &f;
    return 0;
}

static void take_snapshot(void)
{
    memcpy(snapshot, region, sizeof region);
}

#define assert_region_unchanged() assert_memory_equal(region, snapshot, sizeof region)

static void test_free_null_is_a_no_op(void **state)
{
    struct fixture *f = *state;
    take_snapshot();
    assert_int_equal(tagheap_free(f->h, NULL), TAGHEAP_OK);
    assert_region_unchanged();
}

static void test_free_outside_the_heap(void **state)
{
    struct fixture *f = *state;
    int on_stack;
    uintptr_t past_end = (uintptr_t)region + sizeof region;
    void *outside[] = {&on_stack,   (void *)past_end,      (void *)(past_end + 4096), region,
                       region + 16, (void *)(uintptr_t)16, (void *)UINTPTR_MAX};
    take_snapshot();
    for (size_t k = 0; k < sizeof outside / sizeof outside[0]; k++)
        assert_int_equal(tagheap_free(f->h, outside[k]), TAGHEAP_EOUTSIDE);
    assert_region_unchanged();
    assert_heap_ok(f->h);
}

static void test_free_misaligned(void **state)
{
    struct fixture *f = *state;
    take_snapshot();
    for (int skew = 1; skew < 16; skew++)
        assert_int_equal(tagheap_free(f->h, f->b + skew), TAGHEAP_EMISALIGNED);
    assert_region_unchanged();
}

static void test_free_interior_pointer(void **state)
{
    struct fixture *f = *state;
    take_snapshot();
    assert_int_equal(tagheap_free(f->h, f->b + 16), TAGHEAP_ENOTBLOCK);
    assert_int_equal(tagheap_free(f->h, f->b + 48), TAGHEAP_ENOTBLOCK);
    assert_region_unchanged();
}

static void test_interior_pointer_with_a_forged_header(void **state)
{
    struct fixture *f = *state;
    /* a client writes something that looks like an allocated header inside b */
    uint64_t forged = 32 + 2 + 1;
    memcpy(f->b + 24, &forged, sizeof forged);
    take_snapshot();
    assert_int_equal(tagheap_free(f->h, f->b + 32), TAGHEAP_ENOTBLOCK);
    assert_region_unchanged();
    assert_heap_ok(f->h);
}

static void test_double_free_of_unmerged_block(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(tagheap_free(f->h, f->b), TAGHEAP_OK);
    take_snapshot();
    assert_int_equal(tagheap_free(f->h, f->b), TAGHEAP_EFREED);
    assert_region_unchanged();
    assert_heap_ok(f->h);
}

static void test_double_free_after_merge_with_previous(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(tagheap_free(f->h, f->a), TAGHEAP_OK); /* merges with the free block before */
    take_snapshot();
    assert_int_equal(tagheap_free(f->h, f->a), TAGHEAP_ENOTBLOCK); /* no block starts there now */
    assert_region_unchanged();
    assert_heap_ok(f->h);
}

/* The README's table: a block that absorbed its free successor still starts
 * where it did, so a second free sees a free block, not an interior pointer. */
static void test_double_free_after_merge_with_next(void **state)
{
    struct fixture *f = *state;
    size_t blocks_before = blocks_of(f->h);
    assert_int_equal(tagheap_free(f->h, f->c), TAGHEAP_OK); /* merges with the free rest */
    assert_int_equal(blocks_of(f->h), blocks_before - 1);
    take_snapshot();
    assert_int_equal(tagheap_free(f->h, f->c), TAGHEAP_EFREED);
    assert_region_unchanged();
    assert_heap_ok(f->h);
}

static void test_free_of_block_with_overwritten_header(void **state)
{
    struct fixture *f = *state;
    uint64_t garbage = 0x4141414141414141u;
    memcpy(f->b - 8, &garbage, sizeof garbage); /* a client's overflow out of a */
    take_snapshot();
    assert_int_equal(tagheap_free(f->h, f->b), TAGHEAP_ECORRUPT);
    assert_region_unchanged();
    assert_int_not_equal(tagheap_check(f->h, NULL), TAGHEAP_OK);
}

/* A header with a bit that is neither a flag nor part of the size (bit 2, the
 * 4s place: sizes are multiples of 16) decodes to the same size and flags, so
 * a free that ignored it would leave a heap the checker rejects.  free refuses
 * it, whether it sits on the block being freed or on the neighbour free would
 * touch. */
static void test_free_refuses_stray_header_bits(void **state)
{
    struct fixture *f = *state;
    uint64_t header;
    unsigned char *tags[] = {f->b - 8, f->c - 8}; /* the block freed, its successor */
    for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++) {
        memcpy(&header, tags[k], sizeof header);
        uint64_t stray = header + 4;
        memcpy(tags[k], &stray, sizeof stray);
        take_snapshot();
        assert_int_equal(tagheap_free(f->h, f->b), TAGHEAP_ECORRUPT);
        assert_region_unchanged();
        assert_int_equal(tagheap_check(f->h, NULL), TAGHEAP_EBADSIZE);
        memcpy(tags[k], &header, sizeof header);
        assert_heap_ok(f->h);
    }
    assert_int_equal(tagheap_free(f->h, f->b), TAGHEAP_OK);
    assert_heap_ok(f->h);
}

static void test_huge_requests_fail_cleanly(void **state)
{
    struct fixture *f = *state;
    tagheap_stats s;
    tagheap_get_stats(f->h, &s);
    size_t huge[] = {SIZE_MAX,     SIZE_MAX - 1,   SIZE_MAX - 15,
                     SIZE_MAX / 2, s.capacity + 1, (size_t)1 << 62};
    take_snapshot();
    for (size_t k = 0; k < sizeof huge / sizeof huge[0]; k++) {
        errno = 0;
        assert_null(tagheap_malloc(f->h, huge[k]));
        assert_int_equal(errno, ENOMEM);
        errno = 0;
        assert_null(tagheap_realloc(f->h, f->b, huge[k]));
        assert_int_equal(errno, ENOMEM);
        errno = 0;
        assert_null(tagheap_aligned_alloc(f->h, 64, huge[k]));
        assert_int_equal(errno, ENOMEM);
    }
    errno = 0;
    assert_null(tagheap_aligned_alloc(f->h, (size_t)1 << 63, 16));
    assert_int_equal(errno, ENOMEM);
    assert_heap_ok(f->h);
}

static void test_calloc_overflow(void **state)
{
    struct fixture *f = *state;
    size_t pairs[][2] = {{SIZE_MAX, SIZE_MAX},
                         {SIZE_MAX / 2 + 1, 2},
                         {2, SIZE_MAX / 2 + 1},
                         {(size_t)1 << 32, (size_t)1 << 32},
                         {SIZE_MAX, 2}};
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
        errno = 0;
        assert_null(tagheap_calloc(f->h, pairs[k][0], pairs[k][1]));
        assert_int_equal(errno, ENOMEM);
    }
    assert_heap_ok(f->h);
}

static void test_realloc_of_invalid_pointer(void **state)
{
    struct fixture *f = *state;
    take_snapshot();
    errno = 0;
    assert_null(tagheap_realloc(f->h, f->b + 16, 10));
    assert_int_equal(errno, EINVAL);
    assert_int_equal(tagheap_usable_size(f->h, f->b + 16), 0);
    assert_region_unchanged();
}

/* Every function on a handle that is no live heap: its error, and errno EINVAL
 * (the README's promise, kept by usable_size, check and dump too). */
static void expect_no_heap_errors(tagheap *h, void *p)
{
    errno = 0;
    assert_null(tagheap_malloc(h, 8));
    assert_int_equal(errno, EINVAL);
    errno = 0;
    assert_int_equal(tagheap_free(h, p), TAGHEAP_EBADHEAP);
    assert_int_equal(errno, EINVAL);
    errno = 0;
    assert_null(tagheap_calloc(h, 1, 1));
    assert_int_equal(errno, EINVAL);
    errno = 0;
    assert_null(tagheap_realloc(h, NULL, 1));
    assert_int_equal(errno, EINVAL);
    errno = 0;
    assert_null(tagheap_aligned_alloc(h, 64, 1));
    assert_int_equal(errno, EINVAL);
    errno = 0;
    assert_int_equal(tagheap_usable_size(h, p), 0);
    assert_int_equal(errno, EINVAL);
    errno = 0;
    assert_int_equal(tagheap_check(h, NULL), TAGHEAP_EBADHEAP);
    assert_int_equal(errno, EINVAL);
    errno = 0;
    FILE *null_out = fopen("/dev/null", "w");
    assert_non_null(null_out);
    assert_int_equal(tagheap_dump(h, null_out), TAGHEAP_EBADHEAP);
    assert_int_equal(errno, EINVAL);
    fclose(null_out);
    errno = 0;
    tagheap_stats s;
    tagheap_get_stats(h, &s);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(s.capacity, 0);
}

static void test_dead_or_null_heap(void **state)
{
    (void)state;
    expect_no_heap_errors(NULL, region);
    tagheap_destroy(NULL);

    static _Alignas(16) unsigned char placed[4096];
    tagheap *dead = tagheap_init(placed, sizeof placed);
    assert_non_null(dead);
    void *q = tagheap_malloc(dead, 10);
    tagheap_destroy(dead); /* not mapped by us: the handle stays readable, and dead */
    expect_no_heap_errors(dead, q);

    tagheap *h = tagheap_create(4096);
    assert_non_null(h);
    void *p = tagheap_malloc(h, 10);
    tagheap_stats s;
    tagheap_get_stats(h, &s);
    assert_int_equal(s.blocks, 2);
    tagheap_destroy(h); /* unmapped: the handle must not be touched again */
    (void)p;
}

static void test_tiny_regions(void **state)
{
    (void)state;
    static _Alignas(16) unsigned char small[512];
    size_t first_usable = 0;
    for (size_t bytes = 0; bytes < sizeof small; bytes++) {
        errno = 0;
        tagheap *h = tagheap_init(small, bytes);
        if (h == NULL) {
            assert_int_equal(errno, EINVAL);
            assert_int_equal(first_usable, 0); /* once big enough, always big enough */
            continue;
        }
        if (first_usable == 0)
            first_usable = bytes;
        assert_heap_ok(h);
        void *p = tagheap_malloc(h, 0);
        assert_non_null(p);
        assert_int_equal(tagheap_free(h, p), 0);
    }
    assert_true(first_usable > 0 && first_usable < 256);
    print_message("smallest usable region: %zu bytes\n", first_usable);
    errno = 0;
    assert_null(tagheap_init(NULL, 4096));
    assert_int_equal(errno, EINVAL);
}

/* A region whose end lies past the top of the address space is refused before
 * anything is written (there is no memory there: a write would crash). */
static void test_init_rejects_a_region_that_wraps(void **state)
{
    (void)state;
    size_t below_top[] = {4096, 65536, 1u << 20};
    for (size_t k = 0; k < sizeof below_top / sizeof below_top[0]; k++) {
        void *near_top = (void *)(UINTPTR_MAX - below_top[k] + 1);
        size_t lengths[] = {below_top[k] + 1, 2 * below_top[k], SIZE_MAX};
        for (size_t j = 0; j < sizeof lengths / sizeof lengths[0]; j++) {
            errno = 0;
            assert_null(tagheap_init(near_top, lengths[j]));
            assert_int_equal(errno, EINVAL);
        }
    }
    /* a real buffer with a length that wraps is refused too, and left alone */
    static _Alignas(16) unsigned char buffer[1024];
    memset(buffer, 0x77, sizeof buffer);
    errno = 0;
    assert_null(tagheap_init(buffer, SIZE_MAX));
    assert_int_equal(errno, EINVAL);
    for (size_t k = 0; k < sizeof buffer; k++)
        assert_int_equal(buffer[k], 0x77);
}

/* A heap on the first HEAP_BYTES of an arena filled with GUARD, so that a test
 * can tell the heap wrote nothing past its region (assert_guard_intact). */
enum { HEAP_BYTES = 4096, GUARD = 0xA5 };

static tagheap *guarded_heap(unsigned char *arena, size_t bytes)
{
    memset(arena, GUARD, bytes);
    return tagheap_init(arena, HEAP_BYTES);
}

static void assert_guard_intact(const unsigned char *arena, size_t bytes)
{
    for (size_t k = HEAP_BYTES; k < bytes; k++)
        assert_int_equal(arena[k], GUARD);
}

/* A client overflow makes the free rest of the heap claim more words than the
 * heap has: allocation must refuse it, not write a footer past the region
 * (found by the fuzzers: find_fit did not bound the size it trusted). */
static void test_malloc_on_free_header_claiming_too_much(void **state)
{
    (void)state;
    static _Alignas(16) unsigned char arena[HEAP_BYTES + 4096];
    tagheap *h = guarded_heap(arena, sizeof arena);
    unsigned char *a = tagheap_malloc(h, 40);
    assert_non_null(a);
    uint64_t oversized_free = (uint64_t)600 * 8 + 2; /* 4800 bytes, free, previous allocated */
    memcpy(a + tagheap_usable_size(h, a), &oversized_free, sizeof oversized_free);
    assert_int_equal(tagheap_check(h, NULL), TAGHEAP_ETILING);
    errno = 0;
    assert_null(tagheap_malloc(h, 100));
    assert_int_equal(errno, ENOMEM);
    assert_null(tagheap_aligned_alloc(h, 256, 100));
    assert_guard_intact(arena, sizeof arena);
}

/* A write after free into a freed block's first payload words (its list
 * links) must not redirect the unlink that freeing a neighbour does: free
 * refuses with ECORRUPT and nothing outside the heap changes (found by the
 * fuzz-model work on the free lists: before links_sane, free(a) stored into
 * `outside`). */
static void test_free_refuses_overwritten_links(void **state)
{
    (void)state;
    static _Alignas(16) unsigned char arena[4096];
    static _Alignas(16) unsigned char outside[64];
    memset(outside, 0xAA, sizeof outside);
    tagheap *h = tagheap_init(arena, sizeof arena);
    unsigned char *a = tagheap_malloc(h, 40);
    unsigned char *b = tagheap_malloc(h, 40);
    unsigned char *c = tagheap_malloc(h, 40);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_int_equal(tagheap_free(h, b), TAGHEAP_OK);
    /* b's previous link (payload word 1) names a "block" whose next link is in outside[] */
    uintptr_t words = (uintptr_t)a - 16; /* a is the first block: header at word 1 */
    uint64_t fake = (uint64_t)(((uintptr_t)outside - words) / 8 - 1);
    memcpy(b + 8, &fake, sizeof fake);
    assert_int_equal(tagheap_free(h, a), TAGHEAP_ECORRUPT);
    assert_int_equal(tagheap_free(h, c), TAGHEAP_ECORRUPT);
    for (size_t k = 0; k < sizeof outside; k++)
        assert_int_equal(outside[k], 0xAA);
}

#define BAD_INPUT_TEST(f) cmocka_unit_test_setup(f, setup)

/* The word index of the block whose payload is p, in a heap whose first block's
 * payload is first (its header is word 1). */
static uint64_t block_index(const unsigned char *first, const unsigned char *p)
{
    return (uint64_t)((p - (first - 16)) / 8 - 1);
}

static void set_word(unsigned char *p, size_t k, uint64_t value)
{
    memcpy(p + 8 * k, &value, sizeof value);
}

/* A write after free into the links of a free block at the head of its list
 * (payload word 0: next, word 1: previous) must not let malloc or aligned_alloc
 * unlink it: they fail with ENOMEM (the head is checked with its links before
 * it is taken, links_sane) and write nothing outside the heap. */
static void test_allocation_refuses_overwritten_links(void **state)
{
    (void)state;
    static _Alignas(16) unsigned char arena[HEAP_BYTES + 256];
    tagheap *h = guarded_heap(arena, sizeof arena);
    unsigned char *a = tagheap_malloc(h, 40);
    unsigned char *b = tagheap_malloc(h, 40);
    unsigned char *c = tagheap_malloc(h, 40);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_int_equal(tagheap_free(h, b), TAGHEAP_OK); /* b: alone in its class */
    set_word(a, 1, 0);                                /* a's "previous link" word */
    const uint64_t bad_next[] = {
        2,                     /* even: no block starts there */
        UINT64_MAX,            /* -1 as a word index: before the heap */
        UINT64_MAX / 2,        /* odd, past the heap */
        block_index(a, a),     /* a block whose previous link does not name b */
    };
    for (size_t k = 0; k < sizeof bad_next / sizeof bad_next[0]; k++) {
        set_word(b, 0, bad_next[k]);
        errno = 0;
        assert_null(tagheap_malloc(h, 40));
        assert_int_equal(errno, ENOMEM);
    }
    assert_guard_intact(arena, sizeof arena);
}

/* The same for aligned_alloc: the free block of the request's own class that
 * is already aligned (no gap), and the rest of the heap (the class it searches
 * from next), both with a next link that leads nowhere. */
static void test_aligned_alloc_refuses_overwritten_links(void **state)
{
    (void)state;
    static _Alignas(16) unsigned char arena[HEAP_BYTES + 256];
    tagheap *h = guarded_heap(arena, sizeof arena);
    unsigned char *p[4]; /* blocks of 48 bytes: one of p[1], p[2] is 32-aligned */
    for (size_t k = 0; k < 4; k++) {
        p[k] = tagheap_malloc(h, 40);
        assert_non_null(p[k]);
    }
    unsigned char *aligned = (uintptr_t)p[1] % 32 == 0 ? p[1] : p[2];
    assert_true((uintptr_t)aligned % 32 == 0);
    assert_int_equal(tagheap_free(h, aligned), TAGHEAP_OK);
    /* (before the damage: usable_size, like free, refuses a block next to it) */
    unsigned char *rest = p[3] + tagheap_usable_size(h, p[3]) + 8;
    set_word(aligned, 0, 2);
    set_word(rest, 0, 2);
    errno = 0;
    assert_null(tagheap_aligned_alloc(h, 32, 40));
    assert_int_equal(errno, ENOMEM);
    assert_guard_intact(arena, sizeof arena);
}

/* The same for a free block behind the head of its list: freeing its
 * neighbour, which would unlink it, is refused (ECORRUPT) when its previous
 * link is NO_BLOCK though it is not the head, or names a block whose next link
 * does not lead back to it. */
static void test_free_refuses_a_broken_previous_link(void **state)
{
    (void)state;
    static _Alignas(16) unsigned char arena[4096];
    tagheap *h = tagheap_init(arena, sizeof arena);
    unsigned char *p[5];
    for (size_t k = 0; k < 5; k++) {
        p[k] = tagheap_malloc(h, 40);
        assert_non_null(p[k]);
    }
    assert_int_equal(tagheap_free(h, p[1]), TAGHEAP_OK);
    assert_int_equal(tagheap_free(h, p[3]), TAGHEAP_OK); /* the head; p[1] behind it */
    static unsigned char kept[sizeof arena];
    set_word(p[1], 1, 0);
    memcpy(kept, arena, sizeof arena);
    assert_int_equal(tagheap_free(h, p[0]), TAGHEAP_ECORRUPT);
    assert_memory_equal(arena, kept, sizeof arena);
    set_word(p[0], 0, 0);                                 /* p[0]'s "next link" word */
    set_word(p[1], 1, block_index(p[0], p[0]));
    memcpy(kept, arena, sizeof arena);
    assert_int_equal(tagheap_free(h, p[0]), TAGHEAP_ECORRUPT);
    assert_memory_equal(arena, kept, sizeof arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        BAD_INPUT_TEST(test_free_null_is_a_no_op),
        BAD_INPUT_TEST(test_free_outside_the_heap),
        BAD_INPUT_TEST(test_free_misaligned),
        BAD_INPUT_TEST(test_free_interior_pointer),
        BAD_INPUT_TEST(test_interior_pointer_with_a_forged_header),
        BAD_INPUT_TEST(test_double_free_of_unmerged_block),
        BAD_INPUT_TEST(test_double_free_after_merge_with_previous),
        BAD_INPUT_TEST(test_double_free_after_merge_with_next),
        BAD_INPUT_TEST(test_free_of_block_with_overwritten_header),
        BAD_INPUT_TEST(test_free_refuses_stray_header_bits),
        BAD_INPUT_TEST(test_huge_requests_fail_cleanly),
        BAD_INPUT_TEST(test_calloc_overflow),
        BAD_INPUT_TEST(test_realloc_of_invalid_pointer),
        cmocka_unit_test(test_dead_or_null_heap),
        cmocka_unit_test(test_tiny_regions),
        cmocka_unit_test(test_init_rejects_a_region_that_wraps),
        cmocka_unit_test(test_malloc_on_free_header_claiming_too_much),
        cmocka_unit_test(test_free_refuses_overwritten_links),
        cmocka_unit_test(test_allocation_refuses_overwritten_links),
        cmocka_unit_test(test_aligned_alloc_refuses_overwritten_links),
        cmocka_unit_test(test_free_refuses_a_broken_previous_link),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
