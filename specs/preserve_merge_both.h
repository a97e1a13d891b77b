/*
 * tagheap — proof aids: freeing a block and merging it with the free blocks on
 * both sides (free_merge_both) preserves the heap invariant.
 *
 * Nothing here is a promise; every lemma is proved by `make prove`.  Same
 * method as specs/preserve_free_alone.h, vocabulary from specs/preserve.h.
 * Free block p ends at i, where an allocated block starts that ends at x, where
 * a free block starts that ends at e, an allocated start; after the change
 * neither i nor x is a start and p is one free block ending at e.  No previous
 * bit changes: e's was 0 (after free x) and stays 0 (after free p).
 */
#ifndef TAGHEAP_SPEC_PRESERVE_MERGE_BOTH_H
#define TAGHEAP_SPEC_PRESERVE_MERGE_BOTH_H

/*@
  // ---- the change ----

  // Before: free block p ends at i; allocated block i ends at x; free block x
  // ends at e, an allocated start that knows x is free.
  predicate merge_both_before{A}(core_heap *c, integer p, integer i, integer x, integer e) =
    is_free(c, p) && next_of(c, p) == i && p + MIN_BLOCK_WORDS <= i &&
    is_alloc(c, i) && prev_of(c, i) == 0 && next_of(c, i) == x && i + MIN_BLOCK_WORDS <= x &&
    is_free(c, x) && next_of(c, x) == e && x + MIN_BLOCK_WORDS <= e &&
    e <= c->n - 1 && is_start(c, e) && alloc_of(c, e) == 1 && prev_of(c, e) == 0;

  // The heap keeps its size; i and x are no starts any more; every other start
  // keeps its size and end, and p now ends at e.
  predicate merge_both_layout{A,B}(core_heap *c, integer p, integer i, integer x, integer e) =
    \at(c->n, B) == \at(c->n, A) &&
    (\forall integer j; is_start{B}(c, j) <==> is_start{A}(c, j) && j != i && j != x) &&
    (\forall integer j; is_start{A}(c, j) && j != p ==> size_of{B}(c, j) == size_of{A}(c, j)) &&
    (\forall integer j; is_start{A}(c, j) && j != p ==> next_of{B}(c, j) == next_of{A}(c, j)) &&
    size_of{B}(c, p) == e - p && next_of{B}(c, p) == e;

  // Both bits of every old start stay (only p's header is rewritten, with its
  // own bits).
  predicate merge_both_bits{A,B}(core_heap *c, integer p, integer i, integer x, integer e) =
    (\forall integer j; is_start{A}(c, j) ==> alloc_of{B}(c, j) == alloc_of{A}(c, j)) &&
    (\forall integer j; is_start{A}(c, j) ==> prev_of{B}(c, j) == prev_of{A}(c, j));

  // Headers: the same word at every start but p, which encodes the merged block.
  predicate merge_both_headers{A,B}(core_heap *c, integer p, integer i, integer x, integer e) =
    (\forall integer j; is_start{A}(c, j) && j != p ==> \at(c->words[j], B) == \at(c->words[j], A)) &&
    \at(c->words[p], B) == hdr_make(e - p, prev_of{A}(c, p), 0);

  // Footers: every free block but p and x keeps its footer, so does the word
  // before every start but e; p gets its footer (word e - 1), found from e.
  predicate merge_both_footers{A,B}(core_heap *c, integer p, integer i, integer x, integer e) =
    (\forall integer j; is_free{A}(c, j) && j != p && j != x ==>
       \at(c->words[j + size_of{A}(c, j) - 1], B) == \at(c->words[j + size_of{A}(c, j) - 1], A)) &&
    (\forall integer j; is_start{A}(c, j) && j != e ==>
       \at(c->words[j - 1], B) == \at(c->words[j - 1], A)) &&
    \at(c->words[e - 1], B) == (e - p) * WORD_BYTES && prev_start{B}(c, e) == p;

  // What free_merge_both's writes do, all of it.
  predicate merged_both{A,B}(core_heap *c, integer p, integer i, integer x, integer e) =
    merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
    merge_both_bits{A,B}(c, p, i, x, e) && merge_both_headers{A,B}(c, p, i, x, e) &&
    merge_both_footers{A,B}(c, p, i, x, e);

  // ---- tiling: j is p, is gone (i, x), or another old block, which ends
  //      neither where p ends (i) nor where i ends (x) ----

  axiomatic MergeBothEndsSelf { predicate by_mb_ends_self = \true;
    lemma mb_ends_self{A,B}: \forall core_heap *c, integer p, i, x, e, j;
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) && j == p ==>
      ends_at{B}(c, j); }
  axiomatic MergeBothEndsOther { predicate by_mb_ends_other = \true;
    lemma mb_ends_other{A,B}: \forall core_heap *c, integer p, i, x, e, j;
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) && j != p &&
      next_of{A}(c, j) != i && next_of{A}(c, j) != x && ends_at{A}(c, j) ==> ends_at{B}(c, j); }
  axiomatic MergeBothEndsAt { predicate by_mb_ends_at = \true;
    lemma mb_ends_at{A,B}: \forall core_heap *c, integer p, i, x, e, j;
      by_mb_ends_self && by_mb_ends_other && by_ends_apart_below && by_ends_apart_above &&
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      ends_at{A}(c, j) && min_size_at{A}(c, j) &&
      no_inner_at{A}(c, j, p) && no_inner_at{A}(c, p, j) &&
      no_inner_at{A}(c, j, i) && no_inner_at{A}(c, i, j) ==>
      ends_at{B}(c, j); }
  axiomatic MergeBothEnds { predicate by_mb_ends = \true;
    lemma mb_ends{A,B}: \forall core_heap *c, integer p, i, x, e;
      by_ends_in && by_min_size_in && by_inner_in && by_mb_ends_at &&
      merged_both{A,B}(c, p, i, x, e) && tiles{A}(c) && headers_decode{A}(c) && no_inner_start{A}(c) ==>
      \forall integer j; ends_at{B}(c, j); }

  // ---- no inner start: j is p (k lies in old p, i or x, or is i or x), or
  //      another block ----

  axiomatic MergeBothInnerSelf { predicate by_mb_inner_self = \true;
    lemma mb_inner_self{A,B}: \forall core_heap *c, integer p, i, x, e, k;
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      no_inner_at{A}(c, p, k) && no_inner_at{A}(c, i, k) && no_inner_at{A}(c, x, k) ==>
      no_inner_at{B}(c, p, k); }
  axiomatic MergeBothInnerOther { predicate by_mb_inner_other = \true;
    lemma mb_inner_other{A,B}: \forall core_heap *c, integer p, i, x, e, j, k;
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) && j != p &&
      no_inner_at{A}(c, j, k) ==> no_inner_at{B}(c, j, k); }
  axiomatic MergeBothInnerAt { predicate by_mb_inner_at = \true;
    lemma mb_inner_at{A,B}: \forall core_heap *c, integer p, i, x, e, j, k;
      by_mb_inner_self && by_mb_inner_other &&
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      no_inner_at{A}(c, p, k) && no_inner_at{A}(c, i, k) && no_inner_at{A}(c, x, k) &&
      no_inner_at{A}(c, j, k) ==> no_inner_at{B}(c, j, k); }
  axiomatic MergeBothInnerAll { predicate by_mb_inner_all = \true;
    lemma mb_inner_all{A,B}: \forall core_heap *c, integer p, i, x, e;
      by_mb_inner_at &&
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      (\forall integer j, k; no_inner_at{A}(c, j, k)) ==> \forall integer j, k; no_inner_at{B}(c, j, k); }
  axiomatic MergeBothInner { predicate by_mb_inner = \true;
    lemma mb_inner{A,B}: \forall core_heap *c, integer p, i, x, e;
      by_inner_in && by_mb_inner_all && by_inner_back &&
      merged_both{A,B}(c, p, i, x, e) && no_inner_start{A}(c) ==> no_inner_start{B}(c); }

  // ---- headers and the end marker (whose word is not written) ----

  axiomatic MergeBothDecode { predicate by_mb_decode = \true;
    lemma mb_decode{A,B}: \forall core_heap *c, integer p, i, x, e;
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      merge_both_bits{A,B}(c, p, i, x, e) && merge_both_headers{A,B}(c, p, i, x, e) &&
      headers_decode{A}(c) ==> headers_decode{B}(c); }
  axiomatic MergeBothEnd { predicate by_mb_end = \true;
    lemma mb_end{A,B}: \forall core_heap *c, integer p, i, x, e;
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      merge_both_bits{A,B}(c, p, i, x, e) && merge_both_headers{A,B}(c, p, i, x, e) &&
      is_start{A}(c, \at(c->n, A) - 1) && end_marker{A}(c) ==> end_marker{B}(c); }

  // ---- footers: j is p (given), or another old free block ----

  axiomatic MergeBothFooterAt { predicate by_mb_footer_at = \true;
    lemma mb_footer_at{A,B}: \forall core_heap *c, integer p, i, x, e, j;
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      merge_both_bits{A,B}(c, p, i, x, e) && merge_both_footers{A,B}(c, p, i, x, e) &&
      footer_at{A}(c, j) ==> footer_at{B}(c, j); }
  axiomatic MergeBothFootersAll { predicate by_mb_footers_all = \true;
    lemma mb_footers_all{A,B}: \forall core_heap *c, integer p, i, x, e;
      by_mb_footer_at &&
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      merge_both_bits{A,B}(c, p, i, x, e) && merge_both_footers{A,B}(c, p, i, x, e) &&
      (\forall integer j; footer_at{A}(c, j)) ==> \forall integer j; footer_at{B}(c, j); }
  axiomatic MergeBothFooters { predicate by_mb_footers = \true;
    lemma mb_footers{A,B}: \forall core_heap *c, integer p, i, x, e;
      by_footer_in && by_mb_footers_all && by_footers_back &&
      merged_both{A,B}(c, p, i, x, e) && footers{A}(c) ==> footers{B}(c); }

  // ---- previous-block footers: j is e, or another old start ----

  axiomatic MergeBothFoundEnd { predicate by_mb_found_end = \true;
    lemma mb_found_end{A,B}: \forall core_heap *c, integer p, i, x, e, j;
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      merge_both_bits{A,B}(c, p, i, x, e) && merge_both_footers{A,B}(c, p, i, x, e) && j == e ==>
      found_at{B}(c, j); }
  // (A start other than e that found its free predecessor q before finds it
  // again: q is neither p nor x, which end at i and e, nor i, which was allocated.)
  axiomatic MergeBothFoundPrev { predicate by_mb_found_prev = \true;
    lemma mb_found_prev{A,B}: \forall core_heap *c, integer p, i, x, e, j;
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      merge_both_bits{A,B}(c, p, i, x, e) && merge_both_footers{A,B}(c, p, i, x, e) &&
      j != e && found_at{A}(c, j) && is_start{B}(c, j) && prev_of{B}(c, j) == 0 ==>
      prev_start{B}(c, j) == prev_start{A}(c, j) &&
      prev_start{A}(c, j) != p && prev_start{A}(c, j) != x && prev_start{A}(c, j) != i; }
  axiomatic MergeBothFoundOther { predicate by_mb_found_other = \true;
    lemma mb_found_other{A,B}: \forall core_heap *c, integer p, i, x, e, j;
      by_mb_found_prev &&
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      merge_both_bits{A,B}(c, p, i, x, e) && merge_both_footers{A,B}(c, p, i, x, e) &&
      j != e && found_at{A}(c, j) ==> found_at{B}(c, j); }
  axiomatic MergeBothFoundAt { predicate by_mb_found_at = \true;
    lemma mb_found_at{A,B}: \forall core_heap *c, integer p, i, x, e, j;
      by_mb_found_end && by_mb_found_other &&
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      merge_both_bits{A,B}(c, p, i, x, e) && merge_both_footers{A,B}(c, p, i, x, e) &&
      found_at{A}(c, j) ==> found_at{B}(c, j); }
  axiomatic MergeBothFoundAll { predicate by_mb_found_all = \true;
    lemma mb_found_all{A,B}: \forall core_heap *c, integer p, i, x, e;
      by_mb_found_at &&
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      merge_both_bits{A,B}(c, p, i, x, e) && merge_both_footers{A,B}(c, p, i, x, e) &&
      (\forall integer j; found_at{A}(c, j)) ==> \forall integer j; found_at{B}(c, j); }
  axiomatic MergeBothFound { predicate by_mb_found = \true;
    lemma mb_found{A,B}: \forall core_heap *c, integer p, i, x, e;
      by_found_in && by_mb_found_all && by_found_back &&
      merged_both{A,B}(c, p, i, x, e) && free_prev_found{A}(c) ==> free_prev_found{B}(c); }

  // ---- no two free neighbours: j is p, or another old free block ----

  axiomatic MergeBothCoalSelf { predicate by_mb_coal_self = \true;
    lemma mb_coal_self{A,B}: \forall core_heap *c, integer p, i, x, e, j;
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      merge_both_bits{A,B}(c, p, i, x, e) && j == p ==> next_alloc_at{B}(c, j); }
  axiomatic MergeBothCoalOther { predicate by_mb_coal_other = \true;
    lemma mb_coal_other{A,B}: \forall core_heap *c, integer p, i, x, e, j;
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      merge_both_bits{A,B}(c, p, i, x, e) && j != p &&
      next_alloc_at{A}(c, j) && ends_at{A}(c, j) ==> next_alloc_at{B}(c, j); }
  axiomatic MergeBothCoalAt { predicate by_mb_coal_at = \true;
    lemma mb_coal_at{A,B}: \forall core_heap *c, integer p, i, x, e, j;
      by_mb_coal_self && by_mb_coal_other &&
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      merge_both_bits{A,B}(c, p, i, x, e) && next_alloc_at{A}(c, j) && ends_at{A}(c, j) ==>
      next_alloc_at{B}(c, j); }
  axiomatic MergeBothCoalAll { predicate by_mb_coal_all = \true;
    lemma mb_coal_all{A,B}: \forall core_heap *c, integer p, i, x, e;
      by_mb_coal_at &&
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      merge_both_bits{A,B}(c, p, i, x, e) &&
      (\forall integer j; next_alloc_at{A}(c, j) && ends_at{A}(c, j)) ==>
      \forall integer j; next_alloc_at{B}(c, j); }
  axiomatic MergeBothCoal { predicate by_mb_coal = \true;
    lemma mb_coal{A,B}: \forall core_heap *c, integer p, i, x, e;
      by_coal_in && by_ends_in && by_mb_coal_all && by_coal_back &&
      merged_both{A,B}(c, p, i, x, e) && coalesced{A}(c) && tiles{A}(c) ==> coalesced{B}(c); }

  // ---- previous bits: j is p (e's bit was already 0), is gone (i, x), or
  //      another old block, whose next start keeps its bit ----

  axiomatic MergeBothPrevSelf { predicate by_mb_prev_self = \true;
    lemma mb_prev_self{A,B}: \forall core_heap *c, integer p, i, x, e, j;
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      merge_both_bits{A,B}(c, p, i, x, e) && j == p ==> next_knows_at{B}(c, j); }
  axiomatic MergeBothPrevOther { predicate by_mb_prev_other = \true;
    lemma mb_prev_other{A,B}: \forall core_heap *c, integer p, i, x, e, j;
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      merge_both_bits{A,B}(c, p, i, x, e) && j != p &&
      next_knows_at{A}(c, j) && ends_at{A}(c, j) ==> next_knows_at{B}(c, j); }
  axiomatic MergeBothPrevAll { predicate by_mb_prev_all = \true;
    lemma mb_prev_all{A,B}: \forall core_heap *c, integer p, i, x, e;
      by_mb_prev_self && by_mb_prev_other &&
      merge_both_before{A}(c, p, i, x, e) && merge_both_layout{A,B}(c, p, i, x, e) &&
      merge_both_bits{A,B}(c, p, i, x, e) &&
      (\forall integer j; next_knows_at{A}(c, j) && ends_at{A}(c, j)) ==>
      \forall integer j; next_knows_at{B}(c, j); }
  axiomatic MergeBothPrev { predicate by_mb_prev = \true;
    lemma mb_prev{A,B}: \forall core_heap *c, integer p, i, x, e;
      by_prev_in && by_ends_in && by_mb_prev_all && by_prev_back &&
      merged_both{A,B}(c, p, i, x, e) && prev_bits{A}(c) && tiles{A}(c) ==> prev_bits{B}(c); }
*/

#endif
