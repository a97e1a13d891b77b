# SPDX-License-Identifier: MIT
# Heap maps (included by the top-level Makefile): tools/heapmap.py draws the
# JSON snapshots of tagheap_dump_json as SVG; tests/check_heapmap.py checks
# both, and rsvg-convert renders a map to PNG so that a broken picture fails.
# Python 3 (standard library only) and rsvg-convert (librsvg2-bin) are in
# DEB_PACKAGES.

.PHONY: test-heapmap heapmap-docs bench-map

PYTHON        ?= python3
RSVG_CONVERT  ?= rsvg-convert
HEAPMAP        = $(PYTHON) tools/heapmap.py
DEMO_DIR       = $(GCC_DIR)/demo
HEAPMAP_TEST_DIR = $(GCC_DIR)/heapmap-test
BENCH_MAP_DIR  = $(GCC_DIR)/bench-map
# The README's picture: the demo's strip, committed so that GitHub shows it.
HEAPMAP_DOC    = docs/heapmap-demo.svg
DEMO_STRIP_TITLE = tagheap demo: one 4 KiB heap, step by step

# dump_json.c reads tags through annotate.h, as dump.c does (see fuzz/fuzz.mk).
$(foreach d,$(GCC_DIR) $(CLANG_DIR) $(ASAN_DIR) $(TSAN_DIR),$(d)/obj/dump_json.o): src/annotate.h

# $(DEMO_DIR)/step-NN.json (written by the demo) -> step-NN.svg, and all of
# them as one strip, demo.svg.  Used by `make demo` and by test-heapmap.
define draw_demo_maps
	@set -e; for json in $(DEMO_DIR)/step-*.json; do \
	    step=$$(basename $$json .json); \
	    $(HEAPMAP) --title "tagheap demo, $${step%-*} $${step#step-}" $$json -o $(DEMO_DIR)/$$step.svg; \
	done
	@$(HEAPMAP) --title "$(DEMO_STRIP_TITLE)" $(DEMO_DIR)/step-*.json -o $(DEMO_DIR)/demo.svg
	@echo "heap maps: $(DEMO_DIR)/step-*.svg, one per step, and the strip $(DEMO_DIR)/demo.svg"
endef

$(GCC_DIR)/tests/json_snapshots: tests/json_snapshots.c $(GCC_DIR)/libtagheap.a
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) $(CFLAGS) -Isrc $< $(GCC_DIR)/libtagheap.a -o $@

test-heapmap: $(GCC_DIR)/tests/json_snapshots $(DEMO_BIN) ## JSON snapshots parse and agree with tagheap_get_stats; heap maps are well-formed, tile each heap and render to PNG
	@rm -rf $(HEAPMAP_TEST_DIR) $(DEMO_DIR) && mkdir -p $(HEAPMAP_TEST_DIR) $(DEMO_DIR)
	$(GCC_DIR)/tests/json_snapshots $(HEAPMAP_TEST_DIR)
	$(DEMO_BIN) $(DEMO_DIR) >/dev/null
	$(draw_demo_maps)
	$(PYTHON) tests/check_heapmap.py $(HEAPMAP_TEST_DIR) $(DEMO_DIR)
	$(RSVG_CONVERT) --format=png -o $(DEMO_DIR)/demo.png $(DEMO_DIR)/demo.svg
	$(PYTHON) tests/check_heapmap.py --png $(DEMO_DIR)/demo.png $(DEMO_DIR)/demo.svg
	@if [ "$$(getconf PAGESIZE)" != 4096 ]; then \
	    echo "test-heapmap: $(HEAPMAP_DOC) not compared (drawn with 4 KiB pages, this machine has $$(getconf PAGESIZE))"; \
	elif cmp -s $(DEMO_DIR)/demo.svg $(HEAPMAP_DOC); then \
	    echo "test-heapmap: $(HEAPMAP_DOC) is the demo's map"; \
	else \
	    echo "test-heapmap: $(HEAPMAP_DOC) differs from $(DEMO_DIR)/demo.svg: run make heapmap-docs"; exit 1; \
	fi

heapmap-docs: $(DEMO_BIN) ## redraw the README's picture (docs/heapmap-demo.svg) from a run of the demo
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	$(DEMO_BIN) $(DEMO_DIR) >/dev/null
	$(draw_demo_maps)
	@mkdir -p $(dir $(HEAPMAP_DOC))
	cp $(DEMO_DIR)/demo.svg $(HEAPMAP_DOC)

CHECK_EXTRA += test-heapmap

# make bench's operation streams, each heap drawn at its peak (bench/bench.c --map).
bench-map: $(GCC_DIR)/bench ## draw each bench stream's tagheap heap at its peak: fragmentation maps in build/bench-map/ (BENCH_OPS)
	@rm -rf $(BENCH_MAP_DIR) && mkdir -p $(BENCH_MAP_DIR)
	$(GCC_DIR)/bench tagheap --map $(BENCH_MAP_DIR) --ops $${BENCH_OPS:-1000000}
	@set -e; for json in $(BENCH_MAP_DIR)/*.json; do \
	    $(HEAPMAP) --title "make bench: the $$(basename $$json .json) stream's heap at its peak" \
	        $$json -o $${json%.json}.svg; \
	done
	@echo "bench-map: $(BENCH_MAP_DIR)/<stream>.svg, one heap map per stream (snapshots beside them)"
