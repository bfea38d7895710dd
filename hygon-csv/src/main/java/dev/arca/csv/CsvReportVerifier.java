package dev.arca.csv;

import dev.arca.csv.CsvVerificationException.Reason;
import dev.arca.csv.cert.CsvCertificate;
import dev.arca.csv.cert.HygonCaCertificate;
import dev.arca.csv.cert.HygonCertificateChain;
import dev.arca.csv.kds.HygonCertificateSource;
import dev.arca.csv.report.CsvReport;
import dev.arca.model.json.Hex;
import dev.arca.tpm.TpmVerificationException;
import dev.arca.tpm.eventlog.TcgAlgorithm;
import dev.arca.tpm.eventlog.TcgEventLog;
import dev.arca.tpm.eventlog.TcgEventLogParser;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Verifies Hygon CSV evidence as Trustee's csv verifier does, in pure Java:
 * <ol>
 *   <li>the report is read (version 1 or 2, by the wrapper's magic and flags);</li>
 *   <li>the HSK and CEK come from the evidence, else from the {@link HygonCertificateSource} by chip id; the HRK from
 *       the source, pinned by its SHA-256;</li>
 *   <li>HRK (self-signed) → HSK → CEK → PEK → report, each an SM2/SM3 signature with the signer's user id;</li>
 *   <li>the report data equals the expected report data, zero-padded or truncated to 64 bytes, when there is one;
 *       a version-1 report must have one: its fields are masked with an anonce that is not signed, so only the
 *       report-data binding fixes the mask and with it the unmasked fields (upstream accepts it without);</li>
 *   <li>version 2 with a CC event log: the log, replayed with SM3, gives the report's rtmr1–4.</li>
 * </ol>
 * A verified HRK, verified CEKs and verified PEKs (by the SHA-256 of the certificates that vouch for them, up to 4,096
 * each) are remembered, so a guest's report costs one SM2 verification once its PEK is known; a new PEK of a known
 * chip costs two. Any unexpected error refuses the evidence ({@link Reason#UNEXPECTED}). Thread-safe.
 */
public final class CsvReportVerifier {

    private static final int HSK_CEK_SIZE = HygonCaCertificate.SIZE + CsvCertificate.SIZE;
    private static final int MAX_REMEMBERED = 4096;

    private final HygonCertificateChain chain;
    private final HygonCertificateSource source;
    private final AtomicReference<HygonCaCertificate> verifiedHrk = new AtomicReference<>();
    /** Verified CEKs by the SHA-256 of HSK ‖ CEK. */
    private final Map<String, CsvCertificate> verifiedCeks = new ConcurrentHashMap<>();
    /** Verified PEKs by the SHA-256 of HSK ‖ CEK ‖ PEK: a guest's PEK is the same in each of its reports. */
    private final Map<String, CsvCertificate> verifiedPeks = new ConcurrentHashMap<>();

    public CsvReportVerifier(HygonCertificateChain chain, HygonCertificateSource source) {
        this.chain = chain;
        this.source = source;
    }

    /**
     * @param expectedReportData the bytes the report must bind, when the caller gave runtime data
     * @throws CsvVerificationException why the evidence is refused
     */
    public VerifiedCsvReport verify(CsvEvidence evidence, Optional<byte[]> expectedReportData)
            throws CsvVerificationException {
        try {
            return verifyChecked(evidence, expectedReportData);
        } catch (RuntimeException e) {
            throw new CsvVerificationException(Reason.UNEXPECTED, "CSV verification failed unexpectedly", e);
        }
    }

    private VerifiedCsvReport verifyChecked(CsvEvidence evidence, Optional<byte[]> expectedReportData)
            throws CsvVerificationException {
        CsvReport report = CsvReport.parse(evidence.magic(), evidence.flags(), evidence.report());
        CsvCertificate pek = verifiedPek(evidence);
        HygonCertificateChain.requireReport(pek, report);
        if (report.version() == 1 && expectedReportData.isEmpty()) {
            // the PSP signs the masked fields but not anonce, the mask: only the expected report data pins it, and
            // with it the unmasked measurement and policy
            throw new CsvVerificationException(Reason.REPORT_DATA_MISMATCH, "a version-1 CSV report needs runtime "
                    + "data: its anonce (the mask of its fields) is not signed, only the report data binds it");
        }
        if (expectedReportData.isPresent()
                && !MessageDigest.isEqual(Arrays.copyOf(expectedReportData.get(), CsvReport.REPORT_DATA_SIZE),
                        report.reportData())) {
            throw new CsvVerificationException(Reason.REPORT_DATA_MISMATCH,
                    "the report data does not match the expected report data");
        }
        Optional<TcgEventLog> log = Optional.empty();
        if (report.version() == 2 && evidence.ccEventLog() != null) {
            log = Optional.of(replay(evidence.ccEventLog(), report));
        }
        return new VerifiedCsvReport(report, evidence.chipId(), log);
    }

    /** The evidence's PEK, verified under the chip's CEK (once per HSK, CEK and PEK). */
    private CsvCertificate verifiedPek(CsvEvidence evidence) throws CsvVerificationException {
        byte[] hskCek = evidence.hskCek() != null ? evidence.hskCek() : source.hskCek(evidence.chipId());
        String key = Hex.of(sha256(hskCek, evidence.pek()));
        CsvCertificate known = verifiedPeks.get(key);
        if (known != null) {
            return known;
        }
        CsvCertificate pek = CsvCertificate.parse(evidence.pek(), "the PEK");
        chain.requirePek(verifiedCek(evidence, hskCek), pek);
        remember(verifiedPeks, key, pek);
        return pek;
    }

    /** The chip's CEK, verified under the pinned HRK (once per HSK and CEK). */
    private CsvCertificate verifiedCek(CsvEvidence evidence, byte[] hskCek) throws CsvVerificationException {
        boolean carried = evidence.hskCek() != null;
        String key = Hex.of(sha256(hskCek));
        CsvCertificate known = verifiedCeks.get(key);
        if (known != null) {
            return known;
        }
        HygonCaCertificate hsk;
        CsvCertificate cek;
        try {
            if (hskCek.length != HSK_CEK_SIZE) {
                throw CsvVerificationException.format("the HSK and CEK must be " + HSK_CEK_SIZE + " bytes, not "
                        + hskCek.length);
            }
            hsk = HygonCaCertificate.read(hskCek, 0, "the HSK");
            cek = CsvCertificate.read(hskCek, HygonCaCertificate.SIZE, "the CEK");
        } catch (CsvVerificationException e) {
            if (carried) {
                throw e;
            }
            throw new CsvVerificationException(Reason.CERTIFICATES_UNAVAILABLE, "the HSK and CEK served for chip "
                    + evidence.chipId() + " are unusable: " + e.getMessage(), e);
        }
        chain.requireHskCek(hrk(), hsk, cek);
        remember(verifiedCeks, key, cek);
        return cek;
    }

    private static void remember(Map<String, CsvCertificate> verified, String key, CsvCertificate certificate) {
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(key, certificate);
    }

    private HygonCaCertificate hrk() throws CsvVerificationException {
        HygonCaCertificate known = verifiedHrk.get();
        if (known != null) {
            return known;
        }
        byte[] bytes = source.hrk();
        HygonCaCertificate hrk;
        try {
            hrk = HygonCaCertificate.parse(bytes, "the HRK");
        } catch (CsvVerificationException e) {
            throw new CsvVerificationException(Reason.CERTIFICATES_UNAVAILABLE, "the HRK served is unusable: "
                    + e.getMessage(), e);
        }
        chain.requireRoot(hrk);
        verifiedHrk.set(hrk);
        return hrk;
    }

    /** Trustee csv verifier: CC MR index i (1–4) replayed with SM3 must equal rtmr i. */
    private static TcgEventLog replay(byte[] ccEventLog, CsvReport report) throws CsvVerificationException {
        TcgEventLog log;
        try {
            log = TcgEventLogParser.parseCryptoAgile(ccEventLog);
        } catch (TpmVerificationException e) {
            throw new CsvVerificationException(Reason.FORMAT, "cc_eventlog: " + e.getMessage(), e);
        }
        byte[][] replayed = log.replayCcMrs(TcgAlgorithm.SM3);
        for (int index = 1; index <= 4; index++) {
            if (!MessageDigest.isEqual(replayed[index - 1], report.rtmr(index))) {
                throw new CsvVerificationException(Reason.EVENT_LOG_MISMATCH, "replaying the CC event log gives rtmr"
                        + index + " = " + Hex.of(replayed[index - 1]) + ", the report has "
                        + Hex.of(report.rtmr(index)));
            }
        }
        return log;
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha256.update(part);
            }
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }
}
