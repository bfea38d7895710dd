package dev.arca.rvps.security;

import dev.arca.rvps.RvpsIntegrationTest;
import dev.arca.service.testing.EndpointAccessAudit;
import dev.arca.service.testing.EndpointAccessAudit.Access;
import dev.arca.service.testing.EndpointAccessAudit.Endpoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint of the running RVPS is closed unless listed here (only the OpenAPI document is public). */
class RvpsEndpointAccessTest extends RvpsIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointIsClosedWithoutTheRightCredentialWhateverThePathSpelling() {
        List<Endpoint> endpoints = EndpointAccessAudit.endpoints(mappings);
        assertThat(endpoints).extracting(Endpoint::pattern).contains("/reference-values", "/reference-values/{*name}");
        String auditor = adminSigner().sign("someone", "auditor", Duration.ofMinutes(5));
        int requests = new EndpointAccessAudit(port).assertAll(endpoints,
                endpoint -> endpoint.pattern().startsWith("/v3/api-docs") || endpoint.pattern().equals("/healthz")
                        ? Access.PUBLIC : Access.CLOSED, auditor);
        assertThat(requests).isGreaterThan(30);
    }
}
