/*
 * The heap checker of the verified core: one walk that tests every clause of
 * the heap invariant (core.h) and names the first one that fails.
 */
#include "core.h"

/* No block starts strictly inside block i of `size` words. */
/*@ requires region: heap_region_read(c);
    requires block: 1 <= i && i % 2 == 1 && 0 <= size && i + size <= c->n - 1;
    assigns \nothing;
    ensures clear: \result == 1 <==> \forall integer k; i / 2 + 1 <= k < (i + size) / 2 ==> c->starts[k] == 0;
    ensures bit: \result == 0 || \result == 1;
    ensures no_start_is_clear: start_map_bytes(c) &&
      (\forall integer j; i < j < i + size ==> !is_start(c, j)) ==> \result == 1;
*/
static int interior_is_clear(const core_heap *c, int64_t i, int64_t size)
{
    /*@ loop invariant i / 2 + 1 <= k;
        loop invariant k <= (i + size) / 2 || k == i / 2 + 1;
        loop invariant clear: \forall integer m; i / 2 + 1 <= m < k ==> c->starts[m] == 0;
        loop assigns k;
        loop variant (i + size) / 2 - k;
    */
    for (int64_t k = i / 2 + 1; k < (i + size) / 2; k++)
        if (c->starts[k] != 0) {
            //@ assert start_inside: start_map_bytes(c) ==> is_start(c, 2 * k + 1) && i < 2 * k + 1 < i + size;
            return 0;
        }
    return 1;
}

/* Report the violation `code` found at word index `at`. */
/*@ requires \valid(bad_index);
    assigns *bad_index;
    ensures \result == code && *bad_index == at;
*/
static int report(int64_t *bad_index, int64_t at, int code)
{
    *bad_index = at;
    return code;
}

/* CORE_OK if the heap is well-formed; otherwise the code of the first violation
 * found, with *bad_index set to the word index of the offending block.  The walk
 * writes nothing before it has its answer, so the heap it reads is the heap it
 * was given. */
int core_check(const core_heap *c, int64_t *bad_index)
{
    int64_t end = c->n - 1;
    int64_t i = 1;
    int64_t before_alloc = 1; /* the padding word acts as an allocated block */
    //@ ghost int64_t last = 0;
    /*@ loop invariant range: 1 <= i <= end && i % 2 == 1;
        loop invariant bit: 0 <= before_alloc <= 1;
        loop invariant wf_start: heap_inv(c) ==> is_start(c, i);
        loop invariant wf_first: heap_inv(c) && i == 1 ==> before_alloc == 1;
        loop invariant wf_last: heap_inv(c) && i != 1 ==>
          is_block(c, last) && last + size_of(c, last) == i && before_alloc == alloc_of(c, last);
        loop invariant wf_prev: heap_inv(c) ==> prev_of(c, i) == before_alloc;
        loop assigns i, before_alloc, last;
        loop variant end - i;
    */
    while (i < end) {
        word header = c->words[i];
        int64_t size = header_size_words(header);
        if (c->starts[i / 2] != 1) {
            //@ assert ill_formed: !heap_inv(c);
            return report(bad_index, i, CORE_ESTARTMAP);
        }
        if (size < MIN_BLOCK_WORDS ||
            header != header_make(size, header_prev_alloc(header), header_is_alloc(header))) {
            //@ assert ill_formed: !heap_inv(c);
            return report(bad_index, i, CORE_EBADSIZE);
        }
        if (size > end - i) {
            //@ assert ill_formed: !heap_inv(c);
            return report(bad_index, i, CORE_ETILING);
        }
        if (header_prev_alloc(header) != before_alloc) {
            //@ assert ill_formed: !heap_inv(c);
            return report(bad_index, i, CORE_EPREVBIT);
        }
        if (header_is_alloc(header) == 0) {
            if (c->words[i + size - 1] != size * WORD_BYTES) {
                //@ assert ill_formed: !heap_inv(c);
                return report(bad_index, i, CORE_EFOOTER);
            }
            if (before_alloc == 0) {
                //@ assert ill_formed: !heap_inv(c);
                return report(bad_index, i, CORE_EADJFREE);
            }
        }
        if (!interior_is_clear(c, i, size)) {
            //@ assert ill_formed: !heap_inv(c);
            return report(bad_index, i, CORE_ESTARTMAP);
        }
        before_alloc = header_is_alloc(header);
        //@ ghost last = i;
        i = i + size;
    }
    if (c->words[end] != header_make(0, before_alloc, 1) || c->starts[end / 2] != 1) {
        //@ assert ill_formed: !heap_inv(c);
        return report(bad_index, end, CORE_EENDMARK);
    }
    return report(bad_index, 0, CORE_OK);
}
