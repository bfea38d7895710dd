package dev.arca.attestation.verifier.snp;

import dev.arca.attestation.collateral.RawDocumentCodec;
import dev.arca.attestation.collateral.CollateralException;
import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.cert.Certificates;
import dev.arca.snp.kds.KdsRequest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * AMD KDS documents in the AS collateral chain (docs/attestation-service.md "Collateral"), kind {@code amd-kds}: keyed
 * by their KDS path ({@code vcek.v1.Milan.<hwid>.blSPL=03.teeSPL=00.snpSPL=08.ucodeSPL=115}, {@code
 * vcek.v1.Genoa.cert_chain}, {@code vlek.v1.Turin.crl}), stored as served (DER or PEM). A CRL is due at its
 * nextUpdate; certificates never change, so they are fetched again only after {@link #CERTIFICATE_REFRESH} (or at
 * their notAfter if sooner): the KDS rate-limits, and a VCEK is asked for once per chip and TCB per cluster.
 */
final class KdsDocumentCodec implements RawDocumentCodec<KdsRequest> {

    static final String KIND = "amd-kds";
    static final Duration CERTIFICATE_REFRESH = Duration.ofDays(30);

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String keyText(KdsRequest key) {
        return key.path().substring(1).replace('/', '.').replace('?', '.').replace('&', '.');
    }

    @Override
    public Optional<Instant> nextUpdate(byte[] value, Instant fetchedAt) throws CollateralException {
        try {
            if (looksLikeCrl(value)) {
                X509CRL crl = Certificates.crl(value, "the AMD CRL");
                return Optional.of(crl.getNextUpdate() == null ? fetchedAt.plus(Duration.ofDays(1))
                        : crl.getNextUpdate().toInstant());
            }
            Instant due = fetchedAt.plus(CERTIFICATE_REFRESH);
            for (X509Certificate certificate : Certificates.all(value, "the AMD certificate")) {
                Instant notAfter = certificate.getNotAfter().toInstant();
                due = notAfter.isBefore(due) ? notAfter : due;
            }
            return Optional.of(due.isBefore(fetchedAt) ? fetchedAt.plus(Duration.ofMinutes(1)) : due);
        } catch (SnpVerificationException e) {
            throw new CollateralException(CollateralException.Reason.INVALID, e.getMessage(), e);
        }
    }

    /** A CRL's TBS holds no version-3 certificate fields; try the certificate reading first, as most documents are. */
    private static boolean looksLikeCrl(byte[] value) {
        try {
            Certificates.all(value, "an AMD document");
            return false;
        } catch (SnpVerificationException notCertificates) {
            return true;
        }
    }
}
