/*
 * tagheap — proof aids: lemmas and helper predicates that exist only to help
 * the provers.  Nothing here is a promise; every lemma below is itself proved
 * by `make prove` (a lemma that failed would still be used as a fact, so the
 * proof run fails unless all of them are proved).
 */
#ifndef TAGHEAP_SPEC_PROOF_AIDS_H
#define TAGHEAP_SPEC_PROOF_AIDS_H

/*@
  // Decoding a header built by hdr_make gives back its size and bits.
  lemma hdr_roundtrip:
    \forall integer s, p, a; 0 <= s && s % 2 == 0 && 0 <= p <= 1 && 0 <= a <= 1 ==>
      hdr_size(hdr_make(s, p, a)) == s && hdr_prev(hdr_make(s, p, a)) == p &&
      hdr_alloc(hdr_make(s, p, a)) == a;

*/

#endif
