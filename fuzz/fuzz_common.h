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

#include <errno.h>
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

/* ---- the documented layout: the one place the harnesses pin it ----
 *
 * Every expected capacity, offset, placement and dump field is computed from
 * these numbers and the operations a harness issued, never read back from the
 * library.  They restate the documented layout (README.md "Block layout" and
 * "Region layout", src/region.c):
 *
 *   region: [skip to 8-aligned][state][heads: 8 bytes each][start map: n/2 bytes]
 *           [pad to 16][n words]
 *   word 0 is padding, the first block's header is word 1 (offset 8), the end
 *   marker is word n-1; n is the largest even count that fits after the
 *   heads, at least 6.  There is one head (8 bytes) per size class a block
 *   of the heap can fall in, size_class(n - 2) + 1 of them, and the fewest
 *   such that the heap laid out after them needs no more (a heap after more
 *   heads is smaller, so the count is the least fixed point, found by
 *   counting up from one head).
 *   A block is a multiple of 16 bytes, at least 32, with an 8-byte header;
 *   capacity (one block spanning the heap, minus its header) is (n - 3) words.
 *
 * STATE_BYTES is sizeof(struct tagheap) on an LP64 target (18 eight-byte
 * fields, src/shell.h, since the free lists' heads pointer and count, then
 * the group map's pointer, joined it); README's "Region layout" must give the same number.  If the state
 * changes, this line and the README change with it, deliberately. */
enum {
    WORD_BYTES = 8,
    HEADER_BYTES = 8,
    PAYLOAD_ALIGN = 16, /* block sizes and payload addresses step by 16 bytes */
    MIN_BLOCK_BYTES = 32,
    STATE_ALIGN = 8,
    STATE_BYTES = 144,
    HEAD_BYTES = 8, /* one free-list head per size class */
    GROUP_CLASSES = 8,     /* classes per entry of the group map after the heads */
    GROUP_ENTRY_BYTES = 4, /* the group map is padded to 8 bytes */
    WORDS_PER_MAP_BYTE = 2,
    MIN_HEAP_WORDS = 6 /* pad, one minimum block, end marker */
};
_Static_assert(sizeof(void *) == 8, "STATE_BYTES is the LP64 size of the heap state");

/* ---- the size classes of the free lists (sizes in 8-byte words) ----
 *
 * A block of s words (even, at least 4) has class size_class(s): below 64
 * words one class per size, (s - 4) / 2, so 30 exact classes; from 64 words on,
 * 16 classes per power of two: level L holds 64 * 2^L <= s < 128 * 2^L in 16
 * equal steps.  Written from that description, not from src/core_class.c. */
enum {
    CLASS_EXACT_LIMIT = 64, /* words: sizes below have a class each */
    CLASS_EXACT = 30,       /* classes 0 .. 29: 4, 6, .. 62 words */
    CLASS_STEPS = 16        /* classes per power of two above */
};

static inline size_t size_class(size_t s)
{
    if (s < CLASS_EXACT_LIMIT)
        return (s - 4) / 2;
    size_t low = CLASS_EXACT_LIMIT, level = 0;
    while (s >= 2 * low) {
        low *= 2;
        level++;
    }
    return CLASS_EXACT + CLASS_STEPS * level + (s - low) / (low / CLASS_STEPS);
}

/* The smallest size (words) of class k. */
static inline size_t class_min(size_t k)
{
    if (k < CLASS_EXACT)
        return 4 + 2 * k;
    size_t low = (size_t)CLASS_EXACT_LIMIT << ((k - CLASS_EXACT) / CLASS_STEPS);
    return low + (k - CLASS_EXACT) % CLASS_STEPS * (low / CLASS_STEPS);
}

/* The first class whose every block holds s words: s's own class if s is its
 * smallest size, else the next one (class_min grows with k, and s lies in
 * [class_min(size_class(s)), class_min(size_class(s) + 1))). */
static inline size_t request_class(size_t s)
{
    size_t k = size_class(s);
    return class_min(k) == s ? k : k + 1;
}

/* Where a heap built in [begin, begin + bytes) must put everything. */
struct layout {
    int ok; /* 0: tagheap_init must refuse the region (EINVAL) */
    uintptr_t state, heads, map, words, first_header, end_marker;
    size_t classes; /* free-list heads */
    size_t n, map_bytes, capacity;
    size_t overhead; /* bytes from the region's start to the word array */
};

/* Padding from the end of an n-word heap's map (starting at `map`) to the
 * next 16-byte boundary, where the words start. */
static inline size_t map_padding(uintptr_t map, size_t n)
{
    return (PAYLOAD_ALIGN - (map + n / WORDS_PER_MAP_BYTE) % PAYLOAD_ALIGN) % PAYLOAD_ALIGN;
}

/* The largest even n whose map, padding and words fit in [map, end); below
 * MIN_HEAP_WORDS if none does. */
static inline size_t words_fitting(uintptr_t map, uintptr_t end)
{
    if (end <= map)
        return 0;
    size_t room = (size_t)(end - map);
    /* each word costs 8 bytes and half a map byte, so none above 2 * room / 17
     * fits: start there and step down past the padding */
    size_t n = room / (2 * WORD_BYTES + 1) * 2;
    for (; n >= MIN_HEAP_WORDS; n -= 2)
        if (n / WORDS_PER_MAP_BYTE + map_padding(map, n) + n * WORD_BYTES <= room)
            break;
    return n;
}

/* The heads of `classes` classes and their group map: 8 bytes per class, then
 * 4 per 8 classes (the last group may be short), padded to 8 bytes. */
static inline size_t lists_bytes(size_t classes)
{
    size_t groups = (classes + GROUP_CLASSES - 1) / GROUP_CLASSES;
    return classes * HEAD_BYTES + (groups * GROUP_ENTRY_BYTES + 7) / 8 * 8;
}

static inline struct layout layout_of(uintptr_t begin, size_t bytes)
{
    struct layout l = {0};
    if (begin == 0 || bytes > UINTPTR_MAX - begin)
        return l;
    uintptr_t end = begin + bytes;
    size_t skip = (STATE_ALIGN - begin % STATE_ALIGN) % STATE_ALIGN;
    if (bytes < skip || bytes - skip < STATE_BYTES)
        return l;
    l.state = begin + skip;
    l.heads = l.state + STATE_BYTES;
    /* the fewest heads that cover the heap after them; more heads only leave
     * less room, so once no heap fits none will */
    size_t classes = 1, n;
    for (;; classes++) {
        n = words_fitting(l.heads + lists_bytes(classes), end);
        if (n < MIN_HEAP_WORDS)
            return l;
        if (size_class(n - 2) + 1 <= classes)
            break;
    }
    l.ok = 1;
    l.classes = classes;
    l.map = l.heads + lists_bytes(classes);
    l.n = n;
    l.map_bytes = n / WORDS_PER_MAP_BYTE;
    l.words = l.map + l.map_bytes + map_padding(l.map, n);
    l.first_header = l.words + WORD_BYTES;
    l.end_marker = l.words + (n - 1) * WORD_BYTES;
    l.capacity = (n - 3) * WORD_BYTES;
    l.overhead = (size_t)(l.words - begin);
    return l;
}

/* The extent tagheap_get_stats reports once the heap's words up to the address
 * `reached` (a block's end) have been handed out: the bytes before the start map
 * (alignment, the state and the heads), the map bytes of those words (one per
 * two words), and the words.  A new heap's extent is extent_reaching(l, begin, l->words). */
static inline size_t extent_reaching(const struct layout *l, uintptr_t begin, uintptr_t reached)
{
    size_t words = (size_t)(reached - l->words) / WORD_BYTES;
    return (size_t)(l->map - begin) + (words + 1) / WORDS_PER_MAP_BYTE + words * WORD_BYTES;
}

/* Bytes of the smallest block whose payload holds n bytes (n below any heap). */
static inline size_t block_bytes_for(size_t n)
{
    size_t block = (n + HEADER_BYTES + PAYLOAD_ALIGN - 1) / PAYLOAD_ALIGN * PAYLOAD_ALIGN;
    return block < MIN_BLOCK_BYTES ? MIN_BLOCK_BYTES : block;
}

/* Where aligned allocation puts a payload in the free block whose header is at
 * `header`: the first multiple of `alignment` at or after its payload, pushed
 * on by one alignment when the gap in front would be too small to be a free
 * block (README, "aligned_alloc").  Returns the gap in bytes. */
static inline size_t aligned_gap_bytes(uintptr_t header, size_t alignment)
{
    uintptr_t payload = header + HEADER_BYTES;
    size_t gap = (size_t)((alignment - payload % alignment) % alignment);
    if (gap > 0 && gap < MIN_BLOCK_BYTES)
        gap += alignment;
    return gap;
}

/* What tagheap_strerror documents for each code (README, "Error codes"). */
static inline const char *documented_strerror(int code)
{
    switch (code) {
    case 0: return "no error";
    case -1: return "pointer is outside this heap's blocks";
    case -2: return "pointer is not 16-byte aligned, so it is no payload";
    case -3:
        return "pointer is not the start of a block (interior pointer, or a block already freed "
               "and merged)";
    case -4: return "block is already free (double free)";
    case -5: return "block tags are inconsistent (heap metadata overwritten)";
    case -6: return "not a live tagheap (NULL, destroyed or overwritten)";
    case -7: return "a required argument is NULL or out of range";
    case -10: return "block header holds an impossible size";
    case -11: return "blocks do not tile the heap up to the end marker";
    case -12: return "block-start map disagrees with the block headers";
    case -13: return "free block's footer differs from its header";
    case -14: return "two adjacent free blocks (missed coalescing)";
    case -15: return "previous-allocated bit disagrees with the previous block";
    case -16: return "end marker is damaged";
    case -17:
        return "free-list head is not a free block of its class, or a free block without a "
               "previous link is not its class's head";
    case -18: return "free-list link does not lead to a free block that links back";
    case -19: return "free block is listed outside its size class";
    case -20: return "free blocks that no free-list head leads to (detached ring of links)";
    case -21: return "the map of non-empty size classes disagrees with the free-list heads";
    default: return "unknown tagheap error code";
    }
}

/* errno before a call whose documented outcome leaves errno alone. */
enum { ERRNO_UNTOUCHED = 7777 };

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

/* errno after a call: `want`, or ERRNO_UNTOUCHED where the call documents
 * none (a successful call, or a failure answered by its return value alone). */
#define require_errno(want, what)                                                                  \
    FUZZ_REQUIRE(errno == (want), "%s: errno %d, expected %d", (what), errno, (want))

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
