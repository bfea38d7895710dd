package dev.arca.cca;

import dev.arca.cca.CcaVerificationException.Reason;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;

/**
 * The realm attestation key (claim 44237): an uncompressed P-384 point (RMM spec DEN0137, "Realm public key"), and the
 * hash of its encoding that the platform token binds as its challenge.
 */
final class RealmAttestationKey {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final ECNamedCurveParameterSpec P384 = ECNamedCurveTable.getParameterSpec("secp384r1");
    private static final int UNCOMPRESSED_P384_LENGTH = 97;

    private RealmAttestationKey() {
    }

    /** Decodes the point; BC refuses a point off the curve. */
    static PublicKey decode(byte[] encoded) throws CcaVerificationException {
        if (encoded.length != UNCOMPRESSED_P384_LENGTH || encoded[0] != 0x04) {
            throw CcaVerificationException.format("the realm public key is not an uncompressed P-384 point");
        }
        try {
            return KeyFactory.getInstance("EC", BC)
                    .generatePublic(new ECPublicKeySpec(P384.getCurve().decodePoint(encoded), P384));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw CcaVerificationException.format("the realm public key is not a P-384 point");
        }
    }

    /** H(RAK) with H named by claim 44240 ({@code sha-256}, {@code sha-384}, {@code sha-512}). */
    static byte[] digest(byte[] encoded, String algorithm) throws CcaVerificationException {
        String jca = switch (algorithm) {
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> throw new CcaVerificationException(Reason.FORMAT,
                    "unsupported realm public key hash algorithm " + algorithm);
        };
        try {
            return MessageDigest.getInstance(jca).digest(encoded);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + jca, e);
        }
    }
}
