/* SPDX-License-Identifier: MIT */
/*
 * Resident memory of the process, from /proc/self/status.  Peak utilisation divides the
 * stream's peak of live requested bytes by how much the resident set grew while the
 * stream ran (VmHWM at the end minus VmRSS before it): the same measure for every
 * allocator, whether it is linked in or preloaded, and one that counts the allocator's
 * metadata and free space as well as its blocks.  The kernel keeps VmHWM exact: it
 * records the high-water mark before any unmapping or MADV_DONTNEED lowers the count.
 *
 * The file is read with read(2) into a stack buffer: stdio would allocate its buffer from
 * the allocator under test.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

/* The value of `field` (e.g. "VmRSS:") in /proc/self/status, in bytes; 0 if absent. */
static size_t status_bytes(const char *field)
{
    char text[8192];
    int fd = open("/proc/self/status", O_RDONLY);
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

size_t resident_now(void)
{
    return status_bytes("VmRSS:");
}

size_t resident_peak(void)
{
    return status_bytes("VmHWM:");
}
