/* SPDX-License-Identifier: MIT */
/*
 * fork from a multithreaded process: eight threads allocate and free without
 * pause while the main thread forks again and again.  Each child must find a
 * consistent heap (run.sh sets TAGHEAP_CHECK_EVERY, so the child's calls run
 * the checker over every inherited region), read a block its parent filled,
 * free it, allocate, start a thread of its own, and exit 0.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "expect.h"

enum { THREADS = 8, FORKS = 40, CHILD_BLOCKS = 2000 };

static atomic_int stop;

static void *busy(void *arg)
{
    unsigned seed = (unsigned)(size_t)arg;
    void *live[16] = {0};
    while (!atomic_load(&stop)) {
        seed = seed * 1103515245u + 12345u;
        unsigned k = (seed >> 16) % 16;
        free(live[k]);
        live[k] = malloc(16 + (seed >> 8) % 3000);
        expect(live[k] != NULL);
        memset(live[k], (int)k, 16);
    }
    for (unsigned k = 0; k < 16; k++)
        free(live[k]);
    return NULL;
}

static void *child_thread(void *arg)
{
    char *p = malloc(100);
    strcpy(p, arg);
    return p;
}

/* In the child: the only thread is a copy of the one that forked. */
static int child(char *from_parent, size_t n, int mark)
{
    for (size_t k = 0; k < n; k++)
        if (from_parent[k] != (char)((size_t)mark + k))
            return 3;
    free(from_parent);
    static char *blocks[CHILD_BLOCKS];
    for (int k = 0; k < CHILD_BLOCKS; k++) {
        blocks[k] = malloc((size_t)(k % 500) + 1);
        if (blocks[k] == NULL)
            return 4;
        memset(blocks[k], k, (size_t)(k % 500) + 1);
    }
    for (int k = 0; k < CHILD_BLOCKS; k++) {
        if (blocks[k][k % 500] != (char)k)
            return 5;
        free(blocks[k]);
    }
    pthread_t t;
    void *result;
    if (pthread_create(&t, NULL, child_thread, "child's thread") != 0 ||
        pthread_join(t, &result) != 0 || strcmp(result, "child's thread") != 0)
        return 6;
    free(result);
    return 0;
}

int main(void)
{
    pthread_t threads[THREADS];
    for (size_t t = 0; t < THREADS; t++)
        expect(pthread_create(&threads[t], NULL, busy, (void *)t) == 0);
    for (int f = 0; f < FORKS; f++) {
        size_t n = 1000 + (size_t)f * 37;
        char *block = malloc(n);
        expect(block != NULL);
        for (size_t k = 0; k < n; k++)
            block[k] = (char)(f + (int)k);
        pid_t pid = fork();
        expect(pid >= 0);
        if (pid == 0)
            _exit(child(block, n, f));
        int status;
        expect(waitpid(pid, &status, 0) == pid);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "FAIL fork %d: child status %d\n", f, status);
            return 1;
        }
        free(block);
    }
    atomic_store(&stop, 1);
    for (size_t t = 0; t < THREADS; t++)
        expect(pthread_join(threads[t], NULL) == 0);
    printf("%d forks while %d threads allocated: every child read its parent's block, "
           "allocated, started a thread and exited 0\n",
           FORKS, THREADS);
    return 0;
}
