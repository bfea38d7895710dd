package dev.arca.rvps.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.model.json.Json;
import dev.arca.rvps.RvpsIntegrationTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/**
 * The served OpenAPI document, and the copy kept in docs/openapi/rvps.json, which must not drift from it. After an
 * intended API change, refresh the copy with {@code -Darca.openapi.update=true}.
 */
class OpenApiDocumentTest extends RvpsIntegrationTest {

    private static final Path COPY = Path.of("..", "docs", "openapi", "rvps.json");

    @Test
    void servedDocumentDescribesTheApiAndMatchesTheCopyInDocs() throws IOException {
        HttpResponse<String> response = get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode served = json(response);

        assertThat(served.path("paths").propertyNames()).contains("/reference-values", "/reference-values/{name}");
        assertThat(served.path("paths").path("/reference-values").has("post")).isTrue();
        assertThat(served.path("components").path("securitySchemes").path("bearer").path("scheme").asString())
                .isEqualTo("bearer");

        if (Boolean.getBoolean("arca.openapi.update")) {
            Files.createDirectories(COPY.getParent());
            Files.writeString(COPY, Json.MAPPER.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(served) + "\n");
        }
        assertThat(Json.tree(Files.readString(COPY)))
                .as("docs/openapi/rvps.json is out of date; run the tests with -Darca.openapi.update=true")
                .isEqualTo(served);
    }
}
