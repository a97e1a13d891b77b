/*
 * tagheap — proof aids: splitting a free block into an allocated block and a
 * free remainder (split_free_block) preserves the heap invariant.
 *
 * Nothing here is a promise; every lemma is proved by `make prove`.  Same
 * method as specs/preserve_free_alone.h, vocabulary from specs/preserve.h.  The
 * free block i ends at e (the start after it); the split puts a new start r
 * between them: i .. r is allocated, r .. e is free.
 */
#ifndef TAGHEAP_SPEC_PRESERVE_SPLIT_H
#define TAGHEAP_SPEC_PRESERVE_SPLIT_H

/*@
  // ---- the change ----

  // Before: block i is free and ends at e, an allocated start that knows i is
  // free; r lies inside block i with room for a block on each side, and is no start.
  predicate split_before{A}(core_heap *c, integer i, integer r, integer e) =
    is_free(c, i) && next_of(c, i) == e && e <= c->n - 1 && is_start(c, e) &&
    alloc_of(c, e) == 1 && prev_of(c, e) == 0 &&
    i + MIN_BLOCK_WORDS <= r && r + MIN_BLOCK_WORDS <= e && !is_start(c, r);

  // The heap keeps its size; r becomes a start; every old start keeps its size and
  // end except i, which now ends at r; r ends at e.
  predicate split_layout{A,B}(core_heap *c, integer i, integer r, integer e) =
    \at(c->n, B) == \at(c->n, A) &&
    (\forall integer j; is_start{B}(c, j) <==> is_start{A}(c, j) || j == r) &&
    (\forall integer j; is_start{A}(c, j) && j != i ==> size_of{B}(c, j) == size_of{A}(c, j)) &&
    (\forall integer j; is_start{A}(c, j) && j != i ==> next_of{B}(c, j) == next_of{A}(c, j)) &&
    size_of{B}(c, i) == r - i && next_of{B}(c, i) == r &&
    size_of{B}(c, r) == e - r && next_of{B}(c, r) == e;

  // Allocated bits stay except block i's, now 1, and r's, 0; previous bits stay
  // (e's too: r is free as i was), and r's is 1.
  predicate split_bits{A,B}(core_heap *c, integer i, integer r, integer e) =
    (\forall integer j; is_start{A}(c, j) && j != i ==> alloc_of{B}(c, j) == alloc_of{A}(c, j)) &&
    alloc_of{B}(c, i) == 1 && alloc_of{B}(c, r) == 0 &&
    (\forall integer j; is_start{A}(c, j) ==> prev_of{B}(c, j) == prev_of{A}(c, j)) &&
    prev_of{B}(c, r) == 1;

  // Headers: the same word at every old start but i; i and r encode their blocks.
  predicate split_headers{A,B}(core_heap *c, integer i, integer r, integer e) =
    (\forall integer j; is_start{A}(c, j) && j != i ==> \at(c->words[j], B) == \at(c->words[j], A)) &&
    \at(c->words[i], B) == hdr_make(r - i, prev_of{A}(c, i), 1) &&
    \at(c->words[r], B) == hdr_make(e - r, 1, 0);

  // Footers: every other free block keeps its footer, so does the word before
  // every start but e; r has its footer, found from e.
  predicate split_footers{A,B}(core_heap *c, integer i, integer r, integer e) =
    (\forall integer j; is_free{A}(c, j) && j != i ==>
       \at(c->words[j + size_of{A}(c, j) - 1], B) == \at(c->words[j + size_of{A}(c, j) - 1], A)) &&
    (\forall integer j; is_start{A}(c, j) && j != e ==>
       \at(c->words[j - 1], B) == \at(c->words[j - 1], A)) &&
    footer_at{B}(c, r) && prev_start{B}(c, e) == r;

  // What split_free_block's writes do, all of it.
  predicate split{A,B}(core_heap *c, integer i, integer r, integer e) =
    split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
    split_headers{A,B}(c, i, r, e) && split_footers{A,B}(c, i, r, e);

  // ---- tiling: j is i, r, or an old start ----

  axiomatic SplitEndsSelf { predicate by_sp_ends_self = \true;
    lemma sp_ends_self{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) &&
      (j == i || j == r) ==> ends_at{B}(c, j); }
  axiomatic SplitEndsOther { predicate by_sp_ends_other = \true;
    lemma sp_ends_other{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) &&
      j != i && j != r && ends_at{A}(c, j) ==> ends_at{B}(c, j); }
  axiomatic SplitEndsAll { predicate by_sp_ends_all = \true;
    lemma sp_ends_all{A,B}: \forall core_heap *c, integer i, r, e;
      by_sp_ends_self && by_sp_ends_other &&
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) &&
      (\forall integer j; ends_at{A}(c, j)) ==> \forall integer j; ends_at{B}(c, j); }
  axiomatic SplitEnds { predicate by_sp_ends = \true;
    lemma sp_ends{A,B}: \forall core_heap *c, integer i, r, e;
      by_ends_in && by_sp_ends_all &&
      split{A,B}(c, i, r, e) && tiles{A}(c) ==> \forall integer j; ends_at{B}(c, j); }

  // ---- no inner start: j is i, r, or an old start; k is r or an old start ----

  axiomatic SplitInnerI { predicate by_sp_inner_i = \true;
    lemma sp_inner_i{A,B}: \forall core_heap *c, integer i, r, e, k;
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && no_inner_at{A}(c, i, k) ==>
      no_inner_at{B}(c, i, k); }
  axiomatic SplitInnerR { predicate by_sp_inner_r = \true;
    lemma sp_inner_r{A,B}: \forall core_heap *c, integer i, r, e, k;
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && no_inner_at{A}(c, i, k) ==>
      no_inner_at{B}(c, r, k); }
  axiomatic SplitInnerOtherR { predicate by_sp_inner_other_r = \true;
    lemma sp_inner_other_r{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && j != i && j != r &&
      no_inner_at{A}(c, j, i) && no_inner_at{A}(c, i, j) && min_size_at{A}(c, j) ==>
      no_inner_at{B}(c, j, r); }
  axiomatic SplitInnerOther { predicate by_sp_inner_other = \true;
    lemma sp_inner_other{A,B}: \forall core_heap *c, integer i, r, e, j, k;
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && j != i && j != r && k != r &&
      no_inner_at{A}(c, j, k) ==> no_inner_at{B}(c, j, k); }
  axiomatic SplitInnerAt { predicate by_sp_inner_at = \true;
    lemma sp_inner_at{A,B}: \forall core_heap *c, integer i, r, e, j, k;
      by_sp_inner_i && by_sp_inner_r && by_sp_inner_other_r && by_sp_inner_other &&
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) &&
      no_inner_at{A}(c, i, k) && no_inner_at{A}(c, j, k) &&
      no_inner_at{A}(c, j, i) && no_inner_at{A}(c, i, j) && min_size_at{A}(c, j) ==>
      no_inner_at{B}(c, j, k); }
  axiomatic SplitInnerAll { predicate by_sp_inner_all = \true;
    lemma sp_inner_all{A,B}: \forall core_heap *c, integer i, r, e;
      by_sp_inner_at &&
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) &&
      (\forall integer j, k; no_inner_at{A}(c, j, k)) && (\forall integer j; min_size_at{A}(c, j)) ==>
      \forall integer j, k; no_inner_at{B}(c, j, k); }
  axiomatic SplitInner { predicate by_sp_inner = \true;
    lemma sp_inner{A,B}: \forall core_heap *c, integer i, r, e;
      by_inner_in && by_min_size_in && by_sp_inner_all && by_inner_back &&
      split{A,B}(c, i, r, e) && no_inner_start{A}(c) && headers_decode{A}(c) ==>
      no_inner_start{B}(c); }

  // ---- headers ----

  axiomatic SplitDecode { predicate by_sp_decode = \true;
    lemma sp_decode{A,B}: \forall core_heap *c, integer i, r, e;
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      split_headers{A,B}(c, i, r, e) && headers_decode{A}(c) ==> headers_decode{B}(c); }

  // ---- the end marker: an old start other than i, so untouched ----

  axiomatic SplitEnd { predicate by_sp_end = \true;
    lemma sp_end{A,B}: \forall core_heap *c, integer i, r, e;
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      split_headers{A,B}(c, i, r, e) && is_start{A}(c, \at(c->n, A) - 1) && end_marker{A}(c) ==>
      end_marker{B}(c); }

  // ---- footers: j is r (given), i (now allocated), or an old free block ----

  axiomatic SplitFooterNew { predicate by_sp_footer_new = \true;
    lemma sp_footer_new{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_before{A}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      split_footers{A,B}(c, i, r, e) && (j == i || j == r) ==> footer_at{B}(c, j); }
  axiomatic SplitFooterOther { predicate by_sp_footer_other = \true;
    lemma sp_footer_other{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      split_footers{A,B}(c, i, r, e) && j != i && j != r && footer_at{A}(c, j) ==> footer_at{B}(c, j); }
  axiomatic SplitFooterAt { predicate by_sp_footer_at = \true;
    lemma sp_footer_at{A,B}: \forall core_heap *c, integer i, r, e, j;
      by_sp_footer_new && by_sp_footer_other &&
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      split_footers{A,B}(c, i, r, e) && footer_at{A}(c, j) ==> footer_at{B}(c, j); }
  axiomatic SplitFootersAll { predicate by_sp_footers_all = \true;
    lemma sp_footers_all{A,B}: \forall core_heap *c, integer i, r, e;
      by_sp_footer_at &&
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      split_footers{A,B}(c, i, r, e) && (\forall integer j; footer_at{A}(c, j)) ==>
      \forall integer j; footer_at{B}(c, j); }
  axiomatic SplitFooters { predicate by_sp_footers = \true;
    lemma sp_footers{A,B}: \forall core_heap *c, integer i, r, e;
      by_footer_in && by_sp_footers_all && by_footers_back &&
      split{A,B}(c, i, r, e) && footers{A}(c) ==> footers{B}(c); }

  // ---- previous-block footers: j is e, r (previous allocated), or an old start ----

  axiomatic SplitFoundEnd { predicate by_sp_found_end = \true;
    lemma sp_found_end{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      split_footers{A,B}(c, i, r, e) && j == e ==> found_at{B}(c, j); }
  axiomatic SplitFoundR { predicate by_sp_found_r = \true;
    lemma sp_found_r{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_before{A}(c, i, r, e) && split_bits{A,B}(c, i, r, e) && j == r ==> found_at{B}(c, j); }
  axiomatic SplitFoundOther { predicate by_sp_found_other = \true;
    lemma sp_found_other{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      split_footers{A,B}(c, i, r, e) && j != e && j != r && found_at{A}(c, j) ==> found_at{B}(c, j); }
  axiomatic SplitFoundAt { predicate by_sp_found_at = \true;
    lemma sp_found_at{A,B}: \forall core_heap *c, integer i, r, e, j;
      by_sp_found_end && by_sp_found_r && by_sp_found_other &&
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      split_footers{A,B}(c, i, r, e) && found_at{A}(c, j) ==> found_at{B}(c, j); }
  axiomatic SplitFoundAll { predicate by_sp_found_all = \true;
    lemma sp_found_all{A,B}: \forall core_heap *c, integer i, r, e;
      by_sp_found_at &&
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      split_footers{A,B}(c, i, r, e) && (\forall integer j; found_at{A}(c, j)) ==>
      \forall integer j; found_at{B}(c, j); }
  axiomatic SplitFound { predicate by_sp_found = \true;
    lemma sp_found{A,B}: \forall core_heap *c, integer i, r, e;
      by_found_in && by_sp_found_all && by_found_back &&
      split{A,B}(c, i, r, e) && free_prev_found{A}(c) ==> free_prev_found{B}(c); }

  // ---- no two free neighbours: j is r, i (now allocated), or an old free block ----

  axiomatic SplitCoalNew { predicate by_sp_coal_new = \true;
    lemma sp_coal_new{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      (j == i || j == r) ==> next_alloc_at{B}(c, j); }
  axiomatic SplitCoalOther { predicate by_sp_coal_other = \true;
    lemma sp_coal_other{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      j != i && j != r && next_alloc_at{A}(c, j) && ends_at{A}(c, j) ==> next_alloc_at{B}(c, j); }
  axiomatic SplitCoalAll { predicate by_sp_coal_all = \true;
    lemma sp_coal_all{A,B}: \forall core_heap *c, integer i, r, e;
      by_sp_coal_new && by_sp_coal_other &&
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      (\forall integer j; next_alloc_at{A}(c, j) && ends_at{A}(c, j)) ==>
      \forall integer j; next_alloc_at{B}(c, j); }
  axiomatic SplitCoal { predicate by_sp_coal = \true;
    lemma sp_coal{A,B}: \forall core_heap *c, integer i, r, e;
      by_coal_in && by_ends_in && by_sp_coal_all && by_coal_back &&
      split{A,B}(c, i, r, e) && coalesced{A}(c) && tiles{A}(c) ==> coalesced{B}(c); }

  // ---- previous bits: j is i, r, or an old block ----

  axiomatic SplitPrevNew { predicate by_sp_prev_new = \true;
    lemma sp_prev_new{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      (j == i || j == r) ==> next_knows_at{B}(c, j); }
  axiomatic SplitPrevOther { predicate by_sp_prev_other = \true;
    lemma sp_prev_other{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      j != i && j != r && next_knows_at{A}(c, j) && ends_at{A}(c, j) ==> next_knows_at{B}(c, j); }
  axiomatic SplitPrevAll { predicate by_sp_prev_all = \true;
    lemma sp_prev_all{A,B}: \forall core_heap *c, integer i, r, e;
      by_sp_prev_new && by_sp_prev_other &&
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      (\forall integer j; next_knows_at{A}(c, j) && ends_at{A}(c, j)) ==>
      \forall integer j; next_knows_at{B}(c, j); }
  axiomatic SplitPrev { predicate by_sp_prev = \true;
    lemma sp_prev{A,B}: \forall core_heap *c, integer i, r, e;
      by_prev_in && by_ends_in && by_sp_prev_all && by_prev_back &&
      split{A,B}(c, i, r, e) && prev_bits{A}(c) && tiles{A}(c) && prev_of{B}(c, 1) == 1 ==>
      prev_bits{B}(c); }
*/

#endif
