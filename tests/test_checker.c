/* SPDX-License-Identifier: MIT */
/*
 * tagheap_check against deliberate corruption.  The tests rely on the documented
 * block layout (README): an 8-byte header word right before each payload, and
 * a free block's size repeated in its last word.  Each test damages one word,
 * expects the matching code and block offset, restores it, and expects a clean
 * heap again (the checker only reads).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

struct fixture {
    tagheap *h;
    unsigned char *first, *a, *b, *c; /* first is the heap's first block */
};

static int setup(void **state)
{
    static struct fixture f;
    f.h = tagheap_create(16 * 1024);
    if (f.h == NULL)
        return -1;
    f.first = tagheap_malloc(f.h, 64);
    f.a = tagheap_malloc(f.h, 64);
    f.b = tagheap_malloc(f.h, 64);
    f.c = tagheap_malloc(f.h, 64);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    tagheap_destroy(f->h);
    return 0;
}

static uint64_t read_word(const unsigned char *at)
{
    uint64_t w;
    memcpy(&w, at, sizeof w);
    return w;
}

static void write_word(unsigned char *at, uint64_t w)
{
    memcpy(at, &w, sizeof w);
}

/* Byte offset of the header of the block whose payload is p (first block: 8). */
static size_t offset_of(const struct fixture *f, const unsigned char *p)
{
    return (size_t)(p - f->first) + 8;
}

/* Set the word at `at`, expect `code` about the block at payload `culprit`,
 * then restore and expect a well-formed heap. */
static void expect_detected(struct fixture *f, unsigned char *at, uint64_t value, int code,
                            const unsigned char *culprit)
{
    uint64_t saved = read_word(at);
    write_word(at, value);
    tagheap_report report;
    assert_int_equal(tagheap_check(f->h, &report), code);
    assert_int_equal(report.code, code);
    if (culprit != NULL)
        assert_int_equal(report.offset, offset_of(f, culprit));
    assert_non_null(strstr(report.message, tagheap_strerror(code)));
    write_word(at, saved);
    assert_heap_ok(f->h);
}

static void test_clean_heap_reports_ok(void **state)
{
    struct fixture *f = *state;
    tagheap_report report;
    assert_int_equal(tagheap_check(f->h, &report), TAGHEAP_OK);
    assert_int_equal(report.code, TAGHEAP_OK);
    assert_string_equal(report.message, "heap is well-formed");
}

static void test_header_with_size_below_minimum(void **state)
{
    struct fixture *f = *state;
    uint64_t header = read_word(f->b - 8);
    expect_detected(f, f->b - 8, 16 + header % 16, TAGHEAP_EBADSIZE, f->b);
    expect_detected(f, f->b - 8, 0, TAGHEAP_EBADSIZE, f->b);
    expect_detected(f, f->b - 8, (uint64_t)-80, TAGHEAP_EBADSIZE, f->b);
}

static void test_header_with_stray_bits(void **state)
{
    struct fixture *f = *state;
    uint64_t header = read_word(f->b - 8);
    expect_detected(f, f->b - 8, header + 4, TAGHEAP_EBADSIZE, f->b);
    expect_detected(f, f->b - 8, header + 8, TAGHEAP_EBADSIZE, f->b);
}

static void test_header_running_past_the_heap(void **state)
{
    struct fixture *f = *state;
    uint64_t header = read_word(f->b - 8);
    expect_detected(f, f->b - 8, (1u << 20) + header % 16, TAGHEAP_ETILING, f->b);
}

static void test_header_ending_inside_a_block(void **state)
{
    struct fixture *f = *state;
    uint64_t header = read_word(f->b - 8);
    /* b claims 32 bytes: the walk lands where no block starts */
    expect_detected(f, f->b - 8, 32 + header % 16, TAGHEAP_ESTARTMAP, f->b + 32);
    /* b claims two blocks' worth: a block start lies inside it */
    expect_detected(f, f->b - 8, header + (uint64_t)(f->c - f->b), TAGHEAP_ESTARTMAP, f->b);
}

static void test_free_block_with_wrong_footer(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(tagheap_free(f->h, f->b), 0);
    unsigned char *footer = f->b + tagheap_usable_size(f->h, f->a) - 8; /* same size as a */
    expect_detected(f, footer, read_word(footer) + 16, TAGHEAP_EFOOTER, f->b);
}

static void test_two_adjacent_free_blocks(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(tagheap_free(f->h, f->a), 0);
    /* make b look free without merging: clear its bit, give it a footer, tell c */
    uint64_t b_header = read_word(f->b - 8);
    uint64_t c_header = read_word(f->c - 8);
    write_word(f->c - 16, (uint64_t)(f->c - f->b));
    write_word(f->c - 8, c_header - 2);
    write_word(f->b - 8, b_header - 1);
    tagheap_report report;
    assert_int_equal(tagheap_check(f->h, &report), TAGHEAP_EADJFREE);
    assert_int_equal(report.offset, offset_of(f, f->b));
    write_word(f->b - 8, b_header);
    write_word(f->c - 8, c_header);
    assert_heap_ok(f->h);
}

static void test_wrong_previous_allocated_bit(void **state)
{
    struct fixture *f = *state;
    uint64_t header = read_word(f->c - 8);
    expect_detected(f, f->c - 8, header - 2, TAGHEAP_EPREVBIT, f->c);
    /* and the other direction: b free, c claims b is allocated */
    assert_int_equal(tagheap_free(f->h, f->b), 0);
    header = read_word(f->c - 8);
    expect_detected(f, f->c - 8, header + 2, TAGHEAP_EPREVBIT, f->c);
    /* the first block must have its previous bit set */
    header = read_word(f->first - 8);
    expect_detected(f, f->first - 8, header - 2, TAGHEAP_EPREVBIT, f->first);
}

static void test_damaged_end_marker(void **state)
{
    struct fixture *f = *state;
    tagheap_stats s;
    tagheap_get_stats(f->h, &s);
    unsigned char *last = tagheap_malloc(f->h, s.largest_free); /* fills up to the end */
    assert_non_null(last);
    unsigned char *end_marker = last + tagheap_usable_size(f->h, last);
    uint64_t marker = read_word(end_marker);
    expect_detected(f, end_marker, marker - 2, TAGHEAP_EENDMARK, NULL);
    expect_detected(f, end_marker, marker + 16, TAGHEAP_EENDMARK, NULL);
}

/* The free lists: a free block keeps the word index (offset / 8) of the next
 * block of its list in its first payload word and of the previous one in its
 * second (README, "Block layout"); 0 is "none". */
static uint64_t index_of(const struct fixture *f, const unsigned char *p)
{
    return offset_of(f, p) / 8;
}

/* a and c freed into one list (c at its head, a behind it), with b and a new
 * block d allocated around them so that neither merges; the rest of the heap
 * is one free block of a larger class.  Returns that block's payload. */
static unsigned char *free_two_of_one_class(struct fixture *f)
{
    unsigned char *d = tagheap_malloc(f->h, 64);
    assert_non_null(d);
    assert_int_equal(tagheap_free(f->h, f->a), 0);
    assert_int_equal(tagheap_free(f->h, f->c), 0);
    assert_heap_ok(f->h);
    assert_int_equal(read_word(f->c), index_of(f, f->a));     /* c's next is a */
    assert_int_equal(read_word(f->c + 8), 0);                 /* c heads its list */
    assert_int_equal(read_word(f->a), 0);                     /* a is its last block */
    assert_int_equal(read_word(f->a + 8), index_of(f, f->c)); /* a's previous is c */
    return d + tagheap_usable_size(f->h, d) + 8;
}

static void test_free_list_link_damaged(void **state)
{
    struct fixture *f = *state;
    unsigned char *tail = free_two_of_one_class(f);
    /* a's next link: to itself, to an allocated block, past the heap, back to
     * the head (a cycle), to an odd word inside a block */
    expect_detected(f, f->a, index_of(f, f->a), TAGHEAP_ELISTLINK, f->a);
    expect_detected(f, f->a, index_of(f, f->b), TAGHEAP_ELISTLINK, f->a);
    expect_detected(f, f->a, (uint64_t)1 << 40, TAGHEAP_ELISTLINK, f->a);
    expect_detected(f, f->a, (uint64_t)-1, TAGHEAP_ELISTLINK, f->a);
    expect_detected(f, f->a, index_of(f, f->c), TAGHEAP_ELISTLINK, f->a);
    expect_detected(f, f->a, index_of(f, f->c) + 2, TAGHEAP_ELISTLINK, f->a);
    /* a's previous link: to an allocated block, to the tail (which does not link back) */
    expect_detected(f, f->a + 8, index_of(f, f->b), TAGHEAP_ELISTLINK, f->a);
    expect_detected(f, f->a + 8, index_of(f, tail), TAGHEAP_ELISTLINK, f->a);
    /* c's previous link to a, whose next link is not c */
    expect_detected(f, f->c + 8, index_of(f, f->a), TAGHEAP_ELISTLINK, f->c);
}

static void test_free_list_wrong_class(void **state)
{
    struct fixture *f = *state;
    unsigned char *tail = free_two_of_one_class(f);
    /* a's next link to the tail, a free block of another class */
    expect_detected(f, f->a, index_of(f, tail), TAGHEAP_ELISTCLASS, f->a);
}

static void test_free_list_head_damaged(void **state)
{
    struct fixture *f = *state;
    free_two_of_one_class(f);
    /* a says it heads its list, but c does */
    expect_detected(f, f->a + 8, 0, TAGHEAP_ELISTHEAD, f->a);
    /* a ring of two: every link agrees, but c, its class's head, has a previous block */
    write_word(f->a, index_of(f, f->c));
    write_word(f->c + 8, index_of(f, f->a));
    tagheap_report report;
    assert_int_equal(tagheap_check(f->h, &report), TAGHEAP_ELISTHEAD);
    assert_int_equal(report.offset, offset_of(f, f->c));
    write_word(f->a, 0);
    write_word(f->c + 8, 0);
    assert_heap_ok(f->h);
}

/* The heads of the free lists, one word per class, follow the 144-byte state at
 * the start of the region, which is the tagheap* itself (README, "Region
 * layout"); the head of a's and c's class is the word that holds c's index. */
static unsigned char *head_of_class_of(const struct fixture *f, const unsigned char *block)
{
    unsigned char *heads = (unsigned char *)f->h + 144;
    for (unsigned char *at = heads; at < f->first; at += 8)
        if (read_word(at) == index_of(f, block))
            return at;
    fail_msg("no free-list head holds the block's index");
    return NULL;
}

static void test_free_list_heads_damaged(void **state)
{
    struct fixture *f = *state;
    free_two_of_one_class(f);
    unsigned char *head = head_of_class_of(f, f->c);
    /* a head that is an allocated block, or past the heap: about no block */
    expect_detected(f, head, index_of(f, f->b), TAGHEAP_ELISTHEAD, NULL);
    expect_detected(f, head, (uint64_t)1 << 40, TAGHEAP_ELISTHEAD, NULL);
    /* the next class's head (empty) set to c, a block of the class below */
    assert_int_equal(read_word(head + 8), 0);
    expect_detected(f, head + 8, index_of(f, f->c), TAGHEAP_ELISTCLASS, f->c);
    /* the head moved to a, behind c: a has a previous block, c has none */
    expect_detected(f, head, index_of(f, f->a), TAGHEAP_ELISTHEAD, f->a);
}

/* The group map follows the heads: one 4-byte entry per 8 classes, the whole
 * padded to 8 bytes (README, "Region layout").  The dump's overhead line says
 * how many bytes heads and map take together, which fixes the number of classes. */
static uint32_t *group_map_of(struct fixture *f, size_t *classes)
{
    int status;
    char *text = printed_by(tagheap_dump, f->h, &status);
    assert_int_equal(status, 0);
    size_t skip, state, lists;
    const char *line = strstr(text, "overhead: ");
    assert_non_null(line);
    assert_int_equal(sscanf(line, "overhead: %zu alignment + %zu state + %zu free-list heads", &skip,
                            &state, &lists),
                     3);
    free(text);
    assert_int_equal(state, 144);
    for (size_t k = 1; k <= 830; k++) {
        size_t groups = (k + 7) / 8;
        if (k * 8 + (groups * 4 + 7) / 8 * 8 == lists) {
            *classes = k;
            return (uint32_t *)((unsigned char *)f->h + state + k * 8);
        }
    }
    fail_msg("no number of classes takes %zu bytes of heads and group map", lists);
    return NULL;
}

static void test_free_list_group_map_damaged(void **state)
{
    struct fixture *f = *state;
    free_two_of_one_class(f);
    size_t classes = 0;
    uint32_t *map = group_map_of(f, &classes);
    size_t k = (size_t)(head_of_class_of(f, f->c) - ((unsigned char *)f->h + 144)) / 8;
    assert_true(k < classes);
    size_t groups = (classes + 7) / 8;
    /* every entry says whether its 8 classes have a head: c's group has one */
    for (size_t g = 0; g < groups; g++) {
        int used = 0;
        for (size_t m = 8 * g; m < 8 * g + 8 && m < classes; m++)
            used |= read_word((unsigned char *)f->h + 144 + 8 * m) != 0;
        assert_int_equal(map[g] != 0, used);
    }
    assert_int_not_equal(map[k / 8], 0);
    /* an entry that hides a non-empty group, or marks an empty one */
    size_t empty = k / 8 == 0 ? 1 : 0;
    assert_true(empty < groups);
    assert_int_equal(map[empty], 0);
    uint32_t saved = map[k / 8];
    for (int wrong_entry = 0; wrong_entry < 2; wrong_entry++) {
        uint32_t *at = wrong_entry == 0 ? &map[k / 8] : &map[empty];
        uint32_t before = *at;
        *at = wrong_entry == 0 ? 0 : 1;
        tagheap_report report;
        assert_int_equal(tagheap_check(f->h, &report), TAGHEAP_ELISTMAP);
        assert_int_equal(report.offset, 0);
        assert_string_equal(report.message, tagheap_strerror(TAGHEAP_ELISTMAP));
        *at = before;
        assert_heap_ok(f->h);
    }
    assert_int_equal(map[k / 8], saved);
}

static void test_free_list_detached_ring(void **state)
{
    struct fixture *f = *state;
    free_two_of_one_class(f);
    /* a links only to itself and c ends its list: every link agrees, but no head leads to a */
    write_word(f->c, 0);
    write_word(f->a, index_of(f, f->a));
    write_word(f->a + 8, index_of(f, f->a));
    tagheap_report report;
    assert_int_equal(tagheap_check(f->h, &report), TAGHEAP_EUNLISTED);
    assert_int_equal(report.offset, 0);
    assert_string_equal(report.message, tagheap_strerror(TAGHEAP_EUNLISTED));
    write_word(f->c, index_of(f, f->a));
    write_word(f->a, 0);
    write_word(f->a + 8, index_of(f, f->c));
    assert_heap_ok(f->h);
}

/* The report and the dump write an offset the same way: the report's offset
 * text is where the dump shows the culprit (its line, or the damaged header at
 * which the walk stops). */
static void expect_dump_shows_report_offset(struct fixture *f, const char *after_offset)
{
    tagheap_report report;
    assert_int_not_equal(tagheap_check(f->h, &report), TAGHEAP_OK);
    char offset[32];
    snprintf(offset, sizeof offset, "0x%08zx", report.offset);
    char *in_message = strstr(report.message, offset);
    if (in_message == NULL)
        fail_msg("report \"%s\" does not write offset %zu as %s", report.message, report.offset,
                 offset);
    int dumped;
    char *text = printed_by(tagheap_dump, f->h, &dumped);
    char line_start[64];
    snprintf(line_start, sizeof line_start, "  %s %s", offset, after_offset);
    if (strstr(text, line_start) == NULL)
        fail_msg("dump has no line starting \"%s\":\n%s", line_start, text);
    free(text);
}

static void test_report_and_dump_agree_on_offsets(void **state)
{
    struct fixture *f = *state;
    uint64_t header = read_word(f->b - 8);
    write_word(f->b - 8, 0); /* the walk stops at b */
    expect_dump_shows_report_offset(f, "damaged header");
    write_word(f->b - 8, header);
    header = read_word(f->c - 8);
    write_word(f->c - 8, header - 2); /* c's previous bit: the walk goes on */
    expect_dump_shows_report_offset(f, "");
    write_word(f->c - 8, header);
    assert_heap_ok(f->h);
}

static void test_dead_heap_report_has_no_offset(void **state)
{
    (void)state;
    tagheap_report report;
    errno = 0;
    assert_int_equal(tagheap_check(NULL, &report), TAGHEAP_EBADHEAP);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(report.code, TAGHEAP_EBADHEAP);
    assert_int_equal(report.offset, 0);
    assert_string_equal(report.message, tagheap_strerror(TAGHEAP_EBADHEAP));
    assert_null(strstr(report.message, "offset"));
}

#define CHECKER_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        CHECKER_TEST(test_clean_heap_reports_ok),
        CHECKER_TEST(test_header_with_size_below_minimum),
        CHECKER_TEST(test_header_with_stray_bits),
        CHECKER_TEST(test_header_running_past_the_heap),
        CHECKER_TEST(test_header_ending_inside_a_block),
        CHECKER_TEST(test_free_block_with_wrong_footer),
        CHECKER_TEST(test_two_adjacent_free_blocks),
        CHECKER_TEST(test_wrong_previous_allocated_bit),
        CHECKER_TEST(test_damaged_end_marker),
        CHECKER_TEST(test_report_and_dump_agree_on_offsets),
        CHECKER_TEST(test_free_list_link_damaged),
        CHECKER_TEST(test_free_list_wrong_class),
        CHECKER_TEST(test_free_list_head_damaged),
        CHECKER_TEST(test_free_list_heads_damaged),
        CHECKER_TEST(test_free_list_group_map_damaged),
        CHECKER_TEST(test_free_list_detached_ring),
        cmocka_unit_test(test_dead_heap_report_has_no_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
