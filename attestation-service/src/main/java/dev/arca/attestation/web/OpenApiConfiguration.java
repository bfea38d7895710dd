package dev.arca.attestation.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description served at {@code /v3/api-docs} (a copy lives in docs/openapi/attestation-service.json).
 * The server is the relative "/", so the document does not depend on the host or port it was fetched from.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String ADMIN = "admin";

    static {
        // structured runtime data and challenge bodies are any JSON; without this the schema lists JsonNode's getters
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new JsonSchema());
    }

    @Bean
    OpenAPI attestationServiceOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Arca Attestation Service")
                        .version("0.1.0")
                        .description("Verifies TEE evidence, appraises it with CEL policies against RVPS reference"
                                + " values and signs EAR tokens; wire-compatible with the Trustee AS RESTful API."
                                + " Errors are RFC 9457 problem documents. See docs/attestation-service.md."))
                .servers(List.of(new Server().url("/")))
                .components(new Components().addSecuritySchemes(ADMIN, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("Admin JWT signed by a key of arca.admin.public-key-files, with exp and"
                                + " role = arca.admin.required-role")));
    }
}
