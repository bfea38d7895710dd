package dev.arca.csv.cert;

import dev.arca.csv.CsvVerificationException;
import dev.arca.csv.CsvVerificationException.Reason;
import dev.arca.csv.report.CsvReport;
import dev.arca.model.json.Hex;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * The chain that vouches for a CSV report (Trustee csv verifier {@code verify_report_signature}): the HRK, pinned by
 * the SHA-256 of its 832-byte encoding and signed by itself, signs the HSK; the HSK signs the chip's CEK; the CEK
 * signs the PEK; the PEK signs the report. Each link also requires the certificate to hold the key its place in the
 * chain names (HRK, HSK, CEK, PEK usage), which is what makes the signer's slot usage match. All checks are SM2 with
 * SM3 and the signer's user id.
 */
public final class HygonCertificateChain {

    /**
     * The SHA-256 of the encoding of Hygon's root key certificate (the {@code hrk.cert} that Trustee's csv verifier
     * and csv-rs build in). The certificate itself is Hygon's and is not part of Arca: it comes from the offline
     * folder or Hygon's KDS and must match this fingerprint.
     */
    public static final String HYGON_HRK_SHA256 = "296efa97580464aca0ab5eefe42199ee05862182508d1629f29cf4dc175b10cd";

    private final byte[] pinnedHrk;

    /** @param hrkSha256 the hex SHA-256 of the HRK certificate to trust */
    public HygonCertificateChain(String hrkSha256) {
        String pin = hrkSha256 == null ? "" : hrkSha256.strip().toLowerCase(Locale.ROOT);
        if (!pin.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("the HRK pin must be a hex SHA-256 fingerprint");
        }
        this.pinnedHrk = Hex.parse(pin);
    }

    /** The pinned root's fingerprint. */
    public String pinnedHrkSha256() {
        return Hex.of(pinnedHrk);
    }

    /**
     * @throws CsvVerificationException {@link Reason#ROOT_KEY} when it is not the pinned, self-signed HRK
     */
    public void requireRoot(HygonCaCertificate hrk) throws CsvVerificationException {
        if (!MessageDigest.isEqual(hrk.sha256(), pinnedHrk)) {
            throw new CsvVerificationException(Reason.ROOT_KEY, "the HRK (SHA-256 " + Hex.of(hrk.sha256())
                    + ") is not the pinned Hygon root key (" + Hex.of(pinnedHrk) + ")");
        }
        if (hrk.usage() != KeyUsage.HRK || !hrk.signed(hrk)) {
            throw new CsvVerificationException(Reason.ROOT_KEY, "the HRK does not verify its own signature");
        }
    }

    /**
     * Checks HRK → HSK → CEK → PEK.
     *
     * @throws CsvVerificationException the reason of the first link that does not verify
     */
    public void requireChain(HygonCaCertificate hrk, HygonCaCertificate hsk, CsvCertificate cek, CsvCertificate pek)
            throws CsvVerificationException {
        requireRoot(hrk);
        requireHskCek(hrk, hsk, cek);
        requirePek(cek, pek);
    }

    /**
     * Checks HRK → HSK → CEK, for an HRK already checked with {@link #requireRoot}.
     *
     * @throws CsvVerificationException {@link Reason#HSK_SIGNATURE} or {@link Reason#CEK_SIGNATURE}
     */
    public void requireHskCek(HygonCaCertificate hrk, HygonCaCertificate hsk, CsvCertificate cek)
            throws CsvVerificationException {
        if (hsk.usage() != KeyUsage.HSK) {
            throw new CsvVerificationException(Reason.HSK_SIGNATURE, "the HSK certificate holds a "
                    + KeyUsage.name(hsk.usage()) + " key, not an HSK");
        }
        if (!hrk.signed(hsk)) {
            throw new CsvVerificationException(Reason.HSK_SIGNATURE, "the HSK is not signed by the HRK");
        }
        if (cek.usage() != KeyUsage.CEK || cek.algorithm() != KeyUsage.SM2_SA) {
            throw new CsvVerificationException(Reason.CEK_SIGNATURE, "the CEK certificate holds a "
                    + KeyUsage.name(cek.usage()) + " key, not an SM2 CEK");
        }
        if (!hsk.signed(cek)) {
            throw new CsvVerificationException(Reason.CEK_SIGNATURE, "the CEK is not signed by the HSK");
        }
    }

    /**
     * Checks CEK → PEK, for a CEK already verified under the pinned HRK.
     *
     * @throws CsvVerificationException {@link Reason#PEK_SIGNATURE}
     */
    public void requirePek(CsvCertificate cek, CsvCertificate pek) throws CsvVerificationException {
        if (pek.usage() != KeyUsage.PEK || pek.algorithm() != KeyUsage.SM2_SA) {
            throw new CsvVerificationException(Reason.PEK_SIGNATURE, "the PEK certificate holds a "
                    + KeyUsage.name(pek.usage()) + " key, not an SM2 PEK");
        }
        if (!cek.signed(pek)) {
            throw new CsvVerificationException(Reason.PEK_SIGNATURE, "the PEK is not signed by the CEK");
        }
    }

    /**
     * Checks that the PEK signed the report (csv-rs {@code Verifiable for (&Certificate, &TeeInfo)}): SM2 with the
     * PEK's user id over the report's signed bytes.
     *
     * @throws CsvVerificationException {@link Reason#REPORT_SIGNATURE}
     */
    public static void requireReport(CsvCertificate pek, CsvReport report) throws CsvVerificationException {
        if (report.sigUsage() != KeyUsage.PEK || report.sigAlgo() != KeyUsage.SM2_SA) {
            // unsigned in a version-1 report; a report names the PEK and SM2 (csv-rs TeeInfo), anything else is altered
            throw new CsvVerificationException(Reason.REPORT_SIGNATURE, "the report names signer "
                    + KeyUsage.name((int) report.sigUsage()) + " with algorithm " + report.sigAlgo()
                    + ", not the PEK with SM2");
        }
        if (!report.signature().verifies(pek.key(), pek.userId(), report.signedBytes())) {
            throw new CsvVerificationException(Reason.REPORT_SIGNATURE, "the version-" + report.version()
                    + " report is not signed by the PEK");
        }
    }
}
