/* SPDX-License-Identifier: MIT */
/*
 * Shell: laying a heap out in a caller's region, and retiring it.  (Regions the
 * library maps itself come from mapping.c, which bare-metal builds leave out.)
 *
 *   region: [skip to 8-aligned][struct tagheap][heads][group map][start map: n/2 bytes][pad to 16][n words]
 *
 * The heads: one 8-byte word per size class a block of the heap can fall in,
 * as few as cover the heap laid out after them (heap_lay_out).  The group map:
 * one 4-byte entry per GROUP_CLASSES (8) of those classes, padded to 8 bytes.
 *
 * The word array starts 16-byte aligned so that headers (odd word indices) sit
 * at 8 mod 16 and payloads at 16-byte boundaries.  n is the largest even count
 * that fits; anything left at the end of the region stays unused.
 */
#include <stdint.h>

#include "annotate.h"
#include "shell.h"

static uintptr_t align_up(uintptr_t a, uintptr_t alignment)
{
    return (a + alignment - 1) / alignment * alignment;
}

/* Where the word array of an n-word heap starts, given where the map starts. */
static uintptr_t words_start(uintptr_t map_start, int64_t n)
{
    return align_up(map_start + (uintptr_t)(n / 2), SIZE_UNIT);
}

static int64_t smaller_of(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

/* The largest even n whose map and words fit in [map_start, end). */
static int64_t fit_words(uintptr_t map_start, uintptr_t end)
{
    /* end - map_start, not map_start + SIZE_UNIT: a region ending near the top
     * of the address space must not wrap (found by fuzz/fuzz_init.c) */
    if (end - map_start <= SIZE_UNIT)
        return 0;
    /* Each word costs 8 bytes plus half a map byte, so no even n above
     * 2 * floor(bytes / 17) fits; the padding before the words may cost one
     * step more, which the loop takes back.  Dividing first keeps the product
     * from overflowing; estimate < 2^61, so it fits int64_t.  The clamp only
     * matters for a region of more than 2^59 bytes (on a 32-bit target
     * (uintptr_t)CORE_MAX_WORDS is 0, hence the comparison in int64_t, made in
     * a function: on the cast itself gcc warns there that it is always false). */
    uintptr_t estimate = (end - map_start) / (2 * WORD_BYTES + 1) * 2;
    int64_t n = smaller_of((int64_t)estimate, CORE_MAX_WORDS);
    /* end - n words, not words_start + n words: no sum may wrap at the top of
     * the address space (n * WORD_BYTES < end - map_start, so this cannot) */
    while (n >= CORE_MIN_WORDS && words_start(map_start, n) > end - (uintptr_t)n * WORD_BYTES)
        n -= 2;
    return n;
}

/* Bytes of the heads of `classes` classes and of their group map. */
static uintptr_t lists_bytes(int64_t classes)
{
    uintptr_t groups = (uintptr_t)(classes + GROUP_CLASSES - 1) / GROUP_CLASSES;
    return (uintptr_t)classes * sizeof(uint64_t) + align_up(groups * sizeof(uint32_t), sizeof(uint64_t));
}

/* The largest even n whose heads (`classes` of them), group map, start map and
 * words fit in [heads_start, end); 0 if none does. */
static int64_t words_after_heads(uintptr_t heads_start, uintptr_t end, int64_t classes)
{
    uintptr_t heads_bytes = lists_bytes(classes);
    if (end - heads_start <= heads_bytes)
        return 0;
    return fit_words(heads_start + heads_bytes, end);
}

int heap_is_live(const tagheap *h)
{
    return h != NULL && h->magic == TAGHEAP_MAGIC;
}

size_t heap_capacity(const tagheap *h)
{
    /* one block from word 1 to word n-2, minus its header */
    return (size_t)(h->core.n - 2 - HEADER_WORDS) * WORD_BYTES;
}

size_t heap_bytes_reached(const tagheap *h, int64_t end_word)
{
    size_t state = (size_t)((uintptr_t)h->core.starts - h->region_start);
    size_t map = (size_t)(end_word + 1) / 2; /* map byte k is words 2k and 2k + 1 */
    return state + map + (size_t)end_word * WORD_BYTES;
}

tagheap *tagheap_init(void *region, size_t bytes)
{
    return heap_lay_out(region, bytes, 0);
}

tagheap *heap_lay_out(void *region, size_t bytes, int memory_is_zero)
{
    uintptr_t begin = (uintptr_t)region;
    /* a region that runs past the top of the address space is no region */
    if (region == NULL || bytes > UINTPTR_MAX - begin) {
        set_errno(EINVAL);
        return NULL;
    }
    uintptr_t end = begin + bytes;
    uintptr_t state = align_up(begin, _Alignof(struct tagheap));
    if (state < begin || state > end || end - state < sizeof(struct tagheap)) {
        set_errno(EINVAL);
        return NULL;
    }
    uintptr_t heads_start = state + sizeof(struct tagheap);
    /* The fewest heads that cover the heap laid out after them.  More heads
     * leave a heap no larger, which needs no more heads: so count up from one
     * head until the heap after them needs no more than there are (at most
     * CLASS_COUNT steps), or until no heap fits at all.  Unlike a search down
     * from the heads of the largest heap, every test here is reached by some
     * region (make coverage). */
    int64_t classes = 1;
    int64_t n = words_after_heads(heads_start, end, classes);
    while (n >= CORE_MIN_WORDS && core_classes_for(n) > classes) {
        classes++;
        n = words_after_heads(heads_start, end, classes);
    }
    uintptr_t group_map_start = heads_start + (uintptr_t)classes * sizeof(uint64_t);
    uintptr_t map_start = heads_start + lists_bytes(classes);
    if (n < CORE_MIN_WORDS) {
        set_errno(EINVAL);
        return NULL;
    }
    tagheap *h = (tagheap *)state;
    clear_bytes(h, sizeof *h);
    h->core.starts = (unsigned char *)map_start;
    h->core.words = (word *)words_start(map_start, n);
    h->core.n = n;
    h->region_start = begin;
    h->extent = heap_bytes_reached(h, 0);
    /* A caller's region may hold anything; a fresh mapping is all zero, and not
     * clearing its map is what makes a large heap cost only the pages it uses. */
    if (!memory_is_zero)
        core_clear_map(&h->core);
    h->heads = (uint64_t *)heads_start;
    h->core.group_map = (uint32_t *)group_map_start;
    h->core.classes = core_classes_for(n); /* at most the heads kept: what core_init_lists requires */
    core_init(&h->core);
    core_init_lists(&h->core, h->heads);
    annotate_heap_created(&h->core);
    h->magic = TAGHEAP_MAGIC;
    return h;
}

void tagheap_destroy(tagheap *h)
{
    if (!heap_is_live(h))
        return;
    h->magic = 0;
    annotate_heap_destroyed(&h->core);
    if (h->unmap != NULL)
        h->unmap(h->mapping, h->mapping_bytes);
}
