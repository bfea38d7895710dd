package dev.arca.snp.cert;

import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationException.Reason;
import dev.arca.snp.report.SigningKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Verifies the SEV-SNP certificate hierarchy (AMD pub. 57230): VCEK → ASK → ARK and VLEK → ASVK → ARK, each
 * signature RSASSA-PSS SHA-384 ({@link RsaPss}), the ARK pinned per generation ({@link AmdRootKeys}), issuer names and
 * CA flags matching, the endorsement key of the chain's kind and generation. Validity periods are checked separately
 * at each verification instant ({@link #requireValidAt}), so verified chains can be cached.
 */
public final class ChainVerifier {

    private final AmdRootKeys roots;

    public ChainVerifier(AmdRootKeys roots) {
        this.roots = roots;
    }

    public AmdRootKeys roots() {
        return roots;
    }

    /**
     * @param intermediate the ASK (kind VCEK) or ASVK (kind VLEK)
     * @throws SnpVerificationException CHAIN when any link does not hold
     */
    public VerifiedCaChain verifyCa(ProcessorGeneration generation, SigningKey kind, X509Certificate intermediate,
            X509Certificate ark) throws SnpVerificationException {
        roots.requireTrusted(ark, generation);
        String expected = CaCertificates.intermediateName(generation, kind);
        String name = kind == SigningKey.VCEK ? "ASK" : "ASVK";
        if (!Certificates.commonName(intermediate).filter(expected::equals).isPresent()) {
            throw new SnpVerificationException(Reason.CHAIN, "the " + name + " is '"
                    + Certificates.commonName(intermediate).orElse("?") + "', expected " + expected);
        }
        if (!intermediate.getIssuerX500Principal().equals(ark.getSubjectX500Principal())) {
            throw new SnpVerificationException(Reason.CHAIN, "the " + name + " is not issued by the ARK-" + generation);
        }
        if (intermediate.getBasicConstraints() < 0) {
            throw new SnpVerificationException(Reason.CHAIN, "the " + name + " is not a CA certificate");
        }
        RsaPss.requireSignedBy(intermediate, ark, "the " + name + " signature by the ARK-" + generation);
        return new VerifiedCaChain(generation, kind, intermediate, ark);
    }

    /**
     * @throws SnpVerificationException CHAIN when the VCEK/VLEK is not of the chain's kind and generation, not issued
     *                                  by its ASK/ASVK, or its signature does not verify
     */
    public void verifyEndorsement(VerifiedCaChain ca, EndorsementKey key) throws SnpVerificationException {
        if (key.kind() != ca.kind()) {
            throw new SnpVerificationException(Reason.CHAIN, "a " + key.kind() + " cannot chain to the "
                    + ca.intermediateName() + " (a " + ca.kind() + " chain)");
        }
        if (key.generation() != ca.generation()) {
            throw new SnpVerificationException(Reason.CHAIN, "the " + key.kind() + " is for " + key.productName()
                    + ", not " + ca.generation());
        }
        if (!key.certificate().getIssuerX500Principal().equals(ca.intermediate().getSubjectX500Principal())) {
            throw new SnpVerificationException(Reason.CHAIN, "the " + key.kind() + " is not issued by the "
                    + ca.intermediateName() + " " + CaCertificates.intermediateName(ca.generation(), ca.kind()));
        }
        RsaPss.requireSignedBy(key.certificate(), ca.intermediate(), "the " + key.kind() + " signature by the "
                + ca.intermediateName());
    }

    /**
     * @throws SnpVerificationException EXPIRED when the ARK, the ASK/ASVK or the VCEK/VLEK is not valid at {@code at}
     */
    public static void requireValidAt(Instant at, VerifiedCaChain ca, EndorsementKey key)
            throws SnpVerificationException {
        requireValidAt(at, ca.ark(), "the ARK-" + ca.generation());
        requireValidAt(at, ca.intermediate(), "the " + ca.intermediateName());
        requireValidAt(at, key.certificate(), "the " + key.kind());
    }

    private static void requireValidAt(Instant at, X509Certificate certificate, String what)
            throws SnpVerificationException {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (at.isBefore(notBefore)) {
            throw new SnpVerificationException(Reason.EXPIRED, what + " is not valid before " + notBefore
                    + " (verification instant " + at + ")");
        }
        if (at.isAfter(notAfter)) {
            throw new SnpVerificationException(Reason.EXPIRED, what + " expired at " + notAfter
                    + " (verification instant " + at + ")");
        }
    }
}
