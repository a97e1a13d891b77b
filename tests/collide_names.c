/* SPDX-License-Identifier: MIT */
/*
 * A program that defines, for its own use, every internal name libtagheap once
 * exported (block_size, find_fit, heap_is_live, core_*, header_*, ...) and the
 * shell's internal names of today.  Linked against libtagheap.a it must link
 * (no duplicate symbol); linked against libtagheap.so with -rdynamic (so every
 * one of these names is in the program's dynamic symbol table, where the
 * dynamic linker would pick it over the library's) the library must never call
 * them.  Either way the heap must stay well-formed through every operation.
 *
 * Before issue 14 the static link failed and the shared one ran the program's
 * block_size inside free, and tagheap_check reported a broken start map.
 */
#include <stdio.h>

#include "tagheap.h"

/* The list, four names a line (clang-format would stair-step it). */
/* clang-format off */
#define GENERIC_NAMES(X) \
    X(absorb_next_free) X(aligned_gap) X(annotate_block_allocated) X(annotate_block_freed) \
    X(annotate_block_moved) X(annotate_core_enter) X(annotate_core_leave) X(annotate_heap_created) \
    X(annotate_heap_destroyed) X(annotate_peek) X(block_is_alloc) X(block_prev_alloc) \
    X(block_size) X(core_aligned) X(core_check) X(core_init) \
    X(core_malloc) X(core_product_fits) X(core_realloc) X(core_release) \
    X(core_usable_bytes) X(core_validate) X(core_words_for) X(core_zero_payload) \
    X(find_aligned_fit) X(find_fit) X(free_alone) X(free_merge_both) \
    X(free_merge_next) X(free_merge_prev) X(header_is_alloc) X(header_make) \
    X(header_prev_alloc) X(header_size_words) X(heap_capacity) X(heap_is_live) \
    X(mark_allocated) X(split_allocated_block) X(split_free_block) X(heap_lock) \
    X(heap_unlock) X(walk_blocks) X(offset_text) X(core_clear_map) \
    X(heap_lay_out) X(heap_bytes_reached) X(heap_pointer_status) X(stats_of) \
    X(first_listed) X(link_free) X(unlink_free) X(core_init_lists) \
    X(core_classes_for) X(list_push) X(list_unlink) X(class_of_size) \
    X(request_class) X(first_in_group) X(group_has_head) X(core_check_lists) \
    X(heap_live_usable) X(heap_usable_of_allocated) X(heap_free_validated) \
    X(heap_realloc_validated)
/* clang-format on */

#define COUNT_ONE(name) +1
enum { GENERIC_NAME_COUNT = 0 GENERIC_NAMES(COUNT_ONE) };

/* The program's own functions: wrong for the allocator on purpose (they answer
 * 0 to everything), and counted, so a call from the library is seen. */
static int library_calls;
#define DEFINE_OWN(name)                                                                           \
    long name(void);                                                                               \
    long name(void)                                                                                \
    {                                                                                              \
        library_calls++;                                                                           \
        return 0;                                                                                  \
    }
GENERIC_NAMES(DEFINE_OWN)

static int failures;
static void expect(int ok, const char *what)
{
    if (!ok) {
        printf("FAIL %s\n", what);
        failures++;
    }
}

static int count_blocks(const tagheap_block *block, void *context)
{
    (void)block;
    ++*(int *)context;
    return 0;
}

/* Every operation once, and the checker after each group of them. */
static void exercise(tagheap *h, const char *kind)
{
    char *a = tagheap_malloc(h, 100);
    char *b = tagheap_calloc(h, 10, 30);
    char *c = tagheap_aligned_alloc(h, 256, 50);
    expect(a != NULL && b != NULL && c != NULL, "allocations succeed");
    expect(tagheap_check(h, NULL) == TAGHEAP_OK, "heap well-formed after allocating");
    expect(tagheap_free(h, b) == TAGHEAP_OK, "free");
    expect(tagheap_free(h, b) == TAGHEAP_EFREED, "double free detected");
    a = tagheap_realloc(h, a, 1000);
    expect(a != NULL && tagheap_usable_size(h, a) >= 1000, "realloc grows");
    int blocks = 0;
    expect(tagheap_walk(h, count_blocks, &blocks) == 0 && blocks >= 3, "walk");
    FILE *null_out = fopen("/dev/null", "w");
    expect(null_out != NULL && tagheap_dump(h, null_out) == 0, "dump");
    if (null_out != NULL)
        fclose(null_out);
    tagheap_stats stats;
    tagheap_get_stats(h, &stats);
    expect(stats.blocks == (size_t)blocks, "statistics agree with the walk");
    expect(tagheap_free(h, a) == 0 && tagheap_free(h, c) == 0, "free the rest");
    tagheap_report report;
    int code = tagheap_check(h, &report);
    if (code != TAGHEAP_OK)
        printf("FAIL %s heap: %s\n", kind, report.message);
    expect(code == TAGHEAP_OK, "heap well-formed at the end");
    tagheap_get_stats(h, &stats);
    expect(stats.blocks == 1, "one free block at the end");
}

int main(void)
{
    static _Alignas(16) unsigned char region[16384];
    tagheap *mapped = tagheap_create(1 << 16);
    tagheap *placed = tagheap_init(region, sizeof region);
    expect(mapped != NULL && placed != NULL, "heaps created");
    if (mapped != NULL)
        exercise(mapped, "mapped");
    if (placed != NULL)
        exercise(placed, "placed");
    tagheap_destroy(mapped);
    tagheap_destroy(placed);
    expect(library_calls == 0, "the library never called the program's functions");
    /* the program still gets its own definitions */
    expect(block_size() == 0 && find_fit() == 0 && library_calls == 2, "own functions callable");
    printf("%s: the program defines %d of the library's internal names; %d failures\n",
           failures ? "FAIL" : "PASS", GENERIC_NAME_COUNT, failures);
    return failures != 0;
}
