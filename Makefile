# SPDX-License-Identifier: MIT
# tagheap — `make help` lists the targets.  Plain `make` builds the library
# (build/libtagheap.a and build/libtagheap.so*) with gcc; `make check` is the
# project's own test run.

ifeq ($(origin CC),default)
CC = gcc
endif
CLANG    ?= clang
OBJCOPY  ?= objcopy
# The project's own builds (tests, the clang and sanitizer flavours, fuzzers)
# turn warnings into errors; the library build a user runs only warns, so a
# newer compiler's new warning does not break it.
WARNINGS     = -Wall -Wextra -Wconversion -Wshadow -Werror
LIB_WARNINGS = $(filter-out -Werror,$(WARNINGS))
# The library a user gets (build/libtagheap.*, the drop-in) is built at -O3
# unless CFLAGS is given: measured with callgrind on the bench streams
# (2026-12-07), 6-9% fewer instructions per operation than -O2 and 33% fewer on
# realloc-grow, whose payload copy it vectorises.  The tests' own builds stay -O2.
ifeq ($(origin CFLAGS),undefined)
LIB_OPT = -O3
endif
CFLAGS   ?= -O2 -g
# -fvisibility=hidden: only tagheap.h's TAGHEAP_API functions are exported.
# -fno-strict-aliasing: the core reads and writes the heap as 64-bit words, payload
# included (realloc copies a block's payload word by word, calloc zeroes it), and
# WP's Typed model proves it so; ISO C's effective-type rule would let the compiler
# assume a user's double or struct stored there is never read as int64_t.  With
# the flag, the compiler sees the memory as the prover does (proofs/README.md,
# "Trusted base").
LIB_BASE_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -fPIC -fvisibility=hidden -fno-strict-aliasing $(CFLAGS)
LIB_CFLAGS      = $(LIB_BASE_CFLAGS) $(WARNINGS)
# The library a user builds is optimised across its files (link-time): the
# core keeps each tag accessor (block_size, header_is_alloc, ...) a function of
# its own with its own contract, and without -flto every use is a call from
# another file.  Measured with `make bench-callgrind` (2026-12-07): 42% fewer
# instructions per operation on small-random.  LIB_LTO= builds without it.
LIB_LTO        ?= -flto
USER_LIB_CFLAGS = $(LIB_BASE_CFLAGS) $(LIB_OPT) $(LIB_WARNINGS) $(LIB_LTO)
SANITIZE  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# One version, in the header; the soname changes with the major number.
VERSION := $(shell sed -n 's/^\#define TAGHEAP_VERSION_STRING "\(.*\)"/\1/p' src/tagheap.h)
MAJOR   := $(firstword $(subst ., ,$(VERSION)))
SONAME   = libtagheap.so.$(MAJOR)
SO_FILE  = libtagheap.so.$(VERSION)

CORE_SRC  = src/core_block.c src/core_fit.c src/core_alloc.c src/core_check.c src/core_class.c src/core_list.c src/core_check_lists.c
# The shell a bare-metal build keeps: tagheap_init, allocation, check, walk,
# statistics, lock hooks.  mapping.c (mmap), dump.c and dump_json.c (stdio) need an OS.
BARE_SHELL_SRC = src/region.c src/tagheap.c src/inspect.c src/errors.c src/annotate.c \
                 src/lock.c src/version.c
SHELL_SRC = $(BARE_SHELL_SRC) src/mapping.c src/dump.c src/dump_json.c
LIB_SRC   = $(CORE_SRC) $(SHELL_SRC)
LIB_HDR   = src/tagheap.h src/core.h src/shell.h
VERSION_SCRIPT = src/tagheap.map

TEST_LIBS = -lcmocka -pthread

# Each flavour of the library lives in its own directory.
GCC_DIR   = build
CLANG_DIR = build/clang
ASAN_DIR  = build/asan
TSAN_DIR  = build/tsan

.PHONY: all lib clang asan tsan check lib-werror test-gcc test-asan test-tsan test-symbols \
        test-install bare-metal examples demo setup bench bench-callgrind bench-worst help clean install \
        uninstall format

all: lib

lib: $(GCC_DIR)/libtagheap.a $(GCC_DIR)/libtagheap.so ## build the library with gcc: build/libtagheap.a, build/libtagheap.so* (no clang, no -Werror)
clang: $(CLANG_DIR)/libtagheap.a $(CLANG_DIR)/libtagheap.so ## build the library with clang, warnings as errors (build/clang/)
asan: $(ASAN_DIR)/libtagheap.a
tsan: $(TSAN_DIR)/libtagheap.a

# $(1) directory, $(2) compiler, $(3) flags.
# The static library is one prelinked object whose hidden symbols are made
# local, so that no internal name (block_size, core_malloc, ...) is global in it
# and a program's own function of that name can neither clash nor be called.
# With -flto the prelink goes through the compiler, so that it is where the
# files are optimised together, and it writes machine code (nolto-rel: a
# program linking the archive needs no LTO plugin); otherwise it is ld -r (the
# compiler driver would pull a sanitizer's runtime into the object).
# The shared library exports what the version script lists, under TAGHEAP_1.0.
define library_rules
$(1)/obj/%.o: src/%.c $(LIB_HDR)
	@mkdir -p $$(@D)
	$(2) $(3) -c $$< -o $$@
$(1)/libtagheap.o: $(patsubst src/%.c,$(1)/obj/%.o,$(LIB_SRC))
	$(if $(findstring -flto,$(3)),$(2) $(3) -nostdlib -r -flinker-output=nolto-rel,$$(LD) -r) -o $$@ $$^
	$$(OBJCOPY) --localize-hidden $$@
$(1)/libtagheap.a: $(1)/libtagheap.o
	@rm -f $$@
	$$(AR) rcs $$@ $$<
$(1)/$(SO_FILE): $(patsubst src/%.c,$(1)/obj/%.o,$(LIB_SRC)) $(VERSION_SCRIPT)
	$(2) -shared $(3) -Wl,-soname,$(SONAME) -Wl,--version-script=$(VERSION_SCRIPT) \
	    -o $$@ $$(filter %.o,$$^)
$(1)/$(SONAME): $(1)/$(SO_FILE)
	ln -sf $(SO_FILE) $$@
$(1)/libtagheap.so: $(1)/$(SONAME)
	ln -sf $(SONAME) $$@
endef
$(eval $(call library_rules,$(GCC_DIR),$(CC),$(USER_LIB_CFLAGS)))
$(eval $(call library_rules,$(CLANG_DIR),$(CLANG),$(LIB_CFLAGS)))
$(eval $(call library_rules,$(ASAN_DIR),$(CLANG),$(LIB_CFLAGS) $(SANITIZE)))
$(eval $(call library_rules,$(TSAN_DIR),$(CLANG),$(LIB_CFLAGS) -fsanitize=thread))

lib-werror: $(LIB_SRC) $(LIB_HDR) ## the project's check that the gcc library build has no warning at all (-Werror)
	@set -e; for f in $(LIB_SRC); do $(CC) $(LIB_CFLAGS) -c $$f -o /dev/null; done
	@echo "lib-werror: $(words $(LIB_SRC)) sources compile with gcc $(WARNINGS)"

TESTS = test_api test_bad_input test_checker test_stress test_walk test_dump_json test_threads test_classes

# Tests see only the public header; they link the static library.
$(GCC_DIR)/tests/%: tests/%.c tests/test_util.h $(GCC_DIR)/libtagheap.a
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) $(CFLAGS) -Isrc $< $(GCC_DIR)/libtagheap.a $(TEST_LIBS) -o $@
$(ASAN_DIR)/tests/%: tests/%.c tests/test_util.h $(ASAN_DIR)/libtagheap.a
	@mkdir -p $(@D)
	$(CLANG) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) $(CFLAGS) $(SANITIZE) -Isrc $< $(ASAN_DIR)/libtagheap.a $(TEST_LIBS) -o $@

# test_classes is a unit test of the core's size classes, whose functions the
# library keeps internal: it compiles the core file itself.
$(GCC_DIR)/tests/test_classes: tests/test_classes.c tests/test_util.h src/core_class.c src/core.h specs/classes.h
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) $(CFLAGS) -Isrc $< src/core_class.c $(TEST_LIBS) -o $@
$(ASAN_DIR)/tests/test_classes: tests/test_classes.c tests/test_util.h src/core_class.c src/core.h specs/classes.h
	@mkdir -p $(@D)
	$(CLANG) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) $(CFLAGS) $(SANITIZE) -Isrc $< src/core_class.c $(TEST_LIBS) -o $@

test-gcc: $(addprefix $(GCC_DIR)/tests/,$(TESTS)) ## run the tests against the gcc build
	@set -e; for t in $^; do echo "== $$t"; $$t; done

test-asan: $(addprefix $(ASAN_DIR)/tests/,$(TESTS)) ## run the tests under ASan+UBSan (clang)
	@set -e; for t in $^; do echo "== $$t (asan+ubsan)"; $$t; done

# Eight threads share one heap through the lock hooks; the library and the
# test are both built with ThreadSanitizer, which fails the run on any race.
$(TSAN_DIR)/tests/test_threads: tests/test_threads.c tests/test_util.h $(TSAN_DIR)/libtagheap.a
	@mkdir -p $(@D)
	$(CLANG) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) $(CFLAGS) -fsanitize=thread -Isrc $< \
	    $(TSAN_DIR)/libtagheap.a $(TEST_LIBS) -o $@

test-tsan: $(TSAN_DIR)/tests/test_threads ## 8 threads share one heap through the lock hooks, under ThreadSanitizer (clang)
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" $<

# A program that defines the internal names the library used to export
# (block_size, find_fit, core_malloc, ...) is linked against both libraries and
# must keep a well-formed heap; tests/check_symbols.sh also compares what the
# libraries export with tests/exported_symbols.txt.
$(GCC_DIR)/tests/collide_static: tests/collide_names.c $(GCC_DIR)/libtagheap.a
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARNINGS) $(CFLAGS) -Isrc $< $(GCC_DIR)/libtagheap.a -o $@
$(GCC_DIR)/tests/collide_shared: tests/collide_names.c $(GCC_DIR)/libtagheap.so
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARNINGS) $(CFLAGS) -rdynamic -Isrc $< -L$(GCC_DIR) -ltagheap \
	    -Wl,-rpath,'$$ORIGIN/..' -o $@

test-symbols: $(GCC_DIR)/libtagheap.a $(GCC_DIR)/libtagheap.so $(GCC_DIR)/tests/collide_static $(GCC_DIR)/tests/collide_shared ## only tagheap_* is exported; a program's own block_size() etc. cannot clash with the library's
	@tests/check_symbols.sh $(GCC_DIR) tests/exported_symbols.txt
	$(GCC_DIR)/tests/collide_static
	$(GCC_DIR)/tests/collide_shared

test-install: lib ## install into a temporary prefix, build a program with pkg-config (static and shared), uninstall
	@CC="$(CC)" tests/install_test.sh build/install-test

# The proof and the fuzzers keep their rules beside their files; each appends
# the targets `make check` must also run to CHECK_EXTRA.
CHECK_EXTRA :=
# The demo's binary; build/demo/ holds its snapshots and heap maps (tools/heapmap.mk,
# whose rules name it, so it is defined before the include).
DEMO_BIN = $(GCC_DIR)/examples/demo
-include proofs/prove.mk
-include fuzz/fuzz.mk
include tools/heapmap.mk
include preload/preload.mk

check: lib clang lib-werror test-gcc test-asan test-tsan test-symbols test-install bare-metal examples $(CHECK_EXTRA) ## build everything and run every test (gcc, ASan+UBSan, TSan, symbols, install, bare metal, and the parts' checks)
	@echo "make check: every test passed (gcc and asan+ubsan builds$(if $(CHECK_EXTRA),; $(CHECK_EXTRA)))"

$(DEMO_BIN): examples/demo.c $(GCC_DIR)/libtagheap.a
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARNINGS) $(CFLAGS) -Isrc $< $(GCC_DIR)/libtagheap.a -o $@

demo: $(DEMO_BIN) ## run the demo: create, allocate, free, dump; draw each step's heap map (build/demo/*.svg)
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	$(DEMO_BIN) $(DEMO_DIR)
	$(draw_demo_maps)

$(GCC_DIR)/pthread_lock: examples/pthread_lock.c $(GCC_DIR)/libtagheap.a
	$(CC) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) $(CFLAGS) -Isrc $< $(GCC_DIR)/libtagheap.a \
	    -pthread -o $@

examples: $(DEMO_BIN) $(GCC_DIR)/pthread_lock ## build and run the examples (demo, a heap shared by pthreads)
	$(DEMO_BIN) >/dev/null
	$(GCC_DIR)/pthread_lock

# The bare-metal build: the core and the OS-free shell cross-compiled for a
# Cortex-M4, freestanding, then linked with -nostdlib against a startup stub
# that uses every function: a libc call would be an undefined reference.
# Only libgcc (the compiler's own helpers) is linked.
BARE_METAL_DIR   = build/bare-metal
BARE_METAL_PREFIX ?= arm-none-eabi-
BARE_METAL_CC   ?= $(BARE_METAL_PREFIX)gcc
BARE_METAL_CPU  ?= -mcpu=cortex-m4 -mthumb
# -fno-tree-loop-distribute-patterns: gcc may otherwise turn the clearing and
# copying loops into memset/memcpy calls, which a freestanding target need not have.
BARE_METAL_CFLAGS = $(BARE_METAL_CPU) -std=c11 -Os -ffreestanding -DTAGHEAP_BARE_METAL -fvisibility=hidden \
                    -fno-strict-aliasing -fno-tree-loop-distribute-patterns -ffunction-sections -fdata-sections \
                    $(WARNINGS)
BARE_METAL_SRC  = $(CORE_SRC) $(BARE_SHELL_SRC)
$(BARE_METAL_DIR)/obj/%.o: src/%.c $(LIB_HDR)
	@mkdir -p $(@D)
	$(BARE_METAL_CC) $(BARE_METAL_CFLAGS) -c $< -o $@
# Prelinked and localised like the host's static library: a firmware's own
# block_size() must not clash with the allocator's.
$(BARE_METAL_DIR)/libtagheap.o: $(patsubst src/%.c,$(BARE_METAL_DIR)/obj/%.o,$(BARE_METAL_SRC))
	$(BARE_METAL_PREFIX)ld -r -o $@ $^
	$(BARE_METAL_PREFIX)objcopy --localize-hidden $@
$(BARE_METAL_DIR)/libtagheap.a: $(BARE_METAL_DIR)/libtagheap.o
	@rm -f $@
	$(BARE_METAL_PREFIX)ar rcs $@ $<
$(BARE_METAL_DIR)/obj-firmware.o: tests/bare_metal_firmware.c src/tagheap.h
	@mkdir -p $(@D)
	$(BARE_METAL_CC) $(BARE_METAL_CFLAGS) -Isrc -c $< -o $@
$(BARE_METAL_DIR)/firmware.elf: $(BARE_METAL_DIR)/obj-firmware.o $(BARE_METAL_DIR)/libtagheap.a
	$(BARE_METAL_CC) $(BARE_METAL_CPU) -nostdlib -nostartfiles -Wl,--gc-sections \
	    -Wl,-e,reset_handler $^ -lgcc -o $@

bare-metal: $(BARE_METAL_DIR)/firmware.elf ## cross-compile the bare-metal build for a Cortex-M4 (-ffreestanding, no libc) and print its code size
	@echo "bare-metal: $(BARE_METAL_CC) $(BARE_METAL_CPU) -Os -ffreestanding -DTAGHEAP_BARE_METAL"
	@BARE_METAL_PREFIX=$(BARE_METAL_PREFIX) tests/bare_metal_report.sh $(BARE_METAL_DIR)

# Debian 12 packages the project builds, tests and proves with.
DEB_PACKAGES = build-essential clang libclang-rt-14-dev libcmocka-dev valgrind \
               frama-c-base why3 z3 cvc4 clang-format libjemalloc2 libmimalloc2.0 \
               gcc-arm-none-eabi pkg-config python3 librsvg2-bin sqlite3 git time \
               libgoogle-perftools4

setup: ## install the Debian packages the project needs (apt-get; run as root or with sudo)
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(DEB_PACKAGES) >/dev/null && \
	echo "setup: installed $(DEB_PACKAGES)"

BENCH_SRC = bench/bench.c bench/streams.c bench/allocator.c bench/fill.c bench/resident.c \
            bench/peak_map.c
# -z now: no lazy symbol binding inside the first measured malloc.
$(GCC_DIR)/bench: $(BENCH_SRC) bench/bench.h $(GCC_DIR)/libtagheap.a
	$(CC) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) -O2 -g -Isrc $(BENCH_SRC) \
	    $(GCC_DIR)/libtagheap.a -Wl,-z,now -o $@

bench: $(GCC_DIR)/bench $(PRELOAD_SO) ## tagheap (API and drop-in) against glibc, jemalloc, mimalloc, tcmalloc: ns/op, peak utilisation, scaling to 1M live blocks, as ratios to glibc (BENCH_OPS, BENCH_ROUNDS, BENCH_SCALING_OPS)
	BENCH=$< PRELOAD_SO=$(PRELOAD_SO) bench/run.sh

# -fno-optimize-sibling-calls: each worst_* wrapper calls tagheap rather than
# jumping to it, so that callgrind counts the call inside the wrapper.
$(GCC_DIR)/worst_case: bench/worst_case.c $(GCC_DIR)/libtagheap.a
	$(CC) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) -O2 -g -fno-optimize-sibling-calls -Isrc $< \
	    $(GCC_DIR)/libtagheap.a -o $@

bench-worst: $(GCC_DIR)/worst_case ## instructions of malloc, free, realloc and aligned_alloc in their worst case (the longest scan of the free lists' heads), fresh heaps of 64 KiB to 16 GiB, under callgrind
	WORST=$< bench/worst_case.sh

bench-callgrind: $(GCC_DIR)/bench $(PRELOAD_SO) ## the same with instructions per malloc, per free and per realloc under callgrind (stable under load)
	BENCH=$< PRELOAD_SO=$(PRELOAD_SO) bench/run.sh --callgrind

# Install layout: the usual one, every directory overridable; DESTDIR stages
# an install for a package (the paths inside tagheap.pc stay without it).
PREFIX     ?= /usr/local
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DOCDIR     ?= $(PREFIX)/share/doc/tagheap

# Rewritten on every run: the paths inside depend on PREFIX and LIBDIR.
$(GCC_DIR)/tagheap.pc: tagheap.pc.in FORCE
	@mkdir -p $(@D)
	@sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' $< >$@
FORCE:

install: lib $(GCC_DIR)/tagheap.pc ## install library, header, tagheap.pc and licence under DESTDIR/PREFIX (default /usr/local)
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(DOCDIR)
	install -m 644 $(GCC_DIR)/libtagheap.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(GCC_DIR)/$(SO_FILE) $(DESTDIR)$(LIBDIR)/
	ln -sf $(SO_FILE) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libtagheap.so
	install -m 644 src/tagheap.h $(DESTDIR)$(INCLUDEDIR)/
	install -m 644 $(GCC_DIR)/tagheap.pc $(DESTDIR)$(PKGCONFIGDIR)/
	install -m 644 LICENSE README.md $(DESTDIR)$(DOCDIR)/
	@echo "install: tagheap $(VERSION) in $(DESTDIR)$(PREFIX) (run ldconfig for a system directory)"

uninstall: ## remove what make install put under DESTDIR/PREFIX
	rm -f $(DESTDIR)$(LIBDIR)/libtagheap.a $(DESTDIR)$(LIBDIR)/$(SO_FILE) \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libtagheap.so \
	    $(DESTDIR)$(INCLUDEDIR)/tagheap.h $(DESTDIR)$(PKGCONFIGDIR)/tagheap.pc \
	    $(DESTDIR)$(DOCDIR)/LICENSE $(DESTDIR)$(DOCDIR)/README.md
	rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null || true

format: ## reformat the C sources with the committed .clang-format
	clang-format -i src/tagheap.h src/shell.h src/annotate.h $(SHELL_SRC) tests/*.c tests/*.h \
	    examples/*.c preload/*.c preload/*.h preload/tests/*.c preload/tests/*.h bench/*.c bench/*.h

clean: ## remove build/
	rm -rf build

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{ printf "%-20s %s\n", $$1, $$2 }'
