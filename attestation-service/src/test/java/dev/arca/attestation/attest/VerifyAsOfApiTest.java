package dev.arca.attestation.attest;

import static dev.arca.attestation.support.Requests.body;
import static dev.arca.attestation.support.Requests.sampleEvidence;
import static dev.arca.attestation.support.Requests.verificationRequest;
import static dev.arca.attestation.support.Requests.withRaw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.ConfiguredServiceTestBase;
import dev.arca.attestation.support.EarTokenReader;
import dev.arca.attestation.support.Requests;
import dev.arca.attestation.support.TestHttp.Response;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * With {@code arca.as.allow-verify-as-of=true}: the configured {@code arca.as.verify-as-of} applies when the request
 * names no instant, {@code verify_at} overrides it, each token says which instant it was verified at, and its
 * {@code iat}/{@code exp} still come from the real clock.
 */
class VerifyAsOfApiTest extends ConfiguredServiceTestBase {

    private static final byte[] RAW = {4, 2};

    private Response attest(String verifyAt) {
        ObjectNode request = (ObjectNode) Requests.JSON.readTree(
                body(withRaw(verificationRequest("sample", sampleEvidence("1", RAW)), RAW)));
        if (verifyAt != null) {
            request.put("verify_at", verifyAt);
        }
        return http.postJson("/attestation", request.toString());
    }

    private JsonNode claims(Response response) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return EarTokenReader.verify(response.body(), http.get("/.well-known/jwks.json").body()).claims();
    }

    @Test
    void theConfiguredInstantAppliesAndIsStatedInTheToken() throws Exception {
        JsonNode claims = claims(attest(null));

        assertThat(claims.at("/submods/cpu0/arca.verified-as-of").asString()).isEqualTo(VERIFY_AS_OF.toString());
        assertThat(Duration.between(Instant.ofEpochSecond(claims.path("iat").asLong()), Instant.now()).abs())
                .isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void verifyAtOverridesTheConfiguredInstant() throws Exception {
        JsonNode claims = claims(attest("2024-02-29T23:59:59+01:00"));

        assertThat(claims.at("/submods/cpu0/arca.verified-as-of").asString()).isEqualTo("2024-02-29T22:59:59Z");
        assertThat(claims.at("/submods/cpu0/ear.status").asString()).isEqualTo("affirming");
    }

    @Test
    void aMalformedVerifyAtIsABadRequest() {
        Response response = attest("last tuesday");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).contains("verify_at").contains("RFC 3339");
    }
}
