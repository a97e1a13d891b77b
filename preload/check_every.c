/* SPDX-License-Identifier: MIT */
/*
 * Preload: TAGHEAP_CHECK_EVERY=N runs tagheap_check on every region after
 * every N-th call and aborts with the checker's report on the first violation,
 * so that a program's heap overflow is caught near the call that made it.
 */
#include "preload.h"

void check_if_due(void)
{
    unsigned long every = preload_config.check_every;
    if (every == 0 || preload_stats.calls % every != 0)
        return;
    preload_stats.checks++;
    for (size_t k = 0; k < region_count(); k++) {
        tagheap_report report;
        if (tagheap_check(region_at(k)->heap, &report) != TAGHEAP_OK) {
            size_t call = preload_stats.calls;
            preload_unlock();
            report_check_failure(call, &report);
        }
    }
}
