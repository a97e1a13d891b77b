/* SPDX-License-Identifier: MIT */
/*
 * The free lists: one doubly linked list per size class, linked through the
 * first two payload words of each free block (specs/lists.h).  Linking and
 * unlinking write at most three link words, one head and one entry of the group
 * map, whatever the lists' lengths: no function here walks a list (an unlink
 * that empties a class re-reads the eight heads of its group).
 */
#include "core.h"

/* The lists' ghost stamps and clock (specs/lists.h, clause 8g): proof state
 * only, erased by the compiler. */
/*@ ghost uint64_t list_stamp[CORE_MAX_WORDS / 2]; */
/*@ ghost uint64_t list_clock; */

/* A lemma as a ghost function: the class of every listed block has a head
 * (8g).  By induction on the stamps, downwards from the clock: a listed block
 * stamped r - 1 either heads its class (it has no previous block, 8d) or has a
 * previous block of its class stamped r or more, whose class the step before
 * found headed. */
/*@ ghost
  void listed_class_headed(core_heap *c, uint64_t *h, int64_t x, int64_t y)
  {
    uint64_t r = list_clock;
    /@ loop invariant above: \forall integer b; listed(c, b, x, y) && stamp_of(b) >= r ==>
         head_of(h, class_of(c, b)) != NO_BLOCK;
       loop assigns r;
       loop variant r;
    @/
    while (r > 0) {
      /@ assert step: \forall integer b; listed(c, b, x, y) && stamp_of(b) == r - 1 ==>
           head_of(h, class_of(c, b)) != NO_BLOCK; @/
      r = r - 1;
    }
  }
*/

/* A lemma as a ghost function (erased by the compiler): the link words of free
 * block f lie in no allocated block's payload.  Proved here once, under this
 * small precondition, and called where the payload frame is needed. */
/*@ ghost
  /@ requires tags: tiles(c) && no_inner_start(c) && headers_decode(c);
     requires free: is_free(c, f);
     assigns \nothing;
     ensures outside: not_payload(c, f + 1) && not_payload(c, f + 2);
  @/
  void links_outside_of(core_heap *c, int64_t f)
  {
    /@ assert lemma: by_free_apart && by_links_outside; @/
  }
*/

/* A lemma as a ghost function (contract in core.h): every free block's class
 * has a head and starts at or above every class start the block reaches. */
/*@ ghost
  void free_classes_headed(core_heap *c, uint64_t *h)
  {
    listed_class_headed(c, h, NO_BLOCK, NO_BLOCK);
    /@ assert sizes: \forall integer b; is_free(c, b) ==>
         MIN_BLOCK_WORDS <= size_of(c, b) < max_words && size_of(c, b) % 2 == 0; @/
    /@ assert lemma: by_class_facts && by_class_reached; @/
  }
*/

/* The writes of list_push: b links to h and back to nothing, h (if any) back to
 * b, and b heads class k.  Apart, as unlink_writes below, so that what they leave
 * unchanged is proved under a small precondition. */
/*@ requires region: heap_region(c);
    requires heads: heads_region(c, heads);
    requires class: 0 <= k < c->classes;
    requires b: 1 <= b && b + 3 < c->n && b % 2 == 1;
    requires h: h == NO_BLOCK || (1 <= h && h + 3 < c->n && h % 2 == 1 && h != b);
    requires outside: not_payload(c, b + 1) && not_payload(c, b + 2) && (h == NO_BLOCK || not_payload(c, h + 2));
    assigns c->words[b + 1], c->words[b + 2], c->words[h + 2], heads[k];
    exits never: \false;
    ensures payloads: \forall integer j, m; \old(is_alloc(c, j)) && 0 < m < \old(size_of(c, j)) ==>
      block_word(c, j, m) == \old(block_word(c, j, m));
    ensures same_n: c->n == \old(c->n) && c->classes == \old(c->classes);
    ensures region: heap_region(c);
    ensures heads_region: heads_region(c, heads);
    ensures b_next: c->words[b + 1] == h;
    ensures b_prev: c->words[b + 2] == NO_BLOCK;
    ensures h_prev: h != NO_BLOCK ==> c->words[h + 2] == b;
    ensures head: heads[k] == b;
    ensures words: \forall integer j; 0 <= j < c->n && j != b + 1 && j != b + 2 &&
      (h == NO_BLOCK || j != h + 2) ==> c->words[j] == \old(c->words[j]);
    ensures heads: \forall integer m; m != k ==>
      heads[m] == \old(heads[m]);
    ensures starts: \forall integer j; 0 <= j < c->n / 2 ==> c->starts[j] == \old(c->starts[j]);
*/
static void push_writes(core_heap *c, uint64_t *heads, int64_t k, int64_t b, word h)
{
    //@ assert sep: \separated(c, c->words + (0 .. c->n - 1), c->starts + (0 .. c->n / 2 - 1));
    //@ assert sep_heads: \separated(heads + (0 .. c->classes - 1), c->words + (0 .. c->n - 1));
    c->words[b + NEXT_LINK] = h;
    c->words[b + PREV_LINK] = NO_BLOCK;
    if (h != NO_BLOCK)
        c->words[h + PREV_LINK] = b;
    heads[k] = (uint64_t)b;
}

/* Class k has a head now: its group's entry in the group map says so. */
/*@ requires region: \valid(c) && 0 <= k < c->classes &&
      \valid(c->group_map + (0 .. (c->classes - 1) / GROUP_CLASSES));
    requires used: head_of(heads, k) != NO_BLOCK;
    requires other_groups: others_right(c, heads, k / GROUP_CLASSES);
    assigns c->group_map[k / GROUP_CLASSES];
    ensures entry: group_entry(c, k / GROUP_CLASSES) == 1;
    ensures map: group_map_ok(c, heads);
*/
static void note_group_used(core_heap *c, int64_t k) /*@ ghost (uint64_t *heads) */
{
    //@ assert k_group: GROUP_CLASSES * (k / GROUP_CLASSES) <= k < GROUP_CLASSES * (k / GROUP_CLASSES) + GROUP_CLASSES;
    c->group_map[k / GROUP_CLASSES] = 1;
    //@ assert own: group_right(c, heads, k / GROUP_CLASSES);
    //@ assert lemma: by_group_kept;
}

int64_t first_in_group(const core_heap *c, const uint64_t *heads, int64_t g)
{
    int64_t k = g * GROUP_CLASSES;
    int64_t end = k + GROUP_CLASSES < c->classes ? k + GROUP_CLASSES : c->classes;
    /*@ loop invariant range: GROUP_CLASSES * g <= k <= end;
        loop invariant empty: \forall integer m; GROUP_CLASSES * g <= m < k ==> head_of(heads, m) == NO_BLOCK;
        loop assigns k;
        loop variant end - k;
    */
    while (k < end && heads[k] == NO_BLOCK)
        k++;
    return k;
}

int group_has_head(const core_heap *c, const uint64_t *heads, int64_t g)
{
    int64_t k = first_in_group(c, heads, g);
    return k < GROUP_CLASSES * g + GROUP_CLASSES && k < c->classes;
}

/* The entry of group g after one of its classes lost a block: unchanged
 * unless that class became empty, then whether any class of the group still
 * has a head (at most GROUP_CLASSES reads). */
/*@ requires region: heap_region_read(c);
    requires heads: heads_region(c, heads);
    requires group: 0 <= g && GROUP_CLASSES * g < c->classes;
    requires other_groups: others_right(c, heads, g);
    requires kept: emptied == 0 ==> group_right(c, heads, g);
    assigns c->group_map[g];
    ensures map: group_map_ok(c, heads);
*/
static void update_group(core_heap *c, const uint64_t *heads, int64_t g, int emptied)
{
    if (emptied)
        c->group_map[g] = (uint32_t)group_has_head(c, heads, g);
    //@ assert own: group_right(c, heads, g);
    //@ assert lemma: by_group_kept;
}

void list_push(core_heap *c, uint64_t *heads, int64_t b, int64_t k) /*@ ghost (int64_t x) */
{
    //@ assert region: heap_region(c);
    //@ assert head_small: head_of(heads, k) == NO_BLOCK || listed(c, head_of(heads, k), x, b);
    word h = (word)heads[k];
    /*@ assert old_head: h == NO_BLOCK || (listed(c, h, x, b) && class_of(c, h) == k); */
    //@ assert lemmas: by_link_words && by_kept_free && tags_kept_lemmas && push_lemmas;
    //@ assert b_links: link_word(c, b + 1) && link_word(c, b + 2);
    //@ assert b_apart: by_links_apart && links_apart(c, b);
    //@ assert h_apart: h != NO_BLOCK ==> links_apart(c, h);
    //@ assert h_link: h != NO_BLOCK ==> link_word(c, h + 2);
    //@ assert before: push_before(c, heads, x, b, k, h);
    //@ assert ranges: b + 3 < c->n && (h == NO_BLOCK || (1 <= h && h + 3 < c->n && h % 2 == 1 && h != b));
    //@ assert tags: tiles(c) && no_inner_start(c) && headers_decode(c);
    //@ ghost links_outside_of(c, b);
    /*@ ghost if (h != NO_BLOCK) links_outside_of(c, h); */
    push_writes(c, heads, k, b, h);
    //@ ghost list_stamp[b / 2] = list_clock;
    //@ ghost list_clock = list_clock + 1;
    //@ assert stamped: stamps_kept_but{Pre, Here}(b) && stamp_of(b) == \at(list_clock, Pre) && list_clock == \at(list_clock, Pre) + 1;
    //@ assert same_n: c->n == \at(c->n, Pre);
    /*@ assert words_kept: \forall integer j; 0 <= j < c->n && j != b + 1 && j != b + 2 &&
          (h == NO_BLOCK || j != h + 2) ==> c->words[j] == \at(c->words[j], Pre); */
    //@ assert starts_kept: \forall integer j; 0 <= j < c->n / 2 ==> c->starts[j] == \at(c->starts[j], Pre);
    //@ assert parity: b % 2 == 1 && (h == NO_BLOCK || h % 2 == 1);
    /*@ assert heads_kept: \forall integer m; m != k ==>
          heads[m] == \at(heads[m], Pre); */
    /*@ assert headers_kept: \forall integer j; \at(is_start(c, j), Pre) ==>
          c->words[j] == \at(c->words[j], Pre); */
    /*@ assert footers_kept: \forall integer j; \at(is_free(c, j), Pre) ==>
          c->words[j + \at(size_of(c, j), Pre) - 1] == \at(c->words[j + size_of(c, j) - 1], Pre); */
    //@ assert kept: tags_kept{Pre, Here}(c);
    //@ assert alloc_kept: by_kept_alloc && allocated_only{Pre, Here}(c, NO_BLOCK, NO_BLOCK) && allocated_kept{Pre, Here}(c, NO_BLOCK);
    //@ assert free_same: free_kept{Pre, Here}(c);
    /*@ assert others: \forall integer j; \at(is_free(c, j), Pre) && j != b && j != h ==>
          list_next(c, j) == \at(list_next(c, j), Pre) && list_prev(c, j) == \at(list_prev(c, j), Pre); */
    //@ assert links: push_links{Pre, Here}(c, b, h);
    //@ assert head_k: head_of(heads, k) == b;
    //@ assert heads_others: \forall integer m; m != k ==> head_of(heads, m) == \at(head_of(heads, m), Pre);
    //@ assert heads: push_heads{Pre, Here}(heads, b, k);
    //@ assert pushed: push{Pre, Here}(c, heads, x, b, k, h);
    //@ assert ranked: by_push_ranked && ranked_except(c, x, NO_BLOCK);
    //@ assert tiled: tiles(c) && no_inner_start(c) && headers_decode(c);
    //@ assert tagged: footers(c) && free_prev_found(c) && coalesced(c) && prev_bits(c) && end_marker(c);
    //@ assert mapped: heap_region(c) && start_map_bytes(c);
    //@ assert same_but: heads_same_but{Pre, Here}(heads, k);
    //@ assert entries: entries_same_but{Pre, Here}(c, k / GROUP_CLASSES);
    //@ assert lemma: by_group_kept;
    //@ assert other_groups: others_right(c, heads, k / GROUP_CLASSES);
    note_group_used(c, k) /*@ ghost (heads) */;
}

/* The writes of list_unlink: p (if any) links forward to q, q (if any) back to
 * p, and without p, q heads class k.  Apart so that what they leave unchanged is
 * proved next to a small precondition rather than under the whole invariant. */
/*@ requires region: heap_region(c);
    requires heads: heads_region(c, heads);
    requires class: 0 <= k < c->classes;
    requires p: p == NO_BLOCK || (1 <= p && p + 3 < c->n && p % 2 == 1);
    requires q: q == NO_BLOCK || (1 <= q && q + 3 < c->n && q % 2 == 1);
    requires outside: (p == NO_BLOCK || not_payload(c, p + 1)) && (q == NO_BLOCK || not_payload(c, q + 2));
    assigns c->words[p + 1], c->words[q + 2], heads[k];
    ensures payloads: \forall integer j, m; \old(is_alloc(c, j)) && 0 < m < \old(size_of(c, j)) ==>
      block_word(c, j, m) == \old(block_word(c, j, m));
    ensures same_n: c->n == \old(c->n) && c->classes == \old(c->classes);
    ensures region: heap_region(c);
    ensures heads_region: heads_region(c, heads);
    ensures p_next: p != NO_BLOCK ==> c->words[p + 1] == q;
    ensures q_prev: q != NO_BLOCK ==> c->words[q + 2] == p;
    ensures head: p == NO_BLOCK ==> heads[k] == q;
    ensures words: \forall integer j; 0 <= j < c->n && (p == NO_BLOCK || j != p + 1) &&
      (q == NO_BLOCK || j != q + 2) ==> c->words[j] == \old(c->words[j]);
    ensures heads: \forall integer m; p != NO_BLOCK || m != k ==>
      heads[m] == \old(heads[m]);
    ensures starts: \forall integer j; 0 <= j < c->n / 2 ==> c->starts[j] == \old(c->starts[j]);
*/
static void unlink_writes(core_heap *c, uint64_t *heads, int64_t k, word p, word q)
{
    //@ assert sep: \separated(c, c->words + (0 .. c->n - 1), c->starts + (0 .. c->n / 2 - 1));
    //@ assert sep_heads: \separated(heads + (0 .. c->classes - 1), c->words + (0 .. c->n - 1));
    if (p != NO_BLOCK)
        c->words[p + NEXT_LINK] = q;
    else
        heads[k] = (uint64_t)q;
    if (q != NO_BLOCK)
        c->words[q + PREV_LINK] = p;
}

void list_unlink(core_heap *c, uint64_t *heads, int64_t b, int64_t k) /*@ ghost (int64_t x) */
{
    //@ assert region: heap_region(c);
    //@ assert sep: \separated(c, c->words + (0 .. c->n - 1));
    //@ assert sep_heads: \separated(heads + (0 .. c->classes - 1), c->words + (0 .. c->n - 1));
    word p = c->words[b + PREV_LINK];
    word q = c->words[b + NEXT_LINK];
    //@ assert b_listed: listed(c, b, x, NO_BLOCK);
    //@ assert p_listed: p == NO_BLOCK || listed(c, p, x, NO_BLOCK);
    //@ assert q_listed: q == NO_BLOCK || listed(c, q, x, NO_BLOCK);
    /*@ assert neighbours: (p == NO_BLOCK || is_free(c, p)) && (q == NO_BLOCK || is_free(c, q)); */
    //@ assert p_range: p == NO_BLOCK || (1 <= p && p + 3 < c->n && p % 2 == 1);
    //@ assert q_range: q == NO_BLOCK || (1 <= q && q + 3 < c->n && q % 2 == 1);
    //@ assert lemmas: by_link_words && by_kept_free && tags_kept_lemmas && unlink_lemmas;
    //@ assert p_link: p != NO_BLOCK ==> link_word(c, p + 1);
    //@ assert p_apart: by_links_apart && (p != NO_BLOCK ==> links_apart(c, p));
    //@ assert q_apart: q != NO_BLOCK ==> links_apart(c, q);
    //@ assert q_link: q != NO_BLOCK ==> link_word(c, q + 2);
    //@ assert before: unlink_before(c, x, b, k, p, q);
    //@ assert tags: tiles(c) && no_inner_start(c) && headers_decode(c);
    //@ assert free_links_in: \forall integer j; is_free(c, j) ==> link_word(c, j + 1) && link_word(c, j + 2) && j + 2 < c->n;
    /*@ ghost if (p != NO_BLOCK) links_outside_of(c, p); */
    /*@ ghost if (q != NO_BLOCK) links_outside_of(c, q); */
    //@ assert was_head: p == NO_BLOCK ==> head_of(heads, k) == b && b != NO_BLOCK;
    unlink_writes(c, heads, k, p, q);
    /*@ assert heads_kept: \forall integer m; m != k ==>
          heads[m] == \at(heads[m], Pre); */
    //@ assert same_n: c->n == \at(c->n, Pre);
    /*@ assert words_kept: \forall integer j; 0 <= j < c->n &&
          (p == NO_BLOCK || j != p + 1) && (q == NO_BLOCK || j != q + 2) ==>
          c->words[j] == \at(c->words[j], Pre); */
    //@ assert starts_kept: \forall integer j; 0 <= j < c->n / 2 ==> c->starts[j] == \at(c->starts[j], Pre);
    //@ assert parity: b % 2 == 1 && (p == NO_BLOCK || p % 2 == 1) && (q == NO_BLOCK || q % 2 == 1);
    /*@ assert headers_kept: \forall integer j; \at(is_start(c, j), Pre) ==>
          c->words[j] == \at(c->words[j], Pre); */
    /*@ assert footers_kept: \forall integer j; \at(is_free(c, j), Pre) ==>
          c->words[j + \at(size_of(c, j), Pre) - 1] == \at(c->words[j + size_of(c, j) - 1], Pre); */
    //@ assert kept: tags_kept{Pre, Here}(c);
    //@ assert alloc_kept: by_kept_alloc && allocated_only{Pre, Here}(c, NO_BLOCK, NO_BLOCK) && allocated_kept{Pre, Here}(c, NO_BLOCK);
    //@ assert free_same: free_kept{Pre, Here}(c);
    /*@ assert apart: \forall integer j; \at(is_free(c, j), Pre) && j != p && j != q ==>
          (p == NO_BLOCK || (j + 1 != p + 1 && j + 2 != p + 1)) &&
          (q == NO_BLOCK || (j + 1 != q + 2 && j + 2 != q + 2)); */
    /*@ assert others_next: \forall integer j; \at(is_free(c, j), Pre) && j != p && j != q ==>
          list_next(c, j) == \at(list_next(c, j), Pre); */
    /*@ assert others_prev: \forall integer j; \at(is_free(c, j), Pre) && j != p && j != q ==>
          list_prev(c, j) == \at(list_prev(c, j), Pre); */
    /*@ assert others: \forall integer j; \at(is_free(c, j), Pre) && j != p && j != q ==>
          list_next(c, j) == \at(list_next(c, j), Pre) && list_prev(c, j) == \at(list_prev(c, j), Pre); */
    //@ assert p_next: p != NO_BLOCK ==> list_next(c, p) == q;
    //@ assert q_prev: q != NO_BLOCK ==> list_prev(c, q) == p;
    /*@ assert p_prev: \forall integer j; j == p && p != NO_BLOCK && p != q ==>
          list_prev(c, j) == \at(list_prev(c, j), Pre); */
    /*@ assert q_next: \forall integer j; j == q && q != NO_BLOCK && p != q ==>
          list_next(c, j) == \at(list_next(c, j), Pre); */
    //@ assert links: unlink_links{Pre, Here}(c, p, q);
    //@ assert head_k: p == NO_BLOCK ==> head_of(heads, k) == q;
    //@ assert head_k_kept: p != NO_BLOCK ==> head_of(heads, k) == \at(head_of(heads, k), Pre);
    /*@ assert heads_others: \forall integer m; m != k ==>
          head_of(heads, m) == \at(head_of(heads, m), Pre); */
    //@ assert heads: unlink_heads{Pre, Here}(heads, k, p, q);
    //@ assert unlinked: unlink{Pre, Here}(c, heads, x, b, k, p, q);
    //@ assert q_back: q == NO_BLOCK || (listed{Pre}(c, q, x, NO_BLOCK) && list_prev{Pre}(c, q) == b);
    //@ assert ranked: by_unlink_ranked && stamps_kept{Pre, Here} && ranked_except(c, x, b);
    //@ assert tiled: tiles(c) && no_inner_start(c) && headers_decode(c);
    //@ assert tagged: footers(c) && free_prev_found(c) && coalesced(c) && prev_bits(c) && end_marker(c);
    //@ assert mapped: heap_region(c) && start_map_bytes(c);
    //@ assert same_but: heads_same_but{Pre, Here}(heads, k);
    //@ assert entries: entries_same_but{Pre, Here}(c, k / GROUP_CLASSES);
    //@ assert lemma: by_group_kept;
    //@ assert other_groups: others_right(c, heads, k / GROUP_CLASSES);
    //@ assert k_group: GROUP_CLASSES * (k / GROUP_CLASSES) <= k < GROUP_CLASSES * (k / GROUP_CLASSES) + GROUP_CLASSES;
    //@ assert pre_right: \at(group_right(c, heads, k / GROUP_CLASSES), Pre);
    //@ assert same_heads: p != NO_BLOCK ==> \forall integer m; head_of(heads, m) == \at(head_of(heads, m), Pre);
    //@ assert case_kept: p != NO_BLOCK ==> group_right(c, heads, k / GROUP_CLASSES);
    //@ assert was_used: p == NO_BLOCK ==> !\at(group_empty(c, heads, k / GROUP_CLASSES), Pre);
    //@ assert still_used: p == NO_BLOCK && q != NO_BLOCK ==> !group_empty(c, heads, k / GROUP_CLASSES);
    //@ assert case_moved: p == NO_BLOCK && q != NO_BLOCK ==> group_right(c, heads, k / GROUP_CLASSES);
    //@ assert own_group: !(p == NO_BLOCK && q == NO_BLOCK) ==> group_right(c, heads, k / GROUP_CLASSES);
    //@ assert local: lists_local(c, heads, x, b);
    update_group(c, heads, k / GROUP_CLASSES, p == NO_BLOCK && q == NO_BLOCK);
}

void link_free(core_heap *c, uint64_t *heads, int64_t b) /*@ ghost (int64_t x) */
{
    //@ assert facts: by_class_facts;
    //@ assert block: is_block(c, b) && b + size_of(c, b) <= c->n - 1;
    //@ assert size: MIN_BLOCK_WORDS <= size_of(c, b) <= c->n - 2 && size_of(c, b) % 2 == 0;
    int64_t k = class_of_size(block_size(c, b));
    //@ assert class_low: class_min(k) <= size_of(c, b) && k < CLASS_COUNT;
    //@ assert heap_classes: c->n - 2 < class_min(c->classes) && c->classes <= CLASS_COUNT;
    //@ assert in_heap: k < c->classes;
    list_push(c, heads, b, k) /*@ ghost (x) */;
}

void unlink_free(core_heap *c, uint64_t *heads, int64_t b) /*@ ghost (int64_t x) */
{
    //@ assert facts: by_class_facts;
    //@ assert block: is_block(c, b) && b + size_of(c, b) <= c->n - 1;
    //@ assert size: MIN_BLOCK_WORDS <= size_of(c, b) <= c->n - 2 && size_of(c, b) % 2 == 0;
    int64_t k = class_of_size(block_size(c, b));
    //@ assert class_low: class_min(k) <= size_of(c, b) && k < CLASS_COUNT;
    //@ assert heap_classes: c->n - 2 < class_min(c->classes) && c->classes <= CLASS_COUNT;
    //@ assert in_heap: k < c->classes;
    list_unlink(c, heads, b, k) /*@ ghost (x) */;
}

/* Word t can be a link: a block start with room for two link words. */
/*@ requires region: heap_region_read(c);
    assigns \nothing;
    ensures \result != 0 <==> link_target(c, t);
*/
static int is_link_target(const core_heap *c, word t)
{
    return t >= 1 && t <= c->n - 4 && t % 2 == 1;
}

int links_sane(const core_heap *c, const uint64_t *heads, int64_t b)
{
    /*@ assert good: by_listed_safe &&
          (heap_inv(c) && lists_ok(c, heads) && is_free(c, b) ==> unlink_safe(c, heads, b)); */
    word p = c->words[b + PREV_LINK];
    word q = c->words[b + NEXT_LINK];
    //@ assert links: p == list_prev(c, b) && q == list_next(c, b);
    if (p != NO_BLOCK && !(is_link_target(c, p) && c->words[p + NEXT_LINK] == b)) {
        //@ assert bad_prev: !unlink_safe(c, heads, b);
        return 0;
    }
    if (q != NO_BLOCK && !(is_link_target(c, q) && c->words[q + PREV_LINK] == b)) {
        //@ assert bad_next: !unlink_safe(c, heads, b);
        return 0;
    }
    //@ assert facts: by_class_facts;
    int64_t k = class_of_size(block_size(c, b));
    //@ assert class: class_min(k) <= size_of(c, b) < class_min(c->classes) && k < c->classes;
    //@ assert its_class: k == class_of(c, b);
    if (p == NO_BLOCK && heads[k] != (uint64_t)b) {
        //@ assert bad_head: !unlink_safe(c, heads, b);
        return 0;
    }
    return 1;
}

int64_t core_classes_for(int64_t n)
{
    return class_of_size(n - 2) + 1;
}

void core_init_lists(core_heap *c, uint64_t *heads)
{
    int64_t classes = c->classes;
    /*@ loop invariant range: 0 <= k <= classes;
        loop invariant empty: \forall integer m; 0 <= m < k ==> head_of(heads, m) == NO_BLOCK;
        loop assigns k, heads[0 .. classes - 1];
        loop variant classes - k;
    */
    for (int64_t k = 0; k < classes; k++)
        heads[k] = NO_BLOCK;
    /*@ loop invariant range: 0 <= g && (g == 0 || GROUP_CLASSES * (g - 1) < classes);
        loop invariant clear: \forall integer m; 0 <= m < g ==> group_entry(c, m) == 0;
        loop assigns g, c->group_map[0 .. (classes - 1) / GROUP_CLASSES];
        loop variant classes - GROUP_CLASSES * g;
    */
    for (int64_t g = 0; g * GROUP_CLASSES < classes; g++)
        c->group_map[g] = 0;
    //@ assert map: group_map_ok(c, heads);
    //@ assert inv: heap_inv(c) && is_free(c, 1) && size_of(c, 1) == c->n - 2;
    //@ assert only: \forall integer j; is_free(c, j) ==> j == 1;
    //@ assert region: heads_region(c, heads);
    //@ assert lists: lists_except(c, heads, NO_BLOCK, 1);
    link_free(c, heads, 1) /*@ ghost (NO_BLOCK) */;
}
