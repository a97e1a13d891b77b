/* SPDX-License-Identifier: MIT */
/*
 * Shell: heap integration with AddressSanitizer and Valgrind's memcheck (see
 * annotate.h for what each build option does and why the core is compiled
 * without -fsanitize=address in the ASan flavour).  Nothing here changes the
 * heap; it only tells a checker which bytes the client may touch.
 */
#include "annotate.h"

#include <stdint.h>

#include "shell.h"

#if defined(TAGHEAP_ASAN_HEAP)
#include <sanitizer/asan_interface.h>
/* No-ops when the file is not compiled with -fsanitize=address. */
#define NO_ACCESS(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define ACCESS(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define NO_ACCESS(p, n) ((void)(p), (void)(n))
#define ACCESS(p, n) ((void)(p), (void)(n))
#endif

#if defined(TAGHEAP_VALGRIND)
#include <valgrind/memcheck.h>
#endif

static size_t block_area_bytes(const core_heap *c)
{
    return (size_t)c->n * WORD_BYTES;
}

void annotate_heap_created(const core_heap *c)
{
    NO_ACCESS(c->words, block_area_bytes(c));
#if defined(TAGHEAP_VALGRIND)
    VALGRIND_MAKE_MEM_NOACCESS(c->words, block_area_bytes(c));
#endif
}

#if defined(TAGHEAP_VALGRIND)
/* memcheck keeps a record per MALLOCLIKE block: retire the ones still live, so
 * destroying a heap does not leave them behind as leaks. */
static void forget_live_blocks(const core_heap *c)
{
    annotate_core_enter();
    int64_t i = 1;
    while (i < c->n - 1) {
        int64_t size = block_size(c, i);
        if (size < MIN_BLOCK_WORDS || size > c->n - 1 - i)
            break; /* a damaged tag: stop rather than walk off */
        if (block_is_alloc(c, i))
            VALGRIND_FREELIKE_BLOCK(c->words + i + HEADER_WORDS, 0);
        i += size;
    }
    annotate_core_leave();
}
#endif

void annotate_heap_destroyed(const core_heap *c)
{
#if defined(TAGHEAP_VALGRIND)
    forget_live_blocks(c);
    VALGRIND_MAKE_MEM_DEFINED(c->words, block_area_bytes(c));
#endif
    ACCESS(c->words, block_area_bytes(c));
}

void annotate_block_allocated(const void *payload, size_t usable, int zeroed)
{
    ACCESS(payload, usable);
#if defined(TAGHEAP_VALGRIND)
    VALGRIND_MALLOCLIKE_BLOCK(payload, usable, 0, zeroed);
#else
    (void)zeroed;
#endif
}

void annotate_block_freed(const void *payload, size_t usable)
{
    NO_ACCESS(payload, usable);
#if defined(TAGHEAP_VALGRIND)
    VALGRIND_FREELIKE_BLOCK(payload, 0);
#endif
}

void annotate_block_moved(const void *old_payload, size_t old_usable, const void *new_payload,
                          size_t new_usable)
{
    NO_ACCESS(old_payload, old_usable);
    ACCESS(new_payload, new_usable);
#if defined(TAGHEAP_VALGRIND)
    if (old_payload == new_payload) {
        VALGRIND_RESIZEINPLACE_BLOCK(old_payload, old_usable, new_usable, 0);
    } else {
        /* The core copied the bytes while memcheck saw the new block as
         * inaccessible, so their definedness is lost; call them defined. */
        VALGRIND_MALLOCLIKE_BLOCK(new_payload, new_usable, 0, 1);
        VALGRIND_FREELIKE_BLOCK(old_payload, 0);
    }
#endif
}

#if defined(TAGHEAP_ASAN_HEAP) && defined(__clang__)
__attribute__((no_sanitize("address")))
#elif defined(TAGHEAP_ASAN_HEAP) && defined(__GNUC__)
__attribute__((no_sanitize_address))
#endif
word annotate_peek(const word *at)
{
    return *at;
}

void annotate_core_enter(void)
{
#if defined(TAGHEAP_VALGRIND)
    VALGRIND_DISABLE_ERROR_REPORTING;
#endif
}

void annotate_core_leave(void)
{
#if defined(TAGHEAP_VALGRIND)
    VALGRIND_ENABLE_ERROR_REPORTING;
#endif
}
