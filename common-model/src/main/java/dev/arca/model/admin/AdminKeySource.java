package dev.arca.model.admin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the keys that may sign admin JWTs come from (docs/architecture.md "Common to the three services"): static
 * keys ({@code arca.admin.public-key-files}), a JWK set ({@code arca.admin.jwks-url}) whose key the token header
 * {@code kid} names, or both.
 */
public interface AdminKeySource {

    /** The keys that may have signed a token whose header names {@code kid} (null when it names none). */
    List<VerificationKey> keysFor(String kid);

    /** True when this source can never yield a key, so no admin token can ever be accepted. */
    boolean isEmpty();

    static AdminKeySource staticKeys(List<PublicKey> keys) {
        List<VerificationKey> verificationKeys = new ArrayList<>();
        for (PublicKey key : keys) {
            try {
                verificationKeys.add(VerificationKey.of(key));
            } catch (JOSEException | IllegalArgumentException e) {
                throw new IllegalArgumentException("unsupported admin key: " + e.getMessage(), e);
            }
        }
        List<VerificationKey> fixed = List.copyOf(verificationKeys);
        return new AdminKeySource() {
            @Override
            public List<VerificationKey> keysFor(String kid) {
                return fixed;
            }

            @Override
            public boolean isEmpty() {
                return fixed.isEmpty();
            }
        };
    }

    /** The key of {@code jwks} the header kid names; a token without a kid matches none of its keys. */
    static AdminKeySource jwks(JwkSetCache jwks) {
        return new AdminKeySource() {
            @Override
            public List<VerificationKey> keysFor(String kid) {
                if (kid == null) {
                    return List.of();
                }
                Optional<JWK> key = jwks.key(kid);
                if (key.isEmpty()) {
                    return List.of();
                }
                try {
                    return List.of(VerificationKey.of(key.get()));
                } catch (JOSEException unusable) {
                    return List.of(); // a key this service cannot use verifies nothing
                }
            }

            @Override
            public boolean isEmpty() {
                return false;
            }
        };
    }

    /** A JWKS URL fetched over http(s) with timeouts, cached, refetched on an unknown kid at most every interval. */
    static AdminKeySource jwksUrl(URI url, Duration connectTimeout, Duration readTimeout, Duration refetchInterval,
            Clock clock) {
        return jwks(new JwkSetCache("admin JWK set " + url,
                new HttpJwkSetFetcher(url, connectTimeout, readTimeout), clock, refetchInterval));
    }

    /**
     * The source the {@code arca.admin.*} keys describe: the keys of every PEM file plus, when {@code jwksUrl} is set,
     * that JWK set (5 s connect, 10 s read timeout, refetched at most every 30 s). An unreadable key file is an
     * error: silently running without it would hide a mistake.
     */
    static AdminKeySource fromConfiguration(List<Path> publicKeyFiles, URI jwksUrl, Clock clock) {
        List<PublicKey> keys = new ArrayList<>();
        for (Path file : publicKeyFiles) {
            try {
                keys.addAll(PemKeys.readPublicKeys(file));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot read admin public key file " + file + ": " + e.getMessage(),
                        e);
            }
        }
        List<AdminKeySource> sources = new ArrayList<>();
        sources.add(staticKeys(keys));
        if (jwksUrl != null) {
            sources.add(jwksUrl(jwksUrl, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), clock));
        }
        return all(sources);
    }

    /** All keys of all sources, in order. */
    static AdminKeySource all(List<AdminKeySource> sources) {
        List<AdminKeySource> fixed = List.copyOf(sources);
        return new AdminKeySource() {
            @Override
            public List<VerificationKey> keysFor(String kid) {
                List<VerificationKey> keys = new ArrayList<>();
                for (AdminKeySource source : fixed) {
                    keys.addAll(source.keysFor(kid));
                }
                return keys;
            }

            @Override
            public boolean isEmpty() {
                return fixed.stream().allMatch(AdminKeySource::isEmpty);
            }
        };
    }
}
