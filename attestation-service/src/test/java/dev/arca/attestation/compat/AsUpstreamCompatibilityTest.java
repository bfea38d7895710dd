package dev.arca.attestation.compat;

import static dev.arca.attestation.support.Requests.b64url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.AttestationServiceTestBase;
import dev.arca.attestation.support.TestHttp.Response;
import org.junit.jupiter.api.Test;

/**
 * What upstream's tools and manifests expect of the AS's HTTP API (trustee {@code attestation-service}), over real
 * HTTP: the probe path {@code /healthz} and the status of a policy upload. docs/compatibility.md lists them.
 */
class AsUpstreamCompatibilityTest extends AttestationServiceTestBase {

    /** Upstream's manifests probe {@code GET /healthz} without credentials: 200 while live. */
    @Test
    void healthzAnswers200WithoutCredentials() {
        Response response = http.get("/healthz");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    /** Upstream's AS answers a policy upload {@code POST /policy} with 200; the admin credential is still required. */
    @Test
    void policyUploadAnswers200AndStillNeedsTheAdminCredential() {
        String body = "{\"policy_id\": \"compat_cpu\", \"policy\": \"" + b64url("{'hardware': 2}") + "\"}";
        assertThat(http.postJson("/policy", body).status()).isEqualTo(401);
        assertThat(http.get("/policy/compat_cpu").status()).isEqualTo(404);

        Response stored = http.postJson("/policy", body, "Authorization", adminBearer());
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body()).isEmpty();
        assertThat(http.get("/policy/compat_cpu").status()).isEqualTo(200);
    }
}
