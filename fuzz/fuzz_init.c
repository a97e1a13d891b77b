/* SPDX-License-Identifier: MIT */
/*
 * Region harness: tagheap_init over odd caller regions — tiny, any start
 * alignment, any length, at the very top of the address space — and
 * tagheap_create over small sizes.  Oracles:
 *
 *   - the layout model (fuzz_common.h, from the documented region layout)
 *     says whether a region is refused, where the state goes and what the
 *     capacity is; a refused region is refused with EINVAL and without a byte
 *     of it written;
 *   - an accepted region: the handle is where the model puts the state, every
 *     block lies inside the region, not one byte outside it is written (guards
 *     on both sides), the checker is clean;
 *   - the whole capacity can be handed out in one block, and not a byte more;
 *   - filling the heap with blocks of the input's sizes keeps them disjoint,
 *     inside, aligned and tagged; freeing them all leaves one free block;
 *   - destroy then init again gives the same heap; a destroyed handle is refused;
 *   - tagheap_create maps the size rounded up to a page (sysconf), builds the
 *     heap the model predicts in it, and tagheap_destroy unmaps every page of
 *     it (mincore); sizes no mapping can have are ENOMEM, 0 is EINVAL.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "tagheap.h"

enum {
    ARENA_BYTES = 1 << 15,
    GUARD_BYTES = 64,
    GUARD_BYTE = 0xA5,
    REGION_BYTE = 0x5A,
    MAX_OFFSET = 64,
    REFUSED_BELOW = 256, /* lengths around the smallest heap are tried often */
    TOO_SHORT_FOR_ANY_HEAP = 128,
    MAX_BLOCKS = 256
};

static unsigned char arena[GUARD_BYTES + MAX_OFFSET + ARENA_BYTES + GUARD_BYTES]
    __attribute__((aligned(64)));
static unsigned char *blocks[MAX_BLOCKS];
static size_t block_bytes[MAX_BLOCKS];

static size_t take_length(struct input *in)
{
    uint8_t kind = take_u8(in);
    uint16_t v = take_u16(in);
    switch (kind % 4) {
    case 0: return v % 256; /* tiny: around the smallest heap */
    case 1: return v % 2048;
    case 2: return v % (ARENA_BYTES + 1);
    default: return REFUSED_BELOW - 64 + v % 128;
    }
}

/* Everything outside [region, region + bytes) still holds the guard byte. */
static void require_outside_untouched(const unsigned char *region, size_t bytes)
{
    size_t from = (size_t)(region - arena);
    size_t before = raw_first_not(arena, from, GUARD_BYTE);
    FUZZ_REQUIRE(before == from, "byte %zu before the region was written", from - before);
    size_t after = raw_first_not(region + bytes, sizeof arena - from - bytes, GUARD_BYTE);
    FUZZ_REQUIRE(after == sizeof arena - from - bytes, "byte %zu after the region was written",
                 after);
}

static void require_inside(const unsigned char *region, size_t bytes, const void *p, size_t n,
                           const char *what)
{
    uintptr_t a = (uintptr_t)p;
    FUZZ_REQUIRE(a >= (uintptr_t)region && a + n <= (uintptr_t)region + bytes,
                 "%s [%p, +%zu) is outside the region [%p, +%zu)", what, p, n, (const void *)region,
                 bytes);
}

static unsigned char tag_byte(size_t block, size_t k)
{
    return (unsigned char)(block * 31 + k);
}

static void tag_verify(size_t count)
{
    for (size_t b = 0; b < count; b++)
        for (size_t k = 0; k < block_bytes[b]; k++)
            FUZZ_REQUIRE(blocks[b][k] == tag_byte(b, k), "block %zu lost byte %zu", b, k);
}

static void require_clean(tagheap *h)
{
    tagheap_report report;
    FUZZ_REQUIRE(tagheap_check(h, &report) == TAGHEAP_OK, "heap check: %s", report.message);
}

/* Fill the heap with blocks of the input's sizes, then free them all. */
static void fill_and_empty(tagheap *h, struct input *in, const unsigned char *region, size_t bytes,
                           size_t capacity)
{
    size_t count = 0;
    while (count < MAX_BLOCKS) {
        size_t n = take_u8(in) % 8 == 0 ? (size_t)take_u16(in) : take_u8(in);
        size_t alignment = (size_t)1 << (take_u8(in) % 12);
        unsigned char *p = tagheap_aligned_alloc(h, alignment, n);
        if (p == NULL)
            break;
        size_t usable = tagheap_usable_size(h, p);
        FUZZ_REQUIRE(
            usable >= n && (uintptr_t)p % alignment == 0 && (uintptr_t)p % PAYLOAD_ALIGN == 0,
            "block %p: %zu usable for %zu at alignment %zu", (void *)p, usable, n, alignment);
        require_inside(region, bytes, p - HEADER_BYTES, usable + HEADER_BYTES, "a block");
        if (FUZZ_POISON_CHECKS)
            FUZZ_REQUIRE(is_poisoned(p - HEADER_BYTES) && !any_poisoned(p, usable),
                         "block %p is not annotated", (void *)p);
        blocks[count] = p;
        block_bytes[count] = usable;
        for (size_t k = 0; k < usable; k++)
            p[k] = tag_byte(count, k);
        count++;
        if (!input_left(in))
            break;
    }
    require_clean(h);
    tag_verify(count);
    require_outside_untouched(region, bytes);
    for (size_t b = count; b-- > 0;)
        FUZZ_REQUIRE(tagheap_free(h, blocks[b]) == TAGHEAP_OK, "free of block %zu failed", b);
    tagheap_stats st;
    tagheap_get_stats(h, &st);
    FUZZ_REQUIRE(st.blocks == 1 && st.largest_free == capacity && st.allocated_bytes == 0,
                 "emptied heap: %zu blocks, largest %zu of %zu", st.blocks, st.largest_free,
                 capacity);
    require_clean(h);
}

static void accepted(tagheap *h, struct input *in, unsigned char *region, size_t bytes)
{
    require_inside(region, bytes, h, 1, "the heap state");
    require_clean(h);
    struct layout l = layout_of((uintptr_t)region, bytes);
    FUZZ_REQUIRE(l.ok && (uintptr_t)h == l.state,
                 "a %zu-byte region at %p: heap state at %p, the model %p", bytes, (void *)region,
                 (void *)h, (void *)l.state);
    tagheap_stats st;
    tagheap_get_stats(h, &st);
    size_t capacity = st.capacity;
    FUZZ_REQUIRE(capacity == l.capacity, "a %zu-byte region at %p: capacity %zu, the model %zu",
                 bytes, (void *)region, capacity, l.capacity);
    FUZZ_REQUIRE(st.blocks == 1 && st.free_blocks == 1 && st.largest_free == capacity &&
                     st.extent == extent_reaching(&l, (uintptr_t)region, l.words),
                 "a new heap is not one free block (extent %zu, model %zu)", st.extent,
                 extent_reaching(&l, (uintptr_t)region, l.words));

    errno = 0;
    FUZZ_REQUIRE(tagheap_malloc(h, capacity + 1) == NULL && errno == ENOMEM,
                 "more than the capacity was handed out");
    unsigned char *all = tagheap_malloc(h, capacity);
    FUZZ_REQUIRE((uintptr_t)all == l.first_header + HEADER_BYTES,
                 "the whole capacity (%zu) is not the first block: %p", capacity, (void *)all);
    require_inside(region, bytes, all - HEADER_BYTES, capacity + 2 * HEADER_BYTES,
                   "the whole-heap block and the end marker");
    memset(all, 0xC3, capacity);
    require_clean(h);
    require_outside_untouched(region, bytes);
    FUZZ_REQUIRE(tagheap_free(h, all) == TAGHEAP_OK, "free of the whole-heap block failed");

    fill_and_empty(h, in, region, bytes, capacity);

    tagheap_destroy(h);
    errno = ERRNO_UNTOUCHED;
    FUZZ_REQUIRE(tagheap_free(h, all) == TAGHEAP_EBADHEAP, "a destroyed heap accepted free");
    require_errno(EINVAL, "free on a destroyed heap");
    FUZZ_REQUIRE(!any_poisoned(region, bytes), "the region stays poisoned after destroy");
    tagheap *again = tagheap_init(region, bytes);
    FUZZ_REQUIRE(again == h, "init of the same region gave another handle");
    tagheap_get_stats(again, &st);
    FUZZ_REQUIRE(st.capacity == capacity, "init of the same region gave another capacity");
    tagheap_destroy(again);
}

/* Regions at the top of the address space, some claiming to run past it.
 * The memory is not there, so only lengths too short to hold any heap (its
 * state alone is larger) are tried: init must refuse them without a write. */
static void top_of_address_space(struct input *in)
{
    size_t below_top = (size_t)take_u8(in) + 1;
    size_t bytes = take_u8(in) % TOO_SHORT_FOR_ANY_HEAP;
    errno = 0;
    tagheap *h = tagheap_init((void *)(UINTPTR_MAX - below_top + 1), bytes);
    FUZZ_REQUIRE(h == NULL && errno == EINVAL,
                 "a %zu-byte region %zu bytes below the top was accepted", bytes, below_top);
}

/* 1 if no page of [start, start + length) is mapped: mincore fails with
 * ENOMEM for each one. */
static int unmapped(uintptr_t start, size_t length, size_t page)
{
    unsigned char resident;
    for (size_t at = 0; at < length; at += page) {
        errno = 0;
        if (mincore((void *)(start + at), page, &resident) == 0 || errno != ENOMEM)
            return 0;
    }
    return 1;
}

static void created(struct input *in)
{
    size_t bytes = take_u16(in);
    long page_size = sysconf(_SC_PAGESIZE);
    FUZZ_REQUIRE(page_size > 0, "sysconf(_SC_PAGESIZE) failed");
    size_t page = (size_t)page_size;
    /* sizes no mapping can have: refused with ENOMEM, nothing mapped */
    size_t impossible = bytes % 2 ? SIZE_MAX - bytes : SIZE_MAX / 2 + bytes;
    errno = 0;
    FUZZ_REQUIRE(tagheap_create(impossible) == NULL && errno == ENOMEM,
                 "tagheap_create(%zu) did not fail with ENOMEM", impossible);
    errno = ERRNO_UNTOUCHED;
    tagheap *h = tagheap_create(bytes);
    if (bytes == 0) {
        FUZZ_REQUIRE(h == NULL && errno == EINVAL, "tagheap_create(0) did not fail with EINVAL");
        return;
    }
    FUZZ_REQUIRE(h != NULL, "tagheap_create(%zu) failed with errno %d", bytes, errno);
    require_errno(ERRNO_UNTOUCHED, "a successful tagheap_create");
    /* the heap fills a fresh mapping of whole pages: the state at its start */
    size_t length = (bytes + page - 1) / page * page;
    uintptr_t mapping = (uintptr_t)h;
    FUZZ_REQUIRE(mapping % page == 0, "create(%zu): the heap %p is not at a page start", bytes,
                 (void *)h);
    struct layout l = layout_of(mapping, length);
    tagheap_stats st;
    tagheap_get_stats(h, &st);
    FUZZ_REQUIRE(l.ok && st.capacity == l.capacity,
                 "create(%zu): capacity %zu, the model %zu for %zu mapped bytes", bytes,
                 st.capacity, l.capacity, length);
    unsigned char *p = tagheap_malloc(h, st.capacity);
    FUZZ_REQUIRE((uintptr_t)p == l.first_header + HEADER_BYTES,
                 "create(%zu): the capacity is not the first block", bytes);
    memset(p, 0x3C, st.capacity);
    require_clean(h);
    unsigned char resident[16];
    FUZZ_REQUIRE(length / page > sizeof resident || mincore(h, length, resident) == 0,
                 "create(%zu): %zu bytes are not all mapped", bytes, length);
    tagheap_destroy(h);
    FUZZ_REQUIRE(unmapped(mapping, length, page),
                 "create(%zu): a page of its %zu-byte mapping is still mapped after destroy", bytes,
                 length);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct input in = {data, size, 0};
    uint8_t mode = take_u8(&in);
    if (mode % 16 == 0) {
        top_of_address_space(&in);
        return 0;
    }
    if (mode % 16 == 1) {
        created(&in);
        return 0;
    }
    errno = 0;
    FUZZ_REQUIRE(tagheap_init(NULL, 4096) == NULL && errno == EINVAL, "init(NULL) accepted");

    size_t offset = take_u8(&in) % MAX_OFFSET;
    size_t bytes = take_length(&in);
    memset(arena, GUARD_BYTE, sizeof arena);
    unsigned char *region = arena + GUARD_BYTES + offset;
    memset(region, REGION_BYTE, bytes);
    guard_close(arena, (size_t)(region - arena));
    guard_close(region + bytes, sizeof arena - (size_t)(region - arena) - bytes);
    errno = ERRNO_UNTOUCHED;
    tagheap *h = tagheap_init(region, bytes);
    if (h == NULL) {
        FUZZ_REQUIRE(errno == EINVAL, "a refused region set errno %d", errno);
        FUZZ_REQUIRE(!layout_of((uintptr_t)region, bytes).ok,
                     "a %zu-byte region at offset %zu was refused; the model fits a heap", bytes,
                     offset);
        for (size_t k = 0; k < bytes; k++)
            FUZZ_REQUIRE(region[k] == REGION_BYTE, "a refused region was written at byte %zu", k);
        require_outside_untouched(region, bytes);
        guard_open(arena, sizeof arena);
        return 0;
    }
    require_errno(ERRNO_UNTOUCHED, "a successful tagheap_init");
    accepted(h, &in, region, bytes);
    require_outside_untouched(region, bytes);
    guard_open(arena, sizeof arena);
    return 0;
}
