/* SPDX-License-Identifier: MIT */
/*
 * Preload: one mutex around every call, and fork.
 *
 * One lock for the whole heap is the baseline the issue asks for: simple to
 * trust, and the lock is cheap next to today's first-fit search (README,
 * "what it costs").  A faster design gives each thread its own heap regions
 * and a lock per region (a free from another thread takes that region's
 * lock), as jemalloc's and mimalloc's per-thread arenas do.
 *
 * fork: a thread other than the forking one may hold the lock at the moment of
 * fork, and the child, which has only the forking thread, would wait for it
 * forever.  pthread_atfork makes the forking thread take the lock before fork
 * (no heap operation is then half done) and both sides let it go after.
 */
#include <pthread.h>

#include "preload.h"

static pthread_mutex_t heap_mutex = PTHREAD_MUTEX_INITIALIZER;

void preload_lock(void)
{
    pthread_mutex_lock(&heap_mutex);
}

void preload_unlock(void)
{
    pthread_mutex_unlock(&heap_mutex);
}

static void before_fork(void)
{
    preload_lock();
}

static void after_fork_in_parent(void)
{
    preload_unlock();
}

/* The child's only thread is the one that took the lock: a fresh mutex is
 * what unlocking it would give, without relying on the owner being the same. */
static void after_fork_in_child(void)
{
    pthread_mutex_t fresh = PTHREAD_MUTEX_INITIALIZER;
    heap_mutex = fresh;
}

/* Registered from a constructor, not from the first malloc: pthread_atfork may
 * itself allocate (its handler list grows with malloc), which must not happen
 * while the heap's lock is held. */
__attribute__((constructor)) static void register_fork_handlers(void)
{
    pthread_atfork(before_fork, after_fork_in_parent, after_fork_in_child);
}
