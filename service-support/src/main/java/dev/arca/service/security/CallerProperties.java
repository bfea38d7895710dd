package dev.arca.service.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service-to-service credentials (docs/security.md "Callers of internal APIs"): a caller signs a short-lived JWT with
 * its own key ({@code iss} = its name, {@code aud} = the callee's name); the callee trusts the public keys configured
 * per caller name.
 *
 * @param name                        this service's name: the {@code iss} of the tokens it sends and the {@code aud}
 *                                    the tokens it accepts must name
 * @param keyFile                     this service's private key (PEM, EC P-256) for the tokens it sends; created
 *                                    (with {@code <file>.pub}) when missing; unset = this service sends none
 * @param trusted                     per caller name, PEM files of the public keys its tokens may be signed with
 * @param tokenLifetime               lifetime of the tokens this service signs
 * @param allowUnauthenticatedCallers lets callers without a credential (an upstream KBS or AS) use the internal API;
 *                                    logged as a warning at start and on every such call
 */
@ConfigurationProperties("arca.callers")
public record CallerProperties(
        String name,
        Path keyFile,
        Map<String, List<Path>> trusted,
        @DefaultValue("120s") Duration tokenLifetime,
        @DefaultValue("false") boolean allowUnauthenticatedCallers) {

    public CallerProperties {
        trusted = trusted == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(trusted));
        if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()
                || tokenLifetime.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("arca.callers.token-lifetime must be between 1 s and 10 min");
        }
    }
}
