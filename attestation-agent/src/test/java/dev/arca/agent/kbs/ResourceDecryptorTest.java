package dev.arca.agent.kbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.JweResponse;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResourceDecryptorTest {

    private static TeeKeyPair rsa;

    @BeforeAll
    static void rsaKey() {
        rsa = TeeKeyPair.generate(TeeKeyAlgorithm.RSA);
    }

    @Test
    void decryptsTheSpecVectorWithScalarOne() throws Exception {
        JweResponse response = Json.read(Vectors.JWE_RESPONSE, JweResponse.class);

        byte[] plaintext = new ResourceDecryptor(TestKeys.p256ScalarOne()).decrypt(response);

        assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void aTamperedTagIsRejected() throws Exception {
        JweResponse good = Json.read(Vectors.JWE_RESPONSE, JweResponse.class);
        JweResponse bad = new JweResponse(good.protectedHeader(), good.encryptedKey(), good.iv(), good.ciphertext(),
                "AAAAAAAAAAAAAAAAAAAAAA");

        assertThatThrownBy(() -> new ResourceDecryptor(TestKeys.p256ScalarOne()).decrypt(bad))
                .isInstanceOf(JweDecryptionException.class);
    }

    @Test
    void anotherKeyCannotDecrypt() throws Exception {
        JweResponse response = Json.read(Vectors.JWE_RESPONSE, JweResponse.class);

        assertThatThrownBy(() -> new ResourceDecryptor(TeeKeyPair.generate(TeeKeyAlgorithm.P256)).decrypt(response))
                .isInstanceOf(JweDecryptionException.class);
    }

    @Test
    void roundTripsP521() throws Exception {
        TeeKeyPair p521 = TeeKeyPair.generate(TeeKeyAlgorithm.P521);
        JweResponse jwe = encrypt(JWEAlgorithm.ECDH_ES_A256KW, EncryptionMethod.A256GCM,
                new ECDHEncrypter((ECPublicKey) p521.publicKey()), "p521 secret");

        assertThat(new ResourceDecryptor(p521).decrypt(jwe)).asString().isEqualTo("p521 secret");
    }

    @Test
    void roundTripsRsaOaep256() throws Exception {
        JweResponse jwe = encrypt(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM,
                new RSAEncrypter((RSAPublicKey) rsa.publicKey()), "oaep secret");

        assertThat(new ResourceDecryptor(rsa).decrypt(jwe)).asString().isEqualTo("oaep secret");
    }

    @Test
    @SuppressWarnings("deprecation")
    void acceptsLegacyRsa15() throws Exception {
        JweResponse jwe = encrypt(JWEAlgorithm.RSA1_5, EncryptionMethod.A256GCM,
                new RSAEncrypter((RSAPublicKey) rsa.publicKey()), "legacy secret");

        assertThat(new ResourceDecryptor(rsa).decrypt(jwe)).asString().isEqualTo("legacy secret");
    }

    @Test
    void refusesAnAlgorithmThatDoesNotFitTheKey() throws Exception {
        JweResponse jwe = encrypt(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM,
                new RSAEncrypter((RSAPublicKey) rsa.publicKey()), "x");

        assertThatThrownBy(() -> new ResourceDecryptor(TestKeys.p256ScalarOne()).decrypt(jwe))
                .isInstanceOf(JweDecryptionException.class).hasMessageContaining("does not fit");
    }

    @Test
    void refusesContentEncryptionOtherThanA256Gcm() throws Exception {
        TeeKeyPair p256 = TeeKeyPair.generate(TeeKeyAlgorithm.P256);
        JweResponse jwe = encrypt(JWEAlgorithm.ECDH_ES_A256KW, EncryptionMethod.A128GCM,
                new ECDHEncrypter((ECPublicKey) p256.publicKey()), "x");

        assertThatThrownBy(() -> new ResourceDecryptor(p256).decrypt(jwe))
                .isInstanceOf(JweDecryptionException.class).hasMessageContaining("A256GCM");
    }

    @Test
    void refusesTheLegacyRawJsonHeaderAndGarbage() {
        ResourceDecryptor decryptor = new ResourceDecryptor(rsa);

        assertThatThrownBy(() -> decryptor.decrypt(new JweResponse("{\"alg\":\"RSA1_5\",\"enc\":\"A256GCM\"}",
                "a", "b", "c", ""))).isInstanceOf(JweDecryptionException.class);
        assertThatThrownBy(() -> decryptor.decrypt(new JweResponse("!!", "a", "b", "c", "d")))
                .isInstanceOf(JweDecryptionException.class);
    }

    private static JweResponse encrypt(JWEAlgorithm alg, EncryptionMethod enc, JWEEncrypter encrypter,
            String plaintext) throws Exception {
        JWEObject jwe = new JWEObject(new JWEHeader(alg, enc), new Payload(plaintext));
        jwe.encrypt(encrypter);
        String[] parts = jwe.serialize().split("\\.", -1);
        return new JweResponse(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }
}
