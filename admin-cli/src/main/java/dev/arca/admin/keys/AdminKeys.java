package dev.arca.admin.keys;

import dev.arca.model.admin.AdminTokenSigner;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;

/** The admin key pair, and the short-lived tokens it signs for each KBS admin call (docs/architecture.md). */
public record AdminKeys(PrivateKey privateKey, PublicKey publicKey) {

    public static final String SUBJECT = "arca-admin";
    public static final String ROLE = "admin";
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

    /** A fresh token: subject arca-admin, role admin, valid for five minutes from now. */
    public String signToken(Clock clock) {
        return signToken(clock, ROLE);
    }

    /** A fresh token with another role, for a KBS whose arca.admin.acl grants that role less than everything. */
    public String signToken(Clock clock, String role) {
        return new AdminTokenSigner(privateKey, publicKey, clock).sign(SUBJECT, role, TOKEN_LIFETIME);
    }
}
