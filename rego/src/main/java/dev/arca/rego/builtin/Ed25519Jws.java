package dev.arca.rego.builtin;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;

/**
 * EdDSA (Ed25519, RFC 8037) for the JWT built-ins, through the JDK's own {@code Ed25519} signature (JDK 15+): Nimbus
 * parses the JWS and the OKP JWKs, but its Ed25519 signer and verifier need Tink, which the engine does not carry.
 * OKP keys become JDK keys through their standard encodings (RFC 8410).
 */
final class Ed25519Jws {
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4) before the 32 key bytes. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** DER prefix of an Ed25519 PKCS#8 OneAsymmetricKey (RFC 8410 §7) before the 32 seed bytes. */
    private static final byte[] PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
        0x04, 0x22, 0x04, 0x20};

    private Ed25519Jws() {
    }

    /** The JDK public key of an Ed25519 OKP JWK; empty for other curves (Ed448, X25519 cannot verify EdDSA JWTs here). */
    static Optional<PublicKey> publicKey(OctetKeyPair okp) {
        if (!Curve.Ed25519.equals(okp.getCurve())) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, okp.getDecodedX()))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw BuiltinException.failed("invalid Ed25519 key");
        }
    }

    /** Whatever provider made the key (the JDK, Bouncy Castle through a PEM), whether it is an Ed25519 one. */
    static boolean isEd25519(PublicKey key) {
        byte[] spki = key.getEncoded();
        return spki != null && spki.length == SPKI_PREFIX.length + 32
                && java.util.Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length);
    }

    static boolean verify(PublicKey key, byte[] signingInput, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(key.getEncoded())));
            verifier.update(signingInput);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The signature of a private Ed25519 OKP JWK. */
    static byte[] sign(OctetKeyPair okp, byte[] signingInput) {
        if (!Curve.Ed25519.equals(okp.getCurve()) || !okp.isPrivate()) {
            throw BuiltinException.failed("EdDSA needs a private Ed25519 OKP key");
        }
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, okp.getDecodedD())));
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(signingInput);
            return signer.sign();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw BuiltinException.failed("signing with EdDSA failed");
        }
    }

    private static byte[] concat(byte[] prefix, byte[] key) {
        if (key == null || key.length != 32) {
            throw BuiltinException.failed("an Ed25519 key has 32 bytes");
        }
        byte[] out = new byte[prefix.length + key.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(key, 0, out, prefix.length, key.length);
        return out;
    }
}
