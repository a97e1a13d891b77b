/* SPDX-License-Identifier: MIT */
/*
 * One misuse per run, named by argv[1]; run.sh runs each under the preload and
 * compares the one line on stderr and the exit status with what the README
 * promises.  The pointer is printed on stdout first (ASLR moves it), so that
 * the expected line can name it.  Exit 0 means the program got past the
 * misuse (the warn policy); 2 means the heap was not laid out as the case
 * needs, which is a failure of the test, not of the allocator.
 */
#include <malloc.h>
#include <string.h>

#include "expect.h"

/* The misuses are the point: gcc sees some of them at compile time. */
#pragma GCC diagnostic ignored "-Wfree-nonheap-object"
#pragma GCC diagnostic ignored "-Wuse-after-free"

static void show(const void *p)
{
    printf("%p\n", p);
    fflush(stdout);
}

/* Three blocks side by side, each of usable size `usable`. */
static void three_adjacent(char **a, char **b, char **c)
{
    *a = malloc(100);
    *b = malloc(100);
    *c = malloc(100);
    size_t step = malloc_usable_size(*a) + 8; /* the next block's header follows */
    if (*b - *a != (long)step || *c - *b != (long)step) {
        fprintf(stderr, "misuse: blocks are not adjacent\n");
        exit(2);
    }
}

int main(int argc, char **argv)
{
    expect(argc == 2);
    const char *misuse = argv[1];
    char *a, *b, *c;
    three_adjacent(&a, &b, &c);
    long on_stack = 0;
    if (strcmp(misuse, "free-foreign") == 0) {
        show(&on_stack);
        free(&on_stack);
    } else if (strcmp(misuse, "free-misaligned") == 0) {
        show(b + 1);
        free(b + 1);
    } else if (strcmp(misuse, "free-interior") == 0) {
        show(b + 32);
        free(b + 32);
    } else if (strcmp(misuse, "double-free") == 0) {
        free(b);
        show(b);
        free(b);
    } else if (strcmp(misuse, "double-free-merged") == 0) {
        free(a);
        free(b); /* merges into a's free block: no block starts at b any more */
        show(b);
        free(b);
    } else if (strcmp(misuse, "realloc-foreign") == 0) {
        show(&on_stack);
        void *p = realloc(&on_stack, 10);
        expect(p == NULL); /* the warn policy: refused */
    } else if (strcmp(misuse, "realloc-freed") == 0) {
        free(b);
        show(b);
        void *p = realloc(b, 10);
        expect(p == NULL);
    } else if (strcmp(misuse, "usable-size-interior") == 0) {
        show(b + 16);
        expect(malloc_usable_size(b + 16) == 0);
    } else if (strcmp(misuse, "overflow") == 0) {
        /* a write past a's payload replaces b's header; the next call's heap
         * check (TAGHEAP_CHECK_EVERY=1) sees it */
        show(a);
        memset(a, 0x7, malloc_usable_size(a) + 8);
        free(malloc(1));
    } else {
        fprintf(stderr, "misuse: unknown case %s\n", misuse);
        return 2;
    }
    /* the heap is still usable after an ignored misuse */
    void *p = malloc(1000);
    expect(p != NULL);
    free(p);
    printf("survived\n");
    return 0;
}
