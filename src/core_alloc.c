/*
 * Entry points of the verified core: malloc, free, realloc, aligned allocation
 * and their checks.  Each one validates, searches, and dispatches to the block
 * mutations of core_block.c; none writes a tag itself.
 *
 * Sizes here are in words and include the header; core_words_for converts a
 * request in bytes.  The shell rejects requests larger than the heap before
 * they get here, so no sum below can overflow.
 */
#include "core.h"

/* Words of the smallest block whose payload holds `bytes`. */
int64_t core_words_for(int64_t bytes)
{
    int64_t words = (bytes + HEADER_WORDS * WORD_BYTES + SIZE_UNIT - 1) / SIZE_UNIT *
                    GRANULE_WORDS;
    return words < MIN_BLOCK_WORDS ? MIN_BLOCK_WORDS : words;
}

/* Allocated block i becomes `need` words long (need < its size) by cutting off
 * its tail; the tail is freed, merging with a free successor. */
/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires lists: lists_ok(c, heads);
    requires live: is_alloc(c, i);
    requires need: MIN_BLOCK_WORDS <= need && need % 2 == 0 && size_of(c, i) - need >= MIN_BLOCK_WORDS;
    requires clock: list_clock <= CLOCK_LIMIT - 1;
    assigns c->words[0 .. c->n - 1], c->starts[0 .. c->n / 2 - 1], heads[0 .. c->classes - 1],
            c->group_map[0 .. (c->classes - 1) / GROUP_CLASSES],
            list_stamp[0 .. CORE_MAX_WORDS / 2 - 1], list_clock;
    ensures clock: \old(list_clock) <= list_clock <= \old(list_clock) + 1;
    ensures lists: lists_ok(c, heads);
    ensures shrunk: is_alloc(c, i) && size_of(c, i) == need;
    ensures payload_kept: \forall integer k; i < k < i + need ==> c->words[k] == \old(c->words[k]);
    ensures only_old: allocated_only{Old, Post}(c, NO_BLOCK, NO_BLOCK);
    ensures allocated_kept: allocated_kept{Old, Post}(c, i);
    ensures others_words: \forall integer j, k; \old(is_alloc(c, j)) && j != i &&
      0 < k < \old(size_of(c, j)) ==> block_word(c, j, k) == \old(block_word(c, j, k));
    ensures invariant: heap_inv(c);
*/
static void shrink_in_place(core_heap *c, uint64_t *heads, int64_t i, int64_t need)
{
    /* The tail i + need lies inside block i; every other allocated block lies apart. */
    //@ assert tail_inside: i < i + need < i + size_of(c, i) && 2 * ((i + need) / 2) + 1 == i + need;
    //@ assert tail_not_start: !is_start(c, i + need);
    /*@ assert apart: \forall integer j; is_alloc(c, j) && j != i ==>
          j + size_of(c, j) <= i || i + size_of(c, i) <= j; */
    split_allocated_block(c, i, need);
    //@ assert split_same: lists_same{Pre, Here}(c, heads, NO_BLOCK, NO_BLOCK, NO_BLOCK, NO_BLOCK);
    //@ assert frame_lemma: by_lists_frame;
    //@ assert heads_same_split: heads_kept{Pre, Here}(c, heads);
    //@ assert map_same: group_map_same{Pre, Here}(c);
    //@ assert map_lemma: by_map_frame;
    //@ assert lists_split: lists_ok(c, heads);
    //@ assert tail: is_alloc(c, i + need) && is_alloc(c, i) && size_of(c, i) == need;
    /*@ assert split_payload: \forall integer k; i < k < i + need ==>
          c->words[k] == \at(c->words[k], Pre); */
    //@ assert same_n: c->n == \at(c->n, Pre);
    /*@ assert map_changed: \forall integer k; 0 <= k < c->n / 2 && k != (i + need) / 2 ==>
          c->starts[k] == \at(c->starts[k], Pre); */
    /*@ assert split_starts: \forall integer j; is_start(c, j) && j != i + need ==> \at(is_start(c, j), Pre); */
    /*@ assert split_headers: \forall integer j; \at(is_start(c, j), Pre) && j != i ==>
          c->words[j] == \at(c->words[j], Pre); */
    /*@ assert split_only: \forall integer j; is_alloc(c, j) ==> \at(is_alloc(c, j), Pre) || j == i + need; */
    /*@ assert split_stay: \forall integer j; \at(is_alloc(c, j), Pre) && j != i ==>
          is_alloc(c, j) && size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ assert split_kept: \forall integer j; \at(is_alloc(c, j), Pre) && j != i ==> j != i + need; */
    /*@ assert split_contents: \forall integer j, k; \at(is_alloc(c, j), Pre) && j != i &&
          j < k < j + \at(size_of(c, j), Pre) ==> c->words[k] == \at(c->words[k], Pre); */
    /* What the release's frame needs of each such payload word, in one fact. */
    /*@ assert release_frame: \forall integer j, k; \at(is_alloc(c, j), Pre) && j != i &&
          0 < k < \at(size_of(c, j), Pre) ==>
          is_alloc(c, j) && j != i + need && k < size_of(c, j) && block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    /*@ assert i_frame: is_alloc(c, i) && i != i + need && size_of(c, i) == need &&
          \forall integer k; 0 < k < need ==> block_word(c, i, k) == \at(c->words[i + k], Pre); */
    core_release(c, heads, i + need);
    /* By address, through the offsets the release's frame speaks of. */
    /*@ assert i_kept: \forall integer k; i < k < i + need ==>
          c->words[k] == block_word(c, i, k - i) && \at(c->words[k], Pre) == \at(block_word(c, i, k - i), Pre) &&
          block_word(c, i, k - i) == \at(block_word(c, i, k - i), Pre); */
    //@ assert only: \forall integer j; is_alloc(c, j) ==> \at(is_alloc(c, j), Pre);
    /*@ assert stay: \forall integer j; \at(is_alloc(c, j), Pre) && j != i ==>
          is_alloc(c, j) && size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ assert contents: \forall integer j, k; \at(is_alloc(c, j), Pre) && j != i &&
          0 < k < \at(size_of(c, j), Pre) ==> block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
}

/* Allocate free block i for `need` words, splitting when the rest is a block. */
/*@ requires invariant: heap_inv(c);
    requires free_block: is_free(c, i);
    requires need: MIN_BLOCK_WORDS <= need <= size_of(c, i) && need % 2 == 0;
    assigns c->words[i .. i + size_of(c, i)], c->starts[(i + need) / 2];
    ensures allocated: alloc_of(c, i) == 1 && need <= size_of(c, i) <= \old(size_of(c, i));
    ensures next_kept: size_of(c, i + \old(size_of(c, i))) == \old(size_of(c, i + size_of(c, i))) &&
                       alloc_of(c, i + \old(size_of(c, i))) == \old(alloc_of(c, i + size_of(c, i)));
    ensures map_kept: c->starts[(i + need) / 2] == \old(c->starts[(i + need) / 2]) ||
                      need < \old(size_of(c, i));
    ensures tight: size_of(c, i) < need + MIN_BLOCK_WORDS;
    ensures next_start: is_start(c, i + \old(size_of(c, i)));
    ensures live: is_alloc(c, i);
    ensures rest_free: \old(size_of(c, i)) - need >= MIN_BLOCK_WORDS ==> is_free(c, i + need);
    ensures whole_or_split:
      (size_of(c, i) == \old(size_of(c, i)) && c->starts[(i + need) / 2] == \old(c->starts[(i + need) / 2])) ||
      (size_of(c, i) == need && alloc_of(c, i + need) == 0);
    // No block became allocated but i; every allocated block keeps place, size and payload.
    ensures only_i_new: allocated_only{Old, Post}(c, NO_BLOCK, i);
    ensures allocated_kept: allocated_kept{Old, Post}(c, NO_BLOCK);
    ensures others_words: \forall integer j, k; \old(is_alloc(c, j)) &&
      0 < k < \old(size_of(c, j)) ==> block_word(c, j, k) == \old(block_word(c, j, k));
    ensures invariant: heap_inv(c);
    // Block i was held out of the lists; the remainder, if split off, is held out now.
    ensures lists_split: \old(size_of(c, i)) - need >= MIN_BLOCK_WORDS ==>
      \old(lists_except(c, heads, NO_BLOCK, i)) ==> lists_except(c, heads, NO_BLOCK, i + need);
    ensures lists_whole: \old(size_of(c, i)) - need < MIN_BLOCK_WORDS ==>
      \old(lists_except(c, heads, NO_BLOCK, i)) ==> lists_except(c, heads, NO_BLOCK, NO_BLOCK);
    // The group map is untouched: still exact if it was.
    ensures map: \old(group_map_ok(c, heads)) ==> group_map_ok(c, heads);
*/
static void place(core_heap *c, int64_t i, int64_t need) /*@ ghost (uint64_t *heads) */
{
    //@ assert ok: block_ok(c, i) && is_start(c, i + size_of(c, i));
    //@ assert next: header_ok(c, i + size_of(c, i)) && prev_of(c, i + size_of(c, i)) == 0;
    //@ assert new_start: i < i + need <= i + size_of(c, i) && 2 * ((i + need) / 2) + 1 == i + need;
    /*@ assert allocated_apart: \forall integer j; is_alloc(c, j) ==>
          j + size_of(c, j) <= i || i + size_of(c, i) <= j; */
    /*@ assert next_word: size_of(c, i + size_of(c, i)) % 2 == 0 &&
          c->words[i + size_of(c, i)] ==
          hdr_make(size_of(c, i + size_of(c, i)), 0, alloc_of(c, i + size_of(c, i))); */
    /*@ assert payloads_apart: \forall integer j, k; is_alloc(c, j) && 0 < k < size_of(c, j) ==>
          j + k < i || i + size_of(c, i) < j + k; */
    if (block_size(c, i) - need >= MIN_BLOCK_WORDS) {
        split_free_block(c, i, need);
        //@ assert split_head: c->words[i] == hdr_make(need, \at(prev_of(c, i), Pre), 1) && size_of(c, i) == need;
        //@ assert split_rest: alloc_of(c, i + need) == 0;
    } else {
        mark_allocated(c, i);
        //@ assert whole: size_of(c, i) == \at(size_of(c, i), Pre);
        /*@ assert next_marked: c->words[i + \at(size_of(c, i), Pre)] ==
              hdr_make(\at(size_of(c, i + size_of(c, i)), Pre), 1,
                       \at(alloc_of(c, i + size_of(c, i)), Pre)); */
    }
    /* No payload word of an allocated block was written (payloads_apart). */
    /*@ assert payload_words: \forall integer j, k; \at(is_alloc(c, j), Pre) && 0 < k < \at(size_of(c, j), Pre) ==>
          c->words[j + k] == \at(c->words[j + k], Pre); */
    /*@ assert words: \forall integer j, k; \at(is_alloc(c, j), Pre) && 0 < k < \at(size_of(c, j), Pre) ==>
          block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    /* Every other allocated block keeps its start, header and place. */
    //@ assert same_n: c->n == \at(c->n, Pre);
    /*@ assert starts_kept: \forall integer j; \at(is_alloc(c, j), Pre) ==>
          c->starts[j / 2] == \at(c->starts[j / 2], Pre) && is_start(c, j); */
    /*@ assert headers_kept: \forall integer j; \at(is_alloc(c, j), Pre) &&
          j != i + \at(size_of(c, i), Pre) ==> c->words[j] == \at(c->words[j], Pre); */
    /* The only start that can be new is the split-off remainder, which is free. */
    /*@ assert no_new_inside: \forall integer j; i < j < i + \at(size_of(c, i), Pre) ==>
          !\at(is_start(c, j), Pre); */
    /*@ assert other_starts_old: \forall integer j; is_start(c, j) && j != i + need ==>
          \at(is_start(c, j), Pre); */
    //@ assert rest_if_changed: \let r = (i + need) / 2; c->starts[r] != \at(c->starts[r], Pre) ==> alloc_of(c, i + need) == 0;
    //@ assert rest_alloc_old: \let r = i + need; is_alloc(c, r) ==> \at(is_start(c, r), Pre);
    //@ assert alloc_were_starts: \forall integer j; is_alloc(c, j) ==> \at(is_start(c, j), Pre);
    /*@ assert far_headers_kept: \forall integer j; \at(is_start(c, j), Pre) && j != i &&
          j != i + \at(size_of(c, i), Pre) ==> c->words[j] == \at(c->words[j], Pre); */
    /*@ assert next_alloc_kept: \let nx = i + \at(size_of(c, i), Pre);
          alloc_of(c, nx) == \at(alloc_of(c, nx), Pre); */
    /*@ assert far_alloc_kept: \forall integer j; \at(is_start(c, j), Pre) && j != i &&
          j != i + \at(size_of(c, i), Pre) ==> alloc_of(c, j) == \at(alloc_of(c, j), Pre); */
    /*@ assert old_header_outside: \forall integer j; \at(is_start(c, j), Pre) && j != i ==>
          alloc_of(c, j) == \at(alloc_of(c, j), Pre); */
    //@ assert only_i: \forall integer j; is_alloc(c, j) ==> \at(is_alloc(c, j), Pre) || j == i;
    /*@ assert stay: \forall integer j; \at(is_alloc(c, j), Pre) ==>
          is_alloc(c, j) && size_of(c, j) == \at(size_of(c, j), Pre); */
    /* The lists, last, so that no goal above carries them: the split moved the
     * held-out block from i to the remainder, marking it whole to none. */
    /*@ assert lists_split_same: \at(size_of(c, i), Pre) - need >= MIN_BLOCK_WORDS ==>
          lists_same{Pre, Here}(c, heads, NO_BLOCK, i, NO_BLOCK, i + need); */
    /*@ assert lists_whole_same: \at(size_of(c, i), Pre) - need < MIN_BLOCK_WORDS ==>
          lists_same{Pre, Here}(c, heads, NO_BLOCK, i, NO_BLOCK, NO_BLOCK); */
    //@ assert frame_lemma: by_lists_frame;
    //@ assert heads_same_place: heads_kept{Pre, Here}(c, heads);
    //@ assert map_same: group_map_same{Pre, Here}(c);
    //@ assert map_lemma: by_map_frame;
}

/* Allocate free block i for `need` words: it leaves its list, is placed
 * (split when the rest is a block), and the rest joins the list of its class. */
/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires lists: lists_ok(c, heads);
    requires free_block: is_free(c, i);
    requires need: MIN_BLOCK_WORDS <= need <= size_of(c, i) && need % 2 == 0;
    requires clock: list_clock <= CLOCK_LIMIT - 1;
    assigns c->words[0 .. c->n - 1], c->starts[(i + need) / 2], heads[0 .. c->classes - 1],
            c->group_map[0 .. (c->classes - 1) / GROUP_CLASSES],
            list_stamp[0 .. CORE_MAX_WORDS / 2 - 1], list_clock;
    ensures clock: \old(list_clock) <= list_clock <= \old(list_clock) + 1;
    ensures allocated: alloc_of(c, i) == 1 && need <= size_of(c, i) <= \old(size_of(c, i));
    ensures next_kept: size_of(c, i + \old(size_of(c, i))) == \old(size_of(c, i + size_of(c, i))) &&
                       alloc_of(c, i + \old(size_of(c, i))) == \old(alloc_of(c, i + size_of(c, i)));
    ensures map_kept: c->starts[(i + need) / 2] == \old(c->starts[(i + need) / 2]) ||
                      need < \old(size_of(c, i));
    ensures tight: size_of(c, i) < need + MIN_BLOCK_WORDS;
    ensures only_i_new: allocated_only{Old, Post}(c, NO_BLOCK, i);
    ensures allocated_kept: allocated_kept{Old, Post}(c, NO_BLOCK);
    ensures others_words: \forall integer j, k; \old(is_alloc(c, j)) &&
      0 < k < \old(size_of(c, j)) ==> block_word(c, j, k) == \old(block_word(c, j, k));
    ensures invariant: heap_inv(c);
    ensures lists: lists_ok(c, heads);
*/
static void take_block(core_heap *c, uint64_t *heads, int64_t i, int64_t need)
{
    int64_t size = block_size(c, i);
    unlink_free(c, heads, i) /*@ ghost (NO_BLOCK) */;
    /*@ assert step_words: \forall integer j, k; \at(is_alloc(c, j), Pre) && 0 < k < \at(size_of(c, j), Pre) ==>
          block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    //@ assert step_alloc: allocated_only{Pre, Here}(c, NO_BLOCK, NO_BLOCK) && allocated_kept{Pre, Here}(c, NO_BLOCK);
    //@ assert taken: is_free(c, i) && size_of(c, i) == size && lists_except(c, heads, NO_BLOCK, i);
    /*@ assert next_same: \let nx = i + size;
          size_of(c, nx) == \at(size_of(c, nx), Pre) && alloc_of(c, nx) == \at(alloc_of(c, nx), Pre); */
    //@ assert in_heap: 1 <= i && i + size <= c->n - 1 && c->n == \at(c->n, Pre);
    place(c, i, need) /*@ ghost (heads) */;
    //@ assert placed_n: c->n == \at(c->n, Pre);
    //@ assert placed_classes: c->classes == \at(c->classes, Pre);
    //@ assert placed_region: heads_region(c, heads);
    //@ assert placed_next: is_start(c, i + \at(size_of(c, i), Pre));
    //@ assert placed_alloc: allocated_only{Pre, Here}(c, NO_BLOCK, i) && allocated_kept{Pre, Here}(c, NO_BLOCK);
    /*@ assert placed_words: \forall integer j, k; \at(is_alloc(c, j), Pre) && 0 < k < \at(size_of(c, j), Pre) ==>
          block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    if (size - need >= MIN_BLOCK_WORDS) {
        //@ assert placed: lists_except(c, heads, NO_BLOCK, i + need);
        //@ assert rest: is_free(c, i + need);
        /*@ assert pre_link_next: \let nx = i + \at(size_of(c, i), Pre);
              is_start(c, nx) && size_of(c, nx) == \at(size_of(c, nx), Pre) && alloc_of(c, nx) == \at(alloc_of(c, nx), Pre); */
        link_free(c, heads, i + need) /*@ ghost (NO_BLOCK) */;
        //@ assert linked_only: allocated_only{Pre, Here}(c, NO_BLOCK, i);
        //@ assert linked_kept: allocated_kept{Pre, Here}(c, NO_BLOCK);
        /*@ assert linked_next: \let nx = i + \at(size_of(c, i), Pre);
              size_of(c, nx) == \at(size_of(c, nx), Pre) && alloc_of(c, nx) == \at(alloc_of(c, nx), Pre); */
    } else {
        //@ assert placed_whole: lists_except(c, heads, NO_BLOCK, NO_BLOCK);
        /*@ assert whole_next: \let nx = i + \at(size_of(c, i), Pre);
              size_of(c, nx) == \at(size_of(c, nx), Pre) && alloc_of(c, nx) == \at(alloc_of(c, nx), Pre); */
    }
}

int64_t core_malloc(core_heap *c, uint64_t *heads, int64_t need)
{
    //@ ghost free_classes_headed(c, heads);
    int64_t i = find_fit(c, heads, need);
    if (i != NO_BLOCK)
        take_block(c, heads, i, need);
    return i;
}

/* Word j is a header that decodes exactly: no stray bit, a size within the heap. */
/*@ requires region: heap_region_read(c);
    requires index: 0 <= j < c->n;
    assigns \nothing;
    ensures decodes: \result == 1 <==> header_ok(c, j);
    ensures bit: \result == 0 || \result == 1;
*/
static int header_decodes(const core_heap *c, int64_t j)
{
    word header = c->words[j];
    int64_t size = header_size_words(header);
    if (header < 0 || size > c->n)
        return 0;
    return header == header_make(size, header_prev_alloc(header), header_is_alloc(header));
}

/* The free block at `next` (a start whose header decodes) has a sane size and its footer. */
/*@ requires region: heap_region_read(c);
    requires start: 1 <= next <= c->n - 1;
    assigns \nothing;
    ensures agree: \result == 0 || \result == 1;
    ensures checked: \result == 1 ==> MIN_BLOCK_WORDS <= size_of(c, next) &&
      next + size_of(c, next) <= c->n - 1 &&
      c->words[next + size_of(c, next) - 1] == size_of(c, next) * WORD_BYTES;
    ensures live: heap_inv(c) && is_free(c, next) ==> \result == 1;
*/
static int free_next_agrees(const core_heap *c, int64_t next)
{
    int64_t next_size = block_size(c, next);
    if (next_size < MIN_BLOCK_WORDS || next_size > c->n - 1 - next)
        return 0;
    return c->words[next + next_size - 1] == next_size * WORD_BYTES;
}

/* The word before start i is the footer of a free block ending at i, whose
 * header decodes. */
/*@ requires region: heap_region_read(c);
    requires start: 1 <= i <= c->n - 1 && i % 2 == 1;
    assigns \nothing;
    ensures agree: \result == 0 || \result == 1;
    ensures checked: \result == 1 ==> prev_footer_ok(c, i) && is_start(c, prev_start(c, i));
    ensures live: heap_inv(c) && is_start(c, i) && prev_of(c, i) == 0 ==> \result == 1;
*/
static int free_prev_agrees(const core_heap *c, int64_t i)
{
    /* On a well-formed heap the footer before i is that of a free block (the same
     * chain of facts core_release uses). */
    /*@ assert prev_block: heap_inv(c) && is_start(c, i) && prev_of(c, i) == 0 ==>
          is_free(c, prev_start(c, i)) && prev_start(c, i) + size_of(c, prev_start(c, i)) == i; */
    /*@ assert prev_footer_at: heap_inv(c) && is_start(c, i) && prev_of(c, i) == 0 ==>
          c->words[prev_start(c, i) + size_of(c, prev_start(c, i)) - 1] ==
          size_of(c, prev_start(c, i)) * WORD_BYTES; */
    /*@ assert prev_footer: heap_inv(c) && is_start(c, i) && prev_of(c, i) == 0 ==>
          c->words[i - 1] == size_of(c, prev_start(c, i)) * WORD_BYTES; */
    /*@ assert prev_ok: heap_inv(c) && is_start(c, i) && prev_of(c, i) == 0 ==>
          block_ok(c, prev_start(c, i)); */
    /*@ assert prev_found: heap_inv(c) && is_start(c, i) && prev_of(c, i) == 0 ==>
          prev_footer_ok(c, i) && c->starts[prev_start(c, i) / 2] == 1; */
    word footer = c->words[i - 1];
    if (footer % SIZE_UNIT != 0 || footer < MIN_BLOCK_WORDS * WORD_BYTES ||
        footer > (i - 1) * WORD_BYTES)
        return 0;
    int64_t prev = i - footer / WORD_BYTES;
    //@ assert prev_named: prev == prev_start(c, i);
    return c->starts[prev / 2] == 1 && header_decodes(c, prev) && block_is_alloc(c, prev) == 0 &&
           block_size(c, prev) * WORD_BYTES == footer;
}

/* Is i the header of a live allocated block whose neighbours' tags agree with
 * it?  Reads only; every answer but CORE_OK means "do not touch the heap". */
int core_validate(const core_heap *c, const uint64_t *heads, int64_t i)
{
    /* On a well-formed heap, what each check below reads about a live block. */
    /*@ assert live_block: heap_inv(c) && is_alloc(c, i) ==> block_ok(c, i); */
    /*@ assert live_next: heap_inv(c) && is_alloc(c, i) ==>
          is_start(c, i + size_of(c, i)) && prev_of(c, i + size_of(c, i)) == 1 &&
          c->starts[(i + size_of(c, i)) / 2] == 1; */
    /*@ assert live_next_free: heap_inv(c) && is_alloc(c, i) && alloc_of(c, i + size_of(c, i)) == 0 ==>
          is_free(c, i + size_of(c, i)); */
    if (i < 1 || i >= c->n - 1) {
        //@ assert not_live: !(heap_inv(c) && is_alloc(c, i));
        return CORE_EOUTSIDE;
    }
    if (i % 2 != 1 || c->starts[i / 2] != 1) {
        //@ assert not_live: !(heap_inv(c) && is_alloc(c, i));
        return CORE_ENOTBLOCK;
    }
    word header = c->words[i];
    int64_t size = header_size_words(header);
    //@ assert live_size: heap_inv(c) && is_alloc(c, i) ==> size == size_of(c, i);
    if (size < MIN_BLOCK_WORDS || size > c->n - 1 - i) {
        //@ assert not_live: !(heap_inv(c) && is_alloc(c, i));
        return CORE_ECORRUPT;
    }
    if (header != header_make(size, header_prev_alloc(header), header_is_alloc(header))) {
        //@ assert not_live: !(heap_inv(c) && is_alloc(c, i));
        return CORE_ECORRUPT; /* a stray bit: the checker would call it a bad size */
    }
    if (header_is_alloc(header) == 0) {
        //@ assert not_live: !(heap_inv(c) && is_alloc(c, i));
        return CORE_EFREED;
    }
    int64_t next = i + size;
    word next_header = c->words[next];
    /*@ assert live_next_header: heap_inv(c) && is_alloc(c, i) ==>
          c->starts[next / 2] == 1 && hdr_prev(next_header) == 1 &&
          (hdr_alloc(next_header) == 0 ==> is_free(c, next)); */
    //@ assert live_next_decodes: heap_inv(c) && is_alloc(c, i) ==> header_ok(c, next);
    if (c->starts[next / 2] != 1 || !header_decodes(c, next) || header_prev_alloc(next_header) != 1) {
        //@ assert not_live: !(heap_inv(c) && is_alloc(c, i));
        return CORE_ECORRUPT;
    }
    if (header_is_alloc(next_header) == 0 && !free_next_agrees(c, next)) {
        //@ assert not_live: !(heap_inv(c) && is_alloc(c, i));
        return CORE_ECORRUPT;
    }
    //@ assert live_prev: heap_inv(c) && is_alloc(c, i) ==> is_start(c, i) && hdr_prev(header) == prev_of(c, i);
    if (header_prev_alloc(header) == 0 && !free_prev_agrees(c, i)) {
        //@ assert not_live: !(heap_inv(c) && is_alloc(c, i));
        return CORE_ECORRUPT;
    }
    /*@ assert live_prev_free: heap_inv(c) && is_alloc(c, i) && hdr_prev(header) == 0 ==>
          is_free(c, prev_start(c, i)) && prev_start(c, i) == i - c->words[i - 1] / WORD_BYTES; */
    /* free unlinks the free neighbours: their links must not lead outside */
    if (header_is_alloc(next_header) == 0 && !links_sane(c, heads, next)) {
        //@ assert next_not_live: !(heap_inv(c) && lists_ok(c, heads) && is_alloc(c, i));
        return CORE_ECORRUPT;
    }
    if (header_prev_alloc(header) == 0 && !links_sane(c, heads, i - c->words[i - 1] / WORD_BYTES)) {
        //@ assert prev_not_live: !(heap_inv(c) && lists_ok(c, heads) && is_alloc(c, i));
        return CORE_ECORRUPT;
    }
    /* What free will unlink, one neighbour at a time (ok_links). */
    //@ assert next_links_ok: alloc_of(c, i + size_of(c, i)) == 0 ==> unlink_safe(c, heads, i + size_of(c, i));
    //@ assert prev_links_ok: prev_of(c, i) == 0 ==> unlink_safe(c, heads, prev_start(c, i));
    return CORE_OK;
}

/* Free validated block i, merging with whichever neighbours are free: the
 * tags only.  The free neighbours are held out of the lists before, and the
 * block that results is held out after (core_release links it). */
/*@ requires invariant: heap_inv(c);
    requires live: is_alloc(c, i);
    assigns c->words[0 .. c->n - 1], c->starts[0 .. c->n / 2 - 1];
    ensures freed_alone_or_next: \old(prev_of(c, i)) == 1 ==>
      alloc_of(c, i) == 0 && \old(size_of(c, i)) <= size_of(c, i);
    ensures merged_into_prev: \old(prev_of(c, i)) == 0 ==>
      alloc_of(c, \old(prev_start(c, i))) == 0 &&
      \old(size_of(c, i)) < size_of(c, \old(prev_start(c, i)));
    ensures allocated_kept: allocated_kept{Old, Post}(c, i);
    ensures others_contents: \forall integer j, k; \old(is_alloc(c, j)) && j != i &&
      j < k < j + \old(size_of(c, j)) ==> c->words[k] == \old(c->words[k]);
    ensures only_others_alloc: allocated_only{Old, Post}(c, i, NO_BLOCK);
    ensures others_words: \forall integer j, k; \old(is_alloc(c, j)) && j != i &&
      0 < k < \old(size_of(c, j)) ==> block_word(c, j, k) == \old(block_word(c, j, k));
    ensures invariant: heap_inv(c);
    // The lists: the free neighbours held out before (the previous one first), the merged block after.
    ensures lists_both: \old(prev_of(c, i)) == 0 && \old(alloc_of(c, i + size_of(c, i))) == 0 ==>
      \old(lists_except(c, heads, prev_start(c, i), i + size_of(c, i))) ==>
      lists_except(c, heads, NO_BLOCK, \old(prev_start(c, i)));
    ensures lists_prev: \old(prev_of(c, i)) == 0 && \old(alloc_of(c, i + size_of(c, i))) != 0 ==>
      \old(lists_except(c, heads, NO_BLOCK, prev_start(c, i))) ==>
      lists_except(c, heads, NO_BLOCK, \old(prev_start(c, i)));
    ensures lists_next: \old(prev_of(c, i)) != 0 && \old(alloc_of(c, i + size_of(c, i))) == 0 ==>
      \old(lists_except(c, heads, NO_BLOCK, i + size_of(c, i))) ==> lists_except(c, heads, NO_BLOCK, i);
    ensures lists_alone: \old(prev_of(c, i)) != 0 && \old(alloc_of(c, i + size_of(c, i))) != 0 ==>
      \old(lists_except(c, heads, NO_BLOCK, NO_BLOCK)) ==> lists_except(c, heads, NO_BLOCK, i);
    ensures merged_free: \old(prev_of(c, i)) == 0 ==> is_free(c, \old(prev_start(c, i)));
    ensures freed_free: \old(prev_of(c, i)) != 0 ==> is_free(c, i);
    // The group map is untouched: still exact if it was.
    ensures map: \old(group_map_ok(c, heads)) ==> group_map_ok(c, heads);
*/
static void release_tags(core_heap *c, int64_t i) /*@ ghost (uint64_t *heads) */
{
    //@ assert ok: block_ok(c, i) && is_start(c, i + size_of(c, i));
    //@ assert next: header_ok(c, i + size_of(c, i)) && prev_of(c, i + size_of(c, i)) == 1;
    //@ assert next_free: alloc_of(c, i + size_of(c, i)) == 0 ==> is_free(c, i + size_of(c, i)) && block_ok(c, i + size_of(c, i));
    /*@ assert prev_block: prev_of(c, i) == 0 ==>
          is_free(c, prev_start(c, i)) && prev_start(c, i) + size_of(c, prev_start(c, i)) == i; */
    /*@ assert prev_footer_at: prev_of(c, i) == 0 ==>
          c->words[prev_start(c, i) + size_of(c, prev_start(c, i)) - 1] ==
          size_of(c, prev_start(c, i)) * WORD_BYTES; */
    //@ assert prev_footer: prev_of(c, i) == 0 ==> c->words[i - 1] == size_of(c, prev_start(c, i)) * WORD_BYTES;
    //@ assert prev_ok: prev_of(c, i) == 0 ==> block_ok(c, prev_start(c, i));
    //@ assert prev_free: prev_of(c, i) == 0 ==> prev_footer_ok(c, i);
    int64_t next = i + block_size(c, i);
    /*@ assert next_word: size_of(c, i) % 2 == 0 && size_of(c, next) % 2 == 0 &&
          c->words[next] == hdr_make(size_of(c, next), 1, alloc_of(c, next)); */
    /* The footers the merges write lie inside block i or its free successor. */
    //@ assert footer_not_start: !is_start(c, i + size_of(c, i) - 1);
    //@ assert next_footer_not_start: alloc_of(c, next) == 0 ==> !is_start(c, next + size_of(c, next) - 1);
    int64_t prev_free = block_prev_alloc(c, i) == 0;
    int64_t next_free = block_is_alloc(c, next) == 0;
    if (prev_free && next_free) {
        free_merge_both(c, i);
        //@ assert released: c->starts[i / 2] == 0;
        //@ assert merged_free: is_free(c, \at(prev_start(c, i), Pre));
    } else if (prev_free) {
        free_merge_prev(c, i);
        //@ assert released: c->starts[i / 2] == 0;
        /*@ assert next_marked: \let nx = next; c->words[nx] ==
              hdr_make(\at(size_of(c, nx), Pre), 0, \at(alloc_of(c, nx), Pre)); */
        //@ assert merged_free: is_free(c, \at(prev_start(c, i), Pre));
    } else if (next_free) {
        free_merge_next(c, i);
        //@ assert released: alloc_of(c, i) == 0;
        //@ assert freed: alloc_of(c, i) == 0 && \at(size_of(c, i), Pre) <= size_of(c, i);
        //@ assert merged_free: is_free(c, i);
    } else {
        free_alone(c, i);
        //@ assert released: alloc_of(c, i) == 0;
        //@ assert head_freed: c->words[i] == hdr_make(\at(size_of(c, i), Pre), 1, 0);
        //@ assert freed: alloc_of(c, i) == 0 && \at(size_of(c, i), Pre) <= size_of(c, i);
        /*@ assert next_marked: \let nx = next; c->words[nx] ==
              hdr_make(\at(size_of(c, nx), Pre), 0, \at(alloc_of(c, nx), Pre)); */
        //@ assert merged_free: is_free(c, i);
    }
    /* Every other allocated block lies outside block i and its free neighbours,
     * except that the block right after i may be allocated (then only its
     * previous bit changed).  Stated after the writes, about the state before
     * them, so that these quantified facts do not crowd the goals above. */
    /*@ assert apart_i: \forall integer j; \at(is_alloc(c, j), Pre) && j != i ==>
          \at(j + size_of(c, j) <= i || i + size_of(c, i) <= j, Pre); */
    /*@ assert free_after_alloc: \forall integer p, j; \at(is_free(c, p), Pre) && \at(is_alloc(c, j), Pre) &&
          j < p ==> \at(j + size_of(c, j) <= p, Pre); */
    /*@ assert free_before_alloc: \forall integer p, j; \at(is_free(c, p), Pre) && \at(is_alloc(c, j), Pre) &&
          p < j ==> \at(p + size_of(c, p) <= j, Pre); */
    /*@ assert prev_block_before: \at(prev_of(c, i), Pre) == 0 ==>
          \at(is_block(c, prev_start(c, i)) && MIN_BLOCK_WORDS <= size_of(c, prev_start(c, i)) &&
               alloc_of(c, prev_start(c, i)) == 0 &&
               prev_start(c, i) + size_of(c, prev_start(c, i)) == i && no_inner_start(c), Pre); */
    /*@ assert apart_prev: \at(prev_of(c, i), Pre) == 0 ==>
          \forall integer j; \at(is_alloc(c, j), Pre) && j != i ==>
          \at(j + size_of(c, j) <= prev_start(c, i) || i <= j, Pre); */
    /*@ assert next_not_alloc: \let nx = next; \at(alloc_of(c, nx), Pre) == 0 ==>
          \forall integer j; \at(is_alloc(c, j), Pre) ==> j != nx; */
    /*@ assert next_block: \let nx = next; \at(alloc_of(c, nx), Pre) == 0 ==>
          \at(is_block(c, nx) && MIN_BLOCK_WORDS <= size_of(c, nx) && no_inner_start(c), Pre); */
    /*@ assert apart_next: \let nx = next; \at(alloc_of(c, nx), Pre) == 0 ==>
          \forall integer j; \at(is_alloc(c, j), Pre) ==>
          \at(j + size_of(c, j) <= nx || nx + size_of(c, nx) <= j, Pre); */
    /*@ assert other_map_byte: \let nx = next; \forall integer j; \at(is_alloc(c, j), Pre) && j != i ==>
          j / 2 != i / 2 && (\at(alloc_of(c, nx), Pre) == 0 ==> j / 2 != nx / 2); */
    /*@ assert map_kept: \forall integer j; \at(is_alloc(c, j), Pre) && j != i ==>
          c->starts[j / 2] == \at(c->starts[j / 2], Pre); */
    //@ assert same_n: c->n == \at(c->n, Pre);
    /*@ assert alloc_starts: \forall integer j; \at(is_alloc(c, j), Pre) ==>
          1 <= j <= \at(c->n, Pre) - 1 && j % 2 == 1 && \at(c->starts[j / 2], Pre) == 1; */
    /*@ assert starts_kept_map: \forall integer j; \at(is_alloc(c, j), Pre) && j != i ==>
          1 <= j <= c->n - 1 && j % 2 == 1 && c->starts[j / 2] == 1; */
    /*@ assert starts_kept: \forall integer j; \at(is_alloc(c, j), Pre) && j != i ==> is_start(c, j); */
    /*@ assert headers_kept: \let nx = next; \forall integer j; \at(is_alloc(c, j), Pre) && j != i &&
          j != nx ==> c->words[j] == \at(c->words[j], Pre); */
    /*@ assert next_kept: \let nx = next; \at(alloc_of(c, nx), Pre) == 1 ==>
          size_of(c, nx) == \at(size_of(c, nx), Pre) && alloc_of(c, nx) == 1; */
    /*@ assert contents_below: \forall integer j, k; \at(is_alloc(c, j), Pre) && j < i &&
          j < k < j + \at(size_of(c, j), Pre) ==> c->words[k] == \at(c->words[k], Pre); */
    /*@ assert contents_above: \forall integer j, k; \at(is_alloc(c, j), Pre) && i < j &&
          j < k < j + \at(size_of(c, j), Pre) ==> c->words[k] == \at(c->words[k], Pre); */
    /*@ assert contents_kept: \forall integer j, k; \at(is_alloc(c, j), Pre) && j != i &&
          j < k < j + \at(size_of(c, j), Pre) ==> c->words[k] == \at(c->words[k], Pre); */
    /*@ assert words_kept: by_block_words_kept && \forall integer j, k; \at(is_alloc(c, j), Pre) && j != i &&
          0 < k < \at(size_of(c, j), Pre) ==> block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    /* The other direction: nothing became allocated, and i is released.  Merges
     * only clear map bytes, so every start now was one before. */
    /*@ assert starts_only_cleared: \forall integer k; 0 <= k < c->n / 2 ==>
          c->starts[k] == \at(c->starts[k], Pre) || c->starts[k] == 0; */
    //@ assert no_new_start: \forall integer j; is_start(c, j) ==> \at(is_start(c, j), Pre);
    /*@ assert untouched_headers: \let nx = next; \forall integer j; is_start(c, j) && j != i && j != nx &&
          !(\at(prev_of(c, i), Pre) == 0 && j == \at(prev_start(c, i), Pre)) ==>
          c->words[j] == \at(c->words[j], Pre); */
    /*@ assert next_alloc: \let nx = next; is_start(c, nx) && alloc_of(c, nx) == 1 ==>
          \at(alloc_of(c, nx), Pre) == 1; */
    /*@ assert prev_not_alloc: \at(prev_of(c, i), Pre) == 0 ==>
          alloc_of(c, \at(prev_start(c, i), Pre)) == 0; */
    //@ assert alloc_not_i: \forall integer j; is_alloc(c, j) ==> j != i;
    /*@ assert alloc_was_start: \forall integer j; is_alloc(c, j) ==>
          \at(is_start(c, j), Pre) && j < \at(c->n, Pre) - 1; */
    /*@ assert alloc_bit_was_set: \let nx = next; \forall integer j; is_alloc(c, j) ==>
          \at(alloc_of(c, j), Pre) == 1; */
    /*@ assert only_others_alloc: \forall integer j; is_alloc(c, j) ==> \at(is_alloc(c, j), Pre) && j != i; */
    /*@ assert stay: \forall integer j; \at(is_alloc(c, j), Pre) && j != i ==>
          is_alloc(c, j) && size_of(c, j) == \at(size_of(c, j), Pre); */
    /* The lists, last, so that no goal above carries them: each case's mutation
     * moved the held-out blocks as its contract says. */
    /*@ assert moved_both: \at(prev_of(c, i), Pre) == 0 && \at(alloc_of(c, i + size_of(c, i)), Pre) == 0 ==>
          lists_same{Pre, Here}(c, heads, \at(prev_start(c, i), Pre), \at(i + size_of(c, i), Pre),
                                NO_BLOCK, \at(prev_start(c, i), Pre)); */
    /*@ assert moved_prev: \at(prev_of(c, i), Pre) == 0 && \at(alloc_of(c, i + size_of(c, i)), Pre) != 0 ==>
          lists_same{Pre, Here}(c, heads, NO_BLOCK, \at(prev_start(c, i), Pre), NO_BLOCK, \at(prev_start(c, i), Pre)); */
    /*@ assert moved_next: \at(prev_of(c, i), Pre) != 0 && \at(alloc_of(c, i + size_of(c, i)), Pre) == 0 ==>
          lists_same{Pre, Here}(c, heads, NO_BLOCK, \at(i + size_of(c, i), Pre), NO_BLOCK, i); */
    /*@ assert moved_alone: \at(prev_of(c, i), Pre) != 0 && \at(alloc_of(c, i + size_of(c, i)), Pre) != 0 ==>
          lists_same{Pre, Here}(c, heads, NO_BLOCK, NO_BLOCK, NO_BLOCK, i); */
    //@ assert frame_lemma: by_lists_frame;
    //@ assert heads_same_release: heads_kept{Pre, Here}(c, heads);
    //@ assert map_same: group_map_same{Pre, Here}(c);
    //@ assert map_lemma: by_map_frame;
}

/* Free validated block i: its free neighbours leave their lists, the tags
 * merge (release_tags), and the block that results joins the list of its
 * class.  Constant work: no list is walked. */
void core_release(core_heap *c, uint64_t *heads, int64_t i)
{
    //@ assert ok: block_ok(c, i) && is_start(c, i + size_of(c, i));
    int64_t next = i + block_size(c, i);
    //@ assert next_ok: header_ok(c, next) && (alloc_of(c, next) == 0 ==> is_free(c, next));
    int64_t prev_free = block_prev_alloc(c, i) == 0;
    int64_t next_free = block_is_alloc(c, next) == 0;
    int64_t prev = i;
    if (prev_free) {
        prev = i - c->words[i - 1] / WORD_BYTES;
        //@ assert prev_found: is_free(c, prev_start(c, i)) && prev_start(c, i) + size_of(c, prev_start(c, i)) == i;
        //@ assert prev_is_start: prev == prev_start(c, i);
        //@ assert prev_block: prev == prev_start(c, i) && is_free(c, prev) && prev != next && prev < i;
        unlink_free(c, heads, prev) /*@ ghost (NO_BLOCK) */;
    }
    //@ assert tags_1: by_tags_kept_trans && tags_kept{Pre, Here}(c);
    /*@ assert words_1: \forall integer j, k; \at(is_alloc(c, j), Pre) && 0 < k < \at(size_of(c, j), Pre) ==>
          block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    //@ assert alloc_1: allocated_only{Pre, Here}(c, NO_BLOCK, NO_BLOCK) && allocated_kept{Pre, Here}(c, NO_BLOCK);
    //@ assert held_prev: lists_except(c, heads, NO_BLOCK, prev_free ? prev : NO_BLOCK);
    if (next_free) {
        //@ assert swap: by_lists_swap && lists_except(c, heads, prev_free ? prev : NO_BLOCK, NO_BLOCK);
        //@ assert still_free: is_free(c, next) && (prev_free ==> next != prev);
        unlink_free(c, heads, next) /*@ ghost (prev_free ? prev : NO_BLOCK) */;
    }
    //@ assert tags_2: tags_kept{Pre, Here}(c);
    /*@ assert words_2: \forall integer j, k; \at(is_alloc(c, j), Pre) && 0 < k < \at(size_of(c, j), Pre) ==>
          block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    //@ assert alloc_2: allocated_only{Pre, Here}(c, NO_BLOCK, NO_BLOCK) && allocated_kept{Pre, Here}(c, NO_BLOCK);
    //@ assert unlinked_both: prev_free && next_free ==> lists_except(c, heads, prev, next);
    //@ assert unlinked_prev: prev_free && !next_free ==> lists_except(c, heads, NO_BLOCK, prev);
    //@ assert unlinked_next: !prev_free && next_free ==> lists_except(c, heads, NO_BLOCK, next);
    //@ assert unlinked_none: !prev_free && !next_free ==> lists_except(c, heads, NO_BLOCK, NO_BLOCK);
    //@ assert footer_was: prev_free ==> \at(is_free(c, prev_start(c, i)), Pre) && \at(prev_start(c, i) + size_of(c, prev_start(c, i)) - 1, Pre) == i - 1;
    /*@ assert footer_inst: prev_free ==> \let p = \at(prev_start(c, i), Pre);
          c->words[p + \at(size_of(c, p), Pre) - 1] == \at(c->words[p + size_of(c, p) - 1], Pre); */
    //@ assert footer_kept: prev_free ==> c->words[i - 1] == \at(c->words[i - 1], Pre);
    //@ assert live: heap_inv(c) && is_alloc(c, i) && size_of(c, i) == \at(size_of(c, i), Pre);
    //@ assert bits: \let nx = next; prev_of(c, i) == \at(prev_of(c, i), Pre) && alloc_of(c, nx) == \at(alloc_of(c, nx), Pre);
    //@ assert prev_word: prev_free ==> prev == i - c->words[i - 1] / WORD_BYTES;
    //@ assert prev_def: prev_start(c, i) == i - c->words[i - 1] / WORD_BYTES;
    //@ assert prev_same: prev_free ==> prev_start(c, i) == prev;
    //@ assert state_before: c->n == \at(c->n, Pre) && c->classes == \at(c->classes, Pre);
    release_tags(c, i) /*@ ghost (heads) */;
    //@ assert released_n: c->n == \at(c->n, Pre);
    //@ assert released_classes: c->classes == \at(c->classes, Pre);
    //@ assert released_state: c->n == \at(c->n, Pre) && c->classes == \at(c->classes, Pre);
    //@ assert released_region: heads_region(c, heads);
    //@ assert merged_prev: prev_free ==> is_free(c, prev) && lists_except(c, heads, NO_BLOCK, prev);
    //@ assert merged_alone: !prev_free ==> is_free(c, i) && lists_except(c, heads, NO_BLOCK, i);
    //@ assert prev_is_i: !prev_free ==> prev == i;
    //@ assert merged_free: is_free(c, prev);
    //@ assert merged: is_free(c, prev) && lists_except(c, heads, NO_BLOCK, prev);
    /*@ assert words_3: \forall integer j, k; \at(is_alloc(c, j), Pre) && j != i && 0 < k < \at(size_of(c, j), Pre) ==>
          block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    //@ assert alloc_3: allocated_only{Pre, Here}(c, i, NO_BLOCK) && allocated_kept{Pre, Here}(c, i);
    /*@ assert freed_3: (prev_free ==> alloc_of(c, prev) == 0 && \at(size_of(c, i), Pre) < size_of(c, prev)) &&
          (!prev_free ==> alloc_of(c, i) == 0 && \at(size_of(c, i), Pre) <= size_of(c, i)); */
    link_free(c, heads, prev) /*@ ghost (NO_BLOCK) */;
    /*@ assert freed_4: (prev_free ==> alloc_of(c, prev) == 0 && \at(size_of(c, i), Pre) < size_of(c, prev)) &&
          (!prev_free ==> alloc_of(c, i) == 0 && \at(size_of(c, i), Pre) <= size_of(c, i)); */
    /*@ assert words_4: \forall integer j, k; \at(is_alloc(c, j), Pre) && j != i && 0 < k < \at(size_of(c, j), Pre) ==>
          block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
}

/* Copy words[from + 1 .. from + count - 1] to words[to + 1 .. to + count - 1]
 * (the two ranges do not overlap). */
/*@ requires count: 1 <= count;
    requires indices: 0 <= from && from + count <= max_words && 0 <= to && to + count <= max_words;
    requires valid: \valid(words + (to + 1 .. to + count - 1)) &&
                    \valid_read(words + (from + 1 .. from + count - 1));
    requires apart: from + count <= to || to + count <= from;
    assigns words[to + 1 .. to + count - 1];
    ensures copied: \forall integer k; 0 < k < count ==> words[to + k] == \old(words[from + k]);
*/
static void copy_words(word *words, int64_t from, int64_t to, int64_t count)
{
    /*@ loop invariant 1 <= k <= count;
        loop invariant copied: \forall integer p; to < p < to + k ==> words[p] == \at(words[p - to + from], Pre);
        loop assigns k, words[to + 1 .. to + count - 1];
        loop variant count - k;
    */
    for (int64_t k = 1; k < count; k++)
        words[to + k] = words[from + k];
}

/* Copy the first `count` - 1 payload words of allocated block `from` into
 * allocated block `to`.  Only payload words change, and the invariant reads none
 * of them. */
/*@ requires invariant: heap_inv(c);
    requires source: is_alloc(c, from);
    requires target: is_alloc(c, to) && to != from;
    requires count: 1 <= count <= size_of(c, from) && count <= size_of(c, to);
    assigns c->words[to + 1 .. to + count - 1];
    ensures copied: \forall integer k; 0 < k < count ==> block_word(c, to, k) == \old(block_word(c, from, k));
    ensures same_allocated: allocated_only{Old, Post}(c, NO_BLOCK, NO_BLOCK);
    ensures allocated_kept: allocated_kept{Old, Post}(c, NO_BLOCK);
    ensures others_words: \forall integer j, k; \old(is_alloc(c, j)) && j != to &&
      0 < k < \old(size_of(c, j)) ==> block_word(c, j, k) == \old(block_word(c, j, k));
    ensures invariant: heap_inv(c);
    ensures lists: \old(lists_ok(c, heads)) ==> lists_ok(c, heads);
*/
static void copy_payload(core_heap *c, int64_t from, int64_t to, int64_t count) /*@ ghost (uint64_t *heads) */
{
    //@ assert blocks: block_ok(c, from) && block_ok(c, to);
    //@ assert apart: from + size_of(c, from) <= to || to + size_of(c, to) <= from;
    /*@ assert free_apart: \forall integer j; is_free(c, j) ==>
          j + size_of(c, j) <= to || to + size_of(c, to) <= j; */
    /*@ assert alloc_apart: \forall integer j; is_alloc(c, j) && j != to ==>
          j + size_of(c, j) <= to || to + size_of(c, to) <= j; */
    copy_words(c->words, from, to, count);
    /* Every start, and the footer of every free block, lies outside the target's payload. */
    /*@ assert starts_outside: \forall integer j; \at(is_start(c, j), Pre) ==> j <= to || to + count <= j; */
    /*@ assert free_outside: \forall integer j; \at(is_free(c, j), Pre) ==>
          j + \at(size_of(c, j), Pre) <= to || to + count <= j; */
    //@ assert same_n: c->n == \at(c->n, Pre);
    //@ assert starts_kept: \forall integer j; is_start(c, j) <==> \at(is_start(c, j), Pre);
    /*@ assert headers_kept: \forall integer j; \at(is_start(c, j), Pre) ==>
          c->words[j] == \at(c->words[j], Pre); */
    /*@ assert footers_kept: \forall integer j; \at(is_free(c, j), Pre) ==>
          c->words[j + \at(size_of(c, j), Pre) - 1] == \at(c->words[j + size_of(c, j) - 1], Pre); */
    //@ assert kept: tags_kept{Pre, Here}(c);
    //@ assert lemmas: tags_kept_lemmas;
    /* No link word of a free block was written, and the heads were not. */
    //@ assert free_same: by_kept_free && free_kept{Pre, Here}(c);
    /*@ assert links_kept: \forall integer f; \at(is_free(c, f), Pre) ==>
          list_next(c, f) == \at(list_next(c, f), Pre) && list_prev(c, f) == \at(list_prev(c, f), Pre); */
    //@ assert heads_same: heads_kept{Pre, Here}(c, heads);
    //@ assert kept_lemmas: by_kept_lists && by_lists_frame;
    //@ assert same: lists_same{Pre, Here}(c, heads, NO_BLOCK, NO_BLOCK, NO_BLOCK, NO_BLOCK);
    //@ assert map_same: group_map_same{Pre, Here}(c);
    //@ assert map_lemma: by_map_frame;
    //@ assert map: \at(group_map_ok(c, heads), Pre) ==> group_map_ok(c, heads);
    //@ assert lists: \at(lists_ok(c, heads), Pre) ==> lists_ok(c, heads);
}

/* Allocated block i, followed by a free block with which it holds `need` words,
 * grows over it (and gives back what it does not need). */
/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires lists: lists_except(c, heads, NO_BLOCK, i + size_of(c, i));
    requires map: group_map_ok(c, heads);
    requires live: is_alloc(c, i);
    requires need: MIN_BLOCK_WORDS <= need && need % 2 == 0 && size_of(c, i) < need;
    requires next_free: is_free(c, i + size_of(c, i)) &&
                        need <= size_of(c, i) + size_of(c, i + size_of(c, i));
    requires clock: list_clock <= CLOCK_LIMIT - 1;
    assigns c->words[0 .. c->n - 1], c->starts[0 .. c->n / 2 - 1], heads[0 .. c->classes - 1],
            c->group_map[0 .. (c->classes - 1) / GROUP_CLASSES],
            list_stamp[0 .. CORE_MAX_WORDS / 2 - 1], list_clock;
    ensures clock: \old(list_clock) <= list_clock <= \old(list_clock) + 1;
    ensures lists: lists_ok(c, heads);
    ensures grown: is_alloc(c, i) && need <= size_of(c, i);
    ensures tight: size_of(c, i) < need + MIN_BLOCK_WORDS;
    ensures payload_kept: \forall integer k; i < k < i + \old(size_of(c, i)) ==> c->words[k] == \old(c->words[k]);
    ensures only_old: allocated_only{Old, Post}(c, NO_BLOCK, NO_BLOCK);
    ensures allocated_kept: allocated_kept{Old, Post}(c, i);
    ensures others_words: \forall integer j, k; \old(is_alloc(c, j)) && j != i &&
      0 < k < \old(size_of(c, j)) ==> block_word(c, j, k) == \old(block_word(c, j, k));
    ensures invariant: heap_inv(c);
*/
static void grow_in_place(core_heap *c, uint64_t *heads, int64_t i, int64_t need)
{
    //@ assert block: block_ok(c, i) && is_start(c, i + size_of(c, i));
    //@ assert next_ok: block_ok(c, i + size_of(c, i)) && is_start(c, i + size_of(c, i) + size_of(c, i + size_of(c, i)));
    /*@ assert after: \let a = i + size_of(c, i) + size_of(c, i + size_of(c, i));
          header_ok(c, a) && prev_of(c, a) == 0; */
    //@ assert even: (size_of(c, i) + size_of(c, i + size_of(c, i))) % 2 == 0 && 0 <= prev_of(c, i) <= 1;
    /*@ assert written_inside: \let x = i + size_of(c, i); \let a = x + size_of(c, x);
          0 <= i < c->n && 0 <= x / 2 < c->n / 2 && 0 <= a < c->n; */
    /* The words absorb writes are starts (i, the one after the free block) or the
     * free block's map byte: none lies inside another allocated block. */
    /*@ assert apart_i: \forall integer j; is_alloc(c, j) && j != i ==>
          j + size_of(c, j) <= i || i + size_of(c, i) <= j; */
    /*@ assert apart_next_below: \let x = i + size_of(c, i); \forall integer j; is_alloc(c, j) && j < x ==>
          j + size_of(c, j) <= x; */
    /*@ assert apart_next_above: \let x = i + size_of(c, i); \forall integer j; is_alloc(c, j) && x < j ==>
          x + size_of(c, x) <= j; */
    //@ assert next_free_not_alloc: \let x = i + size_of(c, i); !is_alloc(c, x);
    /*@ assert after_next: \let x = i + size_of(c, i); \forall integer j; is_alloc(c, j) && x <= j ==> x < j; */
    /*@ assert others_apart: \let x = i + size_of(c, i); \let a = x + size_of(c, x);
          \forall integer j; is_alloc(c, j) && j != i ==> j + size_of(c, j) <= i || a <= j; */
    /*@ assert next_not_alloc: \let x = i + size_of(c, i); \forall integer j; is_alloc(c, j) ==> j != x; */
    absorb_next_free(c, i);
    /*@ assert absorbed_same: \let x = \at(i + size_of(c, i), Pre);
          lists_same{Pre, Here}(c, heads, NO_BLOCK, x, NO_BLOCK, NO_BLOCK); */
    //@ assert frame_lemma: by_lists_frame;
    //@ assert heads_same: heads_kept{Pre, Here}(c, heads);
    //@ assert map_same: group_map_same{Pre, Here}(c);
    //@ assert map_lemma: by_map_frame;
    //@ assert lists_absorbed: lists_ok(c, heads);
    /* Absorbing writes no payload word of another allocated block (others_apart). */
    /*@ assert absorbed_payloads: \forall integer j, k; \at(is_alloc(c, j), Pre) && j != i &&
          0 < k < \at(size_of(c, j), Pre) ==> c->words[j + k] == \at(c->words[j + k], Pre); */
    /*@ assert grown_size: size_of(c, i) == \at(size_of(c, i) + size_of(c, i + size_of(c, i)), Pre) &&
          alloc_of(c, i) == 1 && is_start(c, i); */
    /*@ assert grown_payload: \forall integer k; i < k < i + \at(size_of(c, i), Pre) ==>
          c->words[k] == \at(c->words[k], Pre); */
    //@ assert same_n: c->n == \at(c->n, Pre);
    /*@ assert absorbed_starts: \forall integer j; is_start(c, j) ==> \at(is_start(c, j), Pre); */
    /*@ assert absorbed_headers: \let x = i + \at(size_of(c, i), Pre); \let a = x + \at(size_of(c, x), Pre);
          \forall integer j; \at(is_start(c, j), Pre) && j != i && j != a ==> c->words[j] == \at(c->words[j], Pre); */
    /*@ assert after_word: \let x = i + \at(size_of(c, i), Pre); \let a = x + \at(size_of(c, x), Pre);
          c->words[a] == hdr_make(\at(size_of(c, a), Pre), 1, \at(alloc_of(c, a), Pre)); */
    /*@ assert after_kept: \let x = i + \at(size_of(c, i), Pre); \let a = x + \at(size_of(c, x), Pre);
          size_of(c, a) == \at(size_of(c, a), Pre) && alloc_of(c, a) == \at(alloc_of(c, a), Pre); */
    //@ assert absorbed_only: \forall integer j; is_alloc(c, j) ==> \at(is_alloc(c, j), Pre);
    /*@ assert absorbed_map: \forall integer j; \at(is_alloc(c, j), Pre) && j != i ==> is_start(c, j); */
    /*@ assert absorbed_stay: \forall integer j; \at(is_alloc(c, j), Pre) && j != i ==>
          is_alloc(c, j) && size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ assert absorbed_words: \forall integer j, k; \at(is_alloc(c, j), Pre) && j != i &&
          0 < k < \at(size_of(c, j), Pre) ==>
          is_alloc(c, j) && k < size_of(c, j) && block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    if (block_size(c, i) - need >= MIN_BLOCK_WORDS)
        shrink_in_place(c, heads, i, need);
    //@ assert only: \forall integer j; is_alloc(c, j) ==> \at(is_alloc(c, j), Pre);
    /*@ assert stay: \forall integer j; \at(is_alloc(c, j), Pre) && j != i ==>
          is_alloc(c, j) && size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ assert contents: \forall integer j, k; \at(is_alloc(c, j), Pre) && j != i &&
          0 < k < \at(size_of(c, j), Pre) ==> block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
}

/* Block i moved to a new block of `need` words (more than it has), its payload
 * copied, and freed; NO_BLOCK, with the heap untouched, if none is free. */
/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires lists: lists_ok(c, heads);
    requires live: is_alloc(c, i);
    requires need: size_of(c, i) < need <= max_words && need % 2 == 0;
    requires clock: list_clock <= CLOCK_LIMIT - 2;
    assigns c->words[0 .. c->n - 1], c->starts[0 .. c->n / 2 - 1], heads[0 .. c->classes - 1],
            c->group_map[0 .. (c->classes - 1) / GROUP_CLASSES],
            list_stamp[0 .. CORE_MAX_WORDS / 2 - 1], list_clock;
    ensures clock: \old(list_clock) <= list_clock <= \old(list_clock) + 2;
    ensures lists: lists_ok(c, heads);
    ensures failed_unchanged: \result == NO_BLOCK ==>
      (\forall integer k; 0 <= k < c->n ==> c->words[k] == \old(c->words[k])) &&
      (\forall integer k; 0 <= k < c->n / 2 ==> c->starts[k] == \old(c->starts[k]));
    ensures moved: \result != NO_BLOCK ==> is_alloc(c, \result) && need <= size_of(c, \result);
    ensures tight: \result != NO_BLOCK ==> size_of(c, \result) < need + MIN_BLOCK_WORDS;
    ensures none_fits: \result == NO_BLOCK ==>
      \forall integer k; 0 <= k < c->classes && class_min(k) >= need ==> \old(head_of(heads, k)) == NO_BLOCK;
    ensures contents_kept: \result != NO_BLOCK ==>
      \forall integer k; 0 < k < \old(size_of(c, i)) ==> block_word(c, \result, k) == \old(block_word(c, i, k));
    ensures only_result_new: \result != NO_BLOCK ==> allocated_only{Old, Post}(c, i, \result);
    ensures allocated_kept: \result != NO_BLOCK ==> allocated_kept{Old, Post}(c, i);
    ensures others_words: \result != NO_BLOCK ==> \forall integer j, k; \old(is_alloc(c, j)) && j != i &&
      0 < k < \old(size_of(c, j)) ==> block_word(c, j, k) == \old(block_word(c, j, k));
    ensures invariant: heap_inv(c);
*/
static int64_t move_block(core_heap *c, uint64_t *heads, int64_t i, int64_t need)
{
    /* The heap's size is not among the words the three steps write. */
    //@ assert n_apart: \separated(&c->n, c->words + (0 .. c->n - 1), c->starts + (0 .. c->n / 2 - 1));
    //@ assert classes_apart: \separated(&c->classes, c->words + (0 .. c->n - 1), c->starts + (0 .. c->n / 2 - 1));
    int64_t size = block_size(c, i);
    int64_t moved = core_malloc(c, heads, need);
    if (moved == NO_BLOCK)
        return NO_BLOCK;
    //@ assert both_live: is_alloc(c, i) && size_of(c, i) == size && is_alloc(c, moved) && moved != i;
    //@ assert moved_new: \let m = moved; !\at(is_alloc(c, m), Pre);
    //@ assert malloc_only: \forall integer j; is_alloc(c, j) ==> \at(is_alloc(c, j), Pre) || j == moved;
    /*@ assert malloc_stay: \forall integer j; \at(is_alloc(c, j), Pre) ==>
          is_alloc(c, j) && size_of(c, j) == \at(size_of(c, j), Pre); */
    //@ assert moved_tight: size_of(c, moved) < need + MIN_BLOCK_WORDS;
    //@ assert source_kept: \forall integer k; 0 < k < size ==> block_word(c, i, k) == \at(block_word(c, i, k), Pre);
    /*@ assert malloc_words: \forall integer j, k; \at(is_alloc(c, j), Pre) &&
          0 < k < \at(size_of(c, j), Pre) ==> block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    /*@ assert copy_frame: \forall integer j, k; \at(is_alloc(c, j), Pre) && 0 < k < \at(size_of(c, j), Pre) ==>
          is_alloc(c, j) && j != moved && k < size_of(c, j) && block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    copy_payload(c, i, moved, size) /*@ ghost (heads) */;
    //@ assert copied: \forall integer k; 0 < k < size ==> block_word(c, moved, k) == \at(block_word(c, i, k), Pre);
    //@ assert moved_live: is_alloc(c, moved) && need <= size_of(c, moved) && is_alloc(c, i) && size < need;
    //@ assert still_tight: size_of(c, moved) < need + MIN_BLOCK_WORDS;
    //@ assert copy_only: \forall integer j; is_alloc(c, j) ==> \at(is_alloc(c, j), Pre) || j == moved;
    /*@ assert copy_stay: \forall integer j; \at(is_alloc(c, j), Pre) ==>
          is_alloc(c, j) && size_of(c, j) == \at(size_of(c, j), Pre); */
    //@ assert same_n: c->n == \at(c->n, Pre) && c->classes == \at(c->classes, Pre);
    /*@ assert release_frame: \forall integer j, k; \at(is_alloc(c, j), Pre) && j != i &&
          0 < k < \at(size_of(c, j), Pre) ==>
          is_alloc(c, j) && k < size_of(c, j) && block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    core_release(c, heads, i);
    //@ assert kept: \forall integer k; 0 < k < size ==> block_word(c, moved, k) == \at(block_word(c, i, k), Pre);
    //@ assert only: \forall integer j; is_alloc(c, j) ==> (\at(is_alloc(c, j), Pre) && j != i) || j == moved;
    /*@ assert stay: \forall integer j; \at(is_alloc(c, j), Pre) && j != i ==>
          is_alloc(c, j) && size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ assert contents: \forall integer j, k; \at(is_alloc(c, j), Pre) && j != i &&
          0 < k < \at(size_of(c, j), Pre) ==> block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    return moved;
}

/* Validated block i resized to hold `need` words; returns its (possibly new)
 * index, or NO_BLOCK with the heap untouched. */
int64_t core_realloc(core_heap *c, uint64_t *heads, int64_t i, int64_t need)
{
    //@ ghost free_classes_headed(c, heads);
    int64_t size = block_size(c, i);
    //@ assert block: block_ok(c, i) && is_start(c, i + size);
    if (need <= size) {
        if (size - need >= MIN_BLOCK_WORDS)
            shrink_in_place(c, heads, i, need);
        //@ assert shrunk_only: \forall integer j; is_alloc(c, j) ==> \at(is_alloc(c, j), Pre);
        /*@ assert kept: \forall integer k; 0 < k < need ==>
              block_word(c, i, k) == \at(block_word(c, i, k), Pre); */
        return i;
    }
    int64_t next = i + size;
    //@ assert next_header: header_ok(c, next);
    if (block_is_alloc(c, next) == 0 && size + block_size(c, next) >= need) {
        //@ assert next_free: is_free(c, next);
        unlink_free(c, heads, next) /*@ ghost (NO_BLOCK) */;
        /*@ assert step_words: \forall integer j, k; \at(is_alloc(c, j), Pre) && 0 < k < \at(size_of(c, j), Pre) ==>
              block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
        //@ assert step_alloc: allocated_only{Pre, Here}(c, NO_BLOCK, NO_BLOCK) && allocated_kept{Pre, Here}(c, NO_BLOCK);
        //@ assert unlinked: heap_inv(c) && is_alloc(c, i) && size_of(c, i) == size && is_free(c, next);
        //@ assert next_size: \let nx = next; size_of(c, nx) == \at(size_of(c, nx), Pre);
        grow_in_place(c, heads, i, need);
        //@ assert grown_alloc: allocated_only{Pre, Here}(c, i, i) && allocated_kept{Pre, Here}(c, i);
        /*@ assert grown_words: \forall integer j, k; \at(is_alloc(c, j), Pre) && j != i && 0 < k < \at(size_of(c, j), Pre) ==>
              block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
        //@ assert grown_only: \forall integer j; is_alloc(c, j) ==> \at(is_alloc(c, j), Pre);
        /*@ assert kept: \forall integer k; 0 < k < size ==>
              block_word(c, i, k) == \at(block_word(c, i, k), Pre); */
        return i;
    }
    int64_t moved = move_block(c, heads, i, need);
    /*@ assert kept: moved != NO_BLOCK ==> \forall integer k; 0 < k < size ==>
          block_word(c, moved, k) == \at(block_word(c, i, k), Pre); */
    return moved;
}

/* Allocate `need` words at i + gap inside free block i: the gap in front
 * becomes a block of its own, which is freed again (merging as needed). */
/*@ requires invariant: heap_inv(c);
    requires heads: heads_region(c, heads);
    requires lists: lists_except(c, heads, NO_BLOCK, i);
    requires map: group_map_ok(c, heads);
    requires free_block: is_free(c, i);
    requires gap: MIN_BLOCK_WORDS <= gap && gap % 2 == 0;
    requires need: MIN_BLOCK_WORDS <= need && need % 2 == 0 && gap + need <= size_of(c, i);
    requires clock: list_clock <= CLOCK_LIMIT - 2;
    assigns c->words[0 .. c->n - 1], c->starts[0 .. c->n / 2 - 1], heads[0 .. c->classes - 1],
            c->group_map[0 .. (c->classes - 1) / GROUP_CLASSES],
            list_stamp[0 .. CORE_MAX_WORDS / 2 - 1], list_clock;
    ensures clock: \old(list_clock) <= list_clock <= \old(list_clock) + 2;
    ensures lists: lists_ok(c, heads);
    ensures allocated: is_alloc(c, i + gap) && need <= size_of(c, i + gap);
    ensures tight: size_of(c, i + gap) < need + MIN_BLOCK_WORDS;
    ensures only_result_new: allocated_only{Old, Post}(c, NO_BLOCK, i + gap);
    ensures allocated_kept: allocated_kept{Old, Post}(c, NO_BLOCK);
    ensures others_words: \forall integer j, k; \old(is_alloc(c, j)) &&
      0 < k < \old(size_of(c, j)) ==> block_word(c, j, k) == \old(block_word(c, j, k));
    ensures invariant: heap_inv(c);
*/
static void place_after_gap(core_heap *c, uint64_t *heads, int64_t i, int64_t gap, int64_t need)
{
    /* The words the split writes lie inside free block i, apart from every allocated block. */
    //@ assert cut_inside: i < i + gap < i + size_of(c, i) && 2 * ((i + gap) / 2) + 1 == i + gap;
    //@ assert cut_not_start: !is_start(c, i + gap);
    /*@ assert apart: \forall integer j; is_alloc(c, j) ==>
          j + size_of(c, j) <= i || i + size_of(c, i) <= j; */
    split_free_block(c, i, gap);
    //@ assert split_same: lists_same{Pre, Here}(c, heads, NO_BLOCK, i, NO_BLOCK, i + gap);
    //@ assert frame_lemma: by_lists_frame;
    //@ assert split_lists: lists_except(c, heads, NO_BLOCK, i + gap);
    //@ assert heads_same: heads_kept{Pre, Here}(c, heads);
    //@ assert map_same: group_map_same{Pre, Here}(c);
    //@ assert map_lemma: by_map_frame;
    //@ assert split_map: group_map_ok(c, heads);
    int64_t room = block_size(c, i + gap);
    /* The split wrote no payload word of an allocated block (apart). */
    /*@ assert split_payloads: \forall integer j, k; \at(is_alloc(c, j), Pre) && 0 < k < \at(size_of(c, j), Pre) ==>
          c->words[j + k] == \at(c->words[j + k], Pre); */
    //@ assert same_n: c->n == \at(c->n, Pre);
    /*@ assert split_starts: \forall integer j; is_start(c, j) && j != i + gap ==> \at(is_start(c, j), Pre); */
    /*@ assert split_headers: \forall integer j; \at(is_start(c, j), Pre) && j != i ==>
          c->words[j] == \at(c->words[j], Pre); */
    //@ assert rest_not_alloc: alloc_of(c, i + gap) == 0;
    /*@ assert split_alloc_starts: \forall integer j; is_alloc(c, j) && j != i ==>
          \at(is_start(c, j), Pre) && c->words[j] == \at(c->words[j], Pre); */
    //@ assert split_only: \forall integer j; is_alloc(c, j) ==> \at(is_alloc(c, j), Pre) || j == i;
    /*@ assert split_stay: \forall integer j; \at(is_alloc(c, j), Pre) ==>
          is_alloc(c, j) && size_of(c, j) == \at(size_of(c, j), Pre); */
    //@ assert rest_free: is_free(c, i + gap) && need <= size_of(c, i + gap);
    //@ assert gap_head: alloc_of(c, i) == 1 && is_block(c, i);
    //@ assert gap_word: c->words[i] == hdr_make(gap, \at(prev_of(c, i), Pre), 1) && c->starts[i / 2] == 1;
    /*@ assert place_frame: \forall integer j, k; \at(is_alloc(c, j), Pre) && 0 < k < \at(size_of(c, j), Pre) ==>
          is_alloc(c, j) && k < size_of(c, j) && block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    //@ assert place_in_heap: 1 <= i + gap && i + gap + size_of(c, i + gap) <= c->n - 1;
    place(c, i + gap, need) /*@ ghost (heads) */;
    //@ assert placed_state: c->n == \at(c->n, Pre) && c->classes == \at(c->classes, Pre);
    //@ assert placed_region: heads_region(c, heads);
    //@ assert placed_split_lists: room - need >= MIN_BLOCK_WORDS ==> lists_except(c, heads, NO_BLOCK, i + gap + need);
    //@ assert placed_whole_lists: room - need < MIN_BLOCK_WORDS ==> lists_except(c, heads, NO_BLOCK, NO_BLOCK);
    //@ assert placed_map: group_map_ok(c, heads);
    //@ assert gap_kept: c->words[i] == hdr_make(gap, \at(prev_of(c, i), Pre), 1) && c->starts[i / 2] == 1;
    //@ assert gap_allocated: is_alloc(c, i);
    //@ assert placed: is_alloc(c, i + gap) && need <= size_of(c, i + gap);
    //@ assert placed_tight: size_of(c, i + gap) < need + MIN_BLOCK_WORDS;
    //@ assert placed_only: \forall integer j; is_alloc(c, j) ==> \at(is_alloc(c, j), Pre) || j == i || j == i + gap;
    /*@ assert placed_stay: \forall integer j; \at(is_alloc(c, j), Pre) ==>
          is_alloc(c, j) && size_of(c, j) == \at(size_of(c, j), Pre); */
    //@ assert gap_was_free: !\at(is_alloc(c, i), Pre);
    /*@ assert release_frame: \forall integer j, k; \at(is_alloc(c, j), Pre) && 0 < k < \at(size_of(c, j), Pre) ==>
          is_alloc(c, j) && j != i && k < size_of(c, j) && block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    if (room - need >= MIN_BLOCK_WORDS) {
        //@ assert rest: is_free(c, i + gap + need);
        link_free(c, heads, i + gap + need) /*@ ghost (NO_BLOCK) */;
        /* Stated in the branch: after the join the same fact took CVC4 14.8 s. */
        //@ assert rest_linked_state: c->n == \at(c->n, Pre) && c->classes == \at(c->classes, Pre);
    }
    //@ assert linked_state: c->n == \at(c->n, Pre) && c->classes == \at(c->classes, Pre);
    //@ assert linked_region: heads_region(c, heads);
    //@ assert linked_lists: lists_ok(c, heads);
    /* Linking wrote link words of free blocks only: what the release needs still holds. */
    //@ assert linked_gap: is_alloc(c, i) && is_alloc(c, i + gap) && need <= size_of(c, i + gap);
    //@ assert linked_tight: size_of(c, i + gap) < need + MIN_BLOCK_WORDS;
    //@ assert linked_only: \forall integer j; is_alloc(c, j) ==> \at(is_alloc(c, j), Pre) || j == i || j == i + gap;
    /*@ assert linked_stay: \forall integer j; \at(is_alloc(c, j), Pre) ==>
          is_alloc(c, j) && size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ assert linked_frame: \forall integer j, k; \at(is_alloc(c, j), Pre) && 0 < k < \at(size_of(c, j), Pre) ==>
          is_alloc(c, j) && j != i && k < size_of(c, j) && block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    core_release(c, heads, i);
    //@ assert only: \forall integer j; is_alloc(c, j) ==> \at(is_alloc(c, j), Pre) || j == i + gap;
    /*@ assert stay: \forall integer j; \at(is_alloc(c, j), Pre) ==>
          is_alloc(c, j) && size_of(c, j) == \at(size_of(c, j), Pre); */
    /*@ assert contents: \forall integer j, k; \at(is_alloc(c, j), Pre) && 0 < k < \at(size_of(c, j), Pre) ==>
          block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
}

/* A block of `need` words whose payload granule g satisfies
 * (base_phase + g) % align_granules == 0; NO_BLOCK if none fits. */
int64_t core_aligned(core_heap *c, uint64_t *heads, int64_t need, int64_t align_granules,
                     int64_t base_phase)
{
    //@ ghost free_classes_headed(c, heads);
    int64_t i = find_aligned_fit(c, heads, need, align_granules, base_phase);
    if (i == NO_BLOCK)
        return NO_BLOCK;
    int64_t gap = aligned_gap(i, align_granules, base_phase);
    //@ assert gap_granule: i % 2 == 1 && (i + gap + 1) / 2 == (i + 1) / 2 + gap / 2;
    //@ assert gap_aligned: \exists integer m; 0 <= m && base_phase + (i + gap + 1) / 2 == m * align_granules;
    if (gap == 0) {
        take_block(c, heads, i, need);
        //@ assert still_start: is_start(c, i);
        //@ assert placed: is_alloc(c, i) && need <= size_of(c, i);
    } else {
        unlink_free(c, heads, i) /*@ ghost (NO_BLOCK) */;
        /*@ assert step_words: \forall integer j, k; \at(is_alloc(c, j), Pre) && 0 < k < \at(size_of(c, j), Pre) ==>
              block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
        //@ assert step_alloc: allocated_only{Pre, Here}(c, NO_BLOCK, NO_BLOCK) && allocated_kept{Pre, Here}(c, NO_BLOCK);
        //@ assert taken: heap_inv(c) && is_free(c, i) && gap + need <= size_of(c, i) && lists_except(c, heads, NO_BLOCK, i);
        place_after_gap(c, heads, i, gap, need);
        //@ assert placed_alloc: allocated_only{Pre, Here}(c, NO_BLOCK, i + gap) && allocated_kept{Pre, Here}(c, NO_BLOCK);
        /*@ assert placed_words: \forall integer j, k; \at(is_alloc(c, j), Pre) && 0 < k < \at(size_of(c, j), Pre) ==>
              block_word(c, j, k) == \at(block_word(c, j, k), Pre); */
    }
    int64_t r = i + gap;
    //@ assert result_allocated: is_alloc(c, r) && need <= size_of(c, r);
    //@ assert payload_granule: (r + 1) / 2 == (i + 1) / 2 + gap / 2;
    //@ assert result_aligned: \exists integer m; 0 <= m && base_phase + (i + gap + 1) / 2 == m * align_granules;
    return r;
}

/* Zero the whole payload of allocated block i (calloc).  Only payload words
 * change, and the invariant reads none of them. */
void core_zero_payload(core_heap *c, int64_t i) /*@ ghost (uint64_t *heads) */
{
    /*@ assert block: block_ok(c, i); */
    int64_t size = block_size(c, i);
    /*@ loop invariant 1 <= k <= size;
        loop invariant zeroed: \forall integer m; i < m < i + k ==> c->words[m] == 0;
        loop assigns k, c->words[i + 1 .. i + size - 1];
        loop variant size - k;
    */
    for (int64_t k = 1; k < size; k++)
        c->words[i + k] = 0;
    /* Every start, and the footer of every free block, lies outside the payload. */
    /*@ assert starts_outside: \forall integer j; \at(is_start(c, j), Pre) ==> j <= i || i + size <= j; */
    /*@ assert free_outside: \forall integer j; \at(is_free(c, j), Pre) ==>
          j + \at(size_of(c, j), Pre) <= i || i + size <= j; */
    //@ assert same_n: c->n == \at(c->n, Pre);
    //@ assert starts_kept: \forall integer j; is_start(c, j) <==> \at(is_start(c, j), Pre);
    /*@ assert headers_kept: \forall integer j; \at(is_start(c, j), Pre) ==>
          c->words[j] == \at(c->words[j], Pre); */
    /*@ assert footers_kept: \forall integer j; \at(is_free(c, j), Pre) ==>
          c->words[j + \at(size_of(c, j), Pre) - 1] == \at(c->words[j + size_of(c, j) - 1], Pre); */
    //@ assert kept: tags_kept{Pre, Here}(c);
    //@ assert lemmas: tags_kept_lemmas;
    /* No link word of a free block was written, and the heads were not. */
    //@ assert free_same: by_kept_free && free_kept{Pre, Here}(c);
    /*@ assert links_kept: \forall integer f; \at(is_free(c, f), Pre) ==>
          list_next(c, f) == \at(list_next(c, f), Pre) && list_prev(c, f) == \at(list_prev(c, f), Pre); */
    //@ assert heads_same: heads_kept{Pre, Here}(c, heads);
    //@ assert kept_lemmas: by_kept_lists && by_lists_frame;
    //@ assert same: lists_same{Pre, Here}(c, heads, NO_BLOCK, NO_BLOCK, NO_BLOCK, NO_BLOCK);
    //@ assert map_same: group_map_same{Pre, Here}(c);
    //@ assert map_lemma: by_map_frame;
    //@ assert map: \at(group_map_ok(c, heads), Pre) ==> group_map_ok(c, heads);
    //@ assert lists: \at(lists_ok(c, heads), Pre) ==> lists_ok(c, heads);
}

int64_t core_usable_bytes(const core_heap *c, int64_t i)
{
    return (block_size(c, i) - HEADER_WORDS) * WORD_BYTES;
}

int core_product_fits(uint64_t count, uint64_t size, uint64_t limit)
{
    if (size == 0)
        return 1;
    /* limit = q * size + r with 0 <= r < size: count * size <= limit exactly when
     * count <= q, the quotient the code computes. */
    //@ assert division: limit == (limit / size) * size + limit % size && 0 <= limit % size < size;
    //@ assert within: count <= limit / size ==> count * size <= (limit / size) * size;
    //@ assert beyond: count > limit / size ==> count * size >= (limit / size) * size + size;
    return count <= limit / size;
}
