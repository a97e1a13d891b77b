/* SPDX-License-Identifier: MIT */
/*
 * Randomized stress test: a long mixed workload over a table of live slots.
 * Every live block carries a byte pattern derived from its slot and generation;
 * patterns are verified before every free and realloc (overlapping blocks or a
 * lost byte show up here), the checker runs periodically, and at the end the
 * heap must be one free block as large as the heap allows.
 */
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

enum { SLOTS = 1024, HEAP_BYTES = 2 << 20, CHECK_EVERY = 2000 };

#ifndef STRESS_OPS
#define STRESS_OPS 1000000L
#endif

struct slot {
    unsigned char *p;
    size_t size;
    unsigned char seed;
};

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t rng(void)
{
    /* xorshift64*: deterministic, so a failure replays */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Du;
}

/* Mostly small requests, some medium, a few large: the mix allocators see. */
static size_t random_size(void)
{
    uint64_t r = rng() % 100;
    if (r < 70)
        return (size_t)(rng() % 128);
    if (r < 95)
        return (size_t)(rng() % 4096);
    return (size_t)(rng() % 65536);
}

static void fill(struct slot *s)
{
    for (size_t k = 0; k < s->size; k++)
        s->p[k] = (unsigned char)(s->seed + k * 7);
}

static void verify(const struct slot *s, size_t bytes)
{
    for (size_t k = 0; k < bytes; k++)
        if (s->p[k] != (unsigned char)(s->seed + k * 7))
            fail_msg("content lost at byte %zu of a %zu-byte block", k, s->size);
}

static void assert_block_sane(tagheap *h, const struct slot *s)
{
    assert_int_equal((uintptr_t)s->p % 16, 0);
    assert_true(tagheap_usable_size(h, s->p) >= s->size);
}

static void test_random_workload(void **state)
{
    (void)state;
    tagheap *h = tagheap_create(HEAP_BYTES);
    assert_non_null(h);
    struct slot *slots = calloc(SLOTS, sizeof *slots);
    assert_non_null(slots);
    long allocations = 0, failures = 0, reallocs = 0;

    for (long op = 0; op < STRESS_OPS; op++) {
        struct slot *s = &slots[rng() % SLOTS];
        uint64_t kind = rng() % 10;
        if (s->p != NULL && kind < 4) {
            verify(s, s->size);
            assert_int_equal(tagheap_free(h, s->p), 0);
            s->p = NULL;
        } else if (s->p != NULL && kind < 7) {
            size_t new_size = random_size();
            verify(s, s->size);
            unsigned char *q = tagheap_realloc(h, s->p, new_size);
            if (q == NULL) {
                failures++;
                verify(s, s->size); /* the old block must be untouched */
                continue;
            }
            s->p = q;
            verify(s, new_size < s->size ? new_size : s->size);
            s->size = new_size;
            fill(s);
            reallocs++;
        } else if (s->p == NULL) {
            size_t size = random_size();
            if (kind == 7)
                s->p = tagheap_calloc(h, 1, size);
            else if (kind == 8)
                s->p = tagheap_aligned_alloc(h, (size_t)64 << (rng() % 6), size);
            else
                s->p = tagheap_malloc(h, size);
            if (s->p == NULL) {
                failures++;
                continue;
            }
            if (kind == 7)
                for (size_t k = 0; k < size; k++)
                    assert_int_equal(s->p[k], 0);
            s->size = size;
            s->seed = (unsigned char)rng();
            fill(s);
            allocations++;
        }
        if (s->p != NULL)
            assert_block_sane(h, s);
        if (op % CHECK_EVERY == 0)
            assert_heap_ok(h);
    }
    assert_heap_ok(h);

    for (int k = 0; k < SLOTS; k++) {
        if (slots[k].p != NULL) {
            verify(&slots[k], slots[k].size);
            assert_int_equal(tagheap_free(h, slots[k].p), 0);
        }
    }
    assert_heap_ok(h);
    tagheap_stats stats;
    tagheap_get_stats(h, &stats);
    assert_int_equal(stats.blocks, 1);
    assert_int_equal(stats.free_blocks, 1);
    assert_int_equal(stats.largest_free, stats.capacity);
    assert_int_equal(stats.allocated_bytes, 0);
    print_message(
        "%ld operations: %ld allocations, %ld reallocs, %ld NULL answers, peak %zu bytes\n",
        (long)STRESS_OPS, allocations, reallocs, failures, stats.peak_allocated);
    assert_true(allocations > STRESS_OPS / 10);
    free(slots);
    tagheap_destroy(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_workload),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
