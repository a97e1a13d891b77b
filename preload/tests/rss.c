/* SPDX-License-Identifier: MIT */
/*
 * Resident memory falls after a peak: blocks of 1 MiB (in standard regions),
 * one block of 64 MiB (a dedicated region), and 20,000 small blocks freed in
 * random order (more would take minutes: first fit walks every block) are allocated, written, and freed; what stays resident after
 * each phase must be under a quarter of what the phase added.  Prints the
 * numbers (run.sh shows the first line).
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "expect.h"

static size_t resident_mib(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    expect(f != NULL);
    size_t total, resident;
    expect(fscanf(f, "%zu %zu", &total, &resident) == 2);
    fclose(f);
    return resident * (size_t)sysconf(_SC_PAGESIZE) >> 20;
}

/* Check one phase and describe it in `text`. */
static void phase(const char *name, size_t before, size_t peak, size_t after, char *text,
                  size_t text_bytes)
{
    snprintf(text, text_bytes, "%s: %zu -> peak %zu -> %zu MiB resident", name, before, peak,
             after);
    if (after - before >= (peak - before) / 4) {
        fprintf(stderr, "FAIL %s\n", text);
        exit(1);
    }
}

int main(void)
{
    enum { LARGE = 256, SMALL = 20000 };
    static char *blocks[SMALL];
    char large_text[128], huge_text[128], small_text[128];

    size_t before = resident_mib();
    for (int k = 0; k < LARGE; k++) {
        blocks[k] = malloc(1 << 20);
        expect(blocks[k] != NULL);
        memset(blocks[k], 1, 1 << 20);
    }
    size_t peak = resident_mib();
    for (int k = 0; k < LARGE; k++)
        free(blocks[k]);
    size_t after = resident_mib();
    phase("256 x 1 MiB", before, peak, after, large_text, sizeof large_text);

    before = after;
    char *huge = malloc((size_t)64 << 20);
    expect(huge != NULL);
    memset(huge, 2, (size_t)64 << 20);
    peak = resident_mib();
    free(huge);
    after = resident_mib();
    phase("1 x 64 MiB", before, peak, after, huge_text, sizeof huge_text);

    before = after;
    uint64_t rng = 88172645463325252u;
    for (int k = 0; k < SMALL; k++) {
        size_t n = 64 + (size_t)k % 1900;
        blocks[k] = malloc(n);
        expect(blocks[k] != NULL);
        memset(blocks[k], 3, n);
    }
    peak = resident_mib();
    for (int k = SMALL - 1; k > 0; k--) { /* free in a random order (Fisher-Yates) */
        rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
        int j = (int)(rng % (uint64_t)(k + 1));
        char *swap = blocks[k];
        blocks[k] = blocks[j];
        blocks[j] = swap;
    }
    for (int k = 0; k < SMALL; k++)
        free(blocks[k]);
    after = resident_mib();
    phase("20000 small, random order", before, peak, after, small_text, sizeof small_text);
    printf("%s; %s; %s\n", large_text, huge_text, small_text);
    return 0;
}
