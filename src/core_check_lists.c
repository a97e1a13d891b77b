/*
 * The list checker of the verified core: the free lists' clauses (specs/lists.h)
 * tested block by block, on a heap whose tags core_check has already passed.
 *
 * No list is walked: each free block is tested with its two neighbours in its
 * list, and each head on its own, so a link that forms a cycle or points into
 * another class is reported, never followed.  What the tests add up to is in
 * specs/check_lists.h.
 */
#include "core.h"

/* Word t (a link or a head) names a free block: the only value the list clauses
 * allow besides NO_BLOCK.  Tested before t is used as an index. */
/*@ requires region: heap_region_read(c);
    assigns \nothing;
    ensures names_free: \result == 1 <==> is_free(c, t);
    ensures bit: \result == 0 || \result == 1;
*/
static int names_free_block(const core_heap *c, word t)
{
    if (t < 1 || t >= c->n - 1 || t % 2 == 0 || c->starts[t / 2] != 1)
        return 0;
    return header_is_alloc(c->words[t]) == 0;
}

/* The class of free block b: the list it must be in, always one the heap has
 * a head for (its size is at most the largest block's). */
/*@ requires invariant: heap_inv(c);
    requires classes: classes_fit(c->classes, c->n);
    requires free: is_free(c, b);
    assigns \nothing;
    ensures class: \result == class_of(c, b);
    ensures has_head: 0 <= \result < c->classes;
*/
static int64_t free_block_class(const core_heap *c, int64_t b)
{
    //@ assert facts: by_class_facts;
    //@ assert shape: MIN_BLOCK_WORDS <= size_of(c, b) && b + size_of(c, b) <= c->n - 1;
    int64_t k = class_of_size(block_size(c, b));
    //@ assert class_low: class_min(k) <= size_of(c, b) && 0 <= k < CLASS_COUNT;
    //@ assert heap_classes: c->n - 2 < class_min(c->classes) && c->classes <= CLASS_COUNT;
    //@ assert in_heap: k < c->classes;
    return k;
}

/* Free block b's own list clauses (block_links_ok): CORE_OK, or the code of the
 * first that fails. */
/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires free: is_free(c, b);
    assigns \nothing;
    ensures ok: \result == CORE_OK <==> block_links_ok(c, heads, b);
    ensures link_error: \result == CORE_ELISTLINK ==> !(next_link_ok(c, b) && prev_link_ok(c, b));
    ensures class_error: \result == CORE_ELISTCLASS ==>
      !(0 <= class_of(c, b) < c->classes && next_link_ok(c, b));
    ensures head_error: \result == CORE_ELISTHEAD ==>
      !(list_prev(c, b) == NO_BLOCK <==> head_of(heads, class_of(c, b)) == b);
    ensures codes: \result == CORE_OK || \result == CORE_ELISTHEAD || \result == CORE_ELISTLINK ||
                   \result == CORE_ELISTCLASS;
*/
static int block_links_check(const core_heap *c, const uint64_t *heads, int64_t b)
{
    int64_t k = free_block_class(c, b);
    //@ assert shape: b + 2 < c->n;
    word next = c->words[b + NEXT_LINK];
    word prev = c->words[b + PREV_LINK];
    //@ assert links: next == list_next(c, b) && prev == list_prev(c, b);
    if (next != NO_BLOCK) {
        if (!names_free_block(c, next)) {
            //@ assert next_not_free: !next_link_ok(c, b) && !block_links_ok(c, heads, b);
            return CORE_ELISTLINK;
        }
        if (free_block_class(c, next) != k) {
            //@ assert next_other_class: !next_link_ok(c, b) && !block_links_ok(c, heads, b);
            return CORE_ELISTCLASS;
        }
        if (c->words[next + PREV_LINK] != b) {
            //@ assert next_not_back: !next_link_ok(c, b) && !block_links_ok(c, heads, b);
            return CORE_ELISTLINK;
        }
        //@ assert next_good: is_free(c, next) && class_of(c, next) == class_of(c, b) && list_prev(c, next) == b;
    }
    //@ assert next_ok: next_link_ok(c, b);
    if (prev != NO_BLOCK) {
        if (!names_free_block(c, prev)) {
            //@ assert prev_not_free: !prev_link_ok(c, b) && !block_links_ok(c, heads, b);
            return CORE_ELISTLINK;
        }
        if (c->words[prev + NEXT_LINK] != b) {
            //@ assert prev_not_back: !prev_link_ok(c, b) && !block_links_ok(c, heads, b);
            return CORE_ELISTLINK;
        }
        //@ assert prev_good: is_free(c, prev) && list_next(c, prev) == b;
    }
    //@ assert prev_ok: prev_link_ok(c, b);
    if ((prev == NO_BLOCK) != (heads[k] == (uint64_t)b)) {
        /*@ assert head_bad: !(list_prev(c, b) == NO_BLOCK <==> head_of(heads, class_of(c, b)) == b) &&
              !block_links_ok(c, heads, b); */
        return CORE_ELISTHEAD;
    }
    //@ assert all_ok: block_links_ok(c, heads, b);
    return CORE_OK;
}

int core_check_lists(const core_heap *c, const uint64_t *heads, int64_t *bad_index)
{
    /*@ loop invariant range: 0 <= k <= c->classes;
        loop invariant heads_ok: heads_listed_below(c, heads, k, NO_BLOCK, NO_BLOCK);
        loop assigns k;
        loop variant c->classes - k;
    */
    for (int64_t k = 0; k < c->classes; k++) {
        uint64_t head = heads[k];
        if (head != NO_BLOCK) {
            if (head >= (uint64_t)c->n) {
                //@ assert outside: !is_free(c, head_of(heads, k)) && !heads_listed(c, heads, NO_BLOCK, NO_BLOCK);
                *bad_index = 0;
                return CORE_ELISTHEAD;
            }
            int64_t h = (int64_t)head;
            //@ assert same: h == head_of(heads, k);
            if (!names_free_block(c, h)) {
                //@ assert not_free: !is_free(c, h) && !heads_listed(c, heads, NO_BLOCK, NO_BLOCK);
                *bad_index = 0;
                return CORE_ELISTHEAD;
            }
            if (free_block_class(c, h) != k) {
                //@ assert other_class: class_of(c, h) != k && !heads_listed(c, heads, NO_BLOCK, NO_BLOCK);
                *bad_index = h;
                return CORE_ELISTCLASS;
            }
        }
        /*@ assert this_head: head_of(heads, k) == NO_BLOCK ||
              (listed(c, head_of(heads, k), NO_BLOCK, NO_BLOCK) && class_of(c, head_of(heads, k)) == k); */
        //@ assert lemma: by_check_heads_step;
        //@ assert stepped: heads_listed_below(c, heads, k + 1, NO_BLOCK, NO_BLOCK);
    }
    //@ assert heads_ok: heads_listed(c, heads, NO_BLOCK, NO_BLOCK);
    /*@ loop invariant range: 0 <= g && (g == 0 || GROUP_CLASSES * (g - 1) < c->classes);
        loop invariant right: \forall integer m; 0 <= m < g ==> group_right(c, heads, m);
        loop assigns g;
        loop variant c->classes - GROUP_CLASSES * g;
    */
    for (int64_t g = 0; GROUP_CLASSES * g < c->classes; g++) {
        if ((c->group_map[g] != 0) != (group_has_head(c, heads, g) != 0)) {
            //@ assert wrong: !group_right(c, heads, g) && !group_map_ok(c, heads);
            *bad_index = 0;
            return CORE_ELISTMAP;
        }
    }
    //@ assert map_ok: group_map_ok(c, heads);
    /* Block by block, not word by word: core_check has passed the tags, so the
     * sizes lead from start to start, and a free block is found in as many
     * steps as there are blocks, however large the region. */
    int64_t b = 1;
    /*@ loop invariant range: 1 <= b <= c->n - 1 && is_start(c, b);
        loop invariant walked: links_walked(c, heads, b);
        loop assigns b;
        loop variant c->n - 1 - b;
    */
    while (b < c->n - 1) {
        //@ assert block: is_block(c, b) && b + size_of(c, b) <= c->n - 1 && is_start(c, b + size_of(c, b));
        word header = c->words[b];
        int64_t size = header_size_words(header);
        if (header_is_alloc(header) == 0) {
            //@ assert free: is_free(c, b);
            int code = block_links_check(c, heads, b);
            if (code != CORE_OK) {
                //@ assert lemmas: by_check_lists_done && by_check_lists_clauses;
                //@ assert bad: !block_links_ok(c, heads, b) && !lists_local_ok(c, heads);
                //@ assert link_bad: code == CORE_ELISTLINK ==> !(next_links(c, NO_BLOCK, NO_BLOCK) && prev_links(c, NO_BLOCK, NO_BLOCK));
                /*@ assert class_bad: code == CORE_ELISTCLASS ==>
                      !(classes_in_range(c, NO_BLOCK, NO_BLOCK) && next_links(c, NO_BLOCK, NO_BLOCK)); */
                //@ assert head_bad: code == CORE_ELISTHEAD ==> !heads_first(c, heads, NO_BLOCK, NO_BLOCK);
                *bad_index = b;
                return code;
            }
        }
        //@ assert passed: is_free(c, b) ==> block_links_ok(c, heads, b);
        //@ assert inside: \forall integer j; b < j < b + size ==> !is_free(c, j);
        //@ assert lemma: by_check_lists_step;
        //@ assert stepped: links_walked(c, heads, b + size);
        b += size;
    }
    //@ assert all: blocks_links_ok(c, heads);
    //@ assert lemma: by_check_lists_done;
    //@ assert consistent: lists_local_ok(c, heads);
    *bad_index = 0;
    return CORE_OK;
}
