/* SPDX-License-Identifier: MIT */
/*
 * The size classes of the core (src/core_class.c), against an independent
 * reference written with shifts, on every even size up to 2^21 words and on
 * both sides of every class boundary up to the largest heap; and the table of
 * level sizes the proof uses (specs/classes.h), entry by entry.  A unit test
 * of the core, so it includes core.h (the other tests see only tagheap.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "test_util.h"

/* The smallest size of class c (0 <= c <= CLASS_COUNT), by shifts. */
static uint64_t reference_class_min(int64_t c)
{
    if (c < EXACT_CLASSES)
        return (uint64_t)(MIN_BLOCK_WORDS + 2 * c);
    uint64_t low = (uint64_t)EXACT_LIMIT_WORDS << ((c - EXACT_CLASSES) / SUBCLASSES);
    return low + (uint64_t)((c - EXACT_CLASSES) % SUBCLASSES) * (low >> 4);
}

/* The class holding s: the last c whose smallest size is s or less. */
static int64_t reference_class_of(uint64_t s)
{
    int64_t lo = 0, hi = CLASS_COUNT - 1;
    while (lo < hi) {
        int64_t mid = (lo + hi + 1) / 2;
        if (reference_class_min(mid) <= s)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* The first class whose smallest size is s or more (CLASS_COUNT if none below it). */
static int64_t reference_request_class(uint64_t s)
{
    int64_t c = reference_class_of(s);
    return reference_class_min(c) == s ? c : c + 1;
}

static void check_size(uint64_t s)
{
    int64_t c = class_of_size((int64_t)s);
    if (c != reference_class_of(s) || c < 0 || c >= CLASS_COUNT ||
        !(reference_class_min(c) <= s && s < reference_class_min(c + 1)))
        fail_msg("class_of_size(%llu) = %lld, the reference %lld", (unsigned long long)s,
                 (long long)c, (long long)reference_class_of(s));
    int64_t r = request_class((int64_t)s);
    if (r != reference_request_class(s))
        fail_msg("request_class(%llu) = %lld, the reference %lld", (unsigned long long)s,
                 (long long)r, (long long)reference_request_class(s));
}

static void test_class_bounds_grow(void **state)
{
    (void)state;
    assert_int_equal(reference_class_min(0), MIN_BLOCK_WORDS);
    assert_int_equal(reference_class_min(EXACT_CLASSES), EXACT_LIMIT_WORDS);
    assert_true(reference_class_min(CLASS_COUNT) == (uint64_t)CORE_MAX_WORDS);
    for (int64_t c = 0; c < CLASS_COUNT; c++) {
        assert_true(reference_class_min(c) < reference_class_min(c + 1));
        assert_int_equal(reference_class_min(c) % 2, 0);
    }
}

static void test_every_small_size(void **state)
{
    (void)state;
    for (uint64_t s = MIN_BLOCK_WORDS; s < ((uint64_t)1 << 21); s += 2)
        check_size(s);
}

static void test_both_sides_of_every_boundary(void **state)
{
    (void)state;
    for (int64_t c = 0; c <= CLASS_COUNT; c++) {
        uint64_t b = reference_class_min(c);
        for (int64_t d = -4; d <= 4; d += 2) {
            uint64_t s = b + (uint64_t)d;
            if (s >= MIN_BLOCK_WORDS && s < (uint64_t)CORE_MAX_WORDS)
                check_size(s);
        }
    }
    check_size((uint64_t)CORE_MAX_WORDS - 2);
}

/* specs/classes.h writes level_low out as a table: each entry must be 64 << L. */
static void test_spec_table_is_64_times_2_to_the_level(void **state)
{
    (void)state;
    FILE *f = fopen("specs/classes.h", "r");
    assert_non_null(f);
    char line[256];
    int entries = 0;
    int in_table = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        unsigned long long value;
        int level;
        if (strstr(line, "logic integer level_low(integer L) =") != NULL)
            in_table = 1;
        else if (in_table && sscanf(line, " L <= 0 ? %llu :", &value) == 1) {
            assert_true(value == EXACT_LIMIT_WORDS);
            entries++;
        } else if (in_table && sscanf(line, " L == %d ? %llu :", &level, &value) == 2) {
            assert_int_equal(level, entries);
            assert_true(value == (unsigned long long)EXACT_LIMIT_WORDS << level);
            entries++;
        } else if (in_table && sscanf(line, " %llu;", &value) == 1) {
            assert_true(value == (unsigned long long)EXACT_LIMIT_WORDS << entries);
            entries++;
            in_table = 0;
        }
    }
    fclose(f);
    assert_int_equal(entries, LEVELS + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_class_bounds_grow),
        cmocka_unit_test(test_every_small_size),
        cmocka_unit_test(test_both_sides_of_every_boundary),
        cmocka_unit_test(test_spec_table_is_64_times_2_to_the_level),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
