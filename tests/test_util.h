/* SPDX-License-Identifier: MIT */
/*
 * Shared helpers for the cmocka tests: heap set-up and the "checker is clean"
 * assertion.  Tests include only the public header.
 */
#ifndef TAGHEAP_TEST_UTIL_H
#define TAGHEAP_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

#endif
