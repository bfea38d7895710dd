package dev.arca.rvps.security;

import dev.arca.model.caller.CallerKeyFile;
import dev.arca.rvps.AsCaller;
import dev.arca.rvps.GrpcClient;
import dev.arca.rvps.RvpsIntegrationTest;
import dev.arca.service.security.CallerTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reads are for known callers only (docs/security.md "Callers of internal APIs"): the AS with its caller token, or an
 * admin token with role admin or reader — over REST and gRPC alike. A caller token never authorises an admin call.
 */
class CallerAccessApiTest extends RvpsIntegrationTest {

    private HttpResponse<String> read(String path, String authorization) {
        var request = request(path, null).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    @Test
    void readsNeedTheAsCallerTokenOrAReaderOrAdminToken() {
        assertThat(registerSample("{\"reads/a\": [1]}").statusCode()).isEqualTo(201);

        HttpResponse<String> anonymous = getAnonymous("/reference-values/reads/a");
        assertProblem(anonymous, 401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertProblem(getAnonymous("/reference-values?prefix=reads/"), 401);

        assertThat(json(read("/reference-values/reads/a", AsCaller.authorization(clock))).path("value").get(0)
                .asInt()).isEqualTo(1);
        String reader = "Bearer " + adminSigner().sign("auditor", "reader", Duration.ofMinutes(5));
        assertThat(read("/reference-values?prefix=reads/a", reader).statusCode()).isEqualTo(200);
        assertThat(read("/reference-values/reads/a", "Bearer " + adminToken()).statusCode()).isEqualTo(200);
        String otherRole = "Bearer " + adminSigner().sign("someone", "auditor", Duration.ofMinutes(5));
        assertProblem(read("/reference-values/reads/a", otherRole), 403);
    }

    @Test
    void forgedExpiredAndMisaddressedCallerTokensAreRefused() throws Exception {
        CallerKeyFile stranger = CallerKeyFile.loadOrCreate(Files.createTempDirectory("stranger").resolve("k.pem"));
        String forged = new CallerTokens("attestation-service", stranger, Duration.ofMinutes(2), clock)
                .authorization("rvps");
        assertProblem(read("/reference-values/reads/a", forged), 401);

        // signed with the AS's key, but addressed to the KBS's AS rather than this RVPS
        String misaddressed = AsCaller.tokens("attestation-service", clock).authorization("attestation-service");
        assertThat(assertProblem(read("/reference-values/reads/a", misaddressed), 401)).contains("audience");

        // the AS's key claiming to be another caller: that name is no trusted caller here, so it is checked as an
        // admin token, which no admin key signed
        String impostor = AsCaller.tokens("kbs", clock).authorization("rvps");
        assertProblem(read("/reference-values/reads/a", impostor), 401);

        String old = AsCaller.authorization(clock);
        clock.advance(Duration.ofMinutes(10));
        assertThat(assertProblem(read("/reference-values/reads/a", old), 401)).contains("expired");
    }

    @Test
    void callerTokensNeverAuthoriseAdminCalls() {
        String caller = AsCaller.authorization(clock).substring("Bearer ".length());
        assertProblem(post("/reference-values", message("sample", samplePayload("{\"reads/x\": 1}")), caller), 403);
        assertProblem(delete("/reference-values/reads/a", caller), 403);
    }

    @Test
    void grpcQueriesNeedACallerOrReaderTokenToo() throws Exception {
        assertThat(registerSample("{\"reads/grpc\": 7}").statusCode()).isEqualTo(201);
        String caller = AsCaller.authorization(clock).substring("Bearer ".length());
        try (GrpcClient anonymous = grpc(null); GrpcClient authorised = grpc(caller)) {
            assertThatThrownBy(() -> anonymous.query("reads/grpc")).isInstanceOfSatisfying(
                    StatusRuntimeException.class,
                    e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
            assertThat(authorised.query("reads/grpc").getReferenceValueResults()).isEqualTo("7");
            assertThatThrownBy(() -> authorised.register(message("sample", samplePayload("{\"reads/y\": 1}"))))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        }
    }

    @Test
    void probesStayOpen() {
        assertThat(getAnonymous("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }
}
