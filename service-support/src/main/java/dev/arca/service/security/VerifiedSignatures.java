package dev.arca.service.security;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature a fixed set of trusted keys has verified, by their exact text, until they expire. A caller
 * presents the same token for half its lifetime ({@link CallerTokens}), so without this every internal call paid a
 * full ECDSA verify for a result already known: the same bytes under the same keys verify the same way. Only for keys
 * fixed at start (the caller keys); only successes are kept; the claims are still validated on every use ({@code exp},
 * {@code aud}, by the decoder's validators), and an entry goes when its token expires.
 */
final class VerifiedSignatures {

    /** Callers are a handful of services, each with one current token: the bound only matters under abuse. */
    static final int MAX_ENTRIES = 256;

    private final Map<String, JWTClaimsSet> verified = new ConcurrentHashMap<>();
    private final Clock clock;

    VerifiedSignatures(Clock clock) {
        this.clock = clock;
    }

    Optional<JWTClaimsSet> find(String token) {
        JWTClaimsSet claims = verified.get(token);
        if (claims == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(expiry(claims))) {
            verified.remove(token);
            return Optional.empty();
        }
        return Optional.of(claims);
    }

    /** Remembers a verified token; one without {@code exp} is not kept (the validators refuse it anyway). */
    void add(String token, JWTClaimsSet claims) {
        if (claims.getExpirationTime() == null) {
            return;
        }
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(token, claims);
    }

    private static Instant expiry(JWTClaimsSet claims) {
        Date exp = claims.getExpirationTime();
        return exp == null ? Instant.MIN : exp.toInstant();
    }
}
