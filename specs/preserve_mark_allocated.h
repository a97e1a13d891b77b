/*
 * tagheap — proof aids: allocating a free block whole (mark_allocated)
 * preserves the heap invariant.
 *
 * Nothing here is a promise; every lemma is proved by `make prove`.  Same
 * method and vocabulary as specs/preserve_free_alone.h: the change between
 * states A (before) and B (after), case lemmas, one block at a time, then every
 * block, then each part of the invariant.
 */
#ifndef TAGHEAP_SPEC_PRESERVE_MARK_ALLOCATED_H
#define TAGHEAP_SPEC_PRESERVE_MARK_ALLOCATED_H

/*@
  // ---- the change ----

  // Before: block i of s words is free and the start after it is allocated and
  // knows i is free.
  predicate marked_before{A}(core_heap *c, integer i, integer s) =
    is_free(c, i) && s == size_of(c, i) && MIN_BLOCK_WORDS <= s && i + s <= c->n - 1 &&
    is_start(c, i + s) && alloc_of(c, i + s) == 1 && prev_of(c, i + s) == 0;

  // Allocated bits stay except block i's, now 1; previous bits stay except that
  // of the start after i, now 1.
  predicate marked_bits{A,B}(core_heap *c, integer i, integer s) =
    (\forall integer j; is_start{A}(c, j) && j != i ==> alloc_of{B}(c, j) == alloc_of{A}(c, j)) &&
    alloc_of{B}(c, i) == 1 &&
    (\forall integer j; is_start{A}(c, j) && j != i + s ==> prev_of{B}(c, j) == prev_of{A}(c, j)) &&
    prev_of{B}(c, i + s) == 1;

  // Headers: the same word except at i and i + s, which are re-encoded.
  predicate marked_headers{A,B}(core_heap *c, integer i, integer s) =
    (\forall integer j; is_start{A}(c, j) && j != i && j != i + s ==>
       \at(c->words[j], B) == \at(c->words[j], A)) &&
    \at(c->words[i], B) == hdr_make(s, prev_of{A}(c, i), 1) &&
    \at(c->words[i + s], B) == hdr_make(size_of{A}(c, i + s), 1, alloc_of{A}(c, i + s));

  // Footers: every other free block keeps its footer, and so does the word
  // before every start but i + s.
  predicate marked_footers{A,B}(core_heap *c, integer i, integer s) =
    (\forall integer j; is_free{A}(c, j) && j != i ==>
       \at(c->words[j + size_of{A}(c, j) - 1], B) == \at(c->words[j + size_of{A}(c, j) - 1], A)) &&
    (\forall integer j; is_start{A}(c, j) && j != i + s ==>
       \at(c->words[j - 1], B) == \at(c->words[j - 1], A));

  // What mark_allocated's writes do, all of it.
  predicate marked{A,B}(core_heap *c, integer i, integer s) =
    marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
    marked_headers{A,B}(c, i, s) && marked_footers{A,B}(c, i, s);

  // ---- headers ----

  axiomatic MarkedDecode { predicate by_ma_decode = \true;
    lemma ma_decode{A,B}: \forall core_heap *c, integer i, s;
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      marked_headers{A,B}(c, i, s) && headers_decode{A}(c) ==> headers_decode{B}(c); }

  // ---- the end marker: i + s is the end marker, or it is not ----

  axiomatic MarkedEndLast { predicate by_ma_end_last = \true;
    lemma ma_end_last{A,B}: \forall core_heap *c, integer i, s;
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      marked_headers{A,B}(c, i, s) &&
      i + s == \at(c->n, A) - 1 && size_of{A}(c, i + s) == 0 ==> end_marker{B}(c); }
  axiomatic MarkedEndOther { predicate by_ma_end_other = \true;
    lemma ma_end_other{A,B}: \forall core_heap *c, integer i, s;
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      marked_headers{A,B}(c, i, s) &&
      i + s != \at(c->n, A) - 1 && is_start{A}(c, \at(c->n, A) - 1) && end_marker{A}(c) ==>
      end_marker{B}(c); }
  axiomatic MarkedEnd { predicate by_ma_end = \true;
    lemma ma_end{A,B}: \forall core_heap *c, integer i, s;
      by_ma_end_last && by_ma_end_other &&
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      marked_headers{A,B}(c, i, s) && (i + s == \at(c->n, A) - 1 ==> size_of{A}(c, i + s) == 0) &&
      is_start{A}(c, \at(c->n, A) - 1) && end_marker{A}(c) ==> end_marker{B}(c); }

  // ---- footers: j is i (no longer free), or it is not ----

  axiomatic MarkedFooterAt { predicate by_ma_footer_at = \true;
    lemma ma_footer_at{A,B}: \forall core_heap *c, integer i, s, j;
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      marked_footers{A,B}(c, i, s) && footer_at{A}(c, j) ==> footer_at{B}(c, j); }
  axiomatic MarkedFootersAll { predicate by_ma_footers_all = \true;
    lemma ma_footers_all{A,B}: \forall core_heap *c, integer i, s;
      by_ma_footer_at &&
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      marked_footers{A,B}(c, i, s) && (\forall integer j; footer_at{A}(c, j)) ==>
      \forall integer j; footer_at{B}(c, j); }
  axiomatic MarkedFooters { predicate by_ma_footers = \true;
    lemma ma_footers{A,B}: \forall core_heap *c, integer i, s;
      by_footer_in && by_ma_footers_all && by_footers_back &&
      marked{A,B}(c, i, s) && footers{A}(c) ==> footers{B}(c); }

  // ---- previous-block footers: j is the start after i (now "previous
  //      allocated"), or it is not ----

  axiomatic MarkedFoundNext { predicate by_ma_found_next = \true;
    lemma ma_found_next{A,B}: \forall core_heap *c, integer i, s, j;
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      j == next_of{A}(c, i) ==> found_at{B}(c, j); }
  axiomatic MarkedFoundOther { predicate by_ma_found_other = \true;
    lemma ma_found_other{A,B}: \forall core_heap *c, integer i, s, j;
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      marked_footers{A,B}(c, i, s) && j != next_of{A}(c, i) && found_at{A}(c, j) ==>
      found_at{B}(c, j); }
  axiomatic MarkedFoundAt { predicate by_ma_found_at = \true;
    lemma ma_found_at{A,B}: \forall core_heap *c, integer i, s, j;
      by_ma_found_next && by_ma_found_other &&
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      marked_footers{A,B}(c, i, s) && found_at{A}(c, j) ==> found_at{B}(c, j); }
  axiomatic MarkedFoundAll { predicate by_ma_found_all = \true;
    lemma ma_found_all{A,B}: \forall core_heap *c, integer i, s;
      by_ma_found_at &&
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      marked_footers{A,B}(c, i, s) && (\forall integer j; found_at{A}(c, j)) ==>
      \forall integer j; found_at{B}(c, j); }
  axiomatic MarkedFound { predicate by_ma_found = \true;
    lemma ma_found{A,B}: \forall core_heap *c, integer i, s;
      by_found_in && by_ma_found_all && by_found_back &&
      marked{A,B}(c, i, s) && free_prev_found{A}(c) ==> free_prev_found{B}(c); }

  // ---- no two free neighbours: j is i (no longer free), j ends at i (now
  //      allocated), or neither ----

  axiomatic MarkedCoalSelf { predicate by_ma_coal_self = \true;
    lemma ma_coal_self{A,B}: \forall core_heap *c, integer i, s, j;
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      j == i ==> next_alloc_at{B}(c, j); }
  axiomatic MarkedCoalBefore { predicate by_ma_coal_before = \true;
    lemma ma_coal_before{A,B}: \forall core_heap *c, integer i, s, j;
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      j != i && next_of{A}(c, j) == i ==> next_alloc_at{B}(c, j); }
  axiomatic MarkedCoalFar { predicate by_ma_coal_far = \true;
    lemma ma_coal_far{A,B}: \forall core_heap *c, integer i, s, j;
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      j != i && next_of{A}(c, j) != i && next_alloc_at{A}(c, j) && ends_at{A}(c, j) ==>
      next_alloc_at{B}(c, j); }
  axiomatic MarkedCoalAt { predicate by_ma_coal_at = \true;
    lemma ma_coal_at{A,B}: \forall core_heap *c, integer i, s, j;
      by_ma_coal_self && by_ma_coal_before && by_ma_coal_far &&
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      next_alloc_at{A}(c, j) && ends_at{A}(c, j) ==> next_alloc_at{B}(c, j); }
  // (The conclusion repeats next_alloc_at{A}(c, j), already a premise, so that the
  // provers have that term to instantiate the premise with: without it CVC4 and Z3
  // spent over 30 s unfolding the layout's definitions.)
  axiomatic MarkedCoalAll { predicate by_ma_coal_all = \true;
    lemma ma_coal_all{A,B}: \forall core_heap *c, integer i, s;
      by_ma_coal_at &&
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      (\forall integer j; next_alloc_at{A}(c, j) && ends_at{A}(c, j)) ==>
      \forall integer j; next_alloc_at{A}(c, j) ==> next_alloc_at{B}(c, j); }
  axiomatic MarkedCoal { predicate by_ma_coal = \true;
    lemma ma_coal{A,B}: \forall core_heap *c, integer i, s;
      by_coal_in && by_ends_in && by_ma_coal_all && by_coal_back &&
      marked{A,B}(c, i, s) && coalesced{A}(c) && tiles{A}(c) ==> coalesced{B}(c); }

  // ---- previous bits: j is i, j ends where i ends (impossible: specs/preserve.h), or neither ----

  axiomatic MarkedPrevSelf { predicate by_ma_prev_self = \true;
    lemma ma_prev_self{A,B}: \forall core_heap *c, integer i, s, j;
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      j == i ==> next_knows_at{B}(c, j); }
  axiomatic MarkedPrevFar { predicate by_ma_prev_far = \true;
    lemma ma_prev_far{A,B}: \forall core_heap *c, integer i, s, j;
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      j != i && next_of{A}(c, j) != i + s && next_knows_at{A}(c, j) && ends_at{A}(c, j) ==>
      next_knows_at{B}(c, j); }
  axiomatic MarkedPrevAt { predicate by_ma_prev_at = \true;
    lemma ma_prev_at{A,B}: \forall core_heap *c, integer i, s, j;
      by_ma_prev_self && by_ends_apart_below && by_ends_apart_above && by_ma_prev_far &&
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      next_knows_at{A}(c, j) && ends_at{A}(c, j) && min_size_at{A}(c, j) &&
      no_inner_at{A}(c, j, i) && no_inner_at{A}(c, i, j) ==> next_knows_at{B}(c, j); }
  axiomatic MarkedPrevAll { predicate by_ma_prev_all = \true;
    lemma ma_prev_all{A,B}: \forall core_heap *c, integer i, s;
      by_ma_prev_at &&
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      (\forall integer j; next_knows_at{A}(c, j) && ends_at{A}(c, j) && min_size_at{A}(c, j)) &&
      (\forall integer j, k; no_inner_at{A}(c, j, k)) ==>
      \forall integer j; next_knows_at{B}(c, j); }
  axiomatic MarkedPrev { predicate by_ma_prev = \true;
    lemma ma_prev{A,B}: \forall core_heap *c, integer i, s;
      by_prev_in && by_ends_in && by_min_size_in && by_inner_in && by_ma_prev_all && by_prev_back &&
      marked{A,B}(c, i, s) && prev_bits{A}(c) && tiles{A}(c) && headers_decode{A}(c) &&
      no_inner_start{A}(c) && prev_of{B}(c, 1) == 1 ==> prev_bits{B}(c); }
*/

#endif
