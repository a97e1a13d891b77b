/* SPDX-License-Identifier: MIT */
/*
 * Preload: the C allocation interface a program's calls bind to.  With
 * LD_PRELOAD (or the library linked before libc), the dynamic loader resolves
 * every malloc, free, ... of the program, of its libraries and of libc itself
 * to these; the dynamic loader's own calls follow once it has relocated libc.
 * Each is the function of the same name in allocate.c, where the meaning is.
 *
 * Left to glibc, by choice: mallopt, malloc_trim, mallinfo, mallinfo2,
 * malloc_stats, malloc_info (they then describe glibc's unused arena; of the
 * programs make preload-check runs, only cc1 imports one, mallinfo2, and its
 * objects are byte-identical on either allocator), and the obsolete cfree and
 * __libc_* names, which no program built on glibc >= 2.26 links to and which
 * jemalloc does not export either.
 * preload/preload.map lists what is exported.
 */
#include "preload.h"

/* The library is built with -fvisibility=hidden; these names, and only these,
 * are visible (and preload.map lets nothing else out). */
#define EXPORTED __attribute__((visibility("default")))

EXPORTED void *malloc(size_t n)
{
    return preload_malloc(n);
}

EXPORTED void free(void *p)
{
    preload_free(p);
}

EXPORTED void *calloc(size_t count, size_t size)
{
    return preload_calloc(count, size);
}

EXPORTED void *realloc(void *p, size_t n)
{
    return preload_realloc(p, n);
}

EXPORTED void *reallocarray(void *p, size_t count, size_t size)
{
    return preload_reallocarray(p, count, size);
}

EXPORTED int posix_memalign(void **out, size_t alignment, size_t n)
{
    return preload_posix_memalign(out, alignment, n);
}

EXPORTED void *aligned_alloc(size_t alignment, size_t n)
{
    return preload_aligned_alloc(alignment, n);
}

EXPORTED void *memalign(size_t alignment, size_t n)
{
    return preload_memalign(alignment, n);
}

EXPORTED void *valloc(size_t n)
{
    return preload_valloc(n);
}

EXPORTED void *pvalloc(size_t n)
{
    return preload_pvalloc(n);
}

EXPORTED size_t malloc_usable_size(void *p)
{
    return preload_malloc_usable_size(p);
}
