package dev.arca.kbs.protocol;

import dev.arca.kbs.testing.KbsHttp;
import dev.arca.kbs.testing.KbsIntegrationTest;
import dev.arca.kbs.testing.SampleGuest;
import dev.arca.kbs.testing.TestEnvironment;
import dev.arca.model.as.AttestationRequest;
import dev.arca.model.as.VerificationRequest;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.JweResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RCAR handshake and resource release over real HTTP, as an upstream guest performs them (Trustee
 * kbs_attestation_protocol.md).
 */
class RcarFlowTest extends KbsIntegrationTest {

    static final Pattern SET_COOKIE =
            Pattern.compile("kbs-session-id=([0-9a-f]{32}); Expires=[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    static final String ALL_ALGORITHMS = "{\"supported-hash-algorithms\":[\"sha256\",\"sha384\",\"sha512\",\"sm3\"]}";

    record Handshake(String cookie, String setCookie, String nonce, JsonNode extraParams) {

        String[] cookieHeader() {
            return new String[] {"Cookie", "kbs-session-id=" + cookie};
        }
    }

    Handshake auth(String extraParams) {
        String body = "{\"version\":\"0.4.0\",\"tee\":\"sample\""
                + (extraParams == null ? "" : ",\"extra-params\":" + extraParams) + "}";
        KbsHttp.Answer answer = http.post("/kbs/v0/auth", body, "Content-Type", "application/json");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        String setCookie = answer.header("Set-Cookie").orElseThrow();
        Matcher m = SET_COOKIE.matcher(setCookie);
        assertThat(m.matches()).as(setCookie).isTrue();
        JsonNode challenge = Json.tree(answer.body());
        return new Handshake(m.group(1), setCookie, challenge.get("nonce").asString(), challenge.get("extra-params"));
    }

    KbsHttp.Answer attest(Handshake session, String body) {
        return http.post("/kbs/v0/attest", body, "Cookie", "kbs-session-id=" + session.cookie(),
                "Content-Type", "application/json");
    }

    String attestOk(Handshake session, SampleGuest guest) {
        KbsHttp.Answer answer = attest(session, guest.attestation(session.nonce(), HashAlgorithm.SHA384, false, null));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return Json.tree(answer.body()).get("token").asString();
    }

    static JsonNode problem(KbsHttp.Answer answer, int status, String name) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Json.tree(answer.body());
        assertThat(problem.get("type").asString())
                .isEqualTo("https://github.com/confidential-containers/kbs/errors/" + name);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return problem;
    }

    @Test
    void fullHandshakeWithP256KeyDeviceEvidenceAndInitData() {
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);
        Handshake session = auth(ALL_ALGORITHMS);
        assertThat(Base64s.fromStd(session.nonce())).hasSize(32);
        assertThat(session.nonce()).hasSize(44).endsWith("=");
        assertThat(Json.write(session.extraParams())).isEqualTo("{\"selected-hash-algorithm\":\"sha384\"}");

        String toml = "version = \"0.1.0\"\nalgorithm = \"sha384\"\n[data]\n\"aa.toml\" = \"\"\n";
        String body = guest.attestation(session.nonce(), HashAlgorithm.SHA384, true, toml);
        KbsHttp.Answer attested = attest(session, body);
        assertThat(attested.status()).as(attested.body()).isEqualTo(200);
        assertThat(attested.header("Set-Cookie")).hasValue(session.setCookie());
        String token = Json.tree(attested.body()).get("token").asString();
        assertThat(token.split("\\.")).hasSize(3);

        AttestationRequest sent = TestEnvironment.AS.attestations().getLast();
        assertThat(sent.policyIds()).containsExactly("default");
        VerificationRequest primary = sent.verificationRequests().get(0);
        VerificationRequest device = sent.verificationRequests().get(1);
        assertThat(primary.tee()).isEqualTo("sample");
        assertThat(primary.runtimeDataHashAlgorithm()).isEqualTo("sha384");
        assertThat(primary.initData().toml()).isEqualTo(toml);
        JsonNode primaryRuntime = primary.runtimeData().structured();
        assertThat(primaryRuntime.propertyNames()).containsExactly("tee-pubkey", "nonce", "additional-evidence");
        assertThat(primaryRuntime.get("tee-pubkey")).isEqualTo(guest.teePubkey());
        JsonNode sentBody = Json.tree(body);
        assertThat(new String(Base64s.fromUrl(primary.evidence()), StandardCharsets.UTF_8))
                .isEqualTo(Json.write(sentBody.at("/tee-evidence/primary_evidence")));
        assertThat(device.tee()).isEqualTo("sampledevice");
        assertThat(device.initData()).isNull();
        assertThat(device.runtimeData().structured().propertyNames()).containsExactly("tee-pubkey", "nonce");

        setResourcePolicy(ALLOW_SAMPLE);
        byte[] secret = "p256 cookie secret".getBytes(StandardCharsets.UTF_8);
        putResource("default/key/p256", secret);
        KbsHttp.Answer released = http.get("/kbs/v0/resource/default/key/p256", session.cookieHeader());
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(released.header("Set-Cookie")).isEmpty();
        JweResponse jwe = Json.read(released.body(), JweResponse.class);
        assertThat(guest.decrypt(jwe)).isEqualTo(secret);
        assertThat(SampleGuest.reserialiseLikeUpstream(jwe.protectedHeader())).isEqualTo(jwe.protectedHeader());
        assertThat(Json.tree(released.body()).has("aad")).isFalse();
        JsonNode header = Json.tree(new String(Base64s.fromUrl(jwe.protectedHeader()), StandardCharsets.UTF_8));
        assertThat(header.get("alg").asString()).isEqualTo("ECDH-ES+A256KW");
        assertThat(header.at("/epk/crv").asString()).isEqualTo("P-256");
    }

    @Test
    void fullHandshakeWithRsaOaepKeyAndNoNegotiation() {
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.RSA_OAEP_256);
        Handshake session = auth(null);
        assertThat(session.extraParams().isString()).isTrue();
        assertThat(session.extraParams().asString()).isEmpty();
        attestOk(session, guest);

        setResourcePolicy(ALLOW_SAMPLE + " && request.plugin == \"resource\" && request.path == [\"default\", \"key\", \"rsa\"]");
        byte[] secret = new byte[4096];
        new java.security.SecureRandom().nextBytes(secret);
        putResource("default/key/rsa", secret);
        KbsHttp.Answer released = http.get("/kbs/v0/resource/default/key/rsa", session.cookieHeader());
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        JweResponse jwe = Json.read(released.body(), JweResponse.class);
        assertThat(guest.decrypt(jwe)).isEqualTo(secret);
        assertThat(new String(Base64s.fromUrl(jwe.protectedHeader()), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"}");
    }

    @Test
    void bearerModeWithP521Key() {
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P521);
        String token = attestOk(auth(ALL_ALGORITHMS), guest);
        setResourcePolicy(ALLOW_SAMPLE);
        byte[] secret = "passport secret".getBytes(StandardCharsets.UTF_8);
        putResource("default/key/p521", secret);

        KbsHttp.Answer released = http.get("/kbs/v0/resource/default/key/p521", "Authorization", "Bearer " + token);
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        JweResponse jwe = Json.read(released.body(), JweResponse.class);
        assertThat(guest.decrypt(jwe)).isEqualTo(secret);
        assertThat(SampleGuest.reserialiseLikeUpstream(jwe.protectedHeader())).isEqualTo(jwe.protectedHeader());
        JsonNode epk = Json.tree(new String(Base64s.fromUrl(jwe.protectedHeader()), StandardCharsets.UTF_8)).get("epk");
        assertThat(Base64s.fromUrl(epk.get("x").asString())).hasSize(66);
        assertThat(Base64s.fromUrl(epk.get("y").asString())).hasSize(66);
    }

    @Test
    void anAttestedSessionAnswersItsTokenAgain() {
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);
        Handshake session = auth(ALL_ALGORITHMS);
        String token = attestOk(session, guest);
        int calls = TestEnvironment.AS.attestations().size();
        String otherEvidence = SampleGuest.create(SampleGuest.KeyKind.P256)
                .attestation("some other nonce", HashAlgorithm.SHA384, false, null);
        KbsHttp.Answer again = attest(session, otherEvidence);
        assertThat(again.status()).isEqualTo(200);
        assertThat(Json.tree(again.body()).get("token").asString()).isEqualTo(token);
        assertThat(again.header("Set-Cookie")).hasValue(session.setCookie());
        assertThat(TestEnvironment.AS.attestations()).hasSize(calls);
    }

    @Test
    void unknownTeeAndMalformedRequestsAreRefused() {
        problem(http.post("/kbs/v0/auth", "{\"version\":\"0.4.0\",\"tee\":\"quantum\"}"), 400, "InvalidRequest");
        problem(http.post("/kbs/v0/auth", "{\"version\":\"0.4.0\","), 400, "SerdeError");
        problem(http.post("/kbs/v0/auth", "[]"), 400, "SerdeError");
        problem(http.post("/kbs/v0/auth", ""), 400, "SerdeError");
        problem(http.post("/kbs/v0/auth",
                "{\"version\":\"0.4.0\",\"tee\":\"sample\",\"extra-params\":{\"supported-hash-algorithms\":[\"sm3\"]}}"),
                400, "InvalidRequest");
        Handshake session = auth(null);
        problem(attest(session, "{\"runtime-data\":"), 400, "SerdeError");
        problem(attest(session, "{}"), 400, "SerdeError");
    }

    @Test
    void wrongNonceIsRefusedAndSpendsNothing() {
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);
        Handshake session = auth(ALL_ALGORITHMS);
        int calls = TestEnvironment.AS.attestations().size();
        String forged = Base64s.std(new byte[32]);
        JsonNode problem = problem(attest(session, guest.attestation(forged, HashAlgorithm.SHA384, false, null)),
                401, "AttestationError");
        assertThat(problem.get("detail").asString()).contains("nonce mismatch");
        assertThat(TestEnvironment.AS.attestations()).hasSize(calls);
        attestOk(session, guest);
    }

    @Test
    void aNonceIsSingleUseEvenWhenTheAttestationFailed() {
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);
        Handshake session = auth(ALL_ALGORITHMS);
        // evidence hashed with SHA-512 while the session negotiated SHA-384: the AS refuses the binding
        String mismatched = guest.attestation(session.nonce(), HashAlgorithm.SHA512, false, null);
        JsonNode refused = problem(attest(session, mismatched), 401, "AttestationError");
        assertThat(refused.get("detail").asString()).contains("report_data does not match");

        String good = guest.attestation(session.nonce(), HashAlgorithm.SHA384, false, null);
        JsonNode reused = problem(attest(session, good), 401, "AttestationError");
        assertThat(reused.get("detail").asString()).contains("already used");
    }

    @Test
    void attestNeedsAKnownSession() {
        String body = SampleGuest.create(SampleGuest.KeyKind.P256)
                .attestation(Base64s.std(new byte[32]), HashAlgorithm.SHA384, false, null);
        problem(http.post("/kbs/v0/attest", body), 401, "AttestationError");
        problem(http.post("/kbs/v0/attest", body, "Cookie", "kbs-session-id=0123456789abcdef0123456789abcdef"),
                401, "AttestationError");
        problem(http.post("/kbs/v0/attest", body, "Cookie", "kbs-session-id=../../x"), 401, "AttestationError");
    }

    @Test
    void unusableTeeKeysAreRefusedAtAttest() {
        Handshake session = auth(null);
        SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);
        JsonNode body = Json.tree(guest.attestation(session.nonce(), HashAlgorithm.SHA384, false, null));
        ((tools.jackson.databind.node.ObjectNode) body.at("/runtime-data/tee-pubkey")).put("x", "AAAA");
        problem(attest(session, Json.write(body)), 400, "InvalidRequest");

        JsonNode unknownAlg = Json.tree(guest.attestation(session.nonce(), HashAlgorithm.SHA384, false, null));
        ((tools.jackson.databind.node.ObjectNode) unknownAlg.at("/runtime-data/tee-pubkey")).put("alg", "ECDH-ES");
        problem(attest(session, Json.write(unknownAlg)), 400, "JweError");
        // neither refusal spent the nonce
        attestOk(session, guest);
    }

    @Test
    void oversizedBodiesAreRefused() {
        byte[] huge = new byte[2 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        problem(http.post("/kbs/v0/auth", huge), 413, "PayloadTooLarge");
    }

    @Test
    void unknownPluginsAndMethods() {
        JsonNode problem = problem(http.get("/kbs/v0/auth"), 404, "PluginNotFound");
        assertThat(problem.get("detail").asString()).isEqualTo("Plugin auth not found");
        problem(http.get("/kbs/v0/nebula-ca/credential"), 404, "PluginNotFound");
        problem(http.method("PUT", "/kbs/v0/resource/default/key/x"), 405, "InvalidRequest");
        for (String method : new String[] {"PATCH", "OPTIONS", "HEAD", "TRACE"}) {
            KbsHttp.RawAnswer answer = http.raw(method, "/kbs/v0/resource/default/key/x");
            assertThat(answer.status()).as(method).isEqualTo(405);
        }
        problem(http.method("OPTIONS", "/kbs/v0/auth"), 405, "InvalidRequest");
    }

    @Test
    void bearerHeadersUpTo256KibAreAccepted() {
        String large = "x".repeat(200_000);
        JsonNode verified = problem(http.get("/kbs/v0/resource/default/key/x", "Authorization", "Bearer " + large),
                401, "TokenVerifierError");
        assertThat(verified.get("detail").asString()).contains("not a signed JWT");
        KbsHttp.RawAnswer tooLarge = http.raw("GET", "/kbs/v0/resource/default/key/x",
                "Authorization: Bearer " + "x".repeat(300_000));
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.head()).containsIgnoringCase("Content-Type: application/problem+json");
    }

    @Test
    void healthIsUp() {
        KbsHttp.Answer health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(Json.tree(health.body()).get("status").asString()).isEqualTo("UP");
    }
}
