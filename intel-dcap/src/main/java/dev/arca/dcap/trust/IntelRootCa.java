package dev.arca.dcap.trust;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.pck.Certificates;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The trust anchor of every Intel DCAP chain, pinned by the SHA-256 fingerprint of the root certificate's DER
 * encoding. Arca ships no root certificate: the root comes with the evidence (the last certificate of the quote's PCK
 * chain) and with the collateral (the last certificate of each PCS issuer chain), and is trusted only when it is
 * self-signed and its fingerprint is one of the pinned ones.
 *
 * <p>The production pin is the "Intel SGX Root CA" (P-256, valid 2018-05-21 to 2049-12-31) as Intel publishes it
 * with the PCS and in its DCAP repositories (SGXDataCenterAttestationPrimitives, the QVL's trusted root); the
 * fingerprint is a fact about that certificate, not a copy of it. A deployment or a test may pin other roots
 * ({@link #pinnedTo}); nothing else about the verification changes with the pin.
 */
public final class IntelRootCa {

    public static final String COMMON_NAME = "Intel SGX Root CA";

    /** SHA-256 of the DER encoding of Intel's "Intel SGX Root CA" certificate, lower-case hex. */
    public static final String INTEL_SGX_ROOT_CA_SHA256 =
            "44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3";

    private static final IntelRootCa INTEL = new IntelRootCa(Set.of(INTEL_SGX_ROOT_CA_SHA256));
    private static final HexFormat HEX = HexFormat.of();

    private final Set<String> fingerprints;

    private IntelRootCa(Set<String> fingerprints) {
        this.fingerprints = fingerprints;
    }

    /** Intel's root, the production default. */
    public static IntelRootCa pinned() {
        return INTEL;
    }

    /**
     * A pin on other roots (a test PKI, a future Intel root next to the current one).
     *
     * @param sha256Fingerprints hex SHA-256 of each trusted root certificate's DER; colons and case are ignored
     */
    public static IntelRootCa pinnedTo(Collection<String> sha256Fingerprints) {
        Set<String> normalized = new TreeSet<>();
        for (String fingerprint : sha256Fingerprints) {
            String hex = fingerprint.replace(":", "").trim().toLowerCase(Locale.ROOT);
            if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("a root fingerprint is 64 hex digits (SHA-256), got '"
                        + fingerprint + "'");
            }
            normalized.add(hex);
        }
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("at least one root fingerprint must be pinned");
        }
        return new IntelRootCa(Set.copyOf(normalized));
    }

    /** The pinned fingerprints, lower-case hex. */
    public Set<String> fingerprints() {
        return fingerprints;
    }

    /** True when the certificate's DER has one of the pinned fingerprints (its signature is not checked here). */
    public boolean isPinned(X509Certificate candidate) {
        return fingerprint(candidate).map(fingerprints::contains).orElse(false);
    }

    /**
     * Requires {@code candidate} to be a trusted root: its fingerprint pinned, its issuer its own subject, and its
     * signature verifying with its own key.
     *
     * @param name   what the certificate is, for the message ("the PCK chain's root", …)
     * @param reason the reason to refuse with
     */
    public void requireTrusted(X509Certificate candidate, String name, Reason reason)
            throws DcapVerificationException {
        String fingerprint = fingerprint(candidate).orElseThrow(
                () -> new DcapVerificationException(reason, name + " cannot be encoded"));
        if (!fingerprints.contains(fingerprint)) {
            throw new DcapVerificationException(reason, name + " is not a trusted root: its SHA-256 fingerprint "
                    + fingerprint + " is not pinned (pinned: " + String.join(", ", fingerprints) + ")");
        }
        if (!candidate.getSubjectX500Principal().equals(candidate.getIssuerX500Principal())) {
            throw new DcapVerificationException(reason, name + " is not self-issued");
        }
        try {
            candidate.verify(candidate.getPublicKey(), EcdsaP256.PROVIDER);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new DcapVerificationException(reason, name + " self-signature does not verify");
        }
    }

    /**
     * SHA-384 of a root's public key point (0x04‖X‖Y): the DCAP supplemental "root_key_id", "ID of the collateral's
     * root signer (hash of Root CA's public key SHA-384)".
     */
    public static byte[] rootKeyId(X509Certificate root) {
        return EcdsaP256.sha384(Certificates.publicKeyPoint(root));
    }

    private static Optional<String> fingerprint(X509Certificate certificate) {
        try {
            return Optional.of(HEX.formatHex(EcdsaP256.sha256(certificate.getEncoded())));
        } catch (CertificateEncodingException e) {
            return Optional.empty();
        }
    }
}
