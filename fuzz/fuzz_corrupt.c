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
 *   - tagheap_free of every block either succeeds or returns a negative code
 *     and leaves the heap byte-identical (tagheap.h: "leaves the heap exactly as
 *     it was"); usable_size answers 0 exactly when free would refuse;
 *   - when free reports TAGHEAP_ECORRUPT, tagheap_check reports a problem too;
 *   - check, stats and dump walk a damaged heap without reading outside it;
 *   - malloc and aligned_alloc stop at a header whose size is below the minimum
 *     instead of walking on (only such damage is given to them: on other damage
 *     the allocator's behaviour is undefined, as malloc's is).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "tagheap.h"

enum { REGION_BYTES = 4096, BLOCKS = 12, MIN_BLOCK_WORDS = 4 };

static unsigned char region[REGION_BYTES] __attribute__((aligned(16)));
static unsigned char before[REGION_BYTES];

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
    unsigned char *blocks[BLOCKS];
    size_t live = 0;
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
    int damage = tagheap_check(h, &report);
    FUZZ_REQUIRE(damage <= 0 && strlen(report.message) > 0, "check returned %d", damage);
    FUZZ_REQUIRE(word != NULL || damage != TAGHEAP_OK, "a damaged start map passes the check");
    tagheap_get_stats(h, &st);
    FILE *devnull = fopen("/dev/null", "w");
    FUZZ_REQUIRE(devnull != NULL, "cannot open /dev/null");
    tagheap_dump(h, devnull);
    fclose(devnull);

    if (below_minimum) {
        /* only reads, or writes in healthy blocks before the damage */
        tagheap_malloc(h, (size_t)amount);
        tagheap_aligned_alloc(h, 256, (size_t)take_u8(&in));
    }

    for (size_t k = 0; k < live; k++) {
        raw_copy(before, region, sizeof region);
        size_t answer = tagheap_usable_size(h, blocks[k]);
        require_unchanged("usable_size", 0);
        int code = tagheap_free(h, blocks[k]);
        FUZZ_REQUIRE(code <= 0, "free returned %d", code);
        FUZZ_REQUIRE((answer == 0) == (code != TAGHEAP_OK),
                     "usable_size said %zu but free returned %d", answer, code);
        if (code != TAGHEAP_OK)
            require_unchanged("free", code);
        if (code == TAGHEAP_ECORRUPT)
            FUZZ_REQUIRE(tagheap_check(h, NULL) != TAGHEAP_OK,
                         "free saw corrupt tags that check calls well-formed");
    }
    tagheap_destroy(h);
    return 0;
}
