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
 * was given.  What the walk knows about the blocks behind it is spelled out in
 * specs/check_walk.h; it is why an answer of CORE_OK proves the invariant. */
int core_check(const core_heap *c, int64_t *bad_index)
{
    int64_t end = c->n - 1;
    int64_t i = 1;
    int64_t before_alloc = 1; /* the padding word acts as an allocated block */
    //@ ghost int64_t last = 0;
    /*@ loop invariant range: 1 <= i <= end && i % 2 == 1;
        loop invariant bit: 0 <= before_alloc <= 1;
        loop invariant map: map_walked(c, i);
        loop invariant blocks: blocks_walked(c, i);
        loop invariant first: i == 1 ==> before_alloc == 1;
        loop invariant first_block: i != 1 ==> is_start(c, 1) && prev_of(c, 1) == 1;
        loop invariant last_block: i != 1 ==>
          is_start(c, last) && last < i && last + size_of(c, last) == i &&
          before_alloc == alloc_of(c, last) && checked_block(c, last, i);
        loop assigns i, before_alloc, last;
        loop variant end - i;
    */
    while (i < end) {
        word header = c->words[i];
        int64_t size = header_size_words(header);
        if (c->starts[i / 2] != 1) {
            //@ assert not_tiled: !tiles(c);
            return report(bad_index, i, CORE_ESTARTMAP);
        }
        //@ assert start: is_start(c, i) && is_block(c, i) && size == size_of(c, i);
        if (size < MIN_BLOCK_WORDS ||
            header != header_make(size, header_prev_alloc(header), header_is_alloc(header))) {
            //@ assert not_decoded: !headers_decode(c);
            return report(bad_index, i, CORE_EBADSIZE);
        }
        if (size > end - i) {
            //@ assert not_tiled: !tiles(c);
            return report(bad_index, i, CORE_ETILING);
        }
        /*@ assert decoded: MIN_BLOCK_WORDS <= size_of(c, i) && i + size_of(c, i) <= c->n - 1 &&
              0 <= prev_of(c, i) <= 1 && 0 <= alloc_of(c, i) <= 1 &&
              c->words[i] == hdr_make(size_of(c, i), prev_of(c, i), alloc_of(c, i)); */
        if (header_prev_alloc(header) != before_alloc) {
            //@ assert wrong_prev_bit: !prev_bits(c);
            return report(bad_index, i, CORE_EPREVBIT);
        }
        if (header_is_alloc(header) == 0) {
            if (c->words[i + size - 1] != size * WORD_BYTES) {
                //@ assert bad_footer: !footers(c);
                return report(bad_index, i, CORE_EFOOTER);
            }
            if (before_alloc == 0) {
                //@ assert adjacent_free: is_free(c, last) && last + size_of(c, last) == i;
                //@ assert not_coalesced: !coalesced(c);
                return report(bad_index, i, CORE_EADJFREE);
            }
        }
        /*@ assert prev_ok: (i == 1 ==> prev_of(c, i) == 1) &&
              (i != 1 ==> prev_of(c, i) == alloc_of(c, last)); */
        /*@ assert free_ok: alloc_of(c, i) == 0 ==>
              c->words[i + size_of(c, i) - 1] == size_of(c, i) * WORD_BYTES && prev_of(c, i) == 1; */
        if (!interior_is_clear(c, i, size)) {
            //@ assert inner_start: !(start_map_bytes(c) && no_inner_start(c));
            return report(bad_index, i, CORE_ESTARTMAP);
        }
        //@ assert clear: \forall integer k; i / 2 + 1 <= k < (i + size_of(c, i)) / 2 ==> c->starts[k] == 0;
        //@ assert passed: frontier_ok(c, i, last);
        //@ assert lemmas: walk_step_lemmas;
        //@ assert stepped_map: map_walked(c, i + size);
        //@ assert step_premises: blocks_walked(c, i) && size == size_of(c, i);
        //@ assert stepped_blocks: blocks_walked(c, i + size);
        //@ assert stepped_last: checked_block(c, i, i + size);
        before_alloc = header_is_alloc(header);
        //@ ghost last = i;
        i = i + size;
    }
    if (c->words[end] != header_make(0, before_alloc, 1) || c->starts[end / 2] != 1) {
        /*@ assert bad_end: !(tiles(c) && prev_bits(c) && end_marker(c)); */
        return report(bad_index, end, CORE_EENDMARK);
    }
    //@ assert at_end: i == end && i != 1 && is_start(c, end);
    //@ assert lemmas: walk_done_lemmas && by_walk_only_last;
    //@ assert end_index: end == c->n - 1 && c->n % 2 == 0 && 2 <= c->n && map_walked(c, end) && blocks_walked(c, end);
    //@ assert end_prev: prev_of(c, end) == before_alloc;
    //@ assert end_alloc: alloc_of(c, end) == 1;
    //@ assert end_word: c->words[c->n - 1] == hdr_make(0, prev_of(c, c->n - 1), 1);
    //@ assert end_ok: end_marker(c);
    //@ assert map_ok: start_map_bytes(c);
    //@ assert tiles_ok: tiles(c);
    //@ assert inner_ok: no_inner_start(c);
    //@ assert decode_ok: headers_decode(c);
    //@ assert footers_ok: footers(c);
    //@ assert found_ok: free_prev_found(c);
    //@ assert coalesced_ok: coalesced(c);
    //@ assert prev_bits_ok: prev_bits(c);
    return report(bad_index, 0, CORE_OK);
}
