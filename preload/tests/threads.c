/* SPDX-License-Identifier: MIT */
/*
 * Eight threads, a million calls between them, on the drop-in malloc: each
 * thread keeps a few dozen live blocks of mixed sizes (a few above a quarter
 * of a region, so dedicated regions come and go), fills every block with a
 * pattern of its own and verifies it before each free and realloc, and hands
 * blocks to other threads through shared slots, so that blocks are freed by a
 * thread other than the one that allocated them.  Overlapping blocks, a lost
 * realloc copy or a calloc that is not zero stop the test.
 *
 * run.sh runs it with LD_PRELOAD and TAGHEAP_CHECK_EVERY; make
 * test-preload-tsan builds it against the preload's own functions under
 * ThreadSanitizer (-DCALL_PRELOAD_DIRECTLY: TSan owns the names malloc and
 * free), which fails the run on any data race.
 *
 *   threads [--ops N]    N calls in all (default 1000000)
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "expect.h"

#ifdef CALL_PRELOAD_DIRECTLY
#include "preload.h"
#define MALLOC preload_malloc
#define FREE preload_free
#define CALLOC preload_calloc
#define REALLOC preload_realloc
#define POSIX_MEMALIGN preload_posix_memalign
#define USABLE_SIZE preload_malloc_usable_size
#else
#include <malloc.h>
#define MALLOC malloc
#define FREE free
#define CALLOC calloc
#define REALLOC realloc
#define POSIX_MEMALIGN posix_memalign
#define USABLE_SIZE malloc_usable_size
#endif

enum {
    THREADS = 8,
    SLOTS = 32,        /* live blocks per thread */
    SHARED_SLOTS = 16, /* blocks in transit between threads */
    DENSE_BYTES = 4096 /* verified byte by byte; beyond, one byte in SPARSE_STEP */
};
#define SPARSE_STEP 509
#define LARGE_BYTES ((size_t)20 << 20) /* above a quarter of a 64 MiB region (run.sh
                                          * sets TAGHEAP_REGION_MB=64) */

/* Every block starts with what it must hold: its size and the seed of its pattern. */
struct block_head {
    size_t size;
    uint64_t seed;
};

static _Atomic(struct block_head *) shared[SHARED_SLOTS];
static atomic_size_t handed_over;
static size_t ops_per_thread;

static unsigned char pattern(uint64_t seed, size_t k)
{
    return (unsigned char)(seed + k * 7 + (k >> 8));
}

/* The offsets that are filled and verified: all of the first DENSE_BYTES, then
 * a sparse sample, and the last bytes. */
static size_t next_offset(size_t k, size_t size)
{
    if (k < DENSE_BYTES || k + 64 >= size)
        return k + 1;
    size_t next = k + SPARSE_STEP;
    return next + 64 < size ? next : size - 64;
}

static void fill(struct block_head *b)
{
    unsigned char *bytes = (unsigned char *)b;
    for (size_t k = sizeof *b; k < b->size; k = next_offset(k, b->size))
        bytes[k] = pattern(b->seed, k);
}

/* The bytes fill wrote, up to `limit` (a realloc keeps only a head). */
static void verify_head(const struct block_head *b, size_t filled_size, size_t limit)
{
    const unsigned char *bytes = (const unsigned char *)b;
    for (size_t k = sizeof *b; k < limit; k = next_offset(k, filled_size))
        expect(bytes[k] == pattern(b->seed, k));
}

static void verify(const struct block_head *b, size_t size)
{
    verify_head(b, size, size);
}

static uint64_t next_random(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

static size_t random_size(uint64_t *rng)
{
    uint64_t r = next_random(rng);
    if (r % 40000 == 0)
        return LARGE_BYTES + r % 4096;
    switch (r % 20) {
    case 0: return 4096 + (r >> 8) % (256 * 1024);
    case 1:
    case 2:
    case 3:
    case 4: return 257 + (r >> 8) % 8000;
    default: return sizeof(struct block_head) + (r >> 8) % 240;
    }
}

static struct block_head *new_block(uint64_t *rng)
{
    size_t size = random_size(rng);
    uint64_t how = next_random(rng) % 8;
    struct block_head *b;
    if (how == 0) {
        b = CALLOC(1, size);
        expect(b != NULL);
        const unsigned char *bytes = (const unsigned char *)b;
        for (size_t k = 0; k < size; k = next_offset(k, size))
            expect(bytes[k] == 0);
    } else if (how == 1) {
        void *p = NULL;
        size_t alignment = (size_t)32 << (next_random(rng) % 8);
        expect(POSIX_MEMALIGN(&p, alignment, size) == 0);
        expect((uintptr_t)p % alignment == 0);
        b = p;
    } else {
        b = MALLOC(size);
        expect(b != NULL && (uintptr_t)b % 16 == 0);
    }
    expect(USABLE_SIZE(b) >= size);
    b->size = size;
    b->seed = next_random(rng);
    fill(b);
    return b;
}

static void release(struct block_head *b)
{
    verify(b, b->size);
    FREE(b);
}

static struct block_head *resized(struct block_head *b, uint64_t *rng)
{
    size_t old = b->size;
    size_t size = random_size(rng);
    verify(b, old);
    b = REALLOC(b, size);
    expect(b != NULL);
    verify_head(b, old, old < size ? old : size); /* the head moved with it */
    b->size = size;
    fill(b);
    return b;
}

static void *churn(void *arg)
{
    uint64_t rng = 0x9e3779b97f4a7c15u * ((uintptr_t)arg + 1);
    struct block_head *slot[SLOTS] = {0};
    for (size_t op = 0; op < ops_per_thread; op++) {
        size_t k = next_random(&rng) % SLOTS;
        uint64_t what = next_random(&rng) % 16;
        if (slot[k] == NULL) {
            slot[k] = new_block(&rng);
        } else if (what < 3) {
            slot[k] = resized(slot[k], &rng);
        } else if (what < 5) {
            /* hand it over; adopt whatever another thread left there */
            verify(slot[k], slot[k]->size);
            slot[k] = atomic_exchange(&shared[next_random(&rng) % SHARED_SLOTS], slot[k]);
            atomic_fetch_add(&handed_over, 1);
            if (slot[k] != NULL)
                verify(slot[k], slot[k]->size);
        } else {
            release(slot[k]);
            slot[k] = NULL;
        }
    }
    for (size_t k = 0; k < SLOTS; k++)
        if (slot[k] != NULL)
            release(slot[k]);
    return NULL;
}

int main(int argc, char **argv)
{
    size_t ops = 1000000;
    if (argc == 3 && strcmp(argv[1], "--ops") == 0)
        ops = strtoul(argv[2], NULL, 10);
    ops_per_thread = (ops + THREADS - 1) / THREADS;
    pthread_t threads[THREADS];
    for (uintptr_t t = 0; t < THREADS; t++)
        expect(pthread_create(&threads[t], NULL, churn, (void *)t) == 0);
    for (size_t t = 0; t < THREADS; t++)
        expect(pthread_join(threads[t], NULL) == 0);
    for (size_t k = 0; k < SHARED_SLOTS; k++) {
        struct block_head *b = atomic_load(&shared[k]);
        if (b != NULL)
            release(b);
    }
    printf("%d threads, %zu operations, %zu blocks handed between threads, contents verified\n",
           THREADS, ops_per_thread * THREADS, atomic_load(&handed_over));
    return 0;
}
