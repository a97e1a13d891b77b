/* SPDX-License-Identifier: MIT */
/*
 * The lock hooks: every public operation runs between exactly one lock and one
 * unlock call; half a pair is refused; and eight threads sharing one heap
 * through a pthread mutex keep it well-formed and never see each other's
 * blocks.  `make test-tsan` runs this file under ThreadSanitizer, which fails
 * the run on any data race (one the hooks did not prevent).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "test_util.h"

/* ---- hooks that count, to see where the heap takes its lock ---- */

struct counting_lock {
    int depth;     /* locks held now: must only ever be 0 or 1 */
    int max_depth; /* deepest nesting seen */
    int locks, unlocks;
};

static void count_lock(void *context)
{
    struct counting_lock *c = context;
    c->locks++;
    if (++c->depth > c->max_depth)
        c->max_depth = c->depth;
}

static void count_unlock(void *context)
{
    struct counting_lock *c = context;
    c->unlocks++;
    c->depth--;
}

static int visit_nothing(const tagheap_block *block, void *context)
{
    (void)block;
    (void)context;
    return 0;
}

static void test_every_operation_locks_once(void **state)
{
    (void)state;
    tagheap *h = tagheap_create(64 * 1024);
    assert_non_null(h);
    struct counting_lock c = {0};
    assert_int_equal(tagheap_set_lock(h, count_lock, count_unlock, &c), 0);
    void *a = tagheap_malloc(h, 10);
    void *b = tagheap_calloc(h, 4, 8);
    void *d = tagheap_aligned_alloc(h, 64, 10);
    void *e = tagheap_aligned_alloc(h, 8, 10); /* goes the malloc way inside */
    a = tagheap_realloc(h, a, 500);
    void *f = tagheap_realloc(h, NULL, 20); /* goes the malloc way inside */
    assert_true(tagheap_usable_size(h, b) > 0);
    assert_int_equal(tagheap_free(h, b), 0);
    assert_int_equal(tagheap_check(h, NULL), 0);
    assert_int_equal(tagheap_walk(h, visit_nothing, NULL), 0);
    FILE *null_out = fopen("/dev/null", "w");
    assert_int_equal(tagheap_dump(h, null_out), 0);
    fclose(null_out);
    tagheap_stats s;
    tagheap_get_stats(h, &s);
    assert_non_null(a);
    assert_non_null(d);
    assert_non_null(e);
    assert_non_null(f);
    assert_int_equal(c.locks, 12);
    assert_int_equal(c.unlocks, 12);
    assert_int_equal(c.max_depth, 1);
    assert_int_equal(c.depth, 0);
    /* removed hooks are no longer called */
    assert_int_equal(tagheap_set_lock(h, NULL, NULL, NULL), 0);
    assert_int_equal(tagheap_free(h, a), 0);
    assert_int_equal(c.locks, 12);
    tagheap_destroy(h);
}

static void test_half_a_pair_is_refused(void **state)
{
    (void)state;
    tagheap *h = tagheap_create(4096);
    assert_non_null(h);
    struct counting_lock c = {0};
    errno = 0;
    assert_int_equal(tagheap_set_lock(h, count_lock, NULL, &c), TAGHEAP_EARG);
    assert_int_equal(errno, EINVAL);
    errno = 0;
    assert_int_equal(tagheap_set_lock(h, NULL, count_unlock, &c), TAGHEAP_EARG);
    assert_int_equal(errno, EINVAL);
    assert_non_null(tagheap_malloc(h, 1)); /* no hook was installed */
    assert_int_equal(c.locks + c.unlocks, 0);
    errno = 0;
    assert_int_equal(tagheap_set_lock(NULL, count_lock, count_unlock, &c), TAGHEAP_EBADHEAP);
    assert_int_equal(errno, EINVAL);
    tagheap_destroy(h);
}

/* ---- eight threads, one heap, a pthread mutex ---- */

enum { THREADS = 8, SLOTS = 32, OPS_PER_THREAD = 20000, CHECK_EVERY = 512 };

static void mutex_lock(void *context)
{
    pthread_mutex_lock(context);
}

static void mutex_unlock(void *context)
{
    pthread_mutex_unlock(context);
}

struct worker {
    tagheap *h;
    unsigned id;
    uint64_t random;
    int failures; /* what this thread saw go wrong */
    char first_failure[128];
};

static uint64_t next_random(struct worker *w)
{
    w->random = w->random * 6364136223846793005u + 1442695040888963407u;
    return w->random >> 33;
}

static void failed(struct worker *w, const char *what)
{
    if (w->failures++ == 0)
        snprintf(w->first_failure, sizeof w->first_failure, "thread %u: %s", w->id, what);
}

/* Each block is filled with its owner's id, and checked before it goes: a block
 * handed to two threads at once would show another thread's bytes. */
static void fill(unsigned char *p, size_t n, unsigned id)
{
    memset(p, (int)(0x10 + id), n);
}

static int intact(const unsigned char *p, size_t n, unsigned id)
{
    for (size_t k = 0; k < n; k++)
        if (p[k] != 0x10 + id)
            return 0;
    return 1;
}

static void *work(void *argument)
{
    struct worker *w = argument;
    unsigned char *slot[SLOTS] = {0};
    size_t size[SLOTS] = {0};
    for (int op = 0; op < OPS_PER_THREAD; op++) {
        size_t k = next_random(w) % SLOTS;
        size_t n = 1 + next_random(w) % 300;
        if (slot[k] != NULL && !intact(slot[k], size[k], w->id))
            failed(w, "a block's contents changed under its owner");
        switch (next_random(w) % 4) {
        case 0:
        case 1:
            if (slot[k] != NULL && tagheap_free(w->h, slot[k]) != 0)
                failed(w, "free of a live block failed");
            slot[k] = tagheap_malloc(w->h, n);
            break;
        case 2: {
            unsigned char *moved = tagheap_realloc(w->h, slot[k], n);
            if (moved == NULL)
                continue; /* the old block stays */
            slot[k] = moved;
            break;
        }
        default:
            if (slot[k] != NULL && tagheap_free(w->h, slot[k]) != 0)
                failed(w, "free of a live block failed");
            slot[k] = NULL;
            continue;
        }
        size[k] = slot[k] != NULL ? n : 0;
        if (slot[k] != NULL)
            fill(slot[k], n, w->id);
        if (op % CHECK_EVERY == 0 && tagheap_check(w->h, NULL) != 0)
            failed(w, "tagheap_check failed while the threads ran");
    }
    for (size_t k = 0; k < SLOTS; k++)
        if (slot[k] != NULL && tagheap_free(w->h, slot[k]) != 0)
            failed(w, "final free failed");
    return NULL;
}

static void test_eight_threads_share_one_heap(void **state)
{
    (void)state;
    pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
    tagheap *h = tagheap_create(1 << 20);
    assert_non_null(h);
    assert_int_equal(tagheap_set_lock(h, mutex_lock, mutex_unlock, &mutex), 0);
    pthread_t threads[THREADS];
    struct worker workers[THREADS];
    for (unsigned t = 0; t < THREADS; t++) {
        workers[t] = (struct worker){.h = h, .id = t, .random = 0x9E3779B97F4A7C15u * (t + 1)};
        assert_int_equal(pthread_create(&threads[t], NULL, work, &workers[t]), 0);
    }
    int failures = 0;
    for (unsigned t = 0; t < THREADS; t++) {
        assert_int_equal(pthread_join(threads[t], NULL), 0);
        if (workers[t].failures != 0)
            print_error("%s (%d failures)\n", workers[t].first_failure, workers[t].failures);
        failures += workers[t].failures;
    }
    assert_int_equal(failures, 0);
    assert_heap_ok(h);
    tagheap_stats s;
    tagheap_get_stats(h, &s);
    assert_int_equal(s.blocks, 1); /* every block came back and merged */
    assert_int_equal(s.allocated_bytes, 0);
    assert_true(s.peak_allocated > 0);
    tagheap_destroy(h);
    pthread_mutex_destroy(&mutex);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_operation_locks_once),
        cmocka_unit_test(test_half_a_pair_is_refused),
        cmocka_unit_test(test_eight_threads_share_one_heap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
