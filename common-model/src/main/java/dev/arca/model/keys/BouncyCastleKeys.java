package dev.arca.model.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * EC keys as Bouncy Castle's own key objects, for the signatures and key agreements Arca makes with Bouncy Castle.
 * Given a JDK key, Bouncy Castle rebuilds the curve's base point on every operation and with it the fixed-point
 * precomputation a sign or key generation relies on: an ES256 sign costs about 250 µs of CPU instead of 77, a verify
 * 200 µs instead of 77 (docs/performance.md). A key decoded by Bouncy Castle from its standard encoding names its curve
 * and shares the curve's precomputed base point. Translate a long-lived key once, not per operation.
 */
public final class BouncyCastleKeys {

    /** One provider instance: Bouncy Castle's providers are heavy to create and safe to share. */
    public static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    private BouncyCastleKeys() {
    }

    /** The same EC public key, decoded by Bouncy Castle from its SubjectPublicKeyInfo. */
    public static PublicKey publicKey(PublicKey key) {
        try {
            return KeyFactory.getInstance("EC", PROVIDER).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an EC public key Bouncy Castle can use: " + e.getMessage(), e);
        }
    }

    /** The same EC private key, decoded by Bouncy Castle from its PKCS#8 encoding. */
    public static PrivateKey privateKey(PrivateKey key) {
        try {
            return KeyFactory.getInstance("EC", PROVIDER).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an EC private key Bouncy Castle can use: " + e.getMessage(), e);
        }
    }
}
