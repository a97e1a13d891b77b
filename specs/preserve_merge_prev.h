/*
 * tagheap — proof aids: freeing a block and merging it into the free block
 * before it (free_merge_prev) preserves the heap invariant.
 *
 * Nothing here is a promise; every lemma is proved by `make prove`.  Same
 * method as specs/preserve_free_alone.h, vocabulary from specs/preserve.h.
 * Free block p ends at i, where an allocated block starts that ends at e, an
 * allocated start; after the change i is no start, p is one free block ending
 * at e, and e's previous bit says so.
 */
#ifndef TAGHEAP_SPEC_PRESERVE_MERGE_PREV_H
#define TAGHEAP_SPEC_PRESERVE_MERGE_PREV_H

/*@
  // ---- the change ----

  // Before: block p is free and ends at i; block i is allocated and ends at e, an
  // allocated start that knows i is allocated.
  predicate merge_prev_before{A}(core_heap *c, integer p, integer i, integer e) =
    is_free(c, p) && next_of(c, p) == i && p + MIN_BLOCK_WORDS <= i &&
    is_alloc(c, i) && prev_of(c, i) == 0 && next_of(c, i) == e && i + MIN_BLOCK_WORDS <= e &&
    e <= c->n - 1 && is_start(c, e) && alloc_of(c, e) == 1 && prev_of(c, e) == 1;

  // The heap keeps its size; i is no start any more; every other start keeps its
  // size and end, and p now ends at e.
  predicate merge_prev_layout{A,B}(core_heap *c, integer p, integer i, integer e) =
    \at(c->n, B) == \at(c->n, A) &&
    (\forall integer j; is_start{B}(c, j) <==> is_start{A}(c, j) && j != i) &&
    (\forall integer j; is_start{A}(c, j) && j != p ==> size_of{B}(c, j) == size_of{A}(c, j)) &&
    (\forall integer j; is_start{A}(c, j) && j != p ==> next_of{B}(c, j) == next_of{A}(c, j)) &&
    size_of{B}(c, p) == e - p && next_of{B}(c, p) == e;

  // Allocated bits all stay (p stays free, i's header is untouched); previous
  // bits stay except e's, now 0.
  predicate merge_prev_bits{A,B}(core_heap *c, integer p, integer i, integer e) =
    (\forall integer j; is_start{A}(c, j) ==> alloc_of{B}(c, j) == alloc_of{A}(c, j)) &&
    (\forall integer j; is_start{A}(c, j) && j != e ==> prev_of{B}(c, j) == prev_of{A}(c, j)) &&
    prev_of{B}(c, e) == 0;

  // Headers: the same word at every start but p and e, which are re-encoded.
  predicate merge_prev_headers{A,B}(core_heap *c, integer p, integer i, integer e) =
    (\forall integer j; is_start{A}(c, j) && j != p && j != e ==>
       \at(c->words[j], B) == \at(c->words[j], A)) &&
    \at(c->words[p], B) == hdr_make(e - p, prev_of{A}(c, p), 0) &&
    \at(c->words[e], B) == hdr_make(size_of{A}(c, e), 0, alloc_of{A}(c, e));

  // Footers: every free block but p keeps its footer, so does the word before
  // every start but e; p gets its footer (word e - 1), found from e.
  predicate merge_prev_footers{A,B}(core_heap *c, integer p, integer i, integer e) =
    (\forall integer j; is_free{A}(c, j) && j != p ==>
       \at(c->words[j + size_of{A}(c, j) - 1], B) == \at(c->words[j + size_of{A}(c, j) - 1], A)) &&
    (\forall integer j; is_start{A}(c, j) && j != e ==>
       \at(c->words[j - 1], B) == \at(c->words[j - 1], A)) &&
    \at(c->words[e - 1], B) == (e - p) * WORD_BYTES && prev_start{B}(c, e) == p;

  // What free_merge_prev's writes do, all of it.
  predicate merged_prev{A,B}(core_heap *c, integer p, integer i, integer e) =
    merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
    merge_prev_bits{A,B}(c, p, i, e) && merge_prev_headers{A,B}(c, p, i, e) &&
    merge_prev_footers{A,B}(c, p, i, e);

  // ---- tiling: j is p, or another old block (which cannot end at i) ----

  axiomatic MergePrevEndsSelf { predicate by_mp_ends_self = \true;
    lemma mp_ends_self{A,B}: \forall core_heap *c, integer p, i, e, j;
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) && j == p ==>
      ends_at{B}(c, j); }
  axiomatic MergePrevEndsOther { predicate by_mp_ends_other = \true;
    lemma mp_ends_other{A,B}: \forall core_heap *c, integer p, i, e, j;
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) && j != p &&
      next_of{A}(c, j) != i && ends_at{A}(c, j) ==> ends_at{B}(c, j); }
  axiomatic MergePrevEndsAt { predicate by_mp_ends_at = \true;
    lemma mp_ends_at{A,B}: \forall core_heap *c, integer p, i, e, j;
      by_mp_ends_self && by_mp_ends_other && by_ends_apart_below && by_ends_apart_above &&
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      ends_at{A}(c, j) && min_size_at{A}(c, j) && no_inner_at{A}(c, j, p) && no_inner_at{A}(c, p, j) ==>
      ends_at{B}(c, j); }
  axiomatic MergePrevEnds { predicate by_mp_ends = \true;
    lemma mp_ends{A,B}: \forall core_heap *c, integer p, i, e;
      by_ends_in && by_min_size_in && by_inner_in && by_mp_ends_at &&
      merged_prev{A,B}(c, p, i, e) && tiles{A}(c) && headers_decode{A}(c) && no_inner_start{A}(c) ==>
      \forall integer j; ends_at{B}(c, j); }

  // ---- no inner start: j is p (k lies in old p, is i, or lies in i), or another block ----

  axiomatic MergePrevInnerSelf { predicate by_mp_inner_self = \true;
    lemma mp_inner_self{A,B}: \forall core_heap *c, integer p, i, e, k;
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      no_inner_at{A}(c, p, k) && no_inner_at{A}(c, i, k) ==> no_inner_at{B}(c, p, k); }
  axiomatic MergePrevInnerOther { predicate by_mp_inner_other = \true;
    lemma mp_inner_other{A,B}: \forall core_heap *c, integer p, i, e, j, k;
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) && j != p &&
      no_inner_at{A}(c, j, k) ==> no_inner_at{B}(c, j, k); }
  axiomatic MergePrevInnerAt { predicate by_mp_inner_at = \true;
    lemma mp_inner_at{A,B}: \forall core_heap *c, integer p, i, e, j, k;
      by_mp_inner_self && by_mp_inner_other &&
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      no_inner_at{A}(c, p, k) && no_inner_at{A}(c, i, k) && no_inner_at{A}(c, j, k) ==>
      no_inner_at{B}(c, j, k); }
  axiomatic MergePrevInnerAll { predicate by_mp_inner_all = \true;
    lemma mp_inner_all{A,B}: \forall core_heap *c, integer p, i, e;
      by_mp_inner_at &&
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      (\forall integer j, k; no_inner_at{A}(c, j, k)) ==> \forall integer j, k; no_inner_at{B}(c, j, k); }
  axiomatic MergePrevInner { predicate by_mp_inner = \true;
    lemma mp_inner{A,B}: \forall core_heap *c, integer p, i, e;
      by_inner_in && by_mp_inner_all && by_inner_back &&
      merged_prev{A,B}(c, p, i, e) && no_inner_start{A}(c) ==> no_inner_start{B}(c); }

  // ---- headers ----

  axiomatic MergePrevDecode { predicate by_mp_decode = \true;
    lemma mp_decode{A,B}: \forall core_heap *c, integer p, i, e;
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) && merge_prev_headers{A,B}(c, p, i, e) &&
      headers_decode{A}(c) ==> headers_decode{B}(c); }

  // ---- the end marker: e is the end marker, or it is not ----

  axiomatic MergePrevEndLast { predicate by_mp_end_last = \true;
    lemma mp_end_last{A,B}: \forall core_heap *c, integer p, i, e;
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) && merge_prev_headers{A,B}(c, p, i, e) &&
      e == \at(c->n, A) - 1 && size_of{A}(c, e) == 0 ==> end_marker{B}(c); }
  axiomatic MergePrevEndOther { predicate by_mp_end_other = \true;
    lemma mp_end_other{A,B}: \forall core_heap *c, integer p, i, e;
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) && merge_prev_headers{A,B}(c, p, i, e) &&
      e != \at(c->n, A) - 1 && is_start{A}(c, \at(c->n, A) - 1) && end_marker{A}(c) ==>
      end_marker{B}(c); }
  axiomatic MergePrevEnd { predicate by_mp_end = \true;
    lemma mp_end{A,B}: \forall core_heap *c, integer p, i, e;
      by_mp_end_last && by_mp_end_other &&
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) && merge_prev_headers{A,B}(c, p, i, e) &&
      (e == \at(c->n, A) - 1 ==> size_of{A}(c, e) == 0) &&
      is_start{A}(c, \at(c->n, A) - 1) && end_marker{A}(c) ==> end_marker{B}(c); }

  // ---- footers: j is p (given), or another old free block ----

  axiomatic MergePrevFooterAt { predicate by_mp_footer_at = \true;
    lemma mp_footer_at{A,B}: \forall core_heap *c, integer p, i, e, j;
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) && merge_prev_footers{A,B}(c, p, i, e) &&
      footer_at{A}(c, j) ==> footer_at{B}(c, j); }
  axiomatic MergePrevFootersAll { predicate by_mp_footers_all = \true;
    lemma mp_footers_all{A,B}: \forall core_heap *c, integer p, i, e;
      by_mp_footer_at &&
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) && merge_prev_footers{A,B}(c, p, i, e) &&
      (\forall integer j; footer_at{A}(c, j)) ==> \forall integer j; footer_at{B}(c, j); }
  axiomatic MergePrevFooters { predicate by_mp_footers = \true;
    lemma mp_footers{A,B}: \forall core_heap *c, integer p, i, e;
      by_footer_in && by_mp_footers_all && by_footers_back &&
      merged_prev{A,B}(c, p, i, e) && footers{A}(c) ==> footers{B}(c); }

  // ---- previous-block footers: j is e, or another old start ----

  axiomatic MergePrevFoundEnd { predicate by_mp_found_end = \true;
    lemma mp_found_end{A,B}: \forall core_heap *c, integer p, i, e, j;
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) && merge_prev_footers{A,B}(c, p, i, e) && j == e ==>
      found_at{B}(c, j); }
  axiomatic MergePrevFoundOther { predicate by_mp_found_other = \true;
    lemma mp_found_other{A,B}: \forall core_heap *c, integer p, i, e, j;
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) && merge_prev_footers{A,B}(c, p, i, e) &&
      j != e && found_at{A}(c, j) ==> found_at{B}(c, j); }
  axiomatic MergePrevFoundAt { predicate by_mp_found_at = \true;
    lemma mp_found_at{A,B}: \forall core_heap *c, integer p, i, e, j;
      by_mp_found_end && by_mp_found_other &&
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) && merge_prev_footers{A,B}(c, p, i, e) &&
      found_at{A}(c, j) ==> found_at{B}(c, j); }
  axiomatic MergePrevFoundAll { predicate by_mp_found_all = \true;
    lemma mp_found_all{A,B}: \forall core_heap *c, integer p, i, e;
      by_mp_found_at &&
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) && merge_prev_footers{A,B}(c, p, i, e) &&
      (\forall integer j; found_at{A}(c, j)) ==> \forall integer j; found_at{B}(c, j); }
  axiomatic MergePrevFound { predicate by_mp_found = \true;
    lemma mp_found{A,B}: \forall core_heap *c, integer p, i, e;
      by_found_in && by_mp_found_all && by_found_back &&
      merged_prev{A,B}(c, p, i, e) && free_prev_found{A}(c) ==> free_prev_found{B}(c); }

  // ---- no two free neighbours: j is p, or another old free block ----

  axiomatic MergePrevCoalSelf { predicate by_mp_coal_self = \true;
    lemma mp_coal_self{A,B}: \forall core_heap *c, integer p, i, e, j;
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) && j == p ==> next_alloc_at{B}(c, j); }
  axiomatic MergePrevCoalOther { predicate by_mp_coal_other = \true;
    lemma mp_coal_other{A,B}: \forall core_heap *c, integer p, i, e, j;
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) && j != p &&
      next_alloc_at{A}(c, j) && ends_at{A}(c, j) ==> next_alloc_at{B}(c, j); }
  axiomatic MergePrevCoalAt { predicate by_mp_coal_at = \true;
    lemma mp_coal_at{A,B}: \forall core_heap *c, integer p, i, e, j;
      by_mp_coal_self && by_mp_coal_other &&
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) && next_alloc_at{A}(c, j) && ends_at{A}(c, j) ==>
      next_alloc_at{B}(c, j); }
  axiomatic MergePrevCoalAll { predicate by_mp_coal_all = \true;
    lemma mp_coal_all{A,B}: \forall core_heap *c, integer p, i, e;
      by_mp_coal_at &&
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) &&
      (\forall integer j; next_alloc_at{A}(c, j) && ends_at{A}(c, j)) ==>
      \forall integer j; next_alloc_at{B}(c, j); }
  axiomatic MergePrevCoal { predicate by_mp_coal = \true;
    lemma mp_coal{A,B}: \forall core_heap *c, integer p, i, e;
      by_coal_in && by_ends_in && by_mp_coal_all && by_coal_back &&
      merged_prev{A,B}(c, p, i, e) && coalesced{A}(c) && tiles{A}(c) ==> coalesced{B}(c); }

  // ---- previous bits: j is p, another old block ending at e (impossible: only
  //      i did), or any other ----

  axiomatic MergePrevPrevSelf { predicate by_mp_prev_self = \true;
    lemma mp_prev_self{A,B}: \forall core_heap *c, integer p, i, e, j;
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) && j == p ==> next_knows_at{B}(c, j); }
  axiomatic MergePrevPrevGone { predicate by_mp_prev_gone = \true;
    lemma mp_prev_gone{A,B}: \forall core_heap *c, integer p, i, e, j;
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) && j == i ==>
      next_knows_at{B}(c, j); }
  axiomatic MergePrevPrevOther { predicate by_mp_prev_other = \true;
    lemma mp_prev_other{A,B}: \forall core_heap *c, integer p, i, e, j;
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) && j != p && j != i && next_of{A}(c, j) != e &&
      next_knows_at{A}(c, j) && ends_at{A}(c, j) ==> next_knows_at{B}(c, j); }
  axiomatic MergePrevPrevAt { predicate by_mp_prev_at = \true;
    lemma mp_prev_at{A,B}: \forall core_heap *c, integer p, i, e, j;
      by_mp_prev_self && by_mp_prev_gone && by_mp_prev_other &&
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) &&
      next_knows_at{A}(c, j) && ends_at{A}(c, j) && ends_apart_at{A}(c, j, i) ==>
      next_knows_at{B}(c, j); }
  // (Stated per block under the quantifier, not from "every block in A": a
  // hypothesis about every block of A is never instantiated at a block named only
  // in B.  Measured: that form timed out at 30 s; this one proves in 0.1 s.)
  axiomatic MergePrevPrevAll { predicate by_mp_prev_all = \true;
    lemma mp_prev_all{A,B}: \forall core_heap *c, integer p, i, e;
      by_mp_prev_at &&
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) ==> knows_carried{A,B}(c, i); }
  // (The whole part, prev_bits, then follows by prev_back_carried.)
*/

#endif
