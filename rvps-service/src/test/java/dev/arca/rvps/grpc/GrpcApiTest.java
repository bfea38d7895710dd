package dev.arca.rvps.grpc;

import io.grpc.health.v1.HealthCheckResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Json;
import dev.arca.rvps.GrpcClient;
import dev.arca.rvps.RvpsIntegrationTest;
import dev.arca.rvps.grpc.proto.ReferenceValueQueryResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** upstream's reference.proto service, called by a real gRPC client over loopback (Trustee protos/reference.proto). */
class GrpcApiTest extends RvpsIntegrationTest {

    private static String sampleMessage(String json) {
        return message("sample", samplePayload(json));
    }

    private static Status.Code codeOf(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void registeredOverGrpcIsQueryableOverGrpcAndRest() throws Exception {
        try (GrpcClient admin = grpc(adminToken()); GrpcClient reader = grpc(readerToken())) {
            admin.register(sampleMessage("{\"grpc/svn\": [1, 2], \"grpc/text\": \"x\"}"));

            ReferenceValueQueryResponse svn = reader.query("grpc/svn");
            assertThat(svn.hasReferenceValueResults()).isTrue();
            // only the value, as JSON text
            assertThat(Json.tree(svn.getReferenceValueResults())).isEqualTo(Json.tree("[1, 2]"));
            assertThat(reader.query("grpc/text").getReferenceValueResults()).isEqualTo("\"x\"");
        }
        assertThat(json(get("/reference-values/grpc/svn")).path("expiration").asString())
                .isEqualTo("2027-11-26T12:00:00Z");
    }

    @Test
    void absentAndExpiredValuesHaveNoResult() throws Exception {
        try (GrpcClient admin = grpc(adminToken()); GrpcClient reader = grpc(readerToken())) {
            admin.register(sampleMessage("{\"grpc/expiring\": 1}"));

            // the id an upstream AS health-checks its pooled connections with
            assertThat(reader.query("__healthcheck__").hasReferenceValueResults()).isFalse();
            assertThat(reader.query("grpc/expiring").hasReferenceValueResults()).isTrue();
            clock.advance(Duration.ofDays(366));
            assertThat(reader.query("grpc/expiring").hasReferenceValueResults()).isFalse();
        }
    }

    /** Upstream's clients and probes ask the standard health service; it needs no credential and names no data. */
    @Test
    void theStandardHealthServiceAnswersServingWithoutCredentials() throws Exception {
        try (GrpcClient anonymous = grpc(null)) {
            assertThat(anonymous.health("")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            assertThat(anonymous.health("reference.ReferenceValueProviderService"))
                    .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            assertThat(codeOf(() -> anonymous.health("no.such.Service"))).isEqualTo(Status.Code.NOT_FOUND);
        }
    }

    @Test
    void registrationNeedsAnAdminToken() throws Exception {
        String message = sampleMessage("{\"grpc/denied\": 1}");
        String reader = adminSigner().sign("reader", "reader", Duration.ofMinutes(5));
        String forged = dev.arca.rvps.TestAdminKeys.signer(dev.arca.rvps.TestAdminKeys.generate(), clock)
                .sign("intruder", "admin", Duration.ofMinutes(5));

        try (GrpcClient none = grpc(null); GrpcClient wrongRole = grpc(reader); GrpcClient intruder = grpc(forged)) {
            assertThat(codeOf(() -> none.register(message))).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(codeOf(() -> wrongRole.register(message))).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(codeOf(() -> intruder.register(message))).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(wrongRole.query("grpc/denied").hasReferenceValueResults()).isFalse();
        }
    }

    @Test
    void badMessagesAreInvalidArgumentsWithTheReason() throws Exception {
        try (GrpcClient admin = grpc(adminToken())) {
            assertThatThrownBy(() -> admin.register("{\"type\": "))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription()).startsWith("message is not valid JSON");
                    });
            assertThatThrownBy(() -> admin.register(Json.write(Map.of("type", "spdx", "payload", "e30="))))
                    .hasMessageContaining("INVALID_ARGUMENT: no extractor for type spdx");
            assertThatThrownBy(() -> admin.register(Json.write(Map.of("type", "sample", "payload", 5))))
                    .hasMessageContaining("payload must be a string");
            assertThatThrownBy(() -> admin.register(message("in-toto", "{\"links\": {}}")))
                    .hasMessageContaining("in-toto verification failed: the payload lacks the root layout");
        }
    }
}
