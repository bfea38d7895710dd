package dev.arca.rego;

import static dev.arca.rego.TestPem.pem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.rego.value.Json;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EdDSA (Ed25519, RFC 8037) in {@code io.jwt.verify_eddsa}, {@code io.jwt.decode_verify} and {@code
 * io.jwt.encode_sign}: tokens signed by the JDK are verified by the engine, and tokens the engine signs verify with the
 * JDK, with OKP JWKs, JWK sets, PEM public keys and certificates.
 */
class EdDsaJwtTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final RegoEngine ENGINE = RegoEngine.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private static KeyPair key;
    private static KeyPair otherKey;
    private static String publicJwk;
    private static String privateJwk;
    private static String publicPem;
    private static String certificatePem;

    @BeforeAll
    static void keys() throws Exception {
        var generator = KeyPairGenerator.getInstance("Ed25519");
        key = generator.generateKeyPair();
        otherKey = generator.generateKeyPair();
        byte[] spki = key.getPublic().getEncoded();
        byte[] pkcs8 = key.getPrivate().getEncoded();
        String x = B64URL.encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        String d = B64URL.encodeToString(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
        publicJwk = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\"}";
        privateJwk = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\",\"d\":\"" + d + "\"}";
        publicPem = pem(key.getPublic());
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=signer"), BigInteger.ONE,
                Date.from(NOW.minus(1, ChronoUnit.DAYS)), Date.from(NOW.plus(1, ChronoUnit.DAYS)),
                new X500Name("CN=signer"), key.getPublic());
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("Ed25519").build(key.getPrivate())));
        certificatePem = pem(cert);
    }

    /** A token signed with the JDK's Ed25519. */
    private static String jdkToken(KeyPair signer, String payload) throws Exception {
        String input = B64URL.encodeToString("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(signer.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64URL.encodeToString(s.sign());
    }

    private static String eval(String expression, Value input) {
        return ENGINE.compile("package t\nx := " + expression).evaluate("data.t.x", input, null)
                .map(Json::write).orElse("undefined");
    }

    private static Value pair(String token, String keyText) {
        return Json.parse("{\"token\": " + Json.write(new StringValue(token)) + ", \"key\": "
                + Json.write(new StringValue(keyText)) + "}");
    }

    @Test
    void verifyEddsaAcceptsEveryKeyForm() throws Exception {
        String token = jdkToken(key, "{\"sub\":\"a\"}");
        for (String k : new String[] {publicJwk, "{\"keys\":[" + publicJwk + "]}", publicPem, certificatePem}) {
            assertThat(eval("io.jwt.verify_eddsa(input.token, input.key)", pair(token, k))).as(k).isEqualTo("true");
        }
    }

    @Test
    void verifyEddsaRefusesOtherKeysTamperingAndOtherAlgorithms() throws Exception {
        String token = jdkToken(otherKey, "{\"sub\":\"a\"}");
        assertThat(eval("io.jwt.verify_eddsa(input.token, input.key)", pair(token, publicJwk))).isEqualTo("false");
        String good = jdkToken(key, "{\"sub\":\"a\"}");
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + B64URL.encodeToString("{\"sub\":\"b\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(eval("io.jwt.verify_eddsa(input.token, input.key)", pair(tampered, publicJwk))).isEqualTo("false");
        // an EdDSA token checked as ES256 fails, and an EdDSA key is no ECDSA key
        assertThat(eval("io.jwt.verify_es256(input.token, input.key)", pair(good, publicJwk))).isEqualTo("false");
    }

    @Test
    void decodeVerifyChecksEddsaSignaturesAndClaims() throws Exception {
        long exp = NOW.getEpochSecond() + 60;
        String token = jdkToken(key, "{\"iss\":\"arca\",\"exp\":" + exp + "}");
        assertThat(eval("io.jwt.decode_verify(input.token, {\"cert\": input.key, \"iss\": \"arca\"})", pair(token, certificatePem)))
                .isEqualTo("[true,{\"alg\":\"EdDSA\",\"typ\":\"JWT\"},{\"exp\":" + exp + ",\"iss\":\"arca\"}]");
        assertThat(eval("io.jwt.decode_verify(input.token, {\"cert\": input.key, \"alg\": \"ES256\"})", pair(token, publicJwk)))
                .isEqualTo("[false,{},{}]");
        String expired = jdkToken(key, "{\"exp\":" + (NOW.getEpochSecond() - 1) + "}");
        assertThat(eval("io.jwt.decode_verify(input.token, {\"cert\": input.key})", pair(expired, publicJwk)))
                .isEqualTo("[false,{},{}]");
    }

    @Test
    void encodeSignWithAnOkpKeyMakesTokensTheJdkVerifies() throws Exception {
        String token = Json.parse(eval("io.jwt.encode_sign({\"alg\": \"EdDSA\"}, {\"sub\": \"x\"}, json.unmarshal(input))",
                new StringValue(privateJwk))).toJava().toString();
        String[] parts = token.split("\\.");
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key.getPublic());
        s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(s.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(eval("io.jwt.verify_eddsa(input.token, input.key)", pair(token, publicJwk))).isEqualTo("true");
        // a public key cannot sign
        assertThat(eval("io.jwt.encode_sign({\"alg\": \"EdDSA\"}, {}, json.unmarshal(input))", new StringValue(publicJwk)))
                .isEqualTo("undefined");
    }
}
