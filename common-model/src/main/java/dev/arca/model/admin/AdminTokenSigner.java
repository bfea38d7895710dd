package dev.arca.model.admin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Issues short-lived admin tokens, as the admin CLI does for each call. */
public final class AdminTokenSigner {

    /** The claim naming the caller's admin role; the services require it non-blank (service-support JwtDecoders). */
    public static final String ROLE_CLAIM = "role";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Clock clock;

    public AdminTokenSigner(PrivateKey privateKey, PublicKey publicKey, Clock clock) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.clock = clock;
    }

    public String sign(String subject, String role, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim(ROLE_CLAIM, role)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(AdminJwk.algorithmFor(publicKey)), claims);
        try {
            jwt.sign(AdminJwk.signer(privateKey, publicKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign admin token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
