/* SPDX-License-Identifier: MIT */
/*
 * A short tour of tagheap: create a heap, allocate, free (watching blocks split
 * and merge), check it, and dump it after each step.
 *
 *   demo [DIR]   with DIR, also write each step's JSON snapshot to
 *                DIR/step-NN.json, labelled, for tools/heapmap.py (make demo)
 */
#include <stdio.h>
#include <string.h>

#include "tagheap.h"

static const char *snapshot_dir; /* where show() writes snapshots, or NULL */

/* DIR/step-NN.json: {"label": what, "snapshot": tagheap_dump_json's object}.
 * The labels are this file's own plain-ASCII sentences: nothing to escape. */
static void write_snapshot(tagheap *h, const char *what)
{
    static int step;
    char path[4096];
    snprintf(path, sizeof path, "%s/step-%02d.json", snapshot_dir, ++step);
    FILE *out = fopen(path, "w");
    if (out == NULL) {
        perror(path);
        return;
    }
    fprintf(out, "{\"label\": \"%s\",\n\"snapshot\": ", what);
    tagheap_dump_json(h, out);
    fprintf(out, "}\n");
    fclose(out);
}

static void show(tagheap *h, const char *what)
{
    tagheap_report report;
    tagheap_check(h, &report);
    printf("\n== %s — check: %s\n", what, report.message);
    tagheap_dump(h, stdout);
    if (snapshot_dir != NULL)
        write_snapshot(h, what);
}

int main(int argc, char **argv)
{
    snapshot_dir = argc > 1 ? argv[1] : NULL;
    tagheap *h = tagheap_create(4096);
    if (h == NULL) {
        perror("tagheap_create");
        return 1;
    }
    show(h, "fresh heap: one free block");

    char *a = tagheap_malloc(h, 100);
    char *b = tagheap_malloc(h, 200);
    char *c = tagheap_malloc(h, 300);
    strcpy(b, "hello from b");
    show(h, "malloc 100, 200, 300: three blocks split off the front");

    tagheap_free(h, a);
    tagheap_free(h, c);
    show(h, "free a and c: c merges with the free tail");

    char *smaller = tagheap_realloc(h, b, 40); /* on failure b stays valid: keep it */
    if (smaller != NULL)
        b = smaller;
    printf("\nrealloc(b, 40) kept: \"%s\"\n", b);
    show(h, "realloc b smaller: shrunk in place, its tail merged forward");

    int status = tagheap_free(h, b + 16);
    printf("\nfree of an interior pointer -> %d: %s\n", status, tagheap_strerror(status));
    char *d = tagheap_malloc(h, 64);
    char *e = tagheap_malloc(h, 64);
    tagheap_free(h, d);
    status = tagheap_free(h, d);
    printf("free of d twice -> %d: %s\n", status, tagheap_strerror(status));
    tagheap_free(h, b);
    status = tagheap_free(h, b);
    printf("free of b twice, after it merged -> %d: %s\n", status, tagheap_strerror(status));
    tagheap_free(h, e);
    show(h, "everything freed: a single free block again");

    tagheap_stats stats;
    tagheap_get_stats(h, &stats);
    printf("\ncapacity %zu, largest free %zu, peak allocated %zu, blocks %zu\n", stats.capacity,
           stats.largest_free, stats.peak_allocated, stats.blocks);
    tagheap_destroy(h);
    return 0;
}
