package dev.arca.rvps.extractor.intoto;

import static dev.arca.rvps.extractor.intoto.InTotoFixtures.DEMO_FOO_TAR_GZ_SHA256;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.FOO_TAR_GZ_SHA256;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.TRUSTEE;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.payload;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.model.testing.RealEvidence;
import dev.arca.rvps.RvpsIntegrationTest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * in-toto registrations through the REST API of the running service (trusting the synthetic chain's layout owner,
 * and Trustee's demo one when the real-evidence corpus is present; inspections skipped): the verified products are
 * stored with the layout key as signer; a refused chain stores nothing.
 */
class InTotoApiTest extends RvpsIntegrationTest {

    private static final String TRUSTEE_ALICE = "70ca5750c2eda80b18f41f4ec5f92146789b5d68dd09577be422a0159bd13680";

    /** This class owns the in-toto/ names of the shared database; each test starts without them. */
    @BeforeEach
    void removeInTotoValues() {
        for (String name : new String[] {"in-toto/foo.py", "in-toto/foo.tar.gz"}) {
            delete("/reference-values/" + name, adminToken());
        }
    }

    private void assertNothingStored() {
        assertThat(json(get("/reference-values?prefix=in-toto/")).size()).isZero();
    }

    @Test
    void verifiedChainStoresTheProductsWithTheLayoutKeyAsSigner() {
        assertStored(register(message("in-toto", InTotoScenarios.valid())), FOO_TAR_GZ_SHA256,
                InTotoScenarios.ALICE.keyId());
    }

    private void assertStored(HttpResponse<String> response, String tarballSha256, String signerKeyId) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).path("registered").valueStream().map(JsonNode::asString).toList())
                .containsExactly("in-toto/foo.py", "in-toto/foo.tar.gz");
        JsonNode tarball = json(get("/reference-values/in-toto/foo.tar.gz?provenance=true"));
        assertThat(tarball.path("value").get(0).asString()).isEqualTo("sha256:" + tarballSha256);
        assertThat(tarball.path("expiration").asString()).isEqualTo("2027-11-26T12:00:00Z");
        assertThat(tarball.path("provenance").path("message_type").asString()).isEqualTo("in-toto");
        assertThat(tarball.path("provenance").path("extractor").asString()).isEqualTo("InTotoExtractor");
        assertThat(tarball.path("provenance").path("signer_key_id").asString()).isEqualTo(signerKeyId);
    }

    /** Trustee's demo chain as the in-toto tooling signed it. */
    @Nested
    @RealEvidence
    class OnPublishedMetadata {

        @Test
        void trusteesDemoChainIsStoredWithItsLayoutKeyAsSigner() {
            Map<String, JsonNode> links = new LinkedHashMap<>();
            links.put("write-code.b7d643de.link", vector(TRUSTEE + "write-code.b7d643de.link"));
            links.put("package.d3ffd108.link", vector(TRUSTEE + "package.d3ffd108.link"));
            String payload = payload(vector(TRUSTEE + "demo.layout"), links,
                    Map.of("foo.tar.gz", DEMO_FOO_TAR_GZ_SHA256));

            assertStored(register(message("in-toto", payload)), DEMO_FOO_TAR_GZ_SHA256, TRUSTEE_ALICE);
        }
    }

    static Stream<Arguments> refusedChains() {
        return Stream.of(
                Arguments.of("expired layout", InTotoScenarios.expiredLayout("2026-11-26T11:00:00Z"),
                        "the layout expired at 2026-11-26T11:00:00Z"),
                Arguments.of("untrusted layout key", InTotoScenarios.untrustedLayoutKey(),
                        "not signed by a trusted layout key"),
                Arguments.of("link signed by the wrong key", InTotoScenarios.linkSignedByTheWrongKey(),
                        "step package: threshold not met, 0 of 1"),
                Arguments.of("threshold not met", InTotoScenarios.thresholdNotMet(),
                        "step package: threshold not met, 1 of 2"),
                Arguments.of("tampered product in a link", InTotoScenarios.tamperedProductInLink(),
                        "carries no valid signature"),
                Arguments.of("tampered final product", InTotoScenarios.tamperedFinalProduct("0".repeat(64)),
                        "artifact foo.tar.gz does not match the product of step package"),
                Arguments.of("artifact rule violated", InTotoScenarios.artifactRuleViolated(),
                        "material rule \"DISALLOW *\" failed: [foo.py]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedChains")
    void refusedChainIsExplainedAndStoresNothing(String scenario, String payload, String reason) {
        String detail = assertProblem(register(message("in-toto", payload)), 400);

        assertThat(detail).startsWith("in-toto verification failed: ").contains(reason);
        assertNothingStored();
    }

    @Test
    void theSameDemoChainIsAcceptedWhenNothingIsWrong() {
        assertThat(register(message("in-toto", InTotoScenarios.valid())).statusCode()).isEqualTo(201);
        assertThat(json(get("/reference-values?prefix=in-toto/")).size()).isEqualTo(2);
    }
}
