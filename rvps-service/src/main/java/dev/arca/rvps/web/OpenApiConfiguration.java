package dev.arca.rvps.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import tools.jackson.databind.JsonNode;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs} (a copy lives in docs/openapi/rvps.json). The server is the
 * relative "/", so the document does not depend on the host or port it was fetched from.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // a reference value is any JSON value; without this the schema would list JsonNode's Java getters
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new JsonSchema());
    }

    @Bean
    OpenAPI rvpsOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Arca Reference Value Provider Service")
                        .version("0.1.0")
                        .description("Registers provenance messages (sample, in-toto, swid, corim), stores the"
                                + " reference values they yield, and serves them to the Attestation Service."
                                + " Errors are RFC 9457 problem documents. See docs/rvps.md."))
                .servers(List.of(new Server().url("/")))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("Admin JWT (role admin) for registering and deleting; for reads the AS's caller"
                                + " token or an admin JWT with role reader or admin (docs/security.md)")));
    }
}
