package dev.arca.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The walking skeleton across all four components: real processes, real HTTP, H2 in a temporary directory.
 * Each failure case checks its status, its problem body, and that it left nothing behind (the session stays
 * unattested, the secret stays unreleased).
 */
class WalkingSkeletonIT {

    static final String SECRET = "s3cr3t-for-an-attested-guest";
    static final String ADMIT_SAMPLE = "input.submods.cpu0[\"ear.status\"] == \"affirming\" && request.path[0] == \"it\"";

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.start();
        String payload = Base64s.std(("{\"svn\":[\"1\"],\"launch_digest\":[\"abcde\"],\"major_version\":1,"
                + "\"minimum_minor_version\":0}").getBytes(StandardCharsets.UTF_8));
        assertThat(suite.adminPost("/kbs/v0/reference-value", "application/json",
                ("{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"" + payload + "\"}")
                        .getBytes(StandardCharsets.UTF_8)).statusCode()).isBetween(200, 299);
        assertThat(suite.adminPost("/kbs/v0/resource/it/key/one", "application/octet-stream",
                SECRET.getBytes(StandardCharsets.UTF_8)).statusCode()).isBetween(200, 299);
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    static void setPolicy(String cel) throws Exception {
        String body = "{\"policy\":\"" + Base64s.url(cel.getBytes(StandardCharsets.UTF_8)) + "\"}";
        assertThat(suite.adminPost("/kbs/v0/resource-policy", "application/json",
                body.getBytes(StandardCharsets.UTF_8)).statusCode()).isBetween(200, 299);
    }

    static void assertProblem(HttpResponse<String> response, int status, String errorName) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Json.tree(response.body());
        assertThat(problem.get("type").asString()).endsWith("/" + errorName);
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain(SECRET).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = dev.arca.agent.kbs.TeeKeyAlgorithm.class,
            names = {"P256", "P521", "RSA"})
    void agentFetchesTheSecretDecryptedWithEachTeeKeyKind(dev.arca.agent.kbs.TeeKeyAlgorithm key) throws Exception {
        setPolicy(ADMIT_SAMPLE);
        java.util.List<String> steps = new java.util.ArrayList<>();
        dev.arca.agent.kbs.KbsClient agent = dev.arca.agent.kbs.KbsClient
                .builder(URI.create(suite.kbs()), new dev.arca.agent.attester.SampleAttester())
                .keyAlgorithm(key)
                .listener(new dev.arca.agent.kbs.KbsClientListener() {
                    @Override
                    public void attested(String token, String earStatus) {
                        steps.add("attested:" + earStatus);
                    }
                })
                .build();
        byte[] secret = agent.getResource(dev.arca.model.resource.ResourceUri.parse("kbs:///it/key/one"));
        assertThat(new String(secret, StandardCharsets.UTF_8)).isEqualTo(SECRET);
        assertThat(steps).containsExactly("attested:affirming");
    }

    @Test
    void rsa15KeyTransportIsRefusedUnlessSwitchedOn() throws Exception {
        setPolicy(ADMIT_SAMPLE);
        dev.arca.agent.kbs.KbsClient agent = dev.arca.agent.kbs.KbsClient
                .builder(URI.create(suite.kbs()), new dev.arca.agent.attester.SampleAttester())
                .keyAlgorithm(dev.arca.agent.kbs.TeeKeyAlgorithm.RSA1_5).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> agent.getResource(dev.arca.model.resource.ResourceUri.parse("kbs:///it/key/one")))
                .isInstanceOf(dev.arca.agent.kbs.KbsException.class)
                .hasMessageContaining("400").hasMessageContaining("JweError").hasMessageContaining("RSA1_5");
    }

    @Test
    void agentReportsTheKbsReasonWhenThePolicyDenies() throws Exception {
        setPolicy("false");
        dev.arca.agent.kbs.KbsClient agent = dev.arca.agent.kbs.KbsClient
                .builder(URI.create(suite.kbs()), new dev.arca.agent.attester.SampleAttester()).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> agent.getResource(dev.arca.model.resource.ResourceUri.parse("kbs:///it/key/one")))
                .isInstanceOf(dev.arca.agent.kbs.KbsException.class)
                .hasMessageContaining("403").hasMessageContaining("PolicyDeny");
    }

    @Test
    void rawGuestThatAttestsCorrectlyGetsAnAffirmingTokenAndTheSecretAsJwe() throws Exception {
        setPolicy(ADMIT_SAMPLE);
        RawGuest guest = new RawGuest(suite);
        assertThat(guest.auth().statusCode()).isEqualTo(200);
        HttpResponse<String> attested = guest.attest(guest.attestationBody(guest.nonce, guest.nonce), true);
        assertThat(attested.statusCode()).as(attested.body()).isEqualTo(200);
        String token = Json.tree(attested.body()).get("token").asString();
        JsonNode claims = Json.tree(new String(Base64s.fromUrl(token.split("\\.")[1]), StandardCharsets.UTF_8));
        assertThat(claims.at("/submods/cpu0/ear.status").asString()).isEqualTo("affirming");

        HttpResponse<String> resource = guest.getResource("it/key/one");
        assertThat(resource.statusCode()).as(resource.body()).isEqualTo(200);
        JsonNode jwe = Json.tree(resource.body());
        assertThat(jwe.has("protected") && jwe.has("encrypted_key") && jwe.has("iv") && jwe.has("tag")).isTrue();
        assertThat(resource.body()).doesNotContain(SECRET);
        com.nimbusds.jose.JWEObject decoded = com.nimbusds.jose.JWEObject.parse(String.join(".",
                jwe.get("protected").asString(), jwe.get("encrypted_key").asString(), jwe.get("iv").asString(),
                jwe.get("ciphertext").asString(), jwe.get("tag").asString()));
        decoded.decrypt(new com.nimbusds.jose.crypto.ECDHDecrypter(guest.teeKey));
        assertThat(decoded.getPayload().toString()).isEqualTo(SECRET);
    }

    /** A Trustee user's attestation policy, in upstream's v0 style: the sample rules of upstream's default_cpu. */
    static String trusteeAttestationPolicy(String svnReference) {
        return """
                package policy

                import future.keywords.in

                default executables = 33
                default hardware = 97
                default configuration = 36

                executables = 3 {
                    input["sample"]["launch_digest"] in query_reference_value("launch_digest")
                }

                hardware = 2 {
                    input["sample"]["svn"] in query_reference_value("%s")
                }

                configuration = 2 {
                    input["sample"]["debug"] == false
                }

                trust_claims = {
                    "instance-identity": 0, "configuration": configuration, "executables": executables,
                    "file-system": 0, "hardware": hardware, "runtime-opaque": 0, "storage-opaque": 0,
                    "sourced-data": 0,
                }

                extensions = [{"name": "org.example.tenant", "key": -100, "value": {"svn": input["sample"]["svn"]}}]
                """.formatted(svnReference);
    }

    /** A Trustee user's resource policy, in upstream's v0 style over upstream's input and data documents. */
    static String trusteeResourcePolicy(String repository) {
        return """
                package policy

                default allow = false

                allow {
                    input["submods"]["cpu0"]["ear.status"] == "affirming"
                    input["submods"]["cpu0"]["org.example.tenant"]["svn"] == "1"
                    data["plugin"] == "resource"
                    data["resource-path"][0] == "%s"
                }
                """.formatted(repository);
    }

    static void setAttestationPolicy(String rego) throws Exception {
        // as kbs-client config set-attestation-policy sends it
        String body = "{\"type\":\"rego\",\"policy_id\":\"default_cpu\",\"policy\":\""
                + Base64s.url(rego.getBytes(StandardCharsets.UTF_8)) + "\"}";
        assertThat(suite.adminPost("/kbs/v0/attestation-policy", "application/json",
                body.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
    }

    /**
     * Policies a Trustee user brings run unchanged: an attestation policy and a resource policy in upstream's v0 Rego,
     * uploaded through the KBS as kbs-client uploads them, decide the attestation (trust vector, extension) and the
     * release.
     */
    @Test
    void trusteeRegoPoliciesDecideUnchanged() throws Exception {
        try {
            setAttestationPolicy(trusteeAttestationPolicy("svn"));
            setPolicy(trusteeResourcePolicy("it"));
            RawGuest guest = new RawGuest(suite);
            guest.auth();
            HttpResponse<String> attested = guest.attest(guest.attestationBody(guest.nonce, guest.nonce), true);
            assertThat(attested.statusCode()).as(attested.body()).isEqualTo(200);
            JsonNode cpu0 = Json.tree(new String(Base64s.fromUrl(Json.tree(attested.body()).get("token").asString()
                    .split("\\.")[1]), StandardCharsets.UTF_8)).at("/submods/cpu0");
            assertThat(cpu0.at("/ear.status").asString()).isEqualTo("affirming");
            assertThat(cpu0.at("/ear.trustworthiness-vector/hardware").asInt()).isEqualTo(2);
            assertThat(cpu0.at("/org.example.tenant/svn").asString()).isEqualTo("1");
            assertThat(guest.getResource("it/key/one").statusCode()).isEqualTo(200);

            setPolicy(trusteeResourcePolicy("someone-else"));
            assertProblem(guest.getResource("it/key/one"), 403, "PolicyDeny");

            // the svn is not in the reference value this policy reads: hardware 97, contraindicated, nothing released
            setAttestationPolicy(trusteeAttestationPolicy("svn_not_registered"));
            setPolicy(trusteeResourcePolicy("it"));
            RawGuest unknown = new RawGuest(suite);
            unknown.auth();
            HttpResponse<String> contraindicated = unknown.attest(unknown.attestationBody(unknown.nonce,
                    unknown.nonce), true);
            assertThat(contraindicated.statusCode()).as(contraindicated.body()).isEqualTo(200);
            assertProblem(unknown.getResource("it/key/one"), 403, "PolicyDeny");
        } finally {
            // the built-in default_cpu applies again for the other tests
            HttpResponse<String> deleted = suite.send(HttpRequest.newBuilder(URI.create(
                            suite.url(dev.arca.launcher.suite.ServiceKind.ATTESTATION_SERVICE) + "/policy/default_cpu"))
                    .header("Authorization", "Bearer " + suite.adminToken()).DELETE());
            assertThat(deleted.statusCode()).as(deleted.body()).isBetween(200, 299);
        }
    }

    @Test
    void wrongNonceIsRefusedAndTheSessionStaysUnattested() throws Exception {
        setPolicy(ADMIT_SAMPLE);
        RawGuest guest = new RawGuest(suite);
        guest.auth();
        String otherNonce = Base64s.std(new byte[32]);
        assertProblem(guest.attest(guest.attestationBody(otherNonce, otherNonce), true), 401, "AttestationError");
        assertProblem(guest.getResource("it/key/one"), 401, "TokenNotFound");
    }

    @Test
    void tamperedReportDataIsRefusedAndTheSessionStaysUnattested() throws Exception {
        setPolicy(ADMIT_SAMPLE);
        RawGuest guest = new RawGuest(suite);
        guest.auth();
        // the evidence binds another nonce than the one sent: the AS's report-data check must catch it
        String body = guest.attestationBody(guest.nonce, Base64s.std(new byte[32]));
        assertProblem(guest.attest(body, true), 401, "AttestationError");
        assertProblem(guest.getResource("it/key/one"), 401, "TokenNotFound");
    }

    @Test
    void attestWithoutCookieIsRefused() throws Exception {
        RawGuest guest = new RawGuest(suite);
        guest.auth();
        assertProblem(guest.attest(guest.attestationBody(guest.nonce, guest.nonce), false), 401, "AttestationError");
    }

    @Test
    void denyingPolicyReleasesNothing() throws Exception {
        setPolicy("request.path[0] == \"someone-else\"");
        RawGuest guest = new RawGuest(suite);
        guest.auth();
        assertThat(guest.attest(guest.attestationBody(guest.nonce, guest.nonce), true).statusCode()).isEqualTo(200);
        assertProblem(guest.getResource("it/key/one"), 403, "PolicyDeny");
    }

    @Test
    void adminApiIsClosedWithoutAValidToken() throws Exception {
        HttpResponse<String> anonymous = suite.send(HttpRequest.newBuilder(
                        URI.create(suite.kbs() + "/kbs/v0/resource/it/key/one"))
                .POST(HttpRequest.BodyPublishers.ofString("overwrite")));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> forged = suite.send(HttpRequest.newBuilder(
                        URI.create(suite.kbs() + "/kbs/v0/resource-policy"))
                .header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.")
                .POST(HttpRequest.BodyPublishers.ofString("{\"policy\":\"dHJ1ZQ\"}")));
        assertThat(forged.statusCode()).isEqualTo(401);
    }
}
