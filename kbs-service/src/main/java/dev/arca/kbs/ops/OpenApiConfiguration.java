package dev.arca.kbs.ops;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document served at {@code /v3/api-docs} and kept in {@code docs/openapi/kbs.json} (a test fails when the
 * two drift). The server is relative, so the document is the same whatever host and port serve it.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    public OpenAPI kbsOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Arca Key Broker Service")
                        .version("0.1.0")
                        .description("KBS protocol (RCAR 0.1.0-0.4.0, wire-compatible with Confidential Containers "
                                + "Trustee), plugins (resource, cert) and the admin API. Every non-2xx answer is "
                                + "application/problem+json with upstream's error type names. See docs/kbs.md.")
                        .license(new License().name("Apache-2.0")))
                .servers(List.of(new Server().url("/").description("this KBS")));
    }
}
