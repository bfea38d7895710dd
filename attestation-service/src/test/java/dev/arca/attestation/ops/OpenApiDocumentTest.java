package dev.arca.attestation.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.support.AttestationServiceTestBase;
import dev.arca.attestation.support.TestHttp.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document at {@code /v3/api-docs} describes every endpoint, and {@code docs/openapi/attestation-service.json}
 * is a current copy of it. After changing the API, refresh the copy with
 * {@code ./mvnw -o -pl attestation-service verify -Darca.openapi.write=true}.
 */
class OpenApiDocumentTest extends AttestationServiceTestBase {

    private static final Path COPY = Path.of("..", "docs", "openapi", "attestation-service.json");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @Test
    void theDocumentDescribesEveryEndpointAndTheDocsCopyIsCurrent() throws Exception {
        Response response = http.get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        ObjectNode document = (ObjectNode) JSON.readTree(response.body());
        document.remove("servers");

        assertThat(document.path("paths").propertyNames()).contains("/attestation", "/challenge", "/policy",
                "/policy/{id}", "/certificates", "/.well-known/jwks.json");
        assertThat(document.at("/paths/~1attestation/post").isObject()).isTrue();
        assertThat(document.at("/paths/~1policy~1{id}/delete").isObject()).isTrue();
        assertThat(document.at("/components/schemas/AttestationApiRequest/properties").propertyNames())
                .contains("verification_requests", "policy_ids", "verify_at");

        String current = JSON.writeValueAsString(JSON.treeToValue(document, Object.class)) + "\n";
        if (Boolean.getBoolean("arca.openapi.write")) {
            Files.createDirectories(COPY.getParent());
            Files.writeString(COPY, current, StandardCharsets.UTF_8);
        }
        assertThat(COPY).as("run with -Darca.openapi.write=true to create the docs copy").exists();
        JsonNode copy = JSON.readTree(Files.readString(COPY, StandardCharsets.UTF_8));
        assertThat(copy).as("docs/openapi/attestation-service.json is out of date; rerun with "
                + "-Darca.openapi.write=true").isEqualTo(JSON.readTree(current));
    }
}
