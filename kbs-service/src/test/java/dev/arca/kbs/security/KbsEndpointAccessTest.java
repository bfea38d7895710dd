package dev.arca.kbs.security;

import dev.arca.kbs.testing.KbsIntegrationTest;
import dev.arca.kbs.testing.TestEnvironment;
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
 * Every endpoint of the running KBS, enumerated from its handler mappings, is closed unless listed here: the RCAR
 * handshake and the OpenAPI document are public, the attested calls need an attestation token, everything else an
 * admin token with a role the ACL allows — whatever spelling of the path an attacker tries.
 */
class KbsEndpointAccessTest extends KbsIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    static Access expected(Endpoint endpoint) {
        String call = endpoint.method() + " " + endpoint.pattern();
        if (call.equals("POST /kbs/v0/auth") || call.equals("POST /kbs/v0/attest")
                || endpoint.pattern().startsWith("/v3/api-docs") || call.equals("GET /healthz")
                // the plugin dispatcher's catch-all: a path no plugin serves answers 404 PluginNotFound
                || endpoint.pattern().equals("/kbs/v0/**")) {
            return Access.PUBLIC;
        }
        if (call.equals("GET /kbs/v0/resource/{repository}/{type}/{tag}") || call.equals("POST /kbs/v0/cert/issue")) {
            return Access.ATTESTED;
        }
        return Access.CLOSED;
    }

    @Test
    void everyEndpointIsClosedWithoutTheRightCredentialWhateverThePathSpelling() {
        List<Endpoint> endpoints = EndpointAccessAudit.endpoints(mappings);
        assertThat(endpoints).extracting(Endpoint::pattern).contains("/kbs/v0/admin/resources", "/kbs/v0/admin/audit",
                "/kbs/v0/admin/resource-policies/{id}", "/kbs/v0/resource-policy", "/kbs/v0/attestation-policy",
                "/kbs/v0/reference-value", "/kbs/v0/reference-value/{*name}",
                "/kbs/v0/resource");
        String viewer = TestEnvironment.adminBearer("viewer").substring("Bearer ".length());
        int requests = new EndpointAccessAudit(port).assertAll(endpoints, KbsEndpointAccessTest::expected, viewer);
        assertThat(requests).isGreaterThan(200);
    }

    /** The spellings that opened the admin API before it moved onto Spring Security. */
    @Test
    void theReportedBypassesAreClosed() {
        EndpointAccessAudit audit = new EndpointAccessAudit(port);
        for (String path : List.of("/kbs/v0/admin;x/resources", "/kbs/v0/admin;/resources",
                "/kbs/v0/admin;jsessionid=1/audit", "/kbs/v0/%61dmin/resources", "/kbs/v0/admi%6e/audit",
                "/kbs;x/v0/admin/resources", "/kbs/v0;x/admin/resource-policies", "/kbs/%760/admin/resources",
                "/%6bbs/v0/admin/audit", "/kbs/v0/admin/resource-policies;x/resource-policy")) {
            HttpResponse<String> get = audit.send("GET", path, null);
            assertThat(get.statusCode()).as(path + " → " + get.body()).isIn(400, 401);
            HttpResponse<String> delete = audit.send("DELETE", path, null);
            assertThat(delete.statusCode()).as("DELETE " + path).isIn(400, 401);
        }
        // the plain admin path still works for an admin
        assertThat(audit.send("GET", "/kbs/v0/admin/resources", admin().substring(7)).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPluginsAnswerNotFoundAndHeadIsNotARelease() {
        EndpointAccessAudit audit = new EndpointAccessAudit(port);
        assertThat(audit.send("GET", "/kbs/v0/no-such-plugin/x", null).statusCode()).isEqualTo(404);
        assertThat(audit.send("HEAD", "/kbs/v0/resource/a/b/c", null).statusCode()).isEqualTo(405);
        assertThat(audit.send("GET", "/not-an-endpoint", null).statusCode()).isEqualTo(401);
    }
}
