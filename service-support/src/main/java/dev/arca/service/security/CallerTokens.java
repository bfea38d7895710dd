package dev.arca.service.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.model.caller.CallerKeyFile;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs the short-lived bearer tokens this service presents to another Arca service ({@code iss} = this service's
 * name, {@code aud} = the callee's). A token is reused until half its lifetime has passed: signing per call would
 * put an ECDSA signature on every attestation's path for no gain.
 */
public final class CallerTokens {

    private record Issued(String token, Instant renewAfter) {
    }

    private final String name;
    private final ECDSASigner signer;
    private final Duration lifetime;
    private final Clock clock;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    public CallerTokens(String name, CallerKeyFile key, Duration lifetime, Clock clock) throws JOSEException {
        if (!(key.privateKey() instanceof ECPrivateKey ec)) {
            throw new IllegalArgumentException("a caller key must be an EC P-256 key");
        }
        this.name = name;
        this.signer = new ECDSASigner(ec);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** The value of the {@code Authorization} header for a call to {@code audience}. */
    public String authorization(String audience) {
        Instant now = clock.instant();
        Issued current = issued.get(audience);
        if (current == null || !now.isBefore(current.renewAfter())) {
            current = new Issued(sign(audience, now), now.plus(lifetime.dividedBy(2)));
            issued.put(audience, current);
        }
        return "Bearer " + current.token();
    }

    private String sign(String audience, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(name)
                .subject(name)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a caller token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
