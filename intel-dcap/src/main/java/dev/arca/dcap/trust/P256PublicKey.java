package dev.arca.dcap.trust;

import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * A P-256 public key decoded and validated once (on the curve, not the point at infinity). Verifying many signatures
 * with one instance is what makes repeated quotes cheap: Bouncy Castle keeps its multiplication tables on the decoded
 * point and, once a point has been used a few times, switches to fixed-point combs for it — the same reuse the JCA
 * provider gets from a long-lived {@code PublicKey}. Instances are immutable and thread-safe (Bouncy Castle
 * synchronizes on the point while it precomputes).
 */
public final class P256PublicKey {

    private final ECPublicKeyParameters parameters;

    private P256PublicKey(ECPublicKeyParameters parameters) {
        this.parameters = parameters;
    }

    /**
     * @param key 64 bytes X‖Y (Intel's attestation keys) or 65 bytes 0x04‖X‖Y (X.509 subject public keys)
     * @throws IllegalArgumentException when the bytes are not an uncompressed point on P-256
     */
    public static P256PublicKey decode(byte[] key) {
        return new P256PublicKey(EcdsaP256.publicKey(key));
    }

    /**
     * @param message   the signed bytes (hashed here with SHA-256)
     * @param signature 64 bytes r‖s
     * @return false for a wrong or malformed signature
     */
    public boolean verify(byte[] message, byte[] signature) {
        return EcdsaP256.verify(parameters, message, signature);
    }
}
