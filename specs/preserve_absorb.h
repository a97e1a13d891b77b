/*
 * tagheap — proof aids: an allocated block growing over the free block after it
 * (absorb_next_free, realloc growing in place) preserves the heap invariant.
 *
 * Nothing here is a promise; every lemma is proved by `make prove`.  Same
 * method and shape as specs/preserve_merge_next.h.  Allocated block i ends at
 * x, where a free block starts that ends at e; after the change x is no start,
 * i is one allocated block ending at e, and e's previous bit says so.
 */
#ifndef TAGHEAP_SPEC_PRESERVE_ABSORB_H
#define TAGHEAP_SPEC_PRESERVE_ABSORB_H

/*@
  // ---- the change ----

  // Before: block i is allocated and ends at x; block x is free and ends at e,
  // an allocated start that knows x is free.
  predicate absorb_before{A}(core_heap *c, integer i, integer x, integer e) =
    is_alloc(c, i) && next_of(c, i) == x && i + MIN_BLOCK_WORDS <= x &&
    is_free(c, x) && next_of(c, x) == e && x + MIN_BLOCK_WORDS <= e && e <= c->n - 1 &&
    is_start(c, e) && alloc_of(c, e) == 1 && prev_of(c, e) == 0;

  // The heap keeps its size; x is no start any more; every other start keeps its
  // size and end, and i now ends at e.
  predicate absorb_layout{A,B}(core_heap *c, integer i, integer x, integer e) =
    \at(c->n, B) == \at(c->n, A) &&
    (\forall integer j; is_start{B}(c, j) <==> is_start{A}(c, j) && j != x) &&
    (\forall integer j; is_start{A}(c, j) && j != i ==> size_of{B}(c, j) == size_of{A}(c, j)) &&
    (\forall integer j; is_start{A}(c, j) && j != i ==> next_of{B}(c, j) == next_of{A}(c, j)) &&
    size_of{B}(c, i) == e - i && next_of{B}(c, i) == e;

  // Allocated bits all stay; previous bits stay except e's, now 1.
  predicate absorb_bits{A,B}(core_heap *c, integer i, integer x, integer e) =
    (\forall integer j; is_start{A}(c, j) ==> alloc_of{B}(c, j) == alloc_of{A}(c, j)) &&
    (\forall integer j; is_start{A}(c, j) && j != e ==> prev_of{B}(c, j) == prev_of{A}(c, j)) &&
    prev_of{B}(c, e) == 1;

  // Headers: the same word at every start but i and e, which are re-encoded.
  predicate absorb_headers{A,B}(core_heap *c, integer i, integer x, integer e) =
    (\forall integer j; is_start{A}(c, j) && j != i && j != e ==>
       \at(c->words[j], B) == \at(c->words[j], A)) &&
    \at(c->words[i], B) == hdr_make(e - i, prev_of{A}(c, i), 1) &&
    \at(c->words[e], B) == hdr_make(size_of{A}(c, e), 1, alloc_of{A}(c, e));

  // Footers: every free block but x keeps its footer, and every start but e
  // the word before it.
  predicate absorb_footers{A,B}(core_heap *c, integer i, integer x, integer e) =
    (\forall integer j; is_free{A}(c, j) && j != x ==>
       \at(c->words[j + size_of{A}(c, j) - 1], B) == \at(c->words[j + size_of{A}(c, j) - 1], A)) &&
    (\forall integer j; is_start{A}(c, j) && j != e ==>
       \at(c->words[j - 1], B) == \at(c->words[j - 1], A));

  // What absorb_next_free's writes do, all of it.
  predicate absorbed{A,B}(core_heap *c, integer i, integer x, integer e) =
    absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
    absorb_bits{A,B}(c, i, x, e) && absorb_headers{A,B}(c, i, x, e) &&
    absorb_footers{A,B}(c, i, x, e);

  // ---- tiling: j is i, or another old block (which cannot end at x) ----

  axiomatic AbsorbEndsSelf { predicate by_an_ends_self = \true;
    lemma an_ends_self{A,B}: \forall core_heap *c, integer i, x, e, j;
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) && j == i ==>
      ends_at{B}(c, j); }
  axiomatic AbsorbEndsOther { predicate by_an_ends_other = \true;
    lemma an_ends_other{A,B}: \forall core_heap *c, integer i, x, e, j;
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) && j != i &&
      next_of{A}(c, j) != x && ends_at{A}(c, j) ==> ends_at{B}(c, j); }
  axiomatic AbsorbEndsAt { predicate by_an_ends_at = \true;
    lemma an_ends_at{A,B}: \forall core_heap *c, integer i, x, e, j;
      by_an_ends_self && by_an_ends_other && by_ends_apart_below && by_ends_apart_above &&
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      ends_at{A}(c, j) && min_size_at{A}(c, j) && no_inner_at{A}(c, j, i) && no_inner_at{A}(c, i, j) ==>
      ends_at{B}(c, j); }
  axiomatic AbsorbEnds { predicate by_an_ends = \true;
    lemma an_ends{A,B}: \forall core_heap *c, integer i, x, e;
      by_ends_in && by_min_size_in && by_inner_in && by_an_ends_at &&
      absorbed{A,B}(c, i, x, e) && tiles{A}(c) && headers_decode{A}(c) && no_inner_start{A}(c) ==>
      \forall integer j; ends_at{B}(c, j); }

  axiomatic AbsorbTiles { predicate by_an_tiles = \true;
    lemma an_tiles{A,B}: \forall core_heap *c, integer i, x, e;
      by_an_ends && by_ends_back &&
      absorbed{A,B}(c, i, x, e) && tiles{A}(c) && headers_decode{A}(c) && no_inner_start{A}(c) ==>
      tiles{B}(c); }

  // ---- no inner start: j is i (k lies in old i, is x, or lies in x), or another block ----

  axiomatic AbsorbInnerSelf { predicate by_an_inner_self = \true;
    lemma an_inner_self{A,B}: \forall core_heap *c, integer i, x, e, k;
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      no_inner_at{A}(c, i, k) && no_inner_at{A}(c, x, k) ==> no_inner_at{B}(c, i, k); }
  axiomatic AbsorbInnerOther { predicate by_an_inner_other = \true;
    lemma an_inner_other{A,B}: \forall core_heap *c, integer i, x, e, j, k;
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) && j != i &&
      no_inner_at{A}(c, j, k) ==> no_inner_at{B}(c, j, k); }
  axiomatic AbsorbInnerAt { predicate by_an_inner_at = \true;
    lemma an_inner_at{A,B}: \forall core_heap *c, integer i, x, e, j, k;
      by_an_inner_self && by_an_inner_other &&
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      no_inner_at{A}(c, i, k) && no_inner_at{A}(c, x, k) && no_inner_at{A}(c, j, k) ==>
      no_inner_at{B}(c, j, k); }
  axiomatic AbsorbInnerAll { predicate by_an_inner_all = \true;
    lemma an_inner_all{A,B}: \forall core_heap *c, integer i, x, e;
      by_an_inner_at &&
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      (\forall integer j, k; no_inner_at{A}(c, j, k)) ==> \forall integer j, k; no_inner_at{B}(c, j, k); }
  axiomatic AbsorbInner { predicate by_an_inner = \true;
    lemma an_inner{A,B}: \forall core_heap *c, integer i, x, e;
      by_inner_in && by_an_inner_all && by_inner_back &&
      absorbed{A,B}(c, i, x, e) && no_inner_start{A}(c) ==> no_inner_start{B}(c); }

  // ---- headers ----

  axiomatic AbsorbDecode { predicate by_an_decode = \true;
    lemma an_decode{A,B}: \forall core_heap *c, integer i, x, e;
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) && absorb_headers{A,B}(c, i, x, e) &&
      headers_decode{A}(c) ==> headers_decode{B}(c); }

  // ---- the end marker: e is the end marker, or it is not ----

  axiomatic AbsorbEndLast { predicate by_an_end_last = \true;
    lemma an_end_last{A,B}: \forall core_heap *c, integer i, x, e;
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) && absorb_headers{A,B}(c, i, x, e) &&
      e == \at(c->n, A) - 1 && size_of{A}(c, e) == 0 ==> end_marker{B}(c); }
  axiomatic AbsorbEndOther { predicate by_an_end_other = \true;
    lemma an_end_other{A,B}: \forall core_heap *c, integer i, x, e;
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) && absorb_headers{A,B}(c, i, x, e) &&
      e != \at(c->n, A) - 1 && is_start{A}(c, \at(c->n, A) - 1) && end_marker{A}(c) ==>
      end_marker{B}(c); }
  axiomatic AbsorbEnd { predicate by_an_end = \true;
    lemma an_end{A,B}: \forall core_heap *c, integer i, x, e;
      by_an_end_last && by_an_end_other &&
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) && absorb_headers{A,B}(c, i, x, e) &&
      (e == \at(c->n, A) - 1 ==> size_of{A}(c, e) == 0) &&
      is_start{A}(c, \at(c->n, A) - 1) && end_marker{A}(c) ==> end_marker{B}(c); }

  // ---- footers: j is i (now allocated), x (gone), or another old free block ----

  axiomatic AbsorbFooterAt { predicate by_an_footer_at = \true;
    lemma an_footer_at{A,B}: \forall core_heap *c, integer i, x, e, j;
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) && absorb_footers{A,B}(c, i, x, e) &&
      footer_at{A}(c, j) ==> footer_at{B}(c, j); }
  axiomatic AbsorbFootersAll { predicate by_an_footers_all = \true;
    lemma an_footers_all{A,B}: \forall core_heap *c, integer i, x, e;
      by_an_footer_at &&
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) && absorb_footers{A,B}(c, i, x, e) &&
      (\forall integer j; footer_at{A}(c, j)) ==> \forall integer j; footer_at{B}(c, j); }
  axiomatic AbsorbFooters { predicate by_an_footers = \true;
    lemma an_footers{A,B}: \forall core_heap *c, integer i, x, e;
      by_footer_in && by_an_footers_all && by_footers_back &&
      absorbed{A,B}(c, i, x, e) && footers{A}(c) ==> footers{B}(c); }

  // ---- previous-block footers: j is e (previous now allocated), x (gone), or another old start ----

  axiomatic AbsorbFoundEnd { predicate by_an_found_end = \true;
    lemma an_found_end{A,B}: \forall core_heap *c, integer i, x, e, j;
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) && j == e ==>
      found_at{B}(c, j); }
  axiomatic AbsorbFoundOther { predicate by_an_found_other = \true;
    lemma an_found_other{A,B}: \forall core_heap *c, integer i, x, e, j;
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) && absorb_footers{A,B}(c, i, x, e) &&
      j != e && found_at{A}(c, j) ==> found_at{B}(c, j); }
  axiomatic AbsorbFoundAt { predicate by_an_found_at = \true;
    lemma an_found_at{A,B}: \forall core_heap *c, integer i, x, e, j;
      by_an_found_end && by_an_found_other &&
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) && absorb_footers{A,B}(c, i, x, e) &&
      found_at{A}(c, j) ==> found_at{B}(c, j); }
  axiomatic AbsorbFoundAll { predicate by_an_found_all = \true;
    lemma an_found_all{A,B}: \forall core_heap *c, integer i, x, e;
      by_an_found_at &&
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) && absorb_footers{A,B}(c, i, x, e) &&
      (\forall integer j; found_at{A}(c, j)) ==> \forall integer j; found_at{B}(c, j); }
  axiomatic AbsorbFound { predicate by_an_found = \true;
    lemma an_found{A,B}: \forall core_heap *c, integer i, x, e;
      by_found_in && by_an_found_all && by_found_back &&
      absorbed{A,B}(c, i, x, e) && free_prev_found{A}(c) ==> free_prev_found{B}(c); }

  // ---- no two free neighbours: j is i (allocated), or another old free block ----

  axiomatic AbsorbCoalSelf { predicate by_an_coal_self = \true;
    lemma an_coal_self{A,B}: \forall core_heap *c, integer i, x, e, j;
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) && j == i ==> next_alloc_at{B}(c, j); }
  axiomatic AbsorbCoalOther { predicate by_an_coal_other = \true;
    lemma an_coal_other{A,B}: \forall core_heap *c, integer i, x, e, j;
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) && j != i &&
      next_alloc_at{A}(c, j) && ends_at{A}(c, j) ==> next_alloc_at{B}(c, j); }
  axiomatic AbsorbCoalAll { predicate by_an_coal_all = \true;
    lemma an_coal_all{A,B}: \forall core_heap *c, integer i, x, e;
      by_an_coal_self && by_an_coal_other &&
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) ==>
      \forall integer j; next_alloc_at{A}(c, j) && ends_at{A}(c, j) ==> next_alloc_at{B}(c, j); }
  axiomatic AbsorbCoal { predicate by_an_coal = \true;
    lemma an_coal{A,B}: \forall core_heap *c, integer i, x, e;
      by_coal_in && by_ends_in && by_an_coal_all && by_coal_back &&
      absorbed{A,B}(c, i, x, e) && coalesced{A}(c) && tiles{A}(c) ==>
      coalesced{B}(c); }

  // ---- previous bits: j is i, x (gone), or another old block, which does not
  //      end where x ends (at e) ----

  axiomatic AbsorbPrevSelf { predicate by_an_prev_self = \true;
    lemma an_prev_self{A,B}: \forall core_heap *c, integer i, x, e, j;
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) && j == i ==> next_knows_at{B}(c, j); }
  axiomatic AbsorbPrevGone { predicate by_an_prev_gone = \true;
    lemma an_prev_gone{A,B}: \forall core_heap *c, integer i, x, e, j;
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) && j == x ==>
      next_knows_at{B}(c, j); }
  axiomatic AbsorbPrevOther { predicate by_an_prev_other = \true;
    lemma an_prev_other{A,B}: \forall core_heap *c, integer i, x, e, j;
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) && j != i && j != x && next_of{A}(c, j) != e &&
      next_knows_at{A}(c, j) && ends_at{A}(c, j) ==> next_knows_at{B}(c, j); }
  axiomatic AbsorbPrevAt { predicate by_an_prev_at = \true;
    lemma an_prev_at{A,B}: \forall core_heap *c, integer i, x, e, j;
      by_an_prev_self && by_an_prev_gone && by_an_prev_other &&
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) &&
      next_knows_at{A}(c, j) && ends_at{A}(c, j) && ends_apart_at{A}(c, j, x) ==>
      next_knows_at{B}(c, j); }
  // (Per block under the quantifier, as mp_prev_all in preserve_merge_prev.h.)
  axiomatic AbsorbPrevAll { predicate by_an_prev_all = \true;
    lemma an_prev_all{A,B}: \forall core_heap *c, integer i, x, e;
      by_an_prev_at &&
      absorb_before{A}(c, i, x, e) && absorb_layout{A,B}(c, i, x, e) &&
      absorb_bits{A,B}(c, i, x, e) ==> knows_carried{A,B}(c, x); }
  // (The whole part, prev_bits, then follows by prev_back_carried.)
*/

#endif
