package dev.arca.attestation.rvps;

import dev.arca.attestation.config.AsProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.json.JsonMapper;

/** The reference values policies see: the RVPS behind a short-lived cache. */
@Configuration(proxyBeanMethods = false)
public class RvpsConfiguration {

    @Bean
    RvpsClient rvpsClient(AsProperties properties, JsonMapper json) {
        BearerTokenFile token = properties.rvpsTokenFile() == null ? null
                : new BearerTokenFile(properties.rvpsTokenFile());
        return new RvpsClient(properties.rvpsUrl(), properties.rvpsConnectTimeout(), properties.rvpsReadTimeout(),
                json, token);
    }

    /** Primary: policies read reference values through the cache, never the bare client. */
    @Bean
    @Primary
    ReferenceValueCache referenceValues(RvpsClient client, AsProperties properties, Clock clock) {
        return new ReferenceValueCache(client, properties.rvpsCacheTtl(), properties.rvpsStaleIfError(), clock);
    }
}
