package dev.arca.snp.kds;

import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationException.Reason;
import java.util.List;

/**
 * Where AMD certificates and CRLs come from: AMD's KDS ({@link KdsClient}), an offline directory
 * ({@link OfflineCertificateDirectory}), or a persistent cache in front of them (the attestation service's collateral
 * chain). Sources only fetch; verification and in-memory caching are {@link VerifiedCertificateCache}'s job.
 */
@FunctionalInterface
public interface CertificateSource {

    /**
     * @return the document as the KDS serves it (DER for a VCEK and a CRL, PEM for a cert_chain)
     * @throws SnpVerificationException CERTIFICATES_UNAVAILABLE when the source has nothing for the request or
     *                                  cannot be reached
     */
    byte[] fetch(KdsRequest request) throws SnpVerificationException;

    /** A source with nothing: every request is unavailable (a deployment that relies on the evidence's table). */
    static CertificateSource none() {
        return request -> {
            throw new SnpVerificationException(Reason.CERTIFICATES_UNAVAILABLE, "no AMD certificate source is"
                    + " configured for " + request.path());
        };
    }

    /**
     * Asks each source in order and returns the first answer; when all are unavailable, the refusal names each
     * source's reason.
     */
    static CertificateSource firstOf(List<CertificateSource> sources) {
        List<CertificateSource> copy = List.copyOf(sources);
        return request -> {
            StringBuilder reasons = new StringBuilder();
            for (CertificateSource source : copy) {
                try {
                    return source.fetch(request);
                } catch (SnpVerificationException e) {
                    if (e.reason() != Reason.CERTIFICATES_UNAVAILABLE) {
                        throw e;
                    }
                    reasons.append(reasons.isEmpty() ? "" : "; ").append(e.getMessage());
                }
            }
            throw new SnpVerificationException(Reason.CERTIFICATES_UNAVAILABLE, reasons.isEmpty()
                    ? "no AMD certificate source is configured for " + request.path() : reasons.toString());
        };
    }
}
