package dev.arca.snp.cert;

/**
 * A VCEK/VLEK whose signature by the ASK/ASVK of {@code chain} verified, and that chain (to a pinned ARK). Validity
 * periods and revocation are checked at each verification instant.
 */
public record VerifiedEndorsement(EndorsementKey key, VerifiedCaChain chain) {
}
