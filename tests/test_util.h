/* SPDX-License-Identifier: MIT */
/*
 * Shared helpers for the cmocka tests: heap set-up, the "checker is clean"
 * assertion, what a printing call writes, and the blocks a walk visits.  Tests
 * include only the public header.
 */
#ifndef TAGHEAP_TEST_UTIL_H
#define TAGHEAP_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "tagheap.h"

/* Fail the test with the checker's own message unless the heap is well-formed. */
#define assert_heap_ok(h)                                                                          \
    do {                                                                                           \
        tagheap_report report_;                                                                    \
        if (tagheap_check((h), &report_) != 0)                                                     \
            fail_msg("heap check failed: %s", report_.message);                                    \
    } while (0)

static inline size_t free_blocks_of(tagheap *h)
{
    tagheap_stats s;
    tagheap_get_stats(h, &s);
    return s.free_blocks;
}

static inline size_t blocks_of(tagheap *h)
{
    tagheap_stats s;
    tagheap_get_stats(h, &s);
    return s.blocks;
}

/* cmocka fixtures: a heap of `bytes` from tagheap_create in *state, destroyed after. */
static inline int setup_created_heap(void **state, size_t bytes)
{
    tagheap *h = tagheap_create(bytes);
    if (h == NULL)
        return -1;
    *state = h;
    return 0;
}

static inline int teardown_heap(void **state)
{
    tagheap_destroy(*state);
    return 0;
}

/* What print(h, out) writes (tagheap_dump, tagheap_dump_json), as a string the
 * caller frees; *status is what print returned.  Not inlined: inlined, gcc takes
 * the string for the address of the local that open_memstream filled in, and
 * warns that searching it uses a dangling pointer. */
__attribute__((noinline, unused)) static char *printed_by(int (*print)(tagheap *, FILE *), tagheap *h, int *status)
{
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    assert_non_null(out);
    *status = print(h, out);
    fclose(out);
    return text;
}

/* The blocks a walk visited (the first MAX_WALKED of them), recorded by
 * record_block; a walk stops with 7 after stop_after blocks (0: never). */
enum { MAX_WALKED = 16 };

struct walked {
    size_t count;
    tagheap_block blocks[MAX_WALKED];
    size_t stop_after;
};

static inline int record_block(const tagheap_block *block, void *context)
{
    struct walked *walked = context;
    if (walked->count < MAX_WALKED)
        walked->blocks[walked->count] = *block;
    walked->count++;
    return walked->stop_after != 0 && walked->count == walked->stop_after ? 7 : 0;
}

/* Three 40-byte blocks with the middle one freed (blocks a, a hole, c and the
 * free rest), then a walk of the heap into *walked. */
static inline void walk_after_a_hole(tagheap *h, struct walked *walked)
{
    assert_non_null(tagheap_malloc(h, 40));
    void *b = tagheap_malloc(h, 40);
    assert_non_null(tagheap_malloc(h, 40));
    assert_int_equal(tagheap_free(h, b), 0);
    assert_int_equal(tagheap_walk(h, record_block, walked), 0);
}

#endif
