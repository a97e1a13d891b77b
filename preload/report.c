/* SPDX-License-Identifier: MIT */
/*
 * Preload: what the drop-in malloc says, always as one line on stderr,
 * assembled here and written with write(2): stdio may allocate, and the heap
 * that would serve it is the one being reported on.
 *
 *   tagheap: free(0x5581d2c4a2a8): pointer is not the start of a block (...)
 *   tagheap: heap check failed after call 4000: <tagheap_check's report>
 *   tagheap: stats: ... (TAGHEAP_STATS=1, at exit)
 */
#include <stdlib.h>
#include <unistd.h>

#include "preload.h"

enum { LINE_BYTES = 512 };

struct line {
    char text[LINE_BYTES];
    size_t used;
};

static void add_text(struct line *line, const char *text)
{
    while (*text != '\0' && line->used + 1 < LINE_BYTES)
        line->text[line->used++] = *text++;
}

static void add_number(struct line *line, size_t value)
{
    char digits[3 * sizeof value];
    size_t count = 0;
    do {
        digits[count++] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (count > 0 && line->used + 1 < LINE_BYTES)
        line->text[line->used++] = digits[--count];
}

/* As printf's %p prints it: 0x and the lowercase hex digits, no padding. */
static void add_pointer(struct line *line, const void *p)
{
    static const char hex[] = "0123456789abcdef";
    uintptr_t value = (uintptr_t)p;
    char digits[2 * sizeof value];
    size_t count = 0;
    do {
        digits[count++] = hex[value % 16];
        value /= 16;
    } while (value != 0);
    add_text(line, "0x");
    while (count > 0 && line->used + 1 < LINE_BYTES)
        line->text[line->used++] = digits[--count];
}

static void write_line(struct line *line)
{
    line->text[line->used++] = '\n';
    size_t done = 0;
    while (done < line->used) {
        ssize_t n = write(STDERR_FILENO, line->text + done, line->used - done);
        if (n <= 0)
            return;
        done += (size_t)n;
    }
}

void report_bad_pointer(const char *call, const void *p, int error)
{
    struct line line = {.used = 0};
    add_text(&line, "tagheap: ");
    add_text(&line, call);
    add_text(&line, "(");
    add_pointer(&line, p);
    add_text(&line, "): ");
    add_text(&line, error == NOT_OURS
                        ? "pointer was not handed out by tagheap (outside every heap region)"
                        : tagheap_strerror(error));
    if (preload_config.policy == BAD_POINTER_WARN) {
        add_text(&line, "; ignored");
        write_line(&line);
        preload_lock();
        preload_stats.bad_pointers++;
        preload_unlock();
        return;
    }
    write_line(&line);
    abort();
}

void report_check_failure(size_t operation, const tagheap_report *report)
{
    struct line line = {.used = 0};
    add_text(&line, "tagheap: heap check failed after call ");
    add_number(&line, operation);
    add_text(&line, ": ");
    add_text(&line, report->message);
    write_line(&line);
    abort();
}

/* TAGHEAP_STATS=1: one line when the program ends.  A destructor of the
 * preload library, which is among the last to run (it was loaded first); a
 * later call still works, it is just not counted in the line. */
__attribute__((destructor)) static void print_stats_at_exit(void)
{
    config_read();
    if (!preload_config.stats_at_exit)
        return;
    preload_lock();
    struct preload_stats s = preload_stats;
    size_t regions = region_count();
    size_t mapped = regions_mapped_bytes();
    size_t peak_mapped = regions_peak_mapped_bytes();
    preload_unlock();
    struct line line = {.used = 0};
    add_text(&line, "tagheap: stats: ");
    add_number(&line, s.calls);
    add_text(&line, " calls; ");
    add_number(&line, s.bytes_in_use);
    add_text(&line, " bytes in use (peak ");
    add_number(&line, s.peak_in_use);
    add_text(&line, "); ");
    add_number(&line, regions);
    add_text(&line, " regions, ");
    add_number(&line, mapped);
    add_text(&line, " bytes mapped (peak ");
    add_number(&line, peak_mapped);
    add_text(&line, "; ");
    add_number(&line, s.regions_created);
    add_text(&line, " created, ");
    add_number(&line, s.dedicated_created);
    add_text(&line, " dedicated); ");
    add_number(&line, s.released_bytes);
    add_text(&line, " bytes released in ");
    add_number(&line, s.release_calls);
    add_text(&line, " madvise calls; ");
    add_number(&line, s.checks);
    add_text(&line, " heap checks; ");
    add_number(&line, s.bad_pointers);
    add_text(&line, " bad pointers ignored");
    write_line(&line);
}
