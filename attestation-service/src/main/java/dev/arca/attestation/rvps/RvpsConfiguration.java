package dev.arca.attestation.rvps;

import dev.arca.attestation.config.AsProperties;
import dev.arca.service.security.CallerTokens;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.json.JsonMapper;

/** The reference values policies see: the RVPS behind a short-lived cache, merged with configured ones. */
@Configuration(proxyBeanMethods = false)
public class RvpsConfiguration {

    /** The RVPS's name for caller tokens ({@code arca.callers.name} of the RVPS). */
    static final String RVPS_AUDIENCE = "rvps";

    /**
     * The AS's credential at the RVPS: its own caller token when it has a caller key (the default in every Arca
     * deployment), else the token of {@code arca.as.rvps-token-file} (e.g. a token minted by an identity provider),
     * else none (an RVPS that admits unauthenticated readers).
     */
    @Bean
    RvpsClient rvpsClient(AsProperties properties, JsonMapper json, ObjectProvider<CallerTokens> callerTokens) {
        CallerTokens tokens = callerTokens.getIfAvailable();
        Supplier<String> authorization = null;
        if (tokens != null) {
            authorization = () -> tokens.authorization(RVPS_AUDIENCE);
        } else if (properties.rvpsTokenFile() != null) {
            BearerTokenFile file = new BearerTokenFile(properties.rvpsTokenFile());
            authorization = () -> "Bearer " + file.token();
        }
        return new RvpsClient(properties.rvpsUrl(), properties.rvpsConnectTimeout(), properties.rvpsReadTimeout(),
                json, authorization);
    }

    /** Policies read reference values through the cache, never the bare client. */
    @Bean
    ReferenceValueCache referenceValueCache(RvpsClient client, AsProperties properties, Clock clock) {
        return new ReferenceValueCache(client, properties.rvpsCacheTtl(), properties.rvpsStaleIfError(), clock);
    }

    /** Primary: what policies see, the cached RVPS values merged with those of the configuration (RIM files …). */
    @Bean
    @Primary
    CombinedReferenceValues referenceValues(ReferenceValueCache cache,
            ObjectProvider<ConfiguredReferenceValues> configured) {
        return new CombinedReferenceValues(cache, configured.orderedStream().toList());
    }
}
