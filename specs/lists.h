/*
 * tagheap — the free lists: which free block is listed where (DESIGN.md §3 item 8).
 *
 * Included by src/core.h after specs/classes.h.  A free block b keeps two links
 * in its first payload words: the next block of its class's list in word b + 1,
 * the previous one in word b + 2 (NO_BLOCK for none).  Each class k has a head,
 * h[k], the first block of its list (NO_BLOCK when the list is empty), in an
 * array of its own that the list functions take beside the heap, so that
 * core_heap, and every goal about the tags alone, stays as it was.  The heads
 * are unsigned: WP keeps each C integer type in a memory of its own, so a write
 * to a (signed) heap word cannot change a head and no goal has to prove it.
 *
 * The clauses are local: each speaks of one block and its two neighbours in its
 * list, never of a whole list, so the provers need no induction.  They are stated
 * for every free block but two, x and y (NO_BLOCK for none): the blocks an
 * operation has taken out of the lists and not put back yet.  lists_ok is the
 * state between operations, where every free block is listed.
 *
 * A group map (8f) lets a search skip empty classes eight at a time: entry g
 * of c->group_map says whether any class of group g (classes 8g .. 8g + 7) has
 * a head, exactly, so that "entry 0" means "all eight empty" and a marked group
 * holds a head.  It is kept in its own C type (uint32_t), so no write to the
 * words or the heads can change it and no goal has to prove that.
 *
 * The heap has c->classes heads (heads_region): enough for its largest block,
 * so that a small heap does not pay for 830.  The clauses that name the number
 * of classes (8a, 8e) are stated for any bound m as well (classes_below,
 * heads_listed_below), so that the lemmas about them read no memory for it.
 *
 * The local clauses (8a-8e) allow a detached ring: free blocks whose links
 * agree but that no head reaches, so that "the head of class k is NO_BLOCK"
 * would not mean "no free block of class k".  Clause 8g rules rings out with
 * ghost stamps (erased by the compiler, no run-time cost): a block is stamped
 * with the lists' clock when it is linked, and the clock then advances, so that
 * a list's stamps fall from head to tail.  Following previous links from a
 * listed block climbs strictly in stamp, below the clock: it cannot go round,
 * and it ends at a block without a previous link, which heads its class (8d).
 * listed_class_headed (core_list.c) proves that conclusion once, by a ghost
 * loop down the stamps, so that no lemma needs induction: every listed block's
 * class has a head.  The clock is a 64-bit ghost counter: the contracts that
 * link require it at most CLOCK_LIMIT minus the links they make, room for
 * 2^64 - 2^32 links in a heap's life (584 years at one per nanosecond), an
 * assumption named in the proof's trusted base (proofs/README.md, item 7, which
 * also says why one ghost array serves several heaps).
 *
 * The checker (core_check_lists) tests the local clauses, which it can see; the
 * stamps are proof state it cannot read, so a ring built by damage is not
 * reported (lists_local below).
 */
#ifndef TAGHEAP_SPEC_LISTS_H
#define TAGHEAP_SPEC_LISTS_H

/* The lists' clock stays at or below this, minus the links an operation makes,
 * in every linking operation's precondition. */
#define CLOCK_LIMIT (UINT64_MAX - ((uint64_t)1 << 32))

/* The stamps (one per odd word, as the start map) and the clock: ghost state,
 * defined in core_list.c. */
/*@ ghost extern uint64_t list_stamp[CORE_MAX_WORDS / 2]; */
/*@ ghost extern uint64_t list_clock; */

/*@
  // The next block in free block b's list (word b + 1).
  logic integer list_next{L}(core_heap *c, integer b) = c->words[b + 1];

  // The previous block in free block b's list (word b + 2).
  logic integer list_prev{L}(core_heap *c, integer b) = c->words[b + 2];

  // `classes` heads are enough for a heap of n words, whose largest block has
  // n - 2 words, and no more: the last class is the largest block's.  (Apart
  // from heads_region so that a step that keeps c->classes and c->n keeps it
  // without unfolding class_min.)
  predicate classes_fit(integer classes, integer n) =
    1 <= classes <= CLASS_COUNT && class_min(classes - 1) <= n - 2 < class_min(classes);

  // The heap has a head for each of its first c->classes classes, enough for
  // its largest block (classes_fit); they are valid memory, apart from the
  // heap's state, words and start map.
  predicate heads_region{L}(core_heap *c, uint64_t *h) =
    classes_fit(c->classes, c->n) &&
    \valid(h + (0 .. c->classes - 1)) &&
    \separated(h + (0 .. c->classes - 1), c, c->words + (0 .. c->n - 1),
               c->starts + (0 .. c->n / 2 - 1)) &&
    \valid(c->group_map + (0 .. (c->classes - 1) / GROUP_CLASSES)) &&
    \separated(c->group_map + (0 .. (c->classes - 1) / GROUP_CLASSES), c, c->words + (0 .. c->n - 1),
               c->starts + (0 .. c->n / 2 - 1), h + (0 .. c->classes - 1));

  // The first block of class k's list.
  logic integer head_of{L}(uint64_t *h, integer k) = h[k];

  // The class of the block whose header is word b.
  logic integer class_of{L}(core_heap *c, integer b) = size_class(size_of(c, b));

  // Block b is free and is neither x nor y: it must be in the list of its class.
  predicate listed{L}(core_heap *c, integer b, integer x, integer y) =
    is_free(c, b) && b != x && b != y;

  // 8a. Every listed block's class is one of the heap's classes (one with a
  //     head).  Stated for any bound m, and for the heap's own below, so that
  //     the lemmas about it read no memory for the bound.
  predicate classes_below{L}(core_heap *c, integer m, integer x, integer y) =
    \forall integer b; listed(c, b, x, y) ==> 0 <= class_of(c, b) < m;
  predicate classes_in_range{L}(core_heap *c, integer x, integer y) = classes_below(c, c->classes, x, y);

  // 8b. A listed block's next link is NO_BLOCK, or a listed block of the same
  //     class whose previous link is that block.
  predicate next_links{L}(core_heap *c, integer x, integer y) =
    \forall integer b; listed(c, b, x, y) ==>
      list_next(c, b) == NO_BLOCK ||
      (listed(c, list_next(c, b), x, y) && class_of(c, list_next(c, b)) == class_of(c, b) &&
       list_prev(c, list_next(c, b)) == b);

  // 8c. A listed block's previous link is NO_BLOCK, or a listed block whose next
  //     link is that block.
  predicate prev_links{L}(core_heap *c, integer x, integer y) =
    \forall integer b; listed(c, b, x, y) ==>
      list_prev(c, b) == NO_BLOCK ||
      (listed(c, list_prev(c, b), x, y) && list_next(c, list_prev(c, b)) == b);

  // 8d. A listed block has no previous link exactly when it is the head of its class.
  predicate heads_first{L}(core_heap *c, uint64_t *h, integer x, integer y) =
    \forall integer b; listed(c, b, x, y) ==>
      (list_prev(c, b) == NO_BLOCK <==> head_of(h, class_of(c, b)) == b);

  // 8e. Each class's head is NO_BLOCK or a listed block of that class (for
  //     any bound m, as 8a, and for the heap's own).
  predicate heads_listed_below{L}(core_heap *c, uint64_t *h, integer m, integer x, integer y) =
    \forall integer k; 0 <= k < m ==>
      head_of(h, k) == NO_BLOCK || (listed(c, head_of(h, k), x, y) && class_of(c, head_of(h, k)) == k);
  predicate heads_listed{L}(core_heap *c, uint64_t *h, integer x, integer y) =
    heads_listed_below(c, h, c->classes, x, y);

  // Word t can be a link of a list: a block start with its two link words in the heap.
  predicate link_target{L}(core_heap *c, integer t) = 1 <= t <= c->n - 4 && t % 2 == 1;

  // Free block b can leave its list without a store outside the heap or into a
  // block that does not link to it: each link is NO_BLOCK or a link target that
  // links back to b, and without a previous block b heads its class.  (What
  // core_validate checks of a free neighbour before free unlinks it.)
  predicate unlink_safe{L}(core_heap *c, uint64_t *h, integer b) =
    (list_prev(c, b) == NO_BLOCK || (link_target(c, list_prev(c, b)) && list_next(c, list_prev(c, b)) == b)) &&
    (list_next(c, b) == NO_BLOCK || (link_target(c, list_next(c, b)) && list_prev(c, list_next(c, b)) == b)) &&
    (list_prev(c, b) == NO_BLOCK ==> head_of(h, class_of(c, b)) == b);

  // When block b was last linked into a list, on the lists' clock.
  logic integer stamp_of{L}(integer b) = list_stamp[b / 2];

  // 8g. Every listed block was linked before the clock's present time, and
  //     after the block before it in its list, if any: stamps rise along
  //     previous links, so no listed block lies on a ring that avoids its head.
  predicate ranked_except{L}(core_heap *c, integer x, integer y) =
    \forall integer b; listed(c, b, x, y) ==>
      stamp_of(b) < list_clock &&
      (list_prev(c, b) == NO_BLOCK || stamp_of(b) < stamp_of(list_prev(c, b)));

  // A block of s words is in a class at or above every class that starts at
  // or below s (so a block as large as class k's start lies in class k or above).
  axiomatic ClassReached { predicate by_class_reached = \true;
    lemma class_reached: \forall integer s, k;
      by_class_facts && MIN_BLOCK_WORDS <= s < max_words && s % 2 == 0 &&
      0 <= k <= CLASS_COUNT && class_min(k) <= s ==>
      k <= size_class(s) && class_min(k) <= class_min(size_class(s)); }

  // The clauses that speak of a block and its neighbours (8a-8e), for every
  // free block but x and y: what the checker can test.
  predicate lists_local{L}(core_heap *c, uint64_t *h, integer x, integer y) =
    classes_in_range(c, x, y) && next_links(c, x, y) && prev_links(c, x, y) &&
    heads_first(c, h, x, y) && heads_listed(c, h, x, y);

  // The lists are consistent for every free block but x and y.
  predicate lists_except{L}(core_heap *c, uint64_t *h, integer x, integer y) =
    lists_local(c, h, x, y) && ranked_except(c, x, y);

  // Every class of group g that the heap has (classes GROUP_CLASSES * g ..
  // GROUP_CLASSES * g + GROUP_CLASSES - 1, below c->classes) is empty.
  predicate group_empty{L}(core_heap *c, uint64_t *h, integer g) =
    \forall integer k; GROUP_CLASSES * g <= k < GROUP_CLASSES * g + GROUP_CLASSES && k < c->classes ==>
      head_of(h, k) == NO_BLOCK;

  // The group map's entry for group g.
  logic integer group_entry{L}(core_heap *c, integer g) = c->group_map[g];

  // Entry g of the group map is 0 exactly when every class of group g is empty.
  predicate group_right{L}(core_heap *c, uint64_t *h, integer g) =
    group_entry(c, g) == 0 <==> group_empty(c, h, g);

  // 8f. The group map says exactly which groups of the heap's classes have a
  //     non-empty class.
  predicate group_map_ok{L}(core_heap *c, uint64_t *h) =
    \forall integer g; 0 <= g && GROUP_CLASSES * g < c->classes ==> group_right(c, h, g);

  // Every group of the heap's classes but group q has a right entry.
  predicate others_right{L}(core_heap *c, uint64_t *h, integer q) =
    \forall integer g; 0 <= g && GROUP_CLASSES * g < c->classes && g != q ==> group_right(c, h, g);

  // From A to B every head but class k's stays.
  predicate heads_same_but{A,B}(uint64_t *h, integer k) =
    \forall integer m; m != k ==> head_of{B}(h, m) == head_of{A}(h, m);

  // From A to B every entry of the group map but group q's stays.
  predicate entries_same_but{A,B}(core_heap *c, integer q) =
    \forall integer g; g != q ==> group_entry{B}(c, g) == group_entry{A}(c, g);

  axiomatic GroupKept { predicate by_group_kept = \true;
    // An entry stays right while it and its group's heads stay.
    lemma group_right_kept{A,B}: \forall core_heap *c, uint64_t *h, integer g;
      \at(c->classes, B) == \at(c->classes, A) && group_entry{B}(c, g) == group_entry{A}(c, g) &&
      (\forall integer m; GROUP_CLASSES * g <= m < GROUP_CLASSES * g + GROUP_CLASSES ==>
         head_of{B}(h, m) == head_of{A}(h, m)) &&
      group_right{A}(c, h, g) ==> group_right{B}(c, h, g);
    // Class k is in group k / GROUP_CLASSES and in no other.
    lemma class_group_apart: \forall integer k, g;
      0 <= k && g != k / GROUP_CLASSES ==> !(GROUP_CLASSES * g <= k < GROUP_CLASSES * g + GROUP_CLASSES);
    // Another group's entry stays right when only class k's head changes.
    lemma group_other_kept{A,B}: \forall core_heap *c, uint64_t *h, integer k, g;
      0 <= k && g != k / GROUP_CLASSES && \at(c->classes, B) == \at(c->classes, A) &&
      group_entry{B}(c, g) == group_entry{A}(c, g) && heads_same_but{A,B}(h, k) &&
      group_right{A}(c, h, g) ==> group_right{B}(c, h, g);
    // So every other group's entry does, when only class k's head and only its
    // group's entry change.
    lemma group_others_kept{A,B}: \forall core_heap *c, uint64_t *h, integer k;
      0 <= k && \at(c->classes, B) == \at(c->classes, A) &&
      heads_same_but{A,B}(h, k) && entries_same_but{A,B}(c, k / GROUP_CLASSES) &&
      group_map_ok{A}(c, h) ==> others_right{B}(c, h, k / GROUP_CLASSES);
    // The other groups' entries and group q's make the whole map right.
    lemma group_map_whole{L}: \forall core_heap *c, uint64_t *h, integer q;
      others_right(c, h, q) && group_right(c, h, q) ==> group_map_ok(c, h); }

  // The lists are consistent for every free block, and the group map is
  // exact: the state between operations.
  predicate lists_ok{L}(core_heap *c, uint64_t *h) =
    lists_except(c, h, NO_BLOCK, NO_BLOCK) && group_map_ok(c, h);

  // What the checker decides: lists_ok but for 8g.
  predicate lists_local_ok{L}(core_heap *c, uint64_t *h) =
    lists_local(c, h, NO_BLOCK, NO_BLOCK) && group_map_ok(c, h);
*/

#endif /* TAGHEAP_SPEC_LISTS_H */
