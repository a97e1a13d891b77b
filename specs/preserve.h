/*
 * tagheap — proof aids for "a mutation preserves the heap invariant".
 *
 * Nothing here is a promise: these are lemmas, each proved by `make prove`, that
 * let a function conclude heap_inv after it has written to the heap.  They are
 * stated once per *kind of change* and per part of the invariant (DESIGN.md §4B),
 * over a description of the change between two states A (before) and B (after).
 *
 * Each lemma sits in an axiomatic of its own with a marker predicate `by_…`:
 * WP gives a lemma declared in an axiomatic only to goals that mention a symbol
 * of that axiomatic, so a function that wants these lemmas asserts the markers
 * (they are \true) and no other goal sees them.  Without that isolation every
 * lemma is a hypothesis of every later goal, and the provers drown.
 *
 * This file is included before specs/proof_aids.h so that the lemmas there are
 * not hypotheses of the ones here.
 */
#ifndef TAGHEAP_SPEC_PRESERVE_H
#define TAGHEAP_SPEC_PRESERVE_H

/*@
  // ---- the invariant, one block at a time ----

  // Block j (if it is one) ends inside the heap where a start is.
  predicate tiles_at{L}(core_heap *c, integer j) =
    is_block(c, j) ==> j + size_of(c, j) <= c->n - 1 && is_start(c, j + size_of(c, j));

  // The start after block j (if it is one) knows whether j is allocated.
  predicate prev_bit_at{L}(core_heap *c, integer j) =
    is_block(c, j) ==> prev_of(c, j + size_of(c, j)) == alloc_of(c, j);

  // ---- change: only payload words were written ----

  // From A to B the heap keeps its size, which words are starts, the header of
  // every start and the footer of every free block: every word the invariant
  // reads is the same.
  predicate tags_kept{A,B}(core_heap *c) =
    \at(c->n, B) == \at(c->n, A) &&
    (\forall integer j; is_start{B}(c, j) <==> is_start{A}(c, j)) &&
    (\forall integer j; is_start{A}(c, j) ==> \at(c->words[j], B) == \at(c->words[j], A)) &&
    (\forall integer j; is_free{A}(c, j) ==>
       \at(c->words[j + size_of{A}(c, j) - 1], B) == \at(c->words[j + size_of{A}(c, j) - 1], A));

  // With the tags kept, each part of the invariant carries over from A to B.
  axiomatic KeptTiles { predicate by_kept_tiles = \true;
    lemma kept_tiles{A,B}: \forall core_heap *c;
      tags_kept{A,B}(c) && tiles{A}(c) ==> tiles{B}(c); }
  axiomatic KeptInner { predicate by_kept_inner = \true;
    lemma kept_inner{A,B}: \forall core_heap *c;
      tags_kept{A,B}(c) && no_inner_start{A}(c) ==> no_inner_start{B}(c); }
  axiomatic KeptDecode { predicate by_kept_decode = \true;
    lemma kept_decode{A,B}: \forall core_heap *c;
      tags_kept{A,B}(c) && headers_decode{A}(c) ==> headers_decode{B}(c); }
  axiomatic KeptFooters { predicate by_kept_footers = \true;
    lemma kept_footers{A,B}: \forall core_heap *c;
      tags_kept{A,B}(c) && footers{A}(c) ==> footers{B}(c); }
  axiomatic KeptFound { predicate by_kept_found = \true;
    lemma kept_found{A,B}: \forall core_heap *c;
      tags_kept{A,B}(c) && free_prev_found{A}(c) ==> free_prev_found{B}(c); }
  axiomatic KeptCoal { predicate by_kept_coal = \true;
    lemma kept_coal{A,B}: \forall core_heap *c;
      tags_kept{A,B}(c) && coalesced{A}(c) && tiles{A}(c) ==> coalesced{B}(c); }
  // (previous bits: first one block at a time, then all of them)
  axiomatic KeptPrevBitAt { predicate by_kept_prev_bit_at = \true;
    lemma kept_prev_bit_at{A,B}: \forall core_heap *c, integer j;
      tags_kept{A,B}(c) && prev_bit_at{A}(c, j) && tiles_at{A}(c, j) ==> prev_bit_at{B}(c, j); }
  axiomatic KeptPrevBits { predicate by_kept_prev_bits = \true;
    lemma kept_prev_bits{A,B}: \forall core_heap *c;
      by_kept_prev_bit_at && tags_kept{A,B}(c) && prev_bits{A}(c) && tiles{A}(c) ==> prev_bits{B}(c); }
  axiomatic KeptEnd { predicate by_kept_end = \true;
    lemma kept_end{A,B}: \forall core_heap *c;
      tags_kept{A,B}(c) && end_marker{A}(c) && tiles{A}(c) ==> end_marker{B}(c); }

  // All the markers above: a function asserts this to use the lemmas.
  predicate tags_kept_lemmas =
    by_kept_tiles && by_kept_inner && by_kept_decode && by_kept_footers && by_kept_found &&
    by_kept_coal && by_kept_prev_bits && by_kept_end;
*/

#endif
