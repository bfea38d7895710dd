package dev.arca.snp.cert;

import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationException.Reason;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Optional;

/**
 * An AMD certificate revocation list (KDS {@code /vcek/v1/{product}/crl}, {@code /vlek/v1/{product}/crl}), signed by
 * the ARK with RSASSA-PSS and listing revoked ASKs/ASVKs, verified against the chain it is checked with.
 */
public final class AmdCrl {

    private final X509CRL crl;

    private AmdCrl(X509CRL crl) {
        this.crl = crl;
    }

    /**
     * @throws SnpVerificationException MALFORMED when unreadable, CHAIN when not issued and signed by the chain's ARK
     */
    public static AmdCrl verify(byte[] encoded, VerifiedCaChain chain) throws SnpVerificationException {
        X509CRL crl = Certificates.crl(encoded, "the AMD CRL for " + chain.generation());
        if (!crl.getIssuerX500Principal().equals(chain.ark().getSubjectX500Principal())) {
            throw new SnpVerificationException(Reason.CHAIN, "the AMD CRL is not issued by the ARK-"
                    + chain.generation());
        }
        RsaPss.requireSignedBy(crl, chain.ark(), "the AMD CRL signature by the ARK-" + chain.generation());
        return new AmdCrl(crl);
    }

    /** True when the CRL is the one of the chain's ARK (its issuer is the ARK's subject). */
    public boolean issuedBy(VerifiedCaChain chain) {
        return crl.getIssuerX500Principal().equals(chain.ark().getSubjectX500Principal());
    }

    /** When the CRL should be replaced (its nextUpdate), if it says. */
    public Optional<Instant> nextUpdate() {
        return Optional.ofNullable(crl.getNextUpdate()).map(java.util.Date::toInstant);
    }

    public Instant thisUpdate() {
        return crl.getThisUpdate().toInstant();
    }

    /**
     * @throws SnpVerificationException REVOKED when the chain's ASK/ASVK is listed
     */
    public void requireNotRevoked(VerifiedCaChain chain) throws SnpVerificationException {
        if (crl.isRevoked(chain.intermediate())) {
            throw new SnpVerificationException(Reason.REVOKED, "the " + chain.intermediateName() + " "
                    + CaCertificates.intermediateName(chain.generation(), chain.kind()) + " (serial "
                    + chain.intermediate().getSerialNumber().toString(16) + ") is revoked by AMD's CRL of "
                    + thisUpdate());
        }
    }
}
