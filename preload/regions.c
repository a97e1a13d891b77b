/* SPDX-License-Identifier: MIT */
/*
 * Preload: the heap as a set of tagheap regions.
 *
 * A heap that grows without a proved "extend" operation: when no region can
 * serve a request, a new standard region of preload_config.region_bytes is
 * mapped and becomes a tagheap of its own; a request too large for a standard
 * region gets a dedicated region sized for it, unmapped when its block is freed.
 * Standard regions are MAP_NORESERVE: address space is reserved, and a page
 * costs memory only once it is touched.
 *
 * Each mapping starts with its struct region record; the tagheap region
 * follows.  A table of record pointers, sorted by address, finds the region of
 * any pointer by binary search; it lives in its own mapping (the preload never
 * calls malloc) and doubles when full.  Every function here runs with the lock
 * held.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "preload.h"
#include "shell.h"

/* The record in front of each tagheap region; 64 keeps the region 16-aligned. */
enum { RECORD_BYTES = 64, FIRST_TABLE_SLOTS = 512 };
_Static_assert(sizeof(struct region) <= RECORD_BYTES, "struct region fits its slot");

static struct region **table; /* sorted by start address */
static size_t table_slots;
static size_t used_slots;
static size_t mapped_bytes;
static size_t peak_mapped_bytes;

/* reserve_only: MAP_NORESERVE, for the fixed-size standard regions.  A
 * dedicated region is sized by the request, so it is left to the kernel's
 * overcommit check, which refuses a mapping larger than memory and swap
 * together: a request of terabytes gets ENOMEM from malloc, as from glibc,
 * not a kill when the program writes what it was given. */
static void *map_anonymous(size_t bytes, int reserve_only)
{
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | (reserve_only ? MAP_NORESERVE : 0);
    void *at = mmap(NULL, bytes, PROT_READ | PROT_WRITE, flags, -1, 0);
    return at == MAP_FAILED ? NULL : at;
}

/* Room for one more record pointer, or 0 when even the kernel has no more. */
static int table_has_room(void)
{
    if (used_slots < table_slots)
        return 1;
    size_t slots = table_slots == 0 ? FIRST_TABLE_SLOTS : 2 * table_slots;
    struct region **bigger = map_anonymous(slots * sizeof *bigger, 0);
    if (bigger == NULL)
        return 0;
    if (table != NULL) {
        memcpy(bigger, table, used_slots * sizeof *table);
        munmap(table, table_slots * sizeof *table);
    }
    table = bigger;
    table_slots = slots;
    return 1;
}

/* Index of the first region whose mapping starts above `address`. */
static size_t first_above(uintptr_t address)
{
    size_t low = 0, high = used_slots;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        if (table[mid]->start <= address)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

struct region *region_of(const void *p)
{
    uintptr_t address = (uintptr_t)p;
    size_t above = first_above(address);
    if (above == 0)
        return NULL;
    struct region *r = table[above - 1];
    return address < r->end ? r : NULL;
}

size_t region_count(void)
{
    return used_slots;
}

struct region *region_at(size_t k)
{
    return table[k];
}

static struct region *add_mapping(size_t bytes, int dedicated)
{
    if (!table_has_room()) {
        errno = ENOMEM;
        return NULL;
    }
    unsigned char *mapping = map_anonymous(bytes, !dedicated);
    if (mapping == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    tagheap *heap = heap_lay_out(mapping + RECORD_BYTES, bytes - RECORD_BYTES, 1); /* fresh: zero */
    if (heap == NULL) {
        munmap(mapping, bytes);
        errno = ENOMEM;
        return NULL;
    }
    struct region *r = (struct region *)mapping;
    r->start = (uintptr_t)mapping;
    r->end = r->start + bytes;
    r->heap = heap;
    r->dedicated = dedicated;
    r->no_fit_from = SIZE_MAX;
    r->last_free_capacity = 0; /* nothing freed here yet */
    size_t at = first_above(r->start);
    memmove(table + at + 1, table + at, (used_slots - at) * sizeof *table);
    table[at] = r;
    used_slots++;
    mapped_bytes += bytes;
    if (mapped_bytes > peak_mapped_bytes)
        peak_mapped_bytes = mapped_bytes;
    preload_stats.regions_created++;
    preload_stats.dedicated_created += (size_t)dedicated;
    return r;
}

/* Every standard region is region_bytes (TAGHEAP_REGION_MB, 1 GiB by default).
 * A region is reserved address space (MAP_NORESERVE) whose pages, start map
 * included, cost memory only once blocks reach them, so a large region costs
 * what it holds; and one region means one search, the core's constant-time
 * one, where several cost a failed search in each region that cannot serve the
 * request (measured, scaling stream at a million live blocks: 578 instructions
 * per malloc with regions doubling from 4 to 64 MiB, 395 with one 1 GiB region,
 * 405 at a thousand blocks).  A kernel that refuses the reservation (strict
 * overcommit) gets smaller ones, halving down to MIN_REGION_BYTES, as long as
 * a quarter of the region still holds the request. */
enum { MIN_REGION_BYTES = 4 << 20 };

struct region *region_add_standard(size_t request)
{
    size_t bytes = preload_config.region_bytes;
    struct region *r = add_mapping(bytes, 0);
    while (r == NULL && bytes / 2 >= MIN_REGION_BYTES && bytes / 2 / 4 >= request) {
        bytes /= 2;
        r = add_mapping(bytes, 0);
    }
    return r;
}

struct region *region_add_dedicated(size_t bytes, size_t alignment)
{
    /* the block and room for two alignments: the core's aligned search takes the
     * head of a class all of whose blocks hold the request after the largest gap
     * an alignment can need (up to one alignment, one more when the gap is too
     * small to be a free block of its own: core_fit.c, find_aligned_fit); then
     * the tagheap state, the free lists' heads and padding, the start map (one
     * byte per 16), the end marker, and the record: 64 KiB covers every fixed
     * part with room to spare.  Pages the block does not reach stay unmapped. */
    const size_t fixed = 64 * 1024;
    size_t limit = SIZE_MAX / 2;
    if (bytes > limit || alignment > (limit - bytes) / 2) {
        errno = ENOMEM;
        return NULL;
    }
    size_t payload = bytes + 2 * alignment;
    size_t total = payload + payload / 16 + fixed;
    total = (total + page_bytes() - 1) / page_bytes() * page_bytes();
    return add_mapping(total, 1);
}

void region_remove(struct region *r)
{
    size_t at = first_above(r->start) - 1;
    memmove(table + at, table + at + 1, (used_slots - at - 1) * sizeof *table);
    used_slots--;
    size_t bytes = r->end - r->start;
    mapped_bytes -= bytes;
    tagheap_destroy(r->heap);
    munmap((void *)r->start, bytes);
}

size_t regions_mapped_bytes(void)
{
    return mapped_bytes;
}

size_t regions_peak_mapped_bytes(void)
{
    return peak_mapped_bytes;
}
