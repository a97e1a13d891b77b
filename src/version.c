/* SPDX-License-Identifier: MIT */
/* Shell: the library's version, so a program can tell which one it runs with. */
#include "tagheap.h"

const char *tagheap_version(void)
{
    return TAGHEAP_VERSION_STRING;
}
