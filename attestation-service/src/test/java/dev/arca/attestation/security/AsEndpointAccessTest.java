package dev.arca.attestation.security;

import dev.arca.attestation.support.AttestationServiceTestBase;
import dev.arca.service.testing.EndpointAccessAudit;
import dev.arca.service.testing.EndpointAccessAudit.Access;
import dev.arca.service.testing.EndpointAccessAudit.Endpoint;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the running AS is closed unless listed here: token verification material and the OpenAPI
 * document are public; evidence appraisal, challenges and policy reads need the KBS's caller token (or an admin);
 * policy changes an admin token. Evidence posted straight to the AS by anyone else gets no token.
 */
class AsEndpointAccessTest extends AttestationServiceTestBase {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    static Access expected(Endpoint endpoint) {
        return switch (endpoint.method() + " " + endpoint.pattern()) {
            case "GET /.well-known/jwks.json", "GET /certificates", "GET /healthz" -> Access.PUBLIC;
            default -> endpoint.pattern().startsWith("/v3/api-docs") ? Access.PUBLIC : Access.CLOSED;
        };
    }

    @Test
    void everyEndpointIsClosedWithoutTheRightCredentialWhateverThePathSpelling() {
        List<Endpoint> endpoints = EndpointAccessAudit.endpoints(mappings);
        assertThat(endpoints).extracting(Endpoint::pattern).contains("/attestation", "/challenge", "/policy",
                "/policy/{id}");
        String viewer = bearer(ADMIN_KEY, "viewer").substring("Bearer ".length());
        int requests = new EndpointAccessAudit(port).assertAll(endpoints, AsEndpointAccessTest::expected, viewer);
        assertThat(requests).isGreaterThan(50);
    }

    @Test
    void onlyTheKbsMayHaveEvidenceAppraised() {
        EndpointAccessAudit audit = new EndpointAccessAudit(port);
        HttpResponse<String> anonymous = audit.send("POST", "/attestation", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        // an admin may (an operator re-appraising evidence); the KBS's caller token is what the KBS sends
        assertThat(audit.send("POST", "/attestation", adminBearer().substring(7)).statusCode()).isEqualTo(400);
        assertThat(http.postJson("/attestation", "{}").status()).isEqualTo(400);
    }
}
