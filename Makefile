# tagheap — `make help` lists the targets.

ifeq ($(origin CC),default)
CC = gcc
endif
CLANG    ?= clang
WARNINGS  = -Wall -Wextra -Wconversion -Wshadow -Werror
CFLAGS   ?= -O2 -g
LIB_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -fPIC $(WARNINGS) $(CFLAGS)
SANITIZE  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

CORE_SRC  = src/core_block.c src/core_fit.c src/core_alloc.c src/core_check.c
SHELL_SRC = src/region.c src/tagheap.c src/inspect.c src/errors.c src/annotate.c
LIB_SRC   = $(CORE_SRC) $(SHELL_SRC)
LIB_HDR   = src/tagheap.h src/core.h src/shell.h

TEST_LIBS = -lcmocka

# Each flavour of the library lives in its own directory.
GCC_DIR   = build
CLANG_DIR = build/clang
ASAN_DIR  = build/asan

.PHONY: all lib clang asan check test-gcc test-asan demo setup bench bench-callgrind help clean install format

all: lib clang ## build build/libtagheap.{a,so} with gcc and build/clang/ with clang, warnings as errors

lib: $(GCC_DIR)/libtagheap.a $(GCC_DIR)/libtagheap.so
clang: $(CLANG_DIR)/libtagheap.a $(CLANG_DIR)/libtagheap.so
asan: $(ASAN_DIR)/libtagheap.a

define library_rules
$(1)/obj/%.o: src/%.c $(LIB_HDR)
	@mkdir -p $$(@D)
	$(2) $(LIB_CFLAGS) $(3) -c $$< -o $$@
$(1)/libtagheap.a: $(patsubst src/%.c,$(1)/obj/%.o,$(LIB_SRC))
	@rm -f $$@
	ar rcs $$@ $$^
$(1)/libtagheap.so: $(patsubst src/%.c,$(1)/obj/%.o,$(LIB_SRC))
	$(2) -shared $(3) -o $$@ $$^
endef
$(eval $(call library_rules,$(GCC_DIR),$(CC),))
$(eval $(call library_rules,$(CLANG_DIR),$(CLANG),))
$(eval $(call library_rules,$(ASAN_DIR),$(CLANG),$(SANITIZE)))

TESTS = test_api test_bad_input test_checker test_stress

# Tests see only the public header; they link the static library.
$(GCC_DIR)/tests/%: tests/%.c tests/test_util.h $(GCC_DIR)/libtagheap.a
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) $(CFLAGS) -Isrc $< $(GCC_DIR)/libtagheap.a $(TEST_LIBS) -o $@
$(ASAN_DIR)/tests/%: tests/%.c tests/test_util.h $(ASAN_DIR)/libtagheap.a
	@mkdir -p $(@D)
	$(CLANG) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) $(CFLAGS) $(SANITIZE) -Isrc $< $(ASAN_DIR)/libtagheap.a $(TEST_LIBS) -o $@

test-gcc: $(addprefix $(GCC_DIR)/tests/,$(TESTS)) ## run the tests against the gcc build
	@set -e; for t in $^; do echo "== $$t"; $$t; done

test-asan: $(addprefix $(ASAN_DIR)/tests/,$(TESTS)) ## run the tests under ASan+UBSan (clang)
	@set -e; for t in $^; do echo "== $$t (asan+ubsan)"; $$t; done

# The proof and the fuzzers keep their rules beside their files; each appends
# the targets `make check` must also run to CHECK_EXTRA.
CHECK_EXTRA :=
-include proofs/prove.mk
-include fuzz/fuzz.mk

check: all test-gcc test-asan $(CHECK_EXTRA) ## build everything and run every test (gcc, ASan+UBSan, and the parts' checks)
	@echo "make check: every test passed (gcc and asan+ubsan builds$(if $(CHECK_EXTRA),; $(CHECK_EXTRA)))"

$(GCC_DIR)/demo: examples/demo.c $(GCC_DIR)/libtagheap.a
	$(CC) -std=c11 $(WARNINGS) $(CFLAGS) -Isrc $< $(GCC_DIR)/libtagheap.a -o $@

demo: $(GCC_DIR)/demo ## run the demo: create, allocate, free, dump
	./$(GCC_DIR)/demo

# Debian 12 packages the project builds, tests and proves with.
DEB_PACKAGES = build-essential clang libclang-rt-14-dev libcmocka-dev valgrind \
               frama-c-base why3 z3 cvc4 clang-format libjemalloc2 libmimalloc2.0

setup: ## install the Debian packages the project needs (apt-get; run as root or with sudo)
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(DEB_PACKAGES) >/dev/null && \
	echo "setup: installed $(DEB_PACKAGES)"

$(GCC_DIR)/bench: bench/bench.c $(GCC_DIR)/libtagheap.a
	$(CC) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) -O2 -g -Isrc $< $(GCC_DIR)/libtagheap.a -o $@

bench: $(GCC_DIR)/bench ## time tagheap against glibc, jemalloc and mimalloc (BENCH_OPS, BENCH_ROUNDS)
	BENCH=$< bench/run.sh

bench-callgrind: $(GCC_DIR)/bench ## instructions per operation under callgrind (stable under load)
	BENCH=$< BENCH_OPS=$${BENCH_OPS:-100000} bench/run.sh --callgrind

PREFIX ?= /usr/local
install: lib ## install the library and header under PREFIX (default /usr/local)
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include
	install -m 644 $(GCC_DIR)/libtagheap.a $(GCC_DIR)/libtagheap.so $(DESTDIR)$(PREFIX)/lib/
	install -m 644 src/tagheap.h $(DESTDIR)$(PREFIX)/include/

format: ## reformat the C sources with the committed .clang-format
	clang-format -i src/*.c src/*.h tests/*.c tests/*.h examples/*.c

clean: ## remove build/
	rm -rf build

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{ printf "%-20s %s\n", $$1, $$2 }'
