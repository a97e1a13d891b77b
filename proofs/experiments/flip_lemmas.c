/*
 * Experiment, not part of `make prove`: the invariant-preservation lemmas for a
 * *retagging* (block i turns free, a == 0, or allocated, a == 1; the next start's
 * previous bit follows) -- a generic form of free_alone and mark_allocated.
 * See proofs/README.md, "Invariant preservation: where it stands".
 *
 * Run from the repository root after `make prove` (which writes build/why3.conf):
 *   WHY3CONFIG=build/why3.conf frama-c -cpp-extra-args=-Isrc \
 *     proofs/experiments/flip_lemmas.c -wp -wp-prop=@lemma \
 *     -wp-prover z3-tagheap,cvc4-tagheap -wp-timeout 10 -wp-cache none
 *
 * Measured 2026-11-27, 10 s per goal: with the command above (src/core.h, so the
 * lemmas of specs/proof_aids.h are hypotheses too) 4 of 10 proved (lay_tiles_at,
 * lay_tiles, lay_inner, flip_decode); over specs/heap.h alone flip_footers too.
 * flip_found, flip_coal, flip_prev_bit_at, flip_prev_bits and flip_end time out on
 * the integer-division axioms that every size_of / alloc_of / prev_of term brings.
 */
#include "core.h"
/*@
  // From A to B, block i (of s words) turns allocated (a == 1) or free (a == 0)
  // and the start after it records that in its previous bit; nothing else the
  // invariant reads changes, except the footer a freed block gets.
  predicate lay{A,B}(core_heap *c) =
    \at(c->n, B) == \at(c->n, A) &&
    (\forall integer j; is_start{B}(c, j) <==> is_start{A}(c, j)) &&
    (\forall integer j; is_start{A}(c, j) ==> size_of{B}(c, j) == size_of{A}(c, j));
  predicate flip_at{L}(core_heap *c, integer i, integer s, integer a) =
    is_block(c, i) && s == size_of(c, i) && MIN_BLOCK_WORDS <= s && 0 <= a <= 1 &&
    alloc_of(c, i) == 1 - a && is_start(c, i + s) && prev_of(c, i + s) == 1 - a;
  predicate flip_bits{A,B}(core_heap *c, integer i, integer s, integer a) =
    (\forall integer j; is_start{A}(c, j) && j != i ==> alloc_of{B}(c, j) == alloc_of{A}(c, j)) &&
    alloc_of{B}(c, i) == a &&
    (\forall integer j; is_start{A}(c, j) && j != i + s ==> prev_of{B}(c, j) == prev_of{A}(c, j)) &&
    prev_of{B}(c, i + s) == a;
  predicate flip_words{A,B}(core_heap *c, integer i, integer s, integer a) =
    (\forall integer j; is_start{A}(c, j) &&
       \at(c->words[j], A) == hdr_make(size_of{A}(c, j), prev_of{A}(c, j), alloc_of{A}(c, j)) ==>
       \at(c->words[j], B) == hdr_make(size_of{B}(c, j), prev_of{B}(c, j), alloc_of{B}(c, j))) &&
    (\forall integer j; is_free{A}(c, j) && j != i ==>
       \at(c->words[j + size_of{A}(c, j) - 1], B) == \at(c->words[j + size_of{A}(c, j) - 1], A)) &&
    (a == 0 ==> \at(c->words[i + s - 1], B) == s * WORD_BYTES);
  predicate flip{A,B}(core_heap *c, integer i, integer s, integer a) =
    lay{A,B}(c) && flip_at{A}(c, i, s, a) && flip_bits{A,B}(c, i, s, a) && flip_words{A,B}(c, i, s, a);

  predicate inner_at{L}(core_heap *c, integer j, integer k) =
    is_block(c, j) && j < k < j + size_of(c, j) ==> !is_start(c, k);

  axiomatic Ax_lay_tiles_at { predicate by_lay_tiles_at = \true;
    lemma lay_tiles_at{A,B}: \forall core_heap *c, integer j;
      lay{A,B}(c) && tiles_at{A}(c, j) ==>
      tiles_at{B}(c, j); }
  axiomatic Ax_lay_tiles { predicate by_lay_tiles = \true;
    lemma lay_tiles{A,B}: \forall core_heap *c;
      by_lay_tiles_at && lay{A,B}(c) && tiles{A}(c) ==>
      tiles{B}(c); }
  axiomatic Ax_lay_inner { predicate by_lay_inner = \true;
    lemma lay_inner{A,B}: \forall core_heap *c;
      lay{A,B}(c) && no_inner_start{A}(c) ==>
      no_inner_start{B}(c); }
  axiomatic Ax_flip_decode { predicate by_flip_decode = \true;
    lemma flip_decode{A,B}: \forall core_heap *c, integer i, s, a;
      flip{A,B}(c, i, s, a) && headers_decode{A}(c) ==>
      headers_decode{B}(c); }
  axiomatic Ax_flip_footers { predicate by_flip_footers = \true;
    lemma flip_footers{A,B}: \forall core_heap *c, integer i, s, a;
      flip{A,B}(c, i, s, a) && footers{A}(c) ==>
      footers{B}(c); }
  axiomatic Ax_flip_found { predicate by_flip_found = \true;
    lemma flip_found{A,B}: \forall core_heap *c, integer i, s, a;
      lay{A,B}(c) && flip_at{A}(c, i, s, a) && flip_bits{A,B}(c, i, s, a) && flip_words{A,B}(c, i, s, a) && free_prev_found{A}(c) ==>
      free_prev_found{B}(c); }
  axiomatic Ax_flip_coal { predicate by_flip_coal = \true;
    lemma flip_coal{A,B}: \forall core_heap *c, integer i, s, a;
      lay{A,B}(c) && flip_at{A}(c, i, s, a) && flip_bits{A,B}(c, i, s, a) && coalesced{A}(c) && tiles{A}(c) && prev_bits{A}(c) ==>
      coalesced{B}(c); }
  axiomatic Ax_flip_prev_bit_at { predicate by_flip_prev_bit_at = \true;
    lemma flip_prev_bit_at{A,B}: \forall core_heap *c, integer i, s, a, j;
      lay{A,B}(c) && flip_at{A}(c, i, s, a) && flip_bits{A,B}(c, i, s, a) && prev_bit_at{A}(c, j) && tiles_at{A}(c, j) && inner_at{A}(c, j, i) && inner_at{A}(c, i, j) ==>
      prev_bit_at{B}(c, j); }
  axiomatic Ax_flip_prev_bits { predicate by_flip_prev_bits = \true;
    lemma flip_prev_bits{A,B}: \forall core_heap *c, integer i, s, a;
      by_flip_prev_bit_at && lay{A,B}(c) && flip_at{A}(c, i, s, a) && flip_bits{A,B}(c, i, s, a) && prev_bits{A}(c) && tiles{A}(c) && no_inner_start{A}(c) ==>
      prev_bits{B}(c); }
  axiomatic Ax_flip_end { predicate by_flip_end = \true;
    lemma flip_end{A,B}: \forall core_heap *c, integer i, s, a;
      flip{A,B}(c, i, s, a) && end_marker{A}(c) && tiles{A}(c) ==>
      end_marker{B}(c); }
*/
