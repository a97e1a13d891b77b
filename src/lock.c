/* SPDX-License-Identifier: MIT */
/*
 * Shell: the optional lock hooks.  The allocator has no lock of its own, so it
 * runs unchanged on a bare-metal target with no threads; a program that shares
 * a heap hands it a pair of callbacks (a pthread mutex, an RTOS mutex, an
 * interrupt mask) and every public operation runs between them.
 */
#include "shell.h"

int tagheap_set_lock(tagheap *h, tagheap_lock_hook lock, tagheap_lock_hook unlock, void *context)
{
    if (!heap_is_live(h)) {
        set_errno(EINVAL);
        return TAGHEAP_EBADHEAP;
    }
    /* a lock without its unlock would hang the second operation */
    if ((lock == NULL) != (unlock == NULL)) {
        set_errno(EINVAL);
        return TAGHEAP_EARG;
    }
    h->lock = lock;
    h->unlock = unlock;
    h->lock_context = context;
    return TAGHEAP_OK;
}

void heap_lock(const tagheap *h)
{
    if (h->lock != NULL)
        h->lock(h->lock_context);
}

void heap_unlock(const tagheap *h)
{
    if (h->unlock != NULL)
        h->unlock(h->lock_context);
}
