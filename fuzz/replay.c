/* SPDX-License-Identifier: MIT */
/*
 * Replays corpora through a harness without libFuzzer, so that gcc builds, CI
 * and coverage runs exercise the same oracles: each argument is a file or a
 * directory of files, each file one input.  Exits non-zero if an input cannot
 * be read; an oracle failure aborts, as it would under libFuzzer.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_common.h"

enum { MAX_INPUT_BYTES = 1 << 20 };

static unsigned char input[MAX_INPUT_BYTES];

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return -1;
    }
    size_t size = fread(input, 1, sizeof input, f);
    int error = ferror(f);
    fclose(f);
    if (error) {
        fprintf(stderr, "%s: read error\n", path);
        return -1;
    }
    LLVMFuzzerTestOneInput(input, size);
    return 1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays every regular file in dir, in name order so runs are repeatable. */
static int replay_directory(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        perror(dir);
        return -1;
    }
    size_t count = 0, room = 64;
    char **names = malloc(room * sizeof *names);
    struct dirent *e;
    while (names != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (count == room)
            names = realloc(names, (room *= 2) * sizeof *names);
        if (names != NULL)
            names[count++] = strdup(e->d_name);
    }
    closedir(d);
    if (names == NULL)
        return -1;
    qsort(names, count, sizeof *names, by_name);
    int replayed = 0;
    for (size_t k = 0; k < count; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            if (replay_file(path) < 0)
                replayed = -1;
            else if (replayed >= 0)
                replayed++;
        }
        free(names[k]);
    }
    free(names);
    return replayed;
}

int main(int argc, char **argv)
{
    int total = 0;
    for (int k = 1; k < argc; k++) {
        struct stat st;
        int n = stat(argv[k], &st) == 0 && S_ISDIR(st.st_mode) ? replay_directory(argv[k])
                                                               : replay_file(argv[k]);
        if (n < 0)
            return 1;
        total += n;
    }
    printf("%s: replayed %d inputs, every oracle held\n", argv[0], total);
    return 0;
}
