/*
 * tagheap — what the verified core promises: the heap invariant.
 *
 * This file holds only ACSL (logic definitions and predicates, in comments the
 * C compiler ignores).  It is included by src/core.h after the core_heap type,
 * and the function contracts on the declarations in src/core.h are written in
 * its terms.  Read this file first; specs/proof_aids.h holds the lemmas and
 * helper predicates that exist only to help the provers.
 *
 * Vocabulary: the heap is the word array c->words[0 .. n-1] and the byte map
 * c->starts[0 .. n/2-1]; a "start" is an odd word index i with starts[i / 2]
 * set; a "block" is a start before the end marker at n - 1.
 */
#ifndef TAGHEAP_SPEC_HEAP_H
#define TAGHEAP_SPEC_HEAP_H

/*@
  // The size in words that a header word h encodes (its bytes, rounded down to 16, in words).
  logic integer hdr_size(integer h) = h / SIZE_UNIT * GRANULE_WORDS;

  // The "this block is allocated" bit of a header word h.
  logic integer hdr_alloc(integer h) = h % 2;

  // The "previous block is allocated" bit of a header word h.
  logic integer hdr_prev(integer h) = h / 2 % 2;

  // The header word of a block of `size` words with the given two bits.
  logic integer hdr_make(integer size, integer prev, integer alloc) =
    size * WORD_BYTES + PREV_ALLOC_FLAG * prev + ALLOC_FLAG * alloc;

  // The words aligned_gap(i, ag, phase) skips at the front of block i: up to the
  // next payload granule g with (phase + g) % ag == 0, and if that gap is too
  // small to be a free block of its own, one more alignment step.
  logic integer aligned_gap_of(integer i, integer ag, integer phase) =
    \let m = (phase + (i + 1) / 2) % ag;
    \let g = (m == 0 ? 0 : (ag - m) * GRANULE_WORDS);
    (0 < g && g < MIN_BLOCK_WORDS) ? g + ag * GRANULE_WORDS : g;

  // The largest heap, in words, the core accepts (CORE_MAX_WORDS).
  logic integer max_words = 72057594037927936; // 2^56

  // The size in words of the block whose header is word i.
  logic integer size_of{L}(core_heap *c, integer i) = hdr_size(c->words[i]);

  // The allocated bit of the block whose header is word i.
  logic integer alloc_of{L}(core_heap *c, integer i) = hdr_alloc(c->words[i]);

  // The previous-allocated bit of the block whose header is word i.
  logic integer prev_of{L}(core_heap *c, integer i) = hdr_prev(c->words[i]);
*/

/*@
  // 1. The heap's words and start map are valid memory, of an even size within the
  //    accepted range, and separated from each other and from the heap's own state.
  predicate heap_region{L}(core_heap *c) =
    \valid(c) &&
    CORE_MIN_WORDS <= c->n <= max_words && c->n % 2 == 0 &&
    \valid(c->words + (0 .. c->n - 1)) &&
    \valid(c->starts + (0 .. c->n / 2 - 1)) &&
    \separated(c, c->words + (0 .. c->n - 1), c->starts + (0 .. c->n / 2 - 1));

  // The same, for functions that only read the heap.
  predicate heap_region_read{L}(core_heap *c) =
    \valid_read(c) &&
    CORE_MIN_WORDS <= c->n <= max_words && c->n % 2 == 0 &&
    \valid_read(c->words + (0 .. c->n - 1)) &&
    \valid_read(c->starts + (0 .. c->n / 2 - 1)) &&
    \separated(c, c->words + (0 .. c->n - 1), c->starts + (0 .. c->n / 2 - 1));

  // A block (or the end marker) starts at word i: i is an odd index of the heap
  // and the start map says so.
  predicate is_start{L}(core_heap *c, integer i) =
    1 <= i <= c->n - 1 && i % 2 == 1 && c->starts[i / 2] == 1;

  // Word i is the header of a block (a start before the end marker).
  predicate is_block{L}(core_heap *c, integer i) = is_start(c, i) && i < c->n - 1;

  // Block i is allocated / free.
  predicate is_alloc{L}(core_heap *c, integer i) = is_block(c, i) && alloc_of(c, i) == 1;
  predicate is_free{L}(core_heap *c, integer i) = is_block(c, i) && alloc_of(c, i) == 0;

  // Every byte of the start map is 0 or 1.
  predicate start_map_bytes{L}(core_heap *c) =
    \forall integer k; 0 <= k < c->n / 2 ==> c->starts[k] == 0 || c->starts[k] == 1;

  // Every byte of the start map is 0: what core_init starts from (not part of the
  // invariant).  A fresh anonymous mapping is all zero; core_clear_map makes any
  // other region so.
  predicate map_clear{L}(core_heap *c) =
    \forall integer k; 0 <= k < c->n / 2 ==> c->starts[k] == 0;

  // 2. Blocks tile the heap: a block starts at word 1, the end marker at n - 1,
  //    and every block ends, inside the heap, where the next start is.
  predicate tiles{L}(core_heap *c) =
    is_start(c, 1) && is_start(c, c->n - 1) &&
    \forall integer i; is_block(c, i) ==>
      i + size_of(c, i) <= c->n - 1 && is_start(c, i + size_of(c, i));

  // 3. No start lies strictly inside a block.
  predicate no_inner_start{L}(core_heap *c) =
    \forall integer i, j; is_block(c, i) && i < j < i + size_of(c, i) ==> !is_start(c, j);

  // 4. Every header decodes: it is size * 8 + 2 * prev + alloc with two bits and
  //    a size that is at least the minimum block.
  predicate headers_decode{L}(core_heap *c) =
    \forall integer i; is_block(c, i) ==>
      MIN_BLOCK_WORDS <= size_of(c, i) && 0 <= prev_of(c, i) <= 1 && 0 <= alloc_of(c, i) <= 1 &&
      c->words[i] == hdr_make(size_of(c, i), prev_of(c, i), alloc_of(c, i));

  // 5. Every free block's last word (its footer) holds its size in bytes.
  predicate footers{L}(core_heap *c) =
    \forall integer i; is_free(c, i) ==>
      c->words[i + size_of(c, i) - 1] == size_of(c, i) * WORD_BYTES;

  // Word k of the block whose header is word b (word 0 is the header itself).
  logic integer block_word{L}(core_heap *c, integer b, integer k) = c->words[b + k];

  // Where the block before i starts, read from the footer in word i - 1.
  logic integer prev_start{L}(core_heap *c, integer i) = i - c->words[i - 1] / WORD_BYTES;

  // 5b. The word before a block whose previous-allocated bit is 0 is the footer of
  //     that previous block: stepping back by it lands on a free block ending there.
  //     (This follows from items 2-5 and 7; stating it saves the provers an induction.)
  predicate free_prev_found{L}(core_heap *c) =
    \forall integer i; is_start(c, i) && prev_of(c, i) == 0 ==>
      is_free(c, prev_start(c, i)) && prev_start(c, i) + size_of(c, prev_start(c, i)) == i;

  // 6. No two adjacent blocks are free: the block after a free block is allocated
  //    (the end marker counts as allocated).
  predicate coalesced{L}(core_heap *c) =
    \forall integer i; is_free(c, i) ==> alloc_of(c, i + size_of(c, i)) == 1;

  // 7. Every start's previous-allocated bit equals the allocated bit of the block
  //    before it; the first block's is 1 (nothing before it can merge).
  predicate prev_bits{L}(core_heap *c) =
    prev_of(c, 1) == 1 &&
    \forall integer i; is_block(c, i) ==> prev_of(c, i + size_of(c, i)) == alloc_of(c, i);

  // The end marker is an allocated header of size 0 (its previous bit per item 7).
  predicate end_marker{L}(core_heap *c) =
    c->words[c->n - 1] == hdr_make(0, prev_of(c, c->n - 1), 1) && 0 <= prev_of(c, c->n - 1) <= 1;

  // Word j is a header that decodes: two bits, a size with no room for overflow.
  predicate header_ok{L}(core_heap *c, integer j) =
    0 <= j < c->n && 0 <= size_of(c, j) <= c->n &&
    0 <= prev_of(c, j) <= 1 && 0 <= alloc_of(c, j) <= 1 &&
    c->words[j] == hdr_make(size_of(c, j), prev_of(c, j), alloc_of(c, j));

  // Word i is the header of a well-formed block: at an odd index, decodable, at
  // least the minimum size, and ending before the end marker.  (What one block
  // needs for a mutation to be safe, without the rest of the invariant.)
  predicate block_ok{L}(core_heap *c, integer i) =
    1 <= i && i % 2 == 1 && header_ok(c, i) &&
    MIN_BLOCK_WORDS <= size_of(c, i) && i + size_of(c, i) <= c->n - 1;

  // The word before block i is the footer of a well-formed free block ending at i.
  predicate prev_footer_ok{L}(core_heap *c, integer i) =
    3 <= i && c->words[i - 1] % SIZE_UNIT == 0 &&
    MIN_BLOCK_WORDS * WORD_BYTES <= c->words[i - 1] <= (i - 1) * WORD_BYTES &&
    block_ok(c, prev_start(c, i)) && alloc_of(c, prev_start(c, i)) == 0 &&
    size_of(c, prev_start(c, i)) * WORD_BYTES == c->words[i - 1];

  // The heap invariant: every core entry point requires it and re-establishes it.
  predicate heap_inv{L}(core_heap *c) =
    heap_region(c) && start_map_bytes(c) && tiles(c) && no_inner_start(c) &&
    headers_decode(c) && footers(c) && free_prev_found(c) && coalesced(c) && prev_bits(c) && end_marker(c);
*/

#endif
