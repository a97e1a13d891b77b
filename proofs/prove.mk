# Proof targets (included by the top-level Makefile).  The work is done by
# proofs/prove.sh; what is proved and with which settings is in proofs/config.sh.

.PHONY: prove prove-fresh prove-mutants audit

prove: ## prove the core with Frama-C/WP, replaying the committed cache (table: build/prove/)
	@proofs/prove.sh replay build/prove

prove-fresh: ## prove the core with Frama-C/WP from scratch, ignoring every cache
	@proofs/prove.sh fresh build/prove-fresh

# SAVE=1 also records each verdict in proofs/mutants-verdicts.json as it is known (commit it
# for `make audit`); STALE=1 runs only the mutants with no kill recorded on today's core.
prove-mutants: ## seed bugs into copies of the core (build/mutants/) and check the proof kills each (SAVE=1: record verdicts for make audit; STALE=1: only those not killed on today's core)
	@python3 proofs/mutants.py $(if $(filter 1,$(SAVE)),--save) $(if $(filter 1,$(STALE)),--stale) build/mutants $(MUTANTS)

audit: ## auditor's report from the sources and the last `make prove` (build/audit/AUDIT.md, .html)
	@python3 proofs/audit.py
	@python3 proofs/test_audit.py

# `make audit` reads the last proof run and never starts one.  When the same
# invocation also proves (`make check`, `make prove audit`), it must wait for
# the proof, under -j too.
ifneq ($(filter prove check,$(MAKECMDGOALS)),)
audit: prove
endif

CHECK_EXTRA += prove audit
