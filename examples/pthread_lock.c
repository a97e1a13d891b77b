/* SPDX-License-Identifier: MIT */
/*
 * Sharing one tagheap between threads: give the heap a pthread mutex through
 * its lock hooks, and every tagheap_* call on it is serialised.  The same two
 * hooks can wrap an RTOS mutex (FreeRTOS xSemaphoreTake/Give, Zephyr
 * k_mutex_lock/unlock) or mask interrupts on a bare-metal target.
 *
 *   make examples      (builds and runs it)
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "tagheap.h"

enum { THREADS = 4, ROUNDS = 10000 };

static void lock_mutex(void *mutex)
{
    pthread_mutex_lock(mutex);
}

static void unlock_mutex(void *mutex)
{
    pthread_mutex_unlock(mutex);
}

static void *worker(void *heap)
{
    for (int round = 0; round < ROUNDS; round++) {
        size_t n = 16 + (size_t)round % 200;
        char *p = tagheap_malloc(heap, n);
        if (p == NULL)
            continue;
        memset(p, 'x', n);
        tagheap_free(heap, p);
    }
    return NULL;
}

int main(void)
{
    static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
    tagheap *heap = tagheap_create(1 << 20);
    if (heap == NULL) {
        perror("tagheap_create");
        return 1;
    }
    /* before the heap is shared */
    tagheap_set_lock(heap, lock_mutex, unlock_mutex, &mutex);

    pthread_t threads[THREADS];
    for (int t = 0; t < THREADS; t++)
        pthread_create(&threads[t], NULL, worker, heap);
    for (int t = 0; t < THREADS; t++)
        pthread_join(threads[t], NULL);

    tagheap_report report;
    tagheap_check(heap, &report);
    printf("%d threads x %d malloc/free on one heap: %s\n", THREADS, ROUNDS, report.message);
    tagheap_destroy(heap);
    return report.code == TAGHEAP_OK ? 0 : 1;
}
