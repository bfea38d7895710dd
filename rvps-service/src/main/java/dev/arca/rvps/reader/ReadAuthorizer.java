package dev.arca.rvps.reader;

import dev.arca.model.admin.AdminAuthException;
import dev.arca.model.admin.AdminIdentity;
import dev.arca.model.admin.AdminTokenVerifier;
import dev.arca.model.admin.PemKeys;
import dev.arca.rvps.RvpsProperties;
import dev.arca.rvps.admin.AdminProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides who may read reference values. With {@code arca.rvps.read-auth=none} everyone (the single-host launcher;
 * or mTLS authenticates callers at the TLS layer). With {@code bearer}: a JWT in the same scheme as admin tokens
 * ({@code exp} required), signed by a key of {@code arca.rvps.reader-public-key-files} or by an admin key, whose
 * {@code role} is {@code reader} or the admin role. Reader keys never authorise admin calls.
 */
@Component
public class ReadAuthorizer {

    public static final String READER_ROLE = "reader";

    private static final Logger log = LoggerFactory.getLogger(ReadAuthorizer.class);

    /** Null when reads are open. */
    private final AdminTokenVerifier verifier;
    private final String adminRole;

    public ReadAuthorizer(RvpsProperties properties, AdminProperties admin, Clock clock) {
        this.adminRole = admin.requiredRole();
        if (properties.readAuth() == RvpsProperties.ReadAuth.NONE) {
            log.info("Reads are open (arca.rvps.read-auth=none)");
            this.verifier = null;
            return;
        }
        List<PublicKey> keys = new ArrayList<>(readKeys(properties.readerPublicKeyFiles(), "reader"));
        keys.addAll(readKeys(admin.publicKeyFiles(), "admin"));
        log.info("Reads need a bearer token signed by one of {} reader/admin key(s)", keys.size());
        this.verifier = new AdminTokenVerifier(keys, admin.clockSkew(), clock);
    }

    /**
     * @return the reader, or empty when reads are open
     * @throws ReaderUnauthenticatedException without a valid token
     * @throws ReaderForbiddenException when the token's role may not read
     */
    public Optional<AdminIdentity> authorize(String authorizationHeader) {
        if (verifier == null) {
            return Optional.empty();
        }
        AdminIdentity identity;
        try {
            identity = verifier.verify(authorizationHeader);
        } catch (AdminAuthException e) {
            // the shared verifier words its messages for admin tokens
            throw new ReaderUnauthenticatedException("reader token rejected: "
                    + e.getMessage().replace("admin keys", "reader or admin keys"));
        }
        if (!READER_ROLE.equals(identity.role()) && !adminRole.equals(identity.role())) {
            throw new ReaderForbiddenException("the token's role may not read reference values (reader or "
                    + adminRole + " required)");
        }
        return Optional.of(identity);
    }

    private static List<PublicKey> readKeys(List<Path> files, String kind) {
        List<PublicKey> keys = new ArrayList<>();
        for (Path file : files) {
            try {
                keys.addAll(PemKeys.readPublicKeys(file));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot read " + kind + " public key file " + file + ": "
                        + e.getMessage(), e);
            }
        }
        return keys;
    }
}
