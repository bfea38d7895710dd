package dev.arca.snp;

import dev.arca.snp.SnpVerificationException.Reason;
import dev.arca.snp.cert.AmdCrl;
import dev.arca.snp.cert.AmdRootKeys;
import dev.arca.snp.cert.Certificates;
import dev.arca.snp.cert.ChainVerifier;
import dev.arca.snp.cert.EndorsementKey;
import dev.arca.snp.cert.VerifiedEndorsement;
import dev.arca.snp.kds.CertificateSource;
import dev.arca.snp.kds.KdsRequest;
import dev.arca.snp.kds.VerifiedCertificateCache;
import dev.arca.snp.report.AttestationReport;
import dev.arca.snp.report.ReportParser;
import dev.arca.snp.report.SigningKey;
import dev.arca.snp.report.TcbVersion;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Verifies an SEV-SNP attestation report (AMD pub. 56860 and 57230), as of a given instant:
 * <ol>
 *   <li>the report parses (1184 bytes, version 2–5);</li>
 *   <li>its signing key (VCEK or VLEK, as the report's flags say) comes from the evidence's certificate table, or, for
 *       a VCEK, from the {@link CertificateSource} by chip id and reported TCB (never for a masked chip id);</li>
 *   <li>the key chains to the pinned ARK of its generation through the ASK (VCEK) or ASVK (VLEK), from the table
 *       when it holds them, else from the source; every certificate is valid at the instant and the ASK/ASVK is not on
 *       the ARK's CRL when one is available;</li>
 *   <li>the report's generation (CPUID, v3+) is the key's; its chip id is the VCEK's hwID (unless MASK_CHIP_KEY);
 *       its reported TCB equals the key's SPLs;</li>
 *   <li>the ECDSA P-384 signature over bytes 0x000–0x29F verifies with the key;</li>
 *   <li>VMPL, report data and host data bind what the caller expects.</li>
 * </ol>
 * Thread-safe; certificates are fetched and verified once ({@link VerifiedCertificateCache}).
 */
public final class SnpVerifier {

    private static final HexFormat HEX = HexFormat.of();

    private final VerifiedCertificateCache certificates;
    private final SnpVerifierOptions options;

    public SnpVerifier(VerifiedCertificateCache certificates, SnpVerifierOptions options) {
        this.certificates = certificates;
        this.options = options;
    }

    /** AMD's pinned ARKs, certificates from {@code source}, default options. */
    public static SnpVerifier forSource(CertificateSource source) {
        return forSource(source, AmdRootKeys.pinned(), SnpVerifierOptions.defaults());
    }

    public static SnpVerifier forSource(CertificateSource source, AmdRootKeys roots, SnpVerifierOptions options) {
        return new SnpVerifier(new VerifiedCertificateCache(source, new ChainVerifier(roots), options.crlRetry()),
                options);
    }

    public VerifiedCertificateCache certificates() {
        return certificates;
    }

    /**
     * @param report       the 1184-byte ATTESTATION_REPORT
     * @param table        the extended report's certificates (may be empty)
     * @param expectations what the report must bind
     * @param at           the instant certificates must be valid at; never the clock's reading here
     * @throws SnpVerificationException with the reason of the region that failed; anything unforeseen is UNEXPECTED
     */
    public SnpVerificationResult verify(byte[] report, List<CertTableEntry> table, SnpExpectations expectations,
            Instant at) throws SnpVerificationException {
        try {
            return verifyChecked(report, table, expectations, at);
        } catch (SnpVerificationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SnpVerificationException(Reason.UNEXPECTED, "SNP verification failed unexpectedly", e);
        }
    }

    private SnpVerificationResult verifyChecked(byte[] bytes, List<CertTableEntry> table,
            SnpExpectations expectations, Instant at) throws SnpVerificationException {
        AttestationReport report = ReportParser.parse(bytes);
        Optional<ProcessorGeneration> named = report.cpuid().isPresent()
                ? Optional.of(ProcessorGeneration.fromCpuid(report.cpuid().get().family(),
                        report.cpuid().get().model()))
                : Optional.empty();

        VerifiedEndorsement endorsement = endorsement(report, named, table);
        EndorsementKey key = endorsement.key();
        if (key.kind() != report.signingKey()) {
            throw new SnpVerificationException(Reason.CHAIN, "the report is signed by its " + report.signingKey()
                    + " but the evidence's endorsement key is a " + key.kind());
        }
        ProcessorGeneration generation = key.generation();
        if (named.isPresent() && named.get() != generation) {
            throw new SnpVerificationException(Reason.CHAIN, "the report's CPUID names a " + named.get()
                    + " processor but its " + key.kind() + " is for " + key.productName());
        }

        ChainVerifier.requireValidAt(at, endorsement.chain(), key);
        Optional<AmdCrl> crl = certificates.crl(endorsement.chain(), at);
        if (crl.isPresent()) {
            crl.get().requireNotRevoked(endorsement.chain());
        }

        if (key.kind() == SigningKey.VCEK && !report.maskChipKey()) {
            byte[] chip = Arrays.copyOf(report.chipId(), generation.hwIdLength());
            if (!MessageDigest.isEqual(chip, key.hwId())) {
                throw new SnpVerificationException(Reason.CHIP_ID, "the report's chip id " + HEX.formatHex(chip)
                        + " is not the VCEK's hwID " + HEX.formatHex(key.hwId()));
            }
        }
        TcbVersion reported = report.reportedTcb(generation);
        if (!reported.sameLevels(key.certifiedTcb())) {
            throw new SnpVerificationException(Reason.TCB_MISMATCH, "the report's reported_tcb (" + reported
                    + ") is not the TCB its " + key.kind() + " certifies (" + key.certifiedTcb() + ")");
        }
        if (!key.publicKey().verify(report.signedBytes(), report.signatureR(), report.signatureS())) {
            throw new SnpVerificationException(Reason.SIGNATURE, "the report's signature by its " + key.kind()
                    + " does not verify");
        }

        if (expectations.vmpl().isPresent() && expectations.vmpl().getAsInt() != report.vmpl()) {
            throw new SnpVerificationException(Reason.VMPL, "the report was requested at VMPL " + report.vmpl()
                    + ", VMPL " + expectations.vmpl().getAsInt() + " is required");
        }
        if (expectations.reportData().isPresent() && !MessageDigest.isEqual(
                Arrays.copyOf(expectations.reportData().get(), 64), report.reportData())) {
            throw new SnpVerificationException(Reason.REPORT_DATA, "the report's REPORT_DATA does not match the"
                    + " expected report data");
        }
        if (expectations.hostData().isPresent() && !MessageDigest.isEqual(
                Arrays.copyOf(expectations.hostData().get(), 32), report.hostData())) {
            throw new SnpVerificationException(Reason.INIT_DATA, "the report's HOST_DATA does not match the"
                    + " init-data digest");
        }
        return new SnpVerificationResult(report, generation, reported, key, endorsement.chain());
    }

    /** The signing key from the evidence's table, or the chip's VCEK from the source. */
    private VerifiedEndorsement endorsement(AttestationReport report, Optional<ProcessorGeneration> named,
            List<CertTableEntry> table) throws SnpVerificationException {
        Optional<X509Certificate> offeredArk = Optional.empty();
        Optional<X509Certificate> offeredIntermediate = Optional.empty();
        List<CertTableEntry> keys = new ArrayList<>();
        for (CertTableEntry entry : table) {
            switch (entry.type()) {
                case ARK -> offeredArk = Optional.of(Certificates.der(entry.data(), "the certificate table's ARK"));
                case ASK -> offeredIntermediate = Optional.of(Certificates.der(entry.data(),
                        "the certificate table's ASK"));
                case VCEK, VLEK -> keys.add(entry);
                default -> {
                    // CRLs in the table and unknown types are not used: the CRL comes from the source
                }
            }
        }
        if (keys.size() > 1) {
            throw new SnpVerificationException(Reason.MALFORMED, "the certificate table holds " + keys.size()
                    + " endorsement keys; one VCEK or VLEK is expected");
        }
        if (!keys.isEmpty()) {
            CertTableEntry entry = keys.getFirst();
            VerifiedEndorsement endorsement = certificates.endorsement(entry.data(), offeredIntermediate, offeredArk);
            if (!endorsement.key().kind().name().equals(entry.type().name())) {
                throw new SnpVerificationException(Reason.CHAIN, "the certificate table's " + entry.type()
                        + " entry holds a " + endorsement.key().kind());
            }
            return endorsement;
        }
        if (report.signingKey() == SigningKey.VLEK) {
            throw new SnpVerificationException(Reason.MALFORMED, "the report is signed by a VLEK and"
                    + " the evidence does not carry it; VLEKs cannot be fetched from AMD's KDS, the evidence's"
                    + " certificate table must hold it");
        }
        if (report.maskChipKey() || report.chipIdMasked()) {
            throw new SnpVerificationException(Reason.CHIP_ID, "the report's chip id is masked (MASK_CHIP_KEY), so"
                    + " its VCEK cannot be looked up by chip id; send the VCEK in the evidence's certificate table");
        }
        ProcessorGeneration generation = named.or(options::v2Generation).orElseThrow(() ->
                new SnpVerificationException(Reason.MALFORMED, "the report is version "
                        + report.version() + ", which names no processor, and the evidence carries no VCEK; send the"
                        + " VCEK with the evidence or configure the product of version-2 reports"));
        byte[] hwId = Arrays.copyOf(report.chipId(), generation.hwIdLength());
        return certificates.vcek(new KdsRequest.Vcek(generation, hwId, report.reportedTcb(generation)));
    }
}
