package dev.arca.kbs.admin;

import dev.arca.kbs.config.ArcaProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.model.admin.AdminAuthException;
import dev.arca.model.admin.AdminIdentity;
import dev.arca.model.admin.AdminTokenVerifier;
import dev.arca.model.admin.PemKeys;
import dev.arca.model.error.KbsErrorType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Admin authentication and authorisation (docs/architecture.md "Common to the three services"): a bearer JWT signed
 * by one of {@code arca.admin.public-key-files} with a required {@code exp} and the required {@code role}. Missing or
 * invalid token → 401, wrong role → 403. With no key configured every admin call is refused: never open.
 */
@Component
public class AdminAuthorizer {

    private static final Logger log = LoggerFactory.getLogger(AdminAuthorizer.class);
    /** Same clock-skew allowance as upstream's admin verifier (specs/kbs.md §5.1). */
    private static final Duration LEEWAY = Duration.ofSeconds(60);

    private final AdminTokenVerifier verifier;
    private final String requiredRole;

    public AdminAuthorizer(ArcaProperties properties, Clock clock) throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        for (Path file : properties.admin().publicKeyFiles()) {
            keys.addAll(PemKeys.readPublicKeys(file));
        }
        this.verifier = keys.isEmpty() ? null : new AdminTokenVerifier(keys, LEEWAY, clock);
        this.requiredRole = properties.admin().requiredRole();
        if (verifier == null) {
            log.warn("no arca.admin.public-key-files configured: every admin call will be refused");
        }
    }

    public AdminIdentity authorize(HttpServletRequest request) {
        if (verifier == null) {
            throw new KbsException(KbsErrorType.AdminAuthAccess, "Admin access denied: the admin API is disabled "
                    + "because no admin public keys are configured (arca.admin.public-key-files)");
        }
        AdminIdentity identity;
        try {
            identity = verifier.verify(request.getHeader(HttpHeaders.AUTHORIZATION));
        } catch (AdminAuthException e) {
            throw new KbsException(KbsErrorType.AdminAuthAccess, "Admin access denied: " + e.getMessage());
        }
        if (!requiredRole.equals(identity.role())) {
            throw new KbsException(KbsErrorType.AdminAccessForbidden, "Admin access denied: Role " + identity.role()
                    + " not allowed for path " + request.getRequestURI());
        }
        return identity;
    }
}
