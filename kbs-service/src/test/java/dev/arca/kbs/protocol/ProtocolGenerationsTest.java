package dev.arca.kbs.protocol;

import dev.arca.kbs.testing.KbsHttp;
import dev.arca.kbs.testing.KbsIntegrationTest;
import dev.arca.kbs.testing.Rcar;
import dev.arca.kbs.testing.SampleGuest;
import dev.arca.kbs.testing.TestEnvironment;
import dev.arca.model.as.VerificationRequest;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.JweResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static dev.arca.kbs.testing.Rcar.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protocol conformance of the older guest generations (older Trustee KBS protocol versions): each one's Request,
 * Attestation shape, runtime-data binding and JWE format, over real HTTP; the AS double checks the binding as the real
 * AS does. 0.4.0 is {@link RcarFlowTest}.
 */
class ProtocolGenerationsTest extends KbsIntegrationTest {

    static final byte[] SECRET = "for an older guest".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void secret() {
        setResourcePolicy(ALLOW_SAMPLE);
        putResource("default/key/legacy", SECRET);
    }

    static VerificationRequest lastPrimary() {
        return TestEnvironment.AS.attestations().getLast().verificationRequests().getFirst();
    }

    KbsHttp.Answer fetch(Rcar.Handshake session) {
        return http.get("/kbs/v0/resource/default/key/legacy", session.cookieHeader());
    }

    @Test
    void protocol010RsaKeyEvidenceAsTextAndTheLegacyJwe() {
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.RSA1_5);
        // 0.1.0 guests send extra-params as a string and get "" back
        Rcar.Handshake session = Rcar.auth(http, "0.1.0", "sample", "\"\"");
        assertThat(session.extraParams().isString()).isTrue();
        assertThat(session.extraParams().asString()).isEmpty();
        assertThat(Base64s.fromStd(session.nonce())).hasSize(32);

        String body = guest.legacyAttestation("0.1.0", session.nonce(), false);
        assertThat(Json.tree(body).get("tee-evidence").isString()).isTrue();
        KbsHttp.Answer attested = Rcar.attest(http, session, body);
        assertThat(attested.status()).as(attested.body()).isEqualTo(200);
        assertThat(attested.header("Set-Cookie")).hasValue(session.setCookie());

        VerificationRequest primary = lastPrimary();
        assertThat(primary.runtimeData().structured().propertyNames()).containsExactlyInAnyOrder("nonce", "tee-pubkey");
        assertThat(primary.runtimeDataHashAlgorithm()).isEqualTo("sha384");
        // the evidence text is forwarded as the guest wrote it
        assertThat(new String(Base64s.fromUrl(primary.evidence()), StandardCharsets.UTF_8))
                .isEqualTo(Json.tree(body).get("tee-evidence").asString());

        KbsHttp.Answer released = fetch(session);
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        JweResponse jwe = Json.read(released.body(), JweResponse.class);
        assertThat(jwe.protectedHeader()).isEqualTo("{\"alg\":\"RSA1_5\",\"enc\":\"A256GCM\"}");
        assertThat(jwe.tag()).isEmpty();
        assertThat(guest.decryptLegacy(jwe)).isEqualTo(SECRET);
    }

    @Test
    void protocol011JsonEvidenceAndTheLegacyJwe() {
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.RSA1_5);
        Rcar.Handshake session = Rcar.auth(http, "0.1.1", "sample", "{}");
        assertThat(session.extraParams().asString()).isEmpty();
        KbsHttp.Answer attested = Rcar.attest(http, session, guest.legacyAttestation("0.1.1", session.nonce(), false));
        assertThat(attested.status()).as(attested.body()).isEqualTo(200);
        assertThat(lastPrimary().runtimeData().structured().propertyNames())
                .containsExactlyInAnyOrder("nonce", "tee-pubkey");

        JweResponse jwe = Json.read(fetch(session).body(), JweResponse.class);
        assertThat(guest.decryptLegacy(jwe)).isEqualTo(SECRET);
    }

    @ParameterizedTest
    @CsvSource({"P256", "P521", "RSA_OAEP_256", "RSA1_5"})
    void protocol020FlatShapeAndTheRfcJwe(SampleGuest.KeyKind kind) {
        SampleGuest guest = SampleGuest.create(kind);
        // a 0.2.0 guest offering hash algorithms is not negotiated with: SHA-384 as in its time
        Rcar.Handshake session = Rcar.auth(http, "0.2.0", "sample", Rcar.ALL_ALGORITHMS);
        assertThat(session.extraParams().asString()).isEmpty();
        KbsHttp.Answer attested = Rcar.attest(http, session, guest.legacyAttestation("0.2.0", session.nonce(), false));
        assertThat(attested.status()).as(attested.body()).isEqualTo(200);

        KbsHttp.Answer released = fetch(session);
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        JweResponse jwe = Json.read(released.body(), JweResponse.class);
        assertThat(guest.decrypt(jwe)).isEqualTo(SECRET);
        assertThat(SampleGuest.reserialiseLikeUpstream(jwe.protectedHeader())).isEqualTo(jwe.protectedHeader());
    }

    @Test
    void protocol030CompositeEvidenceWithTheKeyAtTopLevel() {
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);
        Rcar.Handshake session = Rcar.auth(http, "0.3.0", "sample", null);
        KbsHttp.Answer attested = Rcar.attest(http, session, guest.legacyAttestation("0.3.0", session.nonce(), true));
        assertThat(attested.status()).as(attested.body()).isEqualTo(200);

        List<VerificationRequest> sent = TestEnvironment.AS.attestations().getLast().verificationRequests();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).runtimeData().structured().propertyNames())
                .containsExactly("tee-pubkey", "nonce", "additional-evidence");
        assertThat(sent.get(1).tee()).isEqualTo("sampledevice");
        assertThat(sent.get(1).runtimeData().structured().propertyNames()).containsExactly("tee-pubkey", "nonce");

        JweResponse jwe = Json.read(fetch(session).body(), JweResponse.class);
        assertThat(guest.decrypt(jwe)).isEqualTo(SECRET);
    }

    /**
     * A bearer token does not say which generation its guest speaks, so its key decides: RSA1_5 keys are made only by
     * 0.1.x guests, which get the legacy JWE (LegacyGuestCompatibilityTest has the upstream guest); any other key gets
     * RFC 7516, also from a 0.1.x-era session.
     */
    @Test
    void aBearerTokenGetsTheLegacyJweOnlyForAnRsa15Key() {
        SampleGuest legacy = SampleGuest.create(SampleGuest.KeyKind.RSA1_5);
        Rcar.Handshake v011 = Rcar.auth(http, "0.1.1", "sample", "\"\"");
        String legacyToken = Json.tree(Rcar.attest(http, v011, legacy.legacyAttestation("0.1.1", v011.nonce(), false))
                .body()).get("token").asString();
        KbsHttp.Answer released = http.get("/kbs/v0/resource/default/key/legacy", "Authorization",
                "Bearer " + legacyToken);
        assertThat(legacy.decryptLegacy(Json.read(released.body(), JweResponse.class))).isEqualTo(SECRET);

        SampleGuest oaep = SampleGuest.create(SampleGuest.KeyKind.RSA_OAEP_256);
        Rcar.Handshake v020 = Rcar.auth(http, "0.2.0", "sample", Rcar.ALL_ALGORITHMS);
        String oaepToken = Json.tree(Rcar.attest(http, v020, oaep.legacyAttestation("0.2.0", v020.nonce(), false))
                .body()).get("token").asString();
        released = http.get("/kbs/v0/resource/default/key/legacy", "Authorization", "Bearer " + oaepToken);
        assertThat(oaep.decrypt(Json.read(released.body(), JweResponse.class))).isEqualTo(SECRET);
    }

    @Test
    void eachGenerationRefusesTheOtherShapes() {
        SampleGuest rsa = SampleGuest.create(SampleGuest.KeyKind.RSA1_5);
        SampleGuest ec = SampleGuest.create(SampleGuest.KeyKind.P256);

        Rcar.Handshake v010 = Rcar.auth(http, "0.1.0", "sample", "\"\"");
        // a 0.1.0 guest sends its evidence as text, not as an object
        problem(Rcar.attest(http, v010, rsa.legacyAttestation("0.1.1", v010.nonce(), false)), 400, "SerdeError");
        // 0.1.x guests decrypt only the RSA1_5 legacy JWE
        Rcar.Handshake v011 = Rcar.auth(http, "0.1.1", "sample", "\"\"");
        JsonNode problem = problem(Rcar.attest(http, v011, ec.legacyAttestation("0.1.1", v011.nonce(), false)),
                400, "JweError");
        assertThat(problem.get("detail").asString()).contains("RSA1_5");
        // a 0.4.0 body sent on a 0.2.0 session lacks the top-level tee-pubkey
        Rcar.Handshake v020 = Rcar.auth(http, "0.2.0", "sample", "\"\"");
        problem(Rcar.attest(http, v020, ec.attestation(v020.nonce(), dev.arca.model.json.HashAlgorithm.SHA384,
                false, null)), 400, "SerdeError");
        // evidence bound to another nonce fails at the AS: the binding, not a nonce member, is what 0.3.0 proves
        Rcar.Handshake v030 = Rcar.auth(http, "0.3.0", "sample", null);
        problem(Rcar.attest(http, v030, ec.legacyAttestation("0.3.0", Base64s.std(new byte[32]), false)),
                401, "AttestationError");
        // none of the refusals before the AS call spent a nonce
        assertThat(Rcar.attest(http, v011, rsa.legacyAttestation("0.1.1", v011.nonce(), false)).status())
                .isEqualTo(200);
        assertThat(Rcar.attest(http, v020, ec.legacyAttestation("0.2.0", v020.nonce(), false)).status())
                .isEqualTo(200);
    }

    @Test
    void unknownVersionsAreRefused() {
        for (String version : List.of("0.5.0", "0.4", "1.0.0", "", "0.4.0-rc1")) {
            KbsHttp.Answer answer = http.post("/kbs/v0/auth",
                    "{\"version\":\"" + version + "\",\"tee\":\"sample\",\"extra-params\":\"\"}");
            JsonNode problem = problem(answer, 400, "ProtocolVersionMismatch");
            assertThat(problem.get("detail").asString()).isEqualTo("KBS Client Protocol Version Mismatch: expect one of "
                    + "=0.1.0, =0.1.1, =0.2.0, =0.3.0, =0.4.0 while the request is " + version);
            assertThat(answer.header("Set-Cookie")).isEmpty();
        }
    }
}
