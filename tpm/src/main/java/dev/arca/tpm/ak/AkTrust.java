package dev.arca.tpm.ak;

import dev.arca.model.json.Hex;
import dev.arca.tpm.TpmVerificationException;
import dev.arca.tpm.TpmVerificationException.Reason;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether an attestation key is to be believed. A quote proves only that the AK signed it; the AK is trusted when
 * <ul>
 *   <li>its certificate (leaf first, then intermediates) chains to one of the configured roots at the verification
 *       instant (JDK PKIX, no revocation checking: AK certificates carry no CRL distribution points that a verifier
 *       could reach offline), and the leaf certifies exactly this key; or</li>
 *   <li>SHA-256 of its SubjectPublicKeyInfo DER is on the configured list (a key enrolled out of band).</li>
 * </ul>
 * Otherwise it is refused, unless the operator explicitly accepts unknown keys (Trustee's TPM verifier does, taking
 * any AK the evidence names).
 *
 * @param roots        trust anchors for AK certificates
 * @param listedKeys   lower-case hex SHA-256 of trusted AKs' SubjectPublicKeyInfo
 * @param acceptUnknown whether an AK that is neither certified nor listed is accepted (reported as {@code none})
 */
public record AkTrust(List<X509Certificate> roots, Set<String> listedKeys, boolean acceptUnknown) {

    /** How the AK came to be trusted: the {@code ak_trust} claim. */
    public enum Basis {
        CERTIFIED("certificate"), LISTED("listed"), NONE("none");

        private final String claim;

        Basis(String claim) {
            this.claim = claim;
        }

        public String claim() {
            return claim;
        }
    }

    public AkTrust {
        roots = List.copyOf(roots);
        listedKeys = listedKeys.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Lower-case hex SHA-256 of the key's SubjectPublicKeyInfo DER: the {@code ak_digest} claim. */
    public static String digest(PublicKey key) {
        try {
            return Hex.of(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }

    /**
     * @param chain the AK certificate and its intermediates (leaf first), empty when the evidence carries none
     * @throws TpmVerificationException AK_UNTRUSTED when the key is not trusted by any of the rules above
     */
    public Basis evaluate(PublicKey ak, List<X509Certificate> chain, Instant at) throws TpmVerificationException {
        if (!chain.isEmpty()) {
            if (!chain.getFirst().getPublicKey().equals(ak)) {
                throw new TpmVerificationException(Reason.AK_UNTRUSTED,
                        "the AK certificate certifies another key than the one that signed the quote");
            }
            String why = chainProblem(chain, at);
            if (why == null) {
                return Basis.CERTIFIED;
            }
            if (!listedKeys.contains(digest(ak)) && !acceptUnknown) {
                throw new TpmVerificationException(Reason.AK_UNTRUSTED, "the AK certificate is not trusted: " + why);
            }
        }
        if (listedKeys.contains(digest(ak))) {
            return Basis.LISTED;
        }
        if (acceptUnknown) {
            return Basis.NONE;
        }
        throw new TpmVerificationException(Reason.AK_UNTRUSTED, "the attestation key (SHA-256 of its "
                + "SubjectPublicKeyInfo " + digest(ak) + ") has no certificate to a configured root and is not on "
                + "the configured list of trusted keys");
    }

    private String chainProblem(List<X509Certificate> chain, Instant at) {
        if (roots.isEmpty()) {
            return "no AK roots are configured";
        }
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            roots.forEach(root -> anchors.add(new TrustAnchor(root, null)));
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
            return null;
        } catch (GeneralSecurityException e) {
            return e.getMessage() == null ? "the chain does not validate" : e.getMessage();
        }
    }
}
