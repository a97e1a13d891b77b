/* SPDX-License-Identifier: MIT */
/*
 * Shell: heaps in memory the library maps itself (tagheap_create).  The only
 * file that needs an operating system; bare-metal builds leave it out, and
 * tagheap_destroy (region.c) unmaps through the hook this file installs.
 */
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "shell.h"

static void unmap_region(void *mapping, size_t bytes)
{
    munmap(mapping, bytes);
}

tagheap *tagheap_create(size_t bytes)
{
    long page = sysconf(_SC_PAGESIZE);
    size_t page_bytes = page > 0 ? (size_t)page : 4096;
    if (bytes == 0 || bytes > SIZE_MAX - page_bytes) {
        set_errno(bytes == 0 ? EINVAL : ENOMEM);
        return NULL;
    }
    size_t length = (bytes + page_bytes - 1) / page_bytes * page_bytes;
    void *mapping = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapping == MAP_FAILED) {
        set_errno(ENOMEM);
        return NULL;
    }
    tagheap *h = heap_lay_out(mapping, length, 1); /* a fresh anonymous mapping is all zero */
    if (h == NULL) {
        int saved = errno;
        munmap(mapping, length);
        set_errno(saved);
        return NULL;
    }
    h->mapping = mapping;
    h->mapping_bytes = length;
    h->unmap = unmap_region;
    return h;
}
