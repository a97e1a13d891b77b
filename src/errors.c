/* SPDX-License-Identifier: MIT */
/* Shell: one sentence per error code, for people reading logs; and, in a
 * bare-metal build, the variable that stands in for errno. */
#include "tagheap.h"

#if defined(TAGHEAP_BARE_METAL)
int tagheap_errno;
#endif

const char *tagheap_strerror(int code)
{
    switch (code) {
    case TAGHEAP_OK: return "no error";
    case TAGHEAP_EOUTSIDE: return "pointer is outside this heap's blocks";
    case TAGHEAP_EMISALIGNED: return "pointer is not 16-byte aligned, so it is no payload";
    case TAGHEAP_ENOTBLOCK:
        return "pointer is not the start of a block (interior pointer, or a block "
               "already freed and merged)";
    case TAGHEAP_EFREED: return "block is already free (double free)";
    case TAGHEAP_ECORRUPT: return "block tags are inconsistent (heap metadata overwritten)";
    case TAGHEAP_EBADHEAP: return "not a live tagheap (NULL, destroyed or overwritten)";
    case TAGHEAP_EARG: return "a required argument is NULL or out of range";
    case TAGHEAP_EBADSIZE: return "block header holds an impossible size";
    case TAGHEAP_ETILING: return "blocks do not tile the heap up to the end marker";
    case TAGHEAP_ESTARTMAP: return "block-start map disagrees with the block headers";
    case TAGHEAP_EFOOTER: return "free block's footer differs from its header";
    case TAGHEAP_EADJFREE: return "two adjacent free blocks (missed coalescing)";
    case TAGHEAP_EPREVBIT: return "previous-allocated bit disagrees with the previous block";
    case TAGHEAP_EENDMARK: return "end marker is damaged";
    case TAGHEAP_ELISTHEAD:
        return "free-list head is not a free block of its class, or a free block "
               "without a previous link is not its class's head";
    case TAGHEAP_ELISTLINK: return "free-list link does not lead to a free block that links back";
    case TAGHEAP_ELISTCLASS: return "free block is listed outside its size class";
    case TAGHEAP_EUNLISTED: return "free blocks that no free-list head leads to (detached ring of links)";
    case TAGHEAP_ELISTMAP: return "the map of non-empty size classes disagrees with the free-list heads";
    default: return "unknown tagheap error code";
    }
}
