/*
 * tagheap — what the checker's walk has established, and why "OK" means the heap
 * is well-formed.
 *
 * core_check walks the blocks from word 1 to the end marker.  These predicates
 * say what it knows about the part of the heap before its frontier i, and the
 * lemmas below carry that knowledge one block further (step) and, at the end
 * marker, turn it into heap_inv (done), so that its contract can promise
 * `\result == CORE_OK <==> heap_inv(c)`: a checker that skipped a test could not
 * prove it.
 *
 * Nothing here is a promise about the heap; every lemma is proved by
 * `make prove`.  Each sits in an axiomatic with a marker predicate, as in
 * preserve.h, so that only core_check's goals see it.
 */
#ifndef TAGHEAP_SPEC_CHECK_WALK_H
#define TAGHEAP_SPEC_CHECK_WALK_H

/*@
  // Every start-map byte before the one of word i is 0 or 1.
  predicate map_walked{L}(core_heap *c, integer i) =
    \forall integer k; 0 <= k < i / 2 ==> c->starts[k] == 0 || c->starts[k] == 1;

  // Start j has passed every test of the walk whose frontier is i: its header
  // decodes to a block of at least the minimum size that ends at or before i,
  // its footer holds its size if it is free, no start lies inside it, a
  // previous bit of 0 leads back to a free block ending at j, and if it ends
  // before i, a start follows it that knows whether j is allocated and is not
  // free when j is.
  predicate checked_block{L}(core_heap *c, integer j, integer i) =
    MIN_BLOCK_WORDS <= size_of(c, j) && 0 <= prev_of(c, j) <= 1 && 0 <= alloc_of(c, j) <= 1 &&
    c->words[j] == hdr_make(size_of(c, j), prev_of(c, j), alloc_of(c, j)) &&
    j + size_of(c, j) <= i &&
    (alloc_of(c, j) == 0 ==> c->words[j + size_of(c, j) - 1] == size_of(c, j) * WORD_BYTES) &&
    (\forall integer m; j < m < j + size_of(c, j) ==> !is_start(c, m)) &&
    (prev_of(c, j) == 0 ==>
       is_start(c, prev_start(c, j)) && prev_start(c, j) < j &&
       alloc_of(c, prev_start(c, j)) == 0 && prev_start(c, j) + size_of(c, prev_start(c, j)) == j) &&
    (j + size_of(c, j) < i ==>
       is_start(c, j + size_of(c, j)) && prev_of(c, j + size_of(c, j)) == alloc_of(c, j) &&
       (alloc_of(c, j) == 0 ==> alloc_of(c, j + size_of(c, j)) == 1));

  // Every start before word i has passed the walk's tests.
  predicate blocks_walked{L}(core_heap *c, integer i) =
    \forall integer j; is_start(c, j) && j < i ==> checked_block(c, j, i);

  // Block i, at the frontier, has passed the tests the checker makes before it
  // steps over it; `last` is the block before it (when i is not the first).
  predicate frontier_ok{L}(core_heap *c, integer i, integer last) =
    is_start(c, i) && i < c->n - 1 &&
    MIN_BLOCK_WORDS <= size_of(c, i) && i + size_of(c, i) <= c->n - 1 &&
    0 <= prev_of(c, i) <= 1 && 0 <= alloc_of(c, i) <= 1 &&
    c->words[i] == hdr_make(size_of(c, i), prev_of(c, i), alloc_of(c, i)) &&
    (alloc_of(c, i) == 0 ==>
       c->words[i + size_of(c, i) - 1] == size_of(c, i) * WORD_BYTES && prev_of(c, i) == 1) &&
    (\forall integer k; i / 2 + 1 <= k < (i + size_of(c, i)) / 2 ==> c->starts[k] == 0) &&
    (i == 1 ==> prev_of(c, i) == 1) &&
    (i != 1 ==> is_start(c, last) && last < i && last + size_of(c, last) == i &&
                prev_of(c, i) == alloc_of(c, last));

  // ---- one step of the walk ----

  axiomatic WalkMapStep { predicate by_walk_map_step = \true;
    lemma walk_map_step{L}: \forall core_heap *c, integer i, s;
      1 <= i && i % 2 == 1 && 0 < s && s % 2 == 0 &&
      map_walked(c, i) && c->starts[i / 2] == 1 &&
      (\forall integer k; i / 2 + 1 <= k < (i + s) / 2 ==> c->starts[k] == 0) ==>
      map_walked(c, i + s); }

  // A clear interior holds no start.
  axiomatic WalkNewInner { predicate by_walk_new_inner = \true;
    lemma walk_new_inner{L}: \forall core_heap *c, integer i, s, m;
      1 <= i && i % 2 == 1 && 0 < s && s % 2 == 0 &&
      (\forall integer k; i / 2 + 1 <= k < (i + s) / 2 ==> c->starts[k] == 0) &&
      i < m < i + s ==> !is_start(c, m); }

  // A previous bit of 0 at the frontier leads back to `last`, which is free.
  axiomatic WalkNewFound { predicate by_walk_new_found = \true;
    lemma walk_new_found{L}: \forall core_heap *c, integer i, last;
      frontier_ok(c, i, last) && blocks_walked(c, i) && prev_of(c, i) == 0 ==>
      prev_start(c, i) == last && alloc_of(c, last) == 0; }

  // The block at the frontier passes as a walked block.
  axiomatic WalkNewBlock { predicate by_walk_new_block = \true;
    lemma walk_new_block{L}: \forall core_heap *c, integer i, last;
      by_walk_new_inner && by_walk_new_found &&
      frontier_ok(c, i, last) && blocks_walked(c, i) ==>
      checked_block(c, i, i + size_of(c, i)); }

  // Only `last` ends at the frontier: two starts cannot end at the same word.
  axiomatic WalkOnlyLast { predicate by_walk_only_last = \true;
    lemma walk_only_last{L}: \forall core_heap *c, integer i, last, j;
      blocks_walked(c, i) && is_start(c, last) && last < i && is_start(c, j) && j < i &&
      last + size_of(c, last) == i && j + size_of(c, j) == i ==> j == last; }

  // A block walked before still passes one block further on.
  axiomatic WalkOldBlock { predicate by_walk_old_block = \true;
    lemma walk_old_block{L}: \forall core_heap *c, integer i, last, j;
      by_walk_only_last &&
      frontier_ok(c, i, last) && blocks_walked(c, i) && is_start(c, j) && j < i ==>
      checked_block(c, j, i + size_of(c, i)); }

  axiomatic WalkBlocksStep { predicate by_walk_blocks_step = \true;
    lemma walk_blocks_step{L}: \forall core_heap *c, integer i, last, s;
      by_walk_new_block && by_walk_old_block &&
      frontier_ok(c, i, last) && blocks_walked(c, i) && s == size_of(c, i) ==> blocks_walked(c, i + s); }

  predicate walk_step_lemmas = by_walk_map_step && by_walk_blocks_step;

  // ---- at the end marker: each part of the invariant ----
  // (Each lemma names only the facts it needs: with all of the walk's facts at
  // once, the provers loop from one start to the next and time out.)

  // The last start-map byte is the end marker's.
  axiomatic WalkDoneMap { predicate by_walk_done_map = \true;
    lemma walk_done_map{L}: \forall core_heap *c, integer e;
      e == c->n - 1 && c->n % 2 == 0 && 2 <= c->n && map_walked(c, e) && is_start(c, e) ==>
      start_map_bytes(c); }
  axiomatic WalkDoneTiles { predicate by_walk_done_tiles = \true;
    lemma walk_done_tiles{L}: \forall core_heap *c, integer e;
      e == c->n - 1 && blocks_walked(c, e) && is_start(c, 1) && is_start(c, e) ==> tiles(c); }
  axiomatic WalkDoneInner { predicate by_walk_done_inner = \true;
    lemma walk_done_inner{L}: \forall core_heap *c, integer e;
      e == c->n - 1 && blocks_walked(c, e) ==> no_inner_start(c); }
  axiomatic WalkDoneDecode { predicate by_walk_done_decode = \true;
    lemma walk_done_decode{L}: \forall core_heap *c, integer e;
      e == c->n - 1 && blocks_walked(c, e) ==> headers_decode(c); }
  axiomatic WalkDoneFooters { predicate by_walk_done_footers = \true;
    lemma walk_done_footers{L}: \forall core_heap *c, integer e;
      e == c->n - 1 && blocks_walked(c, e) ==> footers(c); }

  // The end marker's header, read: allocated, previous bit `before`.
  axiomatic WalkDoneEndBits { predicate by_walk_done_end_bits = \true;
    lemma walk_done_end_bits{L}: \forall core_heap *c, integer e, before;
      e == c->n - 1 && 0 <= before <= 1 && c->words[e] == hdr_make(0, before, 1) ==>
      prev_of(c, e) == before && alloc_of(c, e) == 1 && end_marker(c); }

  // The block after a free block is allocated.
  axiomatic WalkDoneCoal { predicate by_walk_done_coal = \true;
    lemma walk_done_coal{L}: \forall core_heap *c, integer e;
      e == c->n - 1 && blocks_walked(c, e) && alloc_of(c, e) == 1 ==> coalesced(c); }

  // The start after a block knows whether it is allocated (`last` is the only
  // block that ends at the end marker).
  axiomatic WalkDonePrevBitAt { predicate by_walk_done_prev_bit_at = \true;
    lemma walk_done_prev_bit_at{L}: \forall core_heap *c, integer e, last, j;
      e == c->n - 1 && checked_block(c, j, e) && (j + size_of(c, j) == e ==> j == last) &&
      prev_of(c, e) == alloc_of(c, last) ==>
      prev_of(c, j + size_of(c, j)) == alloc_of(c, j); }
  axiomatic WalkDonePrevBits { predicate by_walk_done_prev_bits = \true;
    lemma walk_done_prev_bits{L}: \forall core_heap *c, integer e, last;
      e == c->n - 1 && by_walk_only_last && by_walk_done_prev_bit_at &&
      blocks_walked(c, e) && prev_of(c, 1) == 1 &&
      is_start(c, last) && last < e && last + size_of(c, last) == e &&
      prev_of(c, e) == alloc_of(c, last) ==> prev_bits(c); }

  // A previous bit of 0 leads back to a free block ending there: at the end
  // marker, that block is `last`; before it, the walk checked it.
  axiomatic WalkDoneFoundEnd { predicate by_walk_done_found_end = \true;
    lemma walk_done_found_end{L}: \forall core_heap *c, integer e, last;
      e == c->n - 1 && checked_block(c, last, e) && is_start(c, last) && last < e &&
      last + size_of(c, last) == e &&
      prev_of(c, e) == alloc_of(c, last) && prev_of(c, e) == 0 ==>
      prev_start(c, e) == last && is_free(c, last); }
  axiomatic WalkDoneFound { predicate by_walk_done_found = \true;
    lemma walk_done_found{L}: \forall core_heap *c, integer e, last;
      e == c->n - 1 && by_walk_done_found_end &&
      blocks_walked(c, e) &&
      is_start(c, last) && last < e && last + size_of(c, last) == e &&
      prev_of(c, e) == alloc_of(c, last) ==> free_prev_found(c); }

  predicate walk_done_lemmas =
    by_walk_done_map && by_walk_done_tiles && by_walk_done_inner && by_walk_done_decode &&
    by_walk_done_footers && by_walk_done_end_bits && by_walk_done_coal &&
    by_walk_done_prev_bit_at && by_walk_done_prev_bits && by_walk_done_found_end && by_walk_done_found;
*/

#endif
