/*
 * Fit layer of the verified core: which free block serves a request.
 *
 * First fit over the implicit block list.  Placement is kept behind these two
 * functions so that segregated free lists can replace the walk without touching
 * the entry points.
 */
#include "core.h"

/* First free block of at least `need` words, or NO_BLOCK. */
int64_t find_fit(const core_heap *c, int64_t need)
{
    int64_t i = 1;
    /*@ loop invariant odd: 1 <= i && i % 2 == 1;
        loop invariant on_chain: heap_inv(c) ==> is_start(c, i);
        loop invariant first: heap_inv(c) ==>
          \forall integer j; is_free(c, j) && j < i ==> size_of(c, j) < need;
        loop assigns i;
        loop variant c->n - i;
    */
    while (i < c->n - 1) {
        word header = c->words[i];
        int64_t size = header_size_words(header);
        if (size < MIN_BLOCK_WORDS || size > c->n - 1 - i)
            return NO_BLOCK; /* corrupted tag: stop rather than loop or write outside */
        if (header_is_alloc(header) == 0 && size >= need)
            return i;
        //@ assert inner: heap_inv(c) ==> \forall integer j; i < j < i + size ==> !is_start(c, j);
        i = i + size;
    }
    return NO_BLOCK;
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

/* First free block that holds an aligned payload of `need` words after its gap. */
int64_t find_aligned_fit(const core_heap *c, int64_t need, int64_t align_granules,
                         int64_t base_phase)
{
    int64_t i = 1;
    /*@ loop invariant odd: 1 <= i && i % 2 == 1;
        loop invariant on_chain: heap_inv(c) ==> is_start(c, i);
        loop invariant none_before: heap_inv(c) ==> \forall integer j; is_free(c, j) && j < i ==>
          size_of(c, j) < need + aligned_gap_of(j, align_granules, base_phase);
        loop assigns i;
        loop variant c->n - i;
    */
    while (i < c->n - 1) {
        word header = c->words[i];
        int64_t size = header_size_words(header);
        if (size < MIN_BLOCK_WORDS || size > c->n - 1 - i)
            return NO_BLOCK; /* corrupted tag: stop rather than loop or write outside */
        if (header_is_alloc(header) == 0 &&
            size >= need + aligned_gap(i, align_granules, base_phase))
            return i;
        //@ assert inner: heap_inv(c) ==> \forall integer j; i < j < i + size ==> !is_start(c, j);
        i = i + size;
    }
    return NO_BLOCK;
}
