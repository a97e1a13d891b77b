/*
 * Fit layer of the verified core: which free block serves a request.
 *
 * Good fit over the segregated free lists (specs/lists.h): no function here
 * walks a list or the blocks; the search steps over at most one group of
 * classes, the group map, and one more group (first_listed).
 */
#include "core.h"

/* The head of the first class from `from` up that has one, or NO_BLOCK.  It
 * looks at the rest of from's group class by class, then at the group map
 * (one read skips GROUP_CLASSES empty classes), then inside the first group the
 * map marks: at most 8 + 103 + 8 reads, whatever the heap holds. */
int64_t first_listed(const core_heap *c, const uint64_t *heads, int64_t from)
{
    int64_t g = from / GROUP_CLASSES + 1;
    int64_t k = from;
    /*@ loop invariant range: from <= k <= GROUP_CLASSES * g;
        loop invariant empty: \forall integer m; from <= m < k ==> head_of(heads, m) == NO_BLOCK;
        loop assigns k;
        loop variant GROUP_CLASSES * g - k;
    */
    while (k < GROUP_CLASSES * g && k < c->classes) {
        /*@ assert listed: head_of(heads, k) == NO_BLOCK ||
              (is_free(c, head_of(heads, k)) && class_of(c, head_of(heads, k)) == k); */
        if (heads[k] != NO_BLOCK)
            return (int64_t)heads[k];
        k++;
    }
    //@ assert rest_empty: \forall integer m; from <= m < GROUP_CLASSES * g && m < c->classes ==> head_of(heads, m) == NO_BLOCK;
    /*@ loop invariant range: from / GROUP_CLASSES + 1 <= g <= GROUP_COUNT + 1;
        loop invariant empty: \forall integer m; from <= m < GROUP_CLASSES * g && m < c->classes ==>
          head_of(heads, m) == NO_BLOCK;
        loop assigns g;
        loop variant c->classes - GROUP_CLASSES * g;
    */
    while (GROUP_CLASSES * g < c->classes && c->group_map[g] == 0) {
        //@ assert right: group_right(c, heads, g);
        g++;
    }
    if (GROUP_CLASSES * g >= c->classes)
        return NO_BLOCK;
    //@ assert right: group_right(c, heads, g) && group_entry(c, g) != 0;
    k = first_in_group(c, heads, g);
    //@ assert in_group: GROUP_CLASSES * g <= k < GROUP_CLASSES * g + GROUP_CLASSES && k < c->classes;
    //@ assert before: \forall integer m; from <= m < k ==> head_of(heads, m) == NO_BLOCK;
    /*@ assert listed: head_of(heads, k) != NO_BLOCK && is_free(c, head_of(heads, k)) &&
          class_of(c, head_of(heads, k)) == k; */
    return (int64_t)heads[k];
}

/* Block h (a head read from the lists) lies in the heap and is free with at
 * least `need` words.  Always so on a well-formed heap; checked (with its
 * links, links_sane) so that a header or link a client overwrote makes
 * allocation fail rather than write outside. */
/*@ requires region: heap_region_read(c);
    assigns \nothing;
    ensures holds: \result != 0 <==>
      (1 <= h < c->n - 1 && h % 2 == 1 && alloc_of(c, h) == 0 && need <= size_of(c, h) <= c->n - 1 - h);
*/
static int head_holds(const core_heap *c, int64_t h, int64_t need)
{
    if (h < 1 || h >= c->n - 1 || h % 2 == 0)
        return 0;
    word header = c->words[h];
    int64_t size = header_size_words(header);
    return header_is_alloc(header) == 0 && size >= need && size <= c->n - 1 - h;
}

/* A free block of at least `need` words, good fit: the head of need's own class
 * if it is large enough (so a block freed is found again by the same request),
 * else the head of the first non-empty class whose every block holds need. */
int64_t find_fit(const core_heap *c, const uint64_t *heads, int64_t need)
{
    //@ assert facts: by_class_facts;
    if (need > c->n - 2) {
        /* no class of this heap starts above its largest block, n - 2 words */
        //@ assert lemma: by_classes_fit_all;
        //@ assert none: \forall integer k; 0 <= k < c->classes ==> class_min(k) <= c->n - 2;
        return NO_BLOCK;
    }
    int64_t own = class_of_size(need);
    //@ assert own_low: class_min(own) <= need;
    //@ assert heap_classes: need <= c->n - 2 < class_min(c->classes);
    //@ assert own: class_min(own) <= need && own < c->classes;
    int64_t h = (int64_t)heads[own];
    //@ assert head: h == NO_BLOCK || (is_free(c, h) && class_of(c, h) == own);
    if (h != NO_BLOCK && head_holds(c, h, need) && links_sane(c, heads, h))
        return h;
    int64_t from = request_class(need);
    //@ assert from_first: 0 <= from <= CLASS_COUNT && (from > 0 ==> class_min(from - 1) < need);
    //@ assert below_from: \forall integer k; 0 <= k < from ==> class_min(k) <= class_min(from - 1);
    h = first_listed(c, heads, from);
    //@ assert found: h != NO_BLOCK ==> is_free(c, h) && head_of(heads, class_of(c, h)) == h;
    //@ assert size: h != NO_BLOCK ==> in_class(size_of(c, h), class_of(c, h));
    //@ assert holds: h != NO_BLOCK ==> need <= class_min(from) <= class_min(class_of(c, h)) <= size_of(c, h);
    //@ assert in_heap: h != NO_BLOCK ==> h + size_of(c, h) <= c->n - 1;
    /*@ assert none: h == NO_BLOCK ==>
          \forall integer k; 0 <= k < c->classes && class_min(k) >= need ==> head_of(heads, k) == NO_BLOCK; */
    return h == NO_BLOCK || (head_holds(c, h, need) && links_sane(c, heads, h)) ? h : NO_BLOCK;
}

/* Words to skip at the front of block i so that its payload granule
 * (i + 1) / 2 + gap / 2 satisfies (base_phase + granule) % align_granules == 0.
 * A non-zero gap must hold a whole block, since it becomes a free block. */
int64_t aligned_gap(int64_t i, int64_t align_granules, int64_t base_phase)
{
    int64_t granule = (i + 1) / 2;
    int64_t misalign = (base_phase + granule) % align_granules;
    //@ ghost int64_t m = (base_phase + granule) / align_granules;
    //@ assert split: base_phase + granule == m * align_granules + misalign;
    int64_t gap = misalign == 0 ? 0 : (align_granules - misalign) * GRANULE_WORDS;
    //@ ghost m = misalign == 0 ? m : m + 1;
    if (gap > 0 && gap < MIN_BLOCK_WORDS) {
        gap = gap + align_granules * GRANULE_WORDS;
        //@ ghost m = m + 1;
    }
    //@ assert multiple: base_phase + granule + gap / 2 == m * align_granules;
    return gap;
}

/* A free block that holds an aligned payload of `need` words after its gap:
 * the head of need's own class if it does, else the head of the first class
 * whose every block holds need and the largest gap. */
int64_t find_aligned_fit(const core_heap *c, const uint64_t *heads, int64_t need,
                         int64_t align_granules, int64_t base_phase)
{
    //@ assert facts: by_class_facts;
    //@ assert all_fit: by_classes_fit_all && \forall integer k; 0 <= k < c->classes ==> class_min(k) <= c->n - 2;
    /* aligned_gap is at most 2 * align_granules + MIN_BLOCK_WORDS (its contract) */
    int64_t most = need + 2 * align_granules + MIN_BLOCK_WORDS;
    if (need > c->n - 2) {
        //@ assert too_big: \forall integer k; 0 <= k < c->classes ==> class_min(k) < most;
        return NO_BLOCK;
    }
    int64_t own = class_of_size(need);
    //@ assert own_low: class_min(own) <= need;
    //@ assert heap_classes: need <= c->n - 2 < class_min(c->classes);
    //@ assert own: class_min(own) <= need && own < c->classes;
    int64_t h = (int64_t)heads[own];
    //@ assert head: h == NO_BLOCK || (is_free(c, h) && class_of(c, h) == own && h + size_of(c, h) <= c->n - 1);
    if (h != NO_BLOCK && head_holds(c, h, need + aligned_gap(h, align_granules, base_phase)) &&
        links_sane(c, heads, h))
        return h;
    if (most > c->n - 2) {
        //@ assert too_big: \forall integer k; 0 <= k < c->classes ==> class_min(k) < most;
        return NO_BLOCK;
    }
    int64_t from = request_class(most);
    //@ assert below_from: \forall integer k; 0 <= k < from ==> class_min(k) < most;
    h = first_listed(c, heads, from);
    //@ assert found: h != NO_BLOCK ==> is_free(c, h) && head_of(heads, class_of(c, h)) == h;
    //@ assert size: h != NO_BLOCK ==> in_class(size_of(c, h), class_of(c, h));
    //@ assert holds: h != NO_BLOCK ==> most <= class_min(from) <= class_min(class_of(c, h)) <= size_of(c, h);
    //@ assert in_heap: h != NO_BLOCK ==> h + size_of(c, h) <= c->n - 1;
    //@ assert gap: h != NO_BLOCK ==> aligned_gap_of(h, align_granules, base_phase) <= 2 * align_granules + MIN_BLOCK_WORDS;
    /*@ assert none: h == NO_BLOCK ==>
          \forall integer k; 0 <= k < c->classes && class_min(k) >= most ==> head_of(heads, k) == NO_BLOCK; */
    return h == NO_BLOCK || (head_holds(c, h, most) && links_sane(c, heads, h)) ? h : NO_BLOCK;
}
