/* SPDX-License-Identifier: MIT */
/*
 * Allocation benchmark: one deterministic operation stream (bench/streams.c) run against
 * tagheap's API or against whatever malloc the process has (glibc, or another allocator
 * through LD_PRELOAD).  bench/run.sh runs every allocator on every stream and prints the
 * tables; this program measures one stream one way and prints one line of key=value.
 *
 *   bench tagheap|system STREAM [--ops N] [--live N] [--rounds R] [--footprint [--heap-first]]
 *   bench tagheap --map DIR [--ops N]
 *
 * STREAM is small-random, mixed-random, fifo-window, realloc-grow, or scaling (--live N
 * blocks allocated first, then N-independent free/alloc pairs).  --ops counts the
 * measured operations.  Only those are timed, and only they run under callgrind's
 * instrumentation (bench/run.sh --callgrind starts valgrind with it off): the stream's
 * generation, the scaling stream's setup and the clean-up are not measured.  Every
 * allocated block has its first and last byte written, so lazy allocators are charged for
 * touching it.
 *
 * --footprint measures peak utilisation instead of speed: every page of every block is
 * written (so an allocator cannot look small by leaving payload untouched), and the line
 * gives the stream's peak of live requested bytes and how much the resident set grew
 * (bench/resident.c): the highest of exact readings taken after the setup, every
 * SAMPLE_EVERY measured operations and at the stream's peak of requested bytes, minus a
 * reading before anything was allocated.  The tagheap heap is created after that first
 * reading: what tagheap_create makes resident counts (the state and the end marker; the
 * start map is written as blocks reach it).  With --heap-first it is created before, so
 * those pages are left out: what remains is the footprint of the blocks tagheap's
 * placement makes, their start-map bytes included.
 *
 * With --map nothing is measured: see bench/peak_map.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

#include "bench.h"

/* The heap bench tagheap measures: large enough for every stream (a million live blocks
 * of the scaling stream take about 90 MB). */
#define TAGHEAP_BENCH_BYTES ((size_t)1 << 30)

static size_t page_size;
static int every_page; /* --footprint: write every page of a block, not just its ends */

/* --footprint: how often the resident set is read.  A reading costs a walk of the page
 * tables (tens of microseconds here), so not after every operation. */
enum { SAMPLE_EVERY = 1000 };
static size_t resident_high; /* the highest reading so far */

static void sample_resident(void)
{
    size_t bytes = resident_now();
    if (bytes > resident_high)
        resident_high = bytes;
}

static void touch(unsigned char *p, uint32_t size)
{
    if (every_page)
        for (size_t k = page_size; k < size; k += page_size)
            p[k] = 1;
    p[0] = 1;
    p[size - 1] = 1;
}

static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Run s once from an empty heap: setup, the measured operations, clean-up.  Returns the
 * nanoseconds of the measured operations, or -1 if an allocation failed. */
static double run_once(const struct stream *s, void **live)
{
    if (fill_setup(s, live) != 0)
        return -1;
    for (size_t k = 0; k < s->setup; k++)
        touch(live[s->ops[k].slot], s->ops[k].size);
    if (every_page)
        sample_resident();
    CALLGRIND_START_INSTRUMENTATION;
    double start = seconds_now();
    for (size_t k = s->setup; k < s->count; k++) {
        const struct op *op = &s->ops[k];
        void **slot = &live[op->slot];
        if (op->kind == OP_ALLOC) {
            if ((*slot = bench_malloc(op->size)) == NULL)
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
        if (every_page && ((k - s->setup) % SAMPLE_EVERY == 0 || k == s->peak_op))
            sample_resident();
    }
    double stop = seconds_now();
    CALLGRIND_STOP_INSTRUMENTATION;
    for (uint32_t k = 0; k < s->slots; k++) {
        bench_free(live[k]);
        live[k] = NULL;
    }
    return (stop - start) * 1e9;
}

/* Measured operations of each kind, for the per-call figures of bench/run.sh. */
static void print_counts(const struct stream *s)
{
    size_t count[3] = {0, 0, 0};
    for (size_t k = s->setup; k < s->count; k++)
        count[s->ops[k].kind]++;
    printf(" mallocs=%zu frees=%zu reallocs=%zu", count[OP_ALLOC], count[OP_FREE],
           count[OP_REALLOC]);
}

static int draw_maps(size_t ops, const char *dir)
{
    static const char *const names[] = {"small-random", "mixed-random", "fifo-window",
                                        "realloc-grow"};
    void **live = bench_memory(2000 * sizeof *live);
    for (size_t w = 0; w < sizeof names / sizeof names[0]; w++) {
        struct stream s;
        stream_make(&s, names[w], ops, 0);
        if (write_peak_map(&s, live, dir) != 0) {
            fprintf(stderr, "bench: no map of %s\n", names[w]);
            return 1;
        }
        stream_release(&s);
    }
    return 0;
}

static int usage(const char *program)
{
    fprintf(stderr,
            "usage: %s tagheap|system STREAM [--ops N] [--live N] [--rounds R] "
            "[--footprint [--heap-first]]\n"
            "       %s tagheap --map DIR [--ops N]\n"
            "STREAM: small-random mixed-random fifo-window realloc-grow scaling\n",
            program, program);
    return 2;
}

int main(int argc, char **argv)
{
    size_t ops = 1000000, live_blocks = 1000;
    int rounds = 1, heap_first = 0;
    const char *map_dir = NULL, *stream_name = NULL;
    if (argc < 3 || (strcmp(argv[1], "tagheap") != 0 && strcmp(argv[1], "system") != 0))
        return usage(argv[0]);
    int use_tagheap = strcmp(argv[1], "tagheap") == 0;
    for (int k = 2; k < argc; k++) {
        if (strcmp(argv[k], "--footprint") == 0)
            every_page = 1;
        else if (strcmp(argv[k], "--heap-first") == 0)
            heap_first = 1;
        else if (k + 1 < argc && strcmp(argv[k], "--ops") == 0)
            ops = strtoul(argv[++k], NULL, 10);
        else if (k + 1 < argc && strcmp(argv[k], "--live") == 0)
            live_blocks = strtoul(argv[++k], NULL, 10);
        else if (k + 1 < argc && strcmp(argv[k], "--rounds") == 0)
            rounds = atoi(argv[++k]);
        else if (k + 1 < argc && strcmp(argv[k], "--map") == 0)
            map_dir = argv[++k];
        else if (argv[k][0] != '-' && stream_name == NULL)
            stream_name = argv[k];
        else
            return usage(argv[0]);
    }
    if (map_dir != NULL)
        return use_tagheap ? draw_maps(ops, map_dir) : usage(argv[0]);

    page_size = (size_t)sysconf(_SC_PAGESIZE);
    struct stream s;
    if (stream_name == NULL || stream_make(&s, stream_name, ops, live_blocks) != 0)
        return usage(argv[0]);
    void **live = bench_memory(s.slots * sizeof *live);
    memset(live, 0, s.slots * sizeof *live); /* resident before the first reading */
    if (use_tagheap && heap_first && allocator_use_tagheap(TAGHEAP_BENCH_BYTES) != 0) {
        perror("bench: tagheap_create");
        return 1;
    }
    size_t resident_before = resident_now();
    if (use_tagheap && !heap_first && allocator_use_tagheap(TAGHEAP_BENCH_BYTES) != 0) {
        perror("bench: tagheap_create");
        return 1;
    }
    double best = -1;
    for (int r = 0; r < rounds || best < 0; r++) {
        double ns = run_once(&s, live);
        if (ns < 0) {
            fprintf(stderr, "bench: %s: allocation failed in %s\n", argv[1], s.name);
            return 1;
        }
        if (best < 0 || ns < best)
            best = ns;
    }
    size_t measured = s.count - s.setup;
    printf("stream=%s live=%zu ops=%zu", s.name, s.setup, measured);
    print_counts(&s);
    if (every_page)
        printf(" peak_requested=%zu resident_growth=%zu\n", s.peak_requested,
               resident_high - resident_before);
    else
        printf(" ns_per_op=%.2f\n", best / (double)measured);
    allocator_close();
    stream_release(&s);
    return 0;
}
