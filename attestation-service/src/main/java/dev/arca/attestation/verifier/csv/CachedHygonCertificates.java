package dev.arca.attestation.verifier.csv;

import dev.arca.attestation.collateral.CollateralException;
import dev.arca.attestation.collateral.CollateralProvider;
import dev.arca.attestation.collateral.VendorSource;
import dev.arca.csv.CsvVerificationException;
import dev.arca.csv.CsvVerificationException.Reason;
import dev.arca.csv.kds.HygonCertificateSource;

/**
 * Hygon's place in the AS collateral chain: hygon-csv asks this source for the HRK and a chip's HSK and CEK; this asks
 * the AS's persistent {@link CollateralProvider}, which answers from memory, from the database (a restarted AS or
 * another replica does not ask Hygon again) or from hygon-csv's KDS client ({@link #kds}). The two directions between
 * hygon-csv's refusals and the chain's {@link CollateralException} are translated here and nowhere else.
 */
final class CachedHygonCertificates implements HygonCertificateSource {

    private final CollateralProvider<HygonDocument, byte[]> provider;

    CachedHygonCertificates(CollateralProvider<HygonDocument, byte[]> provider) {
        this.provider = provider;
    }

    /** hygon-csv's KDS client as the chain's vendor source; nothing is verified here. */
    static VendorSource<HygonDocument, byte[]> kds(HygonCertificateSource kds) {
        return (key, timeout) -> {
            try {
                return key.chipId() == null ? kds.hrk() : kds.hskCek(key.chipId());
            } catch (CsvVerificationException e) {
                // "nothing for this chip" is remembered for not-found-ttl: an unknown chip id sent over and over must
                // not become one KDS request per report
                throw new CollateralException(e.isUnknownToSource() ? CollateralException.Reason.NOT_AVAILABLE
                        : CollateralException.Reason.UNAVAILABLE, e.getMessage(), e);
            }
        };
    }

    @Override
    public byte[] hrk() throws CsvVerificationException {
        return get(HygonDocument.HRK);
    }

    @Override
    public byte[] hskCek(String chipId) throws CsvVerificationException {
        return get(HygonDocument.hskCek(chipId));
    }

    private byte[] get(HygonDocument document) throws CsvVerificationException {
        try {
            return provider.get(document).value();
        } catch (CollateralException e) {
            throw new CsvVerificationException(Reason.CERTIFICATES_UNAVAILABLE, "Hygon KDS " + document.keyText()
                    + ": " + e.getMessage(), e);
        }
    }
}
