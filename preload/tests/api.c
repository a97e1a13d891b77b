/* SPDX-License-Identifier: MIT */
/*
 * The drop-in malloc's interface, as a program sees it (run with LD_PRELOAD by
 * run.sh, which also checks from the exit summary that the calls reached
 * tagheap): C's and POSIX's promises on results and errno, the glibc
 * behaviours programs rely on, requests a region cannot hold, and calls made
 * before main and by the dynamic loader.
 */
#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "expect.h"

static int aligned_to(const void *p, size_t alignment)
{
    return (uintptr_t)p % alignment == 0;
}

/* A size the compiler cannot see, so that it does not reject the impossible
 * requests these tests make on purpose. */
static size_t opaque(size_t n)
{
    volatile size_t hidden = n;
    return hidden;
}

static char *before_main;

/* An allocation before main: constructors run before any program code. */
__attribute__((constructor)) static void allocate_before_main(void)
{
    before_main = malloc(100);
    if (before_main != NULL)
        strcpy(before_main, "made before main");
}

static void test_malloc_free(void)
{
    void *a = malloc(0), *b = malloc(0);
    expect(a != NULL && b != NULL && a != b); /* unique, freeable */
    expect(aligned_to(a, 16) && aligned_to(b, 16));
    free(a);
    free(b);
    free(NULL);
    for (size_t n = 1; n < 5000; n = n * 3 + 1) {
        unsigned char *p = malloc(n);
        expect(p != NULL && aligned_to(p, 16));
        expect(malloc_usable_size(p) >= n);
        memset(p, 0xab, n);
        free(p);
    }
    expect(malloc_usable_size(NULL) == 0);
}

static void test_errno(void)
{
    errno = 1234;
    void *p = malloc(10);
    void *q = calloc(3, 7);
    p = realloc(p, 100000);
    free(q);
    free(p);
    expect(errno == 1234); /* success and free leave errno alone */
    expect(malloc(opaque(SIZE_MAX)) == NULL && errno == ENOMEM);
    errno = 0;
    expect(malloc(SIZE_MAX / 2) == NULL && errno == ENOMEM);
    errno = 0;
    expect(calloc(opaque(SIZE_MAX / 2), 3) == NULL && errno == ENOMEM); /* the product overflows */
    /* far beyond memory and swap: the kernel refuses the dedicated mapping */
    errno = 0;
    expect(malloc((size_t)1 << 46) == NULL && errno == ENOMEM);
}

static void test_calloc(void)
{
    for (size_t n = 1; n < 300000; n = n * 5 + 3) {
        unsigned char *p = malloc(n);
        memset(p, 0xff, n);
        free(p);
        unsigned char *z = calloc(n, 1); /* may reuse p's dirty block */
        expect(z != NULL);
        for (size_t k = 0; k < n; k++)
            expect(z[k] == 0);
        free(z);
    }
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t k = 0; k < n; k++)
        p[k] = (unsigned char)(k * 31 + seed);
}

static int filled(const unsigned char *p, size_t n, unsigned seed)
{
    for (size_t k = 0; k < n; k++)
        if (p[k] != (unsigned char)(k * 31 + seed))
            return 0;
    return 1;
}

static void test_realloc(void)
{
    unsigned char *p = realloc(NULL, 40); /* realloc(NULL, n) is malloc */
    expect(p != NULL);
    fill(p, 40, 1);
    void *blocker = malloc(40); /* p cannot grow in place */
    p = realloc(p, 4000);
    expect(p != NULL && filled(p, 40, 1));
    fill(p, 4000, 2);
    p = realloc(p, 100); /* shrink keeps the head */
    expect(p != NULL && filled(p, 100, 2));
    /* to a dedicated region (above a quarter of a 64 MiB region: run.sh sets
     * TAGHEAP_REGION_MB=64) and back */
    size_t big = (size_t)20 << 20;
    p = realloc(p, big);
    expect(p != NULL && filled(p, 100, 2));
    fill(p, big, 3);
    p = realloc(p, big + 4096); /* grows out of its region: a new one */
    expect(p != NULL && filled(p, big, 3));
    p = realloc(p, 1000); /* shrinks back into a standard region */
    expect(p != NULL && filled(p, 1000, 3));
    /* a dedicated block shrunk in place frees a tail in its own region, which
     * its free then unmaps: no later malloc may be sent there (the drop-in
     * tries the region of the last free first) */
    unsigned char *d = malloc(big);
    expect(d != NULL);
    fill(d, big, 4);
    uintptr_t where = (uintptr_t)d;
    unsigned char *shrunk = realloc(d, big - ((size_t)2 << 20));
    expect(shrunk != NULL && (uintptr_t)shrunk == where && filled(shrunk, big - ((size_t)2 << 20), 4));
    free(shrunk);
    unsigned char *small = malloc(100);
    expect(small != NULL);
    fill(small, 100, 5);
    free(small);
    free(blocker);
    errno = 0;
    expect(realloc(p, opaque(SIZE_MAX - 100)) == NULL && errno == ENOMEM);
    expect(filled(p, 1000, 3));    /* a failed realloc leaves the block as it was */
    expect(realloc(p, 0) == NULL); /* glibc: frees p */
    unsigned char *a = reallocarray(NULL, 10, 10);
    expect(a != NULL && malloc_usable_size(a) >= 100);
    errno = 0;
    expect(reallocarray(a, opaque(SIZE_MAX / 2), 3) == NULL && errno == ENOMEM);
    free(a);
}

static void test_aligned(void)
{
    for (size_t alignment = 8; alignment <= ((size_t)1 << 20); alignment *= 2) {
        void *p = NULL;
        errno = 99;
        expect(posix_memalign(&p, alignment, 100) == 0 && aligned_to(p, alignment));
        expect(errno == 99);
        free(p);
        p = aligned_alloc(alignment, 3 * alignment);
        expect(p != NULL && aligned_to(p, alignment) && malloc_usable_size(p) >= 3 * alignment);
        free(p);
        p = memalign(alignment, 7);
        expect(p != NULL && aligned_to(p, alignment));
        free(p);
    }
    void *p = (void *)1;
    errno = 99;
    expect(posix_memalign(&p, 24, 10) == EINVAL && p == (void *)1 && errno == 99);
    expect(posix_memalign(&p, 4, 10) == EINVAL); /* not a multiple of sizeof(void *) */
    expect(posix_memalign(&p, 64, opaque(SIZE_MAX - 10)) == ENOMEM && errno == 99 &&
           p == (void *)1);
    errno = 0;
    expect(aligned_alloc(24, 48) == NULL && errno == EINVAL);
    p = memalign(24, 10); /* glibc rounds the alignment up to 32 */
    expect(p != NULL && aligned_to(p, 32));
    free(p);
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    p = valloc(10);
    expect(p != NULL && aligned_to(p, page));
    free(p);
    p = pvalloc(page + 1); /* rounded up to two pages */
    expect(p != NULL && aligned_to(p, page) && malloc_usable_size(p) >= 2 * page);
    free(p);
    p = pvalloc(0);
    expect(p != NULL && malloc_usable_size(p) >= page);
    free(p);
    /* an alignment above a standard region's quarter: a dedicated region */
    p = aligned_alloc((size_t)32 << 20, 100);
    expect(p != NULL && aligned_to(p, (size_t)32 << 20));
    free(p);
}

/* Many regions: more live memory than the largest standard region holds. */
static void test_growth(void)
{
    enum { BLOCKS = 300 };
    static unsigned char *blocks[BLOCKS];
    size_t n = 1 << 20; /* 300 MiB in all */
    for (unsigned k = 0; k < BLOCKS; k++) {
        blocks[k] = malloc(n);
        expect(blocks[k] != NULL);
        blocks[k][0] = (unsigned char)k;
        blocks[k][n - 1] = (unsigned char)~k;
    }
    for (unsigned k = 0; k < BLOCKS; k++) {
        expect(blocks[k][0] == (unsigned char)k && blocks[k][n - 1] == (unsigned char)~k);
        free(blocks[k]);
    }
}

static void *thread_allocates(void *arg)
{
    char *p = malloc(64);
    strcpy(p, arg);
    return p;
}

/* The dynamic loader allocates (and frees) link maps, search paths and TLS
 * through these functions once libc is relocated; threads get their TLS so. */
static void test_loader_and_threads(const char *library)
{
    void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    expect(handle != NULL);
    const char *(*version)(void) = (const char *(*)(void))dlsym(handle, "tagheap_version");
    expect(version != NULL && strcmp(version(), "1.0.0") == 0);
    expect(dlclose(handle) == 0);
    expect(dlopen("/nonexistent/library.so", RTLD_NOW) == NULL && dlerror() != NULL);
    pthread_t t;
    void *result;
    expect(pthread_create(&t, NULL, thread_allocates, "from a thread") == 0);
    expect(pthread_join(t, &result) == 0);
    expect(strcmp(result, "from a thread") == 0);
    free(result);
}

int main(int argc, char **argv)
{
    expect(argc == 2); /* the path of a shared library to dlopen */
    expect(before_main != NULL && strcmp(before_main, "made before main") == 0);
    free(before_main);
    test_malloc_free();
    test_errno();
    test_calloc();
    test_realloc();
    test_aligned();
    test_growth();
    test_loader_and_threads(argv[1]);
    printf("api: every check passed\n");
    return 0;
}
