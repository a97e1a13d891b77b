# SPDX-License-Identifier: MIT
# The drop-in malloc (included by the top-level Makefile): build/libtagheap-preload.so
# serves a program's malloc, free, ... from tagheap regions (LD_PRELOAD).
#
#   make preload         build it
#   make test-preload    its tests (in make check): the interface, misuse
#                        messages, eight threads (gcc with LD_PRELOAD, and under
#                        ThreadSanitizer), fork, resident memory after a peak
#   make preload-check   python3, sqlite3, git, gcc and sort with and without it:
#                        identical output, time and peak RSS against glibc

.PHONY: preload test-preload test-preload-tsan preload-check

PRELOAD_SO       = $(GCC_DIR)/libtagheap-preload.so
PRELOAD_DIR      = $(GCC_DIR)/preload
PRELOAD_TSAN_DIR = $(TSAN_DIR)/preload
PRELOAD_SRC      = preload/exports.c preload/allocate.c preload/regions.c preload/free_extent.c \
                   preload/release.c preload/config.c preload/report.c preload/check_every.c \
                   preload/lock.c
PRELOAD_HDR      = preload/preload.h $(LIB_HDR)
# The library's OS-free shell and the core, from the gcc build's objects (-fPIC,
# hidden visibility, LIB_LTO: optimised together with the preload's own at the
# link): no stdio dump is linked in.
PRELOAD_LIB_OBJ  = $(patsubst src/%.c,$(GCC_DIR)/obj/%.o,$(CORE_SRC) $(BARE_SHELL_SRC))
# -fno-builtin: the compiler must not turn a zeroing loop after an allocation
# into a call to calloc, or a copy into anything that allocates.
PRELOAD_CFLAGS   = $(LIB_BASE_CFLAGS) $(LIB_OPT) -D_GNU_SOURCE -fno-builtin -Isrc -Ipreload
PRELOAD_TEST_FLAGS = -std=c11 -D_GNU_SOURCE $(WARNINGS) $(CFLAGS) -Ipreload -pthread

$(PRELOAD_DIR)/obj/%.o: preload/%.c $(PRELOAD_HDR)
	@mkdir -p $(@D)
	$(CC) $(PRELOAD_CFLAGS) $(LIB_LTO) $(LIB_WARNINGS) -c $< -o $@

$(PRELOAD_SO): $(patsubst preload/%.c,$(PRELOAD_DIR)/obj/%.o,$(PRELOAD_SRC)) $(PRELOAD_LIB_OBJ) preload/preload.map
	$(CC) -shared $(CFLAGS) $(LIB_OPT) $(LIB_LTO) -Wl,--version-script=preload/preload.map -Wl,-z,now \
	    -o $@ $(filter %.o,$^)

preload: $(PRELOAD_SO) ## build build/libtagheap-preload.so, the drop-in malloc (LD_PRELOAD)

# Test programs are ordinary glibc programs; the runner preloads the library.
$(PRELOAD_DIR)/tests/%: preload/tests/%.c preload/tests/expect.h
	@mkdir -p $(@D)
	$(CC) $(PRELOAD_TEST_FLAGS) $< -ldl -o $@

PRELOAD_TESTS = api threads fork misuse rss
# The api test dlopens the library build (libtagheap.so) while the drop-in is loaded.
test-preload: $(PRELOAD_SO) $(GCC_DIR)/libtagheap.so $(addprefix $(PRELOAD_DIR)/tests/,$(PRELOAD_TESTS)) test-preload-tsan ## the drop-in malloc's tests: interface, misuse messages, threads (also TSan), fork, RSS after a peak
	@PRELOAD_SO=$(PRELOAD_SO) TESTS=$(PRELOAD_DIR)/tests preload/tests/run.sh

# ThreadSanitizer owns the names malloc and free in a sanitized program, so the
# thread test calls the preload's functions by their internal names
# (preload_malloc, ...), linked in from objects built with -fsanitize=thread.
$(PRELOAD_TSAN_DIR)/obj/%.o: preload/%.c $(PRELOAD_HDR)
	@mkdir -p $(@D)
	$(CLANG) $(PRELOAD_CFLAGS) $(WARNINGS) -fsanitize=thread -c $< -o $@
$(PRELOAD_TSAN_DIR)/threads: preload/tests/threads.c preload/tests/expect.h \
        $(patsubst preload/%.c,$(PRELOAD_TSAN_DIR)/obj/%.o,$(filter-out preload/exports.c,$(PRELOAD_SRC))) \
        $(patsubst src/%.c,$(TSAN_DIR)/obj/%.o,$(CORE_SRC) $(BARE_SHELL_SRC))
	$(CLANG) $(PRELOAD_TEST_FLAGS) -Isrc -DCALL_PRELOAD_DIRECTLY -fsanitize=thread $< \
	    $(filter %.o,$^) -o $@

# A check reads the whole start map of each 1 GiB region (64 MiB, about 0.6 s
# under TSan): every 20,000 calls keeps the test near a minute.
test-preload-tsan: $(PRELOAD_TSAN_DIR)/threads ## the drop-in malloc's thread test under ThreadSanitizer
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" TAGHEAP_CHECK_EVERY=20000 $< --ops 1000000

CHECK_EXTRA += test-preload

preload-check: $(PRELOAD_SO) ## run python3, sqlite3, git, gcc and sort with and without the drop-in malloc: outputs identical, time and peak RSS against glibc
	@PRELOAD_SO=$(PRELOAD_SO) preload/check_programs.sh $(GCC_DIR)/preload-check
