package dev.arca.rvps.admin;

import dev.arca.model.admin.AdminAuthException;
import dev.arca.model.admin.AdminIdentity;
import dev.arca.model.admin.AdminTokenVerifier;
import dev.arca.model.admin.PemKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides whether an {@code Authorization} header carries an admin: a JWT signed by one of the configured admin keys,
 * unexpired, whose {@code role} claim equals the required role. Fails closed: with no key configured nobody is an
 * admin (docs/architecture.md: "no admin endpoint is ever open").
 */
@Component
public class AdminAuthorizer {

    private static final Logger log = LoggerFactory.getLogger(AdminAuthorizer.class);

    /** Null when no admin key is configured; then every admin call is refused. */
    private final AdminTokenVerifier verifier;
    private final String requiredRole;

    public AdminAuthorizer(AdminProperties properties, Clock clock) {
        List<PublicKey> keys = readKeys(properties.publicKeyFiles());
        this.requiredRole = properties.requiredRole();
        if (keys.isEmpty()) {
            log.warn("No admin public key configured (arca.admin.public-key-files): every admin call "
                    + "(registering or deleting reference values) will be refused");
            this.verifier = null;
        } else {
            log.info("Admin tokens accepted from {} key(s) in {}", keys.size(), properties.publicKeyFiles());
            this.verifier = new AdminTokenVerifier(keys, properties.clockSkew(), clock);
        }
    }

    /** The caller's identity, or an exception saying why the call is refused. */
    public AdminIdentity authorize(String authorizationHeader) {
        if (verifier == null) {
            throw new AdminForbiddenException(
                    "the admin API is disabled: no admin public key is configured (arca.admin.public-key-files)");
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

    /** A key file that is missing or unreadable stops the service: silently running without it would hide a mistake. */
    private static List<PublicKey> readKeys(List<Path> files) {
        List<PublicKey> keys = new ArrayList<>();
        for (Path file : files) {
            try {
                keys.addAll(PemKeys.readPublicKeys(file));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot read admin public key file " + file + ": " + e.getMessage(), e);
            }
        }
        return keys;
    }
}
