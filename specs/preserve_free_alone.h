/*
 * tagheap — proof aids: freeing a block between two allocated neighbours
 * (free_alone) preserves the heap invariant.
 *
 * Nothing here is a promise; every lemma is proved by `make prove`.  The change
 * is described between two states A (before) and B (after) by the predicates
 * below (DESIGN.md §4B), and each part of the invariant carries over by lemmas
 * that go one block j at a time, one case at a time, and are then combined:
 *
 *   case lemmas  --->  "block j keeps part P"  --->  "every block keeps part P".
 *
 * Two things make these provable on our toolchain (proofs/README.md, "Invariant
 * preservation: where it stands"): every lemma is stated per block and per case,
 * because the provers do not find the case split themselves; and the positions
 * a lemma reasons about are named by logic functions (next_of, prev_start), so
 * that "the block after j" is one term everywhere rather than an arithmetic
 * expression the provers would have to match up.
 *
 * Every lemma sits in an axiomatic with a marker `by_…` (see specs/preserve.h):
 * only a goal that mentions the marker sees the lemma.
 */
#ifndef TAGHEAP_SPEC_PRESERVE_FREE_ALONE_H
#define TAGHEAP_SPEC_PRESERVE_FREE_ALONE_H

/*@
  // ---- the change ----

  // Before: block i of s words is allocated, the block before it is allocated
  // (prev bit 1) and the start after it is allocated and knows i is.
  predicate freed_alone_before{A}(core_heap *c, integer i, integer s) =
    is_alloc(c, i) && s == size_of(c, i) && MIN_BLOCK_WORDS <= s && i + s <= c->n - 1 &&
    prev_of(c, i) == 1 && is_start(c, i + s) && alloc_of(c, i + s) == 1 && prev_of(c, i + s) == 1;

  // Allocated bits stay except block i's, now 0; previous bits stay except that
  // of the start after i, now 0.
  predicate freed_alone_bits{A,B}(core_heap *c, integer i, integer s) =
    (\forall integer j; is_start{A}(c, j) && j != i ==> alloc_of{B}(c, j) == alloc_of{A}(c, j)) &&
    alloc_of{B}(c, i) == 0 &&
    (\forall integer j; is_start{A}(c, j) && j != i + s ==> prev_of{B}(c, j) == prev_of{A}(c, j)) &&
    prev_of{B}(c, i + s) == 0;

  // Headers: the same word except at i and i + s, which are re-encoded.
  predicate freed_alone_headers{A,B}(core_heap *c, integer i, integer s) =
    (\forall integer j; is_start{A}(c, j) && j != i && j != i + s ==>
       \at(c->words[j], B) == \at(c->words[j], A)) &&
    \at(c->words[i], B) == hdr_make(s, prev_of{A}(c, i), 0) &&
    \at(c->words[i + s], B) == hdr_make(size_of{A}(c, i + s), 0, alloc_of{A}(c, i + s));

  // Footers: every free block keeps its footer, so does the word before every
  // start but i + s, and block i gets one that leads back to i.
  predicate freed_alone_footers{A,B}(core_heap *c, integer i, integer s) =
    (\forall integer j; is_free{A}(c, j) ==>
       \at(c->words[j + size_of{A}(c, j) - 1], B) == \at(c->words[j + size_of{A}(c, j) - 1], A)) &&
    (\forall integer j; is_start{A}(c, j) && j != i + s ==>
       \at(c->words[j - 1], B) == \at(c->words[j - 1], A)) &&
    \at(c->words[i + s - 1], B) == s * WORD_BYTES && prev_start{B}(c, i + s) == i;

  // ---- tiling, inner starts, headers: the layout and the headers say it all ----

  axiomatic FreedAloneDecode { predicate by_fa_decode = \true;
    lemma fa_decode{A,B}: \forall core_heap *c, integer i, s;
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      freed_alone_headers{A,B}(c, i, s) && headers_decode{A}(c) ==> headers_decode{B}(c); }

  // ---- the end marker: i + s is the end marker, or it is not ----

  axiomatic FreedAloneEndLast { predicate by_fa_end_last = \true;
    lemma fa_end_last{A,B}: \forall core_heap *c, integer i, s;
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      freed_alone_headers{A,B}(c, i, s) &&
      i + s == \at(c->n, A) - 1 && size_of{A}(c, i + s) == 0 ==> end_marker{B}(c); }
  axiomatic FreedAloneEndOther { predicate by_fa_end_other = \true;
    lemma fa_end_other{A,B}: \forall core_heap *c, integer i, s;
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      freed_alone_headers{A,B}(c, i, s) &&
      i + s != \at(c->n, A) - 1 && is_start{A}(c, \at(c->n, A) - 1) && end_marker{A}(c) ==>
      end_marker{B}(c); }

  // ---- footers ----

  axiomatic FreedAloneFooterAt { predicate by_fa_footer_at = \true;
    lemma fa_footer_at{A,B}: \forall core_heap *c, integer i, s, j;
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      freed_alone_footers{A,B}(c, i, s) && footer_at{A}(c, j) ==> footer_at{B}(c, j); }

  // ---- previous-block footers: j is the start after i, or it is not ----

  axiomatic FreedAloneFoundNext { predicate by_fa_found_next = \true;
    lemma fa_found_next{A,B}: \forall core_heap *c, integer i, s, j;
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      freed_alone_footers{A,B}(c, i, s) && j == next_of{A}(c, i) ==> found_at{B}(c, j); }
  axiomatic FreedAloneFoundOther { predicate by_fa_found_other = \true;
    lemma fa_found_other{A,B}: \forall core_heap *c, integer i, s, j;
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      freed_alone_footers{A,B}(c, i, s) && j != next_of{A}(c, i) && found_at{A}(c, j) ==>
      found_at{B}(c, j); }

  // ---- no two free neighbours: j is i, j ends at i, or neither ----

  axiomatic FreedAloneCoalSelf { predicate by_fa_coal_self = \true;
    lemma fa_coal_self{A,B}: \forall core_heap *c, integer i, s, j;
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      j == i ==> next_alloc_at{B}(c, j); }
  axiomatic FreedAloneCoalBefore { predicate by_fa_coal_before = \true;
    lemma fa_coal_before{A,B}: \forall core_heap *c, integer i, s, j;
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      j != i && next_of{A}(c, j) == i && next_knows_at{A}(c, j) ==> next_alloc_at{B}(c, j); }
  axiomatic FreedAloneCoalFar { predicate by_fa_coal_far = \true;
    lemma fa_coal_far{A,B}: \forall core_heap *c, integer i, s, j;
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      j != i && next_of{A}(c, j) != i && next_alloc_at{A}(c, j) && ends_at{A}(c, j) ==>
      next_alloc_at{B}(c, j); }

  // ---- previous bits: j is i, j ends where i ends (impossible: specs/preserve.h), or neither ----

  axiomatic FreedAlonePrevSelf { predicate by_fa_prev_self = \true;
    lemma fa_prev_self{A,B}: \forall core_heap *c, integer i, s, j;
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      j == i ==> next_knows_at{B}(c, j); }
  axiomatic FreedAlonePrevFar { predicate by_fa_prev_far = \true;
    lemma fa_prev_far{A,B}: \forall core_heap *c, integer i, s, j;
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      j != i && next_of{A}(c, j) != i + s && next_knows_at{A}(c, j) && ends_at{A}(c, j) ==>
      next_knows_at{B}(c, j); }

  // ---- each block j keeps each part: the cases above, combined ----

  axiomatic FreedAloneEnd { predicate by_fa_end = \true;
    lemma fa_end{A,B}: \forall core_heap *c, integer i, s;
      by_fa_end_last && by_fa_end_other &&
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      freed_alone_headers{A,B}(c, i, s) && (i + s == \at(c->n, A) - 1 ==> size_of{A}(c, i + s) == 0) &&
      is_start{A}(c, \at(c->n, A) - 1) && end_marker{A}(c) ==> end_marker{B}(c); }
  axiomatic FreedAloneFoundAt { predicate by_fa_found_at = \true;
    lemma fa_found_at{A,B}: \forall core_heap *c, integer i, s, j;
      by_fa_found_next && by_fa_found_other &&
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      freed_alone_footers{A,B}(c, i, s) && found_at{A}(c, j) ==> found_at{B}(c, j); }
  axiomatic FreedAloneCoalAt { predicate by_fa_coal_at = \true;
    lemma fa_coal_at{A,B}: \forall core_heap *c, integer i, s, j;
      by_fa_coal_self && by_fa_coal_before && by_fa_coal_far &&
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      next_alloc_at{A}(c, j) && next_knows_at{A}(c, j) && ends_at{A}(c, j) ==> next_alloc_at{B}(c, j); }
  axiomatic FreedAlonePrevAt { predicate by_fa_prev_at = \true;
    lemma fa_prev_at{A,B}: \forall core_heap *c, integer i, s, j;
      by_fa_prev_self && by_ends_apart_below && by_ends_apart_above && by_fa_prev_far &&
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      next_knows_at{A}(c, j) && ends_at{A}(c, j) && min_size_at{A}(c, j) &&
      no_inner_at{A}(c, j, i) && no_inner_at{A}(c, i, j) ==> next_knows_at{B}(c, j); }

  // ---- every block keeps each part ----

  axiomatic FreedAloneFootersAll { predicate by_fa_footers_all = \true;
    lemma fa_footers_all{A,B}: \forall core_heap *c, integer i, s;
      by_fa_footer_at &&
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      freed_alone_footers{A,B}(c, i, s) && (\forall integer j; footer_at{A}(c, j)) ==>
      \forall integer j; footer_at{B}(c, j); }
  axiomatic FreedAloneFoundAll { predicate by_fa_found_all = \true;
    lemma fa_found_all{A,B}: \forall core_heap *c, integer i, s;
      by_fa_found_at &&
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      freed_alone_footers{A,B}(c, i, s) && (\forall integer j; found_at{A}(c, j)) ==>
      \forall integer j; found_at{B}(c, j); }
  axiomatic FreedAloneCoalAll { predicate by_fa_coal_all = \true;
    lemma fa_coal_all{A,B}: \forall core_heap *c, integer i, s;
      by_fa_coal_at &&
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      (\forall integer j; next_alloc_at{A}(c, j) && next_knows_at{A}(c, j) && ends_at{A}(c, j)) ==>
      \forall integer j; next_alloc_at{B}(c, j); }
  axiomatic FreedAlonePrevAll { predicate by_fa_prev_all = \true;
    lemma fa_prev_all{A,B}: \forall core_heap *c, integer i, s;
      by_fa_prev_at &&
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      (\forall integer j; next_knows_at{A}(c, j) && ends_at{A}(c, j) && min_size_at{A}(c, j)) &&
      (\forall integer j, k; no_inner_at{A}(c, j, k)) ==>
      \forall integer j; next_knows_at{B}(c, j); }

  // ---- each part of the invariant, whole ----

  // What free_alone's writes do, all of it.
  predicate freed_alone{A,B}(core_heap *c, integer i, integer s) =
    freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
    freed_alone_headers{A,B}(c, i, s) && freed_alone_footers{A,B}(c, i, s);

  axiomatic FreedAloneFooters { predicate by_fa_footers = \true;
    lemma fa_footers{A,B}: \forall core_heap *c, integer i, s;
      by_footer_in && by_fa_footers_all && by_footers_back &&
      freed_alone{A,B}(c, i, s) && footers{A}(c) ==> footers{B}(c); }
  axiomatic FreedAloneFound { predicate by_fa_found = \true;
    lemma fa_found{A,B}: \forall core_heap *c, integer i, s;
      by_found_in && by_fa_found_all && by_found_back &&
      freed_alone{A,B}(c, i, s) && free_prev_found{A}(c) ==> free_prev_found{B}(c); }
  axiomatic FreedAloneCoal { predicate by_fa_coal = \true;
    lemma fa_coal{A,B}: \forall core_heap *c, integer i, s;
      by_coal_in && by_prev_in && by_ends_in && by_fa_coal_all && by_coal_back &&
      freed_alone{A,B}(c, i, s) && coalesced{A}(c) && prev_bits{A}(c) && tiles{A}(c) ==>
      coalesced{B}(c); }
  axiomatic FreedAlonePrev { predicate by_fa_prev = \true;
    lemma fa_prev{A,B}: \forall core_heap *c, integer i, s;
      by_prev_in && by_ends_in && by_min_size_in && by_inner_in && by_fa_prev_all && by_prev_back &&
      freed_alone{A,B}(c, i, s) && prev_bits{A}(c) && tiles{A}(c) && headers_decode{A}(c) &&
      no_inner_start{A}(c) && prev_of{B}(c, 1) == 1 ==> prev_bits{B}(c); }
*/

#endif
