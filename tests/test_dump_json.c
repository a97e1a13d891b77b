/* SPDX-License-Identifier: MIT */
/*
 * tagheap_dump_json: one block object per walked block, with the walk's offset,
 * size, status and payload; "none" for the first block's predecessor; a
 * damaged heap still gives a whole object saying where the walk stopped; bad
 * arguments write nothing.  That the output parses as JSON, tiles the region
 * and agrees with tagheap_get_stats is tests/check_heapmap.py's job (make
 * test-heapmap), which has a JSON parser.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static int setup(void **state)
{
    return setup_created_heap(state, 16 * 1024);
}

static void test_json_has_an_object_per_walked_block(void **state)
{
    tagheap *h = *state;
    struct walked seen = {0};
    walk_after_a_hole(h, &seen);
    int status;
    char *text = printed_by(tagheap_dump_json, h, &status);
    assert_int_equal(status, 0);
    for (size_t k = 0; k < seen.count; k++) {
        const tagheap_block *block = &seen.blocks[k];
        const char *previous = k == 0 ? "none" : block->prev_allocated ? "allocated" : "free";
        char object[256];
        snprintf(object, sizeof object,
                 "{\"offset\": %zu, \"size\": %zu, \"status\": \"%s\", \"previous\": \"%s\", "
                 "\"payload_offset\": %zu, \"payload\": \"%p\"}",
                 block->offset, block->size, block->allocated ? "allocated" : "free", previous,
                 block->offset + 8, block->payload);
        if (strstr(text, object) == NULL)
            fail_msg("no object %s in the JSON dump:\n%s", object, text);
    }
    assert_non_null(strstr(text, "\"format\": \"tagheap-snapshot\""));
    assert_non_null(strstr(text, "\"version\": 1,"));
    assert_non_null(strstr(text, "\"walk\": \"complete\""));
    assert_int_equal(text[strlen(text) - 2], '}');
    free(text);
}

static void test_json_reports_a_damaged_walk(void **state)
{
    tagheap *h = *state;
    assert_non_null(tagheap_malloc(h, 40));
    unsigned char *b = tagheap_malloc(h, 40);
    uint64_t garbage = 0x4141; /* size 0x4140: runs past the end of the heap */
    memcpy(b - 8, &garbage, sizeof garbage);
    int status;
    char *text = printed_by(tagheap_dump_json, h, &status);
    assert_int_equal(status, TAGHEAP_ECORRUPT);
    assert_non_null(strstr(text, "\"walk\": \"damaged\",\n  \"damaged_offset\": 56,\n"
                                 "  \"damaged_header\": \"0x4141\"\n}\n"));
    assert_null(strstr(text, "\"offset\": 56,"));
    free(text);
}

/* Damage in the first header: the walk emits no block, and the list stays valid JSON. */
static void test_json_of_a_heap_damaged_at_its_first_block(void **state)
{
    tagheap *h = *state;
    unsigned char *a = tagheap_malloc(h, 40);
    assert_non_null(a);
    uint64_t garbage = 0x4141;
    memcpy(a - 8, &garbage, sizeof garbage);
    int status;
    char *text = printed_by(tagheap_dump_json, h, &status);
    assert_int_equal(status, TAGHEAP_ECORRUPT);
    if (strstr(text, "\"blocks\": [\n  ],\n  \"walk\": \"damaged\",\n  \"damaged_offset\": 8,\n") == NULL)
        fail_msg("no empty block list damaged at offset 8 in the JSON dump:\n%s", text);
    free(text);
}

static void test_json_rejects_bad_arguments_and_writes_nothing(void **state)
{
    tagheap *h = *state;
    errno = 0;
    assert_int_equal(tagheap_dump_json(h, NULL), TAGHEAP_EARG);
    assert_int_equal(errno, EINVAL);
    errno = 0;
    int status;
    char *text = printed_by(tagheap_dump_json, NULL, &status);
    assert_int_equal(status, TAGHEAP_EBADHEAP);
    assert_int_equal(errno, EINVAL);
    assert_string_equal(text, "");
    free(text);

    static _Alignas(16) unsigned char region[1024];
    tagheap *dead = tagheap_init(region, sizeof region);
    assert_non_null(dead);
    tagheap_destroy(dead);
    text = printed_by(tagheap_dump_json, dead, &status);
    assert_int_equal(status, TAGHEAP_EBADHEAP);
    assert_string_equal(text, "");
    free(text);
}

/* A tagheap_init heap keeps no length: its region runs from the caller's start to
 * the end of the block area, so nothing is "unused" after it (tagheap.h). */
static void test_json_of_an_init_heap_ends_at_its_block_area(void **state)
{
    (void)state;
    static _Alignas(16) unsigned char region[4096 + 3];
    tagheap *h = tagheap_init(region + 3, 4096);
    assert_non_null(h);
    int status;
    char *text = printed_by(tagheap_dump_json, h, &status);
    assert_int_equal(status, 0);
    char address[64];
    snprintf(address, sizeof address, "\"region\": {\"address\": \"%p\", \"bytes\": ",
             (void *)(region + 3));
    const char *at = strstr(text, address);
    if (at == NULL)
        fail_msg("no %s in the JSON dump:\n%s", address, text);
    size_t region_bytes = 0, unused_offset = 0, unused_bytes = 1;
    assert_int_equal(sscanf(at + strlen(address), "%zu", &region_bytes), 1);
    const char *unused = strstr(text, "{\"part\": \"unused\", ");
    assert_non_null(unused);
    assert_int_equal(sscanf(unused, "{\"part\": \"unused\", \"offset\": %zu, \"bytes\": %zu}",
                            &unused_offset, &unused_bytes), 2);
    assert_int_equal(unused_bytes, 0);
    assert_int_equal(unused_offset, region_bytes);
    assert_true(region_bytes <= 4096 && region_bytes > 4096 - 2 * 8 - 1);
    tagheap_destroy(h);
    free(text);
}

#define JSON_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown_heap)

int main(void)
{
    const struct CMUnitTest tests[] = {
        JSON_TEST(test_json_has_an_object_per_walked_block),
        JSON_TEST(test_json_reports_a_damaged_walk),
        JSON_TEST(test_json_of_a_heap_damaged_at_its_first_block),
        JSON_TEST(test_json_rejects_bad_arguments_and_writes_nothing),
        cmocka_unit_test(test_json_of_an_init_heap_ends_at_its_block_area),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
