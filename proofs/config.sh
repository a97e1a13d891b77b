# What `make prove` proves and with which settings (sourced by proofs/prove.sh).

# The core sources WP reads (relative to the source directory).
CORE_FILES=(core_block.c core_fit.c core_alloc.c core_check.c)

# Provers (Why3 names) and their per-goal timeouts in seconds.  Both provers are
# tried on each goal; a goal is proved when one of them proves it.
WP_PROVERS=z3,cvc4
# The lemma pass uses the same provers with drivers that drop library lemmas which
# loop on our lemma goals (proofs/drivers/README.md; prove.sh registers them).
LEMMA_PROVERS=z3-tagheap,cvc4-tagheap
LEMMA_TIMEOUT=30
FUNCTION_TIMEOUT=10
WP_PAR=2

# Smoke tests: WP tries to prove \false from each function's preconditions and at
# each branch; the test passes when the prover fails within this budget.
SMOKE_PROVER=z3
SMOKE_TIMEOUT=2

# Every function pass: absence of runtime errors, with unsigned overflow and
# downcasts treated as errors too (signed ones are by default).
FUNCTION_FLAGS=(-wp-rte -warn-unsigned-overflow -warn-unsigned-downcast -warn-signed-downcast)

# Functions whose every goal (contract, RTE, loop invariants, assigns, smoke
# tests) `make prove` proves.
PROVED_FUNCTIONS=(
    header_make header_size_words header_is_alloc header_prev_alloc
    block_size block_is_alloc block_prev_alloc
    core_init
    split_free_block mark_allocated split_allocated_block absorb_next_free
    free_alone free_merge_next free_merge_prev free_merge_both
    find_fit aligned_gap find_aligned_fit
    core_words_for free_next_agrees free_prev_agrees core_validate
    core_zero_payload core_usable_bytes
    interior_is_clear report core_check
    place core_malloc core_release place_after_gap core_aligned
    shrink_in_place copy_words copy_payload grow_in_place move_block core_realloc
    core_product_fits
)

# Functions proved with -wp-split (many return paths); empty for now.
SPLIT_FUNCTIONS=()

# Core functions not proved yet: printed by every run and listed in proofs/README.md.
NOT_YET_PROVED=()
