/* SPDX-License-Identifier: MIT */
/*
 * Size classes of the free lists (specs/classes.h): exact classes for small
 * blocks, then 16 classes per power of two.  Pure arithmetic on the size; the
 * only loop climbs the levels, at most LEVELS steps, and none for a block
 * under 512 bytes.
 */
#include "core.h"

/* The level of a size of at least EXACT_LIMIT_WORDS words, and in *low the
 * level's first size. */
/*@ requires size: EXACT_LIMIT_WORDS <= s < max_words;
    requires \valid(low);
    assigns *low;
    ensures level: 0 <= \result < LEVELS;
    ensures low: *low == level_low(\result);
    ensures in_level: *low <= s < 2 * *low;
*/
static int64_t level_of(int64_t s, int64_t *low)
{
    //@ assert facts: by_class_facts;
    int64_t level = 0;
    int64_t first = EXACT_LIMIT_WORDS;
    /*@ loop invariant level: 0 <= level <= LEVELS - 1;
        loop invariant first: first == level_low(level);
        loop invariant below: first <= s;
        loop assigns level, first;
        loop variant LEVELS - level;
    */
    while (s / 2 >= first) {
        first = first * 2;
        level = level + 1;
    }
    *low = first;
    return level;
}

/* The subclass of s in the level that starts at low, whose classes are `width`
 * words apart: pure arithmetic, proved apart from the class lemmas (with them in
 * its context, the provers get lost in the levels' definitions). */
/*@ requires level: 0 < width && low == SUBCLASSES * width && low <= s < 2 * low;
    assigns \nothing;
    ensures quotient: \result == (s - low) / width;
    ensures range: 0 <= \result < SUBCLASSES;
    ensures within: \result * width <= s - low < (\result + 1) * width;
*/
static int64_t subclass_in_level(int64_t s, int64_t low, int64_t width)
{
    int64_t sub = (s - low) / width;
    //@ assert euclid: s - low == sub * width + (s - low) % width && 0 <= (s - low) % width < width;
    //@ assert below: 0 <= s - low < SUBCLASSES * width;
    return sub;
}

int64_t class_of_size(int64_t s)
{
    if (s < EXACT_LIMIT_WORDS) {
        //@ assert facts: by_class_facts;
        return (s - MIN_BLOCK_WORDS) / GRANULE_WORDS;
    }
    /* size_class's definition, unfolded before the class lemmas come into the
     * goals' context: with them, this step alone is out of the provers' reach */
    /*@ assert unfolded: size_class(s) == EXACT_CLASSES + SUBCLASSES * level_of_size(s) +
          (s - level_low(level_of_size(s))) / (level_low(level_of_size(s)) / SUBCLASSES); */
    //@ assert facts: by_class_facts;
    int64_t low;
    int64_t level = level_of(s, &low);
    //@ assert in_level: low <= s < 2 * low;
    int64_t width = low / SUBCLASSES;
    //@ assert width: low == SUBCLASSES * width && width >= 4;
    /* the subclass s's offset in the level falls in */
    int64_t sub = subclass_in_level(s, low, width);
    //@ assert sub: 0 <= sub < SUBCLASSES && sub * width <= s - low < (sub + 1) * width;
    //@ assert quotient: sub == (s - low) / width;
    int64_t c = EXACT_CLASSES + level * SUBCLASSES + sub;
    //@ assert level_width: level_low(level) / SUBCLASSES == width;
    //@ assert is_level: level_of_size(s) == level;
    //@ assert low_is: low == level_low(level);
    //@ assert at_level: size_class(s) == EXACT_CLASSES + SUBCLASSES * level + (s - low) / width;
    //@ assert is_size_class: c == size_class(s);
    //@ assert c_low: c >= EXACT_CLASSES;
    /*@ assert min_unfolded: class_min(c) ==
          level_low((c - EXACT_CLASSES) / SUBCLASSES) +
          (c - EXACT_CLASSES) % SUBCLASSES * (level_low((c - EXACT_CLASSES) / SUBCLASSES) / SUBCLASSES); */
    //@ assert parts: (c - EXACT_CLASSES) / SUBCLASSES == level && (c - EXACT_CLASSES) % SUBCLASSES == sub;
    //@ assert min: class_min(c) == low + sub * width;
    /*@ assert next_unfolded: class_min(c + 1) ==
          level_low((c + 1 - EXACT_CLASSES) / SUBCLASSES) +
          (c + 1 - EXACT_CLASSES) % SUBCLASSES * (level_low((c + 1 - EXACT_CLASSES) / SUBCLASSES) / SUBCLASSES); */
    /*@ assert next_same_level: sub < SUBCLASSES - 1 ==>
          (c + 1 - EXACT_CLASSES) / SUBCLASSES == level && (c + 1 - EXACT_CLASSES) % SUBCLASSES == sub + 1; */
    /*@ assert next_new_level: sub == SUBCLASSES - 1 ==>
          (c + 1 - EXACT_CLASSES) / SUBCLASSES == level + 1 && (c + 1 - EXACT_CLASSES) % SUBCLASSES == 0; */
    /*@ assert next: sub < SUBCLASSES - 1 ==> class_min(c + 1) == low + (sub + 1) * width; */
    /*@ assert next_level: sub == SUBCLASSES - 1 ==> class_min(c + 1) == 2 * low; */
    return c;
}

int64_t request_class(int64_t s)
{
    //@ assert facts: by_class_facts;
    if (s < EXACT_LIMIT_WORDS)
        return (s - MIN_BLOCK_WORDS) / GRANULE_WORDS;
    int64_t low;
    int64_t level = level_of(s, &low);
    //@ assert in_level: low <= s < 2 * low;
    int64_t width = low / SUBCLASSES;
    //@ assert width: low == SUBCLASSES * width && width >= 4;
    /* the first subclass whose smallest size is s or more (SUBCLASSES: the next
     * level's first class, which starts at 2 * low) */
    int64_t sub = (s - low + width - 1) / width;
    //@ assert euclid: width * sub <= s - low + width - 1 < width * sub + width;
    //@ assert sub_low: 0 <= sub;
    //@ assert rounded_below: s - low + width - 1 < (SUBCLASSES + 1) * width;
    //@ assert sub_high: sub <= SUBCLASSES;
    //@ assert sub_below: (sub - 1) * width < s - low;
    //@ assert sub_above: s - low <= sub * width;
    //@ assert sub: 0 <= sub <= SUBCLASSES && (sub - 1) * width < s - low <= sub * width;
    int64_t c = EXACT_CLASSES + level * SUBCLASSES + sub;
    //@ assert c_low: c >= EXACT_CLASSES;
    //@ assert level_width: level_low(level) / SUBCLASSES == width;
    /*@ assert min_unfolded: class_min(c) ==
          level_low((c - EXACT_CLASSES) / SUBCLASSES) +
          (c - EXACT_CLASSES) % SUBCLASSES * (level_low((c - EXACT_CLASSES) / SUBCLASSES) / SUBCLASSES); */
    /*@ assert min_same_level: sub < SUBCLASSES ==>
          (c - EXACT_CLASSES) / SUBCLASSES == level && (c - EXACT_CLASSES) % SUBCLASSES == sub; */
    /*@ assert min_next_level: sub == SUBCLASSES ==>
          (c - EXACT_CLASSES) / SUBCLASSES == level + 1 && (c - EXACT_CLASSES) % SUBCLASSES == 0; */
    //@ assert min_value_same_level: sub < SUBCLASSES ==> class_min(c) == low + sub * width;
    //@ assert min_value_next_level: sub == SUBCLASSES ==> class_min(c) == 2 * low;
    //@ assert fits: class_min(c) >= s;
    /*@ assert prev_unfolded: c - 1 >= EXACT_CLASSES ==> class_min(c - 1) ==
          level_low((c - 1 - EXACT_CLASSES) / SUBCLASSES) +
          (c - 1 - EXACT_CLASSES) % SUBCLASSES * (level_low((c - 1 - EXACT_CLASSES) / SUBCLASSES) / SUBCLASSES); */
    /*@ assert prev_same_level: sub >= 1 ==>
          (c - 1 - EXACT_CLASSES) / SUBCLASSES == level && (c - 1 - EXACT_CLASSES) % SUBCLASSES == sub - 1; */
    /*@ assert prev_level: sub == 0 && level >= 1 ==>
          (c - 1 - EXACT_CLASSES) / SUBCLASSES == level - 1 &&
          (c - 1 - EXACT_CLASSES) % SUBCLASSES == SUBCLASSES - 1 && 2 * level_low(level - 1) == low; */
    //@ assert prev_exact: sub == 0 && level == 0 ==> c - 1 == EXACT_CLASSES - 1;
    //@ assert prev_value_same_level: sub >= 1 ==> class_min(c - 1) == low + (sub - 1) * width;
    /*@ assert prev_value_level: sub == 0 && level >= 1 ==>
          class_min(c - 1) == low / 2 + (SUBCLASSES - 1) * (low / 2 / SUBCLASSES); */
    //@ assert prev_value_exact: sub == 0 && level == 0 ==> class_min(c - 1) == EXACT_LIMIT_WORDS - GRANULE_WORDS;
    return c;
}
