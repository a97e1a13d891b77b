/* SPDX-License-Identifier: MIT */
/*
 * Corruption harness: a client overwrites one word of heap metadata (a header,
 * the footer of a free block, the header after its block), as an overflow or
 * a use-after-free would, and then keeps using the heap.  tagheap documents
 * what must still hold, and this harness checks it:
 *
 * or one byte of the block-start map (located from the layout in core.h: the
 * map's last byte marks the end marker and only zero padding follows it).
 *
 *   - tagheap_free of every block either is refused (a negative code, the
 *     heap byte-identical: tagheap.h "leaves the heap exactly as it was"), or
 *     succeeds and leaves either a heap the checker accepts and whose
 *     statistics are the model's (the live blocks held, free gaps between), or
 *     the damage exactly as the checker reported it before: same code, same
 *     block, unless the damaged block was the freed one or the one after it
 *     and now lies inside the merged free block;
 *   - always refused (ECORRUPT): a free of the block whose own header was
 *     overwritten with a size below the minimum; on a heap the checker
 *     accepts, no free of a live block is refused;
 *   - usable_size answers 0 exactly when free would refuse; errno is left
 *     alone by both; when free reports TAGHEAP_ECORRUPT, tagheap_check
 *     reports a problem too;
 *   - the checker's report: the code's documented sentence, and for damage the
 *     offset of a header in the block area, word for word;
 *   - check, stats and dump walk a damaged heap without reading outside it;
 *   - malloc and aligned_alloc never place a block in a free block whose header
 *     says a size below the minimum: the head they take from a free list has
 *     its header checked first (only such damage is given to them: on other
 *     damage the allocator's behaviour is undefined, as malloc's is).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "tagheap.h"

enum { REGION_BYTES = 4096, BLOCKS = 12, MIN_BLOCK_WORDS = 4 };

static unsigned char region[REGION_BYTES] __attribute__((aligned(16)));
static unsigned char before[REGION_BYTES];

/* The live blocks the harness holds, in address order (allocated in a row). */
static unsigned char *blocks[BLOCKS + 2];
static size_t live;

/* Add block p to the harness's list, in address order (NULL: nothing to add). */
static void adopt(unsigned char *p)
{
    if (p == NULL)
        return;
    size_t k = live++;
    while (k > 0 && blocks[k - 1] > p) {
        blocks[k] = blocks[k - 1];
        k--;
    }
    blocks[k] = p;
}

/* tagheap_check with its report checked word for word: the code's sentence and,
 * for a damaged heap, the offset of a block header inside the block area. */
static int checked(tagheap *h, tagheap_report *report)
{
    struct layout l = layout_of((uintptr_t)region, sizeof region);
    errno = ERRNO_UNTOUCHED;
    int code = tagheap_check(h, report);
    require_errno(ERRNO_UNTOUCHED, "check of a live heap");
    char want[sizeof report->message];
    if (code == TAGHEAP_OK) {
        snprintf(want, sizeof want, "heap is well-formed");
        FUZZ_REQUIRE(report->offset == 0, "a well-formed heap reported offset %zu", report->offset);
    } else if (report->offset == 0) {
        /* about no one block: a list head that names none, a group map entry, or
         * blocks no head reaches */
        FUZZ_REQUIRE(code == TAGHEAP_ELISTHEAD || code == TAGHEAP_ELISTMAP || code == TAGHEAP_EUNLISTED,
                     "report %d names no block", code);
        snprintf(want, sizeof want, "%s", documented_strerror(code));
    } else {
        size_t end = (size_t)(l.end_marker - l.words);
        FUZZ_REQUIRE(report->offset % PAYLOAD_ALIGN == HEADER_BYTES && report->offset <= end,
                     "report %d at offset %zu: no header there (end marker at %zu)", code,
                     report->offset, end);
        snprintf(want, sizeof want, "%s (block at offset 0x%08zx)", documented_strerror(code),
                 report->offset);
    }
    FUZZ_REQUIRE(code <= 0 && report->code == code && strcmp(report->message, want) == 0,
                 "check returned %d, report %d: \"%s\", expected \"%s\"", code, report->code,
                 report->message, want);
    return code;
}

/* On a heap the checker accepts, the statistics are those of the live blocks
 * the harness holds and the free gaps between them. */
static void require_model(tagheap *h)
{
    struct layout l = layout_of((uintptr_t)region, sizeof region);
    size_t free_blocks = 0, free_bytes = 0, largest = 0, allocated = 0;
    uintptr_t at = l.first_header;
    for (size_t k = 0; k <= live; k++) {
        uintptr_t to = k < live ? (uintptr_t)blocks[k] - HEADER_BYTES : l.end_marker;
        if (to > at) {
            size_t usable = (size_t)(to - at) - HEADER_BYTES;
            free_blocks++;
            free_bytes += usable;
            largest = usable > largest ? usable : largest;
        }
        if (k < live) {
            size_t usable = tagheap_usable_size(h, blocks[k]);
            allocated += usable;
            at = (uintptr_t)blocks[k] + usable;
        }
    }
    tagheap_stats st;
    tagheap_get_stats(h, &st);
    FUZZ_REQUIRE(st.capacity == l.capacity && st.blocks == live + free_blocks &&
                     st.free_blocks == free_blocks && st.free_bytes == free_bytes &&
                     st.largest_free == largest && st.allocated_bytes == allocated,
                 "a heap the checker accepts: %zu blocks (%zu free, %zu bytes, largest %zu, "
                 "allocated %zu), model %zu (%zu, %zu, %zu, %zu)",
                 st.blocks, st.free_blocks, st.free_bytes, st.largest_free, st.allocated_bytes,
                 live + free_blocks, free_blocks, free_bytes, largest, allocated);
}

/* Drop block k from the harness's list (it was freed). */
static void forget(size_t k)
{
    for (size_t j = k; j + 1 < live; j++)
        blocks[j] = blocks[j + 1];
    live--;
}

/* The client's stray write: past ASan's poisoning, as a real bug would be. */
FUZZ_NO_ASAN static void overwrite_word(unsigned char *at, uint64_t value)
{
    volatile unsigned char *to = at;
    for (size_t k = 0; k < sizeof value; k++)
        to[k] = (unsigned char)(value >> (8 * k));
}

static void require_unchanged(const char *what, int code)
{
    size_t at = raw_first_difference(region, before, sizeof region);
    FUZZ_REQUIRE(at == sizeof region, "%s refused with %d (%s) but changed region byte %zu", what,
                 code, tagheap_strerror(code), at);
}

/* The start-map byte of the block whose header is at `header`.  The map ends
 * with the end marker's byte (1), then zero padding up to the word array. */
static unsigned char *start_map_byte(const unsigned char *first_header, size_t capacity,
                                     const unsigned char *header)
{
    const unsigned char *words = first_header - HEADER_BYTES;
    unsigned char *end_byte = (unsigned char *)words - 1;
    while (*end_byte == 0)
        end_byte--;
    size_t n = capacity / WORD_BYTES + 3; /* padding, one block spanning the heap, end marker */
    size_t index = (size_t)(header - words) / WORD_BYTES;
    return end_byte - (n - 1) / 2 + index / 2;
}

/* A header value: size in words (any), previous-allocated and allocated bits. */
static uint64_t header_value(uint64_t size_words, uint64_t bits)
{
    return size_words * WORD_BYTES + (bits & 3);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct input in = {data, size, 0};
    memset(region, 0, sizeof region);
    tagheap *h = tagheap_init(region, sizeof region);
    FUZZ_REQUIRE(h != NULL, "init failed");

    /* A heap of allocated and free blocks, the input choosing sizes and gaps. */
    live = 0;
    for (size_t k = 0; k < BLOCKS; k++) {
        blocks[k] = tagheap_malloc(h, (size_t)(take_u8(&in) % 96));
        FUZZ_REQUIRE(blocks[k] != NULL, "a small heap ran out");
    }
    const unsigned char *first_header = blocks[0] - HEADER_BYTES;
    tagheap_stats st;
    tagheap_get_stats(h, &st);
    size_t capacity = st.capacity;
    uint16_t keep = take_u16(&in);
    for (size_t k = 0; k < BLOCKS; k++) {
        if (keep & (1u << k))
            blocks[live++] = blocks[k];
        else
            FUZZ_REQUIRE(tagheap_free(h, blocks[k]) == TAGHEAP_OK, "free failed");
    }
    if (live == 0) {
        tagheap_destroy(h);
        return 0;
    }

    /* The damage: one word near a live block. */
    unsigned char *victim = blocks[take_u8(&in) % live];
    size_t usable = tagheap_usable_size(h, victim);
    uint8_t where = take_u8(&in);
    uint8_t how = take_u8(&in);
    uint16_t amount = take_u16(&in);
    unsigned char *word;
    switch (where % 5) {
    case 0: word = victim - HEADER_BYTES; break;     /* its header */
    case 1: word = victim - 2 * HEADER_BYTES; break; /* the footer before it, if free */
    case 2: word = victim + usable; break;           /* the next header */
    default: {                                       /* a start-map byte */
        const unsigned char *header =
            where % 5 == 3 ? victim - HEADER_BYTES : first_header + capacity + HEADER_BYTES;
        unsigned char *map = start_map_byte(first_header, capacity, header);
        FUZZ_REQUIRE(*map == 1, "the start map is not where core.h puts it");
        *map = (unsigned char)(amount % 2 == 0 ? 0 : 2);
        word = NULL;
        break;
    }
    }
    uint64_t value;
    int below_minimum = 0; /* a size the walks must stop at */
    switch (how % 4) {
    case 0:
        value = header_value(amount % MIN_BLOCK_WORDS, how >> 2);
        below_minimum = where % 5 == 0 || where % 5 == 2;
        break;
    case 1: value = header_value(amount, how >> 2); break;
    case 2: value = (uint64_t)amount * WORD_BYTES; break; /* a footer-like size */
    default: value = (uint64_t)take_u32(&in) << 32 | take_u32(&in); break;
    }
    if (word != NULL)
        overwrite_word(word, value);

    tagheap_report report;
    int damage = checked(h, &report);
    FUZZ_REQUIRE(word != NULL || damage != TAGHEAP_OK, "a damaged start map passes the check");
    tagheap_get_stats(h, &st);
    FILE *devnull = fopen("/dev/null", "w");
    FUZZ_REQUIRE(devnull != NULL, "cannot open /dev/null");
    tagheap_dump(h, devnull);
    fclose(devnull);

    if (below_minimum) {
        /* a listed block is checked before it is used: the damage is only read
         * (or, as the header after a block placed whole, gets its previous bit) */
        adopt(tagheap_malloc(h, (size_t)amount));
        adopt(tagheap_aligned_alloc(h, 256, (size_t)take_u8(&in)));
    }

    /* Free every block, the damaged one included.  A free is refused (the heap
     * byte-identical), or leaves the damage as the checker saw it before —
     * same code, same block — or a heap the checker accepts and the model
     * describes.  On a heap the checker accepts, no free of a live block is
     * refused.  Damage to the block's own header or the header after it is
     * always refused when it is below the minimum size. */
    unsigned char *victim_header = victim - HEADER_BYTES;
    const unsigned char *words =
        (const unsigned char *)layout_of((uintptr_t)region, sizeof region).words;
    for (size_t k = 0; k < live;) {
        tagheap_report pre, post;
        int pre_code = checked(h, &pre);
        raw_copy(before, region, sizeof region);
        errno = ERRNO_UNTOUCHED;
        size_t answer = tagheap_usable_size(h, blocks[k]);
        require_unchanged("usable_size", 0);
        int code = tagheap_free(h, blocks[k]);
        require_errno(ERRNO_UNTOUCHED, "free or usable_size on a live heap");
        FUZZ_REQUIRE(code <= 0, "free returned %d", code);
        FUZZ_REQUIRE((answer == 0) == (code != TAGHEAP_OK),
                     "usable_size said %zu but free returned %d", answer, code);
        FUZZ_REQUIRE(pre_code != TAGHEAP_OK || code == TAGHEAP_OK,
                     "free of a live block of a heap the checker accepts returned %d", code);
        if (below_minimum && blocks[k] == victim && word == victim_header)
            FUZZ_REQUIRE(code == TAGHEAP_ECORRUPT,
                         "free of a block whose header says size "
                         "%" PRIu64 " returned %d",
                         value, code);
        if (code != TAGHEAP_OK) {
            require_unchanged("free", code);
            if (code == TAGHEAP_ECORRUPT)
                FUZZ_REQUIRE(pre_code != TAGHEAP_OK,
                             "free saw corrupt tags that check calls well-formed");
            k++;
            continue;
        }
        size_t freed = (size_t)(blocks[k] - HEADER_BYTES - words);
        forget(k);
        int post_code = checked(h, &post);
        /* the damage now lies in the free block the freed one merged into: it
         * was reported at the freed block or the one after it */
        int merged_over = post.offset <= freed && freed <= pre.offset &&
                          pre.offset <= freed + answer + HEADER_BYTES;
        if (post_code == TAGHEAP_OK)
            require_model(h);
        else
            FUZZ_REQUIRE(post_code == pre_code && (post.offset == pre.offset || merged_over),
                         "a free at %zu on a damaged heap moved the damage: %d at %zu became %d "
                         "at %zu",
                         freed, pre_code, pre.offset, post_code, post.offset);
    }
    tagheap_destroy(h);
    return 0;
}
