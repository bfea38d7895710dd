package dev.arca.kbs.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The /auth rate limit per client address (docs/kbs.md "Operations"): a token bucket holding {@code burst} calls,
 * refilled at {@code perMinute} calls per minute. /auth is unauthenticated and each call stores a session
 * (upstream Trustee has no such limit), so one address cannot fill the session store.
 *
 * @param enabled    whether /auth is limited at all
 * @param burst      calls a client may make at once
 * @param perMinute  sustained calls per minute per client
 * @param maxClients client addresses tracked at once; beyond it the least recently seen is forgotten
 */
@ConfigurationProperties("arca.kbs.rate-limit.auth")
public record AuthRateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30") int burst,
        @DefaultValue("60") int perMinute,
        @DefaultValue("10000") int maxClients) {

    public AuthRateLimitProperties {
        if (burst < 1 || perMinute < 1 || maxClients < 1) {
            throw new IllegalArgumentException("arca.kbs.rate-limit.auth burst, per-minute and max-clients must be "
                    + "at least 1");
        }
    }
}
