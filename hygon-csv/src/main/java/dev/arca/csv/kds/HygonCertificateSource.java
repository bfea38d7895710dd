package dev.arca.csv.kds;

import dev.arca.csv.CsvVerificationException;

/**
 * Where the certificates the evidence does not carry come from: the HRK, and a chip's HSK and CEK. A source only
 * fetches; {@link dev.arca.csv.CsvReportVerifier} verifies what it gets, so a source needs no trust.
 */
public interface HygonCertificateSource {

    /**
     * The HRK certificate (832 bytes).
     *
     * @throws CsvVerificationException {@link CsvVerificationException.Reason#CERTIFICATES_UNAVAILABLE}
     */
    byte[] hrk() throws CsvVerificationException;

    /**
     * The chip's HSK followed by its CEK (832 + 2084 bytes), as Hygon's KDS serves them.
     *
     * @param chipId the chip id (serial number), letters, digits, '-' and '_'
     * @throws CsvVerificationException {@link CsvVerificationException.Reason#CERTIFICATES_UNAVAILABLE}, marked
     *                                  {@link CsvVerificationException#isUnknownToSource()} when there is nothing for
     *                                  the chip
     */
    byte[] hskCek(String chipId) throws CsvVerificationException;

    /** A source that has nothing: every certificate must come with the evidence. */
    static HygonCertificateSource none() {
        return new HygonCertificateSource() {
            @Override
            public byte[] hrk() throws CsvVerificationException {
                throw CsvVerificationException.unknownToSource("no source for the Hygon HRK is configured");
            }

            @Override
            public byte[] hskCek(String chipId) throws CsvVerificationException {
                throw CsvVerificationException.unknownToSource("no source for the HSK and CEK of chip " + chipId
                        + " is configured, and the evidence does not carry them");
            }
        };
    }
}
