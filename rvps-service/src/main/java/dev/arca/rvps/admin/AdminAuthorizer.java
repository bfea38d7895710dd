package dev.arca.rvps.admin;

import dev.arca.model.admin.AdminAuthException;
import dev.arca.model.admin.AdminIdentity;
import dev.arca.model.admin.AdminKeySource;
import dev.arca.model.admin.AdminTokenVerifier;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides whether an {@code Authorization} header carries an admin, with the admin JWT scheme the KBS uses: a JWT
 * signed by a key of {@code arca.admin.public-key-files} or {@code arca.admin.jwks-url}, unexpired, with the
 * configured {@code iss}/{@code aud} when set, whose {@code role} claim equals the required role. Fails closed: with no key configured nobody is an
 * admin (docs/architecture.md: "no admin endpoint is ever open").
 */
@Component
public class AdminAuthorizer {

    private static final Logger log = LoggerFactory.getLogger(AdminAuthorizer.class);

    /** Null when no admin key is configured; then every admin call is refused. */
    private final AdminTokenVerifier verifier;
    private final String requiredRole;

    public AdminAuthorizer(AdminProperties properties, Clock clock) {
        // a key file that is missing or unreadable stops the service: silently running without it would hide a mistake
        AdminKeySource keys = AdminKeySource.fromConfiguration(properties.publicKeyFiles(), properties.jwksUrl(),
                clock);
        this.requiredRole = properties.requiredRole();
        if (keys.isEmpty()) {
            log.warn("No admin key configured (arca.admin.public-key-files, arca.admin.jwks-url): every admin call "
                    + "(registering or deleting reference values) will be refused");
            this.verifier = null;
        } else {
            log.info("Admin tokens accepted from the keys in {}{}", properties.publicKeyFiles(),
                    properties.jwksUrl() == null ? "" : " and " + properties.jwksUrl());
            this.verifier = new AdminTokenVerifier(keys, properties.issuer(), properties.audience(),
                    properties.clockSkew(), clock);
        }
    }

    /** The caller's identity, or an exception saying why the call is refused. */
    public AdminIdentity authorize(String authorizationHeader) {
        if (verifier == null) {
            throw new AdminForbiddenException(
                    "the admin API is disabled: no admin key is configured (arca.admin.public-key-files, arca.admin.jwks-url)");
        }
        AdminIdentity identity;
        try {
            identity = verifier.verify(authorizationHeader);
        } catch (AdminAuthException e) {
            throw new AdminUnauthenticatedException(e.getMessage());
        }
        if (!requiredRole.equals(identity.role())) {
            throw new AdminForbiddenException("the admin token's role does not allow this call");
        }
        return identity;
    }
}
