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
 * Two limits keep this cheap:
 *   - the first release_keep bytes of every free block stay resident: first
 *     fit hands out the start of a free block first, so a program that
 *     allocates and frees around the same size neither faults nor calls
 *     madvise on every cycle (glibc's trim threshold plays this role);
 *   - only pages within a page of the block just freed are considered: the
 *     rest of a merged free block was considered when it was freed itself, and
 *     madvise over pages already given back still walks their page tables.
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
    if (freed_end + page < high)
        high = freed_end + page;
    low = round_up(low, page);
    high = round_down(high, page);
    if (low >= high)
        return;
    if (madvise((void *)low, high - low, MADV_DONTNEED) == 0) {
        preload_stats.released_bytes += high - low;
        preload_stats.release_calls++;
    }
}
