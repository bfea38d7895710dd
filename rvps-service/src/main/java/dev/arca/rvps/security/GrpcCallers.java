package dev.arca.rvps.security;

import dev.arca.model.admin.AdminIdentity;
import dev.arca.service.security.ServiceSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who may call the gRPC listener (declared with the REST rules in {@link RvpsSecurityConfiguration}; docs/security.md
 * has the table). The REST rules, with the call's {@code authorization} metadata for the header: registration needs an
 * admin token, queries the AS's caller token or an admin token with role admin or reader (tokens checked by the
 * service's Spring Security decoders). Two further ways exist for upstream Attestation Services, whose RVPS client
 * sends no metadata (Trustee attestation-service/src/rvps/grpc.rs), both off by default:
 * <ul>
 * <li>the registration secret ({@code arca.rvps.grpc.registration-secret-file}) as {@code Bearer <secret>}, added by a
 * proxy or sidecar in front of the upstream AS: may register and query;</li>
 * <li>{@code arca.rvps.grpc.trust-network-callers}: a call with no metadata at all may register and query. A call that
 * presents a credential is still judged by it, so a wrong one is refused whatever this switch says.</li>
 * </ul>
 */
public final class GrpcCallers {

    private static final Logger log = LoggerFactory.getLogger(GrpcCallers.class);

    static final AdminIdentity SECRET_HOLDER = new AdminIdentity("registration-secret holder", "registration-secret");
    static final AdminIdentity NETWORK_CALLER = new AdminIdentity("network caller", "trust-network-callers");

    private final ServiceSecurity security;
    private final RegistrationSecret secret;
    private final boolean trustNetworkCallers;

    /** @param secret null when no registration secret is configured */
    GrpcCallers(ServiceSecurity security, RegistrationSecret secret, boolean trustNetworkCallers) {
        this.security = security;
        this.secret = secret;
        this.trustNetworkCallers = trustNetworkCallers;
    }

    /** The caller allowed to register reference values, or an exception (UNAUTHENTICATED / PERMISSION_DENIED). */
    public AdminIdentity registrar(String authorization) {
        if (secret != null && secret.presentedIn(authorization)) {
            return SECRET_HOLDER;
        }
        if (authorization == null && trustNetworkCallers) {
            log.warn("gRPC registration accepted without a credential (arca.rvps.grpc.trust-network-callers=true)");
            return NETWORK_CALLER;
        }
        Authentication who = security.authenticate(authorization);
        if (!security.allowsAdmin(who)) {
            throw who == null ? new InvalidBearerTokenException("this call needs an admin token or the registration"
                    + " secret in the authorization metadata")
                    : new AccessDeniedException("the token may not register reference values");
        }
        if (who instanceof JwtAuthenticationToken jwt) {
            String subject = jwt.getToken().getSubject();
            return new AdminIdentity(subject == null ? "(no subject)" : subject, ServiceSecurity.roleOf(who));
        }
        return new AdminIdentity("anonymous", "insecure-allow-all");
    }

    /** Returns when the caller may query reference values, else throws (UNAUTHENTICATED / PERMISSION_DENIED). */
    public void reader(String authorization) {
        if (secret != null && secret.presentedIn(authorization)) {
            return;
        }
        // upstream's AS queries "__healthcheck__" on every pooled-connection checkout: no log line per query
        if (authorization == null && trustNetworkCallers) {
            return;
        }
        Authentication who = security.authenticate(authorization);
        if (!security.allowsCaller(who, RvpsSecurityConfiguration.READER_ROLES,
                RvpsSecurityConfiguration.AS)) {
            throw who == null ? new InvalidBearerTokenException("this call needs a caller or reader token")
                    : new AccessDeniedException("the token may not read reference values");
        }
    }
}
