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

  // Two steps that keep the tags keep them together.
  axiomatic TagsKeptTrans { predicate by_tags_kept_trans = \true;
    lemma tags_kept_trans{A,B,C}: \forall core_heap *c;
      tags_kept{A,B}(c) && tags_kept{B,C}(c) ==> tags_kept{A,C}(c); }

  // A step that keeps the tags allocates and releases nothing.
  axiomatic KeptAlloc { predicate by_kept_alloc = \true;
    lemma kept_alloc{A,B}: \forall core_heap *c;
      tags_kept{A,B}(c) ==>
      allocated_only{A,B}(c, NO_BLOCK, NO_BLOCK) && allocated_kept{A,B}(c, NO_BLOCK); }

  // The markers of the tags_kept lemmas: a function asserts this to use them.
  predicate tags_kept_lemmas =
    by_kept_tiles && by_kept_inner && by_kept_decode && by_kept_footers && by_kept_found &&
    by_kept_coal && by_kept_prev_bits && by_kept_end;
*/

/*@
  // ==== one block at a time: the vocabulary of the tag-mutation lemmas ====
  // (specs/preserve_free_alone.h, specs/preserve_mark_allocated.h).  The
  // positions a lemma reasons about are named by logic functions (next_of,
  // prev_start), so that "the block after j" is one term everywhere rather than an
  // arithmetic expression the provers would have to match up.

  // Where the block after block j starts.
  logic integer next_of{L}(core_heap *c, integer j) = j + size_of(c, j);

  // Block j (if it is one) ends inside the heap, where a start is.
  predicate ends_at{L}(core_heap *c, integer j) =
    is_block(c, j) ==> next_of(c, j) <= c->n - 1 && is_start(c, next_of(c, j));

  // No start lies strictly inside block j (if it is one) at word k.
  predicate no_inner_at{L}(core_heap *c, integer j, integer k) =
    is_block(c, j) && j < k < next_of(c, j) ==> !is_start(c, k);

  // Block j, if free, has its footer.
  predicate footer_at{L}(core_heap *c, integer j) =
    is_free(c, j) ==> c->words[j + size_of(c, j) - 1] == size_of(c, j) * WORD_BYTES;

  // Start j, if its previous bit is 0, finds a free block ending at j through word j - 1.
  predicate found_at{L}(core_heap *c, integer j) =
    is_start(c, j) && prev_of(c, j) == 0 ==>
      is_free(c, prev_start(c, j)) && prev_start(c, j) + size_of(c, prev_start(c, j)) == j;

  // Block j, if free, is followed by an allocated start.
  predicate next_alloc_at{L}(core_heap *c, integer j) =
    is_free(c, j) ==> alloc_of(c, next_of(c, j)) == 1;

  // The start after block j (if it is one) knows whether j is allocated.
  predicate next_knows_at{L}(core_heap *c, integer j) =
    is_block(c, j) ==> prev_of(c, next_of(c, j)) == alloc_of(c, j);

  // Block j (if it is one) is at least the minimum size.
  predicate min_size_at{L}(core_heap *c, integer j) =
    is_block(c, j) ==> MIN_BLOCK_WORDS <= size_of(c, j);


  // ---- a change that keeps the layout ----

  // The heap keeps its size, its starts and every block's size and end.
  predicate same_layout{A,B}(core_heap *c) =
    \at(c->n, B) == \at(c->n, A) &&
    (\forall integer j; is_start{B}(c, j) <==> is_start{A}(c, j)) &&
    (\forall integer j; is_start{A}(c, j) ==> size_of{B}(c, j) == size_of{A}(c, j)) &&
    (\forall integer j; is_start{A}(c, j) ==> next_of{B}(c, j) == next_of{A}(c, j));


  axiomatic LayoutTiles { predicate by_layout_tiles = \true;
    lemma layout_tiles{A,B}: \forall core_heap *c;
      same_layout{A,B}(c) && tiles{A}(c) ==> tiles{B}(c); }
  axiomatic LayoutInner { predicate by_layout_inner = \true;
    lemma layout_inner{A,B}: \forall core_heap *c;
      same_layout{A,B}(c) && no_inner_start{A}(c) ==> no_inner_start{B}(c); }

  // ---- facts about one block i of s words in a heap (one state) ----

  // Block i is a block of s words.
  predicate block_of_size{L}(core_heap *c, integer i, integer s) =
    is_block(c, i) && s == size_of(c, i) && MIN_BLOCK_WORDS <= s;

  // The footer of every other free block lies apart from block i's header, its
  // last word and the header after it.
  axiomatic FootersApart { predicate by_footers_apart = \true;
    lemma footers_apart{L}: \forall core_heap *c, integer i, s, j;
      block_of_size(c, i, s) && is_start(c, i + s) && no_inner_start(c) && headers_decode(c) &&
      is_free(c, j) && j != i ==>
      j + size_of(c, j) - 1 != i && j + size_of(c, j) - 1 != i + s - 1 &&
      j + size_of(c, j) - 1 != i + s; }

  // ... and lies outside block i and its header after it altogether.
  axiomatic FootersOutside { predicate by_footers_outside = \true;
    lemma footers_outside{L}: \forall core_heap *c, integer i, s, j;
      block_of_size(c, i, s) && is_start(c, i + s) && no_inner_start(c) && headers_decode(c) &&
      is_free(c, j) && j != i ==>
      j + size_of(c, j) - 1 < i || i + s < j + size_of(c, j) - 1; }

  // No other block ends where block i ends: not one that starts before i ...
  axiomatic EndsApartBelow { predicate by_ends_apart_below = \true;
    lemma ends_apart_below{L}: \forall core_heap *c, integer i, s, j;
      block_of_size(c, i, s) && j < i && next_of(c, j) == i + s && is_block(c, j) &&
      no_inner_at(c, j, i) ==> \false; }
  // ... nor one that starts after it.
  axiomatic EndsApartAbove { predicate by_ends_apart_above = \true;
    lemma ends_apart_above{L}: \forall core_heap *c, integer i, s, j;
      block_of_size(c, i, s) && i < j && next_of(c, j) == i + s && is_block(c, j) &&
      MIN_BLOCK_WORDS <= size_of(c, j) && no_inner_at(c, i, j) ==> \false; }


  // ---- from the invariant to its blocks and back (one state) ----

  axiomatic EndsIn { predicate by_ends_in = \true;
    lemma ends_in{L}: \forall core_heap *c, integer j; tiles(c) ==> ends_at(c, j); }
  axiomatic InnerIn { predicate by_inner_in = \true;
    lemma inner_in{L}: \forall core_heap *c, integer j, k; no_inner_start(c) ==> no_inner_at(c, j, k); }
  axiomatic MinSizeIn { predicate by_min_size_in = \true;
    lemma min_size_in{L}: \forall core_heap *c, integer j; headers_decode(c) ==> min_size_at(c, j); }
  axiomatic FooterIn { predicate by_footer_in = \true;
    lemma footer_in{L}: \forall core_heap *c, integer j; footers(c) ==> footer_at(c, j); }
  axiomatic FoundIn { predicate by_found_in = \true;
    lemma found_in{L}: \forall core_heap *c, integer j; free_prev_found(c) ==> found_at(c, j); }
  axiomatic CoalIn { predicate by_coal_in = \true;
    lemma coal_in{L}: \forall core_heap *c, integer j; coalesced(c) ==> next_alloc_at(c, j); }
  axiomatic PrevIn { predicate by_prev_in = \true;
    lemma prev_in{L}: \forall core_heap *c, integer j; prev_bits(c) ==> next_knows_at(c, j); }
  axiomatic EndsBack { predicate by_ends_back = \true;
    lemma ends_back{L}: \forall core_heap *c;
      is_start(c, 1) && is_start(c, c->n - 1) && (\forall integer j; ends_at(c, j)) ==> tiles(c); }
  // (The same, for a goal in which the heap size has been replaced by its value
  // in an earlier state A: WP does that once it knows the size did not change.)
  axiomatic EndsBackSized { predicate by_ends_back_sized = \true;
    lemma ends_back_sized{A,B}: \forall core_heap *c;
      by_ends_back && \at(c->n, B) == \at(c->n, A) &&
      is_start{B}(c, 1) && is_start{B}(c, \at(c->n, A) - 1) && (\forall integer j; ends_at{B}(c, j)) ==>
      tiles{B}(c); }
  axiomatic InnerBack { predicate by_inner_back = \true;
    lemma inner_back{L}: \forall core_heap *c;
      (\forall integer j, k; no_inner_at(c, j, k)) ==> no_inner_start(c); }
  axiomatic FootersBack { predicate by_footers_back = \true;
    lemma footers_back{L}: \forall core_heap *c;
      (\forall integer j; footer_at(c, j)) ==> footers(c); }
  axiomatic FoundBack { predicate by_found_back = \true;
    lemma found_back{L}: \forall core_heap *c;
      (\forall integer j; found_at(c, j)) ==> free_prev_found(c); }
  axiomatic CoalBack { predicate by_coal_back = \true;
    lemma coal_back{L}: \forall core_heap *c;
      (\forall integer j; next_alloc_at(c, j)) ==> coalesced(c); }
  axiomatic PrevBack { predicate by_prev_back = \true;
    lemma prev_back{L}: \forall core_heap *c;
      prev_of(c, 1) == 1 && (\forall integer j; next_knows_at(c, j)) ==> prev_bits(c); }

  // ---- no two blocks end at the same start ----

  // Block j (if it is one, and not i) does not end where block i ends.
  predicate ends_apart_at{L}(core_heap *c, integer j, integer i) =
    is_block(c, j) && j != i ==> next_of(c, j) != next_of(c, i);

  // So, block by block, from ends_apart_below and ends_apart_above ...
  axiomatic EndsApartOne { predicate by_ends_apart_one = \true;
    lemma ends_apart_one{L}: \forall core_heap *c, integer i, j;
      by_ends_apart_below && by_ends_apart_above &&
      is_block(c, i) && MIN_BLOCK_WORDS <= size_of(c, i) &&
      min_size_at(c, j) && no_inner_at(c, j, i) && no_inner_at(c, i, j) ==> ends_apart_at(c, j, i); }
  // ... and for every block, in a heap without inner starts whose headers decode.
  axiomatic EndsApartAll { predicate by_ends_apart_all = \true;
    lemma ends_apart_all{L}: \forall core_heap *c, integer i;
      by_ends_apart_one && by_inner_in && by_min_size_in &&
      is_block(c, i) && no_inner_start(c) && headers_decode(c) ==>
      \forall integer j; ends_apart_at(c, j, i); }

  // ---- previous bits after a change that moves the end of block i ----

  // In A, every block j knows its successor's bit, ends at a start, and does not
  // end where block i ends.
  predicate knows_inputs{A}(core_heap *c, integer i) =
    \forall integer j; next_knows_at(c, j) && ends_at(c, j) && ends_apart_at(c, j, i);

  // From A to B, every block j with those facts in A has a successor that knows
  // its bit in B.
  predicate knows_carried{A,B}(core_heap *c, integer i) =
    \forall integer j; next_knows_at{A}(c, j) && ends_at{A}(c, j) && ends_apart_at{A}(c, j, i) ==>
      next_knows_at{B}(c, j);

  // Together they give item 7 in B.  (Named predicates, so that a goal matches
  // them whole instead of instantiating their quantifiers, which the provers
  // did or did not do depending on the order WP declares the definitions in.)
  axiomatic PrevBackCarried { predicate by_prev_back_carried = \true;
    lemma prev_back_carried{A,B}: \forall core_heap *c, integer i;
      by_prev_back && prev_of{B}(c, 1) == 1 && knows_inputs{A}(c, i) && knows_carried{A,B}(c, i) ==>
      prev_bits{B}(c); }

*/

#endif
