/*
 * Block layer of the verified core: the header codec and every mutation of the
 * heap's tags, one function per mutation.  Each mutation takes a heap that
 * satisfies the invariant (plus the local facts its contract names) and leaves
 * one that satisfies it again; the entry points in core_alloc.c only decide
 * which mutation to apply.  See core.h for the layout.
 */
#include "core.h"

word header_make(int64_t size_words, int64_t prev_alloc, int64_t alloc)
{
    return size_words * WORD_BYTES + PREV_ALLOC_FLAG * prev_alloc + ALLOC_FLAG * alloc;
}

int64_t header_size_words(word header)
{
    return header / SIZE_UNIT * GRANULE_WORDS;
}

int64_t header_is_alloc(word header)
{
    return header % 2;
}

int64_t header_prev_alloc(word header)
{
    return header / 2 % 2;
}

int64_t block_size(const core_heap *c, int64_t i)
{
    return header_size_words(c->words[i]);
}

int64_t block_is_alloc(const core_heap *c, int64_t i)
{
    return header_is_alloc(c->words[i]);
}

int64_t block_prev_alloc(const core_heap *c, int64_t i)
{
    return header_prev_alloc(c->words[i]);
}

/* Zero the start map: for a region whose memory may hold anything. */
void core_clear_map(core_heap *c)
{
    int64_t n = c->n;
    /*@ loop invariant 0 <= k <= n / 2;
        loop invariant cleared: \forall integer m; 0 <= m < k ==> c->starts[m] == 0;
        loop assigns k, c->starts[0 .. n / 2 - 1];
        loop variant n / 2 - k;
    */
    for (int64_t k = 0; k < n / 2; k++)
        c->starts[k] = 0;
}

/* One free block spanning the heap, between the padding word and the end marker. */
void core_init(core_heap *c)
{
    int64_t n = c->n;
    c->words[0] = 0;
    c->words[1] = header_make(n - 2, 1, 0);
    c->words[n - 2] = (n - 2) * WORD_BYTES;
    c->words[n - 1] = header_make(0, 0, 1);
    c->starts[0] = 1;
    c->starts[(n - 1) / 2] = 1;
    /*@ assert map: \forall integer k; 0 <= k < n / 2 ==>
          c->starts[k] == (k == 0 || k == (n - 1) / 2 ? 1 : 0); */
    //@ assert same_n: c->n == n;
    //@ assert region: heap_region(c);
    //@ assert bytes: start_map_bytes(c);
    /*@ assert starts_iff: \forall integer k; 0 <= k < n / 2 ==>
          (c->starts[k] == 1 <==> k == 0 || k == (n - 1) / 2); */
    /*@ assert tags: c->words[1] == hdr_make(n - 2, 1, 0) && c->words[n - 2] == (n - 2) * WORD_BYTES &&
          c->words[n - 1] == hdr_make(0, 0, 1); */
    //@ assert state: init_state(c);
    //@ assert decoded: init_decoded(c);
    //@ assert blocks: init_blocks_only(c);
    //@ assert end_index: 1 + size_of(c, 1) == n - 1;
    //@ assert end_prev: prev_of(c, 1 + size_of(c, 1)) == alloc_of(c, 1);
    //@ assert coalesced: coalesced(c);
    //@ assert first: is_free(c, 1) && 1 + size_of(c, 1) == n - 1;
    //@ assert footer: c->words[n - 2] / WORD_BYTES == n - 2 && prev_start(c, n - 1) == 1;
    //@ assert prev_zero: init_prev_zero_only_end(c);
    //@ assert tiles: tiles(c);
    //@ assert no_inner_start: no_inner_start(c);
    //@ assert headers_decode: headers_decode(c);
    //@ assert footers: footers(c);
    //@ assert free_prev_found: free_prev_found(c);
    //@ assert prev_bits: prev_bits(c);
    //@ assert end_marker: end_marker(c);
}

/* Free block i becomes an allocated block of `need` words followed by a free
 * remainder.  The block after the remainder keeps "previous free". */
void split_free_block(core_heap *c, int64_t i, int64_t need)
{
    int64_t size = block_size(c, i);
    int64_t prev = block_prev_alloc(c, i);
    int64_t rest = i + need;
    //@ for keeps_invariant: assert before: split_before(c, i, rest, i + size) && block_of_size(c, i, size);
    //@ for keeps_invariant: assert footer_word: !is_start(c, i + size - 1);
    //@ for keeps_invariant: assert end_start: is_start(c, c->n - 1);
    //@ for keeps_invariant: assert first_start: is_start(c, 1);
    //@ for keeps_invariant: assert apart: by_free_apart && free_apart(c, i);
    /*@ for keeps_invariant: assert footers_outside: by_footers_outside &&
          \forall integer j; is_free(c, j) && j != i ==>
            j + size_of(c, j) - 1 < i || i + size < j + size_of(c, j) - 1; */
    c->words[i] = header_make(need, prev, 1);
    c->words[rest] = header_make(size - need, 1, 0);
    c->words[i + size - 1] = (size - need) * WORD_BYTES;
    c->starts[rest / 2] = 1;
    /*@ for keeps_invariant: assert head: size_of(c, i) == need && alloc_of(c, i) == 1 &&
          prev_of(c, i) == \at(prev_of(c, i), Pre) && next_of(c, i) == rest; */
    /*@ for keeps_invariant: assert rest_head: size_of(c, rest) == size - need && alloc_of(c, rest) == 0 &&
          prev_of(c, rest) == 1 && next_of(c, rest) == i + size; */
    //@ for keeps_invariant: assert rest_footer: footer_at(c, rest);
    //@ for keeps_invariant: assert back: prev_start(c, i + size) == rest;
    /*@ for keeps_invariant: assert same_words: \forall integer k; 0 <= k < c->n &&
          k != i && k != rest && k != i + size - 1 ==> c->words[k] == \at(c->words[k], Pre); */
    //@ for keeps_invariant: assert same_n: c->n == \at(c->n, Pre);
    /*@ for keeps_invariant: assert same_map: \forall integer k; 0 <= k < c->n / 2 && k != rest / 2 ==>
          c->starts[k] == \at(c->starts[k], Pre); */
    /*@ for keeps_invariant: assert same_starts: \forall integer j;
          is_start(c, j) <==> \at(is_start(c, j), Pre) || j == rest; */
    /*@ for keeps_invariant: assert same_sizes: \forall integer j; \at(is_start(c, j), Pre) && j != i ==>
          size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ for keeps_invariant: assert same_ends: \forall integer j; \at(is_start(c, j), Pre) && j != i ==>
          next_of(c, j) == \at(next_of(c, j), Pre); */
    //@ for keeps_invariant: assert layout: split_layout{Pre, Here}(c, i, rest, i + size);
    /*@ for keeps_invariant: assert same_allocs: \forall integer j; \at(is_start(c, j), Pre) && j != i ==>
          alloc_of(c, j) == \at(alloc_of(c, j), Pre); */
    /*@ for keeps_invariant: assert same_prevs: \forall integer j; \at(is_start(c, j), Pre) ==>
          prev_of(c, j) == \at(prev_of(c, j), Pre); */
    //@ for keeps_invariant: assert bits: split_bits{Pre, Here}(c, i, rest, i + size);
    //@ for keeps_invariant: assert headers: split_headers{Pre, Here}(c, i, rest, i + size);
    /*@ for keeps_invariant: assert same_footers: \forall integer j; \at(is_free(c, j), Pre) && j != i ==>
          c->words[j + \at(size_of(c, j), Pre) - 1] == \at(c->words[j + size_of(c, j) - 1], Pre); */
    /*@ for keeps_invariant: assert same_before_starts: \forall integer j;
          \at(is_start(c, j), Pre) && j != i + size ==> c->words[j - 1] == \at(c->words[j - 1], Pre); */
    //@ for keeps_invariant: assert footers_described: split_footers{Pre, Here}(c, i, rest, i + size);
    //@ for keeps_invariant: assert described: split{Pre, Here}(c, i, rest, i + size);
    //@ for keeps_invariant: assert region: heap_region(c) && start_map_bytes(c);
    //@ for keeps_invariant: assert first: is_start(c, 1);
    //@ for keeps_invariant: assert end: is_start(c, c->n - 1);
    //@ for keeps_invariant: assert ends: by_sp_ends && \forall integer j; ends_at(c, j);
    //@ for keeps_invariant: assert tiles: by_ends_back && tiles(c);
    //@ for keeps_invariant: assert no_inner_start: by_sp_inner && no_inner_start(c);
    //@ for keeps_invariant: assert headers_decode: by_sp_decode && headers_decode(c);
    //@ for keeps_invariant: assert footers: by_sp_footers && footers(c);
    //@ for keeps_invariant: assert free_prev_found: by_sp_found && free_prev_found(c);
    //@ for keeps_invariant: assert coalesced: by_sp_coal && coalesced(c);
    //@ for keeps_invariant: assert first_prev: prev_of(c, 1) == 1;
    //@ for keeps_invariant: assert prev_bits: by_sp_prev && prev_bits(c);
    //@ for keeps_invariant: assert end_marker: by_sp_end && end_marker(c);
    //@ for keeps_invariant: assert classes_same: c->classes == \at(c->classes, Pre);
    //@ for keeps_invariant: assert heads_values: \forall uint64_t *h, integer m; head_of(h, m) == \at(head_of(h, m), Pre);
    //@ for keeps_invariant: assert heads_same: \forall uint64_t *h; heads_kept{Pre, Here}(c, h);
    //@ for keeps_invariant: assert words_same: words_kept_but{Pre, Here}(c, i, rest, i + size - 1);
    //@ for keeps_invariant: assert lists_lemmas: by_split_lists;
    //@ for keeps_invariant: assert lists_moved_rest: \forall uint64_t *h, integer x; lists_same{Pre, Here}(c, h, x, i, x, rest);
    //@ for keeps_invariant: assert rest_at: prev_start(c, i + size) == i + need;
    //@ for keeps_invariant: assert lists_moved: \forall uint64_t *h, integer x; lists_same{Pre, Here}(c, h, x, i, x, i + need);
}

/* Free block i, too small to split, becomes allocated whole. */
void mark_allocated(core_heap *c, int64_t i)
{
    int64_t size = block_size(c, i);
    word header = c->words[i];
    word next_header = c->words[i + size];
    //@ for keeps_invariant: assert before: marked_before(c, i, size) && block_of_size(c, i, size);
    //@ for keeps_invariant: assert end_start: is_start(c, c->n - 1);
    //@ for keeps_invariant: assert end_size: i + size == c->n - 1 ==> size_of(c, i + size) == 0;
    //@ for keeps_invariant: assert next_decodes: header_ok(c, i + size) && is_start(c, i + size);
    /*@ for keeps_invariant: assert footers_apart: by_footers_apart &&
          \forall integer j; is_free(c, j) && j != i ==> j + size_of(c, j) - 1 != i &&
            j + size_of(c, j) - 1 != i + size - 1 && j + size_of(c, j) - 1 != i + size; */
    c->words[i] = header + ALLOC_FLAG;
    c->words[i + size] = next_header + PREV_ALLOC_FLAG;
    /*@ for keeps_invariant: assert head_word: \let p = \at(prev_of(c, i), Pre);
          c->words[i] == hdr_make(size, p, 1); */
    /*@ for keeps_invariant: assert head: size_of(c, i) == size && alloc_of(c, i) == 1 &&
          prev_of(c, i) == \at(prev_of(c, i), Pre); */
    /*@ for keeps_invariant: assert next_word: \let nx = i + size;
          c->words[nx] == hdr_make(\at(size_of(c, nx), Pre), 1, 1); */
    /*@ for keeps_invariant: assert next: \let nx = i + size;
          size_of(c, nx) == \at(size_of(c, nx), Pre) && alloc_of(c, nx) == 1 && prev_of(c, nx) == 1; */
    /*@ for keeps_invariant: assert same_words: \forall integer k; 0 <= k < c->n &&
          k != i && k != i + size ==> c->words[k] == \at(c->words[k], Pre); */
    //@ for keeps_invariant: assert same_n: c->n == \at(c->n, Pre);
    //@ for keeps_invariant: assert same_starts: \forall integer j; is_start(c, j) <==> \at(is_start(c, j), Pre);
    /*@ for keeps_invariant: assert same_sizes: \forall integer j; \at(is_start(c, j), Pre) ==>
          size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ for keeps_invariant: assert same_ends: \forall integer j; \at(is_start(c, j), Pre) ==>
          next_of(c, j) == \at(next_of(c, j), Pre); */
    //@ for keeps_invariant: assert layout: same_layout{Pre, Here}(c);
    /*@ for keeps_invariant: assert same_allocs: \forall integer j; \at(is_start(c, j), Pre) && j != i ==>
          alloc_of(c, j) == \at(alloc_of(c, j), Pre); */
    /*@ for keeps_invariant: assert same_prevs: \forall integer j; \at(is_start(c, j), Pre) && j != i + size ==>
          prev_of(c, j) == \at(prev_of(c, j), Pre); */
    //@ for keeps_invariant: assert bits: marked_bits{Pre, Here}(c, i, size);
    //@ for keeps_invariant: assert headers: marked_headers{Pre, Here}(c, i, size);
    /*@ for keeps_invariant: assert same_footers: \forall integer j; \at(is_free(c, j), Pre) && j != i ==>
          c->words[j + \at(size_of(c, j), Pre) - 1] == \at(c->words[j + size_of(c, j) - 1], Pre); */
    /*@ for keeps_invariant: assert same_before_starts: \forall integer j; \at(is_start(c, j), Pre) && j != i + size ==>
          c->words[j - 1] == \at(c->words[j - 1], Pre); */
    //@ for keeps_invariant: assert footers_described: marked_footers{Pre, Here}(c, i, size);
    //@ for keeps_invariant: assert described: marked{Pre, Here}(c, i, size);
    //@ for keeps_invariant: assert region: heap_region(c) && start_map_bytes(c);
    //@ for keeps_invariant: assert tiles: by_layout_tiles && tiles(c);
    //@ for keeps_invariant: assert no_inner_start: by_layout_inner && no_inner_start(c);
    //@ for keeps_invariant: assert headers_decode: by_ma_decode && headers_decode(c);
    //@ for keeps_invariant: assert footers: by_ma_footers && footers(c);
    //@ for keeps_invariant: assert free_prev_found: by_ma_found && free_prev_found(c);
    //@ for keeps_invariant: assert coalesced: by_ma_coal && coalesced(c);
    //@ for keeps_invariant: assert first_prev: prev_of(c, 1) == 1;
    //@ for keeps_invariant: assert prev_bits: by_ma_prev && prev_bits(c);
    //@ for keeps_invariant: assert end_marker: by_ma_end && end_marker(c);
    //@ for keeps_invariant: assert classes_same: c->classes == \at(c->classes, Pre);
    //@ for keeps_invariant: assert heads_values: \forall uint64_t *h, integer m; head_of(h, m) == \at(head_of(h, m), Pre);
    //@ for keeps_invariant: assert heads_same: \forall uint64_t *h; heads_kept{Pre, Here}(c, h);
    //@ for keeps_invariant: assert words_same: words_kept_but{Pre, Here}(c, i, i + size, i + size);
    //@ for keeps_invariant: assert lists_lemmas: by_marked_lists;
    //@ for keeps_invariant: assert lists_moved: \forall uint64_t *h, integer x; lists_same{Pre, Here}(c, h, x, i, x, NO_BLOCK);
}

/* Allocated block i keeps its first `keep` words; the rest becomes a second
 * allocated block, which the caller then releases (merging it as needed). */
void split_allocated_block(core_heap *c, int64_t i, int64_t keep)
{
    int64_t size = block_size(c, i);
    int64_t prev = block_prev_alloc(c, i);
    int64_t tail = i + keep;
    //@ for keeps_invariant: assert before: split_alloc_before(c, i, tail, i + size) && block_of_size(c, i, size);
    //@ for keeps_invariant: assert end_start: is_start(c, c->n - 1);
    //@ for keeps_invariant: assert first_start: is_start(c, 1);
    /*@ for keeps_invariant: assert footers_outside: by_footers_outside &&
          \forall integer j; is_free(c, j) && j != i ==>
            j + size_of(c, j) - 1 < i || i + size < j + size_of(c, j) - 1; */
    c->words[i] = header_make(keep, prev, 1);
    c->words[tail] = header_make(size - keep, 1, 1);
    c->starts[tail / 2] = 1;
    /*@ for keeps_invariant: assert head: size_of(c, i) == keep && alloc_of(c, i) == 1 &&
          prev_of(c, i) == prev && next_of(c, i) == tail; */
    /*@ for keeps_invariant: assert tail_head: size_of(c, tail) == size - keep && alloc_of(c, tail) == 1 &&
          prev_of(c, tail) == 1 && next_of(c, tail) == i + size; */
    /*@ for keeps_invariant: assert same_words: \forall integer k; 0 <= k < c->n &&
          k != i && k != tail ==> c->words[k] == \at(c->words[k], Pre); */
    //@ for keeps_invariant: assert same_n: c->n == \at(c->n, Pre);
    /*@ for keeps_invariant: assert same_map: \forall integer k; 0 <= k < c->n / 2 && k != tail / 2 ==>
          c->starts[k] == \at(c->starts[k], Pre); */
    /*@ for keeps_invariant: assert same_starts: \forall integer j;
          is_start(c, j) <==> \at(is_start(c, j), Pre) || j == tail; */
    //@ for keeps_invariant: assert first: is_start(c, 1);
    //@ for keeps_invariant: assert end_apart: tail < c->n - 1 && (c->n - 1) / 2 != tail / 2;
    //@ for keeps_invariant: assert end_map_before: \at(c->starts[(c->n - 1) / 2], Pre) == 1;
    //@ for keeps_invariant: assert end_map: c->starts[(c->n - 1) / 2] == 1;
    //@ for keeps_invariant: assert end: is_start(c, c->n - 1);
    /*@ for keeps_invariant: assert same_sizes: \forall integer j; \at(is_start(c, j), Pre) && j != i ==>
          size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ for keeps_invariant: assert same_ends: \forall integer j; \at(is_start(c, j), Pre) && j != i ==>
          next_of(c, j) == \at(next_of(c, j), Pre); */
    //@ for keeps_invariant: assert layout: split_alloc_layout{Pre, Here}(c, i, tail, i + size);
    /*@ for keeps_invariant: assert same_allocs: \forall integer j; \at(is_start(c, j), Pre) ==>
          alloc_of(c, j) == \at(alloc_of(c, j), Pre); */
    /*@ for keeps_invariant: assert same_prevs: \forall integer j; \at(is_start(c, j), Pre) ==>
          prev_of(c, j) == \at(prev_of(c, j), Pre); */
    //@ for keeps_invariant: assert bits: split_alloc_bits{Pre, Here}(c, i, tail, i + size);
    //@ for keeps_invariant: assert headers: split_alloc_headers{Pre, Here}(c, i, tail, i + size);
    /*@ for keeps_invariant: assert same_footers: \forall integer j; \at(is_free(c, j), Pre) ==>
          c->words[j + \at(size_of(c, j), Pre) - 1] == \at(c->words[j + size_of(c, j) - 1], Pre); */
    //@ for keeps_invariant: assert odd: i % 2 == 1 && tail % 2 == 1;
    /*@ for keeps_invariant: assert same_before_starts: \forall integer j;
          \at(is_start(c, j), Pre) ==> c->words[j - 1] == \at(c->words[j - 1], Pre); */
    //@ for keeps_invariant: assert footers_described: split_alloc_footers{Pre, Here}(c, i, tail, i + size);
    //@ for keeps_invariant: assert described: split_alloc{Pre, Here}(c, i, tail, i + size);
    //@ for keeps_invariant: assert region: heap_region(c) && start_map_bytes(c);
    //@ for keeps_invariant: assert first_and_end: is_start(c, 1) && is_start(c, \at(c->n, Pre) - 1);
    //@ for keeps_invariant: assert ends: by_sa_ends && \forall integer j; ends_at(c, j);
    //@ for keeps_invariant: assert tiles: by_ends_back_sized && tiles(c);
    //@ for keeps_invariant: assert no_inner_start: by_sa_inner && no_inner_start(c);
    //@ for keeps_invariant: assert headers_decode: by_sa_decode && headers_decode(c);
    //@ for keeps_invariant: assert footers: by_sa_footers && footers(c);
    //@ for keeps_invariant: assert free_prev_found: by_sa_found && free_prev_found(c);
    //@ for keeps_invariant: assert coalesced: by_sa_coal && coalesced(c);
    //@ for keeps_invariant: assert first_prev: prev_of(c, 1) == 1;
    //@ for keeps_invariant: assert prev_bits: by_sa_prev && prev_bits(c);
    //@ for keeps_invariant: assert end_marker: by_sa_end && end_marker(c);
    /*@ for keeps_invariant: assert outside_0: by_free_apart && \at(free_apart(c, i), Pre); */
    /*@ for keeps_invariant: assert outside_1: \forall integer s; s == size ==> \at(free_outside(c, i, i + s, i, i), Pre); */
    //@ for keeps_invariant: assert classes_same: c->classes == \at(c->classes, Pre);
    //@ for keeps_invariant: assert heads_values: \forall uint64_t *h, integer m; head_of(h, m) == \at(head_of(h, m), Pre);
    //@ for keeps_invariant: assert heads_same: \forall uint64_t *h; heads_kept{Pre, Here}(c, h);
    //@ for keeps_invariant: assert words_same: words_kept_but{Pre, Here}(c, i, tail, tail);
    //@ for keeps_invariant: assert sizes_same: sizes_kept_but{Pre, Here}(c, i);
    /*@ for keeps_invariant: assert free_same: \forall integer j; is_free(c, j) <==> \at(is_free(c, j), Pre); */
    //@ for keeps_invariant: assert free_kept: free_kept{Pre, Here}(c);
    /*@ for keeps_invariant: assert links_same: by_kept_links && \forall integer j;
          \at(is_free(c, j), Pre) ==>
            list_next(c, j) == \at(list_next(c, j), Pre) && list_prev(c, j) == \at(list_prev(c, j), Pre); */
    //@ for keeps_invariant: assert lists_moved: by_kept_lists && \forall uint64_t *h, integer x, y; lists_same{Pre, Here}(c, h, x, y, x, y);
}

/* Allocated block i grows over the free block after it. */
void absorb_next_free(core_heap *c, int64_t i)
{
    int64_t size = block_size(c, i);
    int64_t next = i + size;
    int64_t next_size = block_size(c, next);
    int64_t prev = block_prev_alloc(c, i);
    int64_t after = next + next_size;
    word after_header = c->words[after];
    //@ for keeps_invariant: assert next_free: is_free(c, next) && next + MIN_BLOCK_WORDS <= after;
    //@ for keeps_invariant: assert after_start: is_start(c, after) && alloc_of(c, after) == 1;
    /*@ for keeps_invariant: assert others_not_next: \forall integer j; is_alloc(c, j) ==>
          is_start(c, j) && j != next && j + 2 <= c->n; */
    /*@ for keeps_invariant: assert before: absorb_before(c, i, next, after) &&
          block_of_size(c, i, size) && block_of_size(c, next, next_size); */
    //@ for keeps_invariant: assert end_start: is_start(c, c->n - 1);
    //@ for keeps_invariant: assert apart_next: by_ends_apart_all && \forall integer j; ends_apart_at(c, j, next);
    //@ for keeps_invariant: assert knows_before: by_prev_in && by_ends_in && knows_inputs(c, next);
    //@ for keeps_invariant: assert first_start: is_start(c, 1);
    //@ for keeps_invariant: assert end_word: c->words[c->n - 1] == hdr_make(0, prev_of(c, c->n - 1), 1);
    //@ for keeps_invariant: assert end_size_zero: size_of(c, c->n - 1) == 0;
    //@ for keeps_invariant: assert end_size: after == c->n - 1 ==> size_of(c, after) == 0;
    /*@ for keeps_invariant: assert footers_outside_i: by_footers_outside &&
          \forall integer j; is_free(c, j) && j != i ==>
            j + size_of(c, j) - 1 < i || next < j + size_of(c, j) - 1; */
    /*@ for keeps_invariant: assert footers_outside_next: by_footers_outside &&
          \forall integer j; is_free(c, j) && j != next ==>
            j + size_of(c, j) - 1 < next || after < j + size_of(c, j) - 1; */
    c->words[i] = header_make(size + next_size, prev, 1);
    c->starts[next / 2] = 0;
    c->words[after] = after_header + PREV_ALLOC_FLAG;
    /*@ for keeps_invariant: assert head: size_of(c, i) == size + next_size && alloc_of(c, i) == 1 &&
          prev_of(c, i) == prev && next_of(c, i) == after; */
    /*@ for keeps_invariant: assert after_word: \let ax = next + next_size;
          c->words[ax] == hdr_make(\at(size_of(c, ax), Pre), 1, \at(alloc_of(c, ax), Pre)); */
    /*@ for keeps_invariant: assert after_head: \let ax = next + next_size;
          size_of(c, ax) == \at(size_of(c, ax), Pre) && alloc_of(c, ax) == \at(alloc_of(c, ax), Pre) &&
          prev_of(c, ax) == 1; */
    /*@ for keeps_invariant: assert same_words: \forall integer k; 0 <= k < c->n &&
          k != i && k != after ==> c->words[k] == \at(c->words[k], Pre); */
    //@ for keeps_invariant: assert same_n: c->n == \at(c->n, Pre);
    /*@ for keeps_invariant: assert same_map: \forall integer k; 0 <= k < c->n / 2 && k != next / 2 ==>
          c->starts[k] == \at(c->starts[k], Pre); */
    //@ for keeps_invariant: assert region: heap_region(c) && start_map_bytes(c);
    /*@ for keeps_invariant: assert same_starts: \forall integer j;
          is_start(c, j) <==> \at(is_start(c, j), Pre) && j != next; */
    /*@ for keeps_invariant: assert others_start: \forall integer j; \at(is_alloc(c, j), Pre) ==>
          is_start(c, j) && j < c->n - 1; */
    //@ for keeps_invariant: assert first: is_start(c, 1);
    //@ for keeps_invariant: assert end_apart: next < c->n - 1 && (c->n - 1) / 2 != next / 2;
    //@ for keeps_invariant: assert end_map_before: \at(c->starts[(c->n - 1) / 2], Pre) == 1;
    //@ for keeps_invariant: assert end_index: (c->n - 1) / 2 == \at((c->n - 1) / 2, Pre);
    //@ for keeps_invariant: assert end_map: c->starts[(c->n - 1) / 2] == 1;
    //@ for keeps_invariant: assert end: is_start(c, c->n - 1);
    /*@ for keeps_invariant: assert same_sizes: \forall integer j; \at(is_start(c, j), Pre) && j != i ==>
          size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ for keeps_invariant: assert same_ends: \forall integer j; \at(is_start(c, j), Pre) && j != i ==>
          next_of(c, j) == \at(next_of(c, j), Pre); */
    //@ for keeps_invariant: assert layout: absorb_layout{Pre, Here}(c, i, next, after);
    /*@ for keeps_invariant: assert same_allocs: \forall integer j; \at(is_start(c, j), Pre) ==>
          alloc_of(c, j) == \at(alloc_of(c, j), Pre); */
    /*@ for keeps_invariant: assert same_prevs: \forall integer j; \at(is_start(c, j), Pre) && j != after ==>
          prev_of(c, j) == \at(prev_of(c, j), Pre); */
    //@ for keeps_invariant: assert bits: absorb_bits{Pre, Here}(c, i, next, after);
    /*@ for keeps_invariant: assert others_tags: \forall integer j; \at(is_alloc(c, j), Pre) && j != i ==>
          alloc_of(c, j) == 1 && size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ for keeps_invariant: assert others_kept: \forall integer j; \at(is_alloc(c, j), Pre) && j != i ==>
          is_alloc(c, j) && size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ for keeps_invariant: assert headers_kept: \forall integer j; \at(is_start(c, j), Pre) &&
          j != i && j != after ==> c->words[j] == \at(c->words[j], Pre); */
    //@ for keeps_invariant: assert headers: absorb_headers{Pre, Here}(c, i, next, after);
    /*@ for keeps_invariant: assert same_footers: \forall integer j; \at(is_free(c, j), Pre) && j != next ==>
          c->words[j + \at(size_of(c, j), Pre) - 1] == \at(c->words[j + size_of(c, j) - 1], Pre); */
    /*@ for keeps_invariant: assert same_before_starts: \forall integer j;
          \at(is_start(c, j), Pre) && j != after ==> c->words[j - 1] == \at(c->words[j - 1], Pre); */
    //@ for keeps_invariant: assert footers_described: absorb_footers{Pre, Here}(c, i, next, after);
    //@ for keeps_invariant: assert described: absorbed{Pre, Here}(c, i, next, after);
    //@ for keeps_invariant: assert tiles: by_an_tiles && tiles(c);
    //@ for keeps_invariant: assert no_inner_start: by_an_inner && no_inner_start(c);
    //@ for keeps_invariant: assert headers_decode: by_an_decode && headers_decode(c);
    //@ for keeps_invariant: assert footers: by_an_footers && footers(c);
    //@ for keeps_invariant: assert free_prev_found: by_an_found && free_prev_found(c);
    //@ for keeps_invariant: assert coalesced: by_an_coal && coalesced(c);
    //@ for keeps_invariant: assert first_prev: prev_of(c, 1) == 1;
    //@ for keeps_invariant: assert knows: by_an_prev_all && knows_carried{Pre, Here}(c, next);
    //@ for keeps_invariant: assert prev_bits: by_prev_back_carried && prev_bits(c);
    //@ for keeps_invariant: assert end_marker: by_an_end && end_marker(c);
    /*@ for keeps_invariant: assert outside_0: by_free_apart && \at(free_apart(c, i), Pre); */
    /*@ for keeps_invariant: assert outside_1: \forall integer n; n == next ==> \at(free_apart(c, n), Pre); */
    /*@ for keeps_invariant: assert outside_2: \forall integer n, a; n == next && a == after ==> \at(free_outside(c, i, a, i, n), Pre); */
    //@ for keeps_invariant: assert classes_same: c->classes == \at(c->classes, Pre);
    //@ for keeps_invariant: assert heads_values: \forall uint64_t *h, integer m; head_of(h, m) == \at(head_of(h, m), Pre);
    //@ for keeps_invariant: assert heads_same: \forall uint64_t *h; heads_kept{Pre, Here}(c, h);
    //@ for keeps_invariant: assert words_same: words_kept_but{Pre, Here}(c, i, after, after);
    //@ for keeps_invariant: assert sizes_same: sizes_kept_but{Pre, Here}(c, i);
    /*@ for keeps_invariant: assert links_same: by_kept_links && \forall integer j;
          \at(is_free(c, j), Pre) && j != i && j != next ==>
            list_next(c, j) == \at(list_next(c, j), Pre) && list_prev(c, j) == \at(list_prev(c, j), Pre); */
    //@ for keeps_invariant: assert stamps_same: stamps_kept{Pre, Here};
    //@ for keeps_invariant: assert lists_moved: by_ab_listed && by_same_lists && \forall uint64_t *h, integer y; lists_same{Pre, Here}(c, h, y, next, y, NO_BLOCK);
    //@ for keeps_invariant: assert lists_moved_old: \forall uint64_t *h, integer y; lists_same{Pre, Here}(c, h, y, i + \at(size_of(c, i), Pre), y, NO_BLOCK);
}

/* Free allocated block i whose neighbours are both allocated.  The assertions
 * "for keeps_invariant" prove that behavior: they describe the change as
 * specs/preserve_free_alone.h does, then apply its lemmas part by part. */
void free_alone(core_heap *c, int64_t i)
{
    int64_t size = block_size(c, i);
    word header = c->words[i];
    word next_header = c->words[i + size];
    //@ for keeps_invariant: assert before: freed_alone_before(c, i, size) && block_of_size(c, i, size);
    //@ for keeps_invariant: assert footer_word: !is_start(c, i + size - 1);
    //@ for keeps_invariant: assert end_start: is_start(c, c->n - 1);
    //@ for keeps_invariant: assert end_size: i + size == c->n - 1 ==> size_of(c, i + size) == 0;
    //@ for keeps_invariant: assert next_decodes: header_ok(c, i + size) && is_start(c, i + size);
    /*@ for keeps_invariant: assert footers_apart: by_footers_apart &&
          \forall integer j; is_free(c, j) && j != i ==> j + size_of(c, j) - 1 != i &&
            j + size_of(c, j) - 1 != i + size - 1 && j + size_of(c, j) - 1 != i + size; */
    c->words[i] = header - ALLOC_FLAG;
    c->words[i + size - 1] = size * WORD_BYTES;
    c->words[i + size] = next_header - PREV_ALLOC_FLAG;
    //@ for keeps_invariant: assert head_word: c->words[i] == hdr_make(size, 1, 0);
    /*@ for keeps_invariant: assert head_decodes: hdr_size(hdr_make(size, 1, 0)) == size &&
          hdr_prev(hdr_make(size, 1, 0)) == 1 && hdr_alloc(hdr_make(size, 1, 0)) == 0; */
    //@ for keeps_invariant: assert head: size_of(c, i) == size && alloc_of(c, i) == 0 && prev_of(c, i) == 1;
    /*@ for keeps_invariant: assert next_word: \let nx = i + size;
          c->words[nx] == hdr_make(\at(size_of(c, nx), Pre), 0, 1); */
    /*@ for keeps_invariant: assert next: \let nx = i + size;
          size_of(c, nx) == \at(size_of(c, nx), Pre) && alloc_of(c, nx) == 1 && prev_of(c, nx) == 0; */
    //@ for keeps_invariant: assert back: prev_start(c, i + size) == i;
    /*@ for keeps_invariant: assert same_words: \forall integer k; 0 <= k < c->n &&
          k != i && k != i + size - 1 && k != i + size ==> c->words[k] == \at(c->words[k], Pre); */
    //@ for keeps_invariant: assert same_n: c->n == \at(c->n, Pre);
    //@ for keeps_invariant: assert same_starts: \forall integer j; is_start(c, j) <==> \at(is_start(c, j), Pre);
    /*@ for keeps_invariant: assert same_sizes: \forall integer j; \at(is_start(c, j), Pre) ==>
          size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ for keeps_invariant: assert same_ends: \forall integer j; \at(is_start(c, j), Pre) ==>
          next_of(c, j) == \at(next_of(c, j), Pre); */
    //@ for keeps_invariant: assert layout: same_layout{Pre, Here}(c);
    /*@ for keeps_invariant: assert same_allocs: \forall integer j; \at(is_start(c, j), Pre) && j != i ==>
          alloc_of(c, j) == \at(alloc_of(c, j), Pre); */
    /*@ for keeps_invariant: assert same_prevs: \forall integer j; \at(is_start(c, j), Pre) && j != i + size ==>
          prev_of(c, j) == \at(prev_of(c, j), Pre); */
    //@ for keeps_invariant: assert bits: freed_alone_bits{Pre, Here}(c, i, size);
    //@ for keeps_invariant: assert headers: freed_alone_headers{Pre, Here}(c, i, size);
    /*@ for keeps_invariant: assert same_footers: \forall integer j; \at(is_free(c, j), Pre) ==>
          c->words[j + \at(size_of(c, j), Pre) - 1] == \at(c->words[j + size_of(c, j) - 1], Pre); */
    /*@ for keeps_invariant: assert same_before_starts: \forall integer j; \at(is_start(c, j), Pre) && j != i + size ==>
          c->words[j - 1] == \at(c->words[j - 1], Pre); */
    //@ for keeps_invariant: assert footers_described: freed_alone_footers{Pre, Here}(c, i, size);
    //@ for keeps_invariant: assert described: freed_alone{Pre, Here}(c, i, size);
    //@ for keeps_invariant: assert region: heap_region(c) && start_map_bytes(c);
    //@ for keeps_invariant: assert tiles: by_layout_tiles && tiles(c);
    //@ for keeps_invariant: assert no_inner_start: by_layout_inner && no_inner_start(c);
    //@ for keeps_invariant: assert headers_decode: by_fa_decode && headers_decode(c);
    //@ for keeps_invariant: assert footers: by_fa_footers && footers(c);
    //@ for keeps_invariant: assert free_prev_found: by_fa_found && free_prev_found(c);
    //@ for keeps_invariant: assert coalesced: by_fa_coal && coalesced(c);
    //@ for keeps_invariant: assert first_prev: prev_of(c, 1) == 1;
    //@ for keeps_invariant: assert prev_bits: by_fa_prev && prev_bits(c);
    //@ for keeps_invariant: assert end_marker: by_fa_end && end_marker(c);
    //@ for keeps_invariant: assert apart: by_free_apart && \at(free_apart(c, i), Pre);
    /*@ for keeps_invariant: assert outside: \forall integer s; s == size ==>
          \at(free_outside(c, i, i + s, i, i), Pre); */
    //@ for keeps_invariant: assert classes_same: c->classes == \at(c->classes, Pre);
    //@ for keeps_invariant: assert heads_values: \forall uint64_t *h, integer m; head_of(h, m) == \at(head_of(h, m), Pre);
    //@ for keeps_invariant: assert heads_same: \forall uint64_t *h; heads_kept{Pre, Here}(c, h);
    //@ for keeps_invariant: assert words_same: words_kept_but{Pre, Here}(c, i, i + size - 1, i + size);
    //@ for keeps_invariant: assert sizes_same: sizes_kept_but{Pre, Here}(c, i);
    /*@ for keeps_invariant: assert links_same: by_kept_links && \forall integer j;
          \at(is_free(c, j), Pre) && j != i ==>
            list_next(c, j) == \at(list_next(c, j), Pre) && list_prev(c, j) == \at(list_prev(c, j), Pre); */
    //@ for keeps_invariant: assert freed_block: is_free(c, i);
    //@ for keeps_invariant: assert stamps_same: stamps_kept{Pre, Here};
    //@ for keeps_invariant: assert lists_moved: by_fa_listed && by_same_lists && \forall uint64_t *h, integer x; lists_same{Pre, Here}(c, h, x, NO_BLOCK, x, i);
}

/* Free allocated block i and merge it with the free block after it. */
void free_merge_next(core_heap *c, int64_t i)
{
    int64_t size = block_size(c, i);
    int64_t next = i + size;
    int64_t merged = size + block_size(c, next);
    int64_t prev = block_prev_alloc(c, i);
    //@ assert in_heap: i + merged <= c->n - 1;
    /*@ for keeps_invariant: assert before: merge_next_before(c, i, next, i + merged) &&
          block_of_size(c, i, size) && block_of_size(c, next, merged - size); */
    //@ for keeps_invariant: assert footer_word: !is_start(c, i + merged - 1);
    //@ for keeps_invariant: assert end_start: is_start(c, c->n - 1);
    //@ for keeps_invariant: assert first_start: is_start(c, 1);
    /*@ for keeps_invariant: assert footers_outside_i: by_footers_outside &&
          \forall integer j; is_free(c, j) && j != i ==>
            j + size_of(c, j) - 1 < i || next < j + size_of(c, j) - 1; */
    /*@ for keeps_invariant: assert footers_outside_next: by_footers_outside &&
          \forall integer j; is_free(c, j) && j != next ==>
            j + size_of(c, j) - 1 < next || i + merged < j + size_of(c, j) - 1; */
    c->words[i] = header_make(merged, prev, 0);
    c->words[i + merged - 1] = merged * WORD_BYTES;
    c->starts[next / 2] = 0;
    /*@ for keeps_invariant: assert head: size_of(c, i) == merged && alloc_of(c, i) == 0 &&
          prev_of(c, i) == 1 && next_of(c, i) == i + merged; */
    //@ for keeps_invariant: assert own_footer_word: c->words[i + merged - 1] == merged * WORD_BYTES;
    //@ for keeps_invariant: assert back: prev_start(c, i + merged) == i;
    /*@ for keeps_invariant: assert same_words: \forall integer k; 0 <= k < c->n &&
          k != i && k != i + merged - 1 ==> c->words[k] == \at(c->words[k], Pre); */
    //@ for keeps_invariant: assert same_n: c->n == \at(c->n, Pre);
    /*@ for keeps_invariant: assert same_map: \forall integer k; 0 <= k < c->n / 2 && k != next / 2 ==>
          c->starts[k] == \at(c->starts[k], Pre); */
    /*@ for keeps_invariant: assert same_starts: \forall integer j;
          is_start(c, j) <==> \at(is_start(c, j), Pre) && j != next; */
    //@ for keeps_invariant: assert freed_block: is_free(c, i);
    /*@ for keeps_invariant: assert same_sizes: \forall integer j; \at(is_start(c, j), Pre) && j != i ==>
          size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ for keeps_invariant: assert same_ends: \forall integer j; \at(is_start(c, j), Pre) && j != i ==>
          next_of(c, j) == \at(next_of(c, j), Pre); */
    //@ for keeps_invariant: assert layout: merge_next_layout{Pre, Here}(c, i, next, i + merged);
    /*@ for keeps_invariant: assert same_allocs: \forall integer j; \at(is_start(c, j), Pre) && j != i ==>
          alloc_of(c, j) == \at(alloc_of(c, j), Pre); */
    /*@ for keeps_invariant: assert same_prevs: \forall integer j; \at(is_start(c, j), Pre) ==>
          prev_of(c, j) == \at(prev_of(c, j), Pre); */
    //@ for keeps_invariant: assert bits: merge_next_bits{Pre, Here}(c, i, next, i + merged);
    //@ for keeps_invariant: assert headers: merge_next_headers{Pre, Here}(c, i, next, i + merged);
    /*@ for keeps_invariant: assert same_footers: \forall integer j; \at(is_free(c, j), Pre) && j != next ==>
          c->words[j + \at(size_of(c, j), Pre) - 1] == \at(c->words[j + size_of(c, j) - 1], Pre); */
    /*@ for keeps_invariant: assert same_before_starts: \forall integer j;
          \at(is_start(c, j), Pre) && j != i + merged ==> c->words[j - 1] == \at(c->words[j - 1], Pre); */
    //@ for keeps_invariant: assert footers_described: merge_next_footers{Pre, Here}(c, i, next, i + merged);
    //@ for keeps_invariant: assert described: merged_next{Pre, Here}(c, i, next, i + merged);
    //@ for keeps_invariant: assert region: heap_region(c) && start_map_bytes(c);
    //@ for keeps_invariant: assert first: is_start(c, 1);
    //@ for keeps_invariant: assert end: is_start(c, c->n - 1);
    //@ for keeps_invariant: assert tiles: by_mn_tiles && tiles(c);
    //@ for keeps_invariant: assert no_inner_start: by_mn_inner && no_inner_start(c);
    //@ for keeps_invariant: assert headers_decode: by_mn_decode && headers_decode(c);
    //@ for keeps_invariant: assert footers: by_mn_footers && footers(c);
    //@ for keeps_invariant: assert free_prev_found: by_mn_found && free_prev_found(c);
    //@ for keeps_invariant: assert coalesced: by_mn_coal && coalesced(c);
    //@ for keeps_invariant: assert first_prev: prev_of(c, 1) == 1;
    //@ for keeps_invariant: assert prev_bits: by_mn_prev && prev_bits(c);
    //@ for keeps_invariant: assert end_marker: by_mn_end && end_marker(c);
    //@ for keeps_invariant: assert apart: by_free_apart && \at(free_apart(c, i), Pre);
    //@ for keeps_invariant: assert apart_next: \forall integer n; n == next ==> \at(free_apart(c, n), Pre);
    /*@ for keeps_invariant: assert outside: \forall integer n, m; n == next && m == merged ==>
          \at(free_outside(c, i, i + m, i, n), Pre); */
    //@ for keeps_invariant: assert classes_same: c->classes == \at(c->classes, Pre);
    //@ for keeps_invariant: assert heads_values: \forall uint64_t *h, integer m; head_of(h, m) == \at(head_of(h, m), Pre);
    //@ for keeps_invariant: assert heads_same: \forall uint64_t *h; heads_kept{Pre, Here}(c, h);
    //@ for keeps_invariant: assert words_same: words_kept_but{Pre, Here}(c, i, i + merged - 1, i + merged - 1);
    //@ for keeps_invariant: assert sizes_same: sizes_kept_but{Pre, Here}(c, i);
    /*@ for keeps_invariant: assert links_same: by_kept_links && \forall integer j;
          \at(is_free(c, j), Pre) && j != i && j != next ==>
            list_next(c, j) == \at(list_next(c, j), Pre) && list_prev(c, j) == \at(list_prev(c, j), Pre); */
    //@ for keeps_invariant: assert stamps_same: stamps_kept{Pre, Here};
    //@ for keeps_invariant: assert lists_moved: by_mn_listed && by_same_lists && \forall uint64_t *h, integer y; lists_same{Pre, Here}(c, h, y, next, y, i);
    //@ for keeps_invariant: assert lists_moved_old: \forall uint64_t *h, integer y; lists_same{Pre, Here}(c, h, y, i + \at(size_of(c, i), Pre), y, i);
}

/* Free allocated block i and merge it into the free block before it, found
 * through that block's footer. */
void free_merge_prev(core_heap *c, int64_t i)
{
    int64_t size = block_size(c, i);
    int64_t prev_size = c->words[i - 1] / WORD_BYTES;
    int64_t prev = i - prev_size;
    int64_t merged = prev_size + size;
    int64_t prev_prev = block_prev_alloc(c, prev);
    word next_header = c->words[i + size];
    //@ assert in_heap: 1 <= prev && prev + merged <= c->n - 1;
    //@ for keeps_invariant: assert prev_named: prev == prev_start(c, i);
    /*@ for keeps_invariant: assert before: merge_prev_before(c, prev, i, i + size) &&
          block_of_size(c, prev, prev_size) && block_of_size(c, i, size); */
    //@ for keeps_invariant: assert footer_word: !is_start(c, i + size - 1);
    //@ for keeps_invariant: assert end_start: is_start(c, c->n - 1);
    //@ for keeps_invariant: assert first_start: is_start(c, 1);
    //@ for keeps_invariant: assert end_word: c->words[c->n - 1] == hdr_make(0, prev_of(c, c->n - 1), 1);
    //@ for keeps_invariant: assert end_size_zero: size_of(c, c->n - 1) == 0;
    //@ for keeps_invariant: assert end_size: i + size == c->n - 1 ==> size_of(c, i + size) == 0;
    //@ for keeps_invariant: assert next_decodes: header_ok(c, i + size) && is_start(c, i + size);
    //@ for keeps_invariant: assert prev_bit: prev_prev == prev_of(c, prev);
    //@ for keeps_invariant: assert apart_i: by_ends_apart_all && \forall integer j; ends_apart_at(c, j, i);
    //@ for keeps_invariant: assert knows_before: by_prev_in && by_ends_in && knows_inputs(c, i);
    /*@ for keeps_invariant: assert footers_outside_prev: by_footers_outside &&
          \forall integer j; is_free(c, j) && j != prev ==>
            j + size_of(c, j) - 1 < prev || i < j + size_of(c, j) - 1; */
    /*@ for keeps_invariant: assert footers_outside_i: by_footers_outside &&
          \forall integer j; is_free(c, j) && j != i ==>
            j + size_of(c, j) - 1 < i || i + size < j + size_of(c, j) - 1; */
    c->words[prev] = header_make(merged, prev_prev, 0);
    c->words[prev + merged - 1] = merged * WORD_BYTES;
    c->starts[i / 2] = 0;
    c->words[i + size] = next_header - PREV_ALLOC_FLAG;
    /*@ for keeps_invariant: assert head: size_of(c, prev) == merged && alloc_of(c, prev) == 0 &&
          prev_of(c, prev) == prev_prev && next_of(c, prev) == i + size; */
    /*@ for keeps_invariant: assert next_word: \let nx = i + size;
          c->words[nx] == hdr_make(\at(size_of(c, nx), Pre), 0, 1); */
    /*@ for keeps_invariant: assert next: \let nx = i + size;
          size_of(c, nx) == \at(size_of(c, nx), Pre) && alloc_of(c, nx) == 1 && prev_of(c, nx) == 0; */
    //@ for keeps_invariant: assert own_footer_word: c->words[i + size - 1] == merged * WORD_BYTES;
    //@ for keeps_invariant: assert footer_words: c->words[i + size - 1] / WORD_BYTES == merged;
    //@ for keeps_invariant: assert back: prev_start(c, i + size) == prev;
    /*@ for keeps_invariant: assert same_words: \forall integer k; 0 <= k < c->n &&
          k != prev && k != i + size - 1 && k != i + size ==> c->words[k] == \at(c->words[k], Pre); */
    //@ for keeps_invariant: assert same_n: c->n == \at(c->n, Pre);
    /*@ for keeps_invariant: assert same_map: \forall integer k; 0 <= k < c->n / 2 && k != i / 2 ==>
          c->starts[k] == \at(c->starts[k], Pre); */
    /*@ for keeps_invariant: assert same_starts: \forall integer j;
          is_start(c, j) <==> \at(is_start(c, j), Pre) && j != i; */
    //@ for keeps_invariant: assert freed_block: is_free(c, prev);
    /*@ for keeps_invariant: assert same_sizes: \forall integer j; \at(is_start(c, j), Pre) && j != prev ==>
          size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ for keeps_invariant: assert same_ends: \forall integer j; \at(is_start(c, j), Pre) && j != prev ==>
          next_of(c, j) == \at(next_of(c, j), Pre); */
    //@ for keeps_invariant: assert layout: merge_prev_layout{Pre, Here}(c, prev, i, i + size);
    /*@ for keeps_invariant: assert same_allocs: \forall integer j; \at(is_start(c, j), Pre) ==>
          alloc_of(c, j) == \at(alloc_of(c, j), Pre); */
    /*@ for keeps_invariant: assert same_prevs: \forall integer j; \at(is_start(c, j), Pre) && j != i + size ==>
          prev_of(c, j) == \at(prev_of(c, j), Pre); */
    //@ for keeps_invariant: assert bits: merge_prev_bits{Pre, Here}(c, prev, i, i + size);
    //@ for keeps_invariant: assert head_word: c->words[prev] == hdr_make(merged, prev_prev, 0);
    /*@ for keeps_invariant: assert headers_kept: \forall integer j; \at(is_start(c, j), Pre) &&
          j != prev && j != i + size ==> c->words[j] == \at(c->words[j], Pre); */
    //@ for keeps_invariant: assert headers: merge_prev_headers{Pre, Here}(c, prev, i, i + size);
    /*@ for keeps_invariant: assert same_footers: \forall integer j; \at(is_free(c, j), Pre) && j != prev ==>
          c->words[j + \at(size_of(c, j), Pre) - 1] == \at(c->words[j + size_of(c, j) - 1], Pre); */
    /*@ for keeps_invariant: assert same_before_starts: \forall integer j;
          \at(is_start(c, j), Pre) && j != i + size ==> c->words[j - 1] == \at(c->words[j - 1], Pre); */
    //@ for keeps_invariant: assert footers_described: merge_prev_footers{Pre, Here}(c, prev, i, i + size);
    //@ for keeps_invariant: assert described: merged_prev{Pre, Here}(c, prev, i, i + size);
    //@ for keeps_invariant: assert region: heap_region(c) && start_map_bytes(c);
    //@ for keeps_invariant: assert end_apart: i < c->n - 1 && (c->n - 1) / 2 != i / 2;
    //@ for keeps_invariant: assert end_map_before: \at(c->starts[(c->n - 1) / 2], Pre) == 1;
    //@ for keeps_invariant: assert end_index: (c->n - 1) / 2 == \at((c->n - 1) / 2, Pre);
    //@ for keeps_invariant: assert end_map: c->starts[(c->n - 1) / 2] == 1;
    //@ for keeps_invariant: assert first_and_end: is_start(c, 1) && is_start(c, \at(c->n, Pre) - 1);
    //@ for keeps_invariant: assert ends: by_mp_ends && \forall integer j; ends_at(c, j);
    //@ for keeps_invariant: assert tiles: by_ends_back_sized && tiles(c);
    //@ for keeps_invariant: assert no_inner_start: by_mp_inner && no_inner_start(c);
    //@ for keeps_invariant: assert headers_decode: by_mp_decode && headers_decode(c);
    //@ for keeps_invariant: assert footers: by_mp_footers && footers(c);
    //@ for keeps_invariant: assert free_prev_found: by_mp_found && free_prev_found(c);
    //@ for keeps_invariant: assert coalesced: by_mp_coal && coalesced(c);
    //@ for keeps_invariant: assert first_prev: prev_of(c, 1) == 1;
    //@ for keeps_invariant: assert knows: by_mp_prev_all && knows_carried{Pre, Here}(c, i);
    //@ for keeps_invariant: assert prev_bits: by_prev_back_carried && prev_bits(c);
    //@ for keeps_invariant: assert end_marker: by_mp_end && end_marker(c);
    /*@ for keeps_invariant: assert outside_0: by_free_apart && \at(free_apart(c, i), Pre); */
    /*@ for keeps_invariant: assert outside_1: \forall integer p; p == prev ==> \at(free_apart(c, p), Pre); */
    /*@ for keeps_invariant: assert outside_2: \forall integer p, s; p == prev && s == size ==> \at(free_outside(c, p, i + s, p, p), Pre); */
    //@ for keeps_invariant: assert classes_same: c->classes == \at(c->classes, Pre);
    //@ for keeps_invariant: assert heads_values: \forall uint64_t *h, integer m; head_of(h, m) == \at(head_of(h, m), Pre);
    //@ for keeps_invariant: assert heads_same: \forall uint64_t *h; heads_kept{Pre, Here}(c, h);
    //@ for keeps_invariant: assert words_same: words_kept_but{Pre, Here}(c, prev, prev + merged - 1, i + size);
    //@ for keeps_invariant: assert sizes_same: sizes_kept_but{Pre, Here}(c, prev);
    /*@ for keeps_invariant: assert links_same: by_kept_links && \forall integer j;
          \at(is_free(c, j), Pre) && j != prev ==>
            list_next(c, j) == \at(list_next(c, j), Pre) && list_prev(c, j) == \at(list_prev(c, j), Pre); */
    /*@ for keeps_invariant: assert listed_same: by_mp_listed && \forall integer y, j, p; p == prev ==>
          (listed(c, j, y, p) <==> \at(listed(c, j, y, p), Pre)); */
    /*@ for keeps_invariant: assert not_prev: \forall integer y, j, p; p == prev ==>
          \at(listed(c, j, y, p), Pre) ==> j != p; */
    //@ for keeps_invariant: assert stamps_same: stamps_kept{Pre, Here};
    /*@ for keeps_invariant: assert lists_moved: by_mp_listed && by_same_lists &&
          \forall uint64_t *h, integer y, p; p == prev ==> lists_same{Pre, Here}(c, h, y, p, y, p); */
    //@ for keeps_invariant: assert lists_moved_old: \forall uint64_t *h, integer y; lists_same{Pre, Here}(c, h, y, \at(prev_start(c, i), Pre), y, \at(prev_start(c, i), Pre));
}

/* Free allocated block i and merge it with the free blocks on both sides. */
void free_merge_both(core_heap *c, int64_t i)
{
    int64_t size = block_size(c, i);
    int64_t next = i + size;
    int64_t prev_size = c->words[i - 1] / WORD_BYTES;
    int64_t prev = i - prev_size;
    int64_t merged = prev_size + size + block_size(c, next);
    //@ assert prev_ok: prev == prev_start(c, i) && block_ok(c, prev);
    int64_t prev_prev = block_prev_alloc(c, prev);
    //@ assert in_heap: 1 <= prev && prev + merged <= c->n - 1;
    //@ for keeps_invariant: assert prev_named: prev == prev_start(c, i);
    //@ for keeps_invariant: assert prev_block: block_of_size(c, prev, prev_size);
    //@ for keeps_invariant: assert next_block: block_of_size(c, next, prev + merged - next);
    //@ for keeps_invariant: assert before: merge_both_before(c, prev, i, next, prev + merged);
    //@ for keeps_invariant: assert footer_word: !is_start(c, prev + merged - 1);
    //@ for keeps_invariant: assert end_start: is_start(c, c->n - 1);
    //@ for keeps_invariant: assert first_start: is_start(c, 1);
    //@ for keeps_invariant: assert prev_header: header_ok(c, prev);
    //@ for keeps_invariant: assert prev_bit: prev_prev == prev_of(c, prev);
    /*@ for keeps_invariant: assert footers_outside_prev: by_footers_outside &&
          \forall integer j; is_free(c, j) && j != prev ==>
            j + size_of(c, j) - 1 < prev || i < j + size_of(c, j) - 1; */
    /*@ for keeps_invariant: assert footers_outside_next: by_footers_outside &&
          \forall integer j; is_free(c, j) && j != next ==>
            j + size_of(c, j) - 1 < next || prev + merged < j + size_of(c, j) - 1; */
    c->words[prev] = header_make(merged, prev_prev, 0);
    c->words[prev + merged - 1] = merged * WORD_BYTES;
    c->starts[i / 2] = 0;
    c->starts[next / 2] = 0;
    /*@ for keeps_invariant: assert head: size_of(c, prev) == merged && alloc_of(c, prev) == 0 &&
          prev_of(c, prev) == prev_prev && next_of(c, prev) == prev + merged; */
    //@ for keeps_invariant: assert own_footer_word: c->words[prev + merged - 1] == merged * WORD_BYTES;
    //@ for keeps_invariant: assert back: prev_start(c, prev + merged) == prev;
    /*@ for keeps_invariant: assert same_words: \forall integer k; 0 <= k < c->n &&
          k != prev && k != prev + merged - 1 ==> c->words[k] == \at(c->words[k], Pre); */
    //@ for keeps_invariant: assert same_n: c->n == \at(c->n, Pre);
    /*@ for keeps_invariant: assert same_map: \forall integer k; 0 <= k < c->n / 2 && k != i / 2 &&
          k != next / 2 ==> c->starts[k] == \at(c->starts[k], Pre); */
    //@ for keeps_invariant: assert region: heap_region(c) && start_map_bytes(c);
    /*@ for keeps_invariant: assert same_starts: \forall integer j;
          is_start(c, j) <==> \at(is_start(c, j), Pre) && j != i && j != next; */
    //@ for keeps_invariant: assert freed_block: is_free(c, prev);
    /*@ for keeps_invariant: assert same_sizes: \forall integer j; \at(is_start(c, j), Pre) && j != prev ==>
          size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ for keeps_invariant: assert same_ends: \forall integer j; \at(is_start(c, j), Pre) && j != prev ==>
          next_of(c, j) == \at(next_of(c, j), Pre); */
    //@ for keeps_invariant: assert layout: merge_both_layout{Pre, Here}(c, prev, i, next, prev + merged);
    /*@ for keeps_invariant: assert same_allocs: \forall integer j; \at(is_start(c, j), Pre) ==>
          alloc_of(c, j) == \at(alloc_of(c, j), Pre); */
    /*@ for keeps_invariant: assert same_prevs: \forall integer j; \at(is_start(c, j), Pre) ==>
          prev_of(c, j) == \at(prev_of(c, j), Pre); */
    //@ for keeps_invariant: assert bits: merge_both_bits{Pre, Here}(c, prev, i, next, prev + merged);
    //@ for keeps_invariant: assert head_word: c->words[prev] == hdr_make(merged, prev_prev, 0);
    /*@ for keeps_invariant: assert headers_kept: \forall integer j; \at(is_start(c, j), Pre) &&
          j != prev ==> c->words[j] == \at(c->words[j], Pre); */
    //@ for keeps_invariant: assert headers: merge_both_headers{Pre, Here}(c, prev, i, next, prev + merged);
    /*@ for keeps_invariant: assert same_footers: \forall integer j;
          \at(is_free(c, j), Pre) && j != prev && j != next ==>
          c->words[j + \at(size_of(c, j), Pre) - 1] == \at(c->words[j + size_of(c, j) - 1], Pre); */
    /*@ for keeps_invariant: assert same_before_starts: \forall integer j;
          \at(is_start(c, j), Pre) && j != prev + merged ==> c->words[j - 1] == \at(c->words[j - 1], Pre); */
    //@ for keeps_invariant: assert footers_described: merge_both_footers{Pre, Here}(c, prev, i, next, prev + merged);
    //@ for keeps_invariant: assert described: merged_both{Pre, Here}(c, prev, i, next, prev + merged);
    //@ for keeps_invariant: assert end_apart: next < c->n - 1 && (c->n - 1) / 2 != i / 2 && (c->n - 1) / 2 != next / 2;
    //@ for keeps_invariant: assert end_map_before: \at(c->starts[(c->n - 1) / 2], Pre) == 1;
    //@ for keeps_invariant: assert end_index: (c->n - 1) / 2 == \at((c->n - 1) / 2, Pre);
    //@ for keeps_invariant: assert end_map: c->starts[(c->n - 1) / 2] == 1;
    //@ for keeps_invariant: assert first_and_end: is_start(c, 1) && is_start(c, \at(c->n, Pre) - 1);
    //@ for keeps_invariant: assert ends: by_mb_ends && \forall integer j; ends_at(c, j);
    //@ for keeps_invariant: assert tiles: by_ends_back_sized && tiles(c);
    //@ for keeps_invariant: assert no_inner_start: by_mb_inner && no_inner_start(c);
    //@ for keeps_invariant: assert headers_decode: by_mb_decode && headers_decode(c);
    //@ for keeps_invariant: assert footers: by_mb_footers && footers(c);
    //@ for keeps_invariant: assert free_prev_found: by_mb_found && free_prev_found(c);
    //@ for keeps_invariant: assert coalesced: by_mb_coal && coalesced(c);
    //@ for keeps_invariant: assert first_prev: prev_of(c, 1) == 1;
    //@ for keeps_invariant: assert prev_bits: by_mb_prev && prev_bits(c);
    //@ for keeps_invariant: assert end_marker: by_mb_end && end_marker(c);
    /*@ for keeps_invariant: assert outside_0: by_free_apart && \at(free_apart(c, i), Pre); */
    /*@ for keeps_invariant: assert outside_1: \forall integer p; p == prev ==> \at(free_apart(c, p), Pre); */
    /*@ for keeps_invariant: assert outside_2: \forall integer n; n == next ==> \at(free_apart(c, n), Pre); */
    /*@ for keeps_invariant: assert outside_3: \forall integer p, n, m; p == prev && n == next && m == merged ==> \at(free_outside(c, p, p + m, p, n), Pre); */
    //@ for keeps_invariant: assert classes_same: c->classes == \at(c->classes, Pre);
    //@ for keeps_invariant: assert heads_values: \forall uint64_t *h, integer m; head_of(h, m) == \at(head_of(h, m), Pre);
    //@ for keeps_invariant: assert heads_same: \forall uint64_t *h; heads_kept{Pre, Here}(c, h);
    //@ for keeps_invariant: assert words_same: words_kept_but{Pre, Here}(c, prev, prev + merged - 1, prev + merged - 1);
    //@ for keeps_invariant: assert sizes_same: sizes_kept_but{Pre, Here}(c, prev);
    /*@ for keeps_invariant: assert links_same: by_kept_links && \forall integer j;
          \at(is_free(c, j), Pre) && j != prev && j != next ==>
            list_next(c, j) == \at(list_next(c, j), Pre) && list_prev(c, j) == \at(list_prev(c, j), Pre); */
    /*@ for keeps_invariant: assert listed_same: by_mb_listed && \forall integer j, p, n; p == prev && n == next ==>
          (listed(c, j, NO_BLOCK, p) <==> \at(listed(c, j, p, n), Pre)); */
    /*@ for keeps_invariant: assert not_prev: \forall integer j, p, n; p == prev && n == next ==>
          \at(listed(c, j, p, n), Pre) ==> j != p; */
    //@ for keeps_invariant: assert stamps_same: stamps_kept{Pre, Here};
    //@ for keeps_invariant: assert lists_moved: by_mb_listed && by_same_lists && \forall uint64_t *h; lists_same{Pre, Here}(c, h, prev, next, NO_BLOCK, prev);
    //@ for keeps_invariant: assert lists_moved_old: \forall uint64_t *h; lists_same{Pre, Here}(c, h, \at(prev_start(c, i), Pre), i + \at(size_of(c, i), Pre), NO_BLOCK, \at(prev_start(c, i), Pre));
}
