/*
 * tagheap — size classes (TLSF-style) for the free lists: what a class is, in
 * the sizes of the blocks it holds.  Included by src/core.h after heap.h.
 *
 * Block sizes are in words (even, at least MIN_BLOCK_WORDS).  Sizes below
 * EXACT_LIMIT_WORDS (64 words, 512 bytes) have a class each: 30 exact classes.
 * Above, level L holds the sizes from 64 * 2^L words up to twice that, cut into
 * SUBCLASSES (16) classes of equal width; levels 0 .. 49 reach the largest heap
 * (2^56 words).  830 classes in all.
 */
#ifndef TAGHEAP_SPEC_CLASSES_H
#define TAGHEAP_SPEC_CLASSES_H

/*@
  // The smallest size of level L: 64 words times 2^L (L from 0 to 50), written
  // out as a table because the provers cannot prove facts about 2^L by
  // induction; tests/test_classes.c checks every entry against 64 << L.
  logic integer level_low(integer L) =
    L <= 0 ? 64 :
    L == 1 ? 128 :
    L == 2 ? 256 :
    L == 3 ? 512 :
    L == 4 ? 1024 :
    L == 5 ? 2048 :
    L == 6 ? 4096 :
    L == 7 ? 8192 :
    L == 8 ? 16384 :
    L == 9 ? 32768 :
    L == 10 ? 65536 :
    L == 11 ? 131072 :
    L == 12 ? 262144 :
    L == 13 ? 524288 :
    L == 14 ? 1048576 :
    L == 15 ? 2097152 :
    L == 16 ? 4194304 :
    L == 17 ? 8388608 :
    L == 18 ? 16777216 :
    L == 19 ? 33554432 :
    L == 20 ? 67108864 :
    L == 21 ? 134217728 :
    L == 22 ? 268435456 :
    L == 23 ? 536870912 :
    L == 24 ? 1073741824 :
    L == 25 ? 2147483648 :
    L == 26 ? 4294967296 :
    L == 27 ? 8589934592 :
    L == 28 ? 17179869184 :
    L == 29 ? 34359738368 :
    L == 30 ? 68719476736 :
    L == 31 ? 137438953472 :
    L == 32 ? 274877906944 :
    L == 33 ? 549755813888 :
    L == 34 ? 1099511627776 :
    L == 35 ? 2199023255552 :
    L == 36 ? 4398046511104 :
    L == 37 ? 8796093022208 :
    L == 38 ? 17592186044416 :
    L == 39 ? 35184372088832 :
    L == 40 ? 70368744177664 :
    L == 41 ? 140737488355328 :
    L == 42 ? 281474976710656 :
    L == 43 ? 562949953421312 :
    L == 44 ? 1125899906842624 :
    L == 45 ? 2251799813685248 :
    L == 46 ? 4503599627370496 :
    L == 47 ? 9007199254740992 :
    L == 48 ? 18014398509481984 :
    L == 49 ? 36028797018963968 :
    72057594037927936;

  // The smallest block size, in words, of class c (0 <= c <= CLASS_COUNT): an
  // exact class holds one size; class c of level L holds the sizes from
  // level_low(L) + sub * level_low(L) / 16 up to the next class's smallest.
  logic integer class_min(integer c) =
    c < EXACT_CLASSES ? MIN_BLOCK_WORDS + GRANULE_WORDS * c :
    \let level = (c - EXACT_CLASSES) / SUBCLASSES;
    \let sub = (c - EXACT_CLASSES) % SUBCLASSES;
    level_low(level) + sub * (level_low(level) / SUBCLASSES);

  // The level of a size of at least EXACT_LIMIT_WORDS words: the L with
  // level_low(L) <= s < level_low(L + 1), written out like level_low.
  logic integer level_of_size(integer s) =
    s < 128 ? 0 :
    s < 256 ? 1 :
    s < 512 ? 2 :
    s < 1024 ? 3 :
    s < 2048 ? 4 :
    s < 4096 ? 5 :
    s < 8192 ? 6 :
    s < 16384 ? 7 :
    s < 32768 ? 8 :
    s < 65536 ? 9 :
    s < 131072 ? 10 :
    s < 262144 ? 11 :
    s < 524288 ? 12 :
    s < 1048576 ? 13 :
    s < 2097152 ? 14 :
    s < 4194304 ? 15 :
    s < 8388608 ? 16 :
    s < 16777216 ? 17 :
    s < 33554432 ? 18 :
    s < 67108864 ? 19 :
    s < 134217728 ? 20 :
    s < 268435456 ? 21 :
    s < 536870912 ? 22 :
    s < 1073741824 ? 23 :
    s < 2147483648 ? 24 :
    s < 4294967296 ? 25 :
    s < 8589934592 ? 26 :
    s < 17179869184 ? 27 :
    s < 34359738368 ? 28 :
    s < 68719476736 ? 29 :
    s < 137438953472 ? 30 :
    s < 274877906944 ? 31 :
    s < 549755813888 ? 32 :
    s < 1099511627776 ? 33 :
    s < 2199023255552 ? 34 :
    s < 4398046511104 ? 35 :
    s < 8796093022208 ? 36 :
    s < 17592186044416 ? 37 :
    s < 35184372088832 ? 38 :
    s < 70368744177664 ? 39 :
    s < 140737488355328 ? 40 :
    s < 281474976710656 ? 41 :
    s < 562949953421312 ? 42 :
    s < 1125899906842624 ? 43 :
    s < 2251799813685248 ? 44 :
    s < 4503599627370496 ? 45 :
    s < 9007199254740992 ? 46 :
    s < 18014398509481984 ? 47 :
    s < 36028797018963968 ? 48 :
    49;

  // The class of a block of s words (0 <= class < CLASS_COUNT): exact below
  // EXACT_LIMIT_WORDS, else its level's first class plus the sixteenth of the
  // level it falls in.  Where a free block of that size is listed.
  logic integer size_class(integer s) =
    s < EXACT_LIMIT_WORDS ? (s - MIN_BLOCK_WORDS) / GRANULE_WORDS :
    \let L = level_of_size(s);
    EXACT_CLASSES + SUBCLASSES * L + (s - level_low(L)) / (level_low(L) / SUBCLASSES);

  // A block of s words belongs to class c.
  predicate in_class(integer s, integer c) =
    0 <= c < CLASS_COUNT && class_min(c) <= s < class_min(c + 1);
*/

/*@
  // The lemmas sit in one axiomatic with a marker (as in specs/preserve.h): only
  // the class functions assert it, so no other goal carries the class tables.
  axiomatic ClassFacts { predicate by_class_facts = \true;

  // Each level starts at twice the size the one before starts.
  lemma level_low_step: \forall integer L; 0 <= L < LEVELS ==> level_low(L + 1) == 2 * level_low(L);

  // A level's first size is a multiple of 64 words, so a sixteenth of it is even.
  lemma level_low_multiple: \forall integer L; 0 <= L <= LEVELS ==> level_low(L) % 64 == 0;

  // A later level starts at least twice as high.
  lemma level_low_grows:
    \forall integer L1, L2; 0 <= L1 < L2 <= LEVELS ==> 2 * level_low(L1) <= level_low(L2);

  // A sixteenth of a level's first size (the width of its classes) is even and at least 4.
  lemma level_width:
    \forall integer L; 0 <= L <= LEVELS ==>
      level_low(L) / SUBCLASSES >= 4 && level_low(L) / SUBCLASSES == 2 * (level_low(L) / 32) &&
      level_low(L) == SUBCLASSES * (level_low(L) / SUBCLASSES);

  // More of a positive width is more.
  lemma times_grows: \forall integer a, b, w; 0 <= a < b && 0 < w ==> a * w < b * w;

  // A class of level L starts in [level_low(L), 2 * level_low(L)), at least one
  // width below the next level.
  lemma class_min_in_level:
    \forall integer c; EXACT_CLASSES <= c < CLASS_COUNT ==>
      \let L = (c - EXACT_CLASSES) / SUBCLASSES;
      level_low(L) <= class_min(c) &&
      class_min(c) + level_low(L) / SUBCLASSES <= 2 * level_low(L);

  // A size between a level's first size and twice that is of that level.
  lemma level_of_size_exact:
    \forall integer L, s; 0 <= L < LEVELS && level_low(L) <= s < 2 * level_low(L) ==>
      level_of_size(s) == L;

  // A later class starts higher.
  lemma class_min_grows:
    \forall integer c1, c2; 0 <= c1 < c2 <= CLASS_COUNT ==> class_min(c1) < class_min(c2);

  // A size belongs to one class only.
  lemma in_class_unique:
    \forall integer s, c1, c2; in_class(s, c1) && in_class(s, c2) ==> c1 == c2;

  // A size of at least 64 words and below the largest heap lies in its level.
  lemma level_of_size_bounds:
    \forall integer s; EXACT_LIMIT_WORDS <= s < max_words ==>
      0 <= level_of_size(s) < LEVELS &&
      level_low(level_of_size(s)) <= s < 2 * level_low(level_of_size(s));

  // Division by a positive width rounds down by less than the width.
  lemma euclid_width:
    \forall integer a, w; 0 <= a && 0 < w ==> w * (a / w) <= a < w * (a / w) + w;

  // A quotient of what is below SUBCLASSES + 1 widths is SUBCLASSES at most.
  lemma quotient_below:
    \forall integer a, w; 0 <= a && 0 < w && a < (SUBCLASSES + 1) * w ==> a / w <= SUBCLASSES;

  // The class size_class(s) names is made of a level and a subclass of it.
  lemma size_class_parts:
    \forall integer s; EXACT_LIMIT_WORDS <= s < max_words ==>
      \let L = level_of_size(s); \let w = level_low(L) / SUBCLASSES;
      \let sub = (s - level_low(L)) / w;
      0 <= sub < SUBCLASSES && size_class(s) == EXACT_CLASSES + SUBCLASSES * L + sub &&
      (size_class(s) - EXACT_CLASSES) / SUBCLASSES == L && (size_class(s) - EXACT_CLASSES) % SUBCLASSES == sub &&
      level_low(L) + sub * w <= s < level_low(L) + (sub + 1) * w;

  // Below EXACT_LIMIT_WORDS a size has a class of its own.
  lemma size_class_exact:
    \forall integer s; MIN_BLOCK_WORDS <= s < EXACT_LIMIT_WORDS && s % 2 == 0 ==>
      in_class(s, size_class(s));

  // Above, its class is one of the heap's and starts at or below it ...
  lemma size_class_from:
    \forall integer s; EXACT_LIMIT_WORDS <= s < max_words ==>
      EXACT_CLASSES <= size_class(s) < CLASS_COUNT && class_min(size_class(s)) <= s;

  // Inside a level, the next class is the next subclass, one width higher.
  lemma class_step_parts:
    \forall integer c; EXACT_CLASSES <= c && (c - EXACT_CLASSES) % SUBCLASSES < SUBCLASSES - 1 ==>
      (c + 1 - EXACT_CLASSES) / SUBCLASSES == (c - EXACT_CLASSES) / SUBCLASSES &&
      (c + 1 - EXACT_CLASSES) % SUBCLASSES == (c - EXACT_CLASSES) % SUBCLASSES + 1;
  lemma class_step:
    \forall integer c; EXACT_CLASSES <= c && (c - EXACT_CLASSES) % SUBCLASSES < SUBCLASSES - 1 ==>
      class_min(c + 1) == class_min(c) + level_low((c - EXACT_CLASSES) / SUBCLASSES) / SUBCLASSES;

  // ... and the next class starts above it: one width further in the same level,
  // or (after the level's last class) at the next level.
  lemma size_class_next_inside:
    \forall integer s; EXACT_LIMIT_WORDS <= s < max_words ==>
      \let L = level_of_size(s); \let w = level_low(L) / SUBCLASSES;
      \let sub = (s - level_low(L)) / w;
      sub < SUBCLASSES - 1 ==> class_min(size_class(s) + 1) == level_low(L) + (sub + 1) * w;
  // A level's first class starts at the level's first size.
  lemma level_start_parts:
    \forall integer L; 0 <= L ==> (SUBCLASSES * L) / SUBCLASSES == L && (SUBCLASSES * L) % SUBCLASSES == 0;
  lemma class_min_level_start:
    \forall integer L; 0 <= L ==> class_min(EXACT_CLASSES + SUBCLASSES * L) == level_low(L);

  lemma class_after_level:
    \forall integer c; EXACT_CLASSES <= c && (c - EXACT_CLASSES) % SUBCLASSES == SUBCLASSES - 1 ==>
      c + 1 == EXACT_CLASSES + SUBCLASSES * ((c - EXACT_CLASSES) / SUBCLASSES + 1);
  lemma class_min_after_level:
    \forall integer c; EXACT_CLASSES <= c && (c - EXACT_CLASSES) % SUBCLASSES == SUBCLASSES - 1 ==>
      class_min(c + 1) == level_low((c - EXACT_CLASSES) / SUBCLASSES + 1);
  lemma size_class_next_level:
    \forall integer s; EXACT_LIMIT_WORDS <= s < max_words ==>
      \let L = level_of_size(s); \let w = level_low(L) / SUBCLASSES;
      \let sub = (s - level_low(L)) / w;
      sub == SUBCLASSES - 1 ==> class_min(size_class(s) + 1) == level_low(L + 1);
  lemma size_class_below_next:
    \forall integer s; EXACT_LIMIT_WORDS <= s < max_words ==> s < class_min(size_class(s) + 1);

  // Every size of a heap lies in the class size_class gives it (what class_of_size computes).
  lemma size_class_in_class:
    \forall integer s; MIN_BLOCK_WORDS <= s < max_words && s % 2 == 0 ==> in_class(s, size_class(s));
  }
*/

#endif /* TAGHEAP_SPEC_CLASSES_H */
