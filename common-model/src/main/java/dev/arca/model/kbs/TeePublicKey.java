package dev.arca.model.kbs;

import dev.arca.model.json.Base64s;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Set;
import com.nimbusds.jose.jwk.Curve;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import tools.jackson.databind.JsonNode;

/**
 * The guest's ephemeral key, as a tee-pubkey JWK (Trustee kbs_attestation_protocol.md). Parsing checks what the KBS
 * later relies on: coordinate lengths, that an EC point is on its curve, and a usable RSA modulus.
 */
public sealed interface TeePublicKey permits TeePublicKey.Rsa, TeePublicKey.Ec {

    String alg();

    PublicKey publicKey();

    /** An RSA key; {@code alg} is RSA-OAEP-256 for current guests, RSA1_5 for legacy ones. */
    record Rsa(String alg, String n, String e, RSAPublicKey publicKey) implements TeePublicKey {
    }

    /** An EC key on P-256 or P-521; {@code alg} is ECDH-ES+A256KW. */
    record Ec(String alg, String crv, String x, String y, ECPublicKey publicKey) implements TeePublicKey {

        public Curve curve() {
            return Curve.parse(crv);
        }
    }

    Set<String> EC_CURVES = Set.of("P-256", "P-521");

    static TeePublicKey parse(JsonNode jwk) {
        if (jwk == null || !jwk.isObject()) {
            throw new IllegalArgumentException("tee-pubkey must be a JSON object");
        }
        String kty = text(jwk, "kty");
        String alg = text(jwk, "alg");
        return switch (kty) {
            case "RSA" -> rsa(alg, text(jwk, "n"), text(jwk, "e"));
            case "EC" -> ec(alg, text(jwk, "crv"), text(jwk, "x"), text(jwk, "y"));
            default -> throw new IllegalArgumentException("unsupported tee-pubkey kty '" + kty + "'");
        };
    }

    private static Rsa rsa(String alg, String n, String e) {
        try {
            BigInteger modulus = new BigInteger(1, Base64s.fromUrl(n));
            BigInteger exponent = new BigInteger(1, Base64s.fromUrl(e));
            if (modulus.bitLength() < 2048) {
                throw new IllegalArgumentException("tee-pubkey RSA modulus shorter than 2048 bits");
            }
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(modulus, exponent));
            return new Rsa(alg, n, e, key);
        } catch (IllegalArgumentException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new IllegalArgumentException("tee-pubkey is not a usable RSA key", ex);
        }
    }

    private static Ec ec(String alg, String crv, String x, String y) {
        if (!EC_CURVES.contains(crv)) {
            throw new IllegalArgumentException("unsupported tee-pubkey curve '" + crv + "' (P-256 or P-521)");
        }
        int size = "P-256".equals(crv) ? 32 : 66;
        if (Base64s.fromUrl(x).length != size || Base64s.fromUrl(y).length != size) {
            throw new IllegalArgumentException("tee-pubkey " + crv + " coordinates must be " + size + " bytes");
        }
        try {
            // An off-curve point would let a peer mount an invalid-curve attack on the KBS's ephemeral ECDH key.
            // Bouncy Castle's fixed-size field arithmetic checks it (P-256 and P-521 have cofactor 1: a point on the
            // curve is in the prime-order group); Nimbus's BigInteger check, run twice per key, was one of the KBS's
            // largest allocators (docs/performance.md).
            BigInteger px = new BigInteger(1, Base64s.fromUrl(x));
            BigInteger py = new BigInteger(1, Base64s.fromUrl(y));
            X9ECParameters named = CustomNamedCurves.getByName(crv);
            try {
                named.getCurve().validatePoint(px, py);
            } catch (IllegalArgumentException offCurve) {
                throw new IllegalArgumentException("tee-pubkey is not a point on " + crv, offCurve);
            }
            ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(new ECPoint(px, py), Curve.parse(crv).toECParameterSpec()));
            return new Ec(alg, crv, x, y, key);
        } catch (IllegalArgumentException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new IllegalArgumentException("tee-pubkey is not a point on " + crv, ex);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw new IllegalArgumentException("tee-pubkey lacks string member '" + field + "'");
        }
        return value.asString();
    }
}
