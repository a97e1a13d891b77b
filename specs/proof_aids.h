/*
 * tagheap — proof aids: lemmas and helper predicates that exist only to help
 * the provers.  Nothing here is a promise; every lemma below is itself proved
 * by `make prove` (a lemma that failed would still be used as a fact, so the
 * proof run fails unless all of them are proved).
 */
#ifndef TAGHEAP_SPEC_PROOF_AIDS_H
#define TAGHEAP_SPEC_PROOF_AIDS_H

/*@
  // Decoding a header built by hdr_make gives back its size and bits.
  lemma hdr_roundtrip:
    \forall integer s, p, a; 0 <= s && s % 2 == 0 && 0 <= p <= 1 && 0 <= a <= 1 ==>
      hdr_size(hdr_make(s, p, a)) == s && hdr_prev(hdr_make(s, p, a)) == p &&
      hdr_alloc(hdr_make(s, p, a)) == a;


  // The state core_init leaves: one free block from word 1 to the end marker.
  predicate init_state{L}(core_heap *c) =
    heap_region(c) &&
    (\forall integer k; 0 <= k < c->n / 2 ==>
       (c->starts[k] == 1 <==> k == 0 || k == (c->n - 1) / 2)) &&
    start_map_bytes(c) &&
    c->words[1] == hdr_make(c->n - 2, 1, 0) && c->words[c->n - 2] == (c->n - 2) * WORD_BYTES &&
    c->words[c->n - 1] == hdr_make(0, 0, 1);

  // In that state the starts are exactly word 1 and the end marker ...
  predicate init_starts_only{L}(core_heap *c) =
    \forall integer j; is_start(c, j) <==> j == 1 || j == c->n - 1;
  predicate init_blocks_only{L}(core_heap *c) = \forall integer j; is_block(c, j) ==> j == 1;
  predicate init_prev_zero_only_end{L}(core_heap *c) =
    \forall integer j; is_start(c, j) && prev_of(c, j) == 0 ==> j == c->n - 1;

  lemma init_starts{L}: \forall core_heap *c; init_state(c) ==> init_starts_only(c);

  // ... whose headers decode to one free block and the end marker;
  lemma init_headers{L}:
    \forall core_heap *c; init_state(c) ==>
      size_of(c, 1) == c->n - 2 && alloc_of(c, 1) == 0 && prev_of(c, 1) == 1 &&
      size_of(c, c->n - 1) == 0 && alloc_of(c, c->n - 1) == 1 && prev_of(c, c->n - 1) == 0;

  // The facts of the two lemmas above, together.
  predicate init_decoded{L}(core_heap *c) =
    init_state(c) &&
    init_starts_only(c) &&
    size_of(c, 1) == c->n - 2 && alloc_of(c, 1) == 0 && prev_of(c, 1) == 1 &&
    size_of(c, c->n - 1) == 0 && alloc_of(c, c->n - 1) == 1 && prev_of(c, c->n - 1) == 0;

  // From them, each part of the invariant holds ...
  lemma init_blocks{L}: \forall core_heap *c; init_starts_only(c) ==> init_blocks_only(c);
  lemma init_prev_bits{L}:
    \forall core_heap *c; init_blocks_only(c) && prev_of(c, 1) == 1 &&
      prev_of(c, 1 + size_of(c, 1)) == alloc_of(c, 1) ==> prev_bits(c);
  lemma init_prev_zero_is_end{L}:
    \forall core_heap *c; init_starts_only(c) &&
      prev_of(c, 1) == 1 ==> init_prev_zero_only_end(c);
  lemma init_prev_start{L}:
    \forall core_heap *c; c->words[c->n - 2] / WORD_BYTES == c->n - 2 ==> prev_start(c, c->n - 1) == 1;
  lemma init_free_prev_found{L}:
    \forall core_heap *c;
      init_prev_zero_only_end(c) &&
      prev_start(c, c->n - 1) == 1 && is_free(c, 1) && 1 + size_of(c, 1) == c->n - 1 ==>
      free_prev_found(c);
  lemma init_coalesced{L}:
    \forall core_heap *c; init_blocks_only(c) && size_of(c, 1) == c->n - 2 &&
      alloc_of(c, c->n - 1) == 1 ==> coalesced(c);
  lemma init_tiles{L}: \forall core_heap *c; init_decoded(c) ==> tiles(c);
  lemma init_no_inner_start{L}: \forall core_heap *c; init_decoded(c) ==> no_inner_start(c);
  lemma init_headers_decode{L}: \forall core_heap *c; init_decoded(c) ==> headers_decode(c);
  lemma init_footers{L}:
    \forall core_heap *c; init_starts_only(c) &&
      size_of(c, 1) == c->n - 2 && c->words[c->n - 2] == (c->n - 2) * WORD_BYTES ==> footers(c);
  lemma init_end_marker{L}: \forall core_heap *c; init_decoded(c) ==> end_marker(c);

  // ... and so does the whole.
  lemma init_inv{L}:
    \forall core_heap *c; init_state(c) && tiles(c) && no_inner_start(c) && headers_decode(c) && footers(c) && free_prev_found(c) && coalesced(c) && prev_bits(c) && end_marker(c) ==>
      heap_inv(c);

  // The end marker counts as an allocated block.
  lemma end_is_alloc{L}:
    \forall core_heap *c; end_marker(c) ==> alloc_of(c, c->n - 1) == 1;

  // A free block has a decodable size, ends inside the heap, and has its footer.
  lemma free_block_shape{L}:
    \forall core_heap *c, integer j; headers_decode(c) && tiles(c) && footers(c) && is_free(c, j) ==>
      MIN_BLOCK_WORDS <= size_of(c, j) && j + size_of(c, j) <= c->n - 1 &&
      c->words[j + size_of(c, j) - 1] == size_of(c, j) * WORD_BYTES;

  // What follows an allocated block is a start that knows its predecessor is allocated.
  lemma after_alloc{L}:
    \forall core_heap *c, integer i; tiles(c) && headers_decode(c) && prev_bits(c) && is_alloc(c, i) ==>
      MIN_BLOCK_WORDS <= size_of(c, i) <= c->n - 1 - i && is_start(c, i + size_of(c, i)) &&
      prev_of(c, i + size_of(c, i)) == 1;

  // A free start is a block (the end marker is allocated).
  lemma free_start_is_block{L}:
    \forall core_heap *c, integer j; end_marker(c) && is_start(c, j) && alloc_of(c, j) == 0 ==>
      is_free(c, j);

  // The word before a start whose previous bit is 0 leads back to a free block ending there.
  lemma prev_of_start{L}:
    \forall core_heap *c, integer i; free_prev_found(c) && is_start(c, i) && prev_of(c, i) == 0 ==>
      is_free(c, prev_start(c, i)) && prev_start(c, i) + size_of(c, prev_start(c, i)) == i;

  // The footer of the free block p ending just before i is the word i - 1.
  lemma footer_before{L}:
    \forall core_heap *c, integer p, i; footers(c) && is_free(c, p) && p + size_of(c, p) == i ==>
      c->words[i - 1] == size_of(c, p) * WORD_BYTES;

  // A footer value of an even size of at least the minimum, behind block i.
  lemma footer_value{L}:
    \forall core_heap *c, integer i, s; headers_decode(c) && c->words[i - 1] == s * WORD_BYTES &&
      MIN_BLOCK_WORDS <= s && s % 2 == 0 && s <= i - 1 ==>
      c->words[i - 1] % SIZE_UNIT == 0 && MIN_BLOCK_WORDS * WORD_BYTES <= c->words[i - 1] <= (i - 1) * WORD_BYTES;


  // (core_check) A block of a well-formed heap has a decodable header and ends in the heap.
  lemma check_block{L}:
    \forall core_heap *c, integer i; headers_decode(c) && tiles(c) && is_block(c, i) ==>
      MIN_BLOCK_WORDS <= size_of(c, i) && i + size_of(c, i) <= c->n - 1 &&
      c->words[i] == hdr_make(size_of(c, i), prev_of(c, i), alloc_of(c, i));

  // (core_check) Map byte k stands for word 2k + 1.
  lemma odd_half: \forall integer k; 0 <= k ==> (2 * k + 1) / 2 == k;


  // (core_malloc) A block of a well-formed heap is well-formed on its own.
  lemma block_is_ok{L}:
    \forall core_heap *c, integer i; headers_decode(c) && tiles(c) && is_block(c, i) ==>
      block_ok(c, i);

  // (core_malloc) Every start's header decodes, the end marker's included.
  lemma start_header_ok{L}:
    \forall core_heap *c, integer j; headers_decode(c) && tiles(c) && end_marker(c) &&
      is_start(c, j) ==> header_ok(c, j);

  // (core_malloc) The start after a block knows whether that block is allocated.
  lemma next_start{L}:
    \forall core_heap *c, integer i; tiles(c) && prev_bits(c) && is_block(c, i) ==>
      is_start(c, i + size_of(c, i)) && prev_of(c, i + size_of(c, i)) == alloc_of(c, i);

  // (core_release) "The words inside every other allocated block are unchanged",
  // restated word by word as block_word(c, j, k): the provers do not find the
  // instance k = j + k' themselves in core_release's goal.
  axiomatic BlockWordsKept { predicate by_block_words_kept = \true;
    lemma block_words_kept{A,B}: \forall core_heap *c, integer i;
      is_alloc{A}(c, i) && \at(c->words, B) == \at(c->words, A) &&
      (\forall integer j, k; is_alloc{A}(c, j) && j != i && j < k < j + size_of{A}(c, j) ==>
         \at(c->words[k], B) == \at(c->words[k], A)) ==>
      \forall integer j, k; is_alloc{A}(c, j) && j != i && 0 < k < size_of{A}(c, j) ==>
         block_word{B}(c, j, k) == block_word{A}(c, j, k); }

*/

#endif
