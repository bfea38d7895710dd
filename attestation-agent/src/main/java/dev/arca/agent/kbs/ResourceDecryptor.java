package dev.arca.agent.kbs;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.RSADecrypter;
import dev.arca.model.kbs.JweResponse;
import dev.arca.model.keys.BouncyCastleKeys;
import java.security.interfaces.ECPrivateKey;
import java.text.ParseException;
import java.util.Set;

/**
 * Decrypts the flattened JWE a KBS returns a resource in (guest-components kbs_protocol, Trustee
 * kbs_attestation_protocol.md) with the TEE private key. The members are joined into the compact form, so Nimbus
 * authenticates the GCM tag against the received {@code protected} string verbatim (RFC 7516 AAD), which is what the
 * KBS encrypted with. The legacy layout of protocol 0.1.x (the Trustee KBS protocol before 0.2.0) is accepted only when
 * the client speaks that protocol.
 */
public final class ResourceDecryptor {

    private static final Set<JWEAlgorithm> EC_ALGORITHMS = Set.of(JWEAlgorithm.ECDH_ES_A256KW);
    @SuppressWarnings("deprecation") // RSA1_5: older KBSes still use it and upstream guests still accept it
    private static final Set<JWEAlgorithm> RSA_ALGORITHMS = Set.of(JWEAlgorithm.RSA_OAEP_256, JWEAlgorithm.RSA1_5);

    private final TeeKeyPair keyPair;
    private final boolean legacyAllowed;

    /** A decryptor for protocol ≥ 0.2.0 answers only. */
    public ResourceDecryptor(TeeKeyPair keyPair) {
        this(keyPair, false);
    }

    public ResourceDecryptor(TeeKeyPair keyPair, boolean legacyAllowed) {
        this.keyPair = keyPair;
        this.legacyAllowed = legacyAllowed;
    }

    public byte[] decrypt(JweResponse response) throws JweDecryptionException {
        if (response == null || response.protectedHeader() == null) {
            throw new JweDecryptionException("not a JWE (protected header missing)");
        }
        if (response.protectedHeader().startsWith("{")) {
            // A raw JSON protected header is the pre-0.2.0 layout (the Trustee KBS protocol before 0.2.0).
            if (!legacyAllowed) {
                throw new JweDecryptionException("not a protocol 0.2.0+ JWE (protected header is not base64url); a"
                        + " protocol 0.1.x answer is only accepted with --protocol 0.1.1");
            }
            if (!keyPair.algorithm().isRsa()) {
                throw new JweDecryptionException("a legacy (RSA1_5) JWE needs an RSA TEE key");
            }
            return LegacyJwe.decrypt(response, keyPair.privateKey());
        }
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(String.join(".", response.protectedHeader(), nullToEmpty(response.encryptedKey()),
                    nullToEmpty(response.iv()), nullToEmpty(response.ciphertext()), nullToEmpty(response.tag())));
        } catch (ParseException | RuntimeException e) {
            // Nimbus 10.5 throws NullPointerException for a protected header without "enc" (found by fuzzing)
            throw new JweDecryptionException("malformed JWE: " + e.getMessage(), e);
        }
        JWEAlgorithm alg = jwe.getHeader().getAlgorithm();
        if (!EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())) {
            throw new JweDecryptionException("unsupported JWE enc " + jwe.getHeader().getEncryptionMethod()
                    + " (expected A256GCM)");
        }
        try {
            jwe.decrypt(decrypter(alg));
        } catch (JOSEException | IllegalStateException e) {
            throw new JweDecryptionException("cannot decrypt the resource with the TEE key: " + e.getMessage(), e);
        }
        return jwe.getPayload().toBytes();
    }

    private JWEDecrypter decrypter(JWEAlgorithm alg) throws JweDecryptionException, JOSEException {
        return switch (keyPair.algorithm()) {
            case P256, P521 -> {
                requireAlgorithm(alg, EC_ALGORITHMS);
                ECDHDecrypter decrypter = new ECDHDecrypter((ECPrivateKey) keyPair.privateKey());
                // the key agreement (and the A256KW unwrap) with Bouncy Castle: the JDK's EC code costs several
                // times as much CPU (docs/performance.md); AES-GCM of the content stays with the JDK
                decrypter.getJCAContext().setKeyEncryptionProvider(BouncyCastleKeys.PROVIDER);
                yield decrypter;
            }
            case RSA, RSA1_5 -> {
                requireAlgorithm(alg, RSA_ALGORITHMS);
                yield new RSADecrypter(keyPair.privateKey());
            }
        };
    }

    private void requireAlgorithm(JWEAlgorithm alg, Set<JWEAlgorithm> allowed) throws JweDecryptionException {
        // Set.of(...).contains(null) throws: a header without a usable alg is refused here
        if (alg == null || !allowed.contains(alg)) {
            throw new JweDecryptionException("JWE alg " + alg + " does not fit a " + keyPair.algorithm().configName()
                    + " TEE key");
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
