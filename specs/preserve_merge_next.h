/*
 * tagheap — proof aids: freeing a block and merging it with the free block
 * after it (free_merge_next) preserves the heap invariant.
 *
 * Nothing here is a promise; every lemma is proved by `make prove`.  Same
 * method as specs/preserve_free_alone.h, vocabulary from specs/preserve.h.
 * Allocated block i ends at x, where a free block starts that ends at e; after
 * the change x is no start and i is one free block ending at e.
 */
#ifndef TAGHEAP_SPEC_PRESERVE_MERGE_NEXT_H
#define TAGHEAP_SPEC_PRESERVE_MERGE_NEXT_H

/*@
  // ---- the change ----

  // Before: block i is allocated after an allocated block and ends at x; block x
  // is free and ends at e, an allocated start that knows x is free.
  predicate merge_next_before{A}(core_heap *c, integer i, integer x, integer e) =
    is_alloc(c, i) && prev_of(c, i) == 1 && next_of(c, i) == x && i + MIN_BLOCK_WORDS <= x &&
    is_free(c, x) && next_of(c, x) == e && x + MIN_BLOCK_WORDS <= e && e <= c->n - 1 &&
    is_start(c, e) && alloc_of(c, e) == 1 && prev_of(c, e) == 0;

  // The heap keeps its size; x is no start any more; every other start keeps its
  // size and end, and i now ends at e.
  predicate merge_next_layout{A,B}(core_heap *c, integer i, integer x, integer e) =
    \at(c->n, B) == \at(c->n, A) &&
    (\forall integer j; is_start{B}(c, j) <==> is_start{A}(c, j) && j != x) &&
    (\forall integer j; is_start{A}(c, j) && j != i ==> size_of{B}(c, j) == size_of{A}(c, j)) &&
    (\forall integer j; is_start{A}(c, j) && j != i ==> next_of{B}(c, j) == next_of{A}(c, j)) &&
    size_of{B}(c, i) == e - i && next_of{B}(c, i) == e;

  // Allocated bits stay except block i's, now 0; previous bits all stay.
  predicate merge_next_bits{A,B}(core_heap *c, integer i, integer x, integer e) =
    (\forall integer j; is_start{A}(c, j) && j != i ==> alloc_of{B}(c, j) == alloc_of{A}(c, j)) &&
    alloc_of{B}(c, i) == 0 &&
    (\forall integer j; is_start{A}(c, j) ==> prev_of{B}(c, j) == prev_of{A}(c, j));

  // Headers: the same word at every start but i, which encodes the merged block.
  predicate merge_next_headers{A,B}(core_heap *c, integer i, integer x, integer e) =
    (\forall integer j; is_start{A}(c, j) && j != i ==> \at(c->words[j], B) == \at(c->words[j], A)) &&
    \at(c->words[i], B) == hdr_make(e - i, prev_of{A}(c, i), 0);

  // Footers: every free block but x keeps its footer, so does the word before
  // every start but e; i gets its footer (word e - 1), found from e.
  predicate merge_next_footers{A,B}(core_heap *c, integer i, integer x, integer e) =
    (\forall integer j; is_free{A}(c, j) && j != x ==>
       \at(c->words[j + size_of{A}(c, j) - 1], B) == \at(c->words[j + size_of{A}(c, j) - 1], A)) &&
    (\forall integer j; is_start{A}(c, j) && j != e ==>
       \at(c->words[j - 1], B) == \at(c->words[j - 1], A)) &&
    \at(c->words[e - 1], B) == (e - i) * WORD_BYTES && prev_start{B}(c, e) == i;

  // What free_merge_next's writes do, all of it.
  predicate merged_next{A,B}(core_heap *c, integer i, integer x, integer e) =
    merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
    merge_next_bits{A,B}(c, i, x, e) && merge_next_headers{A,B}(c, i, x, e) &&
    merge_next_footers{A,B}(c, i, x, e);

  // ---- tiling: j is i, or another old block (which cannot end at x) ----

  axiomatic MergeNextEndsSelf { predicate by_mn_ends_self = \true;
    lemma mn_ends_self{A,B}: \forall core_heap *c, integer i, x, e, j;
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) && j == i ==>
      ends_at{B}(c, j); }
  axiomatic MergeNextEndsOther { predicate by_mn_ends_other = \true;
    lemma mn_ends_other{A,B}: \forall core_heap *c, integer i, x, e, j;
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) && j != i &&
      next_of{A}(c, j) != x && ends_at{A}(c, j) ==> ends_at{B}(c, j); }
  axiomatic MergeNextEndsAt { predicate by_mn_ends_at = \true;
    lemma mn_ends_at{A,B}: \forall core_heap *c, integer i, x, e, j;
      by_mn_ends_self && by_mn_ends_other && by_ends_apart_below && by_ends_apart_above &&
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      ends_at{A}(c, j) && min_size_at{A}(c, j) && no_inner_at{A}(c, j, i) && no_inner_at{A}(c, i, j) ==>
      ends_at{B}(c, j); }
  axiomatic MergeNextEnds { predicate by_mn_ends = \true;
    lemma mn_ends{A,B}: \forall core_heap *c, integer i, x, e;
      by_ends_in && by_min_size_in && by_inner_in && by_mn_ends_at &&
      merged_next{A,B}(c, i, x, e) && tiles{A}(c) && headers_decode{A}(c) && no_inner_start{A}(c) ==>
      \forall integer j; ends_at{B}(c, j); }

  axiomatic MergeNextTiles { predicate by_mn_tiles = \true;
    lemma mn_tiles{A,B}: \forall core_heap *c, integer i, x, e;
      by_mn_ends && by_ends_back &&
      merged_next{A,B}(c, i, x, e) && tiles{A}(c) && headers_decode{A}(c) && no_inner_start{A}(c) ==>
      tiles{B}(c); }

  // ---- no inner start: j is i (k lies in old i, is x, or lies in x), or another block ----

  axiomatic MergeNextInnerSelf { predicate by_mn_inner_self = \true;
    lemma mn_inner_self{A,B}: \forall core_heap *c, integer i, x, e, k;
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      no_inner_at{A}(c, i, k) && no_inner_at{A}(c, x, k) ==> no_inner_at{B}(c, i, k); }
  axiomatic MergeNextInnerOther { predicate by_mn_inner_other = \true;
    lemma mn_inner_other{A,B}: \forall core_heap *c, integer i, x, e, j, k;
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) && j != i &&
      no_inner_at{A}(c, j, k) ==> no_inner_at{B}(c, j, k); }
  axiomatic MergeNextInnerAt { predicate by_mn_inner_at = \true;
    lemma mn_inner_at{A,B}: \forall core_heap *c, integer i, x, e, j, k;
      by_mn_inner_self && by_mn_inner_other &&
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      no_inner_at{A}(c, i, k) && no_inner_at{A}(c, x, k) && no_inner_at{A}(c, j, k) ==>
      no_inner_at{B}(c, j, k); }
  axiomatic MergeNextInnerAll { predicate by_mn_inner_all = \true;
    lemma mn_inner_all{A,B}: \forall core_heap *c, integer i, x, e;
      by_mn_inner_at &&
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      (\forall integer j, k; no_inner_at{A}(c, j, k)) ==> \forall integer j, k; no_inner_at{B}(c, j, k); }
  axiomatic MergeNextInner { predicate by_mn_inner = \true;
    lemma mn_inner{A,B}: \forall core_heap *c, integer i, x, e;
      by_inner_in && by_mn_inner_all && by_inner_back &&
      merged_next{A,B}(c, i, x, e) && no_inner_start{A}(c) ==> no_inner_start{B}(c); }

  // ---- headers ----

  axiomatic MergeNextDecode { predicate by_mn_decode = \true;
    lemma mn_decode{A,B}: \forall core_heap *c, integer i, x, e;
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      merge_next_bits{A,B}(c, i, x, e) && merge_next_headers{A,B}(c, i, x, e) &&
      headers_decode{A}(c) ==> headers_decode{B}(c); }

  // ---- the end marker: an old start other than i and x, so untouched ----

  axiomatic MergeNextEnd { predicate by_mn_end = \true;
    lemma mn_end{A,B}: \forall core_heap *c, integer i, x, e;
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      merge_next_bits{A,B}(c, i, x, e) && merge_next_headers{A,B}(c, i, x, e) &&
      is_start{A}(c, \at(c->n, A) - 1) && end_marker{A}(c) ==> end_marker{B}(c); }

  // ---- footers: j is i (given), x (gone), or another old free block ----

  axiomatic MergeNextFooterAt { predicate by_mn_footer_at = \true;
    lemma mn_footer_at{A,B}: \forall core_heap *c, integer i, x, e, j;
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      merge_next_bits{A,B}(c, i, x, e) && merge_next_footers{A,B}(c, i, x, e) &&
      footer_at{A}(c, j) ==> footer_at{B}(c, j); }
  axiomatic MergeNextFootersAll { predicate by_mn_footers_all = \true;
    lemma mn_footers_all{A,B}: \forall core_heap *c, integer i, x, e;
      by_mn_footer_at &&
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      merge_next_bits{A,B}(c, i, x, e) && merge_next_footers{A,B}(c, i, x, e) &&
      (\forall integer j; footer_at{A}(c, j)) ==> \forall integer j; footer_at{B}(c, j); }
  axiomatic MergeNextFooters { predicate by_mn_footers = \true;
    lemma mn_footers{A,B}: \forall core_heap *c, integer i, x, e;
      by_footer_in && by_mn_footers_all && by_footers_back &&
      merged_next{A,B}(c, i, x, e) && footers{A}(c) ==> footers{B}(c); }

  // ---- previous-block footers: j is e, x (gone), or another old start ----

  axiomatic MergeNextFoundEnd { predicate by_mn_found_end = \true;
    lemma mn_found_end{A,B}: \forall core_heap *c, integer i, x, e, j;
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      merge_next_bits{A,B}(c, i, x, e) && merge_next_footers{A,B}(c, i, x, e) && j == e ==>
      found_at{B}(c, j); }
  axiomatic MergeNextFoundOther { predicate by_mn_found_other = \true;
    lemma mn_found_other{A,B}: \forall core_heap *c, integer i, x, e, j;
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      merge_next_bits{A,B}(c, i, x, e) && merge_next_footers{A,B}(c, i, x, e) &&
      j != e && found_at{A}(c, j) ==> found_at{B}(c, j); }
  axiomatic MergeNextFoundAt { predicate by_mn_found_at = \true;
    lemma mn_found_at{A,B}: \forall core_heap *c, integer i, x, e, j;
      by_mn_found_end && by_mn_found_other &&
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      merge_next_bits{A,B}(c, i, x, e) && merge_next_footers{A,B}(c, i, x, e) &&
      found_at{A}(c, j) ==> found_at{B}(c, j); }
  axiomatic MergeNextFoundAll { predicate by_mn_found_all = \true;
    lemma mn_found_all{A,B}: \forall core_heap *c, integer i, x, e;
      by_mn_found_at &&
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      merge_next_bits{A,B}(c, i, x, e) && merge_next_footers{A,B}(c, i, x, e) &&
      (\forall integer j; found_at{A}(c, j)) ==> \forall integer j; found_at{B}(c, j); }
  axiomatic MergeNextFound { predicate by_mn_found = \true;
    lemma mn_found{A,B}: \forall core_heap *c, integer i, x, e;
      by_found_in && by_mn_found_all && by_found_back &&
      merged_next{A,B}(c, i, x, e) && free_prev_found{A}(c) ==> free_prev_found{B}(c); }

  // ---- no two free neighbours: j is i, or another old free block (which
  //      cannot end at i, whose previous block is allocated) ----

  axiomatic MergeNextCoalSelf { predicate by_mn_coal_self = \true;
    lemma mn_coal_self{A,B}: \forall core_heap *c, integer i, x, e, j;
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      merge_next_bits{A,B}(c, i, x, e) && j == i ==> next_alloc_at{B}(c, j); }
  axiomatic MergeNextCoalOther { predicate by_mn_coal_other = \true;
    lemma mn_coal_other{A,B}: \forall core_heap *c, integer i, x, e, j;
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      merge_next_bits{A,B}(c, i, x, e) && j != i &&
      next_alloc_at{A}(c, j) && next_knows_at{A}(c, j) && ends_at{A}(c, j) ==> next_alloc_at{B}(c, j); }
  axiomatic MergeNextCoalAll { predicate by_mn_coal_all = \true;
    lemma mn_coal_all{A,B}: \forall core_heap *c, integer i, x, e;
      by_mn_coal_self && by_mn_coal_other &&
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      merge_next_bits{A,B}(c, i, x, e) &&
      (\forall integer j; next_alloc_at{A}(c, j) && next_knows_at{A}(c, j) && ends_at{A}(c, j)) ==>
      \forall integer j; next_alloc_at{B}(c, j); }
  axiomatic MergeNextCoal { predicate by_mn_coal = \true;
    lemma mn_coal{A,B}: \forall core_heap *c, integer i, x, e;
      by_coal_in && by_prev_in && by_ends_in && by_mn_coal_all && by_coal_back &&
      merged_next{A,B}(c, i, x, e) && coalesced{A}(c) && prev_bits{A}(c) && tiles{A}(c) ==>
      coalesced{B}(c); }

  // ---- previous bits: j is i, or another old block ----

  axiomatic MergeNextPrevSelf { predicate by_mn_prev_self = \true;
    lemma mn_prev_self{A,B}: \forall core_heap *c, integer i, x, e, j;
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      merge_next_bits{A,B}(c, i, x, e) && j == i ==> next_knows_at{B}(c, j); }
  axiomatic MergeNextPrevOther { predicate by_mn_prev_other = \true;
    lemma mn_prev_other{A,B}: \forall core_heap *c, integer i, x, e, j;
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      merge_next_bits{A,B}(c, i, x, e) && j != i &&
      next_knows_at{A}(c, j) && ends_at{A}(c, j) ==> next_knows_at{B}(c, j); }
  axiomatic MergeNextPrevAll { predicate by_mn_prev_all = \true;
    lemma mn_prev_all{A,B}: \forall core_heap *c, integer i, x, e;
      by_mn_prev_self && by_mn_prev_other &&
      merge_next_before{A}(c, i, x, e) && merge_next_layout{A,B}(c, i, x, e) &&
      merge_next_bits{A,B}(c, i, x, e) &&
      (\forall integer j; next_knows_at{A}(c, j) && ends_at{A}(c, j)) ==>
      \forall integer j; next_knows_at{B}(c, j); }
  axiomatic MergeNextPrev { predicate by_mn_prev = \true;
    lemma mn_prev{A,B}: \forall core_heap *c, integer i, x, e;
      by_prev_in && by_ends_in && by_mn_prev_all && by_prev_back &&
      merged_next{A,B}(c, i, x, e) && prev_bits{A}(c) && tiles{A}(c) && prev_of{B}(c, 1) == 1 ==>
      prev_bits{B}(c); }
*/

#endif
