package dev.arca.attestation.collateral;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The collateral framework's beans: the database cache and the provider factory verifiers inject. */
@Configuration(proxyBeanMethods = false)
public class CollateralConfiguration {

    @Bean
    CollateralStore collateralStore(JdbcClient jdbc) {
        return new CollateralStore(jdbc);
    }

    @Bean(destroyMethod = "close")
    CollateralProviders collateralProviders(CollateralProperties config, CollateralStore store, Clock clock,
            MeterRegistry registry) {
        return new CollateralProviders(config, store, clock, registry);
    }
}
