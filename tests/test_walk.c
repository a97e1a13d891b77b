/* SPDX-License-Identifier: MIT */
/*
 * tagheap_walk and the dump written on top of it: every block once, in address
 * order, with the offset, size, status and payload the rest of the API agrees
 * on; a visitor can stop the walk; a damaged tag stops it with an error; bad
 * arguments are errors, not crashes.  The offsets rely on the documented layout
 * (README): the first block's header is at offset 8, 8 bytes before its payload.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static int setup(void **state)
{
    return setup_created_heap(state, 16 * 1024);
}

static void test_walk_visits_blocks_in_address_order(void **state)
{
    tagheap *h = *state;
    unsigned char *a = tagheap_malloc(h, 40);
    unsigned char *b = tagheap_malloc(h, 100);
    unsigned char *c = tagheap_malloc(h, 200);
    assert_int_equal(tagheap_free(h, b), 0);
    struct walked seen = {0};
    assert_int_equal(tagheap_walk(h, record_block, &seen), 0);
    assert_int_equal(seen.count, 4); /* a, b (free), c, the free rest */
    unsigned char *payloads[] = {a, b, c};
    int allocated[] = {1, 0, 1, 0};
    size_t total = 0;
    for (size_t k = 0; k < seen.count; k++) {
        const tagheap_block *block = &seen.blocks[k];
        if (k < 3)
            assert_ptr_equal(block->payload, payloads[k]);
        assert_int_equal(block->allocated, allocated[k]);
        assert_int_equal(block->prev_allocated, k == 0 ? 1 : allocated[k - 1]);
        assert_int_equal(block->offset,
                         k == 0 ? 8 : seen.blocks[k - 1].offset + seen.blocks[k - 1].size);
        assert_int_equal(block->size % 16, 0);
        if (block->allocated)
            assert_int_equal(block->size - 8, tagheap_usable_size(h, block->payload));
        total += block->size;
    }
    tagheap_stats stats;
    tagheap_get_stats(h, &stats);
    assert_int_equal(total - 8, stats.capacity); /* the blocks tile the heap */
    assert_int_equal(seen.count, stats.blocks);
}

static void test_visitor_stops_the_walk(void **state)
{
    tagheap *h = *state;
    for (int k = 0; k < 5; k++)
        assert_non_null(tagheap_malloc(h, 32));
    struct walked seen = {.stop_after = 2};
    assert_int_equal(tagheap_walk(h, record_block, &seen), 7);
    assert_int_equal(seen.count, 2);
}

static void test_walk_stops_at_a_damaged_tag(void **state)
{
    tagheap *h = *state;
    unsigned char *a = tagheap_malloc(h, 40);
    unsigned char *b = tagheap_malloc(h, 40);
    assert_non_null(tagheap_malloc(h, 40));
    uint64_t garbage = 3; /* size 0: cannot be walked */
    memcpy(b - 8, &garbage, sizeof garbage);
    struct walked seen = {0};
    assert_int_equal(tagheap_walk(h, record_block, &seen), TAGHEAP_ECORRUPT);
    assert_int_equal(seen.count, 1); /* a only */
    assert_ptr_equal(seen.blocks[0].payload, a);
    /* the damaged header is right after the last block visited */
    assert_ptr_equal((unsigned char *)seen.blocks[0].payload - 8 + seen.blocks[0].size, b - 8);
}

static void test_walk_rejects_bad_arguments(void **state)
{
    tagheap *h = *state;
    errno = 0;
    assert_int_equal(tagheap_walk(h, NULL, NULL), TAGHEAP_EARG);
    assert_int_equal(errno, EINVAL);
    errno = 0;
    struct walked seen = {0};
    assert_int_equal(tagheap_walk(NULL, record_block, &seen), TAGHEAP_EBADHEAP);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(seen.count, 0);
}

static void test_dump_has_a_line_per_walked_block(void **state)
{
    tagheap *h = *state;
    struct walked seen = {0};
    walk_after_a_hole(h, &seen);
    int status;
    char *text = printed_by(tagheap_dump, h, &status);
    assert_int_equal(status, 0);
    for (size_t k = 0; k < seen.count; k++) {
        char line[128];
        snprintf(line, sizeof line, "0x%08zx %10zu  %-9s", seen.blocks[k].offset,
                 seen.blocks[k].size, seen.blocks[k].allocated ? "allocated" : "free");
        if (strstr(text, line) == NULL)
            fail_msg("no line \"%s\" in the dump:\n%s", line, text);
    }
    assert_non_null(strstr(text, "end marker"));
    free(text);
}

/* The whole dump of a heap in a buffer whose address the test knows, every
 * field computed from the documented layout (README, "Region layout"): a
 * 16-aligned 1024-byte buffer holds 144 bytes of state, 32 heads (256 bytes)
 * and their group map (four 4-byte entries), then n = 70 words (35 map bytes,
 * then 13 bytes of padding to reach 16-byte alignment). */
static void test_dump_shows_every_field(void **state)
{
    (void)state;
    static _Alignas(16) unsigned char buffer[1024];
    tagheap *h = tagheap_init(buffer, sizeof buffer);
    assert_ptr_equal(h, buffer);
    unsigned char *words = buffer + 144 + 272 + 35 + 13;
    unsigned char *a = tagheap_malloc(h, 40);
    unsigned char *b = tagheap_malloc(h, 100);
    assert_ptr_equal(a, words + 16);
    assert_int_equal(tagheap_free(h, a), 0);
    int status;
    char *text = printed_by(tagheap_dump, h, &status);
    assert_int_equal(status, 0);
    char want[1024];
    snprintf(want, sizeof want,
             "tagheap %p: 70 words at %p, capacity 536 bytes\n"
             "overhead: 0 alignment + 144 state + 272 free-list heads + 35 start map + 13 padding "
             "= 464 bytes before the block area\n"
             "  offset          bytes  status     previous    payload\n"
             "  0x00000008         48  free       none        %p\n"
             "  0x00000038        112  allocated  free        %p\n"
             "  0x000000a8        384  free       allocated   %p\n"
             "  0x00000228          0  end marker\n",
             (void *)buffer, (void *)words, (void *)(words + 16), (void *)b,
             (void *)(words + 0xa8 + 8));
    assert_string_equal(text, want);
    free(text);
    tagheap_destroy(h);
}

static void test_dump_names_the_damaged_header(void **state)
{
    tagheap *h = *state;
    assert_non_null(tagheap_malloc(h, 40));
    unsigned char *b = tagheap_malloc(h, 40);
    uint64_t garbage = 0x4141;
    memcpy(b - 8, &garbage, sizeof garbage);
    int status;
    char *text = printed_by(tagheap_dump, h, &status);
    assert_int_equal(status, TAGHEAP_ECORRUPT);
    assert_non_null(strstr(text, "0x00000038 damaged header 0x4141: walk stops"));
    assert_null(strstr(text, "end marker"));
    free(text);
}

static void test_dump_rejects_bad_arguments(void **state)
{
    tagheap *h = *state;
    errno = 0;
    assert_int_equal(tagheap_dump(h, NULL), TAGHEAP_EARG); /* an error, not a crash */
    assert_int_equal(errno, EINVAL);
    errno = 0;
    assert_int_equal(tagheap_dump(NULL, NULL), TAGHEAP_EARG);
    assert_int_equal(errno, EINVAL);
    errno = 0;
    int status;
    char *text = printed_by(tagheap_dump, NULL, &status);
    assert_int_equal(status, TAGHEAP_EBADHEAP);
    assert_int_equal(errno, EINVAL);
    assert_non_null(strstr(text, "not a live heap"));
    free(text);
}

#define WALK_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown_heap)

int main(void)
{
    const struct CMUnitTest tests[] = {
        WALK_TEST(test_walk_visits_blocks_in_address_order),
        WALK_TEST(test_visitor_stops_the_walk),
        WALK_TEST(test_walk_stops_at_a_damaged_tag),
        WALK_TEST(test_walk_rejects_bad_arguments),
        WALK_TEST(test_dump_has_a_line_per_walked_block),
        cmocka_unit_test(test_dump_shows_every_field),
        WALK_TEST(test_dump_names_the_damaged_header),
        WALK_TEST(test_dump_rejects_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
