/* SPDX-License-Identifier: MIT */
/*
 * Operation-stream harness: an input is a heap geometry followed by a stream of
 * small records (opcode, slot, size or alignment) played against the public API
 * over a table of live slots.  The harness keeps its own model of the heap and
 * checks the library against it after every operation:
 *
 *   - tagheap_check is clean, and the guard bytes around the region are intact;
 *   - every live block carries a content tag, verified in full before free and
 *     realloc and at its edges after every operation (overlapping blocks, or a
 *     tag written into a payload, show up);
 *   - the shadow model: each block is 16-aligned (and as aligned as asked), its
 *     usable size is what tagheap_usable_size says, at least what was asked and
 *     at most one split-remainder more, blocks are disjoint and inside the heap;
 *   - the layout model: with immediate coalescing the free blocks are exactly the
 *     gaps between live blocks, so blocks, free_blocks, free_bytes, largest_free
 *     are predicted exactly; the model also keeps the segregated free lists
 *     (each free block's size class and its place in its class's LIFO list), so
 *     it predicts which free block good fit picks for every malloc, calloc,
 *     realloc and aligned_alloc, and where the split-off remainder, the aligned
 *     gap and every merged block go on the lists; allocated_bytes,
 *     peak_allocated, failed_allocs and extent follow the operations;
 *   - an allocation fails exactly when the model says nothing fits;
 *   - bad operations (stale, interior, misaligned and outside pointers, a heap
 *     handle that is not a heap, overflowing calloc, bad alignment, sizes beyond
 *     the heap) return the documented error and leave the heap byte-identical;
 *   - in the ASan build that poisons the heap (TAGHEAP_ASAN_HEAP), headers and
 *     free payloads are poisoned and live payloads are not;
 *   - at the end everything is freed and the heap is one free block of capacity.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "tagheap.h"

enum {
    SLOTS = 32,
    STALE_POINTERS = 8,
    ARENA_BYTES = 1 << 16,  /* the largest region a run uses */
    MIN_REGION_BYTES = 384, /* enough for the state, the map and a few blocks */
    SMALL_REGION_BYTES = 4096,
    GUARD_BYTES = 64, /* checked on both sides of the region */
    ARENA_ALIGN = 4096,
    GUARD_BYTE = 0xA5,
    MAX_ALIGN_LOG = 16,
    /* alignment bytes from here up ask for the alignment a free payload has */
    HEAD_ALIGNMENT_FROM = 14 * (MAX_ALIGN_LOG + 1)
};

/* Every field of the model; one per run, reset by LLVMFuzzerTestOneInput. */
struct slot {
    unsigned char *p;  /* payload, NULL when the slot is empty */
    size_t requested;  /* bytes asked for */
    size_t usable;     /* tagheap_usable_size at allocation */
    size_t alignment;  /* alignment asked for (16 for plain allocation) */
    unsigned char tag; /* seed of the content pattern */
};

struct gap_summary {
    size_t free_blocks;
    size_t free_bytes;
    size_t largest;
};

/* Where an allocation must land: payload 0 when nothing fits. */
struct placement {
    uintptr_t payload;
    size_t usable;
};

/* A free block of the model: where it is, and when it was last pushed on the
 * list of its class (the lists are LIFO: see "the free lists" below). */
struct free_block {
    uintptr_t header; /* address of its header */
    size_t bytes;     /* its size, header included */
    uint64_t pushed;  /* stamp of its last push: later pushes have larger ones */
};

/* Free blocks are the gaps between live blocks, at most one more than SLOTS;
 * an operation holds at most two more for a moment. */
enum { FREE_MAX = SLOTS + 4 };

static struct model {
    tagheap *h;
    unsigned char *region;
    size_t region_bytes;
    struct layout layout;   /* fuzz_common.h: where init must put everything */
    uintptr_t first_header; /* address of the first block's header */
    uintptr_t end_marker;   /* address of the end marker: blocks tile up to here */
    size_t capacity;
    size_t peak;   /* expected peak_allocated */
    size_t failed; /* expected failed_allocs */
    size_t extent; /* expected extent */
    struct slot slots[SLOTS];
    struct free_block free[FREE_MAX]; /* every free block, on the lists, in no order */
    size_t free_count;
    uint64_t pushes;                      /* pushes so far: the stamp of the last one */
    unsigned char *stale[STALE_POINTERS]; /* recently freed payloads */
    size_t stale_next;
    unsigned char next_tag;
} m;

/* Page-aligned (a load moves it by whole pages): every address in it has the
 * same offset from a 4096-byte boundary in every build and run, so an input
 * can place a payload on one, as seed-aligned-head-beyond-capacity does. */
static unsigned char arena[GUARD_BYTES + PAYLOAD_ALIGN + ARENA_BYTES + GUARD_BYTES]
    __attribute__((aligned(ARENA_ALIGN)));
static unsigned char snapshot[sizeof arena];

/* A second, small heap: its blocks are "outside" for the first and vice versa. */
enum { OTHER_REGION_BYTES = 1024 };
static unsigned char other_region[OTHER_REGION_BYTES] __attribute__((aligned(16)));
static tagheap *other;
static unsigned char *other_block;

/* ---- content tags ---- */

static unsigned char tag_byte(unsigned char tag, size_t k)
{
    return (unsigned char)(tag + (k * 167 >> 3) + (k >> 8));
}

static void tag_fill(const struct slot *s)
{
    for (size_t k = 0; k < s->usable; k++)
        s->p[k] = tag_byte(s->tag, k);
}

static void tag_verify(const struct slot *s, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        FUZZ_REQUIRE(s->p[k] == tag_byte(s->tag, k),
                     "content of a live block changed at byte %zu of %zu (block %p)", k, s->usable,
                     (void *)s->p);
}

/* The cheap per-operation check: the ends of the block, where tags of a
 * neighbour or a misplaced split would land. */
static void tag_verify_edges(const struct slot *s)
{
    size_t edge = s->usable < 16 ? s->usable : 16;
    tag_verify(s, 0, edge);
    tag_verify(s, s->usable - edge, s->usable);
}

/* ---- the model ---- */

/* Live slots in address order (insertion sort: SLOTS is small). */
static size_t live_in_order(struct slot **order)
{
    size_t count = 0;
    for (size_t k = 0; k < SLOTS; k++) {
        if (m.slots[k].p == NULL)
            continue;
        size_t j = count++;
        while (j > 0 && order[j - 1]->p > m.slots[k].p) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = &m.slots[k];
    }
    return count;
}

/* Header address where the gap after `before` (NULL: the heap start) begins. */
static uintptr_t gap_start_after(const struct slot *before)
{
    return before == NULL ? m.first_header : (uintptr_t)before->p + before->usable;
}

static void gap_account(struct gap_summary *g, uintptr_t from, uintptr_t to)
{
    FUZZ_REQUIRE(from <= to, "blocks overlap: a block ends at %#zx after the next starts at %#zx",
                 (size_t)from, (size_t)to);
    size_t bytes = (size_t)(to - from);
    if (bytes == 0)
        return;
    FUZZ_REQUIRE(bytes >= MIN_BLOCK_BYTES && bytes % PAYLOAD_ALIGN == 0,
                 "a free gap of %zu bytes cannot be a block", bytes);
    g->free_blocks++;
    g->free_bytes += bytes - HEADER_BYTES;
    if (bytes - HEADER_BYTES > g->largest)
        g->largest = bytes - HEADER_BYTES;
}

/* The free blocks the model predicts: the gaps between live blocks. */
static struct gap_summary gaps(void)
{
    struct slot *order[SLOTS];
    size_t live = live_in_order(order);
    struct gap_summary g = {0, 0, 0};
    uintptr_t at = m.first_header;
    for (size_t k = 0; k < live; k++) {
        gap_account(&g, at, (uintptr_t)order[k]->p - HEADER_BYTES);
        at = gap_start_after(order[k]);
    }
    gap_account(&g, at, m.end_marker);
    return g;
}

/* ---- the free lists: where the next allocation lands ----
 *
 * Placement is good fit over segregated free lists (src/core_fit.c says why):
 * every free block sits on the list of its size class (fuzz_common.h,
 * size_class), and each list is LIFO: a block is pushed at its head whenever
 * it becomes free (freed, split off, or merged into a larger free block) and
 * taken out from wherever it is when it is allocated or merged.  So within a
 * class the list runs from the block pushed last to the block pushed first,
 * and the model needs no links: each free block carries the stamp of its last
 * push, and the head of a class is its free block with the latest stamp.
 * Every operation below is restated from the policy, in the order the library
 * documents its pushes, never from the library's own functions. */

/* The head of class k's list: its free block pushed last, or NULL. */
static const struct free_block *head_of_class(size_t k)
{
    const struct free_block *head = NULL;
    for (size_t j = 0; j < m.free_count; j++)
        if (size_class(m.free[j].bytes / WORD_BYTES) == k &&
            (head == NULL || m.free[j].pushed > head->pushed))
            head = &m.free[j];
    return head;
}

/* The head of the first non-empty class from k up, or NULL. */
static const struct free_block *first_listed_from(size_t k)
{
    const struct free_block *head = NULL;
    size_t head_class = 0;
    for (size_t j = 0; j < m.free_count; j++) {
        size_t c = size_class(m.free[j].bytes / WORD_BYTES);
        if (c < k)
            continue;
        if (head == NULL || c < head_class ||
            (c == head_class && m.free[j].pushed > head->pushed)) {
            head = &m.free[j];
            head_class = c;
        }
    }
    return head;
}

/* The free block whose header is at `header`, or NULL. */
static const struct free_block *free_at(uintptr_t header)
{
    for (size_t j = 0; j < m.free_count; j++)
        if (m.free[j].header == header)
            return &m.free[j];
    return NULL;
}

/* The free block that ends where `header` starts, or NULL. */
static const struct free_block *free_ending_at(uintptr_t header)
{
    for (size_t j = 0; j < m.free_count; j++)
        if (m.free[j].header + m.free[j].bytes == header)
            return &m.free[j];
    return NULL;
}

/* A block becomes free: pushed at the head of its class's list. */
static void list_push_block(uintptr_t header, size_t bytes)
{
    FUZZ_REQUIRE(m.free_count < FREE_MAX, "the model holds more than %d free blocks", FREE_MAX);
    m.free[m.free_count++] = (struct free_block){header, bytes, ++m.pushes};
}

/* Free block `header` leaves its list (allocated, or merged into another). */
static struct free_block list_take(uintptr_t header)
{
    for (size_t j = 0; j < m.free_count; j++) {
        if (m.free[j].header != header)
            continue;
        struct free_block f = m.free[j];
        m.free[j] = m.free[--m.free_count];
        return f;
    }
    FUZZ_REQUIRE(0, "the model takes a free block at %#zx it does not hold", (size_t)header);
    return (struct free_block){0, 0, 0};
}

/* free of the allocated block [header, header + bytes): it merges with a free
 * block before it and one after it (both taken out of their lists), and the
 * result, at the lower address, is pushed on its class's list. */
static void model_release(uintptr_t header, size_t bytes)
{
    const struct free_block *prev = free_ending_at(header);
    const struct free_block *next = free_at(header + bytes);
    uintptr_t at = header;
    size_t size = bytes;
    uintptr_t next_header = next != NULL ? next->header : 0;
    if (prev != NULL) {
        struct free_block p = list_take(prev->header);
        at = p.header;
        size += p.bytes;
    }
    if (next_header != 0)
        size += list_take(next_header).bytes;
    list_push_block(at, size);
}

/* The free block f (already out of its list) allocated for `block` bytes: a
 * remainder that can be a block is split off the back and pushed. */
static struct placement model_place(struct free_block f, size_t block)
{
    if (f.bytes - block >= MIN_BLOCK_BYTES) {
        list_push_block(f.header + block, f.bytes - block);
        return (struct placement){f.header + HEADER_BYTES, block - HEADER_BYTES};
    }
    return (struct placement){f.header + HEADER_BYTES, f.bytes - HEADER_BYTES};
}

/* Good fit for a block of `block` bytes: the head of its own class if that
 * head is large enough (a block freed is found again by the same request),
 * else the head of the first non-empty class whose every block holds it;
 * NULL if none is, or the block is larger than the heap. */
static const struct free_block *good_fit(size_t block)
{
    if (block > m.capacity + HEADER_BYTES)
        return NULL;
    size_t words = block / WORD_BYTES;
    const struct free_block *own = head_of_class(size_class(words));
    if (own != NULL && own->bytes >= block)
        return own;
    return first_listed_from(request_class(words));
}

/* malloc(n) on the model: where the block lands (payload 0: nothing fits), the
 * lists updated as the library updates them.  Only a success changes the model. */
static struct placement predict_malloc(size_t n)
{
    struct placement none = {0, 0};
    if (n > m.capacity)
        return none;
    size_t block = block_bytes_for(n);
    const struct free_block *fit = good_fit(block);
    if (fit == NULL)
        return none;
    return model_place(list_take(fit->header), block);
}

/* aligned_alloc(alignment, n) on the model (16 or less: malloc).  The head of
 * the request's own class serves if it holds the block after its aligned gap
 * (fuzz_common.h, aligned_gap_bytes); else the head of the first non-empty
 * class whose every block holds the block after the largest gap there can be
 * (alignment + a minimum block).  A non-zero gap becomes a block of its own:
 * the block is placed behind it first (its remainder pushed), then the gap is
 * freed (its neighbours are allocated: the block before the free block it was
 * cut from, and the new block), so the gap is pushed last. */
static struct placement predict_aligned(size_t n, size_t alignment)
{
    struct placement none = {0, 0};
    if (alignment <= PAYLOAD_ALIGN)
        return predict_malloc(n);
    if (n > m.capacity)
        return none;
    size_t block = block_bytes_for(n);
    const struct free_block *own = head_of_class(size_class(block / WORD_BYTES));
    const struct free_block *fit = NULL;
    if (own != NULL && block + aligned_gap_bytes(own->header, alignment) <= own->bytes) {
        fit = own;
    } else {
        size_t most = block + alignment + MIN_BLOCK_BYTES;
        if (most > m.capacity + HEADER_BYTES)
            return none;
        fit = first_listed_from(request_class(most / WORD_BYTES));
    }
    if (fit == NULL)
        return none;
    struct free_block f = list_take(fit->header);
    size_t gap = aligned_gap_bytes(f.header, alignment);
    FUZZ_REQUIRE(block + gap <= f.bytes, "the model picked a free block too small for the gap");
    if (gap == 0)
        return model_place(f, block);
    struct placement p = model_place((struct free_block){f.header + gap, f.bytes - gap, 0}, block);
    model_release(f.header, gap);
    return p;
}

/* Where realloc(s->p, n) leaves the block (payload 0: nothing fits, nothing
 * changes).  In place when it shrinks: a tail that can be a block is freed
 * (merging with a free successor).  In place when the free block after it
 * makes up the rest: that block leaves its list and is absorbed, and a tail
 * that can be a block is freed (its successor is allocated, so it is pushed
 * alone).  Else it moves where malloc(n) puts it while s is still live, and
 * then s is freed (merging with its free neighbours, the new block's split-off
 * remainder among them). */
static struct placement predict_realloc(const struct slot *s, size_t n)
{
    struct placement none = {0, 0};
    if (n > m.capacity)
        return none;
    size_t block = block_bytes_for(n);
    uintptr_t header = (uintptr_t)s->p - HEADER_BYTES;
    size_t own = s->usable + HEADER_BYTES;
    const struct free_block *next = free_at(header + own);
    size_t room = own;
    if (block > own && next != NULL && own + next->bytes >= block)
        room += list_take(next->header).bytes;
    if (block <= room) {
        if (room - block < MIN_BLOCK_BYTES)
            return (struct placement){header + HEADER_BYTES, room - HEADER_BYTES};
        model_release(header + block, room - block);
        return (struct placement){header + HEADER_BYTES, block - HEADER_BYTES};
    }
    struct placement moved = predict_malloc(n);
    if (moved.payload != 0)
        model_release(header, own);
    return moved;
}

/* The model's free blocks are exactly the gaps between live blocks: what the
 * lists hold agrees with where the library put every block. */
static void check_free_lists(void)
{
    struct slot *order[SLOTS];
    size_t live = live_in_order(order);
    size_t gaps_seen = 0;
    uintptr_t at = m.first_header;
    for (size_t k = 0; k <= live; k++) {
        uintptr_t to = k < live ? (uintptr_t)order[k]->p - HEADER_BYTES : m.end_marker;
        if (to > at) {
            const struct free_block *f = free_at(at);
            FUZZ_REQUIRE(f != NULL && f->bytes == (size_t)(to - at),
                         "the free gap at %#zx (%zu bytes) is not on the model's lists (%zu)",
                         (size_t)at, (size_t)(to - at), f != NULL ? f->bytes : 0);
            gaps_seen++;
        }
        if (k < live)
            at = gap_start_after(order[k]);
    }
    FUZZ_REQUIRE(gaps_seen == m.free_count, "%zu free gaps, the model's lists hold %zu", gaps_seen,
                 m.free_count);
}

static size_t allocated_sum(void)
{
    size_t sum = 0;
    for (size_t k = 0; k < SLOTS; k++)
        sum += m.slots[k].p != NULL ? m.slots[k].usable : 0;
    return sum;
}

static int is_live_payload(uintptr_t q)
{
    for (size_t k = 0; k < SLOTS; k++)
        if ((uintptr_t)m.slots[k].p == q)
            return 1;
    return 0;
}

static int is_gap_start(uintptr_t header)
{
    struct slot *order[SLOTS];
    size_t live = live_in_order(order);
    if (header == m.first_header)
        return live == 0 || (uintptr_t)order[0]->p - HEADER_BYTES != header;
    for (size_t k = 0; k < live; k++) {
        uintptr_t end = gap_start_after(order[k]);
        uintptr_t next = k + 1 < live ? (uintptr_t)order[k + 1]->p - HEADER_BYTES : m.end_marker;
        if (end == header)
            return end != next;
    }
    return 0;
}

/* The code tagheap_free documents for q, which is not a live payload. */
static int expected_free_error(uintptr_t q)
{
    if (q < m.first_header + HEADER_BYTES || q >= m.end_marker)
        return TAGHEAP_EOUTSIDE;
    if (q % PAYLOAD_ALIGN != 0)
        return TAGHEAP_EMISALIGNED;
    return is_gap_start(q - HEADER_BYTES) ? TAGHEAP_EFREED : TAGHEAP_ENOTBLOCK;
}

/* ---- oracles run after every operation ---- */

static void check_guards(void)
{
    size_t before = raw_first_not(m.region - GUARD_BYTES, GUARD_BYTES, GUARD_BYTE);
    size_t after = raw_first_not(m.region + m.region_bytes, GUARD_BYTES, GUARD_BYTE);
    FUZZ_REQUIRE(before == GUARD_BYTES, "byte %zu before the region was written",
                 GUARD_BYTES - before);
    FUZZ_REQUIRE(after == GUARD_BYTES, "byte %zu after the region was written", after);
}

static void check_block(const struct slot *s)
{
    uintptr_t p = (uintptr_t)s->p;
    FUZZ_REQUIRE(p % PAYLOAD_ALIGN == 0 && p % s->alignment == 0, "block %p is not %zu-aligned",
                 (void *)s->p, s->alignment);
    FUZZ_REQUIRE(p - HEADER_BYTES >= m.first_header && p + s->usable <= m.end_marker,
                 "block %p (%zu bytes) is not inside the heap", (void *)s->p, s->usable);
    FUZZ_REQUIRE(tagheap_usable_size(m.h, s->p) == s->usable,
                 "usable size of %p changed from %zu to %zu", (void *)s->p, s->usable,
                 tagheap_usable_size(m.h, s->p));
    tag_verify_edges(s);
    if (FUZZ_POISON_CHECKS)
        FUZZ_REQUIRE(!any_poisoned(s->p, s->usable), "live payload %p is poisoned", (void *)s->p);
}

/* Every 8-byte granule of [from, to) is poisoned.  ASan poisons granules whole
 * or leaves a prefix addressable, so a granule whose first byte is poisoned
 * is poisoned throughout. */
static void require_poisoned(uintptr_t from, uintptr_t to, const char *what)
{
    for (uintptr_t at = from; at < to; at += WORD_BYTES)
        FUZZ_REQUIRE(is_poisoned((const void *)at),
                     "%s: byte %#zx of the block area is not poisoned", what,
                     (size_t)(at - m.layout.words));
}

/* In the poisoning build: everything of the block area but the live payloads
 * is poisoned — the padding word, every header, every free block whole, the
 * end marker. */
static void check_poisoning(void)
{
    if (!FUZZ_POISON_CHECKS)
        return;
    struct slot *order[SLOTS];
    size_t live = live_in_order(order);
    uintptr_t at = m.layout.words;
    for (size_t k = 0; k < live; k++) {
        require_poisoned(at, (uintptr_t)order[k]->p, "before a live payload");
        at = (uintptr_t)order[k]->p + order[k]->usable;
    }
    require_poisoned(at, m.layout.words + m.layout.n * WORD_BYTES, "after the last live payload");
}

static void check_stats(void)
{
    tagheap_stats st;
    errno = ERRNO_UNTOUCHED;
    tagheap_get_stats(m.h, &st);
    require_errno(ERRNO_UNTOUCHED, "get_stats of a live heap");
    struct gap_summary g = gaps();
    size_t live = 0;
    for (size_t k = 0; k < SLOTS; k++)
        live += m.slots[k].p != NULL;
    FUZZ_REQUIRE(st.capacity == m.capacity, "capacity %zu, expected %zu", st.capacity, m.capacity);
    FUZZ_REQUIRE(st.allocated_bytes == allocated_sum(), "allocated_bytes %zu, model %zu",
                 st.allocated_bytes, allocated_sum());
    FUZZ_REQUIRE(st.blocks == live + g.free_blocks && st.free_blocks == g.free_blocks,
                 "%zu blocks (%zu free), model %zu live and %zu free", st.blocks, st.free_blocks,
                 live, g.free_blocks);
    FUZZ_REQUIRE(st.free_bytes == g.free_bytes && st.largest_free == g.largest,
                 "free_bytes %zu largest %zu, model %zu and %zu", st.free_bytes, st.largest_free,
                 g.free_bytes, g.largest);
    FUZZ_REQUIRE(st.allocated_bytes + st.free_bytes + HEADER_BYTES * st.blocks ==
                     m.capacity + HEADER_BYTES,
                 "blocks do not add up to the heap");
    FUZZ_REQUIRE(st.peak_allocated == m.peak, "peak_allocated %zu, model %zu", st.peak_allocated,
                 m.peak);
    FUZZ_REQUIRE(st.failed_allocs == m.failed, "failed_allocs %zu, model %zu", st.failed_allocs,
                 m.failed);
    FUZZ_REQUIRE(st.extent == m.extent && st.extent <= m.region_bytes,
                 "extent %zu, model %zu (region %zu)", st.extent, m.extent, m.region_bytes);
}

/* The report of a healthy heap: code 0, offset 0, the documented sentence. */
static void check_report(void)
{
    tagheap_report report;
    memset(&report, 0xEE, sizeof report);
    errno = ERRNO_UNTOUCHED;
    int code = tagheap_check(m.h, &report);
    require_errno(ERRNO_UNTOUCHED, "check of a live heap");
    FUZZ_REQUIRE(code == TAGHEAP_OK && report.code == TAGHEAP_OK && report.offset == 0 &&
                     strcmp(report.message, "heap is well-formed") == 0,
                 "check of a healthy heap: code %d, report %d at %zu: %.160s", code, report.code,
                 report.offset, report.message);
}

static void check_everything(void)
{
    check_report();
    check_guards();
    for (size_t k = 0; k < SLOTS; k++)
        if (m.slots[k].p != NULL)
            check_block(&m.slots[k]);
    check_poisoning();
    check_free_lists();
    check_stats();
}

/* ---- recording results in the model ---- */

static void note_handed_out(struct slot *s)
{
    size_t allocated = allocated_sum();
    if (allocated > m.peak)
        m.peak = allocated;
    size_t end = extent_reaching(&m.layout, (uintptr_t)m.region, (uintptr_t)s->p + s->usable);
    if (end > m.extent)
        m.extent = end;
}

static void note_stale(unsigned char *p)
{
    m.stale[m.stale_next] = p;
    m.stale_next = (m.stale_next + 1) % STALE_POINTERS;
}

/* A fresh block p for n bytes at `alignment` lands in slot s, where the model
 * said, with the usable size it said. */
static void adopt(struct slot *s, unsigned char *p, size_t n, size_t alignment,
                  struct placement want)
{
    s->p = p;
    s->requested = n;
    s->alignment = alignment;
    errno = ERRNO_UNTOUCHED;
    s->usable = tagheap_usable_size(m.h, p);
    require_errno(ERRNO_UNTOUCHED, "usable_size of a live block");
    FUZZ_REQUIRE((uintptr_t)p == want.payload && s->usable == want.usable,
                 "%zu bytes at alignment %zu: the model places %zu usable at %p, the library "
                 "gave %zu at %p",
                 n, alignment, want.usable, (void *)want.payload, s->usable, (void *)p);
    s->tag = m.next_tag++;
    note_handed_out(s);
}

/* ---- bad operations: documented error, heap byte-identical ---- */

static void snapshot_take(void)
{
    raw_copy(snapshot, m.region, m.region_bytes);
}

static void snapshot_require_same(const char *what)
{
    size_t at = raw_first_difference(m.region, snapshot, m.region_bytes);
    FUZZ_REQUIRE(at == m.region_bytes, "%s changed the heap at region byte %zu", what, at);
}

/* The block area only: failed allocations are counted in the state, not here. */
static void snapshot_require_same_blocks(const char *what)
{
    size_t from = (size_t)(m.first_header - HEADER_BYTES - (uintptr_t)m.region);
    size_t bytes = (size_t)(m.end_marker + HEADER_BYTES - m.first_header + HEADER_BYTES);
    size_t at = raw_first_difference(m.region + from, snapshot + from, bytes);
    FUZZ_REQUIRE(at == bytes, "%s changed the blocks at region byte %zu", what, from + at);
}

/* Play a pointer that is not a live block against free, realloc and usable_size. */
static void bad_pointer(uintptr_t q, uint8_t how)
{
    if (q == 0 || is_live_payload(q))
        return;
    void *p = (void *)q;
    int expected = expected_free_error(q);
    snapshot_take();
    errno = ERRNO_UNTOUCHED;
    switch (how % 3) {
    case 0: {
        int code = tagheap_free(m.h, p);
        FUZZ_REQUIRE(code == expected, "free(%p) returned %d (%s), expected %d (%s)", p, code,
                     tagheap_strerror(code), expected, tagheap_strerror(expected));
        require_errno(ERRNO_UNTOUCHED, "a refused free (the code is the answer)");
        break;
    }
    case 1:
        FUZZ_REQUIRE(tagheap_realloc(m.h, p, how) == NULL,
                     "realloc of a bad pointer %p (error %d) succeeded", p, expected);
        require_errno(EINVAL, "realloc of a bad pointer");
        break;
    default:
        FUZZ_REQUIRE(tagheap_usable_size(m.h, p) == 0, "usable_size of bad pointer %p", p);
        require_errno(ERRNO_UNTOUCHED, "usable_size of a bad pointer");
        break;
    }
    snapshot_require_same("a rejected bad pointer");
}

static int no_visit(const tagheap_block *block, void *context)
{
    (void)block;
    (void)context;
    FUZZ_REQUIRE(0, "walk visited a block of a dead heap");
    return 0;
}

static void no_lock(void *context)
{
    (void)context;
}

/* Every function given a handle that is no live heap (NULL, a payload, a
 * destroyed tagheap_init heap): its documented answer, errno EINVAL each time,
 * the report and dump of a dead heap word for word. */
static void require_dead(tagheap *dead, void *p)
{
    errno = ERRNO_UNTOUCHED;
    FUZZ_REQUIRE(tagheap_malloc(dead, 1) == NULL, "malloc on no heap");
    require_errno(EINVAL, "malloc on no heap");
    errno = ERRNO_UNTOUCHED;
    FUZZ_REQUIRE(tagheap_calloc(dead, 1, 1) == NULL, "calloc on no heap");
    require_errno(EINVAL, "calloc on no heap");
    errno = ERRNO_UNTOUCHED;
    FUZZ_REQUIRE(tagheap_realloc(dead, NULL, 1) == NULL, "realloc on no heap");
    require_errno(EINVAL, "realloc on no heap");
    errno = ERRNO_UNTOUCHED;
    FUZZ_REQUIRE(tagheap_aligned_alloc(dead, 64, 1) == NULL, "aligned_alloc on no heap");
    require_errno(EINVAL, "aligned_alloc on no heap");
    errno = ERRNO_UNTOUCHED;
    FUZZ_REQUIRE(tagheap_free(dead, p) == TAGHEAP_EBADHEAP, "free on no heap");
    require_errno(EINVAL, "free on no heap");
    errno = ERRNO_UNTOUCHED;
    FUZZ_REQUIRE(tagheap_usable_size(dead, p) == 0, "usable_size on no heap");
    require_errno(EINVAL, "usable_size on no heap");
    errno = ERRNO_UNTOUCHED;
    FUZZ_REQUIRE(tagheap_walk(dead, no_visit, NULL) == TAGHEAP_EBADHEAP, "walk on no heap");
    require_errno(EINVAL, "walk on no heap");
    errno = ERRNO_UNTOUCHED;
    FUZZ_REQUIRE(tagheap_set_lock(dead, no_lock, no_lock, NULL) == TAGHEAP_EBADHEAP,
                 "set_lock on no heap");
    require_errno(EINVAL, "set_lock on no heap");

    tagheap_report report;
    memset(&report, 0xEE, sizeof report);
    errno = ERRNO_UNTOUCHED;
    int code = tagheap_check(dead, &report);
    require_errno(EINVAL, "check on no heap");
    FUZZ_REQUIRE(code == TAGHEAP_EBADHEAP && report.code == code && report.offset == 0 &&
                     strcmp(report.message, documented_strerror(TAGHEAP_EBADHEAP)) == 0,
                 "check of no heap: %d, report %d at %zu: %.160s", code, report.code, report.offset,
                 report.message);
    errno = ERRNO_UNTOUCHED;
    FUZZ_REQUIRE(tagheap_check(dead, NULL) == TAGHEAP_EBADHEAP, "check on no heap");
    require_errno(EINVAL, "check on no heap, no report");

    tagheap_stats st;
    memset(&st, 0xEE, sizeof st);
    errno = ERRNO_UNTOUCHED;
    tagheap_get_stats(dead, &st);
    require_errno(EINVAL, "stats of no heap");
    static const tagheap_stats zero;
    FUZZ_REQUIRE(memcmp(&st, &zero, sizeof st) == 0, "stats of no heap are not all zero");

    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    FUZZ_REQUIRE(out != NULL, "open_memstream failed");
    errno = ERRNO_UNTOUCHED;
    code = tagheap_dump(dead, out);
    require_errno(EINVAL, "dump of no heap");
    fclose(out);
    char want[64];
    snprintf(want, sizeof want, "tagheap %p: not a live heap\n", (void *)dead);
    FUZZ_REQUIRE(code == TAGHEAP_EBADHEAP && strcmp(text, want) == 0, "dump of no heap: %d, %s",
                 code, text);
    free(text);
}

/* Every function on a handle that is not a live heap, with the heap unchanged. */
static void bad_heap(struct input *in)
{
    tagheap *not_heap = NULL;
    struct slot *s = &m.slots[take_u8(in) % SLOTS];
    if (s->p != NULL && s->usable >= sizeof(uint64_t))
        not_heap = (tagheap *)(void *)s->p; /* tagged payload: no magic there */
    snapshot_take();
    require_dead(not_heap, s->p);
    snapshot_require_same("an operation on a handle that is no heap");
}

/* A request the heap cannot meet: NULL, ENOMEM, counted, blocks unchanged. */
static void require_enomem(void *p, const char *what)
{
    FUZZ_REQUIRE(p == NULL && errno == ENOMEM, "%s returned %p, errno %d", what, p, errno);
    m.failed++;
    snapshot_require_same_blocks(what);
}

static void bad_request(struct input *in)
{
    uint8_t which = take_u8(in);
    size_t small = (size_t)take_u8(in) + 2; /* >= 2: SIZE_MAX / small + 1 must not wrap */
    snapshot_take();
    errno = ERRNO_UNTOUCHED;
    switch (which % 6) {
    case 0: /* count * size overflows */
        require_enomem(tagheap_calloc(m.h, SIZE_MAX / small + 1, small), "overflowing calloc");
        break;
    case 1:
        require_enomem(tagheap_calloc(m.h, small, SIZE_MAX / small + 1), "overflowing calloc");
        break;
    case 2: { /* not a power of two: EINVAL, not even counted */
        static const size_t bad_alignments[] = {
            0, 3, 24, 48, 1000, SIZE_MAX, ((size_t)1 << 63) + 16};
        size_t alignment = bad_alignments[small % (sizeof bad_alignments / sizeof(size_t))];
        FUZZ_REQUIRE(tagheap_aligned_alloc(m.h, alignment, small) == NULL && errno == EINVAL,
                     "aligned_alloc with alignment %zu did not fail with EINVAL", alignment);
        snapshot_require_same("a bad alignment");
        break;
    }
    case 3: require_enomem(tagheap_malloc(m.h, SIZE_MAX - small), "malloc near SIZE_MAX"); break;
    case 4: /* an alignment larger than the heap */
        require_enomem(tagheap_aligned_alloc(m.h, (size_t)1 << 40, small),
                       "aligned_alloc beyond the heap");
        break;
    default: {
        struct slot *s = &m.slots[small % SLOTS];
        if (s->p == NULL)
            break;
        require_enomem(tagheap_realloc(m.h, s->p, SIZE_MAX - small), "realloc near SIZE_MAX");
        tag_verify(s, 0, s->usable);
        break;
    }
    }
}

/* A pointer the API must reject, derived from the model and the input. */
static uintptr_t bad_pointer_candidate(struct input *in)
{
    uint8_t kind = take_u8(in);
    uint8_t delta = take_u8(in);
    struct slot *s = &m.slots[delta % SLOTS];
    uintptr_t live = s->p != NULL ? (uintptr_t)s->p : m.first_header + HEADER_BYTES;
    switch (kind % 8) {
    case 0: /* a stale pointer: freed, maybe merged, maybe reallocated */
        return (uintptr_t)m.stale[delta % STALE_POINTERS];
    case 1: /* interior pointer, 16-aligned */
        return live + PAYLOAD_ALIGN * (uintptr_t)(1 + delta % 8);
    case 2: /* misaligned */ return live + 1 + delta % 15;
    case 3: /* just before the first payload */
        return m.first_header + HEADER_BYTES - PAYLOAD_ALIGN * (uintptr_t)(1 + delta % 4);
    case 4: /* at or past the end marker */ return m.end_marker + (uintptr_t)(delta % 64);
    case 5: /* outside the region altogether, or a block of the other heap */
        if (delta % 3 == 2)
            return (uintptr_t)other_block;
        return (uintptr_t)(delta % 2 ? arena : arena + sizeof arena - GUARD_BYTES);
    case 6: /* the region's first bytes: the heap state */
        return (uintptr_t)m.region + PAYLOAD_ALIGN * (uintptr_t)(delta % 8);
    default: /* a header: 8 bytes before a payload */ return live - HEADER_BYTES;
    }
}

/* ---- good operations ---- */

/* A request size: tiny to larger than the heap, biased towards edges. */
static size_t take_size(struct input *in)
{
    uint8_t kind = take_u8(in);
    uint16_t v = take_u16(in);
    size_t largest = gaps().largest;
    switch (kind % 8) {
    case 0: return v % 33;
    case 1: return v % 512;
    case 2: return v % 4096;
    case 3: return v;
    case 4: return m.capacity - 64 + v % 128; /* around the whole heap */
    case 5: {                                 /* around what fits right now */
        size_t near = largest + v % 64;
        return near >= 32 ? near - 32 : near;
    }
    case 6: /* around a block-size boundary */
        return (size_t)PAYLOAD_ALIGN * (v % 64) + (size_t)(v >> 8) % 17;
    default: return (size_t)1 << (v % 64);
    }
}

static void release(struct slot *s)
{
    tag_verify(s, 0, s->usable);
    model_release((uintptr_t)s->p - HEADER_BYTES, s->usable + HEADER_BYTES);
    errno = ERRNO_UNTOUCHED;
    int code = tagheap_free(m.h, s->p);
    FUZZ_REQUIRE(code == TAGHEAP_OK, "free(%p) of a live block returned %d (%s)", (void *)s->p,
                 code, tagheap_strerror(code));
    require_errno(ERRNO_UNTOUCHED, "a successful free");
    note_stale(s->p);
    s->p = NULL;
}

/* Allocation through malloc/calloc/aligned_alloc/realloc(NULL): the model's
 * placement `want` (payload 0: nothing fits) is the answer; a snapshot was
 * taken before the call.  errno is ENOMEM on failure, untouched on success. */
static void allocated(struct slot *s, void *p, size_t n, size_t alignment, struct placement want)
{
    if (p == NULL) {
        FUZZ_REQUIRE(want.payload == 0,
                     "%zu bytes at alignment %zu failed; the model places "
                     "them at %p",
                     n, alignment, (void *)want.payload);
        require_errno(ENOMEM, "a failed allocation");
        m.failed++;
        snapshot_require_same_blocks("a failed allocation");
        return;
    }
    require_errno(ERRNO_UNTOUCHED, "a successful allocation");
    adopt(s, p, n, alignment, want);
}

static void op_malloc(struct slot *s, size_t n)
{
    struct placement want = predict_malloc(n);
    snapshot_take();
    errno = ERRNO_UNTOUCHED;
    void *p = tagheap_malloc(m.h, n);
    allocated(s, p, n, PAYLOAD_ALIGN, want);
    if (p != NULL)
        tag_fill(s);
}

static void op_calloc(struct slot *s, size_t count, size_t each)
{
    size_t n = count * each;
    struct placement want = predict_malloc(n);
    snapshot_take();
    errno = ERRNO_UNTOUCHED;
    unsigned char *p = tagheap_calloc(m.h, count, each);
    allocated(s, p, n, PAYLOAD_ALIGN, want);
    if (p == NULL)
        return;
    for (size_t k = 0; k < s->usable; k++)
        FUZZ_REQUIRE(p[k] == 0, "calloc byte %zu of %zu is not zero", k, s->usable);
    tag_fill(s);
}

/* Any power of two: 16 or less is malloc; above, a free block that holds the
 * block after its aligned gap (predict_aligned). */
static void op_aligned(struct slot *s, size_t alignment, size_t n)
{
    struct placement want = predict_aligned(n, alignment);
    snapshot_take();
    errno = ERRNO_UNTOUCHED;
    void *p = tagheap_aligned_alloc(m.h, alignment, n);
    allocated(s, p, n, alignment < PAYLOAD_ALIGN ? PAYLOAD_ALIGN : alignment, want);
    if (p != NULL)
        tag_fill(s);
}

static void op_realloc(struct slot *s, size_t n)
{
    if (s->p == NULL) { /* realloc(NULL, n) is malloc */
        struct placement want = predict_malloc(n);
        snapshot_take();
        errno = ERRNO_UNTOUCHED;
        void *p = tagheap_realloc(m.h, NULL, n);
        allocated(s, p, n, PAYLOAD_ALIGN, want);
        if (p != NULL)
            tag_fill(s);
        return;
    }
    tag_verify(s, 0, s->usable);
    struct placement want = predict_realloc(s, n);
    struct slot old = *s;
    snapshot_take();
    errno = ERRNO_UNTOUCHED;
    unsigned char *p = tagheap_realloc(m.h, s->p, n);
    if (p == NULL) {
        FUZZ_REQUIRE(want.payload == 0, "realloc(%zu) failed; the model places it at %p", n,
                     (void *)want.payload);
        require_errno(ENOMEM, "a failed realloc");
        m.failed++;
        snapshot_require_same_blocks("a failed realloc");
        tag_verify(s, 0, s->usable);
        return;
    }
    require_errno(ERRNO_UNTOUCHED, "a successful realloc");
    if (p != old.p)
        note_stale(old.p);
    s->p = p;
    size_t usable = tagheap_usable_size(m.h, p);
    size_t kept = old.usable < usable ? old.usable : usable;
    s->usable = usable;
    tag_verify(s, 0, kept);
    adopt(s, p, n, PAYLOAD_ALIGN, want);
    s->tag = old.tag; /* the kept prefix still carries the old pattern */
    tag_fill(s);
}

static void op_usable(const struct slot *s)
{
    errno = ERRNO_UNTOUCHED;
    if (s->p != NULL)
        FUZZ_REQUIRE(tagheap_usable_size(m.h, s->p) == s->usable, "usable size changed");
    FUZZ_REQUIRE(tagheap_usable_size(m.h, NULL) == 0, "usable_size(NULL) is not 0");
    FUZZ_REQUIRE(tagheap_free(m.h, NULL) == TAGHEAP_OK, "free(NULL) is not 0");
    tagheap_get_stats(m.h, NULL); /* ignored */
    require_errno(ERRNO_UNTOUCHED, "usable_size, free(NULL), get_stats(NULL) on a live heap");
}

/* The dump the model expects, every field: the heap line, the overhead, one
 * line per block in address order (live blocks and the free gaps between
 * them), the end marker (README, "The dump"). */
static void expected_dump(FILE *out)
{
    const struct layout *l = &m.layout;
    fprintf(out, "tagheap %p: %zu words at %p, capacity %zu bytes\n", (void *)l->state, l->n,
            (void *)l->words, l->capacity);
    size_t skip = (size_t)(l->state - (uintptr_t)m.region);
    size_t pad = (size_t)(l->words - l->map) - l->map_bytes;
    fprintf(out,
            "overhead: %zu alignment + %d state + %zu free-list heads + %zu start map + %zu "
            "padding = %zu bytes before the block area\n",
            skip, STATE_BYTES, lists_bytes(l->classes), l->map_bytes, pad, l->overhead);
    fprintf(out, "  %-10s %10s  %-9s  %-10s  %s\n", "offset", "bytes", "status", "previous",
            "payload");
    struct slot *order[SLOTS];
    size_t live = live_in_order(order);
    uintptr_t at = m.first_header;
    const char *previous = "none";
    for (size_t k = 0; k <= live; k++) {
        uintptr_t to = k < live ? (uintptr_t)order[k]->p - HEADER_BYTES : m.end_marker;
        char offset[32];
        if (to > at) {
            snprintf(offset, sizeof offset, "0x%08zx", (size_t)(at - l->words));
            fprintf(out, "  %-10s %10zu  %-9s  %-10s  %p\n", offset, (size_t)(to - at), "free",
                    previous, (void *)(at + HEADER_BYTES));
            previous = "free";
        }
        if (k == live)
            break;
        snprintf(offset, sizeof offset, "0x%08zx", (size_t)(to - l->words));
        fprintf(out, "  %-10s %10zu  %-9s  %-10s  %p\n", offset, order[k]->usable + HEADER_BYTES,
                "allocated", previous, (void *)order[k]->p);
        previous = "allocated";
        at = gap_start_after(order[k]);
    }
    char offset[32];
    snprintf(offset, sizeof offset, "0x%08zx", (size_t)(m.end_marker - l->words));
    fprintf(out, "  %-10s %10d  end marker\n", offset, 0);
}

/* Text written to a memory stream by `write` (free() it). */
static char *text_of(int (*write)(FILE *), int *status)
{
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    FUZZ_REQUIRE(out != NULL, "open_memstream failed");
    *status = write(out);
    fclose(out);
    return text;
}

static int write_dump(FILE *out)
{
    return tagheap_dump(m.h, out);
}

static int write_expected_dump(FILE *out)
{
    expected_dump(out);
    return 0;
}

static void op_dump(void)
{
    int status;
    errno = ERRNO_UNTOUCHED;
    char *text = text_of(write_dump, &status);
    require_errno(ERRNO_UNTOUCHED, "dump of a live heap");
    FUZZ_REQUIRE(status == TAGHEAP_OK, "dump of a healthy heap returned %d", status);
    char *want = text_of(write_expected_dump, &status);
    size_t at = 0;
    while (text[at] != '\0' && text[at] == want[at])
        at++;
    FUZZ_REQUIRE(text[at] == want[at],
                 "the dump differs from the model at byte %zu:\n%s\n"
                 "model:\n%s",
                 at, text, want);
    free(text);
    free(want);
    errno = ERRNO_UNTOUCHED;
    FUZZ_REQUIRE(tagheap_dump(m.h, NULL) == TAGHEAP_EARG, "dump to NULL is not EARG");
    require_errno(EINVAL, "dump to NULL");
}

/* The alignment input byte `a` asks for n bytes: mostly 1 to 2^16; from
 * HEAD_ALIGNMENT_FROM up, the largest power of two that divides the payload
 * of the head of n's own class (if there is one), which may be larger than
 * the whole heap: good fit must take that head as it is, with no gap, and the
 * shell must not refuse an alignment above the capacity beforehand.  Drawn
 * from the model, like the sizes of take_size, so the fuzzer need not hit a
 * payload address that a page-aligned load moves from build to build. */
static size_t alignment_for(uint8_t a, size_t n)
{
    size_t plain = (size_t)1 << (a % (MAX_ALIGN_LOG + 1));
    if (a < HEAD_ALIGNMENT_FROM || n > m.capacity)
        return plain;
    const struct free_block *head = head_of_class(size_class(block_bytes_for(n) / WORD_BYTES));
    if (head == NULL)
        return plain;
    uintptr_t payload = head->header + HEADER_BYTES;
    return (size_t)(payload & (~payload + 1)); /* its lowest set bit */
}

static void play(struct input *in)
{
    uint8_t op = take_u8(in);
    struct slot *s = &m.slots[take_u8(in) % SLOTS];
    switch (op % 16) {
    case 0:
    case 1:
        if (s->p != NULL)
            release(s);
        op_malloc(s, take_size(in));
        break;
    case 2:
    case 3:
        if (s->p != NULL)
            release(s);
        break;
    case 4: {
        if (s->p != NULL)
            release(s);
        size_t count = take_u8(in) % 64;
        op_calloc(s, count, take_size(in) % 1024);
        break;
    }
    case 5:
    case 6: op_realloc(s, take_size(in)); break;
    case 7: {
        if (s->p != NULL)
            release(s);
        uint8_t a = take_u8(in);
        size_t n = take_size(in);
        op_aligned(s, alignment_for(a, n), n);
        break;
    }
    case 8: op_usable(s); break;
    case 9: op_dump(); break;
    case 10:
    case 11: {
        uintptr_t q = bad_pointer_candidate(in);
        bad_pointer(q, take_u8(in));
        break;
    }
    case 12: bad_request(in); break;
    case 13: bad_heap(in); break;
    case 14: /* malloc(0) is a unique minimum block; realloc(p, 0) shrinks p */
        if (s->p == NULL)
            op_malloc(s, 0);
        else
            op_realloc(s, 0);
        break;
    default: /* free everything */
        for (size_t k = 0; k < SLOTS; k++)
            if (m.slots[k].p != NULL)
                release(&m.slots[k]);
        break;
    }
}

/* Lay out the region the input asks for and learn where the blocks start. */
static int heap_open(struct input *in)
{
    uint8_t geometry = take_u8(in);
    uint16_t length = take_u16(in);
    /* mostly small heaps: every check walks the whole heap */
    size_t span = geometry & 0x80 ? ARENA_BYTES - MIN_REGION_BYTES + 1 : SMALL_REGION_BYTES;
    size_t bytes = MIN_REGION_BYTES + length % span;
    size_t offset = geometry % PAYLOAD_ALIGN;
    memset(&m, 0, sizeof m);
    memset(arena, GUARD_BYTE, sizeof arena);
    m.region = arena + GUARD_BYTES + offset;
    m.region_bytes = bytes;
    memset(m.region, 0, bytes);
    guard_close(arena, (size_t)(m.region - arena));
    guard_close(m.region + bytes, sizeof arena - (size_t)(m.region - arena) - bytes);
    /* where everything must go, from the documented layout alone */
    m.layout = layout_of((uintptr_t)m.region, bytes);
    FUZZ_REQUIRE(m.layout.ok, "the model refuses a %zu-byte region", bytes);
    m.capacity = m.layout.capacity;
    m.first_header = m.layout.first_header;
    m.end_marker = m.layout.end_marker;
    errno = ERRNO_UNTOUCHED;
    m.h = tagheap_init(m.region, bytes);
    require_errno(ERRNO_UNTOUCHED, "a successful tagheap_init");
    FUZZ_REQUIRE((uintptr_t)m.h == m.layout.state, "tagheap_init(%p, %zu) gave %p, the model %p",
                 (void *)m.region, bytes, (void *)m.h, (void *)m.layout.state);
    /* a new heap is one free block, alone on the list of its class */
    list_push_block(m.first_header, m.capacity + HEADER_BYTES);
    /* malloc(0) on an empty heap is the first block, a minimum one */
    struct placement want = predict_malloc(0);
    FUZZ_REQUIRE(want.payload == m.first_header + HEADER_BYTES &&
                     want.usable == MIN_BLOCK_BYTES - HEADER_BYTES,
                 "the model puts malloc(0) on an empty heap at %p", (void *)want.payload);
    unsigned char *first = tagheap_malloc(m.h, 0);
    FUZZ_REQUIRE((uintptr_t)first == want.payload && tagheap_usable_size(m.h, first) == want.usable,
                 "malloc(0) on an empty heap gave %p, the model %p", (void *)first,
                 (void *)want.payload);
    model_release((uintptr_t)first - HEADER_BYTES, want.usable + HEADER_BYTES);
    FUZZ_REQUIRE(tagheap_free(m.h, first) == TAGHEAP_OK, "free of the first block failed");
    m.peak = MIN_BLOCK_BYTES - HEADER_BYTES;
    m.extent = extent_reaching(&m.layout, (uintptr_t)m.region, m.first_header + MIN_BLOCK_BYTES);
    m.failed = 0;
    for (int code = -20; code <= 2; code++)
        FUZZ_REQUIRE(strcmp(tagheap_strerror(code), documented_strerror(code)) == 0,
                     "tagheap_strerror(%d) is \"%s\", documented \"%s\"", code,
                     tagheap_strerror(code), documented_strerror(code));
    other = tagheap_init(other_region, sizeof other_region);
    other_block = tagheap_malloc(other, 40);
    FUZZ_REQUIRE(other_block != NULL, "the second heap cannot allocate");
    check_everything();
    return 1;
}

/* The second heap never saw the first heap's pointers: still one block. */
static void other_close(void)
{
    for (size_t k = 0; k < SLOTS; k++)
        if (m.slots[k].p != NULL)
            FUZZ_REQUIRE(tagheap_free(other, m.slots[k].p) == TAGHEAP_EOUTSIDE &&
                             tagheap_usable_size(other, m.slots[k].p) == 0,
                         "the second heap took a block of the first");
    tagheap_stats st;
    tagheap_get_stats(other, &st);
    FUZZ_REQUIRE(st.blocks == 2 && tagheap_usable_size(other, other_block) == 40 &&
                     tagheap_check(other, NULL) == TAGHEAP_OK,
                 "the second heap changed");
    FUZZ_REQUIRE(tagheap_free(other, other_block) == TAGHEAP_OK, "second heap: free failed");
    tagheap_destroy(other);
}

static void heap_close(void)
{
    other_close();
    for (size_t k = 0; k < SLOTS; k++)
        if (m.slots[k].p != NULL)
            release(&m.slots[k]);
    check_everything();
    tagheap_stats st;
    tagheap_get_stats(m.h, &st);
    FUZZ_REQUIRE(st.blocks == 1 && st.free_blocks == 1 && st.largest_free == m.capacity &&
                     st.allocated_bytes == 0,
                 "after freeing everything: %zu blocks, largest free %zu of %zu", st.blocks,
                 st.largest_free, m.capacity);
    tagheap_destroy(m.h);
    require_dead(m.h, NULL);
    errno = ERRNO_UNTOUCHED;
    tagheap_destroy(m.h); /* a second destroy, and destroy(NULL), are ignored */
    tagheap_destroy(NULL);
    require_errno(ERRNO_UNTOUCHED, "destroy");
    FUZZ_REQUIRE(!any_poisoned(m.region, m.region_bytes),
                 "the region is still poisoned after tagheap_destroy");
    guard_open(arena, sizeof arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct input in = {data, size, 0};
    heap_open(&in);
    while (input_left(&in)) {
        play(&in);
        check_everything();
    }
    heap_close();
    return 0;
}
