package dev.arca.rvps.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Json;
import dev.arca.rvps.RvpsIntegrationTest;
import dev.arca.rvps.UpstreamAsRvpsClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * An upstream Attestation Service using Arca's RVPS over gRPC ({@code rvps_config.type = "GrpcRemote"}), through a
 * client that behaves as upstream's does (Trustee attestation-service/src/rvps/grpc.rs: no metadata, a
 * {@code __healthcheck__} query on every connection checkout, RegisterReferenceValue with the message text,
 * QueryReferenceValue's optional JSON result). By default such an AS is refused — registration is never open — and
 * the two documented opt-ins let it in: the registration secret added by a proxy, and trusted network callers.
 */
class UpstreamAsGrpcCompatibilityTest {

    /** What an upstream AS relays to RegisterReferenceValue: the RVPS message of a sample provenance. */
    private static String sampleMessage(String valuesJson) {
        return Json.write(java.util.Map.of("version", "0.1.0", "type", "sample",
                "payload", java.util.Base64.getEncoder().encodeToString(valuesJson.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8))));
    }

    private static Status.Code codeOf(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
        throw new AssertionError("the call succeeded");
    }

    @Nested
    class ByDefault extends RvpsIntegrationTest {

        /** Upstream's AS fails to start: its first pooled connection's health-check query is refused. */
        @Test
        void anUpstreamAsWithoutMetadataIsRefused() throws Exception {
            try (UpstreamAsRvpsClient as = UpstreamAsRvpsClient.direct(grpcProperties.port())) {
                assertThat(codeOf(as::connect)).isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThat(codeOf(() -> as.verifyAndExtract(sampleMessage("{\"upstream/default\": 1}"))))
                        .isEqualTo(Status.Code.UNAUTHENTICATED);
            }
            // nothing was stored
            assertThat(get("/reference-values/upstream/default").statusCode()).isEqualTo(404);
        }

        @Test
        void aProxyAddingASecretIsRefusedWhenNoSecretIsConfigured() throws Exception {
            try (UpstreamAsRvpsClient as = UpstreamAsRvpsClient.behindProxyAdding(grpcProperties.port(),
                    "Bearer " + Secret.VALUE)) {
                assertThat(codeOf(as::connect)).isEqualTo(Status.Code.UNAUTHENTICATED);
            }
        }
    }

    @Nested
    class WithTheRegistrationSecret extends RvpsIntegrationTest {

        @DynamicPropertySource
        static void secret(DynamicPropertyRegistry registry) {
            registry.add("arca.rvps.grpc.registration-secret-file", () -> Secret.file().toString());
        }

        @Test
        void anUpstreamAsBehindAProxyAddingTheSecretRegistersAndQueries() throws Exception {
            try (UpstreamAsRvpsClient as = UpstreamAsRvpsClient.behindProxyAdding(grpcProperties.port(),
                    "Bearer " + Secret.VALUE)) {
                as.connect();
                as.verifyAndExtract(sampleMessage("{\"upstream/secret/svn\": [\"1\", \"2\"]}"));

                assertThat(as.queryReferenceValue("upstream/secret/svn")).hasValue(Json.tree("[\"1\", \"2\"]"));
                assertThat(as.queryReferenceValue("upstream/secret/absent")).isEmpty();
            }
            // stored like any other registration: the REST read sees it
            assertThat(get("/reference-values/upstream/secret/svn").statusCode()).isEqualTo(200);
        }

        @Test
        void aWrongSecretOrNoneIsRefused() throws Exception {
            String message = sampleMessage("{\"upstream/secret/refused\": 1}");
            try (UpstreamAsRvpsClient none = UpstreamAsRvpsClient.direct(grpcProperties.port());
                 UpstreamAsRvpsClient wrong = UpstreamAsRvpsClient.behindProxyAdding(grpcProperties.port(),
                         "Bearer " + Secret.VALUE.replace('7', '8'));
                 UpstreamAsRvpsClient prefix = UpstreamAsRvpsClient.behindProxyAdding(grpcProperties.port(),
                         "Bearer " + Secret.VALUE.substring(0, 20));
                 UpstreamAsRvpsClient notBearer = UpstreamAsRvpsClient.behindProxyAdding(grpcProperties.port(),
                         Secret.VALUE)) {
                for (UpstreamAsRvpsClient as : java.util.List.of(none, wrong, prefix, notBearer)) {
                    assertThat(codeOf(as::connect)).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(codeOf(() -> as.verifyAndExtract(message))).isEqualTo(Status.Code.UNAUTHENTICATED);
                }
            }
            assertThat(get("/reference-values/upstream/secret/refused").statusCode()).isEqualTo(404);
        }

        /** The secret is a gRPC credential only: the REST API still wants its tokens. */
        @Test
        void theSecretIsNoRestCredential() {
            assertThat(post("/reference-values", sampleMessage("{\"upstream/secret/rest\": 1}"), Secret.VALUE)
                    .statusCode()).isEqualTo(401);
        }

        @Test
        void adminTokensStillWork() throws Exception {
            try (var admin = grpc(adminToken())) {
                admin.register(sampleMessage("{\"upstream/secret/admin\": 1}"));
            }
            try (UpstreamAsRvpsClient as = UpstreamAsRvpsClient.behindProxyAdding(grpcProperties.port(),
                    "Bearer " + Secret.VALUE)) {
                assertThat(as.queryReferenceValue("upstream/secret/admin")).hasValue(Json.tree("1"));
            }
        }
    }

    @Nested
    @TestPropertySource(properties = "arca.rvps.grpc.trust-network-callers=true")
    class WithTrustedNetworkCallers extends RvpsIntegrationTest {

        @Test
        void anUpstreamAsWithoutMetadataRegistersAndQueries() throws Exception {
            try (UpstreamAsRvpsClient as = UpstreamAsRvpsClient.direct(grpcProperties.port())) {
                as.connect();
                as.verifyAndExtract(sampleMessage("{\"upstream/network/svn\": [1]}"));

                assertThat(as.queryReferenceValue("upstream/network/svn")).hasValue(Json.tree("[1]"));
                assertThat(as.queryReferenceValue("upstream/network/absent")).isEmpty();
            }
        }

        /** A call that presents a credential is judged by it: the switch only covers calls without one. */
        @Test
        void aPresentedCredentialIsStillChecked() throws Exception {
            String reader = adminSigner().sign("reader", "reader", java.time.Duration.ofMinutes(5));
            try (UpstreamAsRvpsClient junk = UpstreamAsRvpsClient.behindProxyAdding(grpcProperties.port(),
                    "Bearer not-a-token");
                 UpstreamAsRvpsClient lesserRole = UpstreamAsRvpsClient.behindProxyAdding(grpcProperties.port(),
                         "Bearer " + reader)) {
                assertThat(codeOf(junk::connect)).isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThatThrownBy(() -> lesserRole.verifyAndExtract(sampleMessage("{\"upstream/network/no\": 1}")))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
                                e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
            }
        }

        /** The switch opens the gRPC listener only; REST registration still needs an admin token. */
        @Test
        void restRegistrationStillNeedsAnAdmin() {
            assertThat(post("/reference-values", sampleMessage("{\"upstream/network/rest\": 1}"), null)
                    .statusCode()).isEqualTo(401);
        }
    }

    /** The registration secret the tests configure, in a file under target/. */
    static final class Secret {

        static final String VALUE = "7f3c1d0e9b8a47a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0";
        private static Path file;

        static synchronized Path file() {
            if (file == null) {
                try {
                    Path dir = Files.createDirectories(Path.of("target"));
                    file = Files.createTempFile(dir, "grpc-registration-secret-", ".txt");
                    Files.writeString(file, VALUE + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return file;
        }
    }
}
