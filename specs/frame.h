/*
 * tagheap — the two-sided frame of the entry points: which allocated blocks an
 * operation may touch, and which blocks may become allocated.
 *
 * "The heap is still well-formed" does not rule out a leak (a block left
 * allocated that the caller no longer owns) or a clobbered neighbour; these two
 * predicates do.  Each entry point names the block it releases (x) and the block
 * it returns (y); NO_BLOCK (0, never a block) stands for "none".
 */
#ifndef TAGHEAP_SPEC_FRAME_H
#define TAGHEAP_SPEC_FRAME_H

/*@
  // Every block allocated at A, other than block x, is still allocated at B,
  // with the same size.  (Its payload is stated where it is kept, in each contract:
  // as a predicate, Z3 cannot unfold it in a goal.)
  predicate allocated_kept{A, B}(core_heap *c, integer x) =
    \forall integer j; \at(is_alloc(c, j), A) && j != x ==>
      \at(is_alloc(c, j), B) && \at(size_of(c, j), B) == \at(size_of(c, j), A);

  // Every block allocated at B was allocated at A and is not block x, or is block y:
  // nothing else became allocated, and x was released.
  predicate allocated_only{A, B}(core_heap *c, integer x, integer y) =
    \forall integer j; \at(is_alloc(c, j), B) ==> (\at(is_alloc(c, j), A) && j != x) || j == y;
*/

#endif
