/* SPDX-License-Identifier: MIT */
/*
 * Allocation benchmark: the same deterministic operation streams run against
 * tagheap or against whatever malloc the process has (glibc, or jemalloc /
 * mimalloc through LD_PRELOAD).  bench/run.sh runs every allocator in one
 * invocation and prints ratios, since this machine's timing drifts.
 *
 *   bench tagheap|system [--ops N] [--rounds R]
 *   bench tagheap --map DIR [--ops N]
 *
 * With --map nothing is timed: each stream's tagheap heap is snapshotted at
 * its peak (tagheap_dump_json) into DIR/<stream>.json, for tools/heapmap.py.
 *
 * Streams are generated before the clock starts; each allocated block has its
 * first and last byte written, so lazy allocators are charged for touching it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tagheap.h"

enum op_kind { OP_ALLOC, OP_FREE, OP_REALLOC };

struct op {
    enum op_kind kind;
    uint32_t slot;
    uint32_t size;
};

struct stream {
    const char *name;
    struct op *ops;
    size_t count;
    uint32_t slots;
};

static uint64_t rng_state;

static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Du;
}

static uint32_t uniform(uint32_t low, uint32_t high)
{
    return low + (uint32_t)(rng() % (high - low + 1));
}

static uint32_t mixed_size(void)
{
    uint64_t r = rng() % 100;
    return r < 70 ? uniform(8, 128) : r < 95 ? uniform(129, 4096) : uniform(4097, 65536);
}

/* Random allocs and frees over `slots` live slots, sizes from `size_of`. */
static struct stream random_stream(const char *name, size_t count, uint32_t slots,
                                   uint32_t (*size_of)(void))
{
    struct stream s = {name, calloc(count, sizeof(struct op)), count, slots};
    unsigned char *live = calloc(slots, 1);
    for (size_t k = 0; k < count; k++) {
        uint32_t slot = (uint32_t)(rng() % slots);
        s.ops[k] = (struct op){live[slot] ? OP_FREE : OP_ALLOC, slot, live[slot] ? 0 : size_of()};
        live[slot] = !live[slot];
    }
    free(live);
    return s;
}

static uint32_t small_size(void)
{
    return uniform(8, 128);
}

/* A sliding window: allocate a new block, free the oldest (queues, buffers). */
static struct stream fifo_stream(size_t count, uint32_t window)
{
    struct stream s = {"fifo-window", calloc(count, sizeof(struct op)), count, window};
    for (size_t k = 0; k < count; k += 2) {
        uint32_t slot = (uint32_t)((k / 2) % window);
        s.ops[k] = (struct op){OP_ALLOC, slot, uniform(32, 512)};
        if (k + 1 < count)
            s.ops[k + 1] = (struct op){OP_FREE, (uint32_t)((k / 2 + 1) % window), 0};
    }
    return s;
}

/* Buffers growing by realloc until 8 KiB, then freed (string builders, vectors). */
static struct stream realloc_stream(size_t count, uint32_t slots)
{
    struct stream s = {"realloc-grow", calloc(count, sizeof(struct op)), count, slots};
    uint32_t *size = calloc(slots, sizeof *size);
    for (size_t k = 0; k < count; k++) {
        uint32_t slot = (uint32_t)(rng() % slots);
        if (size[slot] == 0) {
            size[slot] = uniform(16, 64);
            s.ops[k] = (struct op){OP_ALLOC, slot, size[slot]};
        } else if (size[slot] > 8192) {
            size[slot] = 0;
            s.ops[k] = (struct op){OP_FREE, slot, 0};
        } else {
            size[slot] += uniform(16, 256);
            s.ops[k] = (struct op){OP_REALLOC, slot, size[slot]};
        }
    }
    free(size);
    return s;
}

/* The allocator under test. */
static tagheap *heap; /* NULL: use the process's malloc */

static void *bench_alloc(size_t n)
{
    return heap ? tagheap_malloc(heap, n) : malloc(n);
}

static void bench_free(void *p)
{
    if (heap)
        tagheap_free(heap, p);
    else
        free(p);
}

static void *bench_realloc(void *p, size_t n)
{
    return heap ? tagheap_realloc(heap, p, n) : realloc(p, n);
}

static void touch(unsigned char *p, uint32_t size)
{
    p[0] = 1;
    p[size - 1] = 1;
}

/* Run a stream once; returns nanoseconds, or -1 if an allocation failed.
 * Not inlined: bench/run.sh --callgrind counts the instructions inside it. */
__attribute__((noinline)) static double run(const struct stream *s, void **live)
{
    struct timespec start, stop;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (size_t k = 0; k < s->count; k++) {
        const struct op *op = &s->ops[k];
        void **slot = &live[op->slot];
        if (op->kind == OP_ALLOC) {
            bench_free(*slot); /* fifo may refill a slot whose free fell off the end */
            if ((*slot = bench_alloc(op->size)) == NULL)
                return -1;
            touch(*slot, op->size);
        } else if (op->kind == OP_FREE) {
            bench_free(*slot);
            *slot = NULL;
        } else {
            void *q = bench_realloc(*slot, op->size);
            if (q == NULL)
                return -1;
            *slot = q;
            touch(q, op->size);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &stop);
    for (uint32_t k = 0; k < s->slots; k++) {
        bench_free(live[k]);
        live[k] = NULL;
    }
    return (double)(stop.tv_sec - start.tv_sec) * 1e9 + (double)(stop.tv_nsec - start.tv_nsec);
}

/* Replay the first `count` operations of s on the tagheap heap, tracking the
 * usable bytes held after each; sets *peak_op to the first operation after
 * which they are highest, *top to the highest payload end reached.  Frees
 * every slot at the end.  Returns the peak's bytes, or 0 if an allocation
 * failed. */
static size_t replay(const struct stream *s, size_t count, void **live, size_t *peak_op,
                     uintptr_t *top)
{
    size_t held = 0, peak = 0;
    for (size_t k = 0; k < count; k++) {
        const struct op *op = &s->ops[k];
        void **slot = &live[op->slot];
        held -= tagheap_usable_size(heap, *slot); /* 0 for NULL */
        if (op->kind == OP_ALLOC) {
            bench_free(*slot);
            *slot = bench_alloc(op->size);
        } else if (op->kind == OP_FREE) {
            bench_free(*slot);
            *slot = NULL;
        } else {
            void *q = bench_realloc(*slot, op->size);
            *slot = q != NULL ? q : *slot;
        }
        if (op->kind != OP_FREE && *slot == NULL)
            return 0;
        size_t usable = tagheap_usable_size(heap, *slot);
        held += usable;
        if (*slot != NULL && (uintptr_t)*slot + usable > *top)
            *top = (uintptr_t)*slot + usable;
        if (held > peak) {
            peak = held;
            *peak_op = k;
        }
    }
    for (uint32_t k = 0; k < s->slots; k++) {
        bench_free(live[k]);
        live[k] = NULL;
    }
    return peak;
}

/* DIR/<stream>.json: the stream's heap after its peak operation.  A first
 * replay on a 1 GiB heap finds the peak and how far the blocks reach; the
 * second runs up to the peak on a heap just that big (first fit places every
 * block where it did, since no request reaches past the old high-water mark),
 * so the map shows the blocks rather than an untouched gigabyte. */
static int write_peak_map(const struct stream *s, void **live, const char *dir)
{
    size_t peak_op = 0;
    uintptr_t top = 0;
    if ((heap = tagheap_create((size_t)1 << 30)) == NULL)
        return -1;
    void *first = tagheap_malloc(heap, 1); /* the first block: where blocks start */
    uintptr_t base = (uintptr_t)first;
    tagheap_free(heap, first);
    size_t peak = replay(s, s->count, live, &peak_op, &top);
    tagheap_destroy(heap);
    if (peak == 0)
        return -1;
    /* the blocks, the end words, a free tail and the state and start map (1/16) */
    size_t blocks = (size_t)(top - base) + 64 * 1024;
    if ((heap = tagheap_create(blocks + blocks / 16 + 4096)) == NULL)
        return -1;
    size_t unused_op;
    uintptr_t unused_top = 0;
    /* replay up to the peak, keeping the blocks: a copy of the stream that ends there */
    struct stream prefix = *s;
    prefix.count = peak_op + 1;
    prefix.slots = 0; /* replay() frees slots [0, slots): none */
    size_t again = replay(&prefix, prefix.count, live, &unused_op, &unused_top);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.json", dir, s->name);
    FILE *out = fopen(path, "w");
    if (out == NULL || again != peak) {
        fprintf(stderr, "%s: %s\n", path, out == NULL ? "cannot write" : "replay differs");
        return -1;
    }
    fprintf(out,
            "{\"label\": \"%s at its peak: after operation %zu of %zu\",\n\"snapshot\": ", s->name,
            peak_op + 1, s->count);
    int status = tagheap_dump_json(heap, out);
    fprintf(out, "}\n");
    fclose(out);
    for (uint32_t k = 0; k < s->slots; k++)
        live[k] = NULL; /* the heap goes whole */
    tagheap_destroy(heap);
    heap = NULL;
    printf("%s: peak %zu bytes in use after operation %zu: %s\n", s->name, peak, peak_op + 1, path);
    return status;
}

int main(int argc, char **argv)
{
    size_t ops = 1000000;
    int rounds = 3;
    const char *map_dir = NULL;
    if (argc < 2 || (strcmp(argv[1], "tagheap") != 0 && strcmp(argv[1], "system") != 0)) {
        fprintf(stderr, "usage: %s tagheap|system [--ops N] [--rounds R]\n", argv[0]);
        return 2;
    }
    for (int k = 2; k + 1 < argc; k += 2) {
        if (strcmp(argv[k], "--ops") == 0)
            ops = strtoul(argv[k + 1], NULL, 10);
        else if (strcmp(argv[k], "--rounds") == 0)
            rounds = atoi(argv[k + 1]);
        else if (strcmp(argv[k], "--map") == 0)
            map_dir = argv[k + 1];
    }
    if (map_dir != NULL && strcmp(argv[1], "tagheap") != 0) {
        fprintf(stderr, "%s: --map draws tagheap heaps only\n", argv[0]);
        return 2;
    }
    if (map_dir == NULL && strcmp(argv[1], "tagheap") == 0 &&
        (heap = tagheap_create((size_t)1 << 30)) == NULL) {
        perror("tagheap_create");
        return 1;
    }
    rng_state = 0x9E3779B97F4A7C15u;
    struct stream streams[] = {
        random_stream("small-random", ops, 2000, small_size),
        random_stream("mixed-random", ops, 1000, mixed_size),
        fifo_stream(ops, 1000),
        realloc_stream(ops, 200),
    };
    void **live = calloc(2000, sizeof *live);
    for (size_t w = 0; map_dir != NULL && w < sizeof streams / sizeof streams[0]; w++) {
        if (write_peak_map(&streams[w], live, map_dir) != 0) {
            fprintf(stderr, "%s: no map of %s\n", argv[0], streams[w].name);
            return 1;
        }
        free(streams[w].ops);
    }
    if (map_dir != NULL) {
        free(live);
        return 0;
    }
    for (size_t w = 0; w < sizeof streams / sizeof streams[0]; w++) {
        double best = -1;
        for (int r = 0; r < rounds; r++) {
            double ns = run(&streams[w], live);
            if (ns < 0) {
                fprintf(stderr, "%s: allocation failed in %s\n", argv[1], streams[w].name);
                return 1;
            }
            if (best < 0 || ns < best)
                best = ns;
        }
        printf("%s %.2f\n", streams[w].name, best / (double)streams[w].count);
        free(streams[w].ops);
    }
    free(live);
    tagheap_destroy(heap);
    return 0;
}
