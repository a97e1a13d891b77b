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
  // ---- the invariant, one block at a time ----

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

  // ---- the change ----

  // Before: block i of s words is allocated, the block before it is allocated
  // (prev bit 1) and the start after it is allocated and knows i is.
  predicate freed_alone_before{A}(core_heap *c, integer i, integer s) =
    is_alloc(c, i) && s == size_of(c, i) && MIN_BLOCK_WORDS <= s && i + s <= c->n - 1 &&
    prev_of(c, i) == 1 && is_start(c, i + s) && alloc_of(c, i + s) == 1 && prev_of(c, i + s) == 1;

  // The heap keeps its size, its starts and every block's size and end.
  predicate same_layout{A,B}(core_heap *c) =
    \at(c->n, B) == \at(c->n, A) &&
    (\forall integer j; is_start{B}(c, j) <==> is_start{A}(c, j)) &&
    (\forall integer j; is_start{A}(c, j) ==> size_of{B}(c, j) == size_of{A}(c, j)) &&
    (\forall integer j; is_start{A}(c, j) ==> next_of{B}(c, j) == next_of{A}(c, j));

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

  // The footer of every free block lies apart from the three words free_alone writes.
  axiomatic FreedAloneFootersApart { predicate by_fa_footers_apart = \true;
    lemma fa_footers_apart{L}: \forall core_heap *c, integer i, s, j;
      freed_alone_before(c, i, s) && no_inner_start(c) && headers_decode(c) && is_free(c, j) ==>
      j + size_of(c, j) - 1 != i && j + size_of(c, j) - 1 != i + s - 1 &&
      j + size_of(c, j) - 1 != i + s; }

  // ---- tiling, inner starts, headers: the layout and the headers say it all ----

  axiomatic FreedAloneTiles { predicate by_fa_tiles = \true;
    lemma fa_tiles{A,B}: \forall core_heap *c;
      same_layout{A,B}(c) && tiles{A}(c) ==> tiles{B}(c); }
  axiomatic FreedAloneInner { predicate by_fa_inner = \true;
    lemma fa_inner{A,B}: \forall core_heap *c;
      same_layout{A,B}(c) && no_inner_start{A}(c) ==> no_inner_start{B}(c); }
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

  // ---- previous bits: j is i, j ends where i ends (impossible), or neither ----

  axiomatic FreedAlonePrevSelf { predicate by_fa_prev_self = \true;
    lemma fa_prev_self{A,B}: \forall core_heap *c, integer i, s, j;
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      j == i ==> next_knows_at{B}(c, j); }
  axiomatic FreedAlonePrevBelow { predicate by_fa_prev_below = \true;
    lemma fa_prev_below{A,B}: \forall core_heap *c, integer i, s, j;
      freed_alone_before{A}(c, i, s) && j < i && next_of{A}(c, j) == i + s && is_block{A}(c, j) &&
      no_inner_at{A}(c, j, i) ==> \false; }
  axiomatic FreedAlonePrevAbove { predicate by_fa_prev_above = \true;
    lemma fa_prev_above{A,B}: \forall core_heap *c, integer i, s, j;
      freed_alone_before{A}(c, i, s) && i < j && next_of{A}(c, j) == i + s && is_block{A}(c, j) &&
      MIN_BLOCK_WORDS <= size_of{A}(c, j) && no_inner_at{A}(c, i, j) ==> \false; }
  axiomatic FreedAlonePrevFar { predicate by_fa_prev_far = \true;
    lemma fa_prev_far{A,B}: \forall core_heap *c, integer i, s, j;
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) &&
      j != i && next_of{A}(c, j) != i + s && next_knows_at{A}(c, j) && ends_at{A}(c, j) ==>
      next_knows_at{B}(c, j); }

  // ---- each block j keeps each part: the cases above, combined ----

  // (sizes of blocks: what the headers of a well-formed heap give)
  predicate min_size_at{L}(core_heap *c, integer j) =
    is_block(c, j) ==> MIN_BLOCK_WORDS <= size_of(c, j);

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
      by_fa_prev_self && by_fa_prev_below && by_fa_prev_above && by_fa_prev_far &&
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
