package dev.arca.kbs.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the KBS (docs/architecture.md "kbs-service").
 *
 * @param asUrl                base URL of the attestation service (POST /attestation, POST /policy, JWKS)
 * @param rvpsUrl              base URL of the RVPS (POST /reference-values)
 * @param sessionTimeout       RCAR session lifetime, fixed at /auth and never extended (specs/kbs.md §2.2)
 * @param sessionCapacity      most sessions kept in memory; the oldest is evicted beyond it (/auth is
 *                             unauthenticated, specs/kbs.md §9 item 9)
 * @param sessionSweepInterval how often expired sessions are deleted (upstream: every 60 s, specs/kbs.md §2.2)
 * @param kekFile              base64 32-byte AES key that encrypts secrets at rest; when unset,
 *                             {@code ${arca.data-dir}/kek}, generated on first start
 * @param maxRequestBody       largest request body accepted (upstream default 2 MiB, specs/kbs.md §1.1)
 * @param maxResourceSize      largest secret an admin may store
 * @param jwe                  resource encryption options
 * @param http                 timeouts of the calls to the AS and the RVPS
 * @param token                attestation-token verification options
 */
@ConfigurationProperties("arca.kbs")
public record KbsProperties(
        @DefaultValue("http://127.0.0.1:8081") URI asUrl,
        @DefaultValue("http://127.0.0.1:8082") URI rvpsUrl,
        @DefaultValue("5m") Duration sessionTimeout,
        @DefaultValue("10000") int sessionCapacity,
        @DefaultValue("60s") Duration sessionSweepInterval,
        Path kekFile,
        @DefaultValue("2MB") DataSize maxRequestBody,
        @DefaultValue("1MB") DataSize maxResourceSize,
        @DefaultValue Jwe jwe,
        @DefaultValue Http http,
        @DefaultValue Token token) {

    public KbsProperties {
        requirePositive("arca.kbs.session-timeout", sessionTimeout);
        requirePositive("arca.kbs.session-sweep-interval", sessionSweepInterval);
        if (sessionCapacity < 1) {
            throw new IllegalArgumentException("arca.kbs.session-capacity must be at least 1");
        }
        if (maxRequestBody.toBytes() < 1 || maxResourceSize.toBytes() < 1) {
            throw new IllegalArgumentException("arca.kbs.max-request-body and max-resource-size must be positive");
        }
    }

    /**
     * @param allowRsa15 RSA1_5 key transport is refused unless set (Bleichenbacher-type risk, specs/kbs.md §9 item 2);
     *                   property {@code arca.kbs.jwe.allow-rsa1-5}
     */
    public record Jwe(@DefaultValue("false") boolean allowRsa15) {
    }

    /** Every outbound call has a deadline (DESIGN.md "Between services"). */
    public record Http(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout) {

        public Http {
            requirePositive("arca.kbs.http.connect-timeout", connectTimeout);
            requirePositive("arca.kbs.http.read-timeout", readTimeout);
        }
    }

    /**
     * @param leeway               clock skew tolerated on {@code exp} (specs/kbs.md §3.5 step 5: 60 s)
     * @param jwksRefetchInterval  least time between two JWKS fetches caused by an unknown {@code kid}
     */
    public record Token(@DefaultValue("60s") Duration leeway, @DefaultValue("30s") Duration jwksRefetchInterval) {
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
