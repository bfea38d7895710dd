package dev.arca.attestation.verifier.cca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.SyntheticIntelTestBase;
import dev.arca.attestation.support.Requests;
import dev.arca.cca.testkeys.TestCcaToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * POST /attestation with {@code cca} evidence made by test keys, the stores configured through
 * {@code arca.as.cca.*} as an operator would (the rest of the service set up as for the synthetic Intel tests): a
 * token with upstream's claims, and the refusals as problem details.
 */
class CcaAttestationApiTest extends SyntheticIntelTestBase {

    private static final TestCcaToken TOKEN = new TestCcaToken();
    private static final Path STORES = tempDir("cca-stores");

    @DynamicPropertySource
    static void ccaStores(DynamicPropertyRegistry registry) {
        try {
            Path ta = Files.writeString(STORES.resolve("tastore.json"), TOKEN.trustAnchorStoreJson());
            Path rv = Files.writeString(STORES.resolve("rvstore.json"), TestCcaToken.referenceValueStoreJson());
            registry.add("arca.as.cca.trust-anchor-store", ta::toString);
            registry.add("arca.as.cca.reference-value-store", rv::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aCcaTokenGetsATokenWithUpstreamsClaims() throws Exception {
        JsonNode cpu0 = cpu0(attest(Requests.withRaw(request("cca", CcaVerifierTest.asByteArray(TOKEN.build())),
                TOKEN.challenge()), null));
        JsonNode claims = cpu0.path("ear.veraison.annotated-evidence").path("cca");
        assertThat(claims.path("realm").path("cca-realm-challenge").isString()).as(cpu0.toString()).isTrue();
        assertThat(claims.path("platform").path("cca-platform-implementation-id").asString())
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(TestCcaToken.IMPLEMENTATION_ID));
        assertThat(cpu0.path("ear.veraison.annotated-evidence").path("report_data").asString())
                .isEqualTo(hex(TOKEN.challenge()));
    }

    @Test
    void refusalsAreProblemDetails() {
        assertProblem(attest(Requests.withRaw(request("cca", CcaVerifierTest.asByteArray(TOKEN.build())),
                new byte[64]), null), 403, "evidence-rejected", "realm challenge");
        byte[] bytes = TOKEN.build();
        assertProblem(attest(request("cca", CcaVerifierTest.asByteArray(Arrays.copyOf(bytes, bytes.length + 1))),
                null), 400, "invalid-evidence", "CCA token");
    }
}
