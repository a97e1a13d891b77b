/* SPDX-License-Identifier: MIT */
/*
 * A client with deliberate bugs inside a tagheap heap, for the heap-integration
 * tests (tests/heap_detect.sh): built against the poisoning ASan flavour
 * (build/asan-heap/) and the Valgrind flavour (build/valgrind-heap/), each bug
 * must be reported by the checker.  "clean" does everything a correct client
 * may do and must be reported for nothing (no false positives).
 *
 *   heap_bugs clean | use-after-free | overflow
 */
#include <stdio.h>
#include <string.h>

#include "tagheap.h"

static unsigned char region[1 << 16] __attribute__((aligned(16)));

/* Keeps the compiler from proving the bad access away. */
static volatile unsigned char sink;

static int clean(void)
{
    tagheap *h = tagheap_init(region, sizeof region);
    unsigned char *a = tagheap_malloc(h, 100);
    unsigned char *b = tagheap_calloc(h, 10, 10);
    unsigned char *c = tagheap_aligned_alloc(h, 256, 40);
    if (a == NULL || b == NULL || c == NULL)
        return 1;
    memset(a, 1, tagheap_usable_size(h, a)); /* every usable byte is the client's */
    memset(c, 3, 40);
    sink = b[99];                    /* calloc memory is defined */
    a = tagheap_realloc(h, a, 5000); /* moves past b */
    if (a == NULL)
        return 1;
    sink = a[99];
    memset(a + 100, 2, 4900);
    a = tagheap_realloc(h, a, 50); /* shrinks in place */
    sink = a[49];
    tagheap_free(h, b);
    tagheap_free(h, c);
    tagheap_stats stats;
    tagheap_get_stats(h, &stats);
    FILE *devnull = fopen("/dev/null", "w");
    if (devnull != NULL) {
        tagheap_dump(h, devnull);
        fclose(devnull);
    }
    int code = tagheap_check(h, NULL);
    tagheap_free(h, a);
    tagheap_destroy(h);
    memset(region, 0, sizeof region); /* the caller's buffer is plain memory again */

    tagheap *m = tagheap_create(1 << 20);
    unsigned char *d = tagheap_malloc(m, 1000);
    memset(d, 4, 1000);
    tagheap_destroy(m); /* with d still live */
    printf("clean: check %d, %zu blocks\n", code, stats.blocks);
    return code;
}

static int use_after_free(void)
{
    tagheap *h = tagheap_create(1 << 16);
    unsigned char *a = tagheap_malloc(h, 100);
    unsigned char *b = tagheap_malloc(h, 100); /* keeps a from merging into the rest */
    memset(a, 1, 100);
    tagheap_free(h, a);
    sink = a[10]; /* BUG: read after free */
    tagheap_free(h, b);
    tagheap_destroy(h);
    return 0;
}

static int overflow(void)
{
    tagheap *h = tagheap_init(region, sizeof region);
    unsigned char *a = tagheap_malloc(h, 100);
    unsigned char *b = tagheap_malloc(h, 100);
    size_t usable = tagheap_usable_size(h, a);
    memset(a, 1, usable);
    a[usable] = 0xFF; /* BUG: one byte past the block, onto b's header */
    tagheap_free(h, b);
    tagheap_free(h, a);
    tagheap_destroy(h);
    return 0;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "clean") == 0)
        return clean();
    if (strcmp(mode, "use-after-free") == 0)
        return use_after_free();
    if (strcmp(mode, "overflow") == 0)
        return overflow();
    fprintf(stderr, "usage: %s clean|use-after-free|overflow\n", argv[0]);
    return 2;
}
