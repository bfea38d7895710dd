package dev.arca.kbs.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.kbs.testing.KbsHttp;
import dev.arca.kbs.testing.KbsIntegrationTest;
import dev.arca.kbs.testing.Rcar;
import dev.arca.kbs.testing.SampleGuest;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A 0.1.x guest — guest-components up to v0.11 (kbs_protocol speaking {@code KBS_PROTOCOL_VERSION = "0.1.1"}) — against
 * a KBS that allows RSA1_5 key transport, over real HTTP, in both of its modes: the RCAR client (cookie session) and the
 * token client (passport mode, {@code Authorization: Bearer}, what its confidential-data-hub uses). The guest is
 * written from its source (attestation-agent/kbs_protocol at v0.11.0): a 2048-bit RSA key exported as
 * {@code {"kty":"RSA","alg":"RSA1_5","n","e"}} (base64url, no padding, of the big-endian magnitudes); a Request with
 * version 0.1.1 and its supported hash algorithms; runtime data {@code {"nonce","tee-pubkey"}} hashed with the
 * challenge's selected algorithm or SHA-384; and {@code TeeKeyPair::decrypt_response}, which reads {@code protected}
 * as raw JSON text, picks the RSA padding from its {@code alg}, and opens AES-256-GCM without AAD over the
 * base64url-no-pad {@code ciphertext} (tag included); the response must have the five members of kbs-types 0.7's
 * {@code Response}.
 */
class LegacyGuestCompatibilityTest extends KbsIntegrationTest {

    private static final byte[] SECRET = "for a 0.1.x guest".getBytes(StandardCharsets.UTF_8);
    private static final String RESOURCE = "/kbs/v0/resource/default/key/v011";

    @BeforeEach
    void secret() {
        setResourcePolicy(ALLOW_SAMPLE);
        putResource("default/key/v011", SECRET);
    }

    /** guest-components v0.11's kbs_protocol, as far as these calls go. */
    static final class V011Guest {

        private static final Base64.Decoder URL_NO_PAD = Base64.getUrlDecoder();

        final KeyPair key;

        V011Guest() throws GeneralSecurityException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            key = generator.generateKeyPair();
        }

        /** {@code TeeKeyPair::export_pubkey}: kbs-types 0.7 {@code TeePubKey::RSA}. */
        ObjectNode teePubkey() {
            RSAPublicKey rsa = (RSAPublicKey) key.getPublic();
            ObjectNode jwk = Json.MAPPER.createObjectNode();
            jwk.put("kty", "RSA");
            jwk.put("alg", "RSA1_5");
            jwk.put("n", urlNoPad(magnitude(rsa.getModulus())));
            jwk.put("e", urlNoPad(magnitude(rsa.getPublicExponent())));
            return jwk;
        }

        /** The RCAR handshake: /auth with version 0.1.1, then /attest with sample evidence; returns the token. */
        String attest(KbsHttp http, Rcar.Handshake session) {
            ObjectNode runtime = Json.MAPPER.createObjectNode();
            runtime.put("nonce", session.nonce());
            runtime.set("tee-pubkey", teePubkey());
            ObjectNode attestation = Json.MAPPER.createObjectNode();
            attestation.set("tee-pubkey", teePubkey());
            attestation.set("tee-evidence", SampleGuest.sampleEvidence("1", runtime, HashAlgorithm.SHA384));
            KbsHttp.Answer answer = Rcar.attest(http, session, Json.write(attestation));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return Json.tree(answer.body()).get("token").asString();
        }

        /** {@code TeeKeyPair::decrypt_response}; throws where the guest's deserialisation or decryption fails. */
        byte[] decryptResponse(String body) throws Exception {
            JsonNode response = Json.tree(body);
            for (String member : List.of("protected", "encrypted_key", "iv", "ciphertext", "tag")) {
                if (!response.path(member).isString()) {
                    throw new IllegalArgumentException("kbs_types::Response lacks the string " + member);
                }
            }
            // serde_json::from_str(&response.protected): the raw JSON text of {alg, enc}
            JsonNode header = Json.tree(response.get("protected").asString());
            String alg = header.get("alg").asString();
            if (!"A256GCM".equals(header.get("enc").asString())) {
                throw new IllegalArgumentException("unsupported enc " + header.get("enc"));
            }
            Cipher rsa = switch (alg) {
                case "RSA1_5" -> Cipher.getInstance("RSA/ECB/PKCS1Padding");
                case "RSA-OAEP" -> Cipher.getInstance("RSA/ECB/OAEPPadding");
                default -> throw new IllegalArgumentException("Unsupported padding mode for wrapped key: " + alg);
            };
            if ("RSA-OAEP".equals(alg)) {
                rsa.init(Cipher.DECRYPT_MODE, key.getPrivate(), new OAEPParameterSpec("SHA-256", "MGF1",
                        MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
            } else {
                rsa.init(Cipher.DECRYPT_MODE, key.getPrivate());
            }
            byte[] cek = rsa.doFinal(urlNoPad(response.get("encrypted_key").asString()));
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"),
                    new GCMParameterSpec(128, urlNoPad(response.get("iv").asString())));
            return gcm.doFinal(urlNoPad(response.get("ciphertext").asString()));
        }

        private static byte[] urlNoPad(String text) {
            if (text.contains("=")) {
                throw new IllegalArgumentException("URL_SAFE_NO_PAD refuses padding");
            }
            return URL_NO_PAD.decode(text);
        }

        private static String urlNoPad(byte[] bytes) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        /** {@code BigUint::to_bytes_be}: no sign byte. */
        private static byte[] magnitude(BigInteger value) {
            byte[] bytes = value.toByteArray();
            return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
        }
    }

    @Test
    void theCookieSessionGetsTheLegacyJwe() throws Exception {
        V011Guest guest = new V011Guest();
        Rcar.Handshake session = Rcar.auth(http, "0.1.1", "sample", Rcar.ALL_ALGORITHMS);
        guest.attest(http, session);

        KbsHttp.Answer released = http.get(RESOURCE, session.cookieHeader());
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(guest.decryptResponse(released.body())).isEqualTo(SECRET);
    }

    /** The token client (passport mode) sends the token alone; its decrypt_response is the same. */
    @Test
    void theBearerTokenGetsTheLegacyJweToo() throws Exception {
        V011Guest guest = new V011Guest();
        String token = guest.attest(http, Rcar.auth(http, "0.1.1", "sample", Rcar.ALL_ALGORITHMS));

        KbsHttp.Answer released = http.get(RESOURCE, "Authorization", "Bearer " + token);
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(guest.decryptResponse(released.body())).isEqualTo(SECRET);
        JsonNode jwe = Json.tree(released.body());
        assertThat(jwe.get("protected").asString()).isEqualTo("{\"alg\":\"RSA1_5\",\"enc\":\"A256GCM\"}");
        assertThat(jwe.get("tag").asString()).isEmpty();
    }

    /**
     * The same v0.11 decryption fails on the RFC 7516 shape (a base64url {@code protected}) — what the bearer GET
     * answered before; a guest of protocol 0.2.0+ (a P-256 key) still gets that shape by bearer.
     */
    @Test
    void newerGuestsKeepTheRfcShapeByBearer() throws Exception {
        SampleGuest newer = SampleGuest.create(SampleGuest.KeyKind.P256);
        String token = Rcar.attestOk(http, Rcar.auth(http, Rcar.ALL_ALGORITHMS), newer);

        KbsHttp.Answer released = http.get(RESOURCE, "Authorization", "Bearer " + token);
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        dev.arca.model.kbs.JweResponse rfc = Json.read(released.body(), dev.arca.model.kbs.JweResponse.class);
        assertThat(newer.decrypt(rfc)).isEqualTo(SECRET);
        V011Guest old = new V011Guest();
        assertThatThrownBy(() -> old.decryptResponse(released.body())).isNotNull();
    }
}
