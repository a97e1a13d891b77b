/* SPDX-License-Identifier: MIT */
/*
 * Preload: one mutex around every call, and fork.
 *
 * One lock for the whole heap: simple to trust.  A faster design gives each
 * thread its own heap regions and a lock per region (a free from another
 * thread takes that region's lock), as jemalloc's and mimalloc's per-thread
 * arenas do.
 *
 * A process with one thread takes no lock (glibc's __libc_single_threaded,
 * as glibc's own malloc does): locking and unlocking an uncontended mutex cost
 * about 76 instructions a call (callgrind, bench scaling stream), a sixth of
 * the drop-in's malloc.  The flag turns false in pthread_create before the
 * second thread exists, and stays false; a call that began without the lock
 * ends without it (heap_locked), so no call straddles the change.
 *
 * fork: a thread other than the forking one may hold the lock at the moment of
 * fork, and the child, which has only the forking thread, would wait for it
 * forever.  pthread_atfork makes the forking thread take the lock before fork
 * (no heap operation is then half done) and both sides let it go after.
 */
#include <pthread.h>
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 32))
#include <sys/single_threaded.h>
#define ONE_THREAD() (__libc_single_threaded != 0)
#else
#define ONE_THREAD() 0 /* unknown: always lock */
#endif

#include "preload.h"

static pthread_mutex_t heap_mutex = PTHREAD_MUTEX_INITIALIZER;
/* Whether the call in progress took the mutex; written and read only by the
 * thread in the call (the holder, or the process's only thread). */
static int heap_locked;

void preload_lock(void)
{
    if (ONE_THREAD()) {
        heap_locked = 0;
        return;
    }
    pthread_mutex_lock(&heap_mutex);
    heap_locked = 1;
}

void preload_unlock(void)
{
    if (heap_locked)
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
