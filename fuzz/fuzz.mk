# SPDX-License-Identifier: MIT
# Fuzzing, coverage, mutation and heap-integration targets (included by the
# top-level Makefile).  The harnesses are fuzz/fuzz_*.c; their seed corpora are
# fuzz/corpus/<harness>/; fuzz/run.sh, fuzz/coverage.sh, fuzz/mutants.sh and
# tests/heap_detect.sh do the work and say where the results are.

.PHONY: fuzz fuzz-smoke fuzz-replay fuzz-build coverage fuzz-mutants \
        asan-heap valgrind-heap test-heap-asan test-heap-valgrind

FUZZ_HARNESSES     = ops init corrupt
FUZZ_SECONDS       ?= 60
FUZZ_SMOKE_SECONDS ?= 30
FUZZ_DIR           = build/fuzz
FUZZ_GCC_DIR       = build/fuzz-gcc
FUZZ_ASAN_DIR      = build/fuzz-asan
ASAN_HEAP_DIR      = build/asan-heap
VALGRIND_HEAP_DIR  = build/valgrind-heap
FUZZ_HDR           = fuzz/fuzz_common.h src/tagheap.h

# Every flavour's shell objects depend on annotate.h (LIB_HDR does not list it).
$(foreach d,$(GCC_DIR) $(CLANG_DIR) $(ASAN_DIR) $(TSAN_DIR),$(d)/obj/tagheap.o $(d)/obj/region.o \
    $(d)/obj/inspect.o $(d)/obj/dump.o $(d)/obj/annotate.o): src/annotate.h

# The flavour that poisons the heap (src/annotate.h): the shell is built with
# ASan and TAGHEAP_ASAN_HEAP, the verified core without ASan (it touches the
# poisoned tags by design; the proof covers its memory safety) but with UBSan.
# -fno-builtin keeps the compiler from turning the core's copy and zero loops
# into memcpy/memset calls, which ASan intercepts and checks against the poison.
# $(1) directory, $(2) extra flags for every object (e.g. libFuzzer's coverage).
HEAP_CORE_FLAGS  = -fsanitize=undefined -fno-sanitize-recover=all -fno-builtin
HEAP_SHELL_FLAGS = $(SANITIZE) -DTAGHEAP_ASAN_HEAP
define heap_flavour_rules
$(1)/obj/core_%.o: src/core_%.c $$(LIB_HDR)
	@mkdir -p $$(@D)
	$$(CLANG) $$(LIB_CFLAGS) $(2) $$(HEAP_CORE_FLAGS) -c $$< -o $$@
$(1)/obj/%.o: src/%.c $$(LIB_HDR) src/annotate.h
	@mkdir -p $$(@D)
	$$(CLANG) $$(LIB_CFLAGS) $(2) $$(HEAP_SHELL_FLAGS) -c $$< -o $$@
$(1)/libtagheap.a: $$(patsubst src/%.c,$(1)/obj/%.o,$$(LIB_SRC))
	@rm -f $$@
	ar rcs $$@ $$^
endef
$(eval $(call heap_flavour_rules,$(FUZZ_DIR),-fsanitize=fuzzer-no-link))
# The checker runs after every operation and walks the whole heap; tracing its
# comparisons would cost most of the run time and guide nothing.
$(FUZZ_DIR)/obj/core_check.o: LIB_CFLAGS += -fno-sanitize-coverage=trace-cmp
$(eval $(call heap_flavour_rules,$(ASAN_HEAP_DIR),))

asan-heap: $(ASAN_HEAP_DIR)/libtagheap.a ## build build/asan-heap/: ASan that poisons free memory and tags inside the heap

# The libFuzzer flavour's flags, spelled out for fuzz/mutants.sh.
FUZZ_CORE_FLAGS    = $(LIB_CFLAGS) -fsanitize=fuzzer-no-link $(HEAP_CORE_FLAGS)
FUZZ_SHELL_FLAGS   = $(LIB_CFLAGS) -fsanitize=fuzzer-no-link $(HEAP_SHELL_FLAGS)
FUZZ_HARNESS_FLAGS = -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) -O1 -g -fsanitize=fuzzer $(HEAP_SHELL_FLAGS)

# libFuzzer harnesses: ASan + UBSan, linked with the poisoning flavour.
$(FUZZ_DIR)/fuzz_%: fuzz/fuzz_%.c $(FUZZ_HDR) $(FUZZ_DIR)/libtagheap.a
	$(CLANG) $(FUZZ_HARNESS_FLAGS) -Isrc $< $(FUZZ_DIR)/libtagheap.a -o $@

# Plain-main replay drivers: the same harnesses, built by gcc against build/.
$(FUZZ_GCC_DIR)/replay_%: fuzz/fuzz_%.c fuzz/replay.c $(FUZZ_HDR) $(GCC_DIR)/libtagheap.a
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) $(CFLAGS) -Isrc $< fuzz/replay.c \
	    $(GCC_DIR)/libtagheap.a -o $@

# ... and by clang against build/asan/, where the core too is under ASan: the
# harnesses poison their guard bytes, so a core access past the region is caught.
$(FUZZ_ASAN_DIR)/replay_%: fuzz/fuzz_%.c fuzz/replay.c $(FUZZ_HDR) $(ASAN_DIR)/libtagheap.a
	@mkdir -p $(@D)
	$(CLANG) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) $(CFLAGS) $(SANITIZE) -Isrc $< fuzz/replay.c \
	    $(ASAN_DIR)/libtagheap.a -o $@

fuzz-build: $(addprefix $(FUZZ_DIR)/fuzz_,$(FUZZ_HARNESSES)) $(addprefix $(FUZZ_GCC_DIR)/replay_,$(FUZZ_HARNESSES)) $(addprefix $(FUZZ_ASAN_DIR)/replay_,$(FUZZ_HARNESSES)) ## build the libFuzzer harnesses (build/fuzz/) and the replay drivers (build/fuzz-gcc/, build/fuzz-asan/)

fuzz: fuzz-build ## run every harness FUZZ_SECONDS (60) each: executions, coverage, findings (build/fuzz/findings/)
	@fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

fuzz-smoke: fuzz-build ## a short fuzz run, FUZZ_SMOKE_SECONDS (30) per harness (part of make check)
	@fuzz/run.sh $(FUZZ_SMOKE_SECONDS) $(FUZZ_HARNESSES)

fuzz-replay: fuzz-build ## replay the committed corpora: gcc build, ASan+UBSan on everything, ASan+UBSan with heap poisoning
	@set -e; for h in $(FUZZ_HARNESSES); do \
	    $(FUZZ_GCC_DIR)/replay_$$h fuzz/corpus/$$h; \
	    $(FUZZ_ASAN_DIR)/replay_$$h fuzz/corpus/$$h; \
	    $(FUZZ_DIR)/fuzz_$$h -runs=0 fuzz/corpus/$$h 2>$(FUZZ_DIR)/replay_$$h.log || \
	        { cat $(FUZZ_DIR)/replay_$$h.log; exit 1; }; \
	    echo "$(FUZZ_DIR)/fuzz_$$h: replayed $$(ls fuzz/corpus/$$h | wc -l) inputs under ASan+UBSan, every oracle held"; \
	done

coverage: ## line and branch coverage of src/ from the tests and the corpus replay; enforces the core's floor (build/coverage/)
	@fuzz/coverage.sh build/coverage

fuzz-mutants: ## seed bugs into scratch copies of src/ (build/fuzz-mutants/) and show the fuzzer kills each within 60 s
	@CLANG="$(CLANG)" FUZZ_CORE_FLAGS="$(FUZZ_CORE_FLAGS)" FUZZ_SHELL_FLAGS="$(FUZZ_SHELL_FLAGS)" \
	    FUZZ_HARNESS_FLAGS="$(FUZZ_HARNESS_FLAGS)" fuzz/mutants.sh build/fuzz-mutants

# Heap integration tests: a client's use-after-free and one-byte overflow inside
# a tagheap heap must be reported (tests/heap_detect.sh runs each as a child).
$(ASAN_HEAP_DIR)/heap_bugs: tests/heap_bugs.c $(ASAN_HEAP_DIR)/libtagheap.a
	$(CLANG) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) -O1 -g $(SANITIZE) -Isrc $< \
	    $(ASAN_HEAP_DIR)/libtagheap.a -o $@

$(VALGRIND_HEAP_DIR)/obj/%.o: src/%.c $(LIB_HDR) src/annotate.h
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -DTAGHEAP_VALGRIND -c $< -o $@
$(VALGRIND_HEAP_DIR)/libtagheap.a: $(patsubst src/%.c,$(VALGRIND_HEAP_DIR)/obj/%.o,$(LIB_SRC))
	@rm -f $@
	ar rcs $@ $^
$(VALGRIND_HEAP_DIR)/heap_bugs: tests/heap_bugs.c $(VALGRIND_HEAP_DIR)/libtagheap.a
	$(CC) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) -O1 -g -Isrc $< \
	    $(VALGRIND_HEAP_DIR)/libtagheap.a -o $@

valgrind-heap: $(VALGRIND_HEAP_DIR)/libtagheap.a ## build build/valgrind-heap/: the library with memcheck client requests (TAGHEAP_VALGRIND)

test-heap-asan: $(ASAN_HEAP_DIR)/heap_bugs ## ASan must report a use-after-free and a one-byte overflow inside a tagheap heap
	@tests/heap_detect.sh asan $<

# The operation and region harnesses replayed under memcheck against the
# Valgrind flavour: every corpus input must run without a single report.
$(VALGRIND_HEAP_DIR)/replay_%: fuzz/fuzz_%.c fuzz/replay.c $(FUZZ_HDR) $(VALGRIND_HEAP_DIR)/libtagheap.a
	$(CC) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) $(CFLAGS) -DTAGHEAP_VALGRIND -Isrc $< \
	    fuzz/replay.c $(VALGRIND_HEAP_DIR)/libtagheap.a -o $@

test-heap-valgrind: $(VALGRIND_HEAP_DIR)/heap_bugs $(VALGRIND_HEAP_DIR)/replay_ops $(VALGRIND_HEAP_DIR)/replay_init ## Valgrind memcheck must report the same two bugs, and nothing on the corpora (TAGHEAP_VALGRIND build)
	@tests/heap_detect.sh valgrind $<
	@set -e; for h in ops init; do \
	    valgrind -q --error-exitcode=99 --leak-check=no $(VALGRIND_HEAP_DIR)/replay_$$h fuzz/corpus/$$h; \
	done

CHECK_EXTRA += fuzz-replay test-heap-asan test-heap-valgrind coverage fuzz-smoke
