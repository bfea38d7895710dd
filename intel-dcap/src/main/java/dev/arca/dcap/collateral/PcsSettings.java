package dev.arca.dcap.collateral;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach Intel's PCS or a PCCS (Intel PCS API v4). Only the scheme, host and port of
 * {@code baseUrl} are used; request paths are rebuilt from {@code /}, as upstream does, so a configured
 * {@code https://host/sgx/certification/v4/} works unchanged.
 *
 * @param baseUrl        PCS or PCCS; default {@code https://api.trustedservices.intel.com}
 * @param connectTimeout TCP/TLS connect timeout; default 5 s
 * @param readTimeout    time allowed for each response; default 10 s
 * @param updateType     {@code early} (default, as upstream) or {@code standard} TCB update
 * @param maxResponseBytes largest accepted response body; default 4 MiB
 */
public record PcsSettings(URI baseUrl, Duration connectTimeout, Duration readTimeout, String updateType,
        int maxResponseBytes) {

    public static final URI INTEL_PCS = URI.create("https://api.trustedservices.intel.com");

    public PcsSettings {
        baseUrl = baseUrl == null ? INTEL_PCS : baseUrl;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
        updateType = updateType == null ? "early" : updateType.toLowerCase(Locale.ROOT);
        maxResponseBytes = maxResponseBytes <= 0 ? 4 * 1024 * 1024 : maxResponseBytes;
        Objects.requireNonNull(baseUrl.getScheme(), "baseUrl needs a scheme");
        if (!updateType.equals("early") && !updateType.equals("standard")) {
            throw new IllegalArgumentException("updateType is early or standard");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public static PcsSettings defaults(URI baseUrl) {
        return new PcsSettings(baseUrl, null, null, null, 0);
    }

    /** scheme://host[:port] of the base URL. */
    URI origin() {
        return URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority());
    }

    boolean isIntelPcs() {
        return INTEL_PCS.getHost().equalsIgnoreCase(baseUrl.getHost());
    }
}
