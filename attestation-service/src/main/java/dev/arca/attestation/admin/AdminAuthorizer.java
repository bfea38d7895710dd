package dev.arca.attestation.admin;

import dev.arca.attestation.config.ArcaProperties;
import dev.arca.attestation.web.ApiException;
import dev.arca.attestation.web.Problem;
import dev.arca.model.admin.AdminAuthException;
import dev.arca.model.admin.AdminIdentity;
import dev.arca.model.admin.AdminKeySource;
import dev.arca.model.admin.AdminTokenVerifier;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Decides admin calls (docs/architecture.md "Common to the three services"), with the admin JWT scheme the KBS uses:
 * a bearer JWT signed by a key of {@code arca.admin.public-key-files} or {@code arca.admin.jwks-url}, an unexpired
 * {@code exp}, {@code iss}/{@code aud} when {@code arca.admin.issuer}/{@code arca.admin.audience} are set, and
 * {@code role} equal to {@code arca.admin.required-role}. No missing or bad credential passes (401), a wrong role is 403, and without a
 * configured key every admin call is refused: the admin API is never open.
 */
@Component
public class AdminAuthorizer {

    /** Tolerated clock difference between the admin's machine and this service. */
    private static final Duration LEEWAY = Duration.ofSeconds(30);

    private final AdminTokenVerifier verifier;
    private final String requiredRole;

    public AdminAuthorizer(ArcaProperties properties, Clock clock) {
        ArcaProperties.Admin admin = properties.admin();
        AdminKeySource keys = AdminKeySource.fromConfiguration(admin.publicKeyFiles(), admin.jwksUrl(), clock);
        this.verifier = keys.isEmpty() ? null
                : new AdminTokenVerifier(keys, admin.issuer(), admin.audience(), LEEWAY, clock);
        this.requiredRole = properties.admin().requiredRole();
    }

    public AdminIdentity authorize(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw new ApiException(Problem.ADMIN_UNAUTHENTICATED, "admin call without an Authorization: Bearer token");
        }
        if (verifier == null) {
            throw new ApiException(Problem.ADMIN_FORBIDDEN,
                    "the admin API is disabled: no arca.admin.public-key-files or arca.admin.jwks-url configured");
        }
        AdminIdentity identity;
        try {
            identity = verifier.verify(authorizationHeader);
        } catch (AdminAuthException e) {
            throw new ApiException(Problem.ADMIN_UNAUTHENTICATED, e.getMessage());
        }
        if (!requiredRole.equals(identity.role())) {
            throw new ApiException(Problem.ADMIN_FORBIDDEN,
                    "admin token role '" + identity.role() + "' is not the required role '" + requiredRole + "'");
        }
        return identity;
    }
}
