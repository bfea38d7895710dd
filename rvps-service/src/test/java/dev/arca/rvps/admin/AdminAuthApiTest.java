package dev.arca.rvps.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.rvps.RvpsIntegrationTest;
import dev.arca.rvps.TestAdminKeys;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdminAuthApiTest extends RvpsIntegrationTest {

    private final String body = message("sample", samplePayload("{\"auth/value\": 1}"));

    @Test
    void noTokenIsUnauthenticated() {
        HttpResponse<String> response = post("/reference-values", body, null);

        assertThat(assertProblem(response, 401)).contains("Bearer");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertProblem(get("/reference-values/auth/value"), 404);
    }

    @Test
    void malformedOrOtherSchemeTokensAreUnauthenticated() {
        assertProblem(post("/reference-values", body, "not-a-jwt"), 401);
        assertProblem(send(request("/reference-values", null).header("Authorization", "Basic YWRtaW46YWRtaW4=")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))), 401);
    }

    @Test
    void eddsaHeaderTokenFromATrustedEd25519KeyMayWrite() {
        String upstreamStyle = TestAdminKeys.eddsaToken(ED25519_ADMIN_KEYS, "admin", clock);

        HttpResponse<String> response = post("/reference-values",
                message("sample", samplePayload("{\"auth/eddsa\": 1}")), upstreamStyle);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(get("/reference-values/auth/eddsa").statusCode()).isEqualTo(200);
        String untrusted = TestAdminKeys.eddsaToken(TestAdminKeys.generateEd25519(), "admin", clock);
        assertProblem(post("/reference-values", body, untrusted), 401);
    }

    @Test
    void tokenFromAnUntrustedKeyIsUnauthenticated() {
        String forged = TestAdminKeys.signer(TestAdminKeys.generate(), clock)
                .sign("intruder", "admin", Duration.ofMinutes(5));

        assertThat(assertProblem(post("/reference-values", body, forged), 401)).contains("not signed by a trusted key");
    }

    @Test
    void expiredTokenIsUnauthenticated() {
        String expired = adminSigner().sign("test-admin", "admin", Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(5));

        assertThat(assertProblem(post("/reference-values", body, expired), 401)).contains("expired");
    }

    @Test
    void wrongRoleIsForbidden() {
        String reader = adminSigner().sign("test-reader", "reader", Duration.ofMinutes(5));

        assertProblem(post("/reference-values", body, reader), 403);
        assertProblem(get("/reference-values/auth/value"), 404);
    }

    @Test
    void deleteNeedsAnAdminToo() {
        assertThat(registerSample("{\"auth/delete\": 1}").statusCode()).isEqualTo(201);
        String reader = adminSigner().sign("test-reader", "reader", Duration.ofMinutes(5));

        assertProblem(delete("/reference-values/auth/delete", null), 401);
        assertProblem(delete("/reference-values/auth/delete", reader), 403);
        assertThat(get("/reference-values/auth/delete").statusCode()).isEqualTo(200);
    }

    @Test
    void authenticationComesBeforeTheBodyIsRead() {
        assertProblem(post("/reference-values", "{not json", null), 401);
    }
}
