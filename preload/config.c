/* SPDX-License-Identifier: MIT */
/*
 * Preload: the TAGHEAP_* environment variables (the README's "Drop-in malloc"
 * section lists them).  They are read once, at the first call that finds the
 * C library's environment in place: the dynamic loader may call malloc before
 * libc has set `environ`, and those first calls run with the defaults.
 * secure_getenv: a set-user-ID program ignores them, as it ignores MALLOC_*.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "preload.h"

extern char **environ;

/* Defaults, chosen by measurement (README, "Drop-in malloc"): every standard
 * region is DEFAULT_REGION_MB, reserved address space whose pages (start map
 * included) cost memory only once blocks reach them; one region keeps the
 * search constant where several cost a failed search each (regions.c). */
enum {
    DEFAULT_REGION_MB = 1024,
    MIN_REGION_MB = 4,       /* the smallest region (regions.c: MIN_REGION_BYTES) */
    MAX_REGION_MB = 1 << 20, /* 1 TiB */
    DEFAULT_RELEASE_KIB = 64
};

struct preload_config preload_config = {
    .region_bytes = (size_t)DEFAULT_REGION_MB << 20,
    .dedicated_min = ((size_t)DEFAULT_REGION_MB << 20) / 4,
    .release_keep = (size_t)DEFAULT_RELEASE_KIB << 10,
    .policy = BAD_POINTER_ABORT,
    .check_every = 0,
    .stats_at_exit = 0,
};

static int config_done;

/* The decimal value of variable `name` within [min, max], or `fallback` when
 * it is unset, not a number, or out of range. */
static unsigned long number_from_env(const char *name, unsigned long min, unsigned long max,
                                     unsigned long fallback)
{
    const char *text = secure_getenv(name);
    if (text == NULL || *text == '\0')
        return fallback;
    char *end;
    unsigned long value = strtoul(text, &end, 10);
    if (*end != '\0' || value < min || value > max)
        return fallback;
    return value;
}

/* The variables, read once libc's environment is in place. */
__attribute__((noinline, cold)) static void config_read_environment(void)
{
    if (environ == NULL)
        return;
    config_done = 1;
    size_t region_mb =
        number_from_env("TAGHEAP_REGION_MB", MIN_REGION_MB, MAX_REGION_MB, DEFAULT_REGION_MB);
    preload_config.region_bytes = region_mb << 20;
    /* a request above a quarter of a region would fragment it for good: it
     * gets a mapping of its own, unmapped when it is freed */
    preload_config.dedicated_min = preload_config.region_bytes / 4;
    /* at least a page: release.c relies on it */
    preload_config.release_keep =
        number_from_env("TAGHEAP_RELEASE_KIB", 4, 1UL << 30, DEFAULT_RELEASE_KIB) << 10;
    if (preload_config.release_keep < page_bytes())
        preload_config.release_keep = page_bytes();
    preload_config.check_every = number_from_env("TAGHEAP_CHECK_EVERY", 0, ~0UL, 0);
    preload_config.stats_at_exit = number_from_env("TAGHEAP_STATS", 0, 1, 0) == 1;
    const char *policy = secure_getenv("TAGHEAP_INVALID_POINTER");
    preload_config.policy =
        policy != NULL && strcmp(policy, "warn") == 0 ? BAD_POINTER_WARN : BAD_POINTER_ABORT;
}

/* Called by every heap function: the test of one flag, inlined (link-time
 * optimisation), once the variables are read. */
void config_read(void)
{
    if (!config_done)
        config_read_environment();
}

size_t page_bytes(void)
{
    static size_t page;
    if (page == 0) {
        long bytes = sysconf(_SC_PAGESIZE);
        page = bytes > 0 ? (size_t)bytes : 4096;
    }
    return page;
}
