/* SPDX-License-Identifier: MIT */
/*
 * What the tagheap harnesses share: reading an input as a stream of small
 * records, failing loudly when an oracle disagrees, and looking at heap memory
 * that AddressSanitizer may have poisoned (src/annotate.c) without tripping it.
 *
 * A harness is a plain LLVMFuzzerTestOneInput: libFuzzer drives it in the
 * clang build (fuzz.mk), fuzz/replay.c drives it from a corpus in any build.
 */
#ifndef TAGHEAP_FUZZ_COMMON_H
#define TAGHEAP_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_HAVE_ASAN 1
#endif
#endif
#if defined(FUZZ_HAVE_ASAN)
#include <sanitizer/asan_interface.h>
#endif

#if defined(TAGHEAP_ASAN_HEAP)
#define FUZZ_POISON_CHECKS 1 /* the library poisons free memory: check that it does */
#else
#define FUZZ_POISON_CHECKS 0
#endif

/* Reads through poisoning, and (clang) without libFuzzer's comparison tracing,
 * which would otherwise dominate the run time of these byte loops. */
#if defined(__clang__)
#define FUZZ_NO_ASAN __attribute__((no_sanitize("address", "coverage")))
#elif defined(__GNUC__)
#define FUZZ_NO_ASAN __attribute__((no_sanitize("address")))
#else
#define FUZZ_NO_ASAN
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An oracle disagreed: say which and where, then abort so libFuzzer saves the input. */
#define FUZZ_REQUIRE(cond, ...)                                                                    \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "tagheap oracle failed at %s:%d: %s\n  ", __FILE__, __LINE__, #cond);  \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fprintf(stderr, "\n");                                                                 \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* The input, consumed front to back; past its end every read is 0. */
struct input {
    const uint8_t *data;
    size_t size;
    size_t pos;
};

static inline int input_left(const struct input *in)
{
    return in->pos < in->size;
}

static inline uint8_t take_u8(struct input *in)
{
    return in->pos < in->size ? in->data[in->pos++] : 0;
}

static inline uint16_t take_u16(struct input *in)
{
    uint16_t low = take_u8(in);
    return (uint16_t)(low | (uint16_t)(take_u8(in) << 8));
}

static inline uint32_t take_u32(struct input *in)
{
    uint32_t low = take_u16(in);
    return low | ((uint32_t)take_u16(in) << 16);
}

#if defined(TAGHEAP_VALGRIND)
#include <valgrind/memcheck.h>
/* The harness's own look at inaccessible heap memory is deliberate. */
#define FUZZ_QUIET_BEGIN VALGRIND_DISABLE_ERROR_REPORTING
#define FUZZ_QUIET_END VALGRIND_ENABLE_ERROR_REPORTING
#else
#define FUZZ_QUIET_BEGIN ((void)0)
#define FUZZ_QUIET_END ((void)0)
#endif

/* Copy and compare heap memory byte by byte.  Volatile reads keep the compiler
 * from turning the loops into memcpy/memcmp calls, which ASan intercepts and
 * checks against the poisoning this code must look through. */
FUZZ_NO_ASAN static inline void raw_copy(unsigned char *to, const unsigned char *from, size_t n)
{
    const volatile unsigned char *src = from;
    FUZZ_QUIET_BEGIN;
    for (size_t k = 0; k < n; k++)
        to[k] = src[k];
    FUZZ_QUIET_END;
}

/* Offset of the first byte that differs, or n when none does. */
FUZZ_NO_ASAN static inline size_t raw_first_difference(const unsigned char *a,
                                                       const unsigned char *b, size_t n)
{
    const volatile unsigned char *va = a;
    size_t k = 0;
    FUZZ_QUIET_BEGIN;
    while (k < n && va[k] == b[k])
        k++;
    FUZZ_QUIET_END;
    return k;
}

/* Offset of the first byte of [p, p+n) that is not `value`, or n. */
FUZZ_NO_ASAN static inline size_t raw_first_not(const unsigned char *p, size_t n,
                                                unsigned char value)
{
    const volatile unsigned char *vp = p;
    size_t k = 0;
    while (k < n && vp[k] == value)
        k++;
    return k;
}

/* Under any ASan build, the harness's guard bytes around a region become a
 * no-go zone: an access by the library (instrumented parts) is reported where
 * it happens, not only when the guard is next compared. */
static inline void guard_close(const void *p, size_t n)
{
#if defined(FUZZ_HAVE_ASAN)
    ASAN_POISON_MEMORY_REGION(p, n);
#else
    (void)p;
    (void)n;
#endif
}

static inline void guard_open(const void *p, size_t n)
{
#if defined(FUZZ_HAVE_ASAN)
    ASAN_UNPOISON_MEMORY_REGION(p, n);
#else
    (void)p;
    (void)n;
#endif
}

/* 1 if the byte at p is poisoned (0 when the build does not poison). */
static inline int is_poisoned(const void *p)
{
#if FUZZ_POISON_CHECKS
    return __asan_address_is_poisoned(p);
#else
    (void)p;
    return 0;
#endif
}

/* 1 if any byte of [p, p+n) is poisoned (0 when the build does not poison). */
static inline int any_poisoned(const void *p, size_t n)
{
#if FUZZ_POISON_CHECKS
    return __asan_region_is_poisoned((void *)(uintptr_t)p, n) != NULL;
#else
    (void)p;
    (void)n;
    return 0;
#endif
}

#endif
