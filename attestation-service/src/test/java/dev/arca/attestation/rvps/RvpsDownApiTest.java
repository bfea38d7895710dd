package dev.arca.attestation.rvps;

import static dev.arca.attestation.support.Requests.body;
import static dev.arca.attestation.support.Requests.sampleEvidence;
import static dev.arca.attestation.support.Requests.verificationRequest;
import static dev.arca.attestation.support.Requests.withRaw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.AttestationServiceTestBase;
import dev.arca.attestation.support.EarTokenReader;
import dev.arca.attestation.support.TestHttp.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** With the RVPS unreachable the default policy cannot confirm anything: the device is contraindicated. */
class RvpsDownApiTest extends AttestationServiceTestBase {

    @Autowired
    ReferenceValueCache cache;

    @Test
    void rvpsDownMeansContraindicatedNeverAffirming() throws Exception {
        byte[] raw = {7, 7, 7};
        String request = body(withRaw(verificationRequest("sample", sampleEvidence("1", raw)), raw));
        cache.clear();
        RVPS.setAvailable(false);
        JsonNode cpu0;
        try {
            Response response = http.postJson("/attestation", request);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            cpu0 = EarTokenReader.verify(response.body(), http.get("/.well-known/jwks.json").body()).submod("cpu0");
        } finally {
            RVPS.setAvailable(true);
        }

        assertThat(cpu0.path("ear.status").asString()).isEqualTo("contraindicated");
        assertThat(cpu0.path("ear.trustworthiness-vector").path("hardware").asInt()).isEqualTo(97);

        // once the RVPS answers again the same evidence is affirmed: failures were not cached
        Response again = http.postJson("/attestation", request);
        assertThat(EarTokenReader.verify(again.body(), http.get("/.well-known/jwks.json").body()).submod("cpu0")
                .path("ear.status").asString()).isEqualTo("affirming");
    }
}
