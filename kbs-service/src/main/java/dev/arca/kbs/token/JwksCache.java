package dev.arca.kbs.token;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.upstream.AttestationServiceClient;
import dev.arca.kbs.upstream.UpstreamUnavailableException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The AS's token-signing keys, fetched from its JWKS endpoint and cached. An unknown {@code kid} (the AS rotated its
 * key) triggers one refetch, but at most one per {@code arca.kbs.token.jwks-refetch-interval}, so tokens with made-up
 * kids cannot make the KBS hammer the AS (specs/kbs.md §9 item 9).
 */
@Component
public class JwksCache {

    private static final Logger log = LoggerFactory.getLogger(JwksCache.class);

    private final AttestationServiceClient attestationService;
    private final Clock clock;
    private final Duration refetchInterval;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile JWKSet keys;
    private volatile Instant lastFetch;

    public JwksCache(AttestationServiceClient attestationService, Clock clock, KbsProperties properties) {
        this.attestationService = attestationService;
        this.clock = clock;
        this.refetchInterval = properties.token().jwksRefetchInterval();
    }

    /**
     * The key with that id. Empty when the AS does not publish it; throws {@link UpstreamUnavailableException} when no
     * key set could be obtained at all.
     */
    public Optional<JWK> key(String kid) {
        JWKSet current = keys;
        if (current != null && current.getKeyByKeyId(kid) != null) {
            return Optional.of(current.getKeyByKeyId(kid));
        }
        lock.lock();
        try {
            if (keys == null || keys.getKeyByKeyId(kid) == null) {
                refetchIfAllowed();
            }
            if (keys == null) {
                throw new UpstreamUnavailableException("the attestation service's JWKS is not available", null);
            }
            return Optional.ofNullable(keys.getKeyByKeyId(kid));
        } finally {
            lock.unlock();
        }
    }

    private void refetchIfAllowed() {
        Instant now = clock.instant();
        if (lastFetch != null && now.isBefore(lastFetch.plus(refetchInterval))) {
            return;
        }
        lastFetch = now;
        try {
            JWKSet fetched = JWKSet.parse(attestationService.jwks());
            keys = fetched.toPublicJWKSet();
            log.info("fetched {} attestation-token key(s) from the attestation service", keys.getKeys().size());
        } catch (ParseException e) {
            log.warn("the attestation service's JWKS is not a JWK Set: {}", e.getMessage());
        } catch (UpstreamUnavailableException e) {
            log.warn("cannot fetch the attestation service's JWKS: {}", e.getMessage());
        }
    }
}
