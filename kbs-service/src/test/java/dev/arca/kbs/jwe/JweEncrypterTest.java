package dev.arca.kbs.jwe;

import com.nimbusds.jose.jwk.Curve;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.testing.SampleGuest;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.JweResponse;
import dev.arca.model.kbs.TeePublicKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.stream.IntStream;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JweEncrypterTest {

    /** A TEE key with private scalar 1, so the public key is the generator of P-256. */
    static final String VECTOR_KEY = "{\"alg\":\"ECDH-ES+A256KW\",\"crv\":\"P-256\",\"kty\":\"EC\","
            + "\"x\":\"axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpY\",\"y\":\"T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU\"}";

    /** Fixed randomness of the vector: ephemeral scalar 2, CEK 0x00..0x1f, IV of 12 zero bytes. */
    static final class VectorRandomness implements JweRandomness {

        @Override
        public KeyPair ephemeralKey(ECParameterSpec curve) {
            return keyPairOfScalar(BigInteger.TWO, curve);
        }

        @Override
        public byte[] contentKey() {
            byte[] cek = new byte[32];
            IntStream.range(0, 32).forEach(i -> cek[i] = (byte) i);
            return cek;
        }

        @Override
        public byte[] iv() {
            return new byte[12];
        }
    }

    static KeyPair keyPairOfScalar(BigInteger scalar, ECParameterSpec curve) {
        try {
            var point = ECNamedCurveTable.getParameterSpec("P-256").getG().multiply(scalar).normalize();
            KeyFactory factory = KeyFactory.getInstance("EC");
            PublicKey pub = factory.generatePublic(new ECPublicKeySpec(new ECPoint(
                    point.getAffineXCoord().toBigInteger(), point.getAffineYCoord().toBigInteger()), curve));
            PrivateKey priv = factory.generatePrivate(new ECPrivateKeySpec(scalar, curve));
            return new KeyPair(pub, priv);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void reproducesThePublishedVectorByteForByte() {
        JweEncrypter encrypter = new JweEncrypter(new VectorRandomness(), false);
        JweResponse jwe = encrypter.encrypt(TeePublicKey.parse(Json.tree(VECTOR_KEY)),
                "hello".getBytes(StandardCharsets.US_ASCII));

        assertThat(Json.write(jwe)).isEqualTo("{\"protected\":\"eyJhbGciOiJFQ0RILUVTK0EyNTZLVyIsImVuYyI6IkEyNTZHQ00iLCJl"
                + "cGsiOnsiY3J2IjoiUC0yNTYiLCJrdHkiOiJFQyIsIngiOiJmUEo3R0kwRFQzNktVamdEQkxVYXc4Q0phZUozOGhzMXBndElfRWRtbV"
                + "hnIiwieSI6IkIzZFZFTnVPMEVBcFBackduM1F3MjdwOXJlWTg2WUlwbmdTM25TSjRjOUUifX0\","
                + "\"encrypted_key\":\"gKD1vwpNmfEvP8gjKru_DX1FK9aTzjya_ixwxHJWfqsCtH0yg1y_WQ\","
                + "\"iv\":\"AAAAAAAAAAAAAAAA\",\"ciphertext\":\"ZtnZsto\",\"tag\":\"umSxPXEFZc7FxcL30tk6fQ\"}");
        assertThat(new String(Base64s.fromUrl(jwe.protectedHeader()), StandardCharsets.UTF_8)).isEqualTo(
                "{\"alg\":\"ECDH-ES+A256KW\",\"enc\":\"A256GCM\",\"epk\":{\"crv\":\"P-256\",\"kty\":\"EC\","
                + "\"x\":\"fPJ7GI0DT36KUjgDBLUaw8CJaeJ38hs1pgtI_EdmmXg\",\"y\":\"B3dVENuO0EApPZrGn3Qw27p9reY86YIpngS3nSJ4c9E\"}}");
    }

    @Test
    void theVectorDecryptsWithNimbusAndTheTeeScalar() throws Exception {
        JweResponse jwe = new JweEncrypter(new VectorRandomness(), false)
                .encrypt(TeePublicKey.parse(Json.tree(VECTOR_KEY)), "hello".getBytes(StandardCharsets.US_ASCII));
        KeyPair tee = keyPairOfScalar(BigInteger.ONE, Curve.P_256.toECParameterSpec());
        var object = com.nimbusds.jose.JWEObject.parse(String.join(".", jwe.protectedHeader(), jwe.encryptedKey(),
                jwe.iv(), jwe.ciphertext(), jwe.tag()));
        object.decrypt(new com.nimbusds.jose.crypto.ECDHDecrypter((java.security.interfaces.ECPrivateKey) tee.getPrivate()));
        assertThat(object.getPayload().toString()).isEqualTo("hello");
    }

    @ParameterizedTest
    @EnumSource(SampleGuest.KeyKind.class)
    void freshKeysDecryptIndependentlyAndKeepTheUpstreamHeaderLayout(SampleGuest.KeyKind kind) {
        SampleGuest guest = SampleGuest.create(kind);
        JweEncrypter encrypter = new JweEncrypter(new SecureJweRandomness(), kind == SampleGuest.KeyKind.RSA1_5);
        byte[] secret = ("a secret for " + kind).getBytes(StandardCharsets.UTF_8);
        JweResponse first = encrypter.encrypt(TeePublicKey.parse(guest.teePubkey()), secret);
        JweResponse second = encrypter.encrypt(TeePublicKey.parse(guest.teePubkey()), secret);

        assertThat(guest.decrypt(first)).isEqualTo(secret);
        assertThat(guest.decrypt(second)).isEqualTo(secret);
        assertThat(SampleGuest.reserialiseLikeUpstream(first.protectedHeader())).isEqualTo(first.protectedHeader());
        assertThat(first.iv()).isNotEqualTo(second.iv());
        assertThat(first.encryptedKey()).isNotEqualTo(second.encryptedKey());
        assertThat(Base64s.fromUrl(first.iv())).hasSize(12);
        assertThat(Base64s.fromUrl(first.tag())).hasSize(16);
    }

    @Test
    void aTamperedHeaderFailsAuthentication() {
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);
        JweResponse jwe = new JweEncrypter(new SecureJweRandomness(), false)
                .encrypt(TeePublicKey.parse(guest.teePubkey()), new byte[] {1, 2, 3});
        String header = new String(Base64s.fromUrl(jwe.protectedHeader()), StandardCharsets.UTF_8);
        // same members, other order: a guest that re-serialises would compute a different AAD
        ObjectNode reordered = Json.MAPPER.createObjectNode();
        reordered.set("enc", Json.tree(header).get("enc"));
        reordered.set("alg", Json.tree(header).get("alg"));
        reordered.set("epk", Json.tree(header).get("epk"));
        JweResponse moved = new JweResponse(Base64s.url(Json.write(reordered).getBytes(StandardCharsets.UTF_8)),
                jwe.encryptedKey(), jwe.iv(), jwe.ciphertext(), jwe.tag());
        assertThatThrownBy(() -> guest.decrypt(moved)).isInstanceOf(AssertionError.class);
    }

    @Test
    void rsa15IsRefusedUnlessAllowed() {
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.RSA_OAEP_256);
        ObjectNode legacy = guest.teePubkey();
        legacy.put("alg", "RSA1_5");
        TeePublicKey key = TeePublicKey.parse(legacy);

        assertThatThrownBy(() -> new JweEncrypter(new SecureJweRandomness(), false).encrypt(key, new byte[] {1}))
                .isInstanceOfSatisfying(KbsException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().errorName()).isEqualTo("JweError");
                });
        JweResponse allowed = new JweEncrypter(new SecureJweRandomness(), true).encrypt(key, "legacy".getBytes());
        assertThat(new String(Base64s.fromUrl(allowed.protectedHeader()), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"RSA1_5\",\"enc\":\"A256GCM\"}");
        assertThat(guest.decrypt(allowed)).isEqualTo("legacy".getBytes());
    }

    @Test
    void theLegacyFormatHasNoAadAndTheTagAppended() throws Exception {
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.RSA1_5);
        TeePublicKey key = TeePublicKey.parse(guest.teePubkey());
        byte[] secret = "for a 0.1.1 guest".getBytes(StandardCharsets.UTF_8);
        JweResponse jwe = new JweEncrypter(new SecureJweRandomness(), true).encryptLegacy(key, secret);
        assertThat(jwe.protectedHeader()).isEqualTo("{\"alg\":\"RSA1_5\",\"enc\":\"A256GCM\"}");
        assertThat(jwe.tag()).isEmpty();
        assertThat(Base64s.fromUrl(jwe.ciphertext())).hasSize(secret.length + 16);
        assertThat(guest.decryptLegacy(jwe)).isEqualTo(secret);
        // no AAD: decrypting with the header as AAD (the RFC rule) must fail, so the two formats cannot be confused
        javax.crypto.Cipher rsa = javax.crypto.Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(javax.crypto.Cipher.DECRYPT_MODE, guest.keyPair().getPrivate());
        byte[] cek = rsa.doFinal(Base64s.fromUrl(jwe.encryptedKey()));
        javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(cek, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, Base64s.fromUrl(jwe.iv())));
        gcm.updateAAD(jwe.protectedHeader().getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> gcm.doFinal(Base64s.fromUrl(jwe.ciphertext())))
                .isInstanceOf(javax.crypto.AEADBadTagException.class);

        assertThatThrownBy(() -> new JweEncrypter(new SecureJweRandomness(), false).encryptLegacy(key, secret))
                .isInstanceOf(KbsException.class);
        TeePublicKey ec = TeePublicKey.parse(SampleGuest.create(SampleGuest.KeyKind.P256).teePubkey());
        assertThatThrownBy(() -> new JweEncrypter(new SecureJweRandomness(), true).encryptLegacy(ec, secret))
                .isInstanceOfSatisfying(KbsException.class,
                        e -> assertThat(e.problem().errorName()).isEqualTo("JweError"));
    }

    /** A cookie session's generation decides; a bearer token's RSA1_5 key means a 0.1.x guest while RSA1_5 is on. */
    @Test
    void theLegacyFormatGoesToOldSessionsAndToRsa15BearerKeys() {
        TeePublicKey rsa15 = TeePublicKey.parse(SampleGuest.create(SampleGuest.KeyKind.RSA1_5).teePubkey());
        TeePublicKey oaep = TeePublicKey.parse(SampleGuest.create(SampleGuest.KeyKind.RSA_OAEP_256).teePubkey());
        TeePublicKey ec = TeePublicKey.parse(SampleGuest.create(SampleGuest.KeyKind.P256).teePubkey());
        JweEncrypter allowed = new JweEncrypter(new SecureJweRandomness(), true);
        JweEncrypter refused = new JweEncrypter(new SecureJweRandomness(), false);

        assertThat(allowed.legacyFor(dev.arca.model.kbs.ProtocolVersion.V0_1_1, rsa15)).isTrue();
        assertThat(allowed.legacyFor(dev.arca.model.kbs.ProtocolVersion.V0_2_0, rsa15)).isFalse();
        assertThat(allowed.legacyFor(null, rsa15)).isTrue();
        assertThat(allowed.legacyFor(null, oaep)).isFalse();
        assertThat(allowed.legacyFor(null, ec)).isFalse();
        // with RSA1_5 off nothing is encrypted to that key anyway; the RFC format's refusal says why
        assertThat(refused.legacyFor(null, rsa15)).isFalse();
    }

    @Test
    void unknownKeyAlgorithmsAreRefused() {
        ObjectNode key = SampleGuest.create(SampleGuest.KeyKind.P256).teePubkey();
        key.put("alg", "ECDH-ES");
        assertThatThrownBy(() -> new JweEncrypter(new SecureJweRandomness(), true)
                .encrypt(TeePublicKey.parse(key), new byte[] {1}))
                .isInstanceOfSatisfying(KbsException.class,
                        e -> assertThat(e.problem().errorName()).isEqualTo("JweError"));
    }

    @Test
    void coordinatesArePaddedToTheCurveSize() {
        assertThat(JweEncrypter.fixedLength(BigInteger.ONE, 4)).containsExactly(0, 0, 0, 1);
        assertThat(JweEncrypter.fixedLength(new BigInteger("ff", 16), 1)).containsExactly(0xff);
        assertThat(JweEncrypter.fixedLength(new BigInteger("80ff", 16), 2)).containsExactly(0x80, 0xff);
    }
}
