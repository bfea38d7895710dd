package dev.arca.agent.kbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Base64s;
import dev.arca.model.json.Jcs;
import dev.arca.model.kbs.TeePublicKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class TeeKeyPairTest {

    @Test
    void p256ScalarOneExportsTheVectorJwk() throws Exception {
        ObjectNode jwk = TestKeys.p256ScalarOne().publicJwk();

        assertThat(new String(Jcs.canonicalize(jwk), StandardCharsets.UTF_8)).isEqualTo(Vectors.JWK_JCS);
        assertThat(List.copyOf(jwk.propertyNames())).containsExactly("kty", "crv", "alg", "x", "y");
    }

    @Test
    void generatedP256KeyHasFixedLengthCoordinatesEvenWithLeadingZeros() {
        // About 1 key in 128 has an X or Y below 2^248; keep generating until one does, so padding is exercised.
        TeeKeyPair padded = null;
        for (int i = 0; i < 5000 && padded == null; i++) {
            TeeKeyPair candidate = TeeKeyPair.generate(TeeKeyAlgorithm.P256);
            ECPublicKey key = (ECPublicKey) candidate.publicKey();
            if (key.getW().getAffineX().bitLength() <= 248 || key.getW().getAffineY().bitLength() <= 248) {
                padded = candidate;
            }
        }
        assertThat(padded).as("a key with a short coordinate").isNotNull();

        ObjectNode jwk = padded.publicJwk();
        ECPublicKey key = (ECPublicKey) padded.publicKey();
        assertThat(Base64s.fromUrl(jwk.get("x").asString())).hasSize(32);
        assertThat(Base64s.fromUrl(jwk.get("y").asString())).hasSize(32);
        assertThat(new BigInteger(1, Base64s.fromUrl(jwk.get("x").asString()))).isEqualTo(key.getW().getAffineX());
        assertThat(new BigInteger(1, Base64s.fromUrl(jwk.get("y").asString()))).isEqualTo(key.getW().getAffineY());
        assertThat(TeePublicKey.parse(jwk)).isInstanceOf(TeePublicKey.Ec.class);
    }

    @Test
    void p521JwkHas66ByteCoordinatesAndIsAcceptedByTheKbsParser() {
        ObjectNode jwk = TeeKeyPair.generate(TeeKeyAlgorithm.P521).publicJwk();

        assertThat(jwk.get("kty").asString()).isEqualTo("EC");
        assertThat(jwk.get("crv").asString()).isEqualTo("P-521");
        assertThat(jwk.get("alg").asString()).isEqualTo("ECDH-ES+A256KW");
        assertThat(Base64s.fromUrl(jwk.get("x").asString())).hasSize(66);
        assertThat(Base64s.fromUrl(jwk.get("y").asString())).hasSize(66);
        assertThat(((TeePublicKey.Ec) TeePublicKey.parse(jwk)).crv()).isEqualTo("P-521");
    }

    @Test
    void rsaJwkHasAMinimalModulusAndStandardExponent() {
        TeeKeyPair pair = TeeKeyPair.generate(TeeKeyAlgorithm.RSA);
        ObjectNode jwk = pair.publicJwk();

        assertThat(List.copyOf(jwk.propertyNames())).containsExactly("kty", "alg", "n", "e");
        assertThat(jwk.get("alg").asString()).isEqualTo("RSA-OAEP-256");
        assertThat(jwk.get("e").asString()).isEqualTo("AQAB");
        byte[] n = Base64s.fromUrl(jwk.get("n").asString());
        assertThat(n).hasSize(384);
        assertThat(n[0]).isNotZero();
        assertThat(new BigInteger(1, n)).isEqualTo(((RSAPublicKey) pair.publicKey()).getModulus());
        assertThat(TeePublicKey.parse(jwk)).isInstanceOf(TeePublicKey.Rsa.class);
    }

    @Test
    void minimalDropsTheSignByteAndLeadingZeros() {
        assertThat(TeeKeyPair.minimal(new BigInteger("ff00", 16))).containsExactly(0xff, 0x00);
        assertThat(TeeKeyPair.minimal(BigInteger.ONE)).containsExactly(1);
        assertThat(TeeKeyPair.fixedLength(BigInteger.ONE, 4)).containsExactly(0, 0, 0, 1);
    }

    @Test
    void publicJwkIsACopy() throws Exception {
        TeeKeyPair pair = TestKeys.p256ScalarOne();
        pair.publicJwk().put("x", "changed");

        assertThat(pair.publicJwk().get("x").asString()).isEqualTo(Vectors.X);
    }

    @Test
    void wrappingAKeyOfTheWrongKindIsRefused() throws Exception {
        TeeKeyPair p256 = TestKeys.p256ScalarOne();
        var keyPair = new java.security.KeyPair(p256.publicKey(), p256.privateKey());

        assertThatThrownBy(() -> TeeKeyPair.of(TeeKeyAlgorithm.P521, keyPair)).hasMessageContaining("P521");
        assertThatThrownBy(() -> TeeKeyPair.of(TeeKeyAlgorithm.RSA, keyPair)).hasMessageContaining("RSA");
    }

    @Test
    void algorithmNamesCoverCliAndUpstreamConfig() {
        assertThat(TeeKeyAlgorithm.fromName("p521")).contains(TeeKeyAlgorithm.P521);
        assertThat(TeeKeyAlgorithm.fromName("ECDH-ES+A256KW-P256")).contains(TeeKeyAlgorithm.P256);
        assertThat(TeeKeyAlgorithm.fromName("RSA-OAEP-256")).contains(TeeKeyAlgorithm.RSA);
        assertThat(TeeKeyAlgorithm.fromName("dsa")).isEmpty();
    }

    @Test
    void privateKeysExportInUpstreamPemFormsAndImportBack() throws Exception {
        TeeKeyPair p256 = TestKeys.p256ScalarOne();
        String ecPem = p256.privateKeyPem();
        assertThat(ecPem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n")
                .doesNotContain("\r");
        TeeKeyPair ec = TeeKeyPair.fromPem(ecPem, TeeKeyAlgorithm.RSA);
        assertThat(ec.algorithm()).isEqualTo(TeeKeyAlgorithm.P256);
        assertThat(ec.publicJwk()).isEqualTo(p256.publicJwk()); // the public point is recomputed as d·G

        TeeKeyPair p521 = TeeKeyPair.generate(TeeKeyAlgorithm.P521);
        assertThat(TeeKeyPair.fromPem(p521.privateKeyPem(), TeeKeyAlgorithm.RSA).publicJwk())
                .isEqualTo(p521.publicJwk());

        TeeKeyPair rsa = TeeKeyPair.generate(TeeKeyAlgorithm.RSA);
        String rsaPem = rsa.privateKeyPem();
        assertThat(rsaPem).startsWith("-----BEGIN RSA PRIVATE KEY-----\n"); // PKCS#1, as upstream
        TeeKeyPair imported = TeeKeyPair.fromPem(rsaPem, TeeKeyAlgorithm.RSA1_5);
        assertThat(imported.publicKey()).isEqualTo(rsa.publicKey());
        assertThat(imported.publicJwk().get("alg").asString()).isEqualTo("RSA1_5");

        assertThatThrownBy(() -> TeeKeyPair.fromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
                TeeKeyAlgorithm.RSA)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TeeKeyPair.fromPem(ecPem, TeeKeyAlgorithm.P256))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedEcKeysExportTheJdksPkcs8ShapeAndImportBack() throws Exception {
        TeeKeyPair generated = TeeKeyPair.generate(TeeKeyAlgorithm.P256);
        ECPrivateKey key = (ECPrivateKey) generated.privateKey();
        byte[] jdkEncoding = KeyFactory.getInstance("EC")
                .generatePrivate(new ECPrivateKeySpec(key.getS(), key.getParams())).getEncoded();

        String pem = generated.privateKeyPem();
        byte[] exported = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", ""));

        // the curve once (in the algorithm identifier) and the scalar, no public point: 67 bytes for P-256
        assertThat(exported).isEqualTo(jdkEncoding).hasSize(67);
        assertThat(TeeKeyPair.fromPem(pem, TeeKeyAlgorithm.RSA).publicJwk()).isEqualTo(generated.publicJwk());
    }

    @Test
    void rsa15KeysAnnounceTheLegacyAlgorithm() {
        assertThat(TeeKeyAlgorithm.fromName("rsa1_5")).contains(TeeKeyAlgorithm.RSA1_5);
        assertThat(TeeKeyAlgorithm.RSA1_5.isRsa()).isTrue();
        assertThat(TeeKeyAlgorithm.P256.isRsa()).isFalse();
    }
}
