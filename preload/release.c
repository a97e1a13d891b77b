/* SPDX-License-Identifier: MIT */
/*
 * Preload: giving the memory of large free blocks back to the kernel, so that
 * a program's resident memory falls after a peak.
 *
 * madvise(MADV_DONTNEED) drops whole pages strictly inside a free block's
 * payload, after its header and the two words free-list links will use, and
 * before its footer (free_extent.c says where that is): no tag, no link, no
 * start-map byte is touched, so the core reads exactly what it wrote.  A
 * dropped page reads as zeros when the block is handed out again.
 *
 * The first release_keep bytes of every free block stay resident: first fit
 * hands out the start of a free block first, so a program that allocates and
 * frees around the same size neither faults nor calls madvise on every cycle
 * (glibc's trim threshold plays this role).
 *
 * What stays true after every call: in every free block, the whole pages
 * beyond its first release_keep bytes have been given back.  So a free need
 * not give back the whole merged block -- madvise over pages already given
 * back still walks their page tables, and freeing a small block next to a
 * large free one would cost a walk over all of it -- only what was not given
 * back yet: the freed block itself (and the page on each side, shared with a
 * neighbour) and the head the free block after it kept, which is now in the
 * middle.  The free block before it keeps its head, which stays the head.
 * Allocating from a free block keeps the property (what remains free is a
 * tail of what was free), provided release_keep is at least a page (the new
 * free block's header is written in its first page).
 */
#include <sys/mman.h>

#include "preload.h"

static uintptr_t round_down(uintptr_t a, uintptr_t unit)
{
    return a / unit * unit;
}

static uintptr_t round_up(uintptr_t a, uintptr_t unit)
{
    return round_down(a + unit - 1, unit);
}

void release_free_pages(struct free_span span, uintptr_t freed_start, uintptr_t freed_end)
{
    uintptr_t page = page_bytes();
    if (span.end <= span.start || span.end - span.start <= preload_config.release_keep)
        return;
    uintptr_t low = span.start + preload_config.release_keep;
    if (freed_start > page && freed_start - page > low)
        low = freed_start - page;
    uintptr_t high = span.end;
    uintptr_t next_head_end = freed_end + preload_config.release_keep + page;
    if (next_head_end > freed_end && next_head_end < high)
        high = next_head_end;
    low = round_up(low, page);
    high = round_down(high, page);
    if (low >= high)
        return;
    if (madvise((void *)low, high - low, MADV_DONTNEED) == 0) {
        preload_stats.released_bytes += high - low;
        preload_stats.release_calls++;
    }
}
