package dev.arca.rvps;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Service limits. Who may read is decided by the security configuration (docs/security.md): the AS's caller token,
 * an admin token with role admin or reader, or — with {@code arca.callers.allow-unauthenticated-callers} — anyone.
 *
 * @param maxRequestSize largest request body accepted; larger bodies are refused with 413 before they are parsed
 *                       (also the gRPC inbound message limit)
 */
@ConfigurationProperties("arca.rvps")
public record RvpsProperties(@DefaultValue("1MB") DataSize maxRequestSize) {

    public RvpsProperties {
        if (maxRequestSize.toBytes() <= 0 || maxRequestSize.toBytes() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arca.rvps.max-request-size must be between 1B and 2GB");
        }
    }
}
