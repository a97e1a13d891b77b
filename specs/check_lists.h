/*
 * tagheap — what the list checker tests of each free block, and why "OK" means
 * the free lists pass their local clauses (lists_local_ok, specs/lists.h).
 *
 * core_check_lists looks at each free block once and tests its own list clauses
 * (block_links_ok), then at each head.  The lemma below says that these tests,
 * together, are exactly lists_local_ok, so that its contract can promise
 * `\result == CORE_OK <==> lists_local_ok(c, h)`.  It sits in an axiomatic with a
 * marker predicate, as in preserve.h, so that only the checker's goals see it.
 */
#ifndef TAGHEAP_SPEC_CHECK_LISTS_H
#define TAGHEAP_SPEC_CHECK_LISTS_H

/*@
  // Free block b's next link is NO_BLOCK, or a free block of b's class whose
  // previous link is b (clause 8b for b).
  predicate next_link_ok{L}(core_heap *c, integer b) =
    list_next(c, b) == NO_BLOCK ||
    (is_free(c, list_next(c, b)) && class_of(c, list_next(c, b)) == class_of(c, b) &&
     list_prev(c, list_next(c, b)) == b);

  // Free block b's previous link is NO_BLOCK, or a free block whose next link
  // is b (clause 8c for b).
  predicate prev_link_ok{L}(core_heap *c, integer b) =
    list_prev(c, b) == NO_BLOCK ||
    (is_free(c, list_prev(c, b)) && list_next(c, list_prev(c, b)) == b);

  // Free block b passes every list clause that speaks of it: its class has a
  // head (8a), its links are consistent (8b, 8c), and it has no previous link
  // exactly when it heads its class (8d).
  predicate block_links_ok{L}(core_heap *c, uint64_t *h, integer b) =
    0 <= class_of(c, b) < c->classes && next_link_ok(c, b) && prev_link_ok(c, b) &&
    (list_prev(c, b) == NO_BLOCK <==> head_of(h, class_of(c, b)) == b);

  // Every free block before word i passes its list clauses.
  predicate links_walked{L}(core_heap *c, uint64_t *h, integer i) =
    \forall integer b; is_free(c, b) && b < i ==> block_links_ok(c, h, b);

  // Every free block passes its list clauses.
  predicate blocks_links_ok{L}(core_heap *c, uint64_t *h) =
    \forall integer b; is_free(c, b) ==> block_links_ok(c, h, b);

  // The lists are consistent exactly when every free block passes its own
  // clauses and every head is NO_BLOCK or a free block of its class: one lemma
  // per clause of lists_local, then the two together.  (lists_local_ok adds the
  // group map, which the checker tests entry by entry.)
  axiomatic CheckListsDone { predicate by_check_lists_done = \true;
    lemma done_classes{L}: \forall core_heap *c, uint64_t *h;
      blocks_links_ok(c, h) ==> classes_in_range(c, NO_BLOCK, NO_BLOCK);
    lemma done_next{L}: \forall core_heap *c, uint64_t *h;
      blocks_links_ok(c, h) ==> next_links(c, NO_BLOCK, NO_BLOCK);
    lemma done_prev{L}: \forall core_heap *c, uint64_t *h;
      blocks_links_ok(c, h) ==> prev_links(c, NO_BLOCK, NO_BLOCK);
    lemma done_first{L}: \forall core_heap *c, uint64_t *h;
      blocks_links_ok(c, h) ==> heads_first(c, h, NO_BLOCK, NO_BLOCK);
    lemma done_each{L}: \forall core_heap *c, uint64_t *h, integer b;
      lists_local_ok(c, h) && is_free(c, b) ==> block_links_ok(c, h, b);
    lemma check_lists_done{L}: \forall core_heap *c, uint64_t *h;
      lists_local(c, h, NO_BLOCK, NO_BLOCK) <==>
      blocks_links_ok(c, h) && heads_listed(c, h, NO_BLOCK, NO_BLOCK); }

  // The heads' loop steps over class k.
  axiomatic CheckHeadsStep { predicate by_check_heads_step = \true;
    lemma check_heads_step{L}: \forall core_heap *c, uint64_t *h, integer k;
      0 <= k && heads_listed_below(c, h, k, NO_BLOCK, NO_BLOCK) &&
      (head_of(h, k) == NO_BLOCK ||
       (listed(c, head_of(h, k), NO_BLOCK, NO_BLOCK) && class_of(c, head_of(h, k)) == k)) ==>
      heads_listed_below(c, h, k + 1, NO_BLOCK, NO_BLOCK); }

  // The walk steps over block b, which ends at word e: no free block starts
  // inside it.  (The end is a variable of its own, not b + size, so that the
  // provers can match it against the goal.)
  axiomatic CheckListsStep { predicate by_check_lists_step = \true;
    lemma check_lists_step{L}: \forall core_heap *c, uint64_t *h, integer b, integer e;
      links_walked(c, h, b) && (is_free(c, b) ==> block_links_ok(c, h, b)) &&
      (\forall integer k; b < k < e ==> !is_free(c, k)) ==>
      links_walked(c, h, e); }

  // What each clause of lists_ok says of one free block: the error code a
  // block's failed test gives names a false clause.
  axiomatic CheckListsClauses { predicate by_check_lists_clauses = \true;
    lemma links_clauses{L}: \forall core_heap *c, integer b;
      next_links(c, NO_BLOCK, NO_BLOCK) && prev_links(c, NO_BLOCK, NO_BLOCK) && is_free(c, b) ==>
      next_link_ok(c, b) && prev_link_ok(c, b);
    lemma class_clauses{L}: \forall core_heap *c, integer b;
      classes_in_range(c, NO_BLOCK, NO_BLOCK) && next_links(c, NO_BLOCK, NO_BLOCK) && is_free(c, b) ==>
      0 <= class_of(c, b) < c->classes && next_link_ok(c, b);
    lemma head_clauses{L}: \forall core_heap *c, uint64_t *h, integer b;
      heads_first(c, h, NO_BLOCK, NO_BLOCK) && is_free(c, b) ==>
      (list_prev(c, b) == NO_BLOCK <==> head_of(h, class_of(c, b)) == b); }
*/

#endif /* TAGHEAP_SPEC_CHECK_LISTS_H */
