package dev.arca.rvps.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.admin.AdminTokenSigner;
import dev.arca.rvps.GrpcClient;
import dev.arca.rvps.RvpsIntegrationTest;
import dev.arca.rvps.TestAdminKeys;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service with {@code arca.rvps.read-auth=bearer}: its own application context, REST and gRPC reads. */
class ReadAuthApiTest extends RvpsIntegrationTest {

    private static final KeyPair READER_KEYS = TestAdminKeys.generate();

    @DynamicPropertySource
    static void bearerReads(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "reader-keys"));
        Path readerKey = TestAdminKeys.writePublicKey(READER_KEYS, Files.createTempFile(dir, "reader-", ".pem"));
        registry.add("arca.rvps.read-auth", () -> "bearer");
        registry.add("arca.rvps.reader-public-key-files", readerKey::toString);
    }

    private AdminTokenSigner readerSigner() {
        return TestAdminKeys.signer(READER_KEYS, clock);
    }

    private HttpResponse<String> read(String path, String token) {
        return send(request(path, token).GET());
    }

    @Test
    void readsNeedAReaderOrAdminToken() {
        assertThat(registerSample("{\"reads/a\": [1]}").statusCode()).isEqualTo(201);
        String reader = readerSigner().sign("attestation-service", "reader", Duration.ofMinutes(5));

        HttpResponse<String> anonymous = read("/reference-values/reads/a", null);
        assertThat(assertProblem(anonymous, 401)).contains("reader token rejected");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertProblem(read("/reference-values?prefix=reads/", null), 401);

        assertThat(json(read("/reference-values/reads/a", reader)).path("value").get(0).asInt()).isEqualTo(1);
        assertThat(json(read("/reference-values?prefix=reads/a", reader)).size()).isEqualTo(1);
        assertThat(read("/reference-values/reads/a", adminToken()).statusCode()).isEqualTo(200);
        assertProblem(read("/reference-values/reads/absent", reader), 404);
    }

    @Test
    void otherRolesUnknownKeysAndExpiredTokensAreRefused() {
        String auditor = readerSigner().sign("someone", "auditor", Duration.ofMinutes(5));
        String unknownKey = TestAdminKeys.signer(TestAdminKeys.generate(), clock)
                .sign("intruder", "reader", Duration.ofMinutes(5));
        String expired = readerSigner().sign("attestation-service", "reader", Duration.ofMinutes(-5));

        assertThat(assertProblem(read("/reference-values/reads/a", auditor), 403)).contains("reader or admin");
        assertThat(assertProblem(read("/reference-values/reads/a", unknownKey), 401))
                .contains("reader or admin keys");
        assertThat(assertProblem(read("/reference-values/reads/a", expired), 401)).contains("expired");
    }

    @Test
    void readerKeysNeverAuthoriseAdminCalls() {
        String readerAsAdmin = readerSigner().sign("attestation-service", "admin", Duration.ofMinutes(5));

        assertProblem(post("/reference-values", message("sample", samplePayload("{\"reads/x\": 1}")),
                readerAsAdmin), 401);
        assertProblem(delete("/reference-values/reads/a", readerAsAdmin), 401);
    }

    @Test
    void grpcQueriesNeedAReaderTokenToo() throws Exception {
        assertThat(registerSample("{\"reads/grpc\": 7}").statusCode()).isEqualTo(201);
        String reader = readerSigner().sign("attestation-service", "reader", Duration.ofMinutes(5));

        try (GrpcClient anonymous = grpc(null); GrpcClient authorised = grpc(reader)) {
            assertThatThrownBy(() -> anonymous.query("reads/grpc")).isInstanceOfSatisfying(
                    StatusRuntimeException.class,
                    e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
            assertThat(authorised.query("reads/grpc").getReferenceValueResults()).isEqualTo("7");
            assertThatThrownBy(() -> authorised.register(message("sample", samplePayload("{\"reads/y\": 1}"))))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        }
    }

    @Test
    void probesStayOpen() {
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }
}
