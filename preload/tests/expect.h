/* SPDX-License-Identifier: MIT */
/* The preload tests' one assertion: these programs run on the allocator under
 * test, so they use nothing that hides allocations (no cmocka) and stop at
 * the first failure with its line. */
#ifndef PRELOAD_TEST_EXPECT_H
#define PRELOAD_TEST_EXPECT_H

#include <stdio.h>
#include <stdlib.h>

#define expect(condition)                                                                          \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #condition);                   \
            exit(1);                                                                               \
        }                                                                                          \
    } while (0)

#endif
