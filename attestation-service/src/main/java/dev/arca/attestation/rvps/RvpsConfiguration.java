package dev.arca.attestation.rvps;

import dev.arca.attestation.config.AsProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The reference values policies see: the RVPS behind a short-lived cache. */
@Configuration(proxyBeanMethods = false)
public class RvpsConfiguration {

    @Bean
    ReferenceValueCache referenceValues(AsProperties properties, JsonMapper json, Clock clock) {
        RvpsClient client = new RvpsClient(properties.rvpsUrl(), properties.rvpsConnectTimeout(),
                properties.rvpsReadTimeout(), json);
        return new ReferenceValueCache(client, properties.rvpsCacheTtl(), clock);
    }
}
