/*
 * tagheap — proof aids: linking a free block at the head of its class's list
 * (list_push) and unlinking a block from its list (list_unlink) keep the lists
 * consistent (specs/lists.h).
 *
 * Nothing here is a promise; every lemma is proved by `make prove`.  Same method
 * as specs/preserve.h: a description of the change between two states A and B,
 * and one lemma per clause of the lists, each in an axiomatic of its own whose
 * marker (`by_…`) a function asserts to use it.  Both changes write link words
 * and heads only: free blocks stay free and keep their sizes (free_kept).
 */
#ifndef TAGHEAP_SPEC_PRESERVE_LISTS_H
#define TAGHEAP_SPEC_PRESERVE_LISTS_H

/*@
  // From A to B the free blocks are the same blocks, with the same sizes.
  predicate free_kept{A,B}(core_heap *c) =
    (\forall integer j; is_free{B}(c, j) <==> is_free{A}(c, j)) &&
    (\forall integer j; is_free{A}(c, j) ==> size_of{B}(c, j) == size_of{A}(c, j));

  // Word w is a link word: no block starts there and no free block's footer is
  // there, so writing it leaves every tag the invariant reads as it was.
  predicate link_word{L}(core_heap *c, integer w) =
    !is_start(c, w) && (\forall integer f; is_free(c, f) ==> f + size_of(c, f) - 1 != w);

  // The link words of free block m are no link word of another free block
  // (starts are odd, so they are at least two words apart).
  predicate links_apart{L}(core_heap *c, integer m) =
    \forall integer f; is_free(c, f) && f != m ==>
      f + 1 != m + 1 && f + 1 != m + 2 && f + 2 != m + 1 && f + 2 != m + 2;

  // The two words after a free block's header are link words, apart from any
  // other free block's.
  axiomatic LinkWords { predicate by_link_words = \true;
    lemma link_words{L}: \forall core_heap *c, integer m;
      tiles(c) && no_inner_start(c) && headers_decode(c) && is_free(c, m) ==>
      link_word(c, m + 1) && link_word(c, m + 2); }
  axiomatic LinksApart { predicate by_links_apart = \true;
    lemma links_apart_odd{L}: \forall core_heap *c, integer m;
      is_free(c, m) ==> links_apart(c, m); }

  // A free block is a link target: a start with its two link words in the heap.
  axiomatic FreeTarget { predicate by_free_target = \true;
    lemma free_target{L}: \forall core_heap *c, integer t;
      by_ends_in && by_min_size_in &&
      tiles(c) && headers_decode(c) && is_free(c, t) ==> link_target(c, t); }

  // On consistent lists every free block is safe to unlink: what links_sane
  // checks holds.
  axiomatic ListedSafe { predicate by_listed_safe = \true;
    lemma listed_safe{L}: \forall core_heap *c, uint64_t *h, integer b;
      by_free_target &&
      tiles(c) && headers_decode(c) && lists_ok(c, h) && is_free(c, b) ==> unlink_safe(c, h, b); }

  // Word w is no payload word of an allocated block: it is at or before each
  // allocated block's header, or after its end.  (One bound variable, so that
  // the provers find the instance from is_alloc.)
  predicate not_payload{L}(core_heap *c, integer w) =
    \forall integer j; is_alloc(c, j) ==> w <= j || j + size_of(c, j) <= w;

  // Every class of the heap starts at or below its largest block's size.
  axiomatic ClassesFitAll { predicate by_classes_fit_all = \true;
    lemma classes_fit_all: \forall integer classes, n, k;
      by_class_facts && classes_fit(classes, n) && 0 <= k < classes ==> class_min(k) <= n - 2; }

  // With the tags kept, the free blocks are the same, with the same sizes.
  axiomatic KeptFree { predicate by_kept_free = \true;
    lemma kept_free{A,B}: \forall core_heap *c; tags_kept{A,B}(c) ==> free_kept{A,B}(c); }

  // Which of the two held-out blocks is named first does not matter.
  axiomatic ListsSwap { predicate by_lists_swap = \true;
    lemma lists_swap{L}: \forall core_heap *c, uint64_t *h, integer x, y;
      lists_except(c, h, x, y) ==> lists_except(c, h, y, x); }

  // ---- a change of the blocks that leaves the lists as they are ----

  // From A to B the heap keeps its classes and every head stays.
  predicate heads_kept{A,B}(core_heap *c, uint64_t *h) =
    \at(c->classes, B) == \at(c->classes, A) &&
    \forall integer m; head_of{B}(h, m) == head_of{A}(h, m);


  // From A to B every entry of the group map stays.
  predicate group_map_same{A,B}(core_heap *c) =
    \forall integer g; group_entry{B}(c, g) == group_entry{A}(c, g);

  // The group map stays exact while the heads, the classes and its entries stay.
  axiomatic MapFrame { predicate by_map_frame = \true;
    lemma map_entry_kept{A,B}: \forall core_heap *c, uint64_t *h, integer g;
      heads_kept{A,B}(c, h) && group_entry{B}(c, g) == group_entry{A}(c, g) &&
      group_right{A}(c, h, g) ==> group_right{B}(c, h, g);
    lemma map_frame{A,B}: \forall core_heap *c, uint64_t *h;
      group_map_ok{A}(c, h) && heads_kept{A,B}(c, h) && group_map_same{A,B}(c) ==> group_map_ok{B}(c, h); }

  // From A to B every stamp but block b's stays.
  predicate stamps_kept_but{A,B}(integer b) =
    \forall integer j; j != b / 2 ==> \at(list_stamp[j], B) == \at(list_stamp[j], A);

  // From A to B every stamp and the clock stay.
  predicate stamps_kept{A,B} =
    (\forall integer j; \at(list_stamp[j], B) == \at(list_stamp[j], A)) &&
    \at(list_clock, B) == \at(list_clock, A);

  // From A to B the heads stay; the listed blocks (held out: x, y at A, x2, y2 at
  // B) are the same blocks, each with the same size, links and stamp.  What a mutation
  // of the tags (split, merge, ...) must show about the lists: the blocks it
  // changes are the ones held out on both sides.
  predicate lists_same{A,B}(core_heap *c, uint64_t *h, integer x, integer y, integer x2, integer y2) =
    heads_kept{A,B}(c, h) && stamps_kept{A,B} &&
    (\forall integer j; listed{B}(c, j, x2, y2) <==> listed{A}(c, j, x, y)) &&
    (\forall integer j; listed{A}(c, j, x, y) ==>
       size_of{B}(c, j) == size_of{A}(c, j) &&
       list_next{B}(c, j) == list_next{A}(c, j) && list_prev{B}(c, j) == list_prev{A}(c, j));

  // Each clause carries over (one lemma each), and so all of them (one
  // axiomatic: its marker brings the six with the last).
  axiomatic ListsFrame { predicate by_lists_frame = \true;
    lemma frame_range{A,B}: \forall core_heap *c, uint64_t *h, integer m, x, y, x2, y2;
      classes_below{A}(c, m, x, y) && lists_same{A,B}(c, h, x, y, x2, y2) ==> classes_below{B}(c, m, x2, y2);
    lemma frame_next{A,B}: \forall core_heap *c, uint64_t *h, integer x, y, x2, y2;
      next_links{A}(c, x, y) && lists_same{A,B}(c, h, x, y, x2, y2) ==> next_links{B}(c, x2, y2);
    lemma frame_prev{A,B}: \forall core_heap *c, uint64_t *h, integer x, y, x2, y2;
      prev_links{A}(c, x, y) && lists_same{A,B}(c, h, x, y, x2, y2) ==> prev_links{B}(c, x2, y2);
    lemma frame_first{A,B}: \forall core_heap *c, uint64_t *h, integer x, y, x2, y2;
      heads_first{A}(c, h, x, y) && lists_same{A,B}(c, h, x, y, x2, y2) ==> heads_first{B}(c, h, x2, y2);
    lemma frame_heads{A,B}: \forall core_heap *c, uint64_t *h, integer m, x, y, x2, y2;
      heads_listed_below{A}(c, h, m, x, y) && lists_same{A,B}(c, h, x, y, x2, y2) ==>
      heads_listed_below{B}(c, h, m, x2, y2);
    lemma frame_ranked{A,B}: \forall core_heap *c, uint64_t *h, integer x, y, x2, y2;
      ranked_except{A}(c, x, y) && lists_same{A,B}(c, h, x, y, x2, y2) ==> ranked_except{B}(c, x2, y2);
    lemma lists_frame{A,B}: \forall core_heap *c, uint64_t *h, integer x, y, x2, y2;
      lists_except{A}(c, h, x, y) && lists_same{A,B}(c, h, x, y, x2, y2) ==> lists_except{B}(c, h, x2, y2); }

  // From A to B every word but a, b and d stays.
  predicate words_kept_but{A,B}(core_heap *c, integer a, integer b, integer d) =
    \forall integer k; 0 <= k < \at(c->n, A) && k != a && k != b && k != d ==>
      \at(c->words[k], B) == \at(c->words[k], A);

  // Every free block other than block i lies wholly before or after it.
  predicate free_apart{L}(core_heap *c, integer i) =
    \forall integer j; is_free(c, j) && j != i ==> next_of(c, j) <= i || next_of(c, i) <= j;

  axiomatic FreeApart { predicate by_free_apart = \true;
    lemma free_apart_blocks{L}: \forall core_heap *c, integer i;
      tiles(c) && no_inner_start(c) && is_block(c, i) ==> free_apart(c, i); }

  // No link word of a free block lies in the payload of an allocated block
  // (blocks tile the heap, and a free block has at least four words).
  axiomatic LinksOutside { predicate by_links_outside = \true;
    lemma links_outside{L}: \forall core_heap *c, integer f, j;
      by_free_apart && tiles(c) && no_inner_start(c) && headers_decode(c) &&
      is_free(c, f) && is_alloc(c, j) ==>
      f + 2 < j || j + size_of(c, j) <= f; }

  // Splitting free block i (held out of the lists) at r leaves the lists as they
  // are, with r held out instead: every other free block lies wholly before i or
  // after e, its links with it.
  axiomatic SplitListed { predicate by_split_listed = \true;
    lemma split_listed{A,B}: \forall core_heap *c, integer x, i, r, e;
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) ==>
      \forall integer j; listed{B}(c, j, x, r) <==> listed{A}(c, j, x, i); }
  // The link words of a block wholly before i or from e on are none of i, r, e - 1.
  axiomatic SplitLinkWords { predicate by_split_link_words = \true;
    lemma split_link_words{A,B}: \forall core_heap *c, integer i, r, e, j;
      words_kept_but{A,B}(c, i, r, e - 1) && i < r < e && 0 <= j && j + 3 < \at(c->n, A) &&
      (j + 3 < i || e <= j) ==>
      \at(c->words[j + 1], B) == \at(c->words[j + 1], A) &&
      \at(c->words[j + 2], B) == \at(c->words[j + 2], A); }
  axiomatic SplitLinks { predicate by_split_links = \true;
    lemma split_links{A,B}: \forall core_heap *c, integer x, i, r, e;
      by_split_link_words &&
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && free_apart{A}(c, i) &&
      tiles{A}(c) && headers_decode{A}(c) && words_kept_but{A,B}(c, i, r, e - 1) ==>
      \forall integer j; listed{A}(c, j, x, i) ==>
        size_of{B}(c, j) == size_of{A}(c, j) &&
        list_next{B}(c, j) == list_next{A}(c, j) && list_prev{B}(c, j) == list_prev{A}(c, j); }
  axiomatic SplitLists { predicate by_split_lists = \true;
    lemma split_lists{A,B}: \forall core_heap *c, uint64_t *h, integer x, i, r, e;
      by_split_listed && by_split_links &&
      split_before{A}(c, i, r, e) && split_layout{A,B}(c, i, r, e) && split_bits{A,B}(c, i, r, e) &&
      free_apart{A}(c, i) && tiles{A}(c) && headers_decode{A}(c) &&
      words_kept_but{A,B}(c, i, r, e - 1) && heads_kept{A,B}(c, h) && stamps_kept{A,B} ==>
      lists_same{A,B}(c, h, x, i, x, r); }

  // Allocating free block i whole (mark_allocated; i held out of the lists) leaves
  // the lists as they are, with nothing held out instead: the two headers written
  // are starts, and no link word of a free block is one.
  axiomatic MarkedListed { predicate by_marked_listed = \true;
    lemma marked_listed{A,B}: \forall core_heap *c, integer x, i, s;
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) ==>
      \forall integer j; listed{B}(c, j, x, NO_BLOCK) <==> listed{A}(c, j, x, i); }
  axiomatic MarkedLinks { predicate by_marked_links = \true;
    lemma marked_links{A,B}: \forall core_heap *c, integer x, i, s;
      by_link_words &&
      marked_before{A}(c, i, s) && same_layout{A,B}(c) &&
      tiles{A}(c) && no_inner_start{A}(c) && headers_decode{A}(c) &&
      words_kept_but{A,B}(c, i, i + s, i + s) ==>
      \forall integer j; listed{A}(c, j, x, i) ==>
        size_of{B}(c, j) == size_of{A}(c, j) &&
        list_next{B}(c, j) == list_next{A}(c, j) && list_prev{B}(c, j) == list_prev{A}(c, j); }
  axiomatic MarkedLists { predicate by_marked_lists = \true;
    lemma marked_lists{A,B}: \forall core_heap *c, uint64_t *h, integer x, i, s;
      by_marked_listed && by_marked_links &&
      marked_before{A}(c, i, s) && same_layout{A,B}(c) && marked_bits{A,B}(c, i, s) &&
      tiles{A}(c) && no_inner_start{A}(c) && headers_decode{A}(c) &&
      words_kept_but{A,B}(c, i, i + s, i + s) && heads_kept{A,B}(c, h) && stamps_kept{A,B} ==>
      lists_same{A,B}(c, h, x, i, x, NO_BLOCK); }

  // ---- the other tag mutations: the free blocks they do not touch keep their links ----

  // Every free block but s1 and s2 lies wholly before lo or from hi on.
  predicate free_outside{L}(core_heap *c, integer lo, integer hi, integer s1, integer s2) =
    \forall integer j; is_free(c, j) && j != s1 && j != s2 ==> next_of(c, j) <= lo || hi <= j;

  // A change that writes three words within [lo, hi] keeps the links of every free
  // block lying outside.
  axiomatic KeptLinks { predicate by_kept_links = \true;
    lemma kept_links{A,B}: \forall core_heap *c, integer lo, hi, a, b, d, s1, s2;
      free_outside{A}(c, lo, hi, s1, s2) && tiles{A}(c) && headers_decode{A}(c) &&
      lo <= a <= hi && lo <= b <= hi && lo <= d <= hi && words_kept_but{A,B}(c, a, b, d) ==>
      \forall integer j; is_free{A}(c, j) && j != s1 && j != s2 ==>
        list_next{B}(c, j) == list_next{A}(c, j) && list_prev{B}(c, j) == list_prev{A}(c, j); }

  // Which free blocks are listed after each mutation (the held-out pairs as the
  // callers use them): free_alone frees i, held out (y: NO_BLOCK -> i) ...
  axiomatic FreedAloneListed { predicate by_fa_listed = \true;
    lemma fa_listed{A,B}: \forall core_heap *c, integer x, i, s;
      freed_alone_before{A}(c, i, s) && same_layout{A,B}(c) && freed_alone_bits{A,B}(c, i, s) ==>
      \forall integer j; listed{B}(c, j, x, i) <==> listed{A}(c, j, x, NO_BLOCK); }
  // ... free_merge_next merges i with free n, held out (y: n -> i) ...
  axiomatic MergeNextListed { predicate by_mn_listed = \true;
    lemma mn_listed{A,B}: \forall core_heap *c, integer y, i, n, e;
      merge_next_before{A}(c, i, n, e) && merge_next_layout{A,B}(c, i, n, e) &&
      merge_next_bits{A,B}(c, i, n, e) ==>
      \forall integer j; listed{B}(c, j, y, i) <==> listed{A}(c, j, y, n); }
  // ... free_merge_prev grows free p, held out (p stays held out) ...
  axiomatic MergePrevListed { predicate by_mp_listed = \true;
    lemma mp_listed{A,B}: \forall core_heap *c, integer y, p, i, e;
      merge_prev_before{A}(c, p, i, e) && merge_prev_layout{A,B}(c, p, i, e) &&
      merge_prev_bits{A,B}(c, p, i, e) ==>
      \forall integer j; listed{B}(c, j, y, p) <==> listed{A}(c, j, y, p); }
  // ... free_merge_both merges free p, i and free n, both held out (p, n -> NO_BLOCK, p) ...
  axiomatic MergeBothListed { predicate by_mb_listed = \true;
    lemma mb_listed{A,B}: \forall core_heap *c, integer p, i, n, e;
      merge_both_before{A}(c, p, i, n, e) && merge_both_layout{A,B}(c, p, i, n, e) &&
      merge_both_bits{A,B}(c, p, i, n, e) ==>
      \forall integer j; listed{B}(c, j, NO_BLOCK, p) <==> listed{A}(c, j, p, n); }
  // ... absorb_next_free takes free n, held out, into allocated i (y: n -> NO_BLOCK) ...
  axiomatic AbsorbListed { predicate by_ab_listed = \true;
    lemma ab_listed{A,B}: \forall core_heap *c, integer y, i, n, e;
      absorb_before{A}(c, i, n, e) && absorb_layout{A,B}(c, i, n, e) && absorb_bits{A,B}(c, i, n, e) ==>
      \forall integer j; listed{B}(c, j, y, NO_BLOCK) <==> listed{A}(c, j, y, n); }
  // ... and split_allocated_block frees nothing.
  axiomatic SplitAllocListed { predicate by_sa_listed = \true;
    lemma sa_listed{A,B}: \forall core_heap *c, integer x, y, i, r, e;
      split_alloc_before{A}(c, i, r, e) && split_alloc_layout{A,B}(c, i, r, e) &&
      split_alloc_bits{A,B}(c, i, r, e) ==>
      \forall integer j; listed{B}(c, j, x, y) <==> listed{A}(c, j, x, y); }

  // Together: the listed blocks are the same, with their sizes (every start but
  // the one re-encoded, k, keeps its size) and links; the heads stay.
  predicate sizes_kept_but{A,B}(core_heap *c, integer k) =
    \forall integer j; is_start{A}(c, j) && j != k ==> size_of{B}(c, j) == size_of{A}(c, j);

  axiomatic SameLists { predicate by_same_lists = \true;
    lemma same_lists{A,B}: \forall core_heap *c, uint64_t *h, integer x, y, x2, y2, k;
      (\forall integer j; listed{B}(c, j, x2, y2) <==> listed{A}(c, j, x, y)) &&
      (\forall integer j; listed{A}(c, j, x, y) ==> j != k) &&
      sizes_kept_but{A,B}(c, k) &&
      (\forall integer j; listed{A}(c, j, x, y) ==>
        list_next{B}(c, j) == list_next{A}(c, j) && list_prev{B}(c, j) == list_prev{A}(c, j)) &&
      heads_kept{A,B}(c, h) && stamps_kept{A,B} ==>
      lists_same{A,B}(c, h, x, y, x2, y2); }

  // A change that keeps the free blocks, their sizes and links, and the heads
  // keeps the lists, whichever blocks are held out.
  axiomatic KeptLists { predicate by_kept_lists = \true;
    lemma kept_lists{A,B}: \forall core_heap *c, uint64_t *h, integer x, y;
      free_kept{A,B}(c) && heads_kept{A,B}(c, h) && stamps_kept{A,B} &&
      (\forall integer j; is_free{A}(c, j) ==>
        list_next{B}(c, j) == list_next{A}(c, j) && list_prev{B}(c, j) == list_prev{A}(c, j)) ==>
      lists_same{A,B}(c, h, x, y, x, y); }

  // ---- list_push: b, free and in no list, becomes the head of class k (old head h) ----

  predicate push_before{A}(core_heap *c, uint64_t *h, integer x, integer b, integer k, integer o) =
    is_free(c, b) && b != x && class_of(c, b) == k && 0 <= k < CLASS_COUNT && head_of(h, k) == o;

  // b links to h and back to nothing; h links back to b; every other free block keeps its links.
  predicate push_links{A,B}(core_heap *c, integer b, integer o) =
    list_next{B}(c, b) == o && list_prev{B}(c, b) == NO_BLOCK &&
    (o != NO_BLOCK ==> list_prev{B}(c, o) == b && list_next{B}(c, o) == list_next{A}(c, o)) &&
    (\forall integer j; is_free{A}(c, j) && j != b && j != o ==>
       list_next{B}(c, j) == list_next{A}(c, j) && list_prev{B}(c, j) == list_prev{A}(c, j));

  // b heads class k; every other class keeps its head.
  predicate push_heads{A,B}(uint64_t *h, integer b, integer k) =
    head_of{B}(h, k) == b &&
    (\forall integer m; m != k ==> head_of{B}(h, m) == head_of{A}(h, m));

  predicate push{A,B}(core_heap *c, uint64_t *h, integer x, integer b, integer k, integer o) =
    push_before{A}(c, h, x, b, k, o) && free_kept{A,B}(c) &&
    push_links{A,B}(c, b, o) && push_heads{A,B}(h, b, k);

  axiomatic PushRange { predicate by_push_range = \true;
    lemma push_range{A,B}: \forall core_heap *c, uint64_t *h, integer m, x, b, k, o;
      push{A,B}(c, h, x, b, k, o) && k < m && classes_below{A}(c, m, x, b) ==>
      classes_below{B}(c, m, x, NO_BLOCK); }
  axiomatic PushNext { predicate by_push_next = \true;
    lemma push_next{A,B}: \forall core_heap *c, uint64_t *h, integer m, x, b, k, o;
      push{A,B}(c, h, x, b, k, o) && k < m && next_links{A}(c, x, b) && heads_first{A}(c, h, x, b) &&
      heads_listed_below{A}(c, h, m, x, b) ==>
      next_links{B}(c, x, NO_BLOCK); }
  axiomatic PushPrev { predicate by_push_prev = \true;
    lemma push_prev{A,B}: \forall core_heap *c, uint64_t *h, integer m, x, b, k, o;
      push{A,B}(c, h, x, b, k, o) && k < m && prev_links{A}(c, x, b) && heads_listed_below{A}(c, h, m, x, b) ==>
      prev_links{B}(c, x, NO_BLOCK); }
  // 8d after a push, block by block: the pushed block heads its class, the old
  // head now has a previous block, every other listed block is as it was.
  axiomatic PushFirstNew { predicate by_push_first_new = \true;
    lemma push_first_new{A,B}: \forall core_heap *c, uint64_t *h, integer x, b, k, o;
      push{A,B}(c, h, x, b, k, o) ==>
      (list_prev{B}(c, b) == NO_BLOCK <==> head_of{B}(h, class_of{B}(c, b)) == b); }
  axiomatic PushFirstOld { predicate by_push_first_old = \true;
    lemma push_first_old{A,B}: \forall core_heap *c, uint64_t *h, integer x, b, k, o;
      push{A,B}(c, h, x, b, k, o) && o != NO_BLOCK && listed{A}(c, o, x, b) && class_of{A}(c, o) == k ==>
      (list_prev{B}(c, o) == NO_BLOCK <==> head_of{B}(h, class_of{B}(c, o)) == o); }
  axiomatic PushFirstOther { predicate by_push_first_other = \true;
    lemma push_first_other{A,B}: \forall core_heap *c, uint64_t *h, integer x, b, k, o, j;
      push{A,B}(c, h, x, b, k, o) && heads_first{A}(c, h, x, b) &&
      listed{A}(c, j, x, b) && j != o ==>
      (list_prev{B}(c, j) == NO_BLOCK <==> head_of{B}(h, class_of{B}(c, j)) == j); }
  axiomatic PushFirst { predicate by_push_first = \true;
    lemma push_first{A,B}: \forall core_heap *c, uint64_t *h, integer m, x, b, k, o;
      by_push_first_new && by_push_first_old && by_push_first_other &&
      push{A,B}(c, h, x, b, k, o) && k < m && heads_first{A}(c, h, x, b) && heads_listed_below{A}(c, h, m, x, b) ==>
      heads_first{B}(c, h, x, NO_BLOCK); }
  axiomatic PushHeads { predicate by_push_heads = \true;
    lemma push_heads_listed{A,B}: \forall core_heap *c, uint64_t *h, integer m, x, b, k, o;
      push{A,B}(c, h, x, b, k, o) && k < m && heads_listed_below{A}(c, h, m, x, b) ==>
      heads_listed_below{B}(c, h, m, x, NO_BLOCK); }

  // list_push (push{A,B}): b, stamped with the clock,
  // heads class k; the old head o, stamped earlier, is now after it.
  axiomatic PushRanked { predicate by_push_ranked = \true;
    lemma push_ranked{A,B}: \forall core_heap *c, uint64_t *h, integer x, b, k, o;
      push{A,B}(c, h, x, b, k, o) && stamps_kept_but{A,B}(b) &&
      stamp_of{B}(b) == \at(list_clock, A) && \at(list_clock, B) == \at(list_clock, A) + 1 &&
      (o == NO_BLOCK || listed{A}(c, o, x, b)) &&
      prev_links{A}(c, x, b) && ranked_except{A}(c, x, b) ==>
      ranked_except{B}(c, x, NO_BLOCK); }

  predicate push_lemmas = by_push_range && by_push_next && by_push_prev && by_push_first && by_push_heads &&
    by_push_ranked;

  // ---- list_unlink: b (class k, links p and q) leaves its list ----

  predicate unlink_before{A}(core_heap *c, integer x, integer b, integer k, integer p, integer q) =
    is_free(c, b) && b != x && class_of(c, b) == k && 0 <= k < CLASS_COUNT &&
    list_prev(c, b) == p && list_next(c, b) == q;

  // p (if any) now links to q, q (if any) back to p; every other free block keeps its links.
  predicate unlink_links{A,B}(core_heap *c, integer p, integer q) =
    (p != NO_BLOCK ==> list_next{B}(c, p) == q) &&
    (q != NO_BLOCK ==> list_prev{B}(c, q) == p) &&
    (p != NO_BLOCK && p != q ==> list_prev{B}(c, p) == list_prev{A}(c, p)) &&
    (q != NO_BLOCK && p != q ==> list_next{B}(c, q) == list_next{A}(c, q)) &&
    (\forall integer j; is_free{A}(c, j) && j != p && j != q ==>
       list_next{B}(c, j) == list_next{A}(c, j) && list_prev{B}(c, j) == list_prev{A}(c, j));

  // Without a previous block, q becomes the head of class k; every other head stays.
  predicate unlink_heads{A,B}(uint64_t *h, integer k, integer p, integer q) =
    (p == NO_BLOCK ==> head_of{B}(h, k) == q) &&
    (p != NO_BLOCK ==> head_of{B}(h, k) == head_of{A}(h, k)) &&
    (\forall integer m; m != k ==> head_of{B}(h, m) == head_of{A}(h, m));

  predicate unlink{A,B}(core_heap *c, uint64_t *h, integer x, integer b, integer k, integer p, integer q) =
    unlink_before{A}(c, x, b, k, p, q) && free_kept{A,B}(c) &&
    unlink_links{A,B}(c, p, q) && unlink_heads{A,B}(h, k, p, q);

  axiomatic UnlinkRange { predicate by_unlink_range = \true;
    lemma unlink_range{A,B}: \forall core_heap *c, uint64_t *h, integer m, x, b, k, p, q;
      unlink{A,B}(c, h, x, b, k, p, q) && classes_below{A}(c, m, x, NO_BLOCK) ==>
      classes_below{B}(c, m, x, b); }
  axiomatic UnlinkNext { predicate by_unlink_next = \true;
    lemma unlink_next{A,B}: \forall core_heap *c, uint64_t *h, integer x, b, k, p, q;
      unlink{A,B}(c, h, x, b, k, p, q) && next_links{A}(c, x, NO_BLOCK) && prev_links{A}(c, x, NO_BLOCK) ==>
      next_links{B}(c, x, b); }
  axiomatic UnlinkPrev { predicate by_unlink_prev = \true;
    lemma unlink_prev{A,B}: \forall core_heap *c, uint64_t *h, integer x, b, k, p, q;
      unlink{A,B}(c, h, x, b, k, p, q) && next_links{A}(c, x, NO_BLOCK) && prev_links{A}(c, x, NO_BLOCK) ==>
      prev_links{B}(c, x, b); }
  // One-step facts of an unlink, each a single instance of a definition, so that
  // the heads_first lemmas below need no search (proofs/README.md, items 9-10).
  axiomatic UnlinkFacts { predicate by_unlink_facts = \true;
    // With a previous block, no head changes.
    lemma unlink_heads_kept{A,B}: \forall uint64_t *h, integer k, p, q, m;
      unlink_heads{A,B}(h, k, p, q) && p != NO_BLOCK ==> head_of{B}(h, m) == head_of{A}(h, m);
    // A free block stays free, in the same class.
    lemma free_class_kept{A,B}: \forall core_heap *c, integer j;
      free_kept{A,B}(c) && is_free{A}(c, j) ==> is_free{B}(c, j) && class_of{B}(c, j) == class_of{A}(c, j);
    // b's previous block is listed and links to b; its next block is listed, of
    // class k, and links back to b; b heads class k exactly when it has no previous.
    lemma unlink_prev_listed{A}: \forall core_heap *c, integer x, b, k, p, q;
      unlink_before{A}(c, x, b, k, p, q) && prev_links{A}(c, x, NO_BLOCK) && p != NO_BLOCK ==>
      listed{A}(c, p, x, NO_BLOCK);
    lemma unlink_next_listed{A}: \forall core_heap *c, integer x, b, k, p, q;
      unlink_before{A}(c, x, b, k, p, q) && next_links{A}(c, x, NO_BLOCK) && q != NO_BLOCK ==>
      listed{A}(c, q, x, NO_BLOCK) && class_of{A}(c, q) == k && list_prev{A}(c, q) == b;
    lemma unlink_b_head{A}: \forall core_heap *c, uint64_t *h, integer x, b, k, p, q;
      unlink_before{A}(c, x, b, k, p, q) && heads_first{A}(c, h, x, NO_BLOCK) ==>
      (p == NO_BLOCK <==> head_of{A}(h, k) == b); }

  // heads_first after an unlink, for the block after b, the block before it, and
  // any other listed block; then for all of them.
  axiomatic UnlinkFirstNext { predicate by_unlink_first_next = \true;
    lemma unlink_first_next{A,B}: \forall core_heap *c, uint64_t *h, integer x, b, k, p, q;
      by_unlink_facts &&
      unlink{A,B}(c, h, x, b, k, p, q) && next_links{A}(c, x, NO_BLOCK) &&
      heads_first{A}(c, h, x, NO_BLOCK) && q != NO_BLOCK && q != p ==>
      (list_prev{B}(c, q) == NO_BLOCK <==> head_of{B}(h, class_of{B}(c, q)) == q); }
  axiomatic UnlinkFirstPrev { predicate by_unlink_first_prev = \true;
    lemma unlink_first_prev{A,B}: \forall core_heap *c, uint64_t *h, integer x, b, k, p, q;
      by_unlink_facts &&
      unlink{A,B}(c, h, x, b, k, p, q) && prev_links{A}(c, x, NO_BLOCK) &&
      heads_first{A}(c, h, x, NO_BLOCK) && p != NO_BLOCK && p != q ==>
      (list_prev{B}(c, p) == NO_BLOCK <==> head_of{B}(h, class_of{B}(c, p)) == p); }
  axiomatic UnlinkFirstOther { predicate by_unlink_first_other = \true;
    lemma unlink_first_other{A,B}: \forall core_heap *c, uint64_t *h, integer x, b, k, p, q, j;
      by_unlink_facts &&
      unlink{A,B}(c, h, x, b, k, p, q) && heads_first{A}(c, h, x, NO_BLOCK) &&
      listed{B}(c, j, x, b) && j != p && j != q ==>
      (list_prev{B}(c, j) == NO_BLOCK <==> head_of{B}(h, class_of{B}(c, j)) == j); }
  axiomatic UnlinkFirst { predicate by_unlink_first = \true;
    lemma unlink_first{A,B}: \forall core_heap *c, uint64_t *h, integer m, x, b, k, p, q;
      by_unlink_first_next && by_unlink_first_prev && by_unlink_first_other &&
      unlink{A,B}(c, h, x, b, k, p, q) && next_links{A}(c, x, NO_BLOCK) && prev_links{A}(c, x, NO_BLOCK) &&
      heads_first{A}(c, h, x, NO_BLOCK) && classes_below{A}(c, m, x, NO_BLOCK) ==>
      heads_first{B}(c, h, x, b); }
  // heads_listed after an unlink: a head that stays, the head that moves on to
  // q; then all of them.
  axiomatic UnlinkHeadKept { predicate by_unlink_head_kept = \true;
    lemma unlink_head_kept{A,B}: \forall core_heap *c, uint64_t *h, integer x, b, k, p, q, j;
      by_unlink_facts &&
      unlink{A,B}(c, h, x, b, k, p, q) && heads_first{A}(c, h, x, NO_BLOCK) &&
      (j != k || p != NO_BLOCK) &&
      (head_of{A}(h, j) == NO_BLOCK ||
       (listed{A}(c, head_of{A}(h, j), x, NO_BLOCK) && class_of{A}(c, head_of{A}(h, j)) == j)) ==>
      head_of{B}(h, j) == NO_BLOCK ||
      (listed{B}(c, head_of{B}(h, j), x, b) && class_of{B}(c, head_of{B}(h, j)) == j); }
  axiomatic UnlinkHeadMoved { predicate by_unlink_head_moved = \true;
    lemma unlink_head_moved{A,B}: \forall core_heap *c, uint64_t *h, integer x, b, k, p, q;
      by_unlink_facts &&
      unlink{A,B}(c, h, x, b, k, p, q) && next_links{A}(c, x, NO_BLOCK) && p == NO_BLOCK ==>
      head_of{B}(h, k) == NO_BLOCK ||
      (listed{B}(c, head_of{B}(h, k), x, b) && class_of{B}(c, head_of{B}(h, k)) == k); }
  axiomatic UnlinkHeads { predicate by_unlink_heads = \true;
    lemma unlink_heads_listed{A,B}: \forall core_heap *c, uint64_t *h, integer m, x, b, k, p, q;
      by_unlink_head_kept && by_unlink_head_moved &&
      unlink{A,B}(c, h, x, b, k, p, q) && next_links{A}(c, x, NO_BLOCK) && heads_first{A}(c, h, x, NO_BLOCK) &&
      heads_listed_below{A}(c, h, m, x, NO_BLOCK) ==>
      heads_listed_below{B}(c, h, m, x, b); }

  // list_unlink (unlink{A,B}): b leaves; its next block q now follows its
  // previous one p, whose stamp is above b's and so above q's.
  axiomatic UnlinkRanked { predicate by_unlink_ranked = \true;
    lemma unlink_ranked{A,B}: \forall core_heap *c, uint64_t *h, integer x, b, k, p, q;
      unlink{A,B}(c, h, x, b, k, p, q) && stamps_kept{A,B} &&
      (q == NO_BLOCK || (listed{A}(c, q, x, NO_BLOCK) && list_prev{A}(c, q) == b)) &&
      prev_links{A}(c, x, NO_BLOCK) && ranked_except{A}(c, x, NO_BLOCK) ==>
      ranked_except{B}(c, x, b); }
  predicate unlink_lemmas =
    by_unlink_range && by_unlink_next && by_unlink_prev && by_unlink_first && by_unlink_heads &&
    by_unlink_ranked;
*/

#endif /* TAGHEAP_SPEC_PRESERVE_LISTS_H */
