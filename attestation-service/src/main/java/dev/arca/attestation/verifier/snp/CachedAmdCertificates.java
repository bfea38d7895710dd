package dev.arca.attestation.verifier.snp;

import dev.arca.attestation.collateral.CollateralException;
import dev.arca.attestation.collateral.CollateralProvider;
import dev.arca.attestation.collateral.VendorSource;
import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationException.Reason;
import dev.arca.snp.kds.CertificateSource;
import dev.arca.snp.kds.KdsRequest;

/**
 * AMD's place in the AS collateral chain (docs/attestation-service.md "Collateral"): amd-snp's verified certificate
 * cache asks this source when it has not verified a chip's VCEK, a generation's cert_chain or a CRL; this asks the AS's
 * persistent {@link CollateralProvider}, which answers from memory, from the database (a restarted AS or another
 * replica does not ask AMD's rate-limited KDS again) or from amd-snp's {@link dev.arca.snp.kds.KdsClient}
 * ({@link #kds}). The two directions between amd-snp's refusals and the chain's {@link CollateralException} are
 * translated here and nowhere else.
 */
final class CachedAmdCertificates implements CertificateSource {

    private final CollateralProvider<KdsRequest, byte[]> provider;

    CachedAmdCertificates(CollateralProvider<KdsRequest, byte[]> provider) {
        this.provider = provider;
    }

    /** amd-snp's KDS client as the chain's vendor source; nothing is verified here. */
    static VendorSource<KdsRequest, byte[]> kds(CertificateSource kds) {
        return (key, timeout) -> {
            try {
                return kds.fetch(key);
            } catch (SnpVerificationException e) {
                // "nothing for this chip/TCB" is remembered for not-found-ttl: a forged or unknown chip id sent over
                // and over must not become one KDS request per report
                throw new CollateralException(e.isUnknownToSource() ? CollateralException.Reason.NOT_AVAILABLE
                        : CollateralException.Reason.UNAVAILABLE, e.getMessage(), e);
            }
        };
    }

    @Override
    public byte[] fetch(KdsRequest request) throws SnpVerificationException {
        try {
            return provider.get(request).value();
        } catch (CollateralException e) {
            throw new SnpVerificationException(Reason.CERTIFICATES_UNAVAILABLE, "AMD KDS " + request.path() + ": "
                    + e.getMessage(), e);
        }
    }

    /** A background refresh replaced a document since it was handed out (memory only: no request waits). */
    boolean replacedSinceServed() {
        return provider.replacedSinceServed();
    }
}
