package dev.arca.model.admin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.arca.model.keys.BouncyCastleKeys;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/** Maps JDK keys to the JWS algorithm and Nimbus signer/verifier Arca uses for admin tokens. */
public final class AdminJwk {

    private AdminJwk() {
    }

    public static JWSAlgorithm algorithmFor(PublicKey key) {
        return switch (key) {
            case ECPublicKey ec -> ecAlgorithm(ec.getParams().getCurve().getField().getFieldSize());
            case RSAPublicKey rsa -> JWSAlgorithm.RS256;
            case EdECPublicKey ed -> JWSAlgorithm.Ed25519;
            default -> throw new IllegalArgumentException("unsupported admin key type " + key.getAlgorithm());
        };
    }

    /**
     * A verifier for {@code key}. ECDSA verifies with Bouncy Castle, on Bouncy Castle's own copy of the key: a P-256
     * verify then costs about 77 µs of CPU, against about 400 µs with the JDK's provider and 200 µs with Bouncy Castle
     * on a JDK key (docs/performance.md); every caller, admin and attestation token verify goes through here.
     */
    public static JWSVerifier verifier(PublicKey key) throws JOSEException {
        return switch (key) {
            case ECPublicKey ec -> {
                ECDSAVerifier verifier = new ECDSAVerifier((ECPublicKey) BouncyCastleKeys.publicKey(ec));
                verifier.getJCAContext().setProvider(BouncyCastleKeys.PROVIDER);
                yield verifier;
            }
            case RSAPublicKey rsa -> new RSASSAVerifier(rsa);
            case EdECPublicKey ed -> new Ed25519Verifier(new OctetKeyPair.Builder(Curve.Ed25519,
                    Base64URL.encode(rawEd25519(ed.getEncoded()))).build());
            default -> throw new IllegalArgumentException("unsupported admin key type " + key.getAlgorithm());
        };
    }

    public static JWSSigner signer(PrivateKey key, PublicKey publicKey) throws JOSEException {
        return switch (key) {
            case ECPrivateKey ec -> new ECDSASigner(ec);
            case RSAPrivateKey rsa -> new RSASSASigner(rsa);
            case EdECPrivateKey ed -> new Ed25519Signer(new OctetKeyPair.Builder(Curve.Ed25519,
                    Base64URL.encode(rawEd25519(publicKey.getEncoded())))
                    .d(Base64URL.encode(rawEd25519(ed.getEncoded()))).build());
            default -> throw new IllegalArgumentException("unsupported admin key type " + key.getAlgorithm());
        };
    }

    /** Ed25519 SPKI and PKCS#8 encodings both end with the 32 raw key bytes (RFC 8410). */
    private static byte[] rawEd25519(byte[] encoded) {
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    private static JWSAlgorithm ecAlgorithm(int fieldSize) {
        return switch (fieldSize) {
            case 256 -> JWSAlgorithm.ES256;
            case 384 -> JWSAlgorithm.ES384;
            case 521 -> JWSAlgorithm.ES512;
            default -> throw new IllegalArgumentException("unsupported EC curve size " + fieldSize);
        };
    }
}
