/* SPDX-License-Identifier: MIT */
/*
 * Resident memory of the process, for peak utilisation: the stream's peak of live
 * requested bytes over how much the resident set grew while the stream ran.  The same
 * measure for every allocator, linked in or preloaded, and one that counts the
 * allocator's metadata and free space as well as its blocks.
 *
 * The figure is the "Anonymous:" line of /proc/self/smaps_rollup: resident anonymous
 * memory (brk and anonymous mmap, where every allocator here gets its memory), which the
 * kernel computes by walking the page tables, exact at the moment it is read.  Not
 * VmRSS/VmHWM of /proc/self/status: they come from per-CPU counters that lag by up to a
 * batch of pages per CPU.  Not Rss: it also counts the program's and libraries' code,
 * faulted in 64 KiB at a time from whatever the page cache holds.  With either, repeated
 * runs of one stream differed by up to 160 KiB, more than the small streams' whole
 * peak.  An exact reading has no high-water mark, so bench.c samples it.
 *
 * The file is read with read(2) into a stack buffer: stdio would allocate its buffer from
 * the allocator under test.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

size_t resident_now(void)
{
    static const char field[] = "\nAnonymous:";
    char text[4096];
    int fd = open("/proc/self/smaps_rollup", O_RDONLY);
    if (fd < 0)
        return 0;
    ssize_t length = read(fd, text, sizeof text - 1);
    close(fd);
    if (length <= 0)
        return 0;
    text[length] = '\0';
    const char *line = strstr(text, field);
    return line == NULL ? 0 : strtoul(line + strlen(field), NULL, 10) * 1024; /* kB */
}
