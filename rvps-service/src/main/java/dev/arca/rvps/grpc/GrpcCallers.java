package dev.arca.rvps.grpc;

import dev.arca.model.admin.AdminIdentity;
import dev.arca.service.security.ServiceSecurity;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * The gRPC listener's access rules, the same as the REST API's (docs/security.md): registration needs an admin,
 * queries the AS's caller token or an admin token with role admin or reader. Tokens are checked by the service's
 * Spring Security decoders; only the transport differs.
 */
final class GrpcCallers {

    static final String AS = "attestation-service";
    static final Set<String> READER_ROLES = Set.of("reader");

    private final ServiceSecurity security;

    GrpcCallers(ServiceSecurity security) {
        this.security = security;
    }

    AdminIdentity admin(String authorization) {
        Authentication who = security.authenticate(authorization);
        if (!security.allowsAdmin(who)) {
            throw who == null ? new InvalidBearerTokenException("this call needs an admin token")
                    : new AccessDeniedException("the token may not register reference values");
        }
        if (who instanceof JwtAuthenticationToken jwt) {
            String subject = jwt.getToken().getSubject();
            return new AdminIdentity(subject == null ? "(no subject)" : subject, ServiceSecurity.roleOf(who));
        }
        return new AdminIdentity("anonymous", "insecure-allow-all");
    }

    void reader(String authorization) {
        Authentication who = security.authenticate(authorization);
        if (!security.allowsCaller(who, READER_ROLES, AS)) {
            throw who == null ? new InvalidBearerTokenException("this call needs a caller or reader token")
                    : new AccessDeniedException("the token may not read reference values");
        }
    }
}
