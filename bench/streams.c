/* SPDX-License-Identifier: MIT */
/*
 * The operation streams.  Each is generated whole before anything is measured, from a
 * fixed seed, so every allocator replays exactly the same requests.  A stream never frees
 * an empty slot nor allocates into a live one: every measured call is a real one.
 *
 *   small-random   random allocs and frees of 8..128 bytes over 2,000 slots
 *   mixed-random   the same with 70% 8..128, 25% 129..4096, 5% 4097..65536 bytes, 1,000 slots
 *   fifo-window    allocate 32..512 bytes, free the oldest of a 1,000-block window (queues)
 *   realloc-grow   buffers grown by realloc in 16..256-byte steps until 8 KiB, then freed
 *   scaling        N blocks of 16..128 bytes allocated (setup), then free a random one and
 *                  allocate a new one in its slot, pair after pair: cost against live blocks
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "bench.h"

void *bench_memory(size_t bytes)
{
    void *p = mmap(NULL, bytes == 0 ? 1 : bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("bench: mmap");
        exit(1);
    }
    return p;
}

void bench_memory_release(void *p, size_t bytes)
{
    munmap(p, bytes == 0 ? 1 : bytes);
}

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

static uint32_t small_size(void)
{
    return uniform(8, 128);
}

static uint32_t mixed_size(void)
{
    uint64_t r = rng() % 100;
    return r < 70 ? uniform(8, 128) : r < 95 ? uniform(129, 4096) : uniform(4097, 65536);
}

/* A stream being written, and the requested size each slot holds at its end: what the
 * generators decide the next operation from. */
struct builder {
    struct stream *s;
    uint32_t *held; /* requested bytes of each slot's block; 0 when empty */
};

static void builder_start(struct builder *b, struct stream *s, const char *name, size_t count,
                          uint32_t slots)
{
    *s = (struct stream){.name = name, .capacity = count, .slots = slots};
    s->ops = bench_memory(count * sizeof *s->ops);
    b->s = s;
    b->held = bench_memory(slots * sizeof *b->held);
}

/* The highest sum of requested bytes held by live blocks after any operation of s, and
 * where it is first reached: the numerator of peak utilisation, the same for every
 * allocator. */
static void find_peak_requested(struct stream *s)
{
    uint32_t *held = bench_memory(s->slots * sizeof *held);
    size_t live_bytes = 0;
    for (size_t k = 0; k < s->count; k++) {
        const struct op *op = &s->ops[k];
        live_bytes = live_bytes - held[op->slot] + op->size;
        held[op->slot] = op->size;
        if (live_bytes > s->peak_requested) {
            s->peak_requested = live_bytes;
            s->peak_op = k;
        }
    }
    bench_memory_release(held, s->slots * sizeof *held);
}

static void builder_finish(struct builder *b)
{
    bench_memory_release(b->held, b->s->slots * sizeof *b->held);
    find_peak_requested(b->s);
}

static void emit(struct builder *b, enum op_kind kind, uint32_t slot, uint32_t size)
{
    struct stream *s = b->s;
    s->ops[s->count++] = (struct op){kind, slot, size};
    b->held[slot] = size;
}

/* Random allocs and frees over `slots` slots, sizes from `size_of`. */
static void random_stream(struct stream *s, const char *name, size_t count, uint32_t slots,
                          uint32_t (*size_of)(void))
{
    struct builder b;
    builder_start(&b, s, name, count, slots);
    for (size_t k = 0; k < count; k++) {
        uint32_t slot = (uint32_t)(rng() % slots);
        if (b.held[slot] != 0)
            emit(&b, OP_FREE, slot, 0);
        else
            emit(&b, OP_ALLOC, slot, size_of());
    }
    builder_finish(&b);
}

/* A sliding window: allocate a new block, free the oldest (queues, buffers). */
static void fifo_stream(struct stream *s, size_t count, uint32_t window)
{
    struct builder b;
    builder_start(&b, s, "fifo-window", count, window);
    for (size_t k = 0; s->count < count; k++) {
        emit(&b, OP_ALLOC, (uint32_t)(k % window), uniform(32, 512));
        uint32_t oldest = (uint32_t)((k + 1) % window);
        if (s->count < count && b.held[oldest] != 0)
            emit(&b, OP_FREE, oldest, 0);
    }
    builder_finish(&b);
}

/* Buffers growing by realloc until 8 KiB, then freed (string builders, vectors). */
static void realloc_stream(struct stream *s, size_t count, uint32_t slots)
{
    struct builder b;
    builder_start(&b, s, "realloc-grow", count, slots);
    for (size_t k = 0; k < count; k++) {
        uint32_t slot = (uint32_t)(rng() % slots);
        uint32_t size = b.held[slot];
        if (size == 0)
            emit(&b, OP_ALLOC, slot, uniform(16, 64));
        else if (size > 8192)
            emit(&b, OP_FREE, slot, 0);
        else
            emit(&b, OP_REALLOC, slot, size + uniform(16, 256));
    }
    builder_finish(&b);
}

/* `live` blocks of 16..128 bytes, then `measured` operations in free/alloc pairs on
 * random slots: the live count stays at `live`, and so does the heap's block count. */
static void scaling_stream(struct stream *s, size_t measured, uint32_t live)
{
    struct builder b;
    builder_start(&b, s, "scaling", live + measured, live);
    for (uint32_t slot = 0; slot < live; slot++)
        emit(&b, OP_ALLOC, slot, uniform(16, 128));
    s->setup = live;
    while (s->count + 2 <= live + measured) {
        uint32_t slot = (uint32_t)(rng() % live);
        emit(&b, OP_FREE, slot, 0);
        emit(&b, OP_ALLOC, slot, uniform(16, 128));
    }
    builder_finish(&b);
}

int stream_make(struct stream *s, const char *name, size_t ops, size_t live)
{
    /* The four other streams share one random sequence, generated in this order, so that
     * each is the same whichever is asked for (and small-random and mixed-random are the
     * streams earlier versions of this benchmark measured). */
    static const char *const in_order[] = {"small-random", "mixed-random", "fifo-window",
                                           "realloc-grow"};
    if (strcmp(name, "scaling") == 0) {
        if (live == 0 || live > UINT32_MAX)
            return -1;
        rng_state = 0xD1B54A32D192ED03u;
        scaling_stream(s, ops, (uint32_t)live);
        return 0;
    }
    rng_state = 0x9E3779B97F4A7C15u;
    for (size_t k = 0; k < sizeof in_order / sizeof in_order[0]; k++) {
        switch (k) {
        case 0: random_stream(s, in_order[k], ops, 2000, small_size); break;
        case 1: random_stream(s, in_order[k], ops, 1000, mixed_size); break;
        case 2: fifo_stream(s, ops, 1000); break;
        default: realloc_stream(s, ops, 200); break;
        }
        if (strcmp(name, in_order[k]) == 0)
            return 0;
        stream_release(s);
    }
    return -1;
}

void stream_release(struct stream *s)
{
    bench_memory_release(s->ops, s->capacity * sizeof *s->ops);
}
