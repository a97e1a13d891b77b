/*
 * Finding (core, robustness; not fixed here: the core belongs to the proof).
 *
 * After a client overflow rewrites the header of a FREE block with a larger
 * size, tagheap_malloc writes outside the caller's region.  find_fit
 * (core_fit.c) stops at a header whose size is below MIN_BLOCK_WORDS ("corrupted
 * tag: stop rather than loop forever") but not at one whose size runs past the
 * end marker (size > n - 1 - i); place() then splits the block and
 * split_free_block writes the remainder's footer at words[i + size - 1], beyond
 * the word array.  find_aligned_fit has the same gap.  core_validate already
 * checks exactly this bound (`size > c->n - 1 - i` -> CORE_ECORRUPT) before
 * free touches a block.
 *
 * The heap was corrupted by the client, so this is outside the documented
 * contract (tagheap_check reports ETILING here); the point is that one bad
 * header turns into a write outside the heap, the kind of amplification the
 * free path is hardened against.  Suggested fix (core): in find_fit and
 * find_aligned_fit, `if (size < MIN_BLOCK_WORDS || size > c->n - 1 - i)
 * return NO_BLOCK;`.
 *
 * Reproduce:  make lib && cc -std=c11 -Isrc fuzz/findings/core-find-fit-oversized-free-header.c \
 *                 build/libtagheap.a -o /tmp/repro && /tmp/repro
 * Prints "bytes written after the region: 8" and exits 1 today; 0 once fixed.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "tagheap.h"
static unsigned char arena[64 + 4096 + 4096] __attribute__((aligned(16)));
int main(void)
{
    unsigned char *region = arena + 64;
    memset(arena, 0xA5, sizeof arena);
    tagheap *h = tagheap_init(region, 4096);
    unsigned char *a = tagheap_malloc(h, 40);
    size_t usable = tagheap_usable_size(h, a);
    /* client overflow: 8 bytes past a, onto the header of the free rest */
    uint64_t huge_free = (uint64_t)600 * 8 + 2; /* 600 words (4800 bytes), free, previous allocated */
    memcpy(a + usable, &huge_free, sizeof huge_free);
    printf("check: %d\n", tagheap_check(h, NULL));
    void *p = tagheap_malloc(h, 100);
    printf("malloc(100) on the damaged heap: %p\n", p);
    size_t outside = 0;
    for (size_t k = 4096 + 64; k < sizeof arena; k++)
        outside += arena[k] != 0xA5;
    printf("bytes written after the region: %zu\n", outside);
    return outside != 0;
}
