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
 * The heap has c->classes heads (heads_region): enough for its largest block,
 * so that a small heap does not pay for 830.  The clauses that name the number
 * of classes (8a, 8e) are stated for any bound m as well (classes_below,
 * heads_listed_below), so that the lemmas about them read no memory for it.
 *
 * Not stated yet (branch issue-18, 2026-12-06): that every listed block is
 * reachable from the head of its class.  Local clauses allow a detached cycle
 * (blocks whose links form a ring with no head), so "the head of class k is
 * NO_BLOCK" does not yet imply "no free block of class k", and a block whose
 * next link is itself is not excluded.  The plan: ghost ranks (position from the
 * tail, contiguous per class) with a per-class count, and an unlink that moves
 * the head into the hole so that no rank changes; see the issue note.
 */
#ifndef TAGHEAP_SPEC_LISTS_H
#define TAGHEAP_SPEC_LISTS_H

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
               c->starts + (0 .. c->n / 2 - 1));

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

  // The lists are consistent for every free block but x and y.
  predicate lists_except{L}(core_heap *c, uint64_t *h, integer x, integer y) =
    classes_in_range(c, x, y) && next_links(c, x, y) && prev_links(c, x, y) &&
    heads_first(c, h, x, y) && heads_listed(c, h, x, y);

  // The lists are consistent for every free block: the state between operations.
  predicate lists_ok{L}(core_heap *c, uint64_t *h) = lists_except(c, h, NO_BLOCK, NO_BLOCK);
*/

#endif /* TAGHEAP_SPEC_LISTS_H */
