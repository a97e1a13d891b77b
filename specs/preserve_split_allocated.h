/*
 * tagheap — proof aids: cutting an allocated block into two allocated blocks
 * (split_allocated_block, the first step of shrinking in realloc) preserves the
 * heap invariant.
 *
 * Nothing here is a promise; every lemma is proved by `make prove`.  Same
 * method and shape as specs/preserve_split.h.  Allocated block i ends at e; the
 * split puts a new start r between them: i .. r and r .. e are both allocated.
 * No free block, footer or previous bit of an old start changes.
 */
#ifndef TAGHEAP_SPEC_PRESERVE_SPLIT_ALLOCATED_H
#define TAGHEAP_SPEC_PRESERVE_SPLIT_ALLOCATED_H

/*@
  // ---- the change ----

  // Before: block i is allocated and ends at e, a start that knows i is
  // allocated; r lies inside block i with room for a block on each side, and is
  // no start.
  predicate split_alloc_before{A}(core_heap *c, integer i, integer r, integer e) =
    is_alloc(c, i) && next_of(c, i) == e && e <= c->n - 1 && is_start(c, e) && prev_of(c, e) == 1 &&
    i + MIN_BLOCK_WORDS <= r && r + MIN_BLOCK_WORDS <= e && !is_start(c, r);

  // The heap keeps its size; r becomes a start; every old start keeps its size and
  // end except i, which now ends at r; r ends at e.
  predicate split_alloc_layout{A,B}(core_heap *c, integer i, integer r, integer e) =
    \at(c->n, B) == \at(c->n, A) &&
    (\forall integer j; is_start{B}(c, j) <==> is_start{A}(c, j) || j == r) &&
    (\forall integer j; is_start{A}(c, j) && j != i ==> size_of{B}(c, j) == size_of{A}(c, j)) &&
    (\forall integer j; is_start{A}(c, j) && j != i ==> next_of{B}(c, j) == next_of{A}(c, j)) &&
    size_of{B}(c, i) == r - i && next_of{B}(c, i) == r &&
    size_of{B}(c, r) == e - r && next_of{B}(c, r) == e;

  // Both bits of every old start stay (e's previous bit too: r is allocated as
  // i was); r is allocated after an allocated block.
  predicate split_alloc_bits{A,B}(core_heap *c, integer i, integer r, integer e) =
    (\forall integer j; is_start{A}(c, j) ==> alloc_of{B}(c, j) == alloc_of{A}(c, j)) &&
    alloc_of{B}(c, r) == 1 &&
    (\forall integer j; is_start{A}(c, j) ==> prev_of{B}(c, j) == prev_of{A}(c, j)) &&
    prev_of{B}(c, r) == 1;

  // Headers: the same word at every old start but i; i and r encode their blocks.
  predicate split_alloc_headers{A,B}(core_heap *c, integer i, integer r, integer e) =
    (\forall integer j; is_start{A}(c, j) && j != i ==> \at(c->words[j], B) == \at(c->words[j], A)) &&
    \at(c->words[i], B) == hdr_make(r - i, prev_of{A}(c, i), 1) &&
    \at(c->words[r], B) == hdr_make(e - r, 1, 1);

  // Footers: every free block keeps its footer, and every old start the word
  // before it.
  predicate split_alloc_footers{A,B}(core_heap *c, integer i, integer r, integer e) =
    (\forall integer j; is_free{A}(c, j) ==>
       \at(c->words[j + size_of{A}(c, j) - 1], B) == \at(c->words[j + size_of{A}(c, j) - 1], A)) &&
    (\forall integer j; is_start{A}(c, j) ==> \at(c->words[j - 1], B) == \at(c->words[j - 1], A));

  // What split_allocated_block's writes do, all of it.
  predicate split_alloc{A,B}(core_heap *c, integer i, integer r, integer e) =
    split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && split_alloc_bits{A,B}(c, i, r, e) &&
    split_alloc_headers{A,B}(c, i, r, e) && split_alloc_footers{A,B}(c, i, r, e);

  // ---- tiling: j is i, r, or an old start ----

  axiomatic SplitAllocEndsSelf { predicate by_sa_ends_self = \true;
    lemma sa_ends_self{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) &&
      (j == i || j == r) ==> ends_at{B}(c, j); }
  axiomatic SplitAllocEndsOther { predicate by_sa_ends_other = \true;
    lemma sa_ends_other{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) &&
      j != i && j != r && ends_at{A}(c, j) ==> ends_at{B}(c, j); }
  axiomatic SplitAllocEndsAll { predicate by_sa_ends_all = \true;
    lemma sa_ends_all{A,B}: \forall core_heap *c, integer i, r, e;
      by_sa_ends_self && by_sa_ends_other &&
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) &&
      (\forall integer j; ends_at{A}(c, j)) ==> \forall integer j; ends_at{B}(c, j); }
  axiomatic SplitAllocEnds { predicate by_sa_ends = \true;
    lemma sa_ends{A,B}: \forall core_heap *c, integer i, r, e;
      by_ends_in && by_sa_ends_all &&
      split_alloc{A,B}(c, i, r, e) && tiles{A}(c) ==> \forall integer j; ends_at{B}(c, j); }

  // ---- no inner start: j is i, r, or an old start; k is r or an old start ----

  axiomatic SplitAllocInnerI { predicate by_sa_inner_i = \true;
    lemma sa_inner_i{A,B}: \forall core_heap *c, integer i, r, e, k;
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && no_inner_at{A}(c, i, k) ==>
      no_inner_at{B}(c, i, k); }
  axiomatic SplitAllocInnerR { predicate by_sa_inner_r = \true;
    lemma sa_inner_r{A,B}: \forall core_heap *c, integer i, r, e, k;
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && no_inner_at{A}(c, i, k) ==>
      no_inner_at{B}(c, r, k); }
  axiomatic SplitAllocInnerOtherR { predicate by_sa_inner_other_r = \true;
    lemma sa_inner_other_r{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && j != i && j != r &&
      no_inner_at{A}(c, j, i) && no_inner_at{A}(c, i, j) && min_size_at{A}(c, j) ==>
      no_inner_at{B}(c, j, r); }
  axiomatic SplitAllocInnerOther { predicate by_sa_inner_other = \true;
    lemma sa_inner_other{A,B}: \forall core_heap *c, integer i, r, e, j, k;
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && j != i && j != r && k != r &&
      no_inner_at{A}(c, j, k) ==> no_inner_at{B}(c, j, k); }
  axiomatic SplitAllocInnerAt { predicate by_sa_inner_at = \true;
    lemma sa_inner_at{A,B}: \forall core_heap *c, integer i, r, e, j, k;
      by_sa_inner_i && by_sa_inner_r && by_sa_inner_other_r && by_sa_inner_other &&
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) &&
      no_inner_at{A}(c, i, k) && no_inner_at{A}(c, j, k) &&
      no_inner_at{A}(c, j, i) && no_inner_at{A}(c, i, j) && min_size_at{A}(c, j) ==>
      no_inner_at{B}(c, j, k); }
  axiomatic SplitAllocInnerAll { predicate by_sa_inner_all = \true;
    lemma sa_inner_all{A,B}: \forall core_heap *c, integer i, r, e;
      by_sa_inner_at &&
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) &&
      (\forall integer j, k; no_inner_at{A}(c, j, k)) && (\forall integer j; min_size_at{A}(c, j)) ==>
      \forall integer j, k; no_inner_at{B}(c, j, k); }
  axiomatic SplitAllocInner { predicate by_sa_inner = \true;
    lemma sa_inner{A,B}: \forall core_heap *c, integer i, r, e;
      by_inner_in && by_min_size_in && by_sa_inner_all && by_inner_back &&
      split_alloc{A,B}(c, i, r, e) && no_inner_start{A}(c) && headers_decode{A}(c) ==>
      no_inner_start{B}(c); }

  // ---- headers ----

  axiomatic SplitAllocDecode { predicate by_sa_decode = \true;
    lemma sa_decode{A,B}: \forall core_heap *c, integer i, r, e;
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && split_alloc_bits{A,B}(c, i, r, e) &&
      split_alloc_headers{A,B}(c, i, r, e) && headers_decode{A}(c) ==> headers_decode{B}(c); }

  // ---- the end marker: an old start other than i, so untouched ----

  axiomatic SplitAllocEnd { predicate by_sa_end = \true;
    lemma sa_end{A,B}: \forall core_heap *c, integer i, r, e;
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && split_alloc_bits{A,B}(c, i, r, e) &&
      split_alloc_headers{A,B}(c, i, r, e) && is_start{A}(c, \at(c->n, A) - 1) && end_marker{A}(c) ==>
      end_marker{B}(c); }

  // ---- footers: every free block is an old one ----

  axiomatic SplitAllocFooterAt { predicate by_sa_footer_at = \true;
    lemma sa_footer_at{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && split_alloc_bits{A,B}(c, i, r, e) &&
      split_alloc_footers{A,B}(c, i, r, e) && footer_at{A}(c, j) ==> footer_at{B}(c, j); }
  axiomatic SplitAllocFootersAll { predicate by_sa_footers_all = \true;
    lemma sa_footers_all{A,B}: \forall core_heap *c, integer i, r, e;
      by_sa_footer_at &&
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && split_alloc_bits{A,B}(c, i, r, e) &&
      split_alloc_footers{A,B}(c, i, r, e) && (\forall integer j; footer_at{A}(c, j)) ==>
      \forall integer j; footer_at{B}(c, j); }
  axiomatic SplitAllocFooters { predicate by_sa_footers = \true;
    lemma sa_footers{A,B}: \forall core_heap *c, integer i, r, e;
      by_footer_in && by_sa_footers_all && by_footers_back &&
      split_alloc{A,B}(c, i, r, e) && footers{A}(c) ==> footers{B}(c); }

  // ---- previous-block footers: j is r (previous allocated), or an old start ----

  axiomatic SplitAllocFoundR { predicate by_sa_found_r = \true;
    lemma sa_found_r{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_alloc_before{A}(c, i, r, e) && split_alloc_bits{A,B}(c, i, r, e) && j == r ==> found_at{B}(c, j); }
  axiomatic SplitAllocFoundOther { predicate by_sa_found_other = \true;
    lemma sa_found_other{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && split_alloc_bits{A,B}(c, i, r, e) &&
      split_alloc_footers{A,B}(c, i, r, e) && j != r && found_at{A}(c, j) ==> found_at{B}(c, j); }
  axiomatic SplitAllocFoundAt { predicate by_sa_found_at = \true;
    lemma sa_found_at{A,B}: \forall core_heap *c, integer i, r, e, j;
      by_sa_found_r && by_sa_found_other &&
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && split_alloc_bits{A,B}(c, i, r, e) &&
      split_alloc_footers{A,B}(c, i, r, e) && found_at{A}(c, j) ==> found_at{B}(c, j); }
  axiomatic SplitAllocFoundAll { predicate by_sa_found_all = \true;
    lemma sa_found_all{A,B}: \forall core_heap *c, integer i, r, e;
      by_sa_found_at &&
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && split_alloc_bits{A,B}(c, i, r, e) &&
      split_alloc_footers{A,B}(c, i, r, e) && (\forall integer j; found_at{A}(c, j)) ==>
      \forall integer j; found_at{B}(c, j); }
  axiomatic SplitAllocFound { predicate by_sa_found = \true;
    lemma sa_found{A,B}: \forall core_heap *c, integer i, r, e;
      by_found_in && by_sa_found_all && by_found_back &&
      split_alloc{A,B}(c, i, r, e) && free_prev_found{A}(c) ==> free_prev_found{B}(c); }

  // ---- no two free neighbours: every free block is an old one, not i ----

  axiomatic SplitAllocCoalNew { predicate by_sa_coal_new = \true;
    lemma sa_coal_new{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && split_alloc_bits{A,B}(c, i, r, e) &&
      (j == i || j == r) ==> next_alloc_at{B}(c, j); }
  axiomatic SplitAllocCoalOther { predicate by_sa_coal_other = \true;
    lemma sa_coal_other{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && split_alloc_bits{A,B}(c, i, r, e) &&
      j != i && j != r && next_alloc_at{A}(c, j) && ends_at{A}(c, j) ==> next_alloc_at{B}(c, j); }
  axiomatic SplitAllocCoalAll { predicate by_sa_coal_all = \true;
    lemma sa_coal_all{A,B}: \forall core_heap *c, integer i, r, e;
      by_sa_coal_new && by_sa_coal_other &&
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && split_alloc_bits{A,B}(c, i, r, e) &&
      (\forall integer j; next_alloc_at{A}(c, j) && ends_at{A}(c, j)) ==>
      \forall integer j; next_alloc_at{B}(c, j); }
  axiomatic SplitAllocCoal { predicate by_sa_coal = \true;
    lemma sa_coal{A,B}: \forall core_heap *c, integer i, r, e;
      by_coal_in && by_ends_in && by_sa_coal_all && by_coal_back &&
      split_alloc{A,B}(c, i, r, e) && coalesced{A}(c) && tiles{A}(c) ==> coalesced{B}(c); }

  // ---- previous bits: j is i, r, or an old block ----

  axiomatic SplitAllocPrevNew { predicate by_sa_prev_new = \true;
    lemma sa_prev_new{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && split_alloc_bits{A,B}(c, i, r, e) &&
      (j == i || j == r) ==> next_knows_at{B}(c, j); }
  axiomatic SplitAllocPrevOther { predicate by_sa_prev_other = \true;
    lemma sa_prev_other{A,B}: \forall core_heap *c, integer i, r, e, j;
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && split_alloc_bits{A,B}(c, i, r, e) &&
      j != i && j != r && next_knows_at{A}(c, j) && ends_at{A}(c, j) ==> next_knows_at{B}(c, j); }
  axiomatic SplitAllocPrevAll { predicate by_sa_prev_all = \true;
    lemma sa_prev_all{A,B}: \forall core_heap *c, integer i, r, e;
      by_sa_prev_new && by_sa_prev_other &&
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) && split_alloc_bits{A,B}(c, i, r, e) &&
      (\forall integer j; next_knows_at{A}(c, j) && ends_at{A}(c, j)) ==>
      \forall integer j; next_knows_at{B}(c, j); }
  axiomatic SplitAllocPrev { predicate by_sa_prev = \true;
    lemma sa_prev{A,B}: \forall core_heap *c, integer i, r, e;
      by_prev_in && by_ends_in && by_sa_prev_all && by_prev_back &&
      split_alloc{A,B}(c, i, r, e) && prev_bits{A}(c) && tiles{A}(c) && prev_of{B}(c, 1) == 1 ==>
      prev_bits{B}(c); }
*/

#endif
