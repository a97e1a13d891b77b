/* SPDX-License-Identifier: MIT */
/*
 * Heap integration with memory checkers: tells AddressSanitizer or Valgrind's
 * memcheck which bytes of a tagheap a client may touch, so that a client's
 * use-after-free or overflow *inside* a heap is reported like one in malloc's.
 *
 * Between API calls only the usable bytes of allocated blocks are accessible;
 * headers, footers, free payloads and the end marker are not.  The shell calls
 * these functions after the core has changed the heap; they never change it.
 *
 * Build options (both off by default, when every function here is empty):
 *
 *   -DTAGHEAP_ASAN_HEAP   with -fsanitize=address: poison / unpoison through
 *       <sanitizer/asan_interface.h>.  The verified core (src/core*.c) reads and
 *       writes tags inside poisoned memory by design (splitting, merging,
 *       walking), so this flavour compiles the core objects WITHOUT
 *       -fsanitize=address (the proof covers their memory safety; UBSan stays
 *       on), and with -fno-builtin so that its copy and zero loops do not become
 *       memcpy/memset calls, which ASan intercepts.  Only the shell and the
 *       client are instrumented.  fuzz/fuzz.mk's asan-heap flavour
 *       (build/asan-heap/), the fuzzers and .clusterfuzzlite/build.sh are built
 *       that way.
 *
 *   -DTAGHEAP_VALGRIND    Valgrind client requests (<valgrind/memcheck.h>):
 *       VALGRIND_MALLOCLIKE_BLOCK / FREELIKE_BLOCK for blocks, NOACCESS for the
 *       rest of the block area.  Valgrind instruments every instruction, the
 *       core's included, so the shell brackets each of its calls into the core
 *       with annotate_core_enter / annotate_core_leave, which suspend memcheck's
 *       error reports while the allocator itself touches its tags.  The requests
 *       cost a few instructions when not running under Valgrind.
 */
#ifndef TAGHEAP_ANNOTATE_H
#define TAGHEAP_ANNOTATE_H

#include <stddef.h>

#include "core.h"

/* The block area of a new heap (after core_init) becomes inaccessible. */
void annotate_heap_created(const core_heap *c);

/* The block area of a destroyed heap is plain memory again. */
void annotate_heap_destroyed(const core_heap *c);

/* usable bytes at payload were handed out; zeroed: they are all 0 (calloc). */
void annotate_block_allocated(const void *payload, size_t usable, int zeroed);

/* The block at payload (usable bytes) was freed. */
void annotate_block_freed(const void *payload, size_t usable);

/* Block old_payload (old_usable bytes) now lives at new_payload with
 * new_usable bytes, its first min(old, new) bytes kept (realloc). */
void annotate_block_moved(const void *old_payload, size_t old_usable, const void *new_payload,
                          size_t new_usable);

/* A tag or link word read by the shell itself (the dump of a damaged heap, the
 * checker's count of the blocks the free lists reach): the shell's only reads
 * of memory that is poisoned in the ASan flavour. */
word annotate_peek(const word *at);

/* Around the shell's calls into the core, which touch inaccessible tags. */
void annotate_core_enter(void);
void annotate_core_leave(void);

#endif
