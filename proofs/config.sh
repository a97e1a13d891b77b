# What `make prove` proves and with which settings (sourced by proofs/prove.sh).

# The core sources WP reads (relative to the source directory).
CORE_FILES=(core_block.c core_fit.c core_alloc.c core_check.c core_class.c core_list.c core_check_lists.c)

# Provers (Why3 names) and their per-goal timeouts in seconds.  A goal Qed does not
# close goes to CVC4 and Z3 (in turn, or racing: see below) until one proves it.
# CVC4 first: it proves about 90% of the goals Qed leaves, and a replay looks the
# goal up for each prover in turn (hashing the goal's text for each, most of a
# replay's work after Qed), so the prover that usually succeeds goes first.  The
# cache holds CVC4's answer for every function goal (filled on 2026-12-06 by a
# replay with this order); measured CPU of a replay: 265-271 s, 358 s with Z3 first.
WP_PROVERS=cvc4,z3
# The lemma pass uses the same provers with drivers that drop library lemmas which
# loop on our lemma goals (proofs/drivers/README.md; prove.sh registers them).
# CVC4 first: a replay answers the lemmas from the cache one prover at a time, and
# CVC4 proved more of them (prove.sh, run_pass).
LEMMA_PROVERS=cvc4-tagheap,z3-tagheap
LEMMA_TIMEOUT=30
# The replay timeout stays at the 10 s the cache was written with: a cached failure
# (Z3's, on the goals CVC4 proves) is reused only at the timeout it was recorded
# with, so a longer one sends every such goal back to Z3 (measured: a replay went
# from under 3 minutes to over 20).  Goals that need more than 5 s of CVC4 on a
# loaded core (a few of the two-sided frames of malloc and free) are cached as
# proved; from scratch they get FRESH_TIMEOUT, and prove-mutants re-checks every
# failure at 60 s.
FUNCTION_TIMEOUT=10
# Prover slots of the lemma pass and of a one-function run (PROVE_ONLY): Z3 and CVC4
# race on each goal.
WP_PAR=2
# The function pass runs as this many Frama-C processes side by side, each with one
# prover slot, in a cached replay and from scratch (prove.sh says why;
# proofs/replay-seconds balances them).  From scratch the provers are tried in the
# order FRESH_PROVERS; a replay in WP_PROVERS' order, the one the cache holds
# answers for, so that it finds the cached answer it asks for first.
REPLAY_GROUPS=4
FRESH_GROUPS=2
FRESH_PROVERS=cvc4,z3
# From scratch the two function processes share the cores, so a goal gets more
# wall-clock time than in the runs that wrote the cache (FUNCTION_TIMEOUT, one
# process per core): some goals need 8-9 s of CVC4 on an idle core.
FRESH_TIMEOUT=30

# Smoke tests: WP tries to prove \false from each function's preconditions and at
# each branch; the test passes when the prover fails within this budget.
SMOKE_PROVER=z3
SMOKE_TIMEOUT=2

# Every function pass: absence of runtime errors, with unsigned overflow and
# downcasts treated as errors too (signed ones are by default).
FUNCTION_FLAGS=(-wp-rte -warn-unsigned-overflow -warn-unsigned-downcast -warn-signed-downcast)
# Qed's pruning of trivial branches is turned off (-wp-no-pruning) for every
# function but these: it cost more than half of a replay's time (measured, Qed
# alone: core_check 61 s with it, 26 s without; core_release 30 s and 15 s), and
# without it the SMT provers close the one or two goals per function it closed,
# well under a second each.  In these three, a goal it simplifies is out of the
# provers' reach without it (30 s each, Z3 and CVC4): aligned_gap's `multiple`,
# core_realloc's `grows_in_place`, core_aligned's `result_allocated`.
PRUNED_FUNCTIONS=(aligned_gap core_realloc core_aligned)

# Functions whose every goal (contract, RTE, loop invariants, assigns, smoke
# tests) `make prove` proves.
PROVED_FUNCTIONS=(
    header_make header_size_words header_is_alloc header_prev_alloc
    block_size block_is_alloc block_prev_alloc
    core_clear_map core_init
    split_free_block mark_allocated split_allocated_block absorb_next_free
    free_alone free_merge_next free_merge_prev free_merge_both
    first_listed head_holds find_fit aligned_gap find_aligned_fit
    core_words_for header_decodes free_next_agrees free_prev_agrees core_validate
    core_zero_payload core_usable_bytes
    interior_is_clear report core_check
    place take_block core_malloc release_tags core_release place_after_gap core_aligned
    shrink_in_place copy_words copy_payload grow_in_place move_block core_realloc
    core_product_fits
    level_of subclass_in_level class_of_size request_class
    links_outside_of listed_class_headed free_classes_headed push_writes list_push unlink_writes list_unlink link_free unlink_free
    is_link_target links_sane core_classes_for core_init_lists
    names_free_block free_block_class block_links_check core_check_lists
    note_group_used first_in_group group_has_head update_group
)

# Of PROVED_FUNCTIONS, these are proved with -wp-split, in a process of their own:
# core_check's many return paths (one per error code) made each postcondition one
# large disjunction that Qed simplified for most of a replay's time (measured, Qed
# alone: its ensures 33.7 s whole, 8.3 s split).  core_validate is not split: split,
# 12 of its `ok_next` cases fail at 10 s that prove whole.
SPLIT_FUNCTIONS=(core_check)

# Core functions not proved yet: printed by every run and listed in proofs/README.md.
NOT_YET_PROVED=()
