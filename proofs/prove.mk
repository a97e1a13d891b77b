# Proof targets (included by the top-level Makefile).  The work is done by
# proofs/prove.sh; what is proved and with which settings is in proofs/config.sh.

.PHONY: prove prove-fresh prove-mutants audit

prove: ## prove the core with Frama-C/WP, replaying the committed cache (table: build/prove/)
	@proofs/prove.sh replay build/prove

prove-fresh: ## prove the core with Frama-C/WP from scratch, ignoring every cache
	@proofs/prove.sh fresh build/prove-fresh

# SAVE=1 also copies the verdicts to proofs/mutants-verdicts.json (commit it for `make audit`).
prove-mutants: ## seed bugs into copies of the core (build/mutants/) and check the proof kills each (SAVE=1: keep verdicts for make audit)
	@python3 proofs/mutants.py $(if $(filter 1,$(SAVE)),--save) build/mutants

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
