/* SPDX-License-Identifier: MIT */
/*
 * Heaps in telling states, each written twice into DIR: NAME.json by
 * tagheap_dump_json and NAME.stats by tagheap_get_stats (one "field value" line
 * each, and the dump's return code), so that tests/check_heapmap.py can parse
 * the JSON and compare it with statistics gathered by the other function.
 *
 *   json_snapshots DIR
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tagheap.h"

static const char *dir;

static FILE *open_in_dir(const char *name, const char *extension)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.%s", dir, name, extension);
    FILE *out = fopen(path, "w");
    if (out == NULL) {
        perror(path);
        exit(1);
    }
    return out;
}

static void snapshot(tagheap *h, const char *name)
{
    FILE *json = open_in_dir(name, "json");
    int status = tagheap_dump_json(h, json);
    fclose(json);
    tagheap_stats s;
    tagheap_get_stats(h, &s);
    FILE *stats = open_in_dir(name, "stats");
    fprintf(stats,
            "dump_status %d\ncapacity %zu\nallocated_bytes %zu\nfree_bytes %zu\n"
            "largest_free %zu\npeak_allocated %zu\nextent %zu\nblocks %zu\nfree_blocks %zu\n"
            "failed_allocs %zu\n",
            status, s.capacity, s.allocated_bytes, s.free_bytes, s.largest_free, s.peak_allocated,
            s.extent, s.blocks, s.free_blocks, s.failed_allocs);
    fclose(stats);
}

static tagheap *created(size_t bytes)
{
    tagheap *h = tagheap_create(bytes);
    if (h == NULL) {
        perror("tagheap_create");
        exit(1);
    }
    return h;
}

/* Blocks of many sizes, every other one freed, then an aligned block and a
 * grown one: free space scattered between allocated blocks. */
static void fragmented(void)
{
    tagheap *h = created(64 * 1024);
    void *blocks[40];
    for (size_t k = 0; k < 40; k++)
        blocks[k] = tagheap_malloc(h, 24 + 37 * k);
    for (size_t k = 0; k < 40; k += 2)
        tagheap_free(h, blocks[k]);
    tagheap_aligned_alloc(h, 256, 100);
    void *grown = tagheap_realloc(h, blocks[1], 2000);
    if (grown == NULL)
        exit(1);
    snapshot(h, "fragmented");
    tagheap_destroy(h);
}

/* A caller's region at an odd address, allocated until it refuses. */
static void full(void)
{
    static _Alignas(16) unsigned char region[3000];
    tagheap *h = tagheap_init(region + 5, sizeof region - 5);
    if (h == NULL)
        exit(1);
    void *last = NULL;
    for (void *p; (p = tagheap_malloc(h, 72)) != NULL;)
        last = p;
    tagheap_free(h, last);
    snapshot(h, "full");
}

/* A header overwritten with a size that runs past the heap: the walk stops. */
static void damaged(void)
{
    tagheap *h = created(8 * 1024);
    tagheap_malloc(h, 40);
    unsigned char *b = tagheap_malloc(h, 40);
    tagheap_malloc(h, 300);
    uint64_t garbage = 0x414141;
    memcpy(b - 8, &garbage, sizeof garbage);
    snapshot(h, "damaged");
    tagheap_destroy(h);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    dir = argv[1];
    tagheap *fresh = created(64 * 1024);
    snapshot(fresh, "fresh");
    tagheap_destroy(fresh);
    static _Alignas(16) unsigned char smallest[256];
    tagheap *tiny = tagheap_init(smallest, sizeof smallest);
    if (tiny == NULL)
        return 1;
    snapshot(tiny, "tiny");
    fragmented();
    full();
    damaged();
    return 0;
}
