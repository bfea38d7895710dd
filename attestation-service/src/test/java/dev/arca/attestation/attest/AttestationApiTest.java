package dev.arca.attestation.attest;

import static dev.arca.attestation.support.Requests.body;
import static dev.arca.attestation.support.Requests.sampleEvidence;
import static dev.arca.attestation.support.Requests.verificationRequest;
import static dev.arca.attestation.support.Requests.withRaw;
import static dev.arca.attestation.support.Requests.withStructured;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import dev.arca.attestation.support.AttestationServiceTestBase;
import dev.arca.attestation.support.EarTokenReader;
import dev.arca.attestation.support.EarTokenReader.VerifiedToken;
import dev.arca.attestation.support.Requests;
import dev.arca.attestation.support.TestHttp.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** POST /attestation end to end with the sample TEEs, read back as a relying party reads the token. */
class AttestationApiTest extends AttestationServiceTestBase {

    /** Runtime data as a KBS sends it, keys out of order and spaced, to show the AS canonicalises (RFC 8785). */
    private static final String RUNTIME_DATA = """
            { "tee-pubkey": {"y": "Y1", "x": "X1", "kty": "EC", "crv": "P-256"},  "nonce": "bm9uY2U=" }""";
    /** The same, canonicalised by hand. */
    private static final String RUNTIME_DATA_JCS =
            "{\"nonce\":\"bm9uY2U=\",\"tee-pubkey\":{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"X1\",\"y\":\"Y1\"}}";

    private static byte[] sha(String algorithm, String text) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode sampleRequest(String svn) throws Exception {
        return withStructured(verificationRequest("sample", sampleEvidence(svn, sha("SHA-384", RUNTIME_DATA_JCS))),
                Requests.JSON.readTree(RUNTIME_DATA));
    }

    private VerifiedToken attestOk(String body) throws Exception {
        Response response = http.postJson("/attestation", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        return EarTokenReader.verify(response.body(), http.get("/.well-known/jwks.json").body());
    }

    @Test
    void sampleEvidenceMatchingReferenceValuesIsAffirming() throws Exception {
        VerifiedToken token = attestOk(body(sampleRequest("1")));

        var header = token.jws().getHeader();
        assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(header.getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(header.getJWK().toJSONObject()).isEqualTo(
                JWKSet.parse(http.get("/.well-known/jwks.json").body()).getKeys().getFirst().toJSONObject());
        assertThat(header.getKeyID()).isEqualTo(header.getJWK().computeThumbprint().toString());

        JsonNode claims = token.claims();
        assertThat(claims.path("eat_profile").asString())
                .isEqualTo("tag:github.com,2024:confidential-containers/Trustee");
        assertThat(claims.path("iss").asString()).isEqualTo("arca-attestation-service");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
        assertThat(claims.path("ear.verifier-id").path("developer").asString()).isEqualTo("https://arca.dev");
        assertThat(claims.path("ear.verifier-id").path("build").asString()).startsWith("attestation-service ");
        assertThat(claims.path("submods").propertyNames()).containsExactly("cpu0");

        assertThat(claims.propertyNames()).containsExactlyInAnyOrder("eat_profile", "iat", "ear.verifier-id",
                "submods", "exp", "iss");
        assertThat(token.claimsSet().getExpirationTime()).isAfter(token.claimsSet().getIssueTime());

        JsonNode cpu0 = token.submod("cpu0");
        assertThat(cpu0.propertyNames()).containsExactlyInAnyOrder("ear.status", "ear.trustworthiness-vector",
                "ear.appraisal-policy-id", "ear.veraison.annotated-evidence", "ear.trustee.identifiers");
        assertThat(cpu0.path("ear.status").asString()).isEqualTo("affirming");
        // the default policy publishes all eight AR4SI categories, as upstream's does (Trustee attestation-service
        // policy.md)
        assertThat(Requests.JSON.convertValue(cpu0.path("ear.trustworthiness-vector"), Map.class))
                .isEqualTo(Map.of("instance-identity", 0, "configuration", 2, "executables", 3, "file-system", 0,
                        "hardware", 2, "runtime-opaque", 0, "storage-opaque", 0, "sourced-data", 0));
        assertThat(cpu0.path("ear.appraisal-policy-id").asString()).isEqualTo("default");
        assertThat(cpu0.path("ear.trustee.identifiers")).isEqualTo(Requests.JSON.readTree("{\"validated\": {}}"));

        JsonNode evidence = cpu0.path("ear.veraison.annotated-evidence");
        assertThat(evidence.propertyNames()).containsExactlyInAnyOrder("sample", "report_data",
                "runtime_data_claims");
        assertThat(evidence.path("report_data").asString())
                .isEqualTo(Base64.getEncoder().encodeToString(sha("SHA-384", RUNTIME_DATA_JCS)));
        assertThat(evidence.path("runtime_data_claims")).isEqualTo(Requests.JSON.readTree(RUNTIME_DATA));
        assertThat(evidence.at("/runtime_data_claims/tee-pubkey/x").asString()).isEqualTo("X1");
        JsonNode sample = evidence.path("sample");
        assertThat(sample.path("svn").asString()).isEqualTo("1");
        assertThat(sample.path("launch_digest").asString()).isEqualTo("abcde");
        assertThat(sample.path("platform_version").path("major").asInt()).isEqualTo(1);
        assertThat(sample.path("platform_version").path("minor").asInt()).isEqualTo(4);
        assertThat(sample.path("debug").isBoolean()).isTrue();
        assertThat(sample.path("debug").asBoolean()).isFalse();
    }

    @Test
    void svnNotAmongReferenceValuesIsContraindicated() throws Exception {
        JsonNode cpu0 = attestOk(body(sampleRequest("7"))).submod("cpu0");

        assertThat(cpu0.path("ear.status").asString()).isEqualTo("contraindicated");
        assertThat(cpu0.path("ear.trustworthiness-vector").path("hardware").asInt()).isEqualTo(97);
        assertThat(cpu0.path("ear.trustworthiness-vector").path("executables").asInt()).isEqualTo(3);
    }

    @Test
    void sampleDeviceBecomesGpuSubmodsBesideTheCpu() throws Exception {
        byte[] reportData = sha("SHA-384", RUNTIME_DATA_JCS);
        ObjectNode gpu = withStructured(verificationRequest("sampledevice", sampleEvidence("3", reportData)),
                Requests.JSON.readTree(RUNTIME_DATA));
        ObjectNode unknownGpu = withStructured(verificationRequest("sampledevice", sampleEvidence("9", reportData)),
                Requests.JSON.readTree(RUNTIME_DATA));

        VerifiedToken token = attestOk(body(sampleRequest("2"), gpu, unknownGpu));

        assertThat(token.claims().path("submods").propertyNames()).containsExactlyInAnyOrder("cpu0", "gpu0", "gpu1");
        assertThat(token.submod("cpu0").path("ear.status").asString()).isEqualTo("affirming");
        // default_gpu: hardware 2 for a known sample device; executables 33 and configuration 36 stay, as upstream
        assertThat(token.submod("gpu0").path("ear.status").asString()).isEqualTo("warning");
        assertThat(token.submod("gpu0").at("/ear.trustworthiness-vector/hardware").asInt()).isEqualTo(2);
        assertThat(token.submod("gpu0").has("ear.trustee.identifiers")).isFalse();
        assertThat(token.submod("gpu0").at("/ear.veraison.annotated-evidence/runtime_data_claims/nonce").asString())
                .isEqualTo("bm9uY2U=");
        assertThat(token.submod("gpu0").at("/ear.veraison.annotated-evidence/sampledevice/svn").asString())
                .isEqualTo("3");
        assertThat(token.submod("gpu1").path("ear.status").asString()).isEqualTo("contraindicated");
        assertThat(token.submod("gpu1").path("ear.appraisal-policy-id").asString()).isEqualTo("default");
    }

    @Test
    void rawRuntimeDataIsUsedAsIsAndYieldsNullRuntimeClaims() throws Exception {
        byte[] raw = "exactly these bytes".getBytes(StandardCharsets.UTF_8);
        VerifiedToken token = attestOk(body(withRaw(verificationRequest("sample", sampleEvidence("1", raw)), raw)));

        JsonNode evidence = token.submod("cpu0").path("ear.veraison.annotated-evidence");
        assertThat(evidence.has("runtime_data_claims")).isTrue();
        assertThat(evidence.path("runtime_data_claims").isNull()).isTrue();
    }

    @Test
    void initDataTomlIsHashedOverItsExactTextAndItsDataBecomeClaims() throws Exception {
        String toml = "version = \"0.1.0\"\nalgorithm = \"sha256\"\n\n[data]\n\"foo.conf\" = \"bar\"\n"
                + "\"aa.toml\" = '''\n[token_configs.kbc]\nurl = \"http://kbs:8080\"\n'''\n";
        ObjectNode request = sampleRequest("1");
        request.putObject("init_data").put("init_data_toml", toml);

        JsonNode evidence = attestOk(body(request)).submod("cpu0").path("ear.veraison.annotated-evidence");

        assertThat(evidence.path("init_data").asString())
                .isEqualTo(Base64.getEncoder().encodeToString(sha("SHA-256", toml)));
        assertThat(evidence.at("/init_data_claims/foo.conf").asString()).isEqualTo("bar");
        assertThat(evidence.at("/init_data_claims/aa.toml/token_configs/kbc/url").asString())
                .isEqualTo("http://kbs:8080");
    }

    @Test
    void initDataDigestIsEchoedWithNullClaims() throws Exception {
        byte[] digest = sha("SHA-384", "some init-data");
        ObjectNode request = sampleRequest("1");
        request.putObject("init_data").put("init_data_digest", Requests.b64url(digest));

        JsonNode evidence = attestOk(body(request)).submod("cpu0").path("ear.veraison.annotated-evidence");

        assertThat(evidence.path("init_data").asString()).isEqualTo(Base64.getEncoder().encodeToString(digest));
        assertThat(evidence.path("init_data_claims").isNull()).isTrue();
    }

    @Test
    void structuredRuntimeDataIsHashedWithTheRequestedAlgorithm() throws Exception {
        // test vector computed independently for SHA-384; SHA-256/512 over the same canonical text
        String structured = "{\"b\":1,\"a\":\"test\",\"c\":{\"d\":\"e\"}}";
        String canonical = "{\"a\":\"test\",\"b\":1,\"c\":{\"d\":\"e\"}}";
        assertThat(HexFormat.of().formatHex(sha("SHA-384", canonical))).isEqualTo("e71ce8e70d814ba6639c3612ebee0ff"
                + "1f76f650f8dbb5e47157e0f3f525cd22c4597480a186427c813ca941da78870c3");
        for (String[] algorithm : new String[][] {{"sha256", "SHA-256"}, {"SHA384", "SHA-384"},
                {"sha512", "SHA-512"}}) {
            ObjectNode request = withStructured(
                    verificationRequest("sample", sampleEvidence("1", sha(algorithm[1], canonical))),
                    Requests.JSON.readTree(structured));
            request.put("runtime_data_hash_algorithm", algorithm[0]);
            assertThat(attestOk(body(request)).submod("cpu0").path("ear.status").asString())
                    .as(algorithm[0]).isEqualTo("affirming");

            // the same evidence under another algorithm does not bind
            String other = algorithm[0].equalsIgnoreCase("sha512") ? "sha256" : "sha512";
            request.put("runtime_data_hash_algorithm", other);
            assertThat(http.postJson("/attestation", body(request)).status()).as(other).isEqualTo(403);
        }
    }

    @Test
    void reportDataMismatchIsRejectedWithoutAToken() throws Exception {
        ObjectNode request = withStructured(
                verificationRequest("sample", sampleEvidence("1", sha("SHA-384", "something else"))),
                Requests.JSON.readTree(RUNTIME_DATA));

        Response response = http.postJson("/attestation", body(request));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).endsWith("/evidence-rejected");
        assertThat(response.json().path("detail").asString()).contains("report_data does not match");
        assertThat(response.body()).doesNotContain("eyJ");
    }

    @Test
    void evidenceThatIsNotBase64UrlIsABadRequest() throws Exception {
        byte[] json = "{\"svn\":\"1\",\"x\":\">>>?\"}".getBytes(StandardCharsets.UTF_8);
        String padded = Base64.getUrlEncoder().encodeToString(json);
        String standardAlphabet = Base64.getEncoder().withoutPadding().encodeToString(json);
        assertThat(padded).contains("=");
        assertThat(standardAlphabet).containsAnyOf("+", "/");
        for (String evidence : new String[] {"not*base64", padded, standardAlphabet}) {
            Response response = http.postJson("/attestation", body(verificationRequest("sample", evidence)));
            assertThat(response.status()).as(evidence).isEqualTo(400);
            assertThat(response.json().path("detail").asString()).contains("evidence is not base64url");
        }
    }

    @Test
    void evidenceThatIsNotJsonIsABadRequest() {
        Response response = http.postJson("/attestation",
                body(verificationRequest("sample", Requests.b64url("svn=1, not json"))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).contains("does not decode to JSON");
    }

    @Test
    void truncatedEvidenceIsABadRequestSayingWhy() {
        String json = "{\"svn\":\"1\",\"report_data\":\"\"}";
        String cutJson = Requests.b64url(json.substring(0, json.length() - 6));
        String full = Requests.b64url(json);
        String cutBase64 = full.substring(0, full.length() - full.length() % 4 - 3);
        assertThat(cutBase64.length() % 4).isEqualTo(1);

        Response truncatedJson = http.postJson("/attestation", body(verificationRequest("sample", cutJson)));
        Response truncatedBase64 = http.postJson("/attestation", body(verificationRequest("sample", cutBase64)));

        assertThat(truncatedJson.status()).isEqualTo(400);
        assertThat(truncatedJson.json().path("detail").asString())
                .contains("verification_requests[0].evidence does not decode to JSON").contains("end-of-input");
        assertThat(truncatedBase64.status()).isEqualTo(400);
        assertThat(truncatedBase64.json().path("detail").asString()).contains("evidence is not base64url");
    }

    @Test
    void oversizedEvidenceIsRefusedWith413() {
        String evidence = Requests.b64url("{\"svn\":\"1\",\"pad\":\"" + "A".repeat(1024 * 1024) + "\"}");

        Response response = http.postJson("/attestation", body(verificationRequest("sample", evidence)));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("detail").asString()).contains("exceeds the limit of 1048576 bytes");
    }

    @Test
    void verifyAtIsRefusedUnlessTheOperatorAllowsIt() throws Exception {
        ObjectNode body = (ObjectNode) Requests.JSON.readTree(body(sampleRequest("1")));
        body.put("verify_at", "2025-01-01T00:00:00Z");

        Response response = http.postJson("/attestation", body.toString());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).contains("verify_at is refused")
                .contains("arca.as.allow-verify-as-of");
    }

    @Test
    void withoutConfiguredChainThereAreNoCertificates() {
        Response response = http.get("/certificates");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).contains("arca.as.token.certificate-chain-file");
        assertThat(http.get("/.well-known/jwks.json").json().at("/keys/0").has("x5c")).isFalse();
    }

    @Test
    void evidenceMissingTheSampleFieldsIsABadRequest() {
        Response response = http.postJson("/attestation",
                body(verificationRequest("sample", Requests.b64url("{\"report_data\":\"\"}"))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("type").asString()).endsWith("/invalid-evidence");
        assertThat(response.json().path("detail").asString()).contains("svn");
    }

    @Test
    void unknownAndUnsupportedTeesAreRefusedWithTheSupportedList() {
        for (String tee : new String[] {"quantum-enclave", "se"}) {
            Response response = http.postJson("/attestation",
                    body(verificationRequest(tee, sampleEvidence("1", new byte[0]))));
            assertThat(response.status()).as(tee).isEqualTo(400);
            assertThat(response.json().path("type").asString()).endsWith("/unsupported-tee");
            assertThat(response.json().path("detail").asString()).contains("sample, sampledevice, sgx, snp, tdx");
        }
    }

    @Test
    void runtimeDataWithBothOrNeitherFormIsABadRequest() throws Exception {
        ObjectNode both = sampleRequest("1");
        ((ObjectNode) both.path("runtime_data")).put("raw", Requests.b64url("x"));
        ObjectNode neither = verificationRequest("sample", sampleEvidence("1", new byte[0]));
        neither.putObject("runtime_data");

        for (ObjectNode request : new ObjectNode[] {both, neither}) {
            Response response = http.postJson("/attestation", body(request));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("detail").asString()).contains("exactly one of 'raw', 'structured'");
        }
    }

    @Test
    void malformedRequestsAreBadRequestsNeverServerErrors() throws Exception {
        ObjectNode unknownHash = sampleRequest("1");
        unknownHash.put("runtime_data_hash_algorithm", "md5");
        ObjectNode badToml = sampleRequest("1");
        badToml.putObject("init_data").put("init_data_toml", "version = \"0.1.0\"\nalgorithm = \"sha-384\"\n");
        Map<String, String> cases = Map.of(
                "{\"verification_requests\": [], \"policy_ids\": []}", "No verification requests provided.",
                "{\"policy_ids\": [\"default\"]}", "No verification requests provided.",
                "{\"verification_requests\": [ {\"tee\": ", "malformed request body",
                "[1, 2]", "malformed request body",
                body(unknownHash), "runtime_data_hash_algorithm 'md5'",
                body(badToml), "algorithm 'sha-384'",
                body("../etc", sampleRequest("1")), "policy id");
        cases.forEach((body, detail) -> {
            Response response = http.postJson("/attestation", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("detail").asString()).as(body).contains(detail);
        });
    }

    @Test
    void unknownPolicyIsABadRequest() throws Exception {
        Response response = http.postJson("/attestation", body("nosuch", sampleRequest("1")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("type").asString()).endsWith("/unknown-policy");
        assertThat(response.json().path("detail").asString()).contains("nosuch_cpu");
    }

    @Test
    void bodiesOverOneMebibyteAreRefused() {
        String padding = "x".repeat(1024 * 1024);
        String json = "{\"verification_requests\": [], \"padding\": \"" + padding + "\"}";

        Response declared = http.postJson("/attestation", json);

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.contentType()).startsWith("application/problem+json");
        Response chunked = http.postJsonChunked("/attestation", json);
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.json().path("type").asString()).endsWith("/payload-too-large");
    }

    @Test
    void frameworkErrorsAreTypedProblems() {
        Response response = http.post("/attestation", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).endsWith("/unsupported-media-type");
        Response wrongMethod = http.get("/attestation");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().path("type").asString()).endsWith("/method-not-allowed");
        assertThat(wrongMethod.json().path("title").asString()).isNotBlank();
    }

    @Test
    void attestationsAreCountedByTeeOutcomeAndReasonAndTimed() throws Exception {
        attestOk(body(sampleRequest("1")));
        ObjectNode mismatch = withStructured(
                verificationRequest("sample", sampleEvidence("1", sha("SHA-384", "other"))),
                Requests.JSON.readTree(RUNTIME_DATA));
        assertThat(http.postJson("/attestation", body(mismatch)).status()).isEqualTo(403);
        assertThat(http.postJson("/attestation", body(verificationRequest("quantum", "e30"))).status())
                .isEqualTo(400);

        Response metrics = http.get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern(
                        "arca_as_attestations_total\\{outcome=\"affirmed\",reason=\"none\",tee=\"sample\"} [1-9]")
                .containsPattern("arca_as_attestations_total\\{outcome=\"rejected\",reason=\"report_data_mismatch\","
                        + "tee=\"sample\"} [1-9]")
                .containsPattern("arca_as_attestations_total\\{outcome=\"invalid\",reason=\"unsupported_tee\","
                        + "tee=\"unsupported\"} [1-9]")
                .doesNotContain("outcome=\"affirming\"")
                .containsPattern("arca_as_attestation_duration_seconds_bucket\\{outcome=\"token\",le=\"[^\"]+\"} [1-9]")
                .containsPattern("arca_as_attestation_duration_seconds_count\\{outcome=\"failed\"} [1-9]");
        assertThat(http.get("/actuator/health").body()).contains("\"UP\"");
    }

    @Test
    void infoNamesTheServiceItsVersionAndBuild() throws Exception {
        Response info = http.get("/actuator/info");

        assertThat(info.status()).as(info.body()).isEqualTo(200);
        assertThat(info.json().at("/build/artifact").asString()).isEqualTo("attestation-service");
        assertThat(info.json().at("/build/version").asString()).isNotBlank();
        assertThat(info.json().at("/build/time").asString()).isNotBlank();
        assertThat(info.json().at("/app/name").asString()).isEqualTo("arca-as");
    }
}
