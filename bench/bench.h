/* SPDX-License-Identifier: MIT */
/*
 * The allocation benchmark (build/bench): what its files share.
 *
 *   bench.c      the command line; runs one stream one way and prints one line
 *   streams.c    the deterministic operation streams, generated before anything is measured
 *   allocator.c  the allocator under test (tagheap's API, or the process's malloc) and the
 *                three measured entry points callgrind counts
 *   fill.c       the setup of the scaling stream: N live blocks before the measured part
 *   resident.c   resident memory of the process, for peak utilisation
 *   peak_map.c   --map: each stream's tagheap heap at its peak, for tools/heapmap.py
 *
 * bench/run.sh runs every allocator on every stream and bench/report.py prints the tables.
 * The benchmark's own memory (streams, slot tables) is mapped with mmap, never taken from
 * the allocator under test, so that allocator sees only the stream's requests.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "tagheap.h"

/* ---- operation streams (streams.c) ---- */
enum op_kind { OP_ALLOC, OP_FREE, OP_REALLOC };

struct op {
    enum op_kind kind;
    uint32_t slot; /* which live pointer the operation acts on */
    uint32_t size; /* bytes requested (OP_ALLOC, OP_REALLOC) */
};

struct stream {
    const char *name;
    struct op *ops;
    size_t count;          /* operations, setup included */
    size_t capacity;       /* operations the ops array has room for */
    size_t setup;          /* the first `setup` operations fill the heap and are not measured */
    uint32_t slots;        /* live pointers the stream uses */
    size_t peak_requested; /* highest sum of requested bytes of live blocks, at any operation */
    size_t peak_op;        /* the first operation after which that sum is reached */
};

/* The stream called `name` with `ops` operations (the measured ones for "scaling", which
 * first fills `live` blocks); returns 0 and fills *s, or -1 for an unknown name. */
int stream_make(struct stream *s, const char *name, size_t ops, size_t live);
void stream_release(struct stream *s);
/* Zeroed memory of the benchmark's own, outside the allocator under test; exits on failure. */
void *bench_memory(size_t bytes);
void bench_memory_release(void *p, size_t bytes);

/* ---- the allocator under test (allocator.c) ---- */
/* Use a tagheap heap of `bytes` (tagheap_create) instead of the process's malloc;
 * returns 0, or -1 when the heap cannot be created. */
int allocator_use_tagheap(size_t bytes);
/* The tagheap heap under test, or NULL when the process's malloc is. */
tagheap *allocator_tagheap(void);
void allocator_close(void);
/* The allocator's entry points, each one call to it.  bench/run.sh --callgrind counts the
 * instructions spent inside them (inclusive cost minus their own) while bench.c has
 * callgrind's instrumentation on, so their names are part of run.sh's interface. */
void *bench_malloc(size_t n);
void bench_free(void *p);
void *bench_realloc(void *p, size_t n);

/* ---- the scaling stream's setup (fill.c) ---- */
/* Run s's setup operations (allocations into distinct empty slots); returns 0, or -1
 * when an allocation failed. */
int fill_setup(const struct stream *s, void **live);

/* ---- resident memory (resident.c) ---- */
/* Resident anonymous bytes of the process now, exactly (smaps_rollup); 0 if unknown. */
size_t resident_now(void);

/* ---- heap maps (peak_map.c) ---- */
/* DIR/<stream>.json: s's tagheap heap after its peak operation; 0, or -1 on failure. */
int write_peak_map(const struct stream *s, void **live, const char *dir);

#endif
