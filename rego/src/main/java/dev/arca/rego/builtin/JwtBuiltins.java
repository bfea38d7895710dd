package dev.arca.rego.builtin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.Json;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code io.jwt.verify_*} and {@code io.jwt.decode_verify}: JWS signatures through Nimbus (RSA, RSA-PSS, ECDSA), the
 * JDK's Ed25519 (EdDSA, {@link Ed25519Jws}) and the JDK's HMAC (OPA accepts HMAC secrets of any length, Nimbus only of
 * 256 bits and more); keys as PEM certificates, PEM public keys, JWKs or JWK sets.
 */
final class JwtBuiltins {
    private static final Set<String> CONSTRAINTS = Set.of("cert", "secret", "alg", "iss", "aud", "time");
    private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000L);
    /** How deep {@code cty: JWT} tokens may nest before a token is refused (each level is a whole token). */
    static final int MAX_NESTED_TOKENS = 8;

    private JwtBuiltins() {
    }

    static void register(Builtins.Registry r) {
        for (String bits : List.of("256", "384", "512")) {
            for (String family : List.of("RS", "PS", "ES")) {
                JWSAlgorithm alg = JWSAlgorithm.parse(family + bits);
                r.add2("io.jwt.verify_" + family.toLowerCase(java.util.Locale.ROOT) + bits,
                        a -> BoolValue.of(verifyWithKey(parse(Args.string(a, 0)), alg, Args.string(a, 1))));
            }
            JWSAlgorithm hs = JWSAlgorithm.parse("HS" + bits);
            r.add2("io.jwt.verify_hs" + bits,
                    a -> BoolValue.of(verifyWithSecret(parse(Args.string(a, 0)), hs, Args.string(a, 1))));
        }
        // EdDSA (Ed25519) with a PEM certificate or public key, an OKP JWK or a JWK set: Ed25519Jws
        r.add2("io.jwt.verify_eddsa",
                a -> BoolValue.of(verifyWithKey(parse(Args.string(a, 0)), JWSAlgorithm.EdDSA, Args.string(a, 1))));
        r.add3("io.jwt.encode_sign", a -> new StringValue(sign(Json.write(Args.object(a, 0)),
                Json.write(Args.object(a, 1)), Json.write(Args.object(a, 2)))));
        r.add3("io.jwt.encode_sign_raw", a -> new StringValue(sign(Args.string(a, 0), Args.string(a, 1),
                Args.string(a, 2))));
        r.add("io.jwt.decode_verify", 2, (a, cx) -> decodeVerify(Args.string(a, 0), Args.object(a, 1),
                new BigDecimal(TimeBuiltins.nanos(cx.now()))));
    }

    /** A time claim of a verified token: a number of seconds, else the token is refused with an error (as OPA). */
    private static BigDecimal seconds(ObjectValue claims, String name) {
        if (claims.get(name) instanceof NumberValue n) {
            return n.value();
        }
        throw BuiltinException.failed(name + " value must be a number");
    }

    /**
     * {@code io.jwt.encode_sign(_raw)}: the JOSE header and the payload as given (JSON text; any text when the header's
     * {@code typ} is another media type than JWT), base64url, signed with
     * the JWK by the header's {@code alg}: HMAC with an {@code oct} key (any length, as OPA), RSA, RSA-PSS or ECDSA
     * with a private RSA or EC key through Nimbus.
     */
    private static String sign(String headerJson, String payloadJson, String jwkJson) {
        JWSAlgorithm alg;
        com.nimbusds.jose.jwk.JWK jwk;
        try {
            var header = com.nimbusds.jose.util.JSONObjectUtils.parse(headerJson);
            if (!(header.get("alg") instanceof String name)) {
                throw BuiltinException.failed("the JOSE header needs an alg");
            }
            alg = JWSAlgorithm.parse(name);
            // the payload must be JSON (any JSON value) only for a JWT (no typ, or typ JWT); another media type signs any text
            Object typ = header.get("typ");
            if (typ == null || "JWT".equals(typ)) {
                Json.parse(payloadJson);
            }
            jwk = com.nimbusds.jose.jwk.JWK.parse(jwkJson);
        } catch (ParseException | IllegalArgumentException e) {
            throw BuiltinException.failed("header, payload and key must be JSON objects (the key a JWK)");
        }
        String input = com.nimbusds.jose.util.Base64URL.encode(headerJson).toString() + "."
                + com.nimbusds.jose.util.Base64URL.encode(payloadJson);
        byte[] signingInput = input.getBytes(StandardCharsets.US_ASCII);
        try {
            byte[] signature;
            if (JWSAlgorithm.Family.HMAC_SHA.contains(alg) && jwk instanceof com.nimbusds.jose.jwk.OctetSequenceKey oct) {
                String macName = "Hmac" + alg.getName().replace("HS", "SHA");
                Mac mac = Mac.getInstance(macName);
                byte[] key = oct.toByteArray();
                mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, macName));
                signature = mac.doFinal(signingInput);
            } else if (JWSAlgorithm.EdDSA.equals(alg) && jwk instanceof com.nimbusds.jose.jwk.OctetKeyPair okp) {
                signature = Ed25519Jws.sign(okp, signingInput);
            } else {
                com.nimbusds.jose.JWSSigner signer = switch (jwk) {
                    case com.nimbusds.jose.jwk.RSAKey rsa when rsa.isPrivate() && JWSAlgorithm.Family.RSA.contains(alg) ->
                            new com.nimbusds.jose.crypto.RSASSASigner(rsa.toPrivateKey(), true);
                    case com.nimbusds.jose.jwk.ECKey ec when ec.isPrivate() && JWSAlgorithm.Family.EC.contains(alg) ->
                            new com.nimbusds.jose.crypto.ECDSASigner(ec);
                    default -> throw BuiltinException.failed("the key cannot sign with " + alg.getName());
                };
                signature = signer.sign(new com.nimbusds.jose.JWSHeader(alg), signingInput).decode();
            }
            return input + "." + com.nimbusds.jose.util.Base64URL.encode(signature);
        } catch (GeneralSecurityException | JOSEException e) {
            throw BuiltinException.failed("signing with " + alg.getName() + " failed");
        }
    }

    private static JWSObject parse(String token) {
        try {
            return JWSObject.parse(token);
        } catch (ParseException e) {
            throw BuiltinException.failed("failed to parse JWT");
        }
    }

    /** The signature made with {@code alg} by one of the keys; a token whose header names another algorithm fails. */
    private static boolean verifyWithKey(JWSObject jws, JWSAlgorithm alg, String keyText) {
        if (!jws.getHeader().getAlgorithm().equals(alg)) {
            return false;
        }
        for (PublicKey key : CryptoBuiltins.publicKeys(keyText)) {
            if (JWSAlgorithm.EdDSA.equals(alg)) {
                if (Ed25519Jws.isEd25519(key)
                        && Ed25519Jws.verify(key, jws.getSigningInput(), jws.getSignature().decode())) {
                    return true;
                }
                continue;
            }
            try {
                JWSVerifier verifier = switch (key) {
                    case RSAPublicKey rsa when JWSAlgorithm.Family.RSA.contains(alg) -> new RSASSAVerifier(rsa);
                    case ECPublicKey ec when JWSAlgorithm.Family.EC.contains(alg) -> new ECDSAVerifier(ec);
                    default -> null;
                };
                if (verifier != null && jws.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // a key of the wrong curve or size cannot have made the signature: try the next
            }
        }
        return false;
    }

    private static boolean verifyWithSecret(JWSObject jws, JWSAlgorithm alg, String secret) {
        if (!jws.getHeader().getAlgorithm().equals(alg)) {
            return false;
        }
        String macName = "Hmac" + alg.getName().replace("HS", "SHA");
        try {
            Mac mac = Mac.getInstance(macName);
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, macName));
            byte[] expected = mac.doFinal(jws.getSigningInput());
            return MessageDigest.isEqual(expected, jws.getSignature().decode());
        } catch (GeneralSecurityException e) {
            throw BuiltinException.failed(macName + " unavailable");
        }
    }

    /** The token a {@code cty: JWT} token carries as payload: the payload itself, or the JSON string it is. */
    static String nestedToken(String payloadText) {
        return payloadText.startsWith("\"") && Json.parse(payloadText) instanceof StringValue inner
                ? inner.value() : payloadText;
    }

    /**
     * {@code [valid, header, payload]}: valid when the signature verifies with {@code cert} or {@code secret}, the
     * header's algorithm is {@code alg} (if given), {@code exp} is after and {@code nbf} not after {@code time} (default:
     * the query's now), {@code iss} matches, and {@code aud} is given exactly when the token has an audience and is in
     * it. Constraints OPA does not know are an error; a token that fails any check gives {@code [false, {}, {}]}.
     */
    private static Value decodeVerify(String token, ObjectValue constraints, BigDecimal now) {
        for (Value k : constraints.entries().keySet()) {
            if (!(k instanceof StringValue s) || !CONSTRAINTS.contains(s.value())) {
                throw BuiltinException.failed("unknown token validation constraint: " + k);
            }
        }
        Value cert = constraints.get("cert");
        Value secret = constraints.get("secret");
        if ((cert == null) == (secret == null)) {
            throw BuiltinException.failed("exactly one of cert or secret must be given");
        }
        BigDecimal time = now;
        if (constraints.get("time") instanceof NumberValue t) {
            time = t.value();
        } else if (constraints.get("time") != null) {
            throw BuiltinException.failed("time constraint must be a number of nanoseconds");
        }
        var invalid = new ArrayValue(List.of(BoolValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY));
        Value header = null;
        Value payload = null;
        // a token whose header says cty JWT carries another token (RFC 7519 §5.2): each one must be signed with the
        // key, and the claims checked are the innermost token's
        for (int depth = 0; depth < MAX_NESTED_TOKENS && payload == null; depth++) {
            JWSObject jws;
            try {
                jws = JWSObject.parse(token);
                header = Json.parse(jws.getHeader().toString());
            } catch (ParseException | IllegalArgumentException e) {
                return invalid;
            }
            JWSAlgorithm alg = jws.getHeader().getAlgorithm();
            if (constraints.get("alg") instanceof StringValue wanted && !wanted.value().equals(alg.getName())) {
                return invalid;
            }
            boolean signed = cert instanceof StringValue c
                    ? !JWSAlgorithm.Family.HMAC_SHA.contains(alg) && verifyWithKey(jws, alg, c.value())
                    : secret instanceof StringValue s && JWSAlgorithm.Family.HMAC_SHA.contains(alg)
                            && verifyWithSecret(jws, alg, s.value());
            if (!signed) {
                return invalid;
            }
            String text = jws.getPayload().toString();
            try {
                if ("JWT".equalsIgnoreCase(jws.getHeader().getContentType())) {
                    token = nestedToken(text);
                } else {
                    payload = Json.parse(text);
                }
            } catch (IllegalArgumentException e) {
                return invalid;
            }
        }
        if (!(payload instanceof ObjectValue claims)) {
            return invalid;
        }
        if (claims.get("exp") != null && time.compareTo(seconds(claims, "exp").multiply(BILLION)) >= 0) {
            return invalid;
        }
        if (claims.get("nbf") != null && time.compareTo(seconds(claims, "nbf").multiply(BILLION)) < 0) {
            return invalid;
        }
        if (constraints.get("iss") instanceof StringValue iss && !iss.equals(claims.get("iss"))) {
            return invalid;
        }
        Value aud = claims.get("aud");
        Value wantedAud = constraints.get("aud");
        if (aud != null || wantedAud != null) {
            boolean matches = wantedAud instanceof StringValue w && (w.equals(aud)
                    || aud instanceof ArrayValue list && list.items().contains(w));
            if (!matches) {
                return invalid;
            }
        }
        return new ArrayValue(List.of(BoolValue.TRUE, header, payload));
    }
}
