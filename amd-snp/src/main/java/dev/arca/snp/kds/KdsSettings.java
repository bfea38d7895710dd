package dev.arca.snp.kds;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach AMD's KDS (or a caching proxy that serves the same paths).
 *
 * @param baseUrl        scheme, host, port and an optional path prefix; {@code https://kdsintf.amd.com} by default
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout the whole request's deadline
 * @param maxBytes       the largest answer accepted (a VCEK is ~1.4 KB, a chain ~4 KB, a CRL a few KB)
 */
public record KdsSettings(URI baseUrl, Duration connectTimeout, Duration requestTimeout, int maxBytes) {

    public static final URI AMD_KDS = URI.create("https://kdsintf.amd.com");

    public KdsSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!"https".equals(baseUrl.getScheme()) && !"http".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("the KDS base URL must be http(s), got " + baseUrl);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("KDS timeouts must be positive");
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
    }

    /** AMD's KDS with 5 s to connect, 15 s per request, answers up to 1 MiB. */
    public static KdsSettings defaults() {
        return of(AMD_KDS);
    }

    public static KdsSettings of(URI baseUrl) {
        return new KdsSettings(baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(15), 1 << 20);
    }
}
