package dev.arca.snp.cert;

import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationException.Reason;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The trust anchors of SEV-SNP: one AMD Root Key (ARK) per processor generation, pinned by the SHA-256 fingerprint of
 * its DER encoding. Arca ships no AMD certificate: the ARK arrives with the evidence's certificate table, the offline
 * directory or the KDS's {@code cert_chain}, and is trusted only when its fingerprint is the pinned one for the
 * generation and it is self-signed.
 *
 * <p>The production pins are the fingerprints of AMD's ARK-Milan, ARK-Genoa and ARK-Turin (RSA-4096, RSASSA-PSS), as
 * AMD serves them from its KDS and as Trustee, virtee/sev and go-sev-guest embed them; a fingerprint is a fact about
 * those certificates, not a copy of them.
 */
public final class AmdRootKeys {

    /** SHA-256 of the DER of AMD's "ARK-Milan" (valid 2020-10-22 to 2045-10-22). */
    public static final String ARK_MILAN_SHA256 = "69d063b45344d26a2e94e1f4210de49ef555308287d4c174445c95639a540bcd";
    /** SHA-256 of the DER of AMD's "ARK-Genoa" (valid 2022-01-26 to 2047-01-26). */
    public static final String ARK_GENOA_SHA256 = "4c6598d19c18719c5dfd4a7d335f674e5bfe1d8f800cea2cf270c10d103db2f1";
    /** SHA-256 of the DER of AMD's "ARK-Turin" (valid 2023-05-15 to 2048-05-15). */
    public static final String ARK_TURIN_SHA256 = "1f084161a44bb6d93778a904877d4819cafa5d05ef4193b2ded9dd9c73dd3f6a";

    private static final AmdRootKeys AMD = new AmdRootKeys(Map.of(
            ProcessorGeneration.MILAN, Set.of(ARK_MILAN_SHA256),
            ProcessorGeneration.GENOA, Set.of(ARK_GENOA_SHA256),
            ProcessorGeneration.TURIN, Set.of(ARK_TURIN_SHA256)));
    private static final HexFormat HEX = HexFormat.of();

    private final Map<ProcessorGeneration, Set<String>> fingerprints;

    private AmdRootKeys(Map<ProcessorGeneration, Set<String>> fingerprints) {
        this.fingerprints = Map.copyOf(fingerprints);
    }

    /** AMD's ARKs, the production default. */
    public static AmdRootKeys pinned() {
        return AMD;
    }

    /**
     * Other pins (a test PKI). Generations without a pin trust nothing.
     *
     * @param sha256Fingerprints hex SHA-256 of each ARK's DER per generation; colons and case are ignored
     */
    public static AmdRootKeys pinnedTo(Map<ProcessorGeneration, String> sha256Fingerprints) {
        Map<ProcessorGeneration, Set<String>> normalized = new EnumMap<>(ProcessorGeneration.class);
        sha256Fingerprints.forEach((generation, fingerprint) -> {
            String hex = fingerprint.replace(":", "").trim().toLowerCase(Locale.ROOT);
            if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("an ARK fingerprint is 64 hex digits (SHA-256), got '"
                        + fingerprint + "'");
            }
            normalized.put(generation, Set.of(hex));
        });
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("at least one ARK fingerprint must be pinned");
        }
        return new AmdRootKeys(normalized);
    }

    /** The pinned fingerprints of a generation, lower-case hex. */
    public Set<String> fingerprints(ProcessorGeneration generation) {
        return fingerprints.getOrDefault(generation, Set.of());
    }

    /**
     * Requires {@code ark} to be the pinned, self-issued, self-signed ARK of {@code generation}.
     *
     * @throws SnpVerificationException CHAIN otherwise
     */
    public void requireTrusted(X509Certificate ark, ProcessorGeneration generation) throws SnpVerificationException {
        String fingerprint = fingerprint(ark);
        if (!fingerprints(generation).contains(fingerprint)) {
            throw new SnpVerificationException(Reason.CHAIN, "the ARK (" + Certificates.commonName(ark).orElse("?")
                    + ") is not the pinned ARK-" + generation + ": its SHA-256 fingerprint " + fingerprint
                    + " is not pinned");
        }
        if (!ark.getSubjectX500Principal().equals(ark.getIssuerX500Principal())) {
            throw new SnpVerificationException(Reason.CHAIN, "the ARK-" + generation + " is not self-issued");
        }
        RsaPss.requireSignedBy(ark, ark, "the ARK-" + generation + " self-signature");
    }

    static String fingerprint(X509Certificate certificate) throws SnpVerificationException {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new SnpVerificationException(Reason.MALFORMED, "a certificate cannot be encoded");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }
}
