package dev.arca.attestation.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.AttestationServiceTestBase;
import dev.arca.attestation.support.TestHttp.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /challenge as upstream's contract has it: {"tee", "tee_params"} → "" for the TEEs this AS verifies. */
class ChallengeApiTest extends AttestationServiceTestBase {

    @Test
    void everySupportedTeeAnswersTheEmptyChallenge() {
        for (String tee : new String[] {"sample", "sampledevice", "tdx", "sgx"}) {
            Response response = http.postJson("/challenge", "{\"tee\": \"" + tee + "\", \"tee_params\": \"\"}");

            assertThat(response.status()).as(tee).isEqualTo(200);
            assertThat(response.contentType()).startsWith("text/plain");
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void badChallengeRequestsSayWhatIsWrong() {
        Map<String, String> cases = Map.of(
                "{\"tee\": \"sample\"}", "needs a string 'tee_params'",
                "{\"tee_params\": \"\"}", "needs a string 'tee'",
                "{\"tee\": \"sample\", \"tee_params\": {}}", "'tee_params' must be a string",
                "[\"sample\"]", "must be a JSON object",
                "{\"tee\": ", "malformed request body",
                "{\"tee\": \"se\", \"tee_params\": \"\"}",
                "supported TEEs: az-snp-vtpm, az-tdx-vtpm, cca, csv, nvidia, sample, sampledevice, sgx, snp, tdx, tpm");
        cases.forEach((body, detail) -> {
            Response response = http.postJson("/challenge", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("detail").asString()).as(body).contains(detail);
        });
    }
}
