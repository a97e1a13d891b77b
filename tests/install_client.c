/* SPDX-License-Identifier: MIT */
/* A program as a user writes it against an installed tagheap: built by
 * tests/install_test.sh with `pkg-config --cflags --libs tagheap`. */
#include <stdio.h>
#include <string.h>
#include <tagheap.h>

int main(void)
{
    tagheap *h = tagheap_create(1 << 16);
    char *text = tagheap_malloc(h, 32);
    if (h == NULL || text == NULL)
        return 1;
    strcpy(text, "installed");
    int ok = tagheap_check(h, NULL) == 0 && tagheap_free(h, text) == 0 &&
             strcmp(tagheap_version(), TAGHEAP_VERSION_STRING) == 0;
    printf("tagheap %s (header %s): %s\n", tagheap_version(), TAGHEAP_VERSION_STRING,
           ok ? "ok" : "FAILED");
    tagheap_destroy(h);
    return ok ? 0 : 1;
}
