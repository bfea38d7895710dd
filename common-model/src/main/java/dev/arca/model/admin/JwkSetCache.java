package dev.arca.model.admin;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One trusted JWK set (a JWKS URL, a file, an attestation service's keys), loaded on first use and cached. An unknown
 * {@code kid} (the issuer rotated its key) triggers a reload, but at most one per refetch interval, so tokens with
 * made-up kids cannot make a service hammer the issuer or re-read a file on every request.
 */
public final class JwkSetCache {

    /** Where the set comes from: returns the JSON text; throws an unchecked exception when it is unavailable. */
    @FunctionalInterface
    public interface Fetcher {
        String fetch();
    }

    private static final System.Logger log = System.getLogger(JwkSetCache.class.getName());

    private final String name;
    private final Fetcher fetcher;
    private final Clock clock;
    private final Duration refetchInterval;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile JWKSet keys;
    private volatile Instant lastFetch;

    public JwkSetCache(String name, Fetcher fetcher, Clock clock, Duration refetchInterval) {
        this.name = name;
        this.fetcher = fetcher;
        this.clock = clock;
        this.refetchInterval = refetchInterval;
    }

    public String name() {
        return name;
    }

    /** The key with that id, reloading the set when the id is unknown and a reload is due. */
    public Optional<JWK> key(String kid) {
        JWKSet current = keys;
        if (current != null && current.getKeyByKeyId(kid) != null) {
            return Optional.of(current.getKeyByKeyId(kid));
        }
        lock.lock();
        try {
            if (keys == null || keys.getKeyByKeyId(kid) == null) {
                reloadIfDue();
            }
            return keys == null ? Optional.empty() : Optional.ofNullable(keys.getKeyByKeyId(kid));
        } finally {
            lock.unlock();
        }
    }

    /** False until the set has been loaded once: an unknown kid then means "cannot tell", not "untrusted". */
    public boolean loaded() {
        return keys != null;
    }

    private void reloadIfDue() {
        Instant now = clock.instant();
        if (lastFetch != null && now.isBefore(lastFetch.plus(refetchInterval))) {
            return;
        }
        lastFetch = now;
        try {
            JWKSet fetched = JWKSet.parse(fetcher.fetch()).toPublicJWKSet();
            keys = fetched;
            log.log(Level.INFO, "loaded {0} key(s) from {1}", fetched.getKeys().size(), name);
        } catch (ParseException e) {
            log.log(Level.WARNING, "{0} is not a JWK Set: {1}", name, e.getMessage());
        } catch (RuntimeException e) {
            // fail closed: keep the keys we had (or none) until the next due reload
            log.log(Level.WARNING, "cannot load the JWK set of {0}: {1}", name, e.getMessage());
        }
    }
}
